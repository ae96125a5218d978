"""Run one image job in a gpu worker: claim it, load the model (once per process), generate with progress and
previews, moderate every output, store, finish. Imported only by the Celery task, inside the worker.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from imaging import event_sender
from imaging.models import ImageJob
from imaging.provenance.services import image_output_sign
from imaging.services import (
    GeneratedImage,
    image_job_complete,
    image_job_fail,
    image_job_interrupted,
    image_job_progress,
    image_job_start,
)
from moderation.services import Stage, image_moderate, image_nsfw_score

if TYPE_CHECKING:
    from imaging.pipelines import GenerationRequest, Pipelines, StepInfo

logger = logging.getLogger(__name__)


def worker_pipelines() -> Pipelines:
    """This process's pipelines for settings.IMAGE_MODEL, loaded on first use and kept."""
    from imaging import pipelines

    device = pipelines.choose_device(settings.IMAGE_DEVICE)
    dtype = pipelines.choose_dtype(settings.IMAGE_DTYPE, device)
    if settings.IMAGE_TORCH_THREADS and device == "cpu":
        import torch

        torch.set_num_threads(settings.IMAGE_TORCH_THREADS)
    return pipelines.load_pipelines(settings.IMAGE_MODEL, device=device, dtype=dtype,
                                    local_files_only=settings.IMAGE_MODEL_LOCAL_FILES_ONLY)


class ProgressReporter:
    """`on_step` for the pipeline: reports the first step, every preview, the last step, and otherwise at most
    every IMAGE_PROGRESS_INTERVAL seconds (a database write and an event each). Returns False to interrupt.

    In a gpu worker (while `event_sender.sending()` is active) the reports are written by this process's
    progress thread, not by the denoising loop: the loop only hands over the latest report, reports waiting
    behind a slow write are coalesced to the latest, and a job found cancelled or taken over stops the loop at
    its next report. `finish()` waits for the last write; the job's final state is written after it. Outside a
    worker (tests, management commands) reports are written in the loop, as before."""

    def __init__(self, job: ImageJob, attempt: int) -> None:
        self.job = job
        self.attempt = attempt
        self.interval = float(settings.IMAGE_PROGRESS_INTERVAL)
        self.last = 0.0
        self.first_preview_step: int | None = None
        self.spent = 0.0  # seconds the denoising loop spent on reports (for the bench)
        self.reports = 0
        # Off the loop only in a worker, and only when no transaction is open on this thread's connection: the
        # progress thread's own connection could not see rows that transaction has not committed (the tests that
        # run a job inside a test case's transaction).
        self._background = event_sender.enabled() is not None and not connection.in_atomic_block
        self._lock = threading.Condition()
        self._pending: tuple[int, int, bytes | None] | None = None
        self._busy = False
        self._stopped = False

    def __call__(self, info: StepInfo) -> bool:
        from imaging.pipelines import encode_preview

        now = time.monotonic()
        due = info.step == 1 or info.preview is not None or info.step >= info.steps or now - self.last >= self.interval
        if not due:
            return not self._stopped
        started = time.perf_counter()
        preview = encode_preview(info.preview) if info.preview is not None else None
        if preview is not None and self.first_preview_step is None:
            self.first_preview_step = info.step
        self.last = now
        self.reports += 1
        if self._background:
            with self._lock:
                self._pending = (info.step, info.steps, preview)  # replaces one not yet written
                if not self._busy:
                    self._busy = True
                    _thread("progress").submit(self._drain)
            go_on = not self._stopped
        else:
            go_on = self._write(info.step, info.steps, preview)
        self.spent += time.perf_counter() - started
        return go_on

    def _write(self, step: int, steps: int, preview: bytes | None) -> bool:
        if not image_job_progress(job=self.job, attempt=self.attempt, step=step, steps=steps, preview=preview):
            self._stopped = True
        return not self._stopped

    def _drain(self) -> None:
        """In the progress thread: write the latest report until none waits. The thread's connection lives for
        one job (`finish()` closes it) and is closed on an error, so it needs no check before each report."""
        while True:
            with self._lock:
                report, self._pending = self._pending, None
                if report is None or self._stopped:
                    self._busy = False
                    self._lock.notify_all()
                    return
            try:
                self._write(*report)
            except Exception:  # noqa: BLE001 - a lost report is replaced by the next; the job goes on
                logger.warning("could not record the progress of image job %s", self.job.pk, exc_info=True)
                connection.close()

    def finish(self, timeout: float = 30.0) -> None:
        """Wait until the reports handed over have been written (before the job's final state is), then let the
        progress thread close its database connection (one connection a job, opened off the denoising loop)."""
        if not self._background:
            return
        with self._lock:
            self._lock.wait_for(lambda: not self._busy, timeout=timeout)
        _thread("progress").submit(_close_connection).result(timeout=timeout)


def _close_connection() -> None:
    connection.close()  # in the progress thread: `connection` is that thread's


_threads: dict[str, tuple[int, ThreadPoolExecutor]] = {}


def _thread(name: str) -> ThreadPoolExecutor:
    """This process's one thread called `name` ("progress": progress reports; "output": scoring outputs while
    they are encoded). A forked pool process makes its own."""
    pid, pool = _threads.get(name, (0, None))
    if pool is None or pid != os.getpid():
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"imaging-{name}")
        _threads[name] = (os.getpid(), pool)
    return pool


def _score(scored: Future[float]) -> float | None:
    """The score computed ahead, or None: `image_moderate` then decodes and scores the final bytes itself (and
    withholds the image if the classifier fails again)."""
    try:
        return scored.result()
    except Exception:  # noqa: BLE001 - scored again (or failed closed) by image_moderate
        logger.warning("could not score an output ahead of its moderation", exc_info=True)
        return None


def _request_for(job: ImageJob) -> GenerationRequest:
    from PIL import Image as PILImage

    from imaging.pipelines import GenerationRequest

    source = mask = None
    if job.source_image is not None:
        with job.source_image.file.open("rb") as f:
            source = PILImage.open(io.BytesIO(f.read())).convert("RGB")
    if job.mask:
        with job.mask.open("rb") as f:
            mask = PILImage.open(io.BytesIO(f.read())).convert("L")
    return GenerationRequest(
        prompt=job.prompt, negative_prompt=job.negative_prompt, width=job.size, height=job.size, seed=job.seed,
        steps=job.steps, n=job.n, guidance_scale=job.guidance_scale, mode=job.mode,  # type: ignore[arg-type]
        source=source, mask=mask, strength=job.strength if job.strength is not None else 0.75,
    )


def image_job_execute(*, job_id: str, worker: str, dispatch: str | None = None) -> str:
    """Run a job for one delivery of its task. Returns what happened, for the task's log."""
    with event_sender.sending():  # progress events off the denoising loop; all sent before the task returns
        return _execute(job_id=job_id, worker=worker, dispatch=dispatch)


def _execute(*, job_id: str, worker: str, dispatch: str | None) -> str:
    from imaging.pipelines import GenerationError, encode_png, generate, load_count

    job = image_job_start(job_id=job_id, worker=worker, dispatch=dispatch)
    if job is None:
        return "skipped"
    attempt = job.attempts
    cpu_started = time.process_time()  # this process's CPU (every thread: the event sender's too), for the bench
    try:
        loaded = time.perf_counter()
        pipes = worker_pipelines()
        load_s = time.perf_counter() - loaded
        if job.source_image is not None and not job.source_image.file:
            raise GenerationError(_("The image to start from is missing."))
        reporter = ProgressReporter(job, attempt)
        try:
            result = generate(pipes, _request_for(job), on_step=reporter,
                              preview_every=settings.IMAGE_PREVIEW_EVERY)
        finally:
            reporter.finish()
        if result.cancelled:
            image_job_interrupted(job_id=job_id, attempt=attempt, step=result.steps_done)
            return "interrupted"
        stored = time.perf_counter()
        outputs = []
        # The NSFW classifier reads the generated pixels in the output thread while this one encodes, watermarks
        # and signs them (the classifier and zlib both leave the GIL): the check costs the job little wall time.
        # The score is of the model's pixels, before the plan's visible watermark text is drawn on them.
        scores = [_thread("output").submit(image_nsfw_score, image) for image in result.images]
        for image, seed, scored in zip(result.images, result.seeds, scores, strict=True):
            png = image_output_sign(job=job, png=encode_png(image), seed=seed)  # watermark, C2PA: final bytes
            verdict = image_moderate(user=job.user, image=png, stage=Stage.OUTPUT_IMAGE, nsfw=_score(scored))
            outputs.append(GeneratedImage(png=png, width=image.width, height=image.height, seed=seed,
                                          allowed=verdict.allowed, categories=tuple(verdict.categories),
                                          user_message=verdict.user_message))
        timings = {**result.timings, "load_s": load_s, "encode_moderate_s": time.perf_counter() - stored,
                   "model_loads_in_process": load_count(), "cpu_s": time.process_time() - cpu_started,
                   "progress_s": reporter.spent, "progress_reports": reporter.reports}
        if reporter.first_preview_step is not None:
            timings["first_preview_step"] = reporter.first_preview_step
        finished = image_job_complete(job_id=job_id, attempt=attempt, outputs=outputs, timings=timings)
        return finished.status if finished else "superseded"
    except SoftTimeLimitExceeded:
        image_job_fail(job_id=job_id, attempt=attempt, code="timeout")
        return "timeout"
    except GenerationError as exc:
        image_job_fail(job_id=job_id, attempt=attempt, code="invalid_request", message=str(exc))
        return "failed"
    except Exception:
        logger.exception("image job %s failed", job_id)
        image_job_fail(job_id=job_id, attempt=attempt, code="internal_error")
        return "failed"
