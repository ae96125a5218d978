"""What one progress report costs the denoising loop: events sent synchronously vs through the worker's sender.

    .venv/bin/python bench/imaging_progress.py [--reports 300]

A report is `imaging.services.image_job_progress` for a running job with a conversation (a database UPDATE that
also checks the job is still this attempt's, then the `image_job` event). Synchronously, the event goes through
`async_to_sync(group_send)` (a new event loop, so a new Redis connection, each time); inside
`imaging.event_sender.sending()`, as in a gpu worker, it is queued for the sender's long-lived loop thread. The
time is what the caller (the pipeline's step callback) waits; both modes alternate in one process. Wall-clock
times on a shared machine: compare the two modes of one run, not runs taken at different times.

Uses the database `atelier_imaging_bench` (created by bench/imaging_stack.py, migrated here) on the PostgreSQL
of DATABASE_URL or 127.0.0.1:5432, and Redis database 11.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=300)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    os.environ.update(DATABASE_URL=f"{base}/atelier_imaging_bench", REDIS_URL=f"{redis}/11",
                      DJANGO_SETTINGS_MODULE="chatsite.settings.base", CHANNEL_LAYER_PREFIX="imaging-bench",
                      ATELIER_VAR_DIR=str(ROOT / "var" / "bench-imaging"))
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = 'atelier_imaging_bench'").fetchone():
            admin.execute("CREATE DATABASE atelier_imaging_bench")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from django.utils import timezone

    from chatsite.accounts.models import User
    from conversations.models import Conversation
    from imaging import event_sender
    from imaging.models import ImageJob, JobStatus
    from imaging.services import image_job_progress

    user, _ = User.objects.get_or_create(email="progress-bench@example.com")
    conversation = Conversation.objects.create(user=user)
    job = ImageJob.objects.create(user=user, conversation=conversation, prompt="a lighthouse", size=512, seed=1,
                                  steps=args.reports, guidance_scale=5.0, quota_day=timezone.now().date(),
                                  status=JobStatus.RUNNING, attempts=1, started_at=timezone.now())
    times: dict[str, list[float]] = {"synchronous": [], "background sender": []}
    with event_sender.sending():  # start the sender's thread and connection before timing
        image_job_progress(job=job, attempt=1, step=1, steps=args.reports)
    for step in range(1, args.reports + 1):
        started = time.perf_counter()
        image_job_progress(job=job, attempt=1, step=step, steps=args.reports)
        times["synchronous"].append(time.perf_counter() - started)
        with event_sender.sending():  # leaving it waits until the event is sent: not timed, as in a worker
            started = time.perf_counter()
            image_job_progress(job=job, attempt=1, step=step, steps=args.reports)
            times["background sender"].append(time.perf_counter() - started)
    print(f"{args.reports} progress reports per mode, alternating; time the caller waits per report:")
    for mode, values in times.items():
        ordered = sorted(values)
        print(f"  {mode:18} median {1000 * statistics.median(values):6.2f} ms, "
              f"p90 {1000 * ordered[int(0.9 * len(ordered))]:6.2f} ms, mean {1000 * statistics.fmean(values):6.2f} ms")


if __name__ == "__main__":
    main()
