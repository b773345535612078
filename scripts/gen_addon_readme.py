"""Generate an addon's README.rst from its readme/ fragments (OCA layout).

python scripts/gen_addon_readme.py ADDON_DIR          write README.rst
python scripts/gen_addon_readme.py --check ADDON_DIR  fail when it is out of date
"""

from __future__ import annotations

import argparse
import ast
import pathlib
import sys

SECTIONS = [
    ("DESCRIPTION", None),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
    ("CONTRIBUTORS", "Contributors"),
]


def _title(text: str, char: str, overline: bool = False) -> str:
    line = char * len(text)
    return f"{line}\n{text}\n{line}\n" if overline else f"{text}\n{line}\n"


def _md_to_rst(text: str) -> str:
    # The fragments use a Markdown subset that is already valid reStructuredText,
    # except inline code: `x` is interpreted text in rst, ``x`` is literal.
    out = []
    for line in text.splitlines():
        if line.startswith("# ") or line.startswith("## "):
            heading = line.lstrip("#").strip()
            out.append(heading)
            out.append("~" * len(heading))
            continue
        out.append(_double_backticks(line))
    return "\n".join(out).strip() + "\n"


def _double_backticks(line: str) -> str:
    parts = line.split("``")
    return "``".join(p.replace("`", "``") for p in parts)


def render(addon: pathlib.Path) -> str:
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    chunks = [_title(manifest["name"], "=", overline=True)]
    chunks.append(
        f"|maturity| |license|\n\n"
        f".. |maturity| image:: https://img.shields.io/badge/maturity-"
        f"{manifest.get('development_status', 'Alpha')}-yellow.png\n"
        f".. |license| image:: https://img.shields.io/badge/licence-"
        f"{manifest['license']}-blue.png\n"
    )
    chunks.append(manifest.get("summary", "") + "\n")
    for fragment, title in SECTIONS:
        path = addon / "readme" / f"{fragment}.md"
        if not path.exists():
            continue
        body = _md_to_rst(path.read_text(encoding="utf-8"))
        chunks.append((_title(title, "=") + "\n" if title else "") + body)
    chunks.append(
        _title("Maintainers", "=") + f"\nThis module is maintained by {manifest['author']}.\n"
    )
    return "\n".join(chunks)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("addon", type=pathlib.Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    wanted = render(args.addon)
    target = args.addon / "README.rst"
    if args.check:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != wanted:
            print(f"{target} is out of date: run python scripts/gen_addon_readme.py {args.addon}")
            return 1
        return 0
    target.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
