"""A person in a real browser chats: tokens stream in, a picture request shows progress, then the image; an
image they upload stays in the conversation, in its place, after a reload (in English and in French).

The language model is scripted (replayed by a real `celery worker`); the image model is the tiny offline
pipeline, run by the same worker on the gpu queue. `test_llm_e2e.py` runs the real default model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from chatsite.accounts.models import User
from chatsite.accounts.tests.factories import PASSWORD
from conftest import running_celery_worker
from imaging.tests.factories import png_bytes

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCRIPT = [
    ["Sure", "! ", "Here ", "comes ", "a ", "red ", "boat."],
    [{"tool": "generate_image", "arguments": {"prompt": "a red boat on a lake", "size": "256x256"}}],
    ["Your boat is on its way."],
]


# What the conversation shows, in order: each item's kind (user, assistant, upload, image card) and its id.
ITEMS = """items => items.map(i => i.dataset.uploadId ? "upload " + i.dataset.uploadId
  : i.dataset.jobId ? "job " + i.dataset.jobId
  : (i.classList.contains("message-user") ? "user " : "assistant ") + (i.dataset.id || "streaming"))"""


def log_in(page: Any, base_url: str, email: str) -> None:
    page.goto(base_url + "/account/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_tokens_stream_and_a_requested_picture_appears_with_progress(
    user: User, live_daphne: str, tmp_path: Path, page: Any
) -> None:
    # `user` comes before `page`: the ORM refuses to run once Playwright's event loop is up.
    from playwright.sync_api import expect

    env = {"LLM_BACKEND": "scripted", "LLM_SCRIPT": json.dumps(SCRIPT), "IMAGE_STEPS": "12"}
    with running_celery_worker(tmp_path / "worker.log", env):
        log_in(page, live_daphne, user.email)
        page.get_by_label("Message").fill("Tell me what you will draw")
        page.get_by_role("button", name="Send").click()
        expect(page).to_have_url(re.compile(r"/chat/[0-9a-f-]{36}/$"))
        assistant = page.locator(".message-assistant .bubble")
        expect(assistant.first).to_have_text("Sure! Here comes a red boat.", timeout=30_000)

        page.get_by_label("Upload an image to edit").set_input_files(
            files=[{"name": "square.png", "mimeType": "image/png", "buffer": png_bytes(64)}])
        uploaded = page.get_by_role("img", name="Uploaded image")
        expect(uploaded).to_be_visible()

        page.get_by_label("Message").fill("draw a red boat on a lake")
        page.get_by_role("button", name="Send").click()
        progress = page.get_by_role("progressbar")
        expect(progress.first).to_be_visible(timeout=30_000)
        image = page.get_by_role("img", name="a red boat on a lake")
        expect(image.first).to_be_visible(timeout=90_000)
        image.first.evaluate(  # the bytes arrive and decode
            "img => img.complete && img.naturalWidth ? true : new Promise((ok, no) => {"
            " img.onload = () => ok(true); img.onerror = () => no(new Error('image failed to load')); })"
        )
        assert image.first.evaluate("img => img.naturalWidth") > 0
        expect(assistant.last).to_have_text("Your boat is on its way.")
        expect(page.locator("[data-streaming]")).to_have_count(0)
        shown = page.locator("#messages > li").evaluate_all(ITEMS)
        assert [item.split()[0] for item in shown] == ["user", "assistant", "upload", "user", "job", "assistant"]

        # After a reload the page shows the same conversation, in the same order, nothing duplicated: the
        # uploaded image too.
        page.reload()
        expect(page.get_by_role("img", name="a red boat on a lake")).to_have_count(1, timeout=15_000)
        expect(uploaded).to_have_count(1)
        expect(assistant).to_have_count(2)
        assert page.locator("#messages > li").evaluate_all(ITEMS) == shown
        uploaded.evaluate("img => img.complete && img.naturalWidth ? true : new Promise((ok, no) => {"
                          " img.onload = () => ok(true); img.onerror = () => no(new Error('upload failed')); })")

        # In French, the same history with the upload's alt text in French.
        french = page.context.browser.new_context(locale="fr-FR", storage_state=page.context.storage_state())
        try:
            page_fr = french.new_page()
            page_fr.goto(page.url)
            expect(page_fr.get_by_role("img", name="Image importée")).to_have_count(1)
            assert page_fr.locator("#messages > li").evaluate_all(ITEMS) == shown
        finally:
            french.close()
