"""A person in a real browser watches an image card: progress, then the image (alt = prompt), then a variation.

The job is started through the card's own HTTP endpoint (as the card's buttons do); events reach the page over
the conversation's websocket through chat.js, which hands `image_job` events to static/js/images.js."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest
from django.template.loader import render_to_string

from chatsite.accounts.models import User
from conversations.tests.factories import ConversationFactory
from imaging import services
from imaging.models import Image, ImageJob
from imaging.tests.factories import face_png

T = TypeVar("T")
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

WATCH_PROGRESS = """() => {
  window.__progress = [];
  new MutationObserver(function (records) {
    records.forEach(function (r) {
      if (r.attributeName === "aria-valuenow") window.__progress.push(Number(r.target.getAttribute("aria-valuenow")));
    });
  }).observe(document.body, {subtree: true, attributes: true, attributeFilter: ["aria-valuenow"]});
}"""

START_JOB = """async (prompt) => {
  const token = document.cookie.match(/csrftoken=([^;]+)/)[1];
  const response = await fetch("/images/jobs/", {method: "POST", headers: {"Content-Type": "application/json",
    "X-CSRFToken": token}, body: JSON.stringify({conversation_id: location.pathname.split("/")[2], prompt: prompt,
    size: 256})});
  const payload = await response.json();
  window.AtelierImages.render(payload, document.getElementById("messages"));
  return payload.job_id;
}"""


def orm(fn: Callable[[], T]) -> T:
    """Run database code beside Playwright's event loop (Django refuses ORM calls on a thread with a loop)."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn).result()


def warm_up(user: User) -> None:
    job = services.image_job_create(user=user, conversation=None, prompt="warm up", size=256)
    deadline = time.monotonic() + 120
    while not job.is_terminal and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()


def test_the_card_shows_progress_then_the_image(user: User, password: str, settings: Any, live_daphne: str,
                                                celery_worker_process: subprocess.Popen[bytes], page: Any) -> None:
    from playwright.sync_api import expect

    settings.IMAGE_STEPS = 2
    orm(lambda: warm_up(user))  # the model loads once per worker; then steps come every few tens of milliseconds
    settings.IMAGE_STEPS = 80
    conversation = orm(lambda: ConversationFactory.create(user=user))
    page.goto(live_daphne + "/account/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_daphne}/chat/{conversation.pk}/")
    # Until the lead's chat.html includes imaging/_chat_assets.html, add the same assets to the page.
    if not page.evaluate("() => !!window.AtelierImages"):
        assets = render_to_string("imaging/_chat_assets.html")
        i18n = re.search(r"<script[^>]*>(.*?)</script>", assets, re.S)
        assert i18n is not None
        page.evaluate("""(text) => { const s = document.createElement("script"); s.type = "application/json";
                         s.id = "images-i18n"; s.textContent = text; document.head.appendChild(s); }""", i18n.group(1))
        page.add_script_tag(url=live_daphne + "/static/js/images.js")
    page.evaluate(WATCH_PROGRESS)

    job_id = page.evaluate(START_JOB, "a lighthouse at dusk")
    card = page.locator(f'[data-job-id="{job_id}"]')
    expect(card.get_by_role("progressbar")).to_be_attached()
    expect(card.get_by_role("button", name="Cancel")).to_be_visible()
    image = card.get_by_role("img", name="a lighthouse at dusk")
    expect(image).to_be_visible(timeout=120_000)
    expect(card.get_by_role("progressbar")).to_be_hidden()
    expect(card.get_by_text("Seed")).to_be_visible()
    assert card.locator(".image-figure img").evaluate("img => img.naturalWidth") == 256
    seen = page.evaluate("() => window.__progress")
    assert any(0 < value < 100 for value in seen), seen  # progress was shown while the steps ran
    assert orm(lambda: ImageJob.objects.get(pk=job_id).status) == "succeeded"

    # A card action: variations make a new card that finishes with an image linked to this one.
    settings.IMAGE_STEPS = 4
    card.get_by_role("button", name="Variations").click()
    cards = page.locator(".message-image")
    expect(cards).to_have_count(2)
    expect(cards.nth(1).get_by_role("img", name="a lighthouse at dusk")).to_be_visible(timeout=120_000)
    variation = orm(lambda: ImageJob.objects.select_related("source_image").exclude(pk=job_id)
                    .exclude(prompt="warm up").get())
    assert variation.mode == "variation" and variation.source_image is not None


def open_chat(page: Any, live_daphne: str, user: User, password: str) -> Any:
    conversation = orm(lambda: ConversationFactory.create(user=user))
    page.goto(live_daphne + "/account/login/")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_daphne}/chat/{conversation.pk}/")
    return conversation


def upload_face(page: Any) -> Any:
    """Choose the face photo in the chat's upload control; returns the consent question."""
    from playwright.sync_api import expect

    page.get_by_label("Upload an image to edit").set_input_files(
        files=[{"name": "face.png", "mimeType": "image/png", "buffer": face_png()}])
    question = page.get_by_role("group", name="This photo appears to show a real person. Do you have their consent "
                                               "to edit it?")
    expect(question).to_be_visible()
    return question


def test_a_photo_of_a_person_is_edited_only_after_its_owner_confirms_consent(
    user: User, password: str, live_daphne: str, page: Any
) -> None:
    from playwright.sync_api import expect

    open_chat(page, live_daphne, user, password)
    question = upload_face(page)
    expect(question.get_by_role("button", name="Cancel")).to_be_visible()
    confirm = question.get_by_role("button", name="Confirm consent")
    expect(confirm).to_be_focused()
    upload = orm(lambda: Image.objects.get(owner=user))
    assert upload.needs_consent

    # A reload (or a reconnect) shows the photo again, still waiting for consent, once, without taking the focus.
    page.reload()
    expect(question).to_have_count(1)
    expect(question.get_by_role("img", name="Uploaded image")).to_be_visible()
    expect(confirm).not_to_be_focused()
    confirm.click()

    card = page.locator(f'[data-upload-id="{upload.pk}"]')
    expect(card.get_by_role("img", name="Uploaded image")).to_be_visible()
    expect(question).to_have_count(0)
    page.reload()  # confirmed: after a reload it shows as an image to edit, once
    expect(card).to_have_count(1)
    expect(card.get_by_role("img", name="Uploaded image")).to_be_visible()
    expect(question).to_have_count(0)
    card.get_by_role("button", name="Edit").click()
    card.get_by_label("What should change?").fill("make it blue")
    card.get_by_role("button", name="Apply").click()
    job_card = page.locator(".message-image[data-job-id]")
    expect(job_card).to_have_count(1)  # the edit's card, waiting for a worker
    job = orm(lambda: ImageJob.objects.get(user=user))
    assert (job.mode, job.source_image_id, job.prompt) == ("edit", upload.pk, "make it blue")
    assert orm(lambda: Image.objects.get(pk=upload.pk).consent_confirmed_at) is not None


def test_cancelling_the_consent_question_removes_the_photo(user: User, password: str, live_daphne: str,
                                                           page: Any) -> None:
    from playwright.sync_api import expect

    open_chat(page, live_daphne, user, password)
    question = upload_face(page)
    question.get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("status").filter(has_text="The photo was removed.")).to_be_visible()
    assert orm(lambda: Image.objects.filter(owner=user).count()) == 0
    assert orm(lambda: ImageJob.objects.filter(user=user).count()) == 0
