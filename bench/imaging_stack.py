"""Image generation through the whole stack vs calling the same pipeline directly.

    .venv/bin/python bench/imaging_stack.py [--size 512] [--steps 20] [--runs 5] [--threads 1]

Whole stack: `image_job_create` (validation, moderation of the prompt, quota, row, enqueue after commit) ->
Redis -> a real `celery worker -Q gpu` subprocess (claim, progress writes and events every 0.25 s, previews
every 4 steps, PNG encoding, output moderation, storage, final event) -> the bench receives the `succeeded`
event on the conversation's channel-layer group, as a browser would (no polling). Direct:
`imaging.pipelines.generate` on the same model (IMAGE_MODEL, default tiny-random), size, steps and torch
threads, in this process, plus PNG encoding. Both are warmed up first (the model loads once per process; the
worker reports how many loads it made). The runs alternate (stack, direct, stack, direct...) so that both see the
same load on a shared machine; the overhead is the median of the per-pair ratios, beside the medians of each.
The worker stays in the bench's session (its own process group only): with the kernel's session autogroups
(`/proc/sys/kernel/sched_autogroup_enabled`), a worker in a new session would get a whole session's CPU share
on a busy machine while the direct call shares this one's, and the comparison would measure the scheduler.

Uses (and first recreates) the database `atelier_imaging_bench` on the PostgreSQL server of DATABASE_URL or
127.0.0.1:5432, and Redis database 11 of REDIS_URL's server or 127.0.0.1:6379.
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
TERMINAL = {"succeeded", "failed", "cancelled", "blocked"}
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=512)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    # The worker reads IMAGE_MODEL from its settings (whose default may change): both sides get it from here.
    os.environ.setdefault("IMAGE_MODEL", "tiny-random")
    os.environ.update(
        DATABASE_URL=f"{base}/atelier_imaging_bench", REDIS_URL=f"{redis}/11",
        DJANGO_SETTINGS_MODULE="chatsite.settings.base", ATELIER_VAR_DIR=str(ROOT / "var" / "bench-imaging"),
        IMAGE_STEPS=str(args.steps), IMAGE_TORCH_THREADS=str(args.threads), CHANNEL_LAYER_PREFIX="imaging-bench",
    )
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS atelier_imaging_bench")
        admin.execute("CREATE DATABASE atelier_imaging_bench")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)

    import django

    django.setup()
    from chatsite.accounts.models import Plan, User
    from chatsite.celery import app
    from conversations.models import Conversation
    from imaging import pipelines
    from imaging.models import ImageJob
    from imaging.services import image_job_create

    app.control.purge()
    plan = Plan.objects.get(slug="paid")
    plan.images_per_day = 10_000
    plan.save()
    user = User.objects.create_user("bench@example.com", "bench-password-123", plan=plan)
    conversation = Conversation.objects.create(user=user)
    worker = subprocess.Popen(
        [str(Path(sys.executable).parent / "celery"), "-A", "chatsite", "worker", "-Q", "gpu", "-c", "1",
         "-n", "bench-gpu@%h", "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, process_group=0,
    )

    import asyncio

    from asgiref.sync import sync_to_async
    from channels.layers import get_channel_layer
    from django.conf import settings

    # redis-py 8 reads with a 5 s socket timeout, the length of channels_redis' blocking receive: give the
    # listener more, or it fails while the worker loads the model (CHANNEL_LAYERS needs the same; see README).
    settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"] = [{"address": os.environ["REDIS_URL"],  # type: ignore[index]
                                                              "socket_timeout": 30}]
    layer = get_channel_layer()

    async def until_finished() -> None:
        """The first terminal image_job event of the conversation (the bench runs one job at a time)."""
        channel = await layer.new_channel()
        await layer.group_add(conversation.group_name, channel)
        await sync_to_async(ready.set)()
        try:
            while True:
                message = await layer.receive(channel)
                payload = message["payload"]
                if payload.get("type") == "image_job" and payload["status"] in TERMINAL:
                    return
        finally:
            # As a consumer does on disconnect: otherwise every run left one more channel in the group, and
            # each later event of the worker went to all of them.
            await layer.group_discard(conversation.group_name, channel)

    import threading

    ready = threading.Event()

    def through_the_stack() -> tuple[float, ImageJob]:
        ready.clear()
        listener = threading.Thread(target=lambda: asyncio.run(until_finished()))
        listener.start()
        ready.wait(10)
        cpu = time.process_time()
        started = time.perf_counter()
        job = image_job_create(user=user, conversation=conversation, prompt="a lighthouse at dusk",
                               size=args.size, seed=1)
        listener.join()
        elapsed = time.perf_counter() - started
        web_cpu.append(time.process_time() - cpu)
        job.refresh_from_db()
        if job.status != "succeeded":
            raise RuntimeError(f"job {job.status}: {job.error_code} {job.error}")
        return elapsed, job

    import torch

    torch.set_num_threads(args.threads)
    pipes = pipelines.load_pipelines(os.environ.get("IMAGE_MODEL", "tiny-random"), device="cpu",
                                     dtype=torch.float32)
    request = pipelines.GenerationRequest(prompt="a lighthouse at dusk", width=args.size, height=args.size, seed=1,
                                          steps=args.steps)

    def direct() -> float:
        cpu = time.process_time()
        started = time.perf_counter()
        result = pipelines.generate(pipes, request)
        pipelines.encode_png(result.images[0])
        elapsed = time.perf_counter() - started
        direct_cpu.append(time.process_time() - cpu)
        return elapsed

    web_cpu: list[float] = []  # this process during a stack run: creation, moderation, waiting for the event
    direct_cpu: list[float] = []

    stack: list[tuple[float, ImageJob]] = []
    direct_times: list[float] = []
    try:
        through_the_stack()  # warm-up: the worker loads the model
        direct()
        for _ in range(args.runs):
            stack.append(through_the_stack())
            direct_times.append(direct())
    finally:
        worker.terminate()
        worker.wait(30)

    stack_median = statistics.median(t for t, _ in stack)
    direct_median = statistics.median(direct_times)
    ratios = [t / d for (t, _), d in zip(stack, direct_times, strict=True)]
    jobs = [job for _, job in stack]
    print(f"size {args.size}, steps {args.steps}, torch threads {args.threads}, {args.runs} runs, model "
          f"{os.environ.get('IMAGE_MODEL', 'tiny-random')}")
    print(f"direct pipeline call + PNG: median {direct_median:.3f} s  ({', '.join(f'{t:.2f}' for t in direct_times)})")
    print(f"whole stack:                median {stack_median:.3f} s  ({', '.join(f'{t:.2f}' for t, _ in stack)})")
    print(f"overhead: {100 * (statistics.median(ratios) - 1):+.1f} % (median of the per-pair ratios: "
          f"{', '.join(f'{100 * (r - 1):+.0f}' for r in ratios)}); ratio of the medians "
          f"{100 * (stack_median / direct_median - 1):+.1f} %")
    # CPU seconds hardly depend on how busy a shared machine is, unlike wall-clock times: the stack's work is the
    # worker's (its task, every thread) plus this process's during the request.
    stack_cpu = [w + j.timings["cpu_s"] for w, j in zip(web_cpu[-args.runs:], jobs, strict=True)]
    direct_cpu_median = statistics.median(direct_cpu[-args.runs:])
    print(f"CPU seconds, medians: direct {direct_cpu_median:.3f}, whole stack {statistics.median(stack_cpu):.3f} "
          f"(worker {statistics.median(j.timings['cpu_s'] for j in jobs):.3f} + web side "
          f"{statistics.median(web_cpu[-args.runs:]):.3f}): "
          f"{100 * (statistics.median(stack_cpu) / direct_cpu_median - 1):+.1f} %")
    print("worker side, medians: queued {:.3f} s, inference {:.3f} s, encode+moderate {:.3f} s".format(
        statistics.median(j.timings["queued_s"] for j in jobs),
        statistics.median(j.timings["inference_s"] for j in jobs),
        statistics.median(j.timings["encode_moderate_s"] for j in jobs)))
    print("progress reports in the denoising loop, medians: {:.0f} a job, {:.3f} s waited".format(
        statistics.median(j.timings.get("progress_reports", 0) for j in jobs),
        statistics.median(j.timings.get("progress_s", 0.0) for j in jobs)))
    print(f"model loads in the worker process: {max(j.timings['model_loads_in_process'] for j in jobs)}; "
          f"first preview at step {jobs[0].timings.get('first_preview_step')}; "
          f"first step after {statistics.median(j.timings['first_step_s'] for j in jobs):.3f} s")


if __name__ == "__main__":
    main()
