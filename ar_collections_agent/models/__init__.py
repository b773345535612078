from . import (
    account_move,
    ar_collection_case_mixin,
    ar_collection_composer,
    ar_collection_dispute,
    ar_collection_policy,
    ar_collection_promise,
    ar_collection_reply,
    mail_thread,
    res_config_settings,
    res_partner,
)
