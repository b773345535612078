"""Screenshot of the Collections cockpit of a running Odoo (e.g. the demo database
served by scripts/run_demo.sh), with headless Chromium driven over the DevTools
protocol: log in, open the cockpit, capture. Needs `chromium` and `websocket-client`
(installed into Odoo's Python by the test command).

    python3 scripts/cockpit_screenshot.py http://127.0.0.1:8069 admin admin out.png
"""

import base64
import json
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

base, login, password, out = sys.argv[1:5]
port = 9333
profile = tempfile.mkdtemp()
chrome = subprocess.Popen(
    [
        "chromium",
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        f"--remote-debugging-port={port}",
        f"--user-data-dir={profile}",
        "--window-size=1440,1250",
        "--remote-allow-origins=*",
        "about:blank",
    ],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
try:
    for _ in range(50):
        try:
            tabs = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
            page = next(t for t in tabs if t["type"] == "page")
            break
        except Exception:
            time.sleep(0.2)
    ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
    ids = iter(range(1, 10**6))

    def call(method, **params):
        i = next(ids)
        ws.send(json.dumps({"id": i, "method": method, "params": params}))
        while True:
            msg = json.loads(ws.recv())
            if msg.get("id") == i:
                return msg.get("result", {})

    def js(expr):
        return (
            call("Runtime.evaluate", expression=expr, awaitPromise=True, returnByValue=True)
            .get("result", {})
            .get("value")
        )

    def wait_for(expr, timeout=60):
        end = time.time() + timeout
        while time.time() < end:
            if js(expr):
                return True
            time.sleep(0.5)
        raise SystemExit(f"timed out waiting for {expr}")

    call(
        "Emulation.setDeviceMetricsOverride",
        width=1440,
        height=1250,
        deviceScaleFactor=1,
        mobile=False,
    )
    call("Page.navigate", url=f"{base}/web/login")
    wait_for("!!document.querySelector('input[name=login]')")
    js(
        f"document.querySelector('input[name=login]').value={json.dumps(login)};"
        f"document.querySelector('input[name=password]').value={json.dumps(password)};"
        "document.querySelector('form').submit(); true"
    )
    time.sleep(3)
    call(
        "Page.navigate", url=f"{base}/odoo/action-ar_collections_agent.ar_collection_cockpit_action"
    )
    wait_for(
        "!!document.querySelector('.o_action_manager') && document.body.innerText.includes('DSO')",
        90,
    )
    time.sleep(4)
    shot = call("Page.captureScreenshot", format="png")
    open(out, "wb").write(base64.b64decode(shot["data"]))
    print("saved", out)
finally:
    chrome.terminate()
