"""Fair queueing when the GPUs are busy: who is admitted, in which order jobs run, how long the wait is.

Paid plans are served first: each job is sent with a Celery priority from its plan's `queue_priority`
(the Redis transport serves priority 0 first, so a plan priority p maps to 9 - p). When more than
IMAGE_QUEUE_BUSY_THRESHOLD jobs are waiting, plans below IMAGE_QUEUE_BUSY_EXEMPT_PRIORITY (free) are
refused with an estimate of the wait, while the others still queue. A user runs at most their plan's
`max_concurrent_jobs` at once: `running_limit_reached` is checked by the worker when it claims a job
(`imaging.services.image_job_start`, under a lock on the user's row), and a job over the limit waits on the queue.
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import Avg, DurationField, ExpressionWrapper, F
from django.utils.translation import gettext as _

from chatsite.accounts.models import Plan
from imaging.errors import ImagingError
from imaging.models import ImageJob, JobStatus

DEFAULT_JOB_SECONDS = 30.0


class QueueBusy(ImagingError):
    """Too many jobs are waiting: the request is refused now, with when to try again."""

    code = "queue_busy"
    http_status = 503

    def __init__(self, message: str, *, retry_after_seconds: int) -> None:
        super().__init__(message)
        self.retry_after_seconds = retry_after_seconds


def celery_priority(plan_priority: int) -> int:
    return max(0, min(9, 9 - plan_priority))


def average_job_seconds(sample: int = 20) -> float:
    """Mean run time of the latest finished jobs (DEFAULT_JOB_SECONDS before there are any)."""
    recent = (
        ImageJob.objects.filter(status=JobStatus.SUCCEEDED, started_at__isnull=False, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("pk", flat=True)[:sample]
    )
    duration = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
    mean = ImageJob.objects.filter(pk__in=list(recent)).aggregate(mean=Avg(duration))["mean"]
    return mean.total_seconds() if mean else DEFAULT_JOB_SECONDS


def wait_seconds(*, queue_position: int | None) -> int | None:
    """Estimated wait before a queued job starts, from its position and the recent job duration."""
    if not queue_position:
        return None
    workers = max(1, settings.IMAGE_GPU_WORKERS)
    return math.ceil(queue_position / workers * average_job_seconds())


def running_limit_reached(*, user_id: int, plan: Plan, now: dt.datetime) -> bool:
    """Whether the user already runs their plan's most jobs at once.

    Must be called inside the transaction that holds the user's row locked (`select_for_update`): two workers
    claiming two jobs of the same user then count one after the other. A running job whose worker has been silent
    longer than IMAGE_JOB_STALE_SECONDS (dead, waiting for the reaper) holds no slot.
    """
    fresh = now - dt.timedelta(seconds=settings.IMAGE_JOB_STALE_SECONDS)
    running = ImageJob.objects.filter(user_id=user_id, status=JobStatus.RUNNING, heartbeat_at__gte=fresh).count()
    return running >= plan.max_concurrent_jobs


def job_admit(*, plan: Plan) -> None:
    """Refuse a new job of a non-exempt plan while the queue is longer than the threshold."""
    if plan.queue_priority >= settings.IMAGE_QUEUE_BUSY_EXEMPT_PRIORITY:
        return
    queued = ImageJob.objects.filter(status=JobStatus.QUEUED).count()
    if queued < settings.IMAGE_QUEUE_BUSY_THRESHOLD:
        return
    wait = wait_seconds(queue_position=queued) or 60
    minutes = max(1, math.ceil(wait / 60))
    raise QueueBusy(
        _("The image makers are busy right now. Please try again in %(minutes)d minutes.") % {"minutes": minutes},
        retry_after_seconds=minutes * 60,
    )
