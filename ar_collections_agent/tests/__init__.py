from . import (
    test_agent_channels,
    test_agent_cycle,
    test_agent_safety,
    test_agent_snapshot,
    test_collection_cases,
    test_install,
    test_payment_profile,
    test_reminder_messages,
)
