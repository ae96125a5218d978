"""Progress reports in a gpu worker are written by the progress thread, off the denoising loop: the loop hands
over the latest report and goes on; a job found cancelled stops the loop at a later report; `finish()` waits for
the last write."""

from __future__ import annotations

import pytest
from PIL import Image as PILImage

from imaging import event_sender
from imaging.models import ImageJob, JobStatus
from imaging.pipelines import StepInfo
from imaging.runner import ProgressReporter
from imaging.tests.factories import ImageJobFactory

pytestmark = pytest.mark.django_db(transaction=True)  # the progress thread has its own connection


def running_job() -> ImageJob:
    return ImageJobFactory.create(status=JobStatus.RUNNING, attempts=1, steps=20)


def test_in_a_worker_reports_are_written_off_the_loop_and_finish_waits_for_the_last() -> None:
    job = running_job()
    with event_sender.sending():
        reporter = ProgressReporter(job, attempt=1)
        assert reporter._background
        for step in range(1, 21):
            preview = PILImage.new("RGB", (16, 16), "red") if step % 4 == 0 else None
            assert reporter(StepInfo(step=step, steps=20, preview=preview))
        reporter.finish()
    job.refresh_from_db()
    assert (job.step, job.total_steps, job.progress) == (20, 20, 1.0)  # the last report is never coalesced away
    assert job.preview.name.endswith("/20.jpg") and reporter.first_preview_step == 4


def test_a_job_cancelled_meanwhile_stops_the_loop_at_a_later_report() -> None:
    job = running_job()
    with event_sender.sending():
        reporter = ProgressReporter(job, attempt=1)
        assert reporter(StepInfo(step=1, steps=20))
        reporter.finish()
        ImageJob.objects.filter(pk=job.pk).update(status=JobStatus.CANCELLED)
        answers = []
        for step in range(2, 21):  # every step is due: previews make each one a report
            answers.append(reporter(StepInfo(step=step, steps=20, preview=PILImage.new("RGB", (8, 8)))))
            reporter.finish()
    assert answers[0] is True and not any(answers[1:])  # one report late, then stopped
    job.refresh_from_db()
    assert job.step == 1 and job.status == JobStatus.CANCELLED


def test_outside_a_worker_reports_are_written_in_the_loop() -> None:
    job = running_job()
    reporter = ProgressReporter(job, attempt=1)
    assert not reporter._background
    assert reporter(StepInfo(step=1, steps=20))
    job.refresh_from_db()
    assert job.step == 1
    ImageJob.objects.filter(pk=job.pk).update(status=JobStatus.CANCELLED)
    assert not reporter(StepInfo(step=2, steps=20, preview=PILImage.new("RGB", (8, 8))))


@pytest.mark.django_db(transaction=False)
def test_inside_an_open_transaction_reports_stay_in_the_loop_where_its_rows_are_visible() -> None:
    job = running_job()  # not committed: another connection could not see it
    with event_sender.sending():
        reporter = ProgressReporter(job, attempt=1)
        assert not reporter._background
        assert reporter(StepInfo(step=1, steps=20))
        reporter.finish()
    job.refresh_from_db()
    assert job.step == 1
