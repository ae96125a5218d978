"""A person in a real browser: sign up, land on the chat, send a message."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_sign_up_log_in_and_chat(live_daphne: str, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(live_daphne + "/account/signup/")
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password").fill("a-long-browser-passphrase")
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/chat/$"))
    expect(page.get_by_label("Message")).to_be_visible()

    # Log out and back in with the same credentials.
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(re.compile(r"/account/login/"))
    page.get_by_label("Email").fill("browser@example.com")
    page.get_by_label("Password").fill("a-long-browser-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/chat/$"))

    # The first message opens a conversation; the next goes over the websocket.
    page.get_by_label("Message").fill("Hello Atelier")
    page.get_by_role("button", name="Send").click()
    expect(page).to_have_url(re.compile(r"/chat/[0-9a-f-]{36}/$"))
    expect(page.locator(".message-user").first).to_have_text("Hello Atelier")
    # No worker runs in this test, so the answer stays queued: a second message is refused in plain
    # words until the user stops the answer.
    page.get_by_label("Message").fill("Second message over the socket")
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("alert")).to_contain_text("Please wait for the current answer")
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Stop")).to_be_hidden()
    page.get_by_label("Message").fill("Second message over the socket")
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".message-user")).to_have_count(2)
    expect(page.locator(".message-user").nth(1)).to_have_text("Second message over the socket")
    # After a reload the page shows the same state, nothing duplicated.
    page.reload()
    expect(page.locator(".message-user")).to_have_count(2)


def test_the_page_switches_to_french(live_daphne: str, page: Any) -> None:
    from playwright.sync_api import expect

    page.goto(live_daphne + "/account/login/")
    page.get_by_label("Language").select_option("fr")
    expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
