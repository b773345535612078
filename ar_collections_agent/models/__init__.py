from . import (
    account_move,
    ar_collection_agent,
    ar_collection_case_mixin,
    ar_collection_channels,
    ar_collection_composer,
    ar_collection_decision,
    ar_collection_dispute,
    ar_collection_policy,
    ar_collection_promise,
    res_config_settings,
    res_partner,
)
