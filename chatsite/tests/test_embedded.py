"""`make run`'s supervisor: starts everything with no services installed, reuses state, stops cleanly."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import free_port

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def start(var_dir: Path, port: int) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(ATELIER_VAR_DIR=str(var_dir), PORT=str(port), VALKEY_PORT=str(free_port()), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "chatsite.embedded"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


def read_until_running(proc: subprocess.Popen[str], timeout: float = 150) -> str:
    assert proc.stdout is not None
    output = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        output += line
        if "Atelier is running at" in line:
            return output
    raise AssertionError(f"never reported running:\n{output}")


def stop_with_ctrl_c(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    rest, _ = proc.communicate(timeout=60)
    return rest


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_make_run_starts_everything_reuses_state_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    first = start(tmp_path, port)
    try:
        output = read_until_running(first)
        assert "demo account: demo@atelier.local  password:" in output
        assert "staff (admin and moderation) account: staff@atelier.local  password:" in output
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:  # noqa: S310
            health = json.load(response)
        assert health["status"] == "ok", health
        assert health["checks"]["database"]["detail"] == "sqlite"
        assert (tmp_path / "atelier.sqlite3").exists()
    finally:
        tail = stop_with_ctrl_c(first)
    assert first.returncode == 0, tail
    assert "stopped" in tail
    assert not port_open(port)

    second = start(tmp_path, port)
    try:
        output = read_until_running(second)
        assert "demo@atelier.local exists" in output and "password:" not in output
    finally:
        stop_with_ctrl_c(second)
    assert second.returncode == 0
    assert not port_open(port)
