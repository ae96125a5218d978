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


def _as_a_background_job() -> None:
    # What a non-interactive shell does to `command &`: SIGINT ignored, inherited by the program it runs.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def start(var_dir: Path, port: int, *, background: bool = False) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(ATELIER_VAR_DIR=str(var_dir), PORT=str(port), VALKEY_PORT=str(free_port()), PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "chatsite.embedded"], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            preexec_fn=_as_a_background_job if background else None)


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


def stop_with(proc: subprocess.Popen[str], sig: int = signal.SIGINT) -> str:
    proc.send_signal(sig)
    rest, _ = proc.communicate(timeout=60)
    return rest


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_make_run_starts_everything_reuses_state_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = free_port()
    # Started the way a script's `make run &` starts it, with SIGINT ignored: Ctrl-C must still stop it.
    first = start(tmp_path, port, background=True)
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
        tail = stop_with(first, signal.SIGINT)
    assert first.returncode == 0, tail
    assert "stopped" in tail
    assert not port_open(port)

    second = start(tmp_path, port)
    try:
        output = read_until_running(second)
        assert "demo@atelier.local exists" in output and "password:" not in output
    finally:
        tail = stop_with(second, signal.SIGTERM)  # `kill PID`: the same orderly stop, nothing left behind
    assert second.returncode == 0, tail
    assert "stopped" in tail
    assert not port_open(port)


class _Stuck:
    """A child that ignores SIGTERM: each wait runs out its whole timeout on a fake clock."""

    def __init__(self, pid: int, clock: list[float]) -> None:
        self.pid, self.clock, self.killed = pid, clock, False
        self.waits: list[float] = []

    def poll(self) -> int | None:
        return -9 if self.killed else None

    def wait(self, timeout: float) -> int:
        self.waits.append(timeout)
        if self.killed:
            return -9
        self.clock[0] += timeout
        raise subprocess.TimeoutExpired("child", timeout)


def test_stuck_children_share_one_grace_period_then_are_killed() -> None:
    from chatsite.embedded import stop_children

    clock = [100.0]
    children = [_Stuck(pid, clock) for pid in (11, 12, 13)]
    sent: list[tuple[int, int]] = []

    def kill(pid: int, sig: int) -> None:
        sent.append((pid, sig))
        if sig == signal.SIGKILL:
            next(c for c in children if c.pid == pid).killed = True

    stop_children(children, 20.0, kill=kill, clock=lambda: clock[0])
    assert sent[:3] == [(11, signal.SIGTERM), (12, signal.SIGTERM), (13, signal.SIGTERM)]
    assert sorted(sent[3:]) == [(11, signal.SIGKILL), (12, signal.SIGKILL), (13, signal.SIGKILL)]
    # The first child used up the shared 20 s; the others were given none of their own before SIGKILL.
    assert [c.waits[0] for c in children] == [20.0, 0.0, 0.0]
    assert clock[0] - 100.0 == 20.0


def test_a_real_child_that_ignores_sigterm_is_killed_and_a_polite_one_exits() -> None:
    from chatsite.embedded import stop_children

    code = "import signal, sys, time; signal.signal(signal.SIGTERM, {}); print('ready', flush=True); time.sleep(120)"
    stubborn = subprocess.Popen([sys.executable, "-c", code.format("signal.SIG_IGN")], stdout=subprocess.PIPE,
                                text=True, start_new_session=True)
    polite = subprocess.Popen([sys.executable, "-c", code.format("signal.SIG_DFL")], stdout=subprocess.PIPE,
                              text=True, start_new_session=True)
    for proc in (stubborn, polite):
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    stop_children([stubborn, polite], 1.0)
    assert stubborn.returncode == -signal.SIGKILL
    assert polite.returncode == -signal.SIGTERM
    for proc in (stubborn, polite):
        assert proc.stdout is not None
        proc.stdout.close()


def test_a_child_that_ends_just_before_its_signal_does_not_stop_the_others() -> None:
    from chatsite.embedded import stop_children

    clock = [0.0]
    gone, stuck = _Stuck(21, clock), _Stuck(22, clock)
    sent: list[tuple[int, int]] = []

    def kill(pid: int, sig: int) -> None:
        if pid == gone.pid:
            raise ProcessLookupError(pid)  # its group no longer exists
        sent.append((pid, sig))
        if sig == signal.SIGKILL:
            stuck.killed = True

    stop_children([gone, stuck], 5.0, kill=kill, clock=lambda: clock[0])
    assert sent == [(22, signal.SIGTERM), (22, signal.SIGKILL)]
    assert stuck.killed
