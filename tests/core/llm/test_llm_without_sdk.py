"""Everything works without the anthropic package: imports, and a clean fallback."""

from __future__ import annotations

import pathlib
import subprocess
import sys

from arc_llm_fixtures import OPEN_INVOICES, PROMISE_TEXT, TODAY, message_facts, offline_reading

from ar_collections_core.llm import LlmClient, LlmSettings, draft_reminder, understand_with_llm

ROOT = pathlib.Path(__file__).resolve().parents[3]


def test_importing_the_core_never_imports_the_sdk():
    code = (
        "import sys, importlib, pkgutil\n"
        "import ar_collections_core as pkg\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    if not info.name.endswith('__main__'): importlib.import_module(info.name)\n"
        "assert 'anthropic' not in sys.modules, 'the SDK was imported eagerly'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_a_process_without_the_sdk_falls_back_offline():
    # A fresh interpreter where ``import anthropic`` fails, as when the extra is absent.
    code = (
        "import sys\n"
        "sys.modules['anthropic'] = None\n"
        "sys.path.insert(0, 'tests/core/llm')\n"
        "from arc_llm_fixtures import OPEN_INVOICES, PROMISE_TEXT, TODAY, offline_reading\n"
        "from ar_collections_core.llm import LlmSettings, make_client, sdk_available\n"
        "from ar_collections_core.llm import understand_with_llm\n"
        "assert not sdk_available()\n"
        "client = make_client(LlmSettings(api_key='k', mode='understanding'))\n"
        "offline = offline_reading(PROMISE_TEXT)\n"
        "out = understand_with_llm(offline, client=client, open_invoices=OPEN_INVOICES,\n"
        "                          today=TODAY)\n"
        "assert out.outcome == 'fallback:sdk_missing', out.outcome\n"
        "assert out.understanding.engine == 'offline'\n"
        "assert out.usage.called is False\n"
        "print('ok')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_sdk_missing_in_process():
    client = LlmClient(
        LlmSettings(api_key="k", mode="understanding_and_drafting"), sdk_loader=lambda: None
    )
    offline = offline_reading(PROMISE_TEXT)
    outcome = understand_with_llm(offline, client=client, open_invoices=OPEN_INVOICES, today=TODAY)
    assert outcome.outcome == "fallback:sdk_missing" and outcome.understanding.engine == "offline"
    drafted = draft_reminder(message_facts(), client=client)
    assert drafted.outcome == "fallback:sdk_missing" and not drafted.ok
    assert drafted.codes == ("sdk_missing",)
