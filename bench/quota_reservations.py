"""Reservations per second and their latency on PostgreSQL under concurrent clients.

    .venv/bin/python bench/quota_reservations.py [--clients 16] [--seconds 10]

Uses (and first recreates) the database `atelier_bench` on the PostgreSQL server of DATABASE_URL, or
127.0.0.1:5432. Each client is a thread with its own connection, reserving one image at a time for
one of 16 users (so clients contend on the same rows, as several tabs and the API of one user would),
each reservation in its own transaction, exactly as image job creation does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=16)
    args = parser.parse_args()

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    os.environ["DATABASE_URL"] = f"{base}/atelier_bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chatsite.settings.base")
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS atelier_bench")
        admin.execute("CREATE DATABASE atelier_bench")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from chatsite.accounts.models import Plan
    from chatsite.accounts.quotas import QuotaExceeded, quota_reserve
    from chatsite.accounts.services import user_create

    call_command("migrate", verbosity=0)
    Plan.objects.filter(slug="paid").update(images_per_day=10_000_000)
    users = [user_create(email=f"bench{i}@example.com", password="bench-password-123", plan_slug="paid")
             for i in range(args.users)]

    latencies: list[list[float]] = [[] for _ in range(args.clients)]
    refused = [0]
    start_gate = threading.Barrier(args.clients + 1)
    deadline = [0.0]

    def client(index: int) -> None:
        user = users[index % len(users)]
        start_gate.wait()
        mine = latencies[index]
        while time.perf_counter() < deadline[0]:
            t0 = time.perf_counter()
            try:
                with transaction.atomic():
                    quota_reserve(user=user, n=1)
            except QuotaExceeded:
                refused[0] += 1
            mine.append(time.perf_counter() - t0)
        connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
    for t in threads:
        t.start()
    deadline[0] = time.perf_counter() + args.seconds
    began = time.perf_counter()
    start_gate.wait()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    flat = sorted(x for per in latencies for x in per)
    p = statistics.quantiles(flat, n=100)
    print(f"clients={args.clients} users={args.users} seconds={elapsed:.1f} reservations={len(flat)} "
          f"refused={refused[0]}")
    print(f"throughput: {len(flat) / elapsed:.0f} reservations/s")
    print(f"latency ms: p50={p[49] * 1000:.2f} p90={p[89] * 1000:.2f} p99={p[98] * 1000:.2f} "
          f"max={flat[-1] * 1000:.2f}")


if __name__ == "__main__":
    main()
