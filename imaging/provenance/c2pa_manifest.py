"""Sign C2PA manifests into images and read them back, with c2pa-python. Free of Django.

`sign_image` embeds a manifest describing how Atelier made the image: `c2pa.created` with the digital source
type trainedAlgorithmicMedia and the model as software agent for a new image, `c2pa.opened` (the parent as a
`parentOf` ingredient) then `c2pa.edited` for an edit or a variation, the claim generator `Atelier/<version>`,
and the generation parameters in Atelier's own assertion `org.atelier.generation`. The returned bytes are final:
re-encoding them breaks the data hash.

`read_manifest` validates any image's Content Credentials against the given trust anchors, with remote manifest
and OCSP fetching off, and returns a plain `ProvenanceReport`.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import c2pa

TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
GENERATION_ASSERTION = "org.atelier.generation"
PARENT_SHA256 = "org.atelier.sha256"  # ingredient metadata: the parent file's sha256, as Atelier stored it
CLAIM_GENERATOR = "Atelier"
PARENT_LABEL = "parent"
MAX_CHAIN = 16  # parent links followed in a report

ValidationState = Literal["none", "invalid", "valid", "trusted"]


class ProvenanceError(Exception):
    """Signing failed (bad credentials, an unsupported format, a callback that failed)."""


@dataclass(frozen=True)
class ParentImage:
    """The image an edit or a variation started from, exactly as stored (manifest included when it has one)."""

    data: bytes
    mime: str
    title: str = "parent.png"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ProvenanceClaim:
    """What the manifest says about one image. `prompt` is None unless the deployment allows publishing it."""

    action: Literal["created", "edited"]
    model: str  # the software agent
    width: int
    height: int
    steps: int
    seed: int | None
    generator_version: str
    mode: str = "generate"  # generate, edit, inpaint, variation
    guidance_scale: float | None = None
    strength: float | None = None
    prompt: str | None = None
    parent: ParentImage | None = None
    title: str = "image.png"

    def __post_init__(self) -> None:
        if self.action not in ("created", "edited"):
            raise ValueError("action must be 'created' or 'edited'")
        if (self.action == "edited") != (self.parent is not None):
            raise ValueError("an edited image needs its parent image; a created image has none")
        if not self.model:
            raise ValueError("the model (software agent) is required")

    def parameters(self) -> dict[str, Any]:
        data: dict[str, Any] = {"model": self.model, "mode": self.mode, "width": self.width, "height": self.height,
                                "steps": self.steps, "seed": self.seed}
        if self.guidance_scale is not None:
            data["guidance_scale"] = self.guidance_scale
        if self.strength is not None:
            data["strength"] = self.strength
        if self.prompt is not None:
            data["prompt"] = self.prompt
        if self.parent is not None:
            data["parent_sha256"] = self.parent.sha256
        return data


@dataclass(frozen=True)
class SigningCredentials:
    """A certificate chain (PEM, signing certificate first) and either its private key (PEM) or a callback that
    signs bytes with it (KMS, HSM) and returns the ES256 signature as r || s."""

    cert_chain_pem: bytes
    private_key_pem: bytes | None = None
    callback: Callable[[bytes], bytes] | None = None
    trust_anchors_pem: bytes | None = None  # to validate parent ingredients while signing
    tsa_url: str | None = None

    def signer(self) -> c2pa.Signer:
        if self.callback is not None:
            return c2pa.Signer.from_callback(self.callback, c2pa.C2paSigningAlg.ES256,
                                             self.cert_chain_pem.decode("ascii"), self.tsa_url or None)
        if self.private_key_pem is None:
            raise ProvenanceError("signing needs a private key or a signing callback")
        info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, self.cert_chain_pem, self.private_key_pem,
                                   self.tsa_url or None)
        return c2pa.Signer.from_info(info)


def _context(*, trust_anchors_pem: bytes | None, builder: bool = False) -> c2pa.Context:
    settings: dict[str, Any] = {
        "verify": {"remote_manifest_fetch": False, "ocsp_fetch": False, "verify_trust": True},
    }
    if trust_anchors_pem:
        settings["trust"] = {"trust_anchors": trust_anchors_pem.decode("ascii")}
    if builder:
        # No thumbnail: it would be a second, re-encoded copy of the image inside its own manifest.
        settings["builder"] = {"thumbnail": {"enabled": False}}
    return c2pa.Context.from_dict(settings)


def manifest_definition(claim: ProvenanceClaim) -> dict[str, Any]:
    agent = {"name": claim.model}
    if claim.action == "created":
        actions: list[dict[str, Any]] = [
            {"action": "c2pa.created", "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA, "softwareAgent": agent},
        ]
    else:
        actions = [
            {"action": "c2pa.opened", "parameters": {"ingredientIds": [PARENT_LABEL]}},
            {"action": "c2pa.edited", "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA, "softwareAgent": agent,
             "description": f"Atelier {claim.mode}"},
        ]
    return {
        "claim_generator_info": [{"name": CLAIM_GENERATOR, "version": claim.generator_version}],
        "title": claim.title,
        "assertions": [
            {"label": "c2pa.actions", "data": {"actions": actions}},
            {"label": GENERATION_ASSERTION, "data": claim.parameters()},
        ],
    }


def sign_image(data: bytes, *, mime: str, claim: ProvenanceClaim, signer: SigningCredentials) -> bytes:
    """The image with a signed C2PA manifest embedded. Raises ProvenanceError."""
    try:
        context = _context(trust_anchors_pem=signer.trust_anchors_pem, builder=True)
        with c2pa.Builder(manifest_definition(claim), context=context) as builder:
            if claim.parent is not None:
                ingredient = {"title": claim.parent.title, "relationship": "parentOf", "label": PARENT_LABEL,
                              "metadata": {PARENT_SHA256: claim.parent.sha256}}
                builder.add_ingredient(ingredient, claim.parent.mime, io.BytesIO(claim.parent.data))
            out = io.BytesIO()
            with signer.signer() as c2pa_signer:
                builder.sign(c2pa_signer, mime, io.BytesIO(data), out)
    except c2pa.C2paError as exc:
        raise ProvenanceError(f"could not sign the image: {exc}") from exc
    return out.getvalue()


# --- reading ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Issue:
    code: str
    explanation: str = ""


@dataclass(frozen=True)
class Action:
    action: str
    software_agent: str = ""
    digital_source_type: str = ""
    description: str = ""

    @property
    def ai_generated(self) -> bool:
        return self.digital_source_type.endswith("/trainedAlgorithmicMedia")


@dataclass(frozen=True)
class SignerInfo:
    common_name: str = ""
    issuer: str = ""
    algorithm: str = ""
    time: str = ""


@dataclass(frozen=True)
class ChainLink:
    """One manifest along the parent chain, starting with the image's own."""

    label: str
    title: str
    claim_generator: str
    actions: list[Action]
    signer: SignerInfo
    sha256: str = ""  # the parent's file hash recorded by its child (Atelier's own ingredients only)


@dataclass(frozen=True)
class Ingredient:
    title: str
    relationship: str
    active_manifest: str = ""
    sha256: str = ""
    errors: list[Issue] = field(default_factory=list)


@dataclass(frozen=True)
class ProvenanceReport:
    state: ValidationState
    claim_generator: str = ""
    title: str = ""
    label: str = ""
    actions: list[Action] = field(default_factory=list)
    software_agent: str = ""
    signer: SignerInfo | None = None
    ingredients: list[Ingredient] = field(default_factory=list)
    parent_chain: list[ChainLink] = field(default_factory=list)
    generation: dict[str, Any] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)

    @property
    def has_manifest(self) -> bool:
        return self.state != "none"

    @property
    def valid(self) -> bool:
        return self.state in ("valid", "trusted")

    @property
    def trusted(self) -> bool:
        return self.state == "trusted"

    @property
    def ai_generated(self) -> bool:
        return any(action.ai_generated for action in self.actions)

    def error_codes(self) -> list[str]:
        return [issue.code for issue in self.errors]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(has_manifest=self.has_manifest, valid=self.valid, trusted=self.trusted,
                    ai_generated=self.ai_generated)
        return data


def _agent(value: Any) -> str:
    if isinstance(value, dict):
        name = str(value.get("name", ""))
        version = value.get("version")
        return f"{name} {version}" if version else name
    return str(value or "")


def _actions(manifest: dict[str, Any]) -> list[Action]:
    actions = []
    for assertion in manifest.get("assertions", []):
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            for item in assertion.get("data", {}).get("actions", []):
                actions.append(Action(action=str(item.get("action", "")),
                                      software_agent=_agent(item.get("softwareAgent")),
                                      digital_source_type=str(item.get("digitalSourceType", "")),
                                      description=str(item.get("description", ""))))
    return actions


def _signer(manifest: dict[str, Any]) -> SignerInfo:
    info = manifest.get("signature_info") or {}
    return SignerInfo(common_name=str(info.get("common_name", "")), issuer=str(info.get("issuer", "")),
                      algorithm=str(info.get("alg", "")), time=str(info.get("time", "")))


def _generator(manifest: dict[str, Any]) -> str:
    infos = manifest.get("claim_generator_info") or []
    if infos:
        first = infos[0]
        return f"{first.get('name', '')}/{first.get('version', '')}".rstrip("/")
    return str(manifest.get("claim_generator", ""))


def _issues(results: dict[str, Any] | None) -> list[Issue]:
    failures = ((results or {}).get("activeManifest") or {}).get("failure") or []
    return [Issue(code=str(item.get("code", "")), explanation=str(item.get("explanation", ""))) for item in failures]


def _parent_chain(manifests: dict[str, Any], label: str) -> list[ChainLink]:
    chain: list[ChainLink] = []
    sha256 = ""
    seen: set[str] = set()
    while label and label in manifests and label not in seen and len(chain) < MAX_CHAIN:
        seen.add(label)
        manifest = manifests[label]
        chain.append(ChainLink(label=label, title=str(manifest.get("title", "")), claim_generator=_generator(manifest),
                               actions=_actions(manifest), signer=_signer(manifest), sha256=sha256))
        parent = next((i for i in manifest.get("ingredients", []) if i.get("relationship") == "parentOf"), None)
        label = str(parent.get("active_manifest", "")) if parent else ""
        sha256 = str(((parent or {}).get("metadata") or {}).get(PARENT_SHA256, ""))
    return chain


def read_manifest(data: bytes, mime: str, *, trust_anchors_pem: bytes | None = None) -> ProvenanceReport:
    """The image's Content Credentials, validated. State `none` when it has no manifest; `invalid` when the
    manifest is damaged, does not match the image (e.g. `assertion.dataHash.mismatch`) or its signature fails;
    `valid` when intact but signed by a certificate the anchors do not vouch for; `trusted` when both hold."""
    try:
        reader = c2pa.Reader.try_create(mime, io.BytesIO(data), None, _context(trust_anchors_pem=trust_anchors_pem))
    except c2pa.C2paError as exc:
        return ProvenanceReport(state="invalid", errors=[Issue(code=type(exc).__name__.lstrip("_"),
                                                               explanation=str(exc))])
    if reader is None:
        return ProvenanceReport(state="none")
    with reader:
        store = json.loads(reader.json())
        state_name = (reader.get_validation_state() or "").lower()
    manifests: dict[str, Any] = store.get("manifests", {})
    label = str(store.get("active_manifest", ""))
    manifest = manifests.get(label, {})
    errors = _issues(store.get("validation_results"))
    state: ValidationState = "trusted" if state_name == "trusted" else "valid" if state_name == "valid" else "invalid"
    actions = _actions(manifest)
    generation: dict[str, Any] = {}
    for assertion in manifest.get("assertions", []):
        if assertion.get("label") == GENERATION_ASSERTION and isinstance(assertion.get("data"), dict):
            generation = assertion["data"]
    ingredients = [
        Ingredient(title=str(i.get("title", "")), relationship=str(i.get("relationship", "")),
                   active_manifest=str(i.get("active_manifest", "")),
                   sha256=str((i.get("metadata") or {}).get(PARENT_SHA256, "")),
                   errors=_issues(i.get("validation_results")))
        for i in manifest.get("ingredients", [])
    ]
    return ProvenanceReport(
        state=state, claim_generator=_generator(manifest), title=str(manifest.get("title", "")), label=label,
        actions=actions, software_agent=next((a.software_agent for a in actions if a.software_agent), ""),
        signer=_signer(manifest), ingredients=ingredients, parent_chain=_parent_chain(manifests, label),
        generation=generation, errors=errors,
    )
