"""The core must stay importable and testable without Odoo."""

import ast
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[2] / "ar_collections_core"


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def test_core_never_imports_odoo():
    offenders = [
        f"{path.relative_to(CORE.parent)}: {name}"
        for path in CORE.rglob("*.py")
        for name in _imported_modules(path)
        if name == "odoo" or name.startswith("odoo.")
    ]
    assert offenders == []


def test_every_core_module_imports_without_odoo():
    # A fresh interpreter that cannot import odoo at all must still load every module.
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'odoo' or name.startswith('odoo.'):\n"
        "            raise ImportError('odoo is blocked in the core')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import ar_collections_core as pkg\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    if not info.name.endswith('__main__'): importlib.import_module(info.name)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=CORE.parent)


def test_cli_lists_its_commands():
    result = subprocess.run(
        [sys.executable, "-m", "ar_collections_core", "--help"],
        check=True,
        capture_output=True,
        text=True,
        cwd=CORE.parent,
    )
    assert "usage: ar-collections" in result.stdout
