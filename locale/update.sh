#!/usr/bin/env bash
# Regenerate the French catalogue: extract strings, fill them from locale/translations_fr/*.json, compile.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY manage.py makemessages -l fr --ignore=.venv --ignore=var --ignore='*/tests/*' --no-location >/dev/null
$PY locale/fr_translations.py
$PY manage.py compilemessages -l fr --ignore=.venv >/dev/null
msgfmt --statistics -o /dev/null locale/fr/LC_MESSAGES/django.po
