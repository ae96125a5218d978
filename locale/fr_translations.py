"""Fill locale/fr/LC_MESSAGES/django.po from locale/translations_fr/*.json after `makemessages -l fr`.

Run: python locale/fr_translations.py && python manage.py compilemessages -l fr
Entries missing here stay empty, and chatsite/tests/test_i18n.py fails until they are translated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

TABLES = Path(__file__).resolve().parent / "translations_fr"


def load_table() -> dict[str, str]:
    """All English -> French tables (one JSON file per area of the app), merged."""
    table: dict[str, str] = {}
    for path in sorted(TABLES.glob("*.json")):
        table.update(json.loads(path.read_text(encoding="utf-8")))
    return table


PO = Path(__file__).resolve().parent / "fr" / "LC_MESSAGES" / "django.po"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _replacement(text: str, *, keep_group: bool = False) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return (match.group(1) if keep_group else "") + text

    return replace


def main() -> None:
    po = PO.read_text(encoding="utf-8")
    for source, target in load_table().items():
        pattern = re.compile(r'(msgid "' + re.escape(_escape(source)) + r'"\n)msgstr ""\n')
        po = pattern.sub(_replacement(f'msgstr "{_escape(target)}"\n', keep_group=True), po)
    headers = {
        "Project-Id-Version": "Atelier",
        "PO-Revision-Date": "2026-11-22 00:00+0000",
        "Last-Translator": "Atelier team",
        "Language-Team": "French",
        "Language": "fr",
    }
    for field, value in headers.items():
        po = re.sub(rf'"{field}: [^"]*\\n"', _replacement(f'"{field}: {value}\\n"'), po)
    po = po.replace("#, fuzzy\nmsgid \"\"", "msgid \"\"", 1)
    PO.write_text(po, encoding="utf-8")


if __name__ == "__main__":
    main()
