"""The worker's output path in process: every output is scored by the NSFW classifier (ahead, in the output thread,
while it is encoded and signed) and recorded under the sha256 of the bytes stored; a failed score ahead falls back
to scoring the final bytes, and a classifier that fails altogether withholds the image."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image as PILImage

from chatsite.accounts.models import User
from conversations.tests.factories import ConversationFactory
from imaging import runner
from imaging import services as imaging_services
from imaging.models import Image, ImageJob, JobStatus, ModerationState
from moderation.filters import images as image_filters
from moderation.models import Decision, Stage

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tiny(settings: Any) -> Any:
    settings.IMAGE_MODEL = "tiny-random"
    settings.IMAGE_STEPS = 2
    settings.IMAGE_PREVIEW_EVERY = 0
    return settings


def run_job(user: User, n: int = 2) -> ImageJob:
    conversation = ConversationFactory.create(user=user)
    job = imaging_services.image_job_create(user=user, conversation=conversation, prompt="a red lighthouse",
                                            size=256, n=n)
    runner.image_job_execute(job_id=str(job.pk), worker="test")
    job.refresh_from_db()
    return job


def decisions_for(job: ImageJob) -> dict[str, Decision]:
    return {d.image_sha256: d for d in Decision.objects.filter(stage=Stage.OUTPUT_IMAGE, user=job.user)}


def test_every_output_is_scored_and_recorded_under_the_hash_of_the_stored_bytes(
        user: User, tiny: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    scored: list[tuple[int, int]] = []
    real = runner.image_nsfw_score

    def spy(picture: PILImage.Image) -> float:
        scored.append(picture.size)
        return real(picture)

    monkeypatch.setattr(runner, "image_nsfw_score", spy)
    job = run_job(user)
    assert job.status == JobStatus.SUCCEEDED
    stored = list(Image.objects.filter(job=job))
    assert len(stored) == 2 and scored == [(256, 256), (256, 256)]
    decisions = decisions_for(job)
    for image in stored:
        assert image.moderation_state == ModerationState.CLEAR
        assert 0 <= decisions[image.sha256].scores["nsfw"] < 0.6


def test_outputs_scored_over_the_threshold_are_withheld_and_refunded(user: User, tiny: Any) -> None:
    tiny.MODERATION_NSFW_THRESHOLD = 0.0
    job = run_job(user)
    assert job.status == JobStatus.BLOCKED
    assert {i.moderation_state for i in Image.objects.filter(job=job)} == {ModerationState.WITHHELD}
    assert {d.action for d in decisions_for(job).values()} == {"withheld"}


def test_a_failed_score_ahead_is_replaced_by_scoring_the_final_bytes(
        user: User, tiny: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(picture: PILImage.Image) -> float:
        raise RuntimeError("classifier session lost")

    monkeypatch.setattr(runner, "image_nsfw_score", broken)
    job = run_job(user, n=1)
    [image] = Image.objects.filter(job=job)
    assert job.status == JobStatus.SUCCEEDED and image.moderation_state == ModerationState.CLEAR
    assert "nsfw" in decisions_for(job)[image.sha256].scores


def test_a_classifier_that_fails_altogether_withholds_the_output(
        user: User, tiny: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(picture: PILImage.Image) -> float:
        raise RuntimeError("no classifier")

    monkeypatch.setattr(image_filters, "nsfw_score", broken)
    job = run_job(user, n=1)
    [image] = Image.objects.filter(job=job)
    assert job.status == JobStatus.BLOCKED and image.moderation_state == ModerationState.WITHHELD
    assert decisions_for(job)[image.sha256].categories == ["error"]
