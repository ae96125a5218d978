"""English and French are complete: every marked string has a French translation, compiled."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["chatsite", "conversations", "imaging", "moderation", "templates"]


def msgids(po_text: str) -> set[str]:
    return set(re.findall(r'^msgid "(.+)"$', po_text, flags=re.M))


def test_every_french_entry_is_translated_and_not_fuzzy() -> None:
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, str(PO)],
                            capture_output=True, text=True, check=True)
    assert re.fullmatch(r"\d+ translated messages?\.\n", result.stderr), result.stderr


def test_the_compiled_catalogue_matches_the_po_file(tmp_path: Path) -> None:
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(fresh), str(PO)], check=True)
    assert fresh.read_bytes() == MO.read_bytes(), "run `python manage.py compilemessages -l fr`"


def test_no_marked_string_is_missing_from_the_french_catalogue(tmp_path: Path) -> None:
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("tests", "__pycache__"))
    shutil.copy(ROOT / "manage.py", tmp_path)
    (tmp_path / "locale").mkdir()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="chatsite.settings.test", PYTHONPATH=str(ROOT))
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-location"], cwd=tmp_path,
                   env=env, check=True, capture_output=True, timeout=120)
    found = msgids((tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po").read_text())
    missing = sorted(found - msgids(PO.read_text()))
    assert not missing, f"untranslated: {missing}; run makemessages and locale/fr_translations.py"
