"""The web process (ASGI app, URLs, views, consumers, admin) must never load the ML stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, sys
import django
django.setup()
from chatsite.asgi import application
from django.apps import apps
from django.urls import get_resolver
get_resolver().url_patterns  # import every URL module and view
from django.contrib import admin
admin.autodiscover()
for config in apps.get_app_configs():
    for part in ("views", "consumers", "routing", "services", "selectors", "admin", "forms"):
        try:
            importlib.import_module(f"{config.name}.{part}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{part}":
                raise
heavy = sorted(m for m in ("torch", "transformers", "diffusers", "onnxruntime", "accelerate") if m in sys.modules)
print("HEAVY:" + ",".join(heavy))
"""


def test_the_web_process_never_imports_torch_transformers_or_diffusers() -> None:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="chatsite.settings.test")
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:"
