from . import test_collection_cases, test_install, test_payment_profile
