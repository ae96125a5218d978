"""The job lifecycle on a real `celery worker` subprocess (queue gpu, tiny random model): success, model
loaded once, cancellation interrupting the pipeline, a worker killed with -9, a failing job refunded."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psutil
import pytest
from django.utils import timezone

from chatsite.accounts.models import DailyUsage, User
from conftest import purge_task_queues, running_celery_worker
from conversations.tests.factories import ConversationFactory
from imaging import services
from imaging.models import Image, ImageJob, JobMode, JobStatus
from imaging.tests.factories import ImageFactory

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def wait_for(check: Callable[[], Any], timeout: float = 120, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def finished(job: ImageJob, timeout: float = 120) -> ImageJob:
    def check() -> ImageJob | None:
        job.refresh_from_db()
        return job if job.is_terminal else None

    return wait_for(check, timeout, f"job {job.pk} to finish")


def running_at_step(job: ImageJob, step: int = 1) -> ImageJob:
    def check() -> ImageJob | None:
        job.refresh_from_db()
        return job if job.status == JobStatus.RUNNING and job.step >= step else None

    try:
        return wait_for(check, 120, f"job {job.pk} to reach step {step}")
    except AssertionError as exc:
        raise AssertionError(f"{exc}: it is {job.status} {job.error_code} {job.error} at step {job.step}") from None


def create(user: User, **overrides: Any) -> ImageJob:
    values: dict[str, Any] = dict(user=user, conversation=ConversationFactory.create(user=user),
                                  prompt="a lighthouse at dusk", size=256)
    values.update(overrides)
    return services.image_job_create(**values)


def used(user: User) -> int:
    return DailyUsage.objects.filter(user=user).values_list("used", flat=True).first() or 0


def test_a_job_runs_to_stored_images_on_the_gpu_queue(celery_worker_process: subprocess.Popen[bytes], user: User,
                                                      settings: Any) -> None:
    settings.IMAGE_STEPS = 6
    job = finished(create(user, n=2, seed=123))
    assert job.status == JobStatus.SUCCEEDED, job.error
    images = list(Image.objects.filter(job=job).order_by("index"))
    assert [(i.width, i.height, i.seed, i.owner_id) for i in images] == [(256, 256, 123, user.pk),
                                                                        (256, 256, 124, user.pk)]
    for image in images:
        with image.file.open("rb") as f:
            data = f.read()
        assert data.startswith(b"\x89PNG") and hashlib.sha256(data).hexdigest() == image.sha256
    assert (job.progress, job.attempts, job.quota_refunded, used(user)) == (1.0, 1, 0, 2)
    assert {"inference_s", "queued_s", "run_s"} <= set(job.timings)
    assert not job.preview  # previews are dropped once the images exist


def test_the_worker_loads_the_model_once_for_many_jobs(celery_worker_process: subprocess.Popen[bytes], user: User,
                                                       settings: Any) -> None:
    settings.IMAGE_STEPS = 2
    first = finished(create(user))
    second = finished(create(user))
    assert first.timings["model_loads_in_process"] == 1
    assert second.timings["model_loads_in_process"] == 1


def test_an_edit_runs_from_its_source_image(celery_worker_process: subprocess.Popen[bytes], user: User,
                                            settings: Any) -> None:
    settings.IMAGE_STEPS = 4
    conversation = ConversationFactory.create(user=user)
    source = ImageFactory.create(owner=user, conversation=conversation, width=300, height=300)
    job = finished(create(user, conversation=conversation, mode=JobMode.EDIT, source_image=source,
                          prompt="make it blue"))
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert Image.objects.get(job=job).parent == source


def test_cancel_interrupts_the_running_pipeline(celery_worker_process: subprocess.Popen[bytes], user: User,
                                                settings: Any) -> None:
    settings.IMAGE_STEPS = 500
    long = running_at_step(create(user))
    services.image_job_cancel(user=user, job=long)
    long.refresh_from_db()
    assert long.status == JobStatus.CANCELLED and long.quota_refunded == 1 and used(user) == 0

    def stopped_at() -> int | None:
        long.refresh_from_db()
        return long.timings.get("interrupted_at_step")

    assert wait_for(stopped_at, 120, "the worker to interrupt the pipeline") < 500
    assert long.status == JobStatus.CANCELLED and not Image.objects.filter(job=long).exists()


def test_a_job_whose_worker_is_killed_is_finished_by_a_redelivery(celery_worker_process: subprocess.Popen[bytes],
                                                                  user: User, settings: Any) -> None:
    settings.IMAGE_STEPS = 150
    job = running_at_step(create(user))
    children = psutil.Process(celery_worker_process.pid).children()
    assert len(children) == 1  # -c 1: one pool process runs the task
    os.kill(children[0].pid, signal.SIGKILL)
    job = finished(job, timeout=240)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert job.attempts == 2
    assert Image.objects.filter(job=job).count() == 1 and used(user) == 1


def test_a_job_that_cannot_run_ends_failed_and_refunded(celery_worker_process: subprocess.Popen[bytes], user: User,
                                                        settings: Any) -> None:
    settings.IMAGE_STEPS = 2
    conversation = ConversationFactory.create(user=user)
    source = ImageFactory.create(owner=user, conversation=conversation)
    job = create(user, conversation=conversation, mode=JobMode.VARIATION, source_image=source)
    source.file.storage.delete(source.file.name)  # the file vanished from storage before the worker ran
    job = finished(job)
    assert job.status == JobStatus.FAILED and job.error_code in {"invalid_request", "internal_error"}
    assert job.quota_refunded == 1 and used(user) == 0


def test_a_job_whose_message_was_lost_is_enqueued_again_by_the_reaper_and_runs(user: User, settings: Any,
                                                                               tmp_path: Path) -> None:
    settings.IMAGE_STEPS = 2
    job = create(user)
    assert purge_task_queues() == 1  # the broker lost the message (Redis flushed, or a worker died before the ack)
    with running_celery_worker(tmp_path / "worker.log", purge=False):
        time.sleep(2)
        job.refresh_from_db()
        assert job.status == JobStatus.QUEUED  # nothing is coming for it
        later = timezone.now() + dt.timedelta(seconds=settings.IMAGE_JOB_QUEUED_STALE_SECONDS + 1)
        assert services.image_jobs_reap(now=later) == 1
        job = finished(job)
    assert job.status == JobStatus.SUCCEEDED, job.error
    assert (job.requeues, job.attempts, used(user)) == (1, 1, 1)
