from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "k3J9-xQ2!vLm8#pR4zT7@wN1^bF6&hY0*cD5(sG2)eA9_uI3+oK8=jM4~tE7qW1yZ6"


def manage(*args: str, **env_vars: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(env_vars)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def operator_credentials(directory: Path) -> dict[str, str]:
    """A CA and signing certificate standing in for the operator's, at the paths production reads."""
    from imaging.provenance.keys import ensure_dev_credentials

    paths, _ = ensure_dev_credentials(directory)
    return {"PROVENANCE_CERT_CHAIN": str(paths.cert_chain), "PROVENANCE_PRIVATE_KEY": str(paths.private_key),
            "PROVENANCE_TRUST_ANCHORS": str(paths.trust_anchors)}


def test_production_passes_the_deployment_checklist(tmp_path: Path) -> None:
    result = manage("check", "--deploy", "--fail-level", "DEBUG", "--settings=chatsite.settings.production",
                    DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_ALLOWED_HOSTS="atelier.example.com",
                    **operator_credentials(tmp_path / "keys"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_signing_credentials(tmp_path: Path) -> None:
    result = manage("check", "--settings=chatsite.settings.production", DJANGO_SECRET_KEY=STRONG_KEY,
                    PROVENANCE_DIR=str(tmp_path / "nothing-here"))
    assert result.returncode != 0
    assert "set PROVENANCE_CERT_CHAIN and PROVENANCE_PRIVATE_KEY" in result.stderr


@pytest.mark.parametrize(
    "env_vars, message",
    [
        ({}, "Production needs its own DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "django-insecure-atelier-development-key-do-not-use-in-production"},
         "the development key is refused"),
        ({"DJANGO_SECRET_KEY": "short"}, "too short"),
        ({"DJANGO_SECRET_KEY": STRONG_KEY, "DJANGO_DEBUG": "true"}, "DJANGO_DEBUG must be off"),
    ],
)
def test_production_refuses_to_start_when_unsafe(env_vars: dict[str, str], message: str) -> None:
    result = manage("check", "--settings=chatsite.settings.production", **env_vars)
    assert result.returncode != 0
    assert message in result.stderr
