"""The core's fake Messages API on 127.0.0.1, and Claude's settings pointed at it."""

import unittest

from ar_collections_core.llm.client import load_sdk, shared_breaker
from ar_collections_core.llm.fake_api import FakeMessagesAPI

PREFIX = "ar_collections_agent.llm_"
NO_SDK = "the anthropic SDK is not installed in Odoo's Python (pip install anthropic)"


class LlmCommonMixin:
    """Start the fake server for the class; each test sets the parameters it needs
    (small timeouts and waits, so that the whole class runs in seconds)."""

    llm_mode = "understanding_and_drafting"

    @classmethod
    def setUpClass(cls):
        if load_sdk() is None:
            raise unittest.SkipTest(NO_SDK)
        super().setUpClass()
        cls.fake_api = FakeMessagesAPI().start()
        cls.addClassCleanup(cls.fake_api.stop)

    def setUp(self):
        super().setUp()
        self.fake_api.script.clear()
        self.fake_api.requests.clear()
        self.set_llm(
            mode=self.llm_mode,
            api_key="sk-ant-test-secret",
            base_url=self.fake_api.url,
            timeout=0.5,
            connect_timeout=0.5,
            max_retries=1,
            backoff_base=0.01,
            backoff_max=0.05,
            max_retry_wait=1,
            breaker_threshold=50,
        )

    def set_llm(self, **values):
        params = self.env["ir.config_parameter"].sudo()
        for name, value in values.items():
            params.set_param(PREFIX + name, value if value is None else str(value))
        # Each test starts with a closed circuit (the breaker is per process).
        shared_breaker(self.env["ar.collection.llm.call"]._llm_settings()).record_success()

    def llm_calls(self, **domain):
        terms = [(k, "=", v) for k, v in domain.items()]
        return self.env["ar.collection.llm.call"].search(terms, order="id")
