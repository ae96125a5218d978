"""HTTP: who may fetch an image or a preview, the card's JSON actions, uploads, and the gallery."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from chatsite.accounts.models import DailyUsage, User
from conversations.tests.factories import ConversationFactory
from imaging.models import Image, ImageJob, JobMode, JobStatus, ModerationState
from imaging.tests.factories import ImageFactory, ImageJobFactory, face_png, png_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_enqueue(monkeypatch: pytest.MonkeyPatch) -> None:
    from imaging import tasks

    monkeypatch.setattr(tasks.image_job_run, "apply_async", lambda *args, **kwargs: None)


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def file_url(image: Image) -> str:
    return reverse("images:file", kwargs={"image_id": image.pk})


# --- access to files ----------------------------------------------------------------------------------

def test_the_owner_fetches_the_image_as_png_with_nosniff(user: User) -> None:
    image = ImageFactory.create(owner=user)
    response = logged_in(user).get(file_url(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")  # type: ignore[attr-defined]


def test_a_download_is_an_attachment(user: User) -> None:
    image = ImageFactory.create(owner=user)
    response = logged_in(user).get(file_url(image) + "?download=1")
    assert response["Content-Disposition"].startswith("attachment;")


def test_another_user_gets_404_for_an_image(user: User, other_user: User) -> None:
    image = ImageFactory.create(owner=user)
    assert logged_in(other_user).get(file_url(image)).status_code == 404


def test_an_anonymous_visitor_gets_404_for_an_image(user: User, client: Client) -> None:
    image = ImageFactory.create(owner=user)
    assert client.get(file_url(image)).status_code == 404


def test_staff_can_fetch_any_image(user: User, staff_user: User) -> None:
    image = ImageFactory.create(owner=user)
    assert logged_in(staff_user).get(file_url(image)).status_code == 200


@pytest.mark.parametrize("state", [ModerationState.WITHHELD, ModerationState.REJECTED])
def test_a_withheld_or_rejected_image_is_never_served_to_its_owner(user: User, staff_user: User,
                                                                    state: ModerationState) -> None:
    image = ImageFactory.create(owner=user, moderation_state=state)
    assert logged_in(user).get(file_url(image)).status_code == 404
    assert logged_in(staff_user).get(file_url(image)).status_code == 200


def test_a_released_image_is_served_to_its_owner(user: User) -> None:
    image = ImageFactory.create(owner=user, moderation_state=ModerationState.RELEASED)
    assert logged_in(user).get(file_url(image)).status_code == 200


def test_previews_are_served_to_the_owner_and_staff_only(user: User, other_user: User, staff_user: User,
                                                        client: Client) -> None:
    job = ImageJobFactory.create(user=user, status=JobStatus.RUNNING)
    job.preview.save("previews/p.jpg", ContentFile(b"\xff\xd8\xff preview"), save=True)
    url = reverse("images:job_preview", kwargs={"job_id": job.pk})
    owner = logged_in(user).get(url)
    assert owner.status_code == 200 and owner["Content-Type"] == "image/jpeg"
    assert owner["X-Content-Type-Options"] == "nosniff"
    assert logged_in(staff_user).get(url).status_code == 200
    assert logged_in(other_user).get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_a_malformed_or_unknown_id_is_404(user: User) -> None:
    client = logged_in(user)
    assert client.get("/images/not-a-uuid/").status_code == 404
    assert client.get("/images/00000000-0000-0000-0000-000000000000/").status_code == 404


# --- card actions -----------------------------------------------------------------------------------------

def test_creating_a_job_answers_its_payload(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    response = logged_in(user).post(reverse("images:job_create"), {
        "conversation_id": str(conversation.pk), "prompt": "a red kite", "size": 256, "n": 2, "seed": 5,
    }, content_type="application/json")
    assert response.status_code == 202
    payload = response.json()
    assert payload["type"] == "image_job" and payload["status"] == "queued" and payload["queue_position"] == 1
    job = ImageJob.objects.get(pk=payload["job_id"])
    assert (job.conversation, job.n, job.seed, job.size) == (conversation, 2, 5, 256)


def test_actions_need_the_csrf_token(user: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("images:job_create"), {"prompt": "x", "size": 256},
                           content_type="application/json")
    assert response.status_code == 403
    assert ImageJob.objects.count() == 0


def test_actions_answer_401_json_to_anonymous_visitors(client: Client) -> None:
    response = client.post(reverse("images:job_create"), {"prompt": "x"}, content_type="application/json")
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthenticated"


def test_errors_are_json_in_plain_words(user: User) -> None:
    response = logged_in(user).post(reverse("images:job_create"), {"prompt": "x", "size": 333},
                                    content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] == {"code": "invalid_request",
                                        "message": "Choose a size among 256, 512, 1024 pixels."}


def test_an_exhausted_quota_answers_429_with_the_reset_time(user: User) -> None:
    user.plan.images_per_day = 0
    user.plan.save()
    response = logged_in(user).post(reverse("images:job_create"), {"prompt": "x", "size": 256},
                                    content_type="application/json")
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded" and error["resets_at"] and error["remaining"] == 0


def test_cancelling_another_users_job_is_404_and_changes_nothing(user: User, other_user: User) -> None:
    job = ImageJobFactory.create(user=user)
    response = logged_in(other_user).post(reverse("images:job_cancel", kwargs={"job_id": job.pk}))
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED


def test_the_owner_cancels_a_job(user: User) -> None:
    job = ImageJobFactory.create(user=user)
    response = logged_in(user).post(reverse("images:job_cancel", kwargs={"job_id": job.pk}))
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_regenerate_makes_a_new_job_with_the_same_request(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    job = ImageJobFactory.create(user=user, conversation=conversation, status=JobStatus.SUCCEEDED, n=2)
    response = logged_in(user).post(reverse("images:job_regenerate", kwargs={"job_id": job.pk}))
    assert response.status_code == 202
    new = ImageJob.objects.get(pk=response.json()["job_id"])
    assert (new.prompt, new.n, new.size, new.conversation) == (job.prompt, 2, 256, conversation)


def test_a_painted_mask_makes_an_inpainting_job_linked_to_its_parent(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    image = ImageFactory.create(owner=user, conversation=conversation, width=256, height=256)
    mask = io.BytesIO(png_bytes(256))
    mask.name = "mask.png"
    response = logged_in(user).post(reverse("images:edit", kwargs={"image_id": image.pk}),
                                    {"prompt": "a hat", "mask": mask})
    assert response.status_code == 202
    job = ImageJob.objects.get(pk=response.json()["job_id"])
    assert (job.mode, job.source_image, job.conversation) == (JobMode.INPAINT, image, conversation)
    assert response.json()["parent_id"] == str(image.pk)


def test_an_edit_without_a_mask_is_image_to_image(user: User) -> None:
    image = ImageFactory.create(owner=user, width=512, height=512)
    response = logged_in(user).post(reverse("images:edit", kwargs={"image_id": image.pk}),
                                    {"prompt": "make it blue"}, content_type="application/json")
    job = ImageJob.objects.get(pk=response.json()["job_id"])
    assert (job.mode, job.size) == (JobMode.EDIT, 512)


def test_variations_of_another_users_image_are_404(user: User, other_user: User) -> None:
    image = ImageFactory.create(owner=other_user)
    response = logged_in(user).post(reverse("images:variations", kwargs={"image_id": image.pk}))
    assert response.status_code == 404
    assert DailyUsage.objects.filter(user=user).count() == 0


# --- uploads ------------------------------------------------------------------------------------------------

def upload(client: Client, data: bytes, name: str, **extra: Any) -> Any:
    file = io.BytesIO(data)
    file.name = name
    return client.post(reverse("images:upload"), {"file": file, **extra})


def test_an_upload_is_stored_and_answered(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    response = upload(logged_in(user), png_bytes(100), "cat.png", conversation_id=str(conversation.pk))
    assert response.status_code == 201
    image = Image.objects.get(pk=response.json()["id"])
    assert (image.owner, image.conversation, image.kind) == (user, conversation, "upload")


@pytest.mark.parametrize("data, name, message", [
    (b"<svg onload=alert(1)>", "cat.png", "not a PNG, JPEG or WebP"),
    (png_bytes(64)[:60], "cat.png", "truncated"),
    (png_bytes(64), "cat.jpg", "named .jpg"),
    (png_bytes(64) + b"\0" * (4 * 1024 * 1024), "big.png", "larger than 4 MB"),
])
def test_a_hostile_upload_is_refused_with_a_clear_message(user: User, data: bytes, name: str, message: str) -> None:
    response = upload(logged_in(user), data, name)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_image" and message in error["message"]
    assert Image.objects.count() == 0


def test_an_upload_into_another_users_conversation_is_404(user: User, other_user: User) -> None:
    theirs = ConversationFactory.create(user=other_user)
    response = upload(logged_in(user), png_bytes(64), "a.png", conversation_id=str(theirs.pk))
    assert response.status_code == 404 and Image.objects.count() == 0


def test_a_photo_of_a_person_asks_for_consent_and_its_edits_are_refused_until_then(user: User) -> None:
    client = logged_in(user)
    answer = upload(client, face_png(), "face.png").json()
    assert answer["needs_consent"] is True and answer["consent_url"] and answer["discard_url"]
    edit_url = reverse("images:edit", kwargs={"image_id": answer["id"]})
    refused = client.post(edit_url, {"prompt": "make it blue"}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["error"]["code"] == "consent_required" and "consent" in refused.json()["error"]["message"]
    assert ImageJob.objects.count() == 0
    confirmed = client.post(answer["consent_url"])
    assert confirmed.status_code == 200 and confirmed.json()["needs_consent"] is False
    assert client.post(edit_url, {"prompt": "make it blue"}, content_type="application/json").status_code == 202


def test_another_user_cannot_confirm_or_discard_an_upload(user: User, other_user: User) -> None:
    answer = upload(logged_in(user), face_png(), "face.png").json()
    stranger = logged_in(other_user)
    assert stranger.post(answer["consent_url"]).status_code == 404
    assert stranger.post(answer["discard_url"]).status_code == 404
    assert Image.objects.get(pk=answer["id"]).needs_consent


def test_the_owner_discards_an_upload(user: User) -> None:
    client = logged_in(user)
    answer = upload(client, face_png(), "face.png").json()
    assert client.post(answer["discard_url"]).status_code == 200
    assert not Image.objects.filter(pk=answer["id"]).exists()


def test_the_urls_of_an_upload_in_the_chat_state_serve_only_its_owner(user: User, other_user: User,
                                                                       client: Client) -> None:
    from conversations.selectors import conversation_state

    conversation = ConversationFactory.create(user=user)
    owner = logged_in(user)
    upload(owner, face_png(), "face.png", conversation_id=str(conversation.pk))
    [shown] = conversation_state(conversation=conversation)["uploads"]
    assert owner.get(shown["url"]).status_code == 200  # pending consent: its owner still sees the photo
    stranger = logged_in(other_user)
    for url in (shown["url"], shown["download_url"]):
        assert stranger.get(url).status_code == 404
        assert client.get(url).status_code == 404  # anonymous
    assert stranger.post(shown["edit_url"], {"prompt": "x"}, content_type="application/json").status_code == 404


# --- gallery ------------------------------------------------------------------------------------------------

def test_the_gallery_is_searchable_by_prompt_and_shows_only_the_users_visible_images(user: User,
                                                                                      other_user: User) -> None:
    kite = ImageFactory.create(owner=user, prompt="a red kite over the sea")
    boat = ImageFactory.create(owner=user, prompt="a blue boat")
    hidden = ImageFactory.create(owner=user, prompt="a red kite, withheld", moderation_state=ModerationState.WITHHELD)
    theirs = ImageFactory.create(owner=other_user, prompt="a red kite too")
    html = logged_in(user).get(reverse("imaging:gallery"), {"q": "red kite"}).content.decode()
    assert file_url(kite) in html
    assert file_url(boat) not in html and file_url(hidden) not in html and file_url(theirs) not in html


def test_an_image_page_shows_its_versions_and_its_conversation(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    parent = ImageFactory.create(owner=user, conversation=conversation)
    image = ImageFactory.create(owner=user, conversation=conversation, parent=parent)
    child = ImageFactory.create(owner=user, conversation=conversation, parent=image)
    html = logged_in(user).get(reverse("imaging:image", kwargs={"image_id": image.pk})).content.decode()
    assert file_url(parent) in html and file_url(child) in html
    assert reverse("conversations:conversation", kwargs={"conversation_id": conversation.pk}) in html


def test_another_users_image_page_is_404(user: User, other_user: User) -> None:
    image = ImageFactory.create(owner=other_user)
    assert logged_in(user).get(reverse("imaging:image", kwargs={"image_id": image.pk})).status_code == 404


def test_job_payload_json_is_for_its_owner_only(user: User, other_user: User) -> None:
    job = ImageJobFactory.create(user=user)
    url = reverse("images:job_detail", kwargs={"job_id": job.pk})
    assert json.loads(logged_in(user).get(url).content)["job_id"] == str(job.pk)
    assert logged_in(other_user).get(url).status_code == 404
