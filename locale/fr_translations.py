"""Fill locale/fr/LC_MESSAGES/django.po from locale/translations_fr/*.json after `makemessages -l fr`.

Run `locale/update.sh` (extract, fill, compile). Entries missing from the tables stay empty, and
chatsite/tests/test_i18n.py fails until they are translated. msgmerge's fuzzy guesses are dropped:
every French string comes from a table a person wrote.
"""

from __future__ import annotations

import json
from pathlib import Path

import polib  # type: ignore[import-untyped]

HERE = Path(__file__).resolve().parent
TABLES = HERE / "translations_fr"
PO = HERE / "fr" / "LC_MESSAGES" / "django.po"
HEADERS = {
    "Project-Id-Version": "Atelier",
    "PO-Revision-Date": "2026-11-22 00:00+0000",
    "Last-Translator": "Atelier team",
    "Language-Team": "French",
    "Language": "fr",
}


def load_table() -> dict[str, str | list[str]]:
    """All English -> French tables (one JSON file per area of the app), merged. A plural entry is
    keyed by its singular and holds [French singular, French plural]."""
    table: dict[str, str | list[str]] = {}
    for path in sorted(TABLES.glob("*.json")):
        for english, french in json.loads(path.read_text(encoding="utf-8")).items():
            if english in table and table[english] != french:
                raise SystemExit(f"{path.name}: {english!r} is translated differently in another table")
            table[english] = french
    return table


def main() -> None:
    table = load_table()
    po = polib.pofile(str(PO), wrapwidth=0)
    po.metadata.update(HEADERS)
    for stale in po.obsolete_entries():  # strings no longer in the code
        po.remove(stale)
    for entry in po:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = None
        entry.previous_msgid_plural = None
        french = table.get(entry.msgid, "")
        if entry.msgid_plural:
            forms = french if isinstance(french, list) else ["", ""]
            entry.msgstr_plural = {0: forms[0], 1: forms[1]}
        else:
            entry.msgstr = french if isinstance(french, str) else ""
    po.save(str(PO))


if __name__ == "__main__":
    main()
