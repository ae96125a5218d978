"""Where the signing credentials are, from the settings; creates the development CA when allowed. Light: no c2pa,
so that start-up checks stay cheap."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from imaging.provenance import keys


def credential_paths() -> keys.CredentialPaths:
    return keys.CredentialPaths(trust_anchors=Path(settings.PROVENANCE_TRUST_ANCHORS),
                                cert_chain=Path(settings.PROVENANCE_CERT_CHAIN),
                                private_key=Path(settings.PROVENANCE_PRIVATE_KEY))


def uses_dev_ca() -> bool:
    """Whether the configured files are the development CA's own, which `provenance_init` may create."""
    return settings.PROVENANCE_DEV_CA and credential_paths() == keys.CredentialPaths.in_directory(
        Path(settings.PROVENANCE_DIR))


def provenance_credentials_ensure() -> tuple[keys.CredentialPaths, bool]:
    """Create the development CA and signing certificate when the settings point at them and they are missing.
    Returns the paths and whether anything was created; does nothing for other (production) credentials."""
    paths = credential_paths()
    if not uses_dev_ca():
        return paths, False
    return keys.ensure_dev_credentials(Path(settings.PROVENANCE_DIR))


def missing_credentials() -> list[Path]:
    paths = credential_paths()
    needed = [paths.cert_chain]
    if not settings.PROVENANCE_SIGNING_CALLBACK:
        needed.append(paths.private_key)
    return [path for path in needed if not path.is_file()]


def trust_anchors_pem() -> bytes | None:
    path = Path(settings.PROVENANCE_TRUST_ANCHORS)
    try:
        return path.read_bytes()
    except OSError:
        return None
