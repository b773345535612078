import base64
import os
import shutil
import tempfile
import time
from datetime import date
from unittest.mock import patch

from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

from .cockpit_common import EXAMPLE_TODAY, CockpitCommon

SCREENSHOT_ENV = "ARC_SCREENSHOT_DIR"


@tagged("post_install", "-at_install")
class TestCockpitTour(CockpitCommon, HttpCase):
    """The cockpit in a real browser, opened by a collector on the test's data (the
    example's ledger moved to end today, and a customer with a year of history for
    the forecast's backtest). A screenshot of the cockpit is saved; it is copied to
    $ARC_SCREENSHOT_DIR/cockpit.png when that variable is set."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = date.today()
        cls._cockpit_data(shift=today - EXAMPLE_TODAY)
        zephyr = cls._customer("Zephyr Logistics", user_id=cls.collector.id)
        start = date(today.year - 2, today.month, 5)
        lateness = [3, 0, 12, 5, 30, 8, 2, 45, 15, 0, 7, 20, 4, 10, 25, 6, 1, 14, 9, 35, 0]
        cls._paid_history(zephyr, [*lateness, None], start=start, amount=1500.0)

    def test_cockpit_tour(self):
        screenshot = {}

        def wait_and_capture(browser, code, timeout, error_checker=None):
            result = original(browser, code, timeout, error_checker=error_checker)
            # the tour ends on the cockpit: take its picture, tall enough for the forecast
            browser._websocket_request(
                "Emulation.setDeviceMetricsOverride",
                params={"width": 1440, "height": 1250, "deviceScaleFactor": 1, "mobile": False},
            )
            time.sleep(1.0)  # let the page lay itself out again at the new size
            shot = browser._websocket_request(
                "Page.captureScreenshot", params={"format": "png"}, timeout=30
            )
            screenshot["png"] = base64.b64decode(shot["data"])
            return result

        original = ChromeBrowser._wait_code_ok
        with patch.object(ChromeBrowser, "_wait_code_ok", wait_and_capture):
            self.start_tour(
                "/odoo/action-ar_collections_agent.ar_collection_cockpit_action",
                "ar_collections_cockpit_tour",
                login="collector",
                timeout=120,
            )
        png = screenshot.get("png", b"")
        self.assertTrue(png.startswith(b"\x89PNG"), "no screenshot of the cockpit")
        path = os.path.join(tempfile.gettempdir(), "ar_collections_cockpit.png")
        with open(path, "wb") as out:
            out.write(png)
        target = os.environ.get(SCREENSHOT_ENV)
        if target:
            os.makedirs(target, exist_ok=True)
            shutil.copy(path, os.path.join(target, "cockpit.png"))
        # what the browser showed is what the server computed for the collector
        data = self.env["ar.collection.cockpit"].with_user(self.collector).get_cockpit_data()
        (company,) = data["companies"]
        self.assertIsNotNone(company["months"][-1]["dso_countback"])
        self.assertIsNotNone(company["forecast"]["backtest"])
