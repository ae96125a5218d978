"""Celery tasks of imaging (queue `gpu`, see CELERY_TASK_ROUTES). Thin: they call one workflow each.

Reliability comes from the settings and the job's state machine: acks_late with reject_on_worker_lost puts the
message back when a worker dies mid-job (kill -9, OOM), the next delivery takes the job over (counting
attempts, at most IMAGE_JOB_MAX_ATTEMPTS), a finished job is a no-op, and the reaper ends jobs whose worker
stopped reporting. Time limits: CELERY_TASK_ANNOTATIONS (IMAGE_JOB_SOFT_TIME_LIMIT, IMAGE_JOB_TIME_LIMIT).
"""

from __future__ import annotations

from typing import Any

from celery import shared_task


@shared_task(bind=True, name="imaging.tasks.image_job_run", acks_late=True, reject_on_worker_lost=True,
             max_retries=0, ignore_result=True)
def image_job_run(self: Any, job_id: str, dispatch: str | None = None) -> str:
    from imaging.runner import image_job_execute  # loads torch and diffusers: worker processes only

    return image_job_execute(job_id=job_id, worker=f"{self.request.hostname or 'worker'}", dispatch=dispatch)


@shared_task(name="imaging.tasks.image_jobs_reap", ignore_result=True)
def image_jobs_reap() -> int:
    from imaging.services import image_jobs_reap as reap

    return reap()
