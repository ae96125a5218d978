"""Health of the parts Atelier needs: the database, the broker and a worker for every queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection


@dataclass
class Check:
    ok: bool
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "detail": self.detail, **self.extra}


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down"
        return Check(False, type(exc).__name__)
    return Check(True, connection.vendor)


def check_broker() -> Check:
    from chatsite.celery import app

    try:
        # The URL is read from settings at each call so that it can be changed without restarting.
        with app.connection_for_write(url=settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=settings.HEALTHZ_TIMEOUT_SECONDS)
    except Exception as exc:  # kombu raises many kinds of connection errors
        return Check(False, type(exc).__name__)
    return Check(True, "reachable")


def check_workers() -> Check:
    """Asks every worker which queues it consumes; each configured queue needs one."""
    from chatsite.celery import app

    try:
        replies = app.control.inspect(timeout=settings.HEALTHZ_TIMEOUT_SECONDS).active_queues() or {}
    except Exception as exc:
        return Check(False, type(exc).__name__)
    queues: dict[str, list[str]] = {name: [] for name in settings.ATELIER_WORKER_QUEUES}
    for worker, worker_queues in replies.items():
        for queue in worker_queues or []:
            if queue.get("name") in queues:
                queues[queue["name"]].append(worker)
    missing = sorted(name for name, workers in queues.items() if not workers)
    detail = f"no worker for {', '.join(missing)}" if missing else f"{len(replies)} worker(s)"
    return Check(not missing, detail, {"queues": queues})


def health_report() -> tuple[bool, dict[str, Any]]:
    database = check_database()
    broker = check_broker()
    # Without a broker no worker can answer; skip the wait.
    workers = check_workers() if broker.ok else Check(False, "broker down")
    checks = {"database": database, "broker": broker, "workers": workers}
    healthy = all(c.ok for c in checks.values())
    return healthy, {"status": "ok" if healthy else "error", "checks": {k: v.as_dict() for k, v in checks.items()}}
