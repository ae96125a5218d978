"""The Content Credentials badge in a real browser: the gallery's image opens a panel saying valid and trusted."""

from __future__ import annotations

from typing import Any

import pytest

from chatsite.accounts.models import User
from imaging.models import Image
from imaging.provenance import keys, testing
from imaging.provenance.services import image_output_sign
from imaging.tests.factories import ImageFactory, ImageJobFactory, png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.slow]
provenance_ca = testing.provenance_ca  # fixtures
provenance_settings = testing.provenance_settings


@pytest.fixture
def provenance_env(monkeypatch: pytest.MonkeyPatch, provenance_ca: keys.CredentialPaths) -> None:
    """The same credentials for the Daphne subprocess (request it before `live_daphne`)."""
    monkeypatch.setenv("PROVENANCE_CERT_CHAIN", str(provenance_ca.cert_chain))
    monkeypatch.setenv("PROVENANCE_PRIVATE_KEY", str(provenance_ca.private_key))
    monkeypatch.setenv("PROVENANCE_TRUST_ANCHORS", str(provenance_ca.trust_anchors))
    monkeypatch.setenv("PROVENANCE_DEV_CA", "false")


@pytest.fixture
def signed_image(provenance_env: None, live_daphne: str, user: User, provenance_settings: Any) -> Image:
    # Created before the browser starts: the ORM refuses to run beside Playwright's event loop.
    job = ImageJobFactory.create(user=user, parameters={"model": "tiny-random"})
    return ImageFactory.create(owner=user, job=job, data=image_output_sign(job=job, png=png_bytes(96), seed=5))


def test_the_gallery_badge_opens_the_content_credentials(signed_image: Image, live_daphne: str, user: User,
                                                         password: str, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(live_daphne + "/account/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_daphne + "/gallery/")
    page.get_by_role("button", name="Content Credentials").click()
    dialog = page.get_by_role("dialog", name="Content Credentials")
    expect(dialog).to_contain_text("Valid and trusted")
    expect(dialog).to_contain_text("tiny-random")
    expect(dialog).to_contain_text("Atelier Development Signer")
    expect(page.locator(".provenance-badge")).to_have_attribute("data-state", "trusted")
