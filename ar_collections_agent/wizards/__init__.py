from . import (
    ar_collection_case_wizard_mixin,
    ar_collection_dispute_wizard,
    ar_collection_promise_wizard,
    ar_collection_reply_wizard,
)
