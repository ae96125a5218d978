"""A moderator in a real browser: the review queue blurs a withheld image, reveals it on click, approves it."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from chatsite.accounts.models import User
from moderation.tests.factories import withheld_image

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def withheld(live_daphne: str, user: User) -> Any:
    # Created before the browser starts: the ORM refuses to run beside Playwright's event loop.
    return withheld_image(owner=user)


def _state(image_id: Any) -> str:
    """Read the state from another thread (no event loop there)."""
    from imaging.models import Image

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: Image.objects.get(pk=image_id).moderation_state).result()


def test_a_moderator_reveals_and_approves_a_withheld_image(live_daphne: str, staff_user: User, password: str,
                                                           withheld: Any, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(live_daphne + "/account/login/")
    page.get_by_label("Email").fill(staff_user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(live_daphne + "/moderation/queue/")
    thumbnail = page.locator(f'[data-image="{withheld.pk}"] img')
    expect(thumbnail).to_have_class(re.compile(r"\bblurred\b"))
    page.get_by_role("button", name="Reveal the image").click()
    expect(thumbnail).not_to_have_class(re.compile(r"\bblurred\b"))
    expect(page.get_by_role("button", name="Reveal the image")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_text("Image released to its owner.")).to_be_visible()
    expect(page.get_by_text("The review queue is empty.")).to_be_visible()
    assert _state(withheld.pk) == "released"
