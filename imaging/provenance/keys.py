"""Signing credentials: a local development CA, and the checks every signing certificate must pass. Free of Django.

C2PA refuses a self-signed signing certificate and checks the certificate profile (digitalSignature key usage,
an accepted extended key usage, not a CA). `credential_problems` finds those faults before c2pa does, so that
start-up can name them in plain words instead of failing on the first image.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_CA = "root-ca.pem"
ROOT_CA_KEY = "root-ca-key.pem"
SIGNER_CHAIN = "signer-chain.pem"
SIGNER_KEY = "signer-key.pem"

# Extended key usages C2PA accepts for a claim signer (C2PA 2.x, certificate profile).
DOCUMENT_SIGNING = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")
C2PA_CLAIM_SIGNING = x509.ObjectIdentifier("1.3.6.1.4.1.62558.2.1")
ACCEPTED_EKUS = frozenset({
    ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING, C2PA_CLAIM_SIGNING,
    x509.ObjectIdentifier("1.3.6.1.4.1.311.76.59.1.9"),  # Microsoft C2PA signing
})


@dataclass(frozen=True)
class CredentialPaths:
    trust_anchors: Path
    cert_chain: Path
    private_key: Path

    @classmethod
    def in_directory(cls, directory: Path) -> CredentialPaths:
        return cls(trust_anchors=directory / ROOT_CA, cert_chain=directory / SIGNER_CHAIN,
                   private_key=directory / SIGNER_KEY)


@dataclass(frozen=True)
class CredentialProblem:
    """`code` is stable (`self_signed`, `not_issued_by_ca`, `unreadable`, `not_a_signer`, `key_usage`, `eku`,
    `validity`, `key_mismatch`, `algorithm`, `untrusted`); `message` says what is wrong and how to fix it."""

    code: str
    message: str


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Atelier (development)"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _key_usage(*, digital_signature: bool, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=False, key_encipherment=False,
                         data_encipherment=False, key_agreement=False, key_cert_sign=cert_sign, crl_sign=cert_sign,
                         encipher_only=False, decipher_only=False)


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def issue_dev_credentials(
    *, now: dt.datetime | None = None, self_signed: bool = False, issuer_is_ca: bool = True
) -> dict[str, bytes]:
    """A development root CA and an ES256 (P-256) signing certificate issued by it, as PEM files by name.

    `self_signed=True` makes the signing certificate sign itself, `issuer_is_ca=False` has it issued by a
    certificate that is not a CA (both refused by C2PA): for tests of the start-up check only."""
    now = now or dt.datetime.now(dt.UTC)
    start = now - dt.timedelta(hours=1)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Atelier Development Root CA")).issuer_name(_name("Atelier Development Root CA"))
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=issuer_is_ca, path_length=0 if issuer_is_ca else None), critical=True)
        .add_extension(_key_usage(digital_signature=not issuer_is_ca, cert_sign=issuer_is_ca), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_key, issuer_name = (key, _name("Atelier Development Signer")) if self_signed else (ca_key, ca.subject)
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("Atelier Development Signer")).issuer_name(issuer_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(digital_signature=True, cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION, DOCUMENT_SIGNING]),
                       critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False)
        .sign(issuer_key, hashes.SHA256())
    )
    chain = _pem(leaf) if self_signed else _pem(leaf) + _pem(ca)
    return {ROOT_CA: _pem(leaf if self_signed else ca), ROOT_CA_KEY: _key_pem(ca_key), SIGNER_CHAIN: chain,
            SIGNER_KEY: _key_pem(key)}


def ensure_dev_credentials(directory: Path) -> tuple[CredentialPaths, bool]:
    """Create the development CA and signing certificate in `directory` unless they are there; returns the
    paths and whether they were created. Safe against concurrent callers: the files are written in a
    temporary folder that is renamed into place, so a reader never sees a key without its certificate."""
    paths = CredentialPaths.in_directory(directory)
    if all(p.exists() for p in (paths.trust_anchors, paths.cert_chain, paths.private_key)):
        return paths, False
    if directory.exists() and any(directory.iterdir()):
        raise FileExistsError(f"{directory} holds an incomplete set of provenance credentials: move it away "
                              "and run `manage.py provenance_init` again")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".provenance-", dir=directory.parent))
    try:
        for name, data in issue_dev_credentials().items():
            target = staging / name
            target.write_bytes(data)
            target.chmod(0o600 if name.endswith("key.pem") else 0o644)
        if directory.exists():
            directory.rmdir()  # empty (checked above)
        os.rename(staging, directory)
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)
        if all(p.exists() for p in (paths.trust_anchors, paths.cert_chain, paths.private_key)):
            return paths, False  # another process won the race
        raise
    return paths, True


# --- checks -----------------------------------------------------------------------------------------

def load_chain(chain_pem: bytes) -> list[x509.Certificate]:
    return x509.load_pem_x509_certificates(chain_pem)


def is_self_signed(cert: x509.Certificate) -> bool:
    """Issued by itself: the same name as issuer and subject and a signature its own key verifies."""
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True


def _is_ca(cert: x509.Certificate) -> bool:
    try:
        return bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        return False


def _leads_to_anchor(chain: Sequence[x509.Certificate], anchors: Sequence[x509.Certificate]) -> bool:
    current = chain[0]
    for _ in range(len(chain)):
        if current in anchors or any(_issued_by(current, anchor) for anchor in anchors):
            return True
        issuer = next((c for c in chain[1:] if c != current and _issued_by(current, c)), None)
        if issuer is None:
            return False
        current = issuer
    return False


def credential_problems(
    chain_pem: bytes,
    key_pem: bytes | None,
    *,
    anchors_pem: bytes | None = None,
    now: dt.datetime | None = None,
) -> list[CredentialProblem]:
    """Everything that would make C2PA refuse this signing certificate (first in the chain), or make Atelier's
    own images read as untrusted. `key_pem` None: the key lives elsewhere (a signing callback)."""
    try:
        chain = load_chain(chain_pem)
    except ValueError:
        return [CredentialProblem("unreadable", "the certificate chain is not PEM certificates")]
    leaf = chain[0]
    problems: list[CredentialProblem] = []
    if is_self_signed(leaf):
        problems.append(CredentialProblem(
            "self_signed",
            "the signing certificate is self-signed; C2PA refuses it. Use a certificate issued by a CA "
            "(`manage.py provenance_init` creates a development CA and a certificate it issues)",
        ))
    if not problems:
        issuers: list[x509.Certificate] = list(chain[1:])
        if anchors_pem is not None:
            try:
                issuers += load_chain(anchors_pem)
            except ValueError:
                pass
        issuer = next((c for c in issuers if _issued_by(leaf, c)), None)
        if issuer is not None and not _is_ca(issuer):
            problems.append(CredentialProblem(
                "not_issued_by_ca",
                "the signing certificate is issued by a certificate that is not a CA; C2PA refuses it. Use a "
                "certificate issued by a CA",
            ))
    try:
        constraints = leaf.extensions.get_extension_for_class(x509.BasicConstraints).value
        if constraints.ca:
            problems.append(CredentialProblem("not_a_signer", "the signing certificate is a CA certificate"))
    except x509.ExtensionNotFound:
        pass
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
        if not usage.digital_signature:
            raise x509.ExtensionNotFound("digitalSignature", x509.KeyUsage.oid)
    except x509.ExtensionNotFound:
        problems.append(CredentialProblem("key_usage", "the signing certificate lacks the digitalSignature key usage"))
    try:
        ekus = set(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        ekus = set()
    if not ekus & ACCEPTED_EKUS or x509.ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE in ekus:
        problems.append(CredentialProblem(
            "eku", "the signing certificate needs an extended key usage C2PA accepts (emailProtection or "
                   "documentSigning), and not anyExtendedKeyUsage"))
    moment = now or dt.datetime.now(dt.UTC)
    if not leaf.not_valid_before_utc <= moment <= leaf.not_valid_after_utc:
        problems.append(CredentialProblem(
            "validity", f"the signing certificate is valid from {leaf.not_valid_before_utc:%Y-%m-%d} to "
                        f"{leaf.not_valid_after_utc:%Y-%m-%d} only"))
    public = leaf.public_key()
    if not isinstance(public, ec.EllipticCurvePublicKey) or not isinstance(public.curve, ec.SECP256R1):
        problems.append(CredentialProblem("algorithm", "the signing certificate must hold a P-256 key (ES256)"))
    if key_pem is not None:
        try:
            key = serialization.load_pem_private_key(key_pem, password=None)
        except (ValueError, TypeError):
            problems.append(CredentialProblem("unreadable", "the private key is not an unencrypted PEM key"))
        else:
            if key.public_key().public_bytes(serialization.Encoding.DER,
                                             serialization.PublicFormat.SubjectPublicKeyInfo) != public.public_bytes(
                    serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo):
                problems.append(CredentialProblem("key_mismatch",
                                                  "the private key does not belong to the signing certificate"))
    if anchors_pem is not None and not is_self_signed(leaf):
        try:
            anchors: Sequence[x509.Certificate] = load_chain(anchors_pem)
        except ValueError:
            anchors = []
        if not _leads_to_anchor(chain, anchors):
            problems.append(CredentialProblem(
                "untrusted", "the certificate chain does not lead to one of the trust anchors: the app's own "
                             "images would read as untrusted"))
    return problems


def ecdsa_raw_signature(der_signature: bytes) -> bytes:
    """COSE (and c2pa's signing callback) wants ES256 signatures as r || s, 32 bytes each, not DER."""
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    r, s = decode_dss_signature(der_signature)
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


class LocalKeySigner:
    """A signing callback over a PEM key on disk: the reference shape for a KMS or HSM callback."""

    def __init__(self, key_pem: bytes) -> None:
        key = serialization.load_pem_private_key(key_pem, password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("an ES256 signer needs an EC P-256 key")
        self.key = key

    def __call__(self, data: bytes) -> bytes:
        return ecdsa_raw_signature(self.key.sign(data, ec.ECDSA(hashes.SHA256())))
