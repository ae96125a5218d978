"""Pytest fixtures for provenance: one development CA per test session (in a temporary folder), and settings
pointing at it. Import them into a test module: `from imaging.provenance.testing import provenance_ca, ...`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imaging.provenance import keys


@pytest.fixture(scope="session")
def provenance_ca(tmp_path_factory: pytest.TempPathFactory) -> keys.CredentialPaths:
    """A development root CA and a signing certificate it issued, created once per session."""
    paths, _created = keys.ensure_dev_credentials(tmp_path_factory.mktemp("provenance") / "ca")
    return paths


@pytest.fixture
def provenance_settings(settings: Any, provenance_ca: keys.CredentialPaths) -> Iterator[Any]:
    """Signing on with the session's CA as the only trust anchor; no development CA created behind the test."""
    settings.PROVENANCE_SIGNING = True
    settings.PROVENANCE_DEV_CA = False
    settings.PROVENANCE_DIR = provenance_ca.cert_chain.parent
    settings.PROVENANCE_CERT_CHAIN = str(provenance_ca.cert_chain)
    settings.PROVENANCE_PRIVATE_KEY = str(provenance_ca.private_key)
    settings.PROVENANCE_TRUST_ANCHORS = str(provenance_ca.trust_anchors)
    settings.PROVENANCE_SIGNING_CALLBACK = ""
    settings.PROVENANCE_INCLUDE_PROMPT = False
    settings.PROVENANCE_WATERMARK_PLANS = []
    yield settings


def sign_with_settings_key(data: bytes) -> bytes:
    """A signing callback (the KMS/HSM shape) over the key file named in the settings: for tests."""
    from django.conf import settings

    return keys.LocalKeySigner(Path(settings.PROVENANCE_PRIVATE_KEY).read_bytes())(data)
