"""Job creation (validation, moderation, quota, enqueue), the state machine and its refunds, uploads, moderation."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from chatsite.accounts.models import DailyUsage, User
from chatsite.accounts.tests.factories import UserFactory
from conversations.tests.factories import ConversationFactory
from imaging import services
from imaging.errors import ConsentRequired, ContentPolicy, InvalidRequest, InvalidUpload, NotFound, QuotaExceeded
from imaging.models import Image, ImageJob, JobMode, JobStatus, ModerationState
from imaging.services import GeneratedImage
from imaging.tests.factories import ImageFactory, face_png, png_bytes
from moderation.services import Verdict

pytestmark = pytest.mark.django_db


def used(user: User) -> int:
    return DailyUsage.objects.filter(user=user).values_list("used", flat=True).first() or 0


def create(user: User, **overrides: Any) -> ImageJob:
    values: dict[str, Any] = dict(user=user, conversation=None, prompt="a lighthouse at dusk", size=256)
    values.update(overrides)
    return services.image_job_create(**values)


def running_job(user: User, n: int = 1, **overrides: Any) -> ImageJob:
    """A job created through the service (so its images are charged), then claimed by a worker."""
    job = create(user, n=n, **overrides)
    started = services.image_job_start(job_id=str(job.pk), worker="test")
    assert started is not None
    return started


@pytest.fixture
def paid_user() -> User:
    return UserFactory.create(plan="paid")


def refused(**_: Any) -> Verdict:
    return Verdict(allowed=False, categories=("violence",), user_message="Violent images are not allowed.")


def output(allowed: bool = True) -> GeneratedImage:
    return GeneratedImage(png=png_bytes(32), width=32, height=32, seed=1, allowed=allowed,
                          user_message="" if allowed else "Held back.")


# --- creation ----------------------------------------------------------------------------------------

def test_it_charges_the_quota_and_queues_the_job_after_commit(user: User, django_capture_on_commit_callbacks: Any,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []
    from imaging import tasks

    priorities: list[int] = []

    def apply_async(args: tuple[str], priority: int) -> None:
        sent.append(args[0])
        priorities.append(priority)

    monkeypatch.setattr(tasks.image_job_run, "apply_async", apply_async)
    with django_capture_on_commit_callbacks(execute=True):
        job = create(user, n=2)
    assert sent == [str(job.pk)]
    assert priorities == [9 - user.plan.queue_priority]  # free plan: served after paid ones
    assert used(user) == 2
    assert job.status == JobStatus.QUEUED
    assert job.quota_day == timezone.now().date()
    assert job.priority == user.plan.queue_priority


def test_a_refused_prompt_charges_and_queues_nothing(user: User, monkeypatch: pytest.MonkeyPatch,
                                                     django_capture_on_commit_callbacks: Any) -> None:
    monkeypatch.setattr(services, "prompt_moderate", refused)
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(ContentPolicy, match="Violent") as exc:
        create(user)
    assert exc.value.code == "content_policy"
    assert callbacks == []
    assert used(user) == 0 and ImageJob.objects.count() == 0


def test_it_wraps_the_quota_error_and_keeps_when_it_resets(user: User) -> None:
    user.plan.images_per_day = 1
    user.plan.save()
    create(user)
    with pytest.raises(QuotaExceeded) as exc:
        create(user)
    assert exc.value.code == "quota_exceeded"
    assert exc.value.resets_at > timezone.now()
    assert ImageJob.objects.count() == 1


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"prompt": "   "}, "Describe"),
        ({"prompt": "x" * 1001}, "limited to 1000"),
        ({"size": 300}, "Choose a size"),
        ({"size": "256"}, "Choose a size"),
        ({"n": 0}, "1 to"),
        ({"n": 99}, "1 to"),
        ({"seed": -1}, "seed"),
        ({"seed": 2**32}, "seed"),
        ({"mode": "explode"}, "Unknown image mode"),
        ({"mode": JobMode.EDIT}, "Choose the image"),
        ({"strength": 0.5}, "edits and variations only"),
    ],
)
def test_invalid_requests_are_refused_in_plain_words(user: User, overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidRequest, match=message) as exc:
        create(user, **overrides)
    assert exc.value.code == "invalid_request"
    assert used(user) == 0


def test_a_size_above_the_plan_is_refused(user: User) -> None:
    user.plan.max_size = 512
    user.plan.save()
    with pytest.raises(InvalidRequest, match="up to 512 pixels"):
        create(user, size=1024)


def test_without_a_configured_scale_a_job_takes_its_models_guidance(user: User, settings: Any,
                                                                      tmp_path: Path) -> None:
    (tmp_path / "atelier.json").write_text('{"guidance_scale": 1.5}')
    settings.IMAGE_MODEL = f"inhouse:{tmp_path}"
    settings.IMAGE_GUIDANCE_SCALE = None
    assert create(user).guidance_scale == 1.5


def test_a_configured_scale_overrides_the_models_guidance(user: User, settings: Any, tmp_path: Path) -> None:
    (tmp_path / "atelier.json").write_text('{"guidance_scale": 1.5}')
    settings.IMAGE_MODEL = f"inhouse:{tmp_path}"
    settings.IMAGE_GUIDANCE_SCALE = 7.0
    assert create(user).guidance_scale == 7.0


def test_a_model_without_its_own_guidance_gets_five(user: User, settings: Any) -> None:
    settings.IMAGE_MODEL = "tiny-random"
    settings.IMAGE_GUIDANCE_SCALE = None
    assert create(user).guidance_scale == 5.0


def test_another_users_image_cannot_be_edited(user: User, other_user: User) -> None:
    theirs = ImageFactory.create(owner=other_user)
    with pytest.raises(NotFound):
        create(user, mode=JobMode.EDIT, source_image=theirs)


def test_an_image_from_another_conversation_cannot_be_edited_here(user: User) -> None:
    here, there = ConversationFactory.create(user=user), ConversationFactory.create(user=user)
    image = ImageFactory.create(owner=user, conversation=there)
    with pytest.raises(InvalidRequest, match="another conversation"):
        create(user, conversation=here, mode=JobMode.EDIT, source_image=image)


def test_a_withheld_image_cannot_be_edited(user: User) -> None:
    image = ImageFactory.create(owner=user, moderation_state=ModerationState.WITHHELD)
    with pytest.raises(InvalidRequest, match="held back"):
        create(user, mode=JobMode.VARIATION, source_image=image)


def test_an_edit_links_its_source_and_inpainting_stores_the_mask(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    image = ImageFactory.create(owner=user, conversation=conversation)
    job = create(user, conversation=conversation, mode=JobMode.INPAINT, source_image=image, mask=png_bytes(64))
    assert job.source_image == image and job.strength == 1.0
    assert job.mask.name.endswith(".png")


def test_a_fake_mask_is_refused(user: User) -> None:
    image = ImageFactory.create(owner=user)
    with pytest.raises(InvalidUpload, match="mask"):
        create(user, mode=JobMode.INPAINT, source_image=image, mask=b"GIF89a not a mask")


# --- state machine and refunds ----------------------------------------------------------------------

def test_cancelling_a_queued_job_refunds_it_exactly_once(user: User) -> None:
    job = create(user, n=2)
    services.image_job_cancel(user=user, job=job)
    services.image_job_cancel(user=user, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and job.quota_refunded == 2
    assert used(user) == 0


def test_cancelling_a_running_job_stops_its_progress_reports(user: User) -> None:
    job = running_job(user)
    services.image_job_cancel(user=user, job=job)
    assert services.image_job_progress(job=job, attempt=job.attempts, step=1, steps=4) is False
    job.refresh_from_db()
    assert job.status == JobStatus.CANCELLED and used(user) == 0


def test_a_failed_job_is_refunded_exactly_once(user: User) -> None:
    job = running_job(user, n=2)
    services.image_job_fail(job_id=str(job.pk), code="internal_error")
    services.image_job_fail(job_id=str(job.pk), code="internal_error")
    services.image_job_cancel(user=user, job=job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.quota_refunded == 2
    assert used(user) == 0


def test_a_job_whose_images_are_all_withheld_is_blocked_and_refunded(user: User) -> None:
    job = running_job(user, n=2)
    services.image_job_complete(job_id=str(job.pk), attempt=job.attempts, outputs=[output(False), output(False)])
    job.refresh_from_db()
    assert job.status == JobStatus.BLOCKED and job.quota_refunded == 2 and used(user) == 0
    assert set(job.images.values_list("moderation_state", flat=True)) == {ModerationState.WITHHELD}


def test_withheld_images_of_a_successful_job_are_refunded(user: User) -> None:
    job = running_job(user, n=2)
    services.image_job_complete(job_id=str(job.pk), attempt=job.attempts, outputs=[output(True), output(False)])
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.quota_refunded == 1 and used(user) == 1


def test_completion_stores_the_images_with_their_hash_and_parent(user: User) -> None:
    source = ImageFactory.create(owner=user)
    job = running_job(user, mode=JobMode.VARIATION, source_image=source)
    services.image_job_complete(job_id=str(job.pk), attempt=job.attempts, outputs=[output()])
    image = Image.objects.get(job=job)
    import hashlib

    assert image.parent == source and image.owner == user and (image.width, image.height) == (32, 32)
    assert image.sha256 == hashlib.sha256(image.file.read()).hexdigest()


def test_a_finished_job_never_runs_again(user: User) -> None:
    job = running_job(user)
    services.image_job_complete(job_id=str(job.pk), attempt=job.attempts, outputs=[output()])
    assert services.image_job_start(job_id=str(job.pk), worker="again") is None
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.attempts == 1


def test_a_redelivery_takes_over_and_the_old_attempt_loses_its_claim(user: User) -> None:
    job = running_job(user)
    taken = services.image_job_start(job_id=str(job.pk), worker="second")
    assert taken is not None and taken.attempts == 2
    assert services.image_job_progress(job=job, attempt=1, step=1, steps=4) is False
    assert services.image_job_complete(job_id=str(job.pk), attempt=1, outputs=[output()]) is None
    assert services.image_job_progress(job=taken, attempt=2, step=1, steps=4) is True


def test_a_job_out_of_attempts_ends_failed_and_refunded(user: User, settings: Any) -> None:
    settings.IMAGE_JOB_MAX_ATTEMPTS = 2
    job = running_job(user)
    services.image_job_start(job_id=str(job.pk), worker="second")
    assert services.image_job_start(job_id=str(job.pk), worker="third") is None
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error_code == "worker_lost" and used(user) == 0


def test_the_reaper_ends_running_jobs_whose_worker_went_silent(paid_user: User) -> None:
    user = paid_user  # two jobs at once: the free plan runs one
    stale = running_job(user)
    fresh = running_job(user)
    ImageJob.objects.filter(pk=stale.pk).update(heartbeat_at=timezone.now() - dt.timedelta(hours=1))
    assert services.image_jobs_reap() == 1
    assert services.image_jobs_reap() == 0
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.status == JobStatus.FAILED and stale.quota_refunded == 1
    assert fresh.status == JobStatus.RUNNING
    assert used(user) == 1


def test_progress_records_the_step_and_replaces_the_preview(user: User) -> None:
    job = running_job(user)
    assert services.image_job_progress(job=job, attempt=1, step=2, steps=8, preview=b"\xff\xd8\xff first")
    first = job.preview.name
    assert services.image_job_progress(job=job, attempt=1, step=4, steps=8, preview=b"\xff\xd8\xff second")
    job.refresh_from_db()
    assert (job.step, job.total_steps, job.progress) == (4, 8, 0.5)
    assert job.preview.read() == b"\xff\xd8\xff second"
    assert not job.preview.storage.exists(first)


# --- uploads and moderation decisions -----------------------------------------------------------------

def test_an_upload_is_stored_as_png_for_its_owner(user: User) -> None:
    conversation = ConversationFactory.create(user=user)
    image = services.image_upload_create(user=user, conversation=conversation, data=png_bytes(80), filename="a.png")
    assert (image.owner, image.conversation, image.width, image.kind) == (user, conversation, 80, "upload")


def test_a_refused_upload_is_not_stored(user: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(services, "image_moderate", refused)
    with pytest.raises(ContentPolicy):
        services.image_upload_create(user=user, conversation=None, data=png_bytes(), filename="a.png")
    assert Image.objects.count() == 0


def test_releasing_a_withheld_image_makes_it_visible_and_tells_the_conversation(
    user: User, staff_user: User, monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    events: list[dict[str, Any]] = []
    monkeypatch.setattr("conversations.events.conversation_event_send",
                        lambda *, conversation_id, payload: events.append(payload))
    job = running_job(user, conversation=ConversationFactory.create(user=user))
    services.image_job_complete(job_id=str(job.pk), attempt=1, outputs=[output(False)])
    image = Image.objects.get(job=job)
    with django_capture_on_commit_callbacks(execute=True):
        services.image_moderation_state_set(image=image, state=ModerationState.RELEASED, by=staff_user)
    image.refresh_from_db()
    assert image.moderation_state == ModerationState.RELEASED and image.moderated_by == staff_user
    assert events[-1]["images"][0]["url"]


def test_only_staff_can_decide_on_an_image(user: User) -> None:
    image = ImageFactory.create(owner=user, moderation_state=ModerationState.WITHHELD)
    with pytest.raises(NotFound):
        services.image_moderation_state_set(image=image, state=ModerationState.RELEASED, by=user)


# --- dispatch tokens and lost messages ------------------------------------------------------------------

@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The task messages the services send (after commit), with their options."""
    from imaging import tasks

    messages: list[dict[str, Any]] = []
    monkeypatch.setattr(tasks.image_job_run, "apply_async",
                        lambda args, **options: messages.append({"args": args, **options}))
    return messages


def test_each_job_is_sent_with_its_dispatch_token(user: User, sent: list[dict[str, Any]],
                                                  django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        job = create(user)
    job.refresh_from_db()
    assert sent == [{"args": (str(job.pk), str(job.dispatch_token)), "priority": 9 - user.plan.queue_priority}]
    assert job.enqueued_at is not None


def test_a_delivery_of_an_older_dispatch_is_skipped(user: User) -> None:
    job = create(user)
    assert services.image_job_start(job_id=str(job.pk), worker="old", dispatch=str(uuid.uuid4())) is None
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 0
    started = services.image_job_start(job_id=str(job.pk), worker="current", dispatch=str(job.dispatch_token))
    assert started is not None and started.status == JobStatus.RUNNING and started.attempts == 1


def test_a_crash_redelivery_of_the_current_dispatch_takes_over(user: User) -> None:
    job = create(user)
    token = str(job.dispatch_token)
    services.image_job_start(job_id=str(job.pk), worker="first", dispatch=token)
    taken = services.image_job_start(job_id=str(job.pk), worker="second", dispatch=token)
    assert taken is not None and taken.attempts == 2 and taken.worker == "second"


def later_than_stale(settings: Any, times: int = 1) -> dt.datetime:
    return timezone.now() + times * dt.timedelta(seconds=settings.IMAGE_JOB_QUEUED_STALE_SECONDS + 1)


def test_the_reaper_enqueues_again_a_queued_job_whose_message_was_lost(
    user: User, settings: Any, sent: list[dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    job = create(user)
    lost_token = str(job.dispatch_token)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.image_jobs_reap(now=later_than_stale(settings)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.requeues == 1 and str(job.dispatch_token) != lost_token
    # At the front of the queue (it has waited longer than anyone), with the new token.
    assert sent == [{"args": (str(job.pk), str(job.dispatch_token)), "priority": 0}]
    assert services.image_job_start(job_id=str(job.pk), worker="w", dispatch=lost_token) is None  # turned up late
    assert services.image_job_start(job_id=str(job.pk), worker="w", dispatch=str(job.dispatch_token)) is not None
    assert used(user) == 1


def test_a_job_lost_more_often_than_the_bound_ends_failed_and_refunded(
    user: User, settings: Any, sent: list[dict[str, Any]]
) -> None:
    settings.IMAGE_JOB_MAX_REQUEUES = 1
    job = create(user, n=1)
    assert services.image_jobs_reap(now=later_than_stale(settings)) == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    ImageJob.objects.filter(pk=job.pk).update(enqueued_at=timezone.now() - dt.timedelta(days=1))
    assert services.image_jobs_reap() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error_code == "lost" and "given back" in job.error
    assert job.quota_refunded == 1 and used(user) == 0
    assert services.image_jobs_reap(now=later_than_stale(settings, 3)) == 0


def test_the_reaper_leaves_queued_jobs_alone_until_their_last_enqueue_is_stale(
    user: User, settings: Any, sent: list[dict[str, Any]]
) -> None:
    job = create(user)
    # Created long ago but enqueued again a moment ago (as a job deferred at its running limit is).
    ImageJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    assert services.image_jobs_reap() == 0
    assert services.image_jobs_reap(now=timezone.now() + dt.timedelta(seconds=60)) == 0
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.requeues == 0


# --- uploads showing a real person: consent before any edit ------------------------------------------------

def face_upload(user: User) -> Image:
    return services.image_upload_create(user=user, conversation=None, data=face_png(), filename="face.png")


def test_the_face_fixture_is_a_face_for_moderation_and_a_plain_picture_is_not() -> None:
    from moderation.filters.images import count_faces, decode

    assert count_faces(decode(face_png(), max_pixels=10**7)) == 1
    assert count_faces(decode(png_bytes(256), max_pixels=10**7)) == 0


def test_an_upload_showing_a_face_is_kept_waiting_for_its_owners_consent(user: User) -> None:
    from moderation.models import Decision

    image = face_upload(user)
    assert image.consent_required and image.needs_consent and image.kind == "upload"
    decision = Decision.objects.filter(user=user).latest("pk")
    assert (decision.action, decision.category) == ("consent_needed", "real_person")
    plain = services.image_upload_create(user=user, conversation=None, data=png_bytes(256), filename="a.png")
    assert not plain.consent_required


def test_an_edit_of_a_photo_without_consent_is_refused_in_plain_words(user: User) -> None:
    image = face_upload(user)
    for mode in (JobMode.EDIT, JobMode.VARIATION):
        with pytest.raises(ConsentRequired, match="consent") as exc:
            create(user, mode=mode, source_image=image, prompt="make it blue")
        assert exc.value.code == "consent_required"
    assert ImageJob.objects.count() == 0 and used(user) == 0


def test_confirming_consent_records_it_and_lets_the_photo_be_edited(user: User) -> None:
    from moderation.models import Decision

    image = face_upload(user)
    confirmed = services.image_upload_consent_confirm(user=user, image=image)
    assert confirmed.consent_confirmed_at is not None and not confirmed.needs_consent
    decision = Decision.objects.filter(user=user).latest("pk")
    assert decision.action == "allowed" and decision.scores.get("consent_confirmed") is True
    job = create(user, mode=JobMode.EDIT, source_image=confirmed, prompt="make it blue")
    assert job.source_image == confirmed and used(user) == 1
    again = services.image_upload_consent_confirm(user=user, image=confirmed)  # twice changes nothing
    assert again.consent_confirmed_at == confirmed.consent_confirmed_at


def test_faces_are_refused_outright_when_the_settings_say_so(user: User, settings: Any) -> None:
    settings.MODERATION_UPLOAD_FACES = "refuse"
    with pytest.raises(ContentPolicy, match="real person"):
        face_upload(user)
    assert Image.objects.count() == 0


def test_discarding_a_photo_removes_its_row_and_file(user: User, django_capture_on_commit_callbacks: Any) -> None:
    image = face_upload(user)
    storage, name = image.file.storage, image.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.image_upload_discard(user=user, image=image)
    assert not Image.objects.filter(pk=image.pk).exists() and not storage.exists(name)


def test_only_the_owner_confirms_or_discards_an_upload(user: User, other_user: User) -> None:
    image = face_upload(user)
    with pytest.raises(NotFound):
        services.image_upload_consent_confirm(user=other_user, image=image)
    with pytest.raises(NotFound):
        services.image_upload_discard(user=other_user, image=image)
    generated = ImageFactory.create(owner=user)
    with pytest.raises(NotFound):  # only uploads are confirmed or discarded this way
        services.image_upload_discard(user=user, image=generated)
    image.refresh_from_db()
    assert image.needs_consent


# --- an upload's state reaches the conversation's open pages (after commit) ----------------------------------

@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """(conversation id, payload) of every event the services send."""
    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr("conversations.events.conversation_event_send",
                        lambda *, conversation_id, payload: sent.append((str(conversation_id), payload)))
    return sent


def test_an_upload_and_its_consent_are_announced_to_the_conversation_after_commit(
    user: User, events: list[tuple[str, dict[str, Any]]], django_capture_on_commit_callbacks: Any
) -> None:
    conversation = ConversationFactory.create(user=user)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image = services.image_upload_create(user=user, conversation=conversation, data=face_png(), filename="f.png")
    assert events == []  # nothing before the row is committed
    for callback in callbacks:
        callback()
    with django_capture_on_commit_callbacks(execute=True):
        services.image_upload_consent_confirm(user=user, image=image)
    assert [(cid, e["type"], e["image"]["id"], e["image"]["needs_consent"]) for cid, e in events] == [
        (str(conversation.pk), "image_upload", str(image.pk), True),
        (str(conversation.pk), "image_upload", str(image.pk), False),
    ]


def test_a_discarded_upload_is_taken_away_from_the_conversation(
    user: User, events: list[tuple[str, dict[str, Any]]], django_capture_on_commit_callbacks: Any
) -> None:
    conversation = ConversationFactory.create(user=user)
    image = services.image_upload_create(user=user, conversation=conversation, data=face_png(), filename="f.png")
    with django_capture_on_commit_callbacks(execute=True):
        services.image_upload_discard(user=user, image=image)
    assert events == [(str(conversation.pk), {"type": "image_upload_removed", "image_id": str(image.pk)})]


def test_a_moderators_decision_on_an_upload_is_announced_with_its_new_state(
    user: User, staff_user: User, events: list[tuple[str, dict[str, Any]]], django_capture_on_commit_callbacks: Any
) -> None:
    conversation = ConversationFactory.create(user=user)
    image = services.image_upload_create(user=user, conversation=conversation, data=png_bytes(), filename="a.png")
    with django_capture_on_commit_callbacks(execute=True):
        services.image_moderation_state_set(image=image, state=ModerationState.REJECTED, by=staff_user)
    [(_, event)] = events
    assert event["type"] == "image_upload" and event["image"]["withheld"] is True and event["image"]["url"] is None


def test_an_upload_outside_a_conversation_announces_nothing(
    user: User, events: list[tuple[str, dict[str, Any]]], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.image_upload_create(user=user, conversation=None, data=png_bytes(), filename="a.png")
    assert events == []
