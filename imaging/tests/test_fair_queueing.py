"""Quotas and fair queueing seen through image jobs (issue: quotas and tiers)."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from PIL import Image as PILImage

from chatsite.accounts.models import DailyUsage, Plan, UsageEntry, User
from chatsite.accounts.quotas import quota_status
from chatsite.accounts.tests.factories import UserFactory
from conftest import purge_task_queues, running_celery_worker
from imaging.admission import QueueBusy, celery_priority
from imaging.errors import QuotaExceeded
from imaging.models import ImageJob, JobStatus
from imaging.services import (
    GeneratedImage,
    image_job_cancel,
    image_job_complete,
    image_job_create,
    image_job_fail,
    image_job_start,
)

CHARGED = (JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.SUCCEEDED)


def make(user: User, prompt: str = "a lighthouse at dusk", n: int = 1) -> ImageJob:
    return image_job_create(user=user, conversation=None, prompt=prompt, size=256, n=n)


def png(size: int = 8) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (size, size), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def used(user: User) -> int:
    return DailyUsage.objects.filter(user=user).values_list("used", flat=True).first() or 0


def charged_images(user: User) -> int:
    return sum(ImageJob.objects.filter(user=user, status__in=CHARGED).values_list("n", flat=True))


@pytest.mark.django_db(transaction=True)
def test_forty_concurrent_job_requests_get_exactly_the_three_images_left() -> None:
    user = UserFactory.create()
    barrier = threading.Barrier(40)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(i: int) -> None:
        try:
            barrier.wait()
            try:
                make(user, prompt=f"a lighthouse at dusk, view {i}")
                outcome = "granted"
            except QuotaExceeded:
                outcome = "refused"
            with lock:
                outcomes.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("granted") == 3 and outcomes.count("refused") == 37
    assert ImageJob.objects.filter(user=user).count() == 3
    assert used(user) == 3 == charged_images(user)


@pytest.mark.django_db(transaction=True)
def test_concurrent_refunds_of_one_job_apply_once() -> None:
    user = UserFactory.create(plan="paid")
    kept, refunded = make(user), make(user)
    barrier = threading.Barrier(20)

    def end(i: int) -> None:
        try:
            barrier.wait()
            if i % 2:
                image_job_cancel(user=user, job=refunded)
            else:
                image_job_fail(job_id=str(refunded.pk), code="test")
        finally:
            connection.close()

    threads = [threading.Thread(target=end, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert ImageJob.objects.get(pk=refunded.pk).status in (JobStatus.CANCELLED, JobStatus.FAILED)
    assert used(user) == 1 == charged_images(user)  # a second refund would have taken `kept`'s image too
    assert ImageJob.objects.get(pk=kept.pk).status == JobStatus.QUEUED


@pytest.mark.django_db
def test_free_jobs_are_refused_when_the_queue_is_long_but_paid_jobs_still_queue(settings: object) -> None:
    settings.IMAGE_QUEUE_BUSY_THRESHOLD = 2  # type: ignore[attr-defined]
    paid, free = UserFactory.create(plan="paid"), UserFactory.create()
    make(paid)
    make(paid)
    with pytest.raises(QueueBusy) as busy:
        make(free)
    assert "try again in" in str(busy.value) and busy.value.retry_after_seconds >= 60
    assert used(free) == 0
    make(paid)  # paid still queues
    assert ImageJob.objects.filter(user=paid).count() == 3


@pytest.mark.django_db
def test_a_finished_job_is_recorded_in_the_ledger_at_its_size_price() -> None:
    user = UserFactory.create(plan="paid")
    job = make(user, n=2)
    started = image_job_start(job_id=str(job.pk), worker="test")
    assert started is not None
    outputs = [GeneratedImage(png=png(), width=8, height=8, seed=i, allowed=True) for i in range(2)]
    image_job_complete(job_id=str(job.pk), attempt=started.attempts, outputs=outputs)
    entry = UsageEntry.objects.get(job_id=job.pk)
    assert (entry.images, entry.size, str(entry.cost_usd)) == (2, 256, "0.0320")


class QuotaMachine(RuleBasedStateMachine):
    """Reserve, run, succeed, fail, cancel and refund in any order: the used count always equals the
    images of the day's jobs that are queued, running or succeeded, and never passes the plan."""

    def __init__(self) -> None:
        super().__init__()
        self.user = UserFactory.create()
        self.user.plan.images_per_day = 5
        self.user.plan.save()
        self.jobs: list[ImageJob] = []

    @rule(n=st.integers(min_value=1, max_value=2))
    def create(self, n: int) -> None:
        try:
            self.jobs.append(make(self.user, n=n))
        except QuotaExceeded:
            assert charged_images(self.user) + n > 5

    @precondition(lambda self: self.jobs)
    @rule(index=st.integers(min_value=0), action=st.sampled_from(["start", "succeed", "fail", "cancel"]))
    def act(self, index: int, action: str) -> None:
        job = ImageJob.objects.get(pk=self.jobs[index % len(self.jobs)].pk)
        if action == "start":
            image_job_start(job_id=str(job.pk), worker="machine")
        elif action == "succeed" and job.status == JobStatus.RUNNING:
            outputs = [GeneratedImage(png=png(), width=8, height=8, seed=i, allowed=True) for i in range(job.n)]
            image_job_complete(job_id=str(job.pk), attempt=job.attempts, outputs=outputs)
        elif action == "fail":
            image_job_fail(job_id=str(job.pk), code="test")
        elif action == "cancel":
            image_job_cancel(user=self.user, job=job)

    @invariant()
    def used_equals_charged_jobs(self) -> None:
        assert used(self.user) == charged_images(self.user) <= 5
        assert quota_status(user=self.user).used == used(self.user)


@pytest.mark.django_db
def test_quota_state_machine(settings: object) -> None:
    settings.IMAGE_QUEUE_BUSY_THRESHOLD = 10_000  # type: ignore[attr-defined]  # examples share the queue
    QuotaMachine.TestCase.settings = hypothesis_settings(max_examples=25, stateful_step_count=12, deadline=None)
    QuotaMachine.TestCase().runTest()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_paid_jobs_run_before_free_ones_on_a_real_worker(tmp_path: Path) -> None:
    free, paid = UserFactory.create(), UserFactory.create(plan="paid")
    purge_task_queues()
    first_free = make(free, prompt="a free lighthouse")
    time.sleep(0.05)
    then_paid = make(paid, prompt="a paid lighthouse")
    with running_celery_worker(tmp_path / "worker.log", {"IMAGE_STEPS": "2"}, purge=False):
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            done = ImageJob.objects.filter(pk__in=[first_free.pk, then_paid.pk], status=JobStatus.SUCCEEDED)
            if done.count() == 2:
                break
            time.sleep(0.5)
    jobs = {job.pk: job for job in ImageJob.objects.filter(pk__in=[first_free.pk, then_paid.pk])}
    assert all(job.status == JobStatus.SUCCEEDED for job in jobs.values()), jobs
    paid_start, free_start = jobs[then_paid.pk].started_at, jobs[first_free.pk].started_at
    assert paid_start is not None and free_start is not None
    assert paid_start < free_start


# --- running limit (most jobs at once) --------------------------------------------------------------------

@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The task messages the services send (after commit), with their options; nothing reaches the broker."""
    from imaging import tasks

    messages: list[dict[str, Any]] = []
    monkeypatch.setattr(tasks.image_job_run, "apply_async",
                        lambda args, **options: messages.append({"args": args, **options}))
    return messages


def start(job: ImageJob) -> ImageJob | None:
    job.refresh_from_db()
    return image_job_start(job_id=str(job.pk), worker="test", dispatch=str(job.dispatch_token))


@pytest.mark.django_db
def test_a_job_over_the_users_running_limit_stays_queued_and_goes_back_on_the_queue(
    settings: Any, sent: list[dict[str, Any]], django_capture_on_commit_callbacks: Any
) -> None:
    free = UserFactory.create()  # one job at once
    running, waiting = make(free), make(free)
    first_token = str(ImageJob.objects.get(pk=waiting.pk).dispatch_token)
    assert start(running) is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert start(waiting) is None
    waiting.refresh_from_db()
    assert waiting.status == JobStatus.QUEUED and waiting.attempts == 0 and waiting.timings["deferred"] == 1
    assert used(free) == 2 == charged_images(free)  # charged once, at creation
    assert str(waiting.dispatch_token) != first_token
    assert sent == [{"args": (str(waiting.pk), str(waiting.dispatch_token)),
                     "priority": celery_priority(free.plan.queue_priority),
                     "countdown": settings.IMAGE_RUNNING_LIMIT_RETRY_SECONDS}]


@pytest.mark.django_db
def test_a_deferred_job_starts_once_the_running_one_has_finished(sent: list[dict[str, Any]]) -> None:
    free = UserFactory.create()
    running, waiting = make(free), make(free)
    started = start(running)
    assert started is not None and start(waiting) is None
    image_job_complete(job_id=str(running.pk), attempt=started.attempts,
                       outputs=[GeneratedImage(png=png(), width=8, height=8, seed=1, allowed=True)])
    now_running = start(waiting)
    assert now_running is not None and now_running.status == JobStatus.RUNNING and now_running.attempts == 1


@pytest.mark.django_db
def test_other_users_and_silent_jobs_hold_no_slot(settings: Any, sent: list[dict[str, Any]]) -> None:
    free, other = UserFactory.create(), UserFactory.create()
    silent, waiting = make(free), make(free)
    assert start(silent) is not None
    assert start(make(other)) is not None  # another user's running job is not counted
    assert start(waiting) is None
    # A running job whose worker went silent (dead, waiting for the reaper) no longer holds the user's slot.
    stale = timezone.now() - dt.timedelta(seconds=settings.IMAGE_JOB_STALE_SECONDS + 1)
    ImageJob.objects.filter(pk=silent.pk).update(heartbeat_at=stale)
    assert start(waiting) is not None


@pytest.mark.parametrize(("limit", "jobs"), [(1, 6), (3, 12)])
@pytest.mark.django_db(transaction=True)
def test_workers_claiming_one_users_jobs_at_once_never_pass_the_running_limit(
    limit: int, jobs: int, sent: list[dict[str, Any]]
) -> None:
    plan = Plan.objects.create(slug=f"limit-{limit}", name="Limit", images_per_day=100, max_size=256,
                               max_images_per_request=1, queue_priority=0, max_concurrent_jobs=limit)
    user = UserFactory.create(plan=plan)
    queued = [make(user, prompt=f"a lighthouse at dusk, view {i}") for i in range(jobs)]
    barrier = threading.Barrier(jobs)
    claimed: list[bool] = []
    lock = threading.Lock()

    def claim(job: ImageJob) -> None:
        try:
            barrier.wait()
            outcome = image_job_start(job_id=str(job.pk), worker="racer") is not None
            with lock:
                claimed.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=claim, args=(job,)) for job in queued]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert claimed.count(True) == limit and len(claimed) == jobs
    assert ImageJob.objects.filter(user=user, status=JobStatus.RUNNING).count() == limit
    deferred = ImageJob.objects.filter(user=user, status=JobStatus.QUEUED)
    assert deferred.count() == jobs - limit and all(j.attempts == 0 for j in deferred)
    assert len(sent) == jobs * 2 - limit  # each creation, and each deferral once
    assert used(user) == jobs


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_one_free_job_at_a_time_while_another_users_job_gets_through(
    tmp_path: Path, settings: Any
) -> None:
    settings.IMAGE_STEPS = 40  # about 2 s a job on one CPU thread: long enough for the jobs to meet
    busy, other = UserFactory.create(), UserFactory.create()  # free plan: one job at once
    busy_jobs = [make(busy, prompt=f"a busy lighthouse {i}") for i in range(3)]
    time.sleep(0.05)
    other_job = make(other, prompt="another user's lighthouse")
    everything = [*busy_jobs, other_job]
    with running_celery_worker(tmp_path / "worker.log", {"IMAGE_RUNNING_LIMIT_RETRY_SECONDS": "0.5"}, purge=False,
                               concurrency=2):
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            if ImageJob.objects.filter(pk__in=[j.pk for j in everything], status=JobStatus.SUCCEEDED).count() == 4:
                break
            time.sleep(0.5)
    jobs = {job.pk: job for job in ImageJob.objects.filter(pk__in=[j.pk for j in everything])}
    assert all(job.status == JobStatus.SUCCEEDED for job in jobs.values()), (jobs, (tmp_path / "worker.log")
                                                                             .read_text()[-3000:])
    runs = sorted((jobs[j.pk].started_at, jobs[j.pk].finished_at) for j in busy_jobs)
    for (_, finished), (started, _) in zip(runs, runs[1:], strict=False):
        assert finished is not None and started is not None and finished <= started  # never two at once
    assert sum(jobs[j.pk].timings.get("deferred", 0) for j in busy_jobs) >= 1  # the limit was met, and held
    assert all(jobs[j.pk].attempts == 1 for j in busy_jobs) and used(busy) == 3
    # The other user's job, queued behind the three, ran while the busy user's first job was running.
    other_run = jobs[other_job.pk]
    assert other_run.started_at is not None and runs[0][1] is not None and other_run.started_at < runs[0][1]
