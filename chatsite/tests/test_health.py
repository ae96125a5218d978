from __future__ import annotations

import subprocess

import pytest
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db


def test_healthz_is_503_without_workers(client: Client) -> None:
    with override_settings(ATELIER_WORKER_QUEUES=["nobody-consumes-this-queue"], HEALTHZ_TIMEOUT_SECONDS=0.3):
        response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["database"]["ok"] and body["checks"]["broker"]["ok"]
    assert body["checks"]["workers"] == {
        "ok": False, "detail": "no worker for nobody-consumes-this-queue", "queues": {"nobody-consumes-this-queue": []}
    }


def test_healthz_is_503_when_the_broker_is_down(client: Client) -> None:
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0", HEALTHZ_TIMEOUT_SECONDS=0.3):
        response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "error"
    assert not body["checks"]["broker"]["ok"]
    assert body["checks"]["workers"]["detail"] == "broker down"


@pytest.mark.slow
def test_healthz_is_200_with_a_worker_for_every_queue(
    client: Client, celery_worker_process: subprocess.Popen[bytes]
) -> None:
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert all(body["checks"]["workers"]["queues"][q] for q in ("llm", "gpu"))
