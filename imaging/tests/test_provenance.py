"""Provenance: what the app signs into its images, how c2pa's Reader reads it back, and the start-up checks."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import c2pa
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from PIL import Image as PILImage

from chatsite.accounts.models import Plan
from imaging.models import JobMode
from imaging.provenance import checks, keys, testing
from imaging.provenance.c2pa_manifest import TRAINED_ALGORITHMIC_MEDIA, read_manifest
from imaging.provenance.services import image_output_sign
from imaging.tests.factories import ImageFactory, ImageJobFactory, png_bytes

pytestmark = pytest.mark.django_db
provenance_ca = testing.provenance_ca  # fixtures
provenance_settings = testing.provenance_settings


def reader_for(data: bytes, anchors: Path) -> dict[str, Any]:
    """What c2pa's own Reader says, trusting only the given anchors and fetching nothing."""
    context = c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False},
                                      "trust": {"trust_anchors": anchors.read_text()}})
    with c2pa.Reader("image/png", io.BytesIO(data), context=context) as reader:
        store: dict[str, Any] = json.loads(reader.json())
        store["state"] = reader.get_validation_state()
    return store


def active(store: dict[str, Any]) -> dict[str, Any]:
    manifest: dict[str, Any] = store["manifests"][store["active_manifest"]]
    return manifest


def assertion(manifest: dict[str, Any], prefix: str) -> dict[str, Any]:
    data: dict[str, Any] = next(a["data"] for a in manifest["assertions"] if a["label"].startswith(prefix))
    return data


def flip_pixel_byte(data: bytes) -> bytes:
    tampered = bytearray(data)
    tampered[data.index(b"IDAT") + 8] ^= 0xFF
    return bytes(tampered)


def test_an_image_signed_by_the_app_reads_back_valid_and_trusted(provenance_settings: Any,
                                                                  provenance_ca: keys.CredentialPaths) -> None:
    job = ImageJobFactory.create(parameters={"model": "tiny-random"})
    signed = image_output_sign(job=job, png=png_bytes(64), seed=42)
    assert reader_for(signed, provenance_ca.trust_anchors)["state"] == "Trusted"


def test_a_new_image_says_created_by_its_model_as_trained_algorithmic_media(
        provenance_settings: Any, provenance_ca: keys.CredentialPaths) -> None:
    job = ImageJobFactory.create(parameters={"model": "tiny-random"}, steps=4)
    manifest = active(reader_for(image_output_sign(job=job, png=png_bytes(64), seed=42), provenance_ca.trust_anchors))
    assert assertion(manifest, "c2pa.actions")["actions"] == [{
        "action": "c2pa.created", "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA,
        "softwareAgent": {"name": "tiny-random"},
    }]
    assert manifest["claim_generator_info"][0]["name"] == "Atelier"
    assert manifest["claim_generator_info"][0]["version"] == provenance_settings.ATELIER_VERSION
    generation = assertion(manifest, "org.atelier.generation")
    assert (generation["model"], generation["steps"], generation["seed"], generation["width"]) == (
        "tiny-random", 4, 42, 64)


def test_the_prompt_stays_out_of_the_manifest_by_default(provenance_settings: Any) -> None:
    job = ImageJobFactory.create(prompt="a secret garden")
    signed = image_output_sign(job=job, png=png_bytes(64), seed=1)
    assert b"secret garden" not in signed
    assert "prompt" not in read_manifest(signed, "image/png").generation


def test_the_prompt_goes_in_when_the_deployment_allows_it(provenance_settings: Any) -> None:
    provenance_settings.PROVENANCE_INCLUDE_PROMPT = True
    job = ImageJobFactory.create(prompt="a secret garden")
    report = read_manifest(image_output_sign(job=job, png=png_bytes(64), seed=1), "image/png")
    assert report.generation["prompt"] == "a secret garden"


def test_one_flipped_byte_reads_invalid_with_a_data_hash_mismatch(provenance_settings: Any,
                                                                   provenance_ca: keys.CredentialPaths) -> None:
    signed = image_output_sign(job=ImageJobFactory.create(), png=png_bytes(64), seed=1)
    store = reader_for(flip_pixel_byte(signed), provenance_ca.trust_anchors)
    assert store["state"] == "Invalid"
    failures = [f["code"] for f in store["validation_results"]["activeManifest"]["failure"]]
    assert "assertion.dataHash.mismatch" in failures


def test_an_edit_has_its_parent_as_ingredient_matching_the_parent_hash(provenance_settings: Any,
                                                                        provenance_ca: keys.CredentialPaths) -> None:
    first = ImageJobFactory.create()
    parent_bytes = image_output_sign(job=first, png=png_bytes(64), seed=1)
    parent = ImageFactory.create(owner=first.user, job=first, data=parent_bytes)
    edit = ImageJobFactory.create(user=first.user, mode=JobMode.EDIT, source_image=parent, strength=0.6)
    store = reader_for(image_output_sign(job=edit, png=png_bytes(64, (0, 0, 200)), seed=2),
                       provenance_ca.trust_anchors)
    manifest = active(store)
    [ingredient] = manifest["ingredients"]
    assert ingredient["relationship"] == "parentOf"
    assert ingredient["metadata"]["org.atelier.sha256"] == parent.sha256 == hashlib.sha256(parent_bytes).hexdigest()
    assert ingredient["active_manifest"] == reader_for(parent_bytes, provenance_ca.trust_anchors)["active_manifest"]
    assert [a["action"] for a in assertion(manifest, "c2pa.actions")["actions"]] == ["c2pa.opened", "c2pa.edited"]
    assert store["state"] == "Trusted"


def test_the_report_follows_the_parent_chain(provenance_settings: Any) -> None:
    first = ImageJobFactory.create()
    parent = ImageFactory.create(owner=first.user, data=image_output_sign(job=first, png=png_bytes(64), seed=1))
    edit = ImageJobFactory.create(user=first.user, mode=JobMode.VARIATION, source_image=parent, strength=0.6)
    report = read_manifest(image_output_sign(job=edit, png=png_bytes(64, (9, 9, 9)), seed=2), "image/png",
                           trust_anchors_pem=Path(provenance_settings.PROVENANCE_TRUST_ANCHORS).read_bytes())
    assert report.trusted
    assert [link.sha256 for link in report.parent_chain] == ["", parent.sha256]
    assert [a.action for a in report.parent_chain[1].actions] == ["c2pa.created"]
    assert report.signer is not None and report.signer.common_name == "Atelier Development Signer"


def test_a_signing_callback_signs_instead_of_the_key_file(provenance_settings: Any, provenance_ca: keys.CredentialPaths,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []

    def kms(data: bytes) -> bytes:
        calls.append(data)
        return testing.sign_with_settings_key(data)

    monkeypatch.setattr(testing, "kms_for_test", kms, raising=False)
    provenance_settings.PROVENANCE_SIGNING_CALLBACK = "imaging.provenance.testing.kms_for_test"
    signed = image_output_sign(job=ImageJobFactory.create(), png=png_bytes(64), seed=1)
    assert len(calls) == 1
    assert reader_for(signed, provenance_ca.trust_anchors)["state"] == "Trusted"


def test_the_watermark_is_drawn_before_signing_for_listed_plans(provenance_settings: Any,
                                                                provenance_ca: keys.CredentialPaths) -> None:
    job = ImageJobFactory.create()
    provenance_settings.PROVENANCE_WATERMARK_PLANS = [job.user.plan.slug]
    plain = png_bytes(128, (255, 255, 255))
    signed = image_output_sign(job=job, png=plain, seed=1)
    pixels = PILImage.open(io.BytesIO(signed)).convert("RGB")
    assert pixels.getpixel((126, 126)) != (255, 255, 255)  # the band in the corner
    assert pixels.getpixel((2, 2)) == (255, 255, 255)
    assert reader_for(signed, provenance_ca.trust_anchors)["state"] == "Trusted"


def test_plans_not_listed_get_no_watermark(provenance_settings: Any) -> None:
    job = ImageJobFactory.create()
    provenance_settings.PROVENANCE_WATERMARK_PLANS = [p.slug for p in Plan.objects.exclude(pk=job.user.plan_id)]
    signed = image_output_sign(job=job, png=png_bytes(128, (255, 255, 255)), seed=1)
    assert PILImage.open(io.BytesIO(signed)).convert("RGB").getpixel((126, 126)) == (255, 255, 255)


def test_signing_off_leaves_the_bytes_alone(provenance_settings: Any) -> None:
    provenance_settings.PROVENANCE_SIGNING = False
    png = png_bytes(64)
    assert image_output_sign(job=ImageJobFactory.create(), png=png, seed=1) == png


# --- keys and start-up checks ---------------------------------------------------------------------

def write_credentials(directory: Path, files: dict[str, bytes]) -> keys.CredentialPaths:
    directory.mkdir(parents=True)
    for name, data in files.items():
        (directory / name).write_bytes(data)
    return keys.CredentialPaths.in_directory(directory)


def point_at(settings: Any, paths: keys.CredentialPaths) -> None:
    settings.PROVENANCE_CERT_CHAIN = str(paths.cert_chain)
    settings.PROVENANCE_PRIVATE_KEY = str(paths.private_key)
    settings.PROVENANCE_TRUST_ANCHORS = str(paths.trust_anchors)


def test_a_self_signed_certificate_fails_the_start_up_check(provenance_settings: Any, tmp_path: Path) -> None:
    point_at(provenance_settings, write_credentials(tmp_path / "ss", keys.issue_dev_credentials(self_signed=True)))
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "atelier.E101" in str(error.value)
    assert "self-signed" in str(error.value)


def test_a_certificate_not_issued_by_a_ca_fails_the_start_up_check(provenance_settings: Any, tmp_path: Path) -> None:
    point_at(provenance_settings, write_credentials(tmp_path / "nca", keys.issue_dev_credentials(issuer_is_ca=False)))
    with pytest.raises(SystemCheckError) as error:
        call_command("check")
    assert "atelier.E101" in str(error.value)
    assert "not a CA" in str(error.value)


def test_the_development_ca_passes_the_start_up_check(provenance_settings: Any) -> None:
    assert checks.check_signing_credentials() == []


def test_a_key_of_another_certificate_fails_the_start_up_check(provenance_settings: Any, tmp_path: Path) -> None:
    files = keys.issue_dev_credentials()
    files[keys.SIGNER_KEY] = keys.issue_dev_credentials()[keys.SIGNER_KEY]
    point_at(provenance_settings, write_credentials(tmp_path / "mismatch", files))
    assert [(m.id, "does not belong" in m.msg) for m in checks.check_signing_credentials()] == [("atelier.E103", True)]


def test_missing_credentials_fail_the_check_and_refuse_start_up_in_production(provenance_settings: Any,
                                                                              tmp_path: Path) -> None:
    point_at(provenance_settings, keys.CredentialPaths.in_directory(tmp_path / "nowhere"))
    assert [m.id for m in checks.check_signing_credentials()] == ["atelier.E102"]
    with pytest.raises(ImproperlyConfigured, match="PROVENANCE_CERT_CHAIN"):
        checks.refuse_to_start_without_credentials()


def test_provenance_init_creates_the_development_ca_once(settings: Any, tmp_path: Path) -> None:
    settings.PROVENANCE_SIGNING = True
    settings.PROVENANCE_DEV_CA = True
    settings.PROVENANCE_SIGNING_CALLBACK = ""
    settings.PROVENANCE_DIR = tmp_path / "provenance"
    point_at(settings, keys.CredentialPaths.in_directory(settings.PROVENANCE_DIR))
    call_command("provenance_init")
    chain = Path(settings.PROVENANCE_CERT_CHAIN).read_bytes()
    call_command("provenance_init")
    assert Path(settings.PROVENANCE_CERT_CHAIN).read_bytes() == chain
    assert oct(Path(settings.PROVENANCE_PRIVATE_KEY).stat().st_mode & 0o777) == "0o600"
    assert keys.credential_problems(chain, Path(settings.PROVENANCE_PRIVATE_KEY).read_bytes(),
                                    anchors_pem=Path(settings.PROVENANCE_TRUST_ANCHORS).read_bytes()) == []
