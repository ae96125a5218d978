"""Start-up checks of the signing credentials (`manage.py check`, `migrate` and `runserver` run them).

- atelier.E101: the signing certificate is self-signed or not issued by a CA (C2PA refuses both).
- atelier.E102: signing is on and the certificate chain or the key is missing.
- atelier.E103: the certificate or key is unusable (key usage, extended key usage, validity, key mismatch...).
- atelier.E104: the signing callback cannot be imported.
- atelier.W101: the app's own images would not read as trusted (chain not leading to the trust anchors).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from imaging.provenance import keys


def register() -> None:
    checks.register(check_signing_credentials, "provenance")


def check_signing_credentials(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    from imaging.provenance.credentials import credential_paths, missing_credentials, uses_dev_ca

    if not settings.PROVENANCE_SIGNING:
        return []
    errors: list[checks.CheckMessage] = []
    paths = credential_paths()
    if settings.PROVENANCE_SIGNING_CALLBACK:
        try:
            import_string(settings.PROVENANCE_SIGNING_CALLBACK)
        except ImportError as exc:
            errors.append(checks.Error(
                f"PROVENANCE_SIGNING_CALLBACK cannot be imported: {exc}",
                hint="Give the dotted path of a callable sign(data: bytes) -> bytes.", id="atelier.E104"))
    missing = missing_credentials()
    if missing:
        if uses_dev_ca():
            return errors  # created on first use, or by `manage.py provenance_init` (make run)
        errors.append(checks.Error(
            "Provenance signing is on but " + ", ".join(str(p) for p in missing) + " is missing.",
            hint="Set PROVENANCE_CERT_CHAIN and PROVENANCE_PRIVATE_KEY (or PROVENANCE_SIGNING_CALLBACK), "
                 "or turn signing off with PROVENANCE_SIGNING=false.",
            id="atelier.E102"))
        return errors
    chain = paths.cert_chain.read_bytes()
    key = None if settings.PROVENANCE_SIGNING_CALLBACK else paths.private_key.read_bytes()
    anchors = paths.trust_anchors.read_bytes() if paths.trust_anchors.is_file() else None
    for problem in keys.credential_problems(chain, key, anchors_pem=anchors):
        where = f"{paths.cert_chain}: "
        if problem.code in ("self_signed", "not_issued_by_ca"):
            errors.append(checks.Error(where + problem.message, id="atelier.E101",
                                       hint="Use a signing certificate issued by a CA, not the CA itself."))
        elif problem.code == "untrusted":
            errors.append(checks.Warning(where + problem.message, id="atelier.W101",
                                         hint="Add the issuing root to PROVENANCE_TRUST_ANCHORS."))
        else:
            errors.append(checks.Error(where + problem.message, id="atelier.E103"))
    return errors


def refuse_to_start_without_credentials() -> None:
    """Every process (web, workers, commands) stops at start-up when signing is on, no development CA may be
    created (PROVENANCE_DEV_CA=false, as in production) and the certificate chain or the key is missing."""
    from imaging.provenance.credentials import missing_credentials

    if settings.PROVENANCE_SIGNING and not settings.PROVENANCE_DEV_CA:
        missing = missing_credentials()
        if missing:
            raise ImproperlyConfigured(
                "Provenance signing is on but " + ", ".join(str(p) for p in missing) + " is missing: set "
                "PROVENANCE_CERT_CHAIN and PROVENANCE_PRIVATE_KEY (or PROVENANCE_SIGNING_CALLBACK), or "
                "PROVENANCE_SIGNING=false."
            )
