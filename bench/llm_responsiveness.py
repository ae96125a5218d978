"""Does another user's page stay responsive while a reply streams?

    .venv/bin/python bench/llm_responsiveness.py [--seconds 30] [--interval 0.25]

The whole stack as `make run` starts it: Daphne (ASGI: pages and websockets) and one real `celery worker -Q llm`
with the configured chat backend (default: SmolLM2-135M-Instruct with its adapter, on the CPU), Redis as broker
and channel layer, PostgreSQL.

User B, signed in, repeatedly loads the page of one of their conversations (GET /chat/<id>/, full HTML through
Daphne, a session and a few queries) and sends a `sync` frame on its websocket, timing the `history` answer
(a round trip through the consumer and the database). Each probe is timed in three phases of `--seconds` each:
idle, while user A's reply streams (A asks for a long text answer, again whenever the previous one ends, and
counts the tokens that reach A's websocket), and idle again. Reported: p50, p95 and max of each probe per phase,
and the ratio of the streaming phase's p50 and p95 to those of both idle phases together.

Uses (and first recreates) the database `atelier_llm_bench` on the PostgreSQL server of DATABASE_URL or
127.0.0.1:5432, and Redis database 12 of REDIS_URL's server or 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# A question the default model answers in words, at length.
LONG_ANSWER = "Tell me a long story about an old lighthouse keeper and the storms he has seen."


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"n": len(values), "p50": statistics.median(ordered), "p95": p95, "max": ordered[-1]}


class Socket:
    """A websocket client (autobahn, asyncio) that queues every event it receives."""

    def __init__(self) -> None:
        self.events: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.protocol: Any = None

    async def open(self, port: int, path: str, cookie: str) -> None:
        from autobahn.asyncio.websocket import WebSocketClientFactory, WebSocketClientProtocol

        owner = self
        opened: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        class Protocol(WebSocketClientProtocol):
            def onOpen(self) -> None:  # noqa: N802 (autobahn's names)
                owner.protocol = self
                opened.set_result(None)

            def onMessage(self, payload: bytes, is_binary: bool) -> None:  # noqa: N802
                owner.events.put_nowait(json.loads(payload))

        factory = WebSocketClientFactory(
            f"ws://127.0.0.1:{port}{path}", headers={"Cookie": cookie, "Origin": f"http://127.0.0.1:{port}"}
        )
        factory.protocol = Protocol
        await asyncio.get_running_loop().create_connection(factory, "127.0.0.1", port)
        await asyncio.wait_for(opened, 30)

    def send(self, payload: dict[str, Any]) -> None:
        self.protocol.sendMessage(json.dumps(payload).encode())

    async def until(self, *kinds: str, within: float = 600) -> dict[str, Any]:
        """The next event of one of these types (the others are dropped)."""
        while True:
            event = await asyncio.wait_for(self.events.get(), within)
            if event.get("type") in kinds:
                return event


def get_page(port: int, path: str, cookie: str) -> float:
    """Seconds to load a page completely (new connection, as a browser tab's navigation)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    if response.status != 200 or b"</html>" not in body:
        raise RuntimeError(f"GET {path}: {response.status}")
    return time.perf_counter() - started


async def probe(
    port: int, page: str, cookie: str, ws: Socket, seconds: float, interval: float
) -> dict[str, list[float]]:
    """User B's probes for `seconds`: a page load, then a websocket `sync` round trip, then a pause."""
    times: dict[str, list[float]] = {"page": [], "sync": []}
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        times["page"].append(await asyncio.to_thread(get_page, port, page, cookie))
        started = time.perf_counter()
        ws.send({"type": "sync"})
        await ws.until("history", within=60)
        times["sync"].append(time.perf_counter() - started)
        await asyncio.sleep(interval)
    return times


async def stream_replies(ws: Socket, streaming: asyncio.Event, stop: asyncio.Event, stats: dict[str, float]) -> None:
    """User A asks for long answers, one after the other, until `stop`; counts tokens and streaming time."""
    while not stop.is_set():
        ws.send({"type": "user_message", "text": LONG_ANSWER})
        first: float | None = None
        while True:
            event = await ws.until("token", "reply_done", "tool_call")
            if event["type"] == "token":
                first = first or time.perf_counter()
                streaming.set()
                stats["token_events"] += 1
                stats["characters"] += len(event["text"])
            elif event["type"] == "tool_call":
                stats["tool_calls"] += 1
            else:
                if first is not None:
                    stats["streaming_seconds"] += time.perf_counter() - first
                stats["replies"] += 1
                break


async def run(port: int, a: tuple[str, str], b: tuple[str, str], seconds: float, interval: float) -> None:
    (a_path, a_cookie), (b_path, b_cookie) = a, b
    a_ws, b_ws = Socket(), Socket()
    await a_ws.open(port, f"/ws/conversations/{a_path}/", a_cookie)
    await b_ws.open(port, f"/ws/conversations/{b_path}/", b_cookie)
    page = f"/chat/{b_path}/"

    print("warm-up: the llm worker loads the model and answers once ...", flush=True)
    started = time.perf_counter()
    a_ws.send({"type": "user_message", "text": "hello"})
    done = await a_ws.until("reply_done", within=900)
    print(f"  first reply {done['status']} after {time.perf_counter() - started:.1f} s", flush=True)
    await probe(port, page, b_cookie, b_ws, 3, interval)  # warms Daphne and the database connections

    idle1 = await probe(port, page, b_cookie, b_ws, seconds, interval)
    stop = asyncio.Event()
    stats = {"token_events": 0.0, "characters": 0.0, "streaming_seconds": 0.0, "replies": 0.0, "tool_calls": 0.0}
    streaming = asyncio.Event()
    streamer = asyncio.create_task(stream_replies(a_ws, streaming, stop, stats))
    await asyncio.wait_for(streaming.wait(), 120)  # probes count as "while streaming" from A's first token on
    busy = await probe(port, page, b_cookie, b_ws, seconds, interval)
    stop.set()
    await asyncio.wait_for(streamer, 900)
    idle2 = await probe(port, page, b_cookie, b_ws, seconds, interval)

    print(
        f"\nuser A: {int(stats['replies'])} replies, {int(stats['token_events'])} token events, "
        f"{int(stats['characters'])} characters in {stats['streaming_seconds']:.1f} s of streaming "
        f"({stats['characters'] / max(stats['streaming_seconds'], 1e-9):.0f} characters/s), "
        f"{int(stats['tool_calls'])} tool calls"
    )
    print(f"\n{'probe':6} {'phase':18} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name in ("page", "sync"):
        idle = quantiles(idle1[name] + idle2[name])
        for label, values in (
            ("idle (before)", idle1[name]),
            ("A streaming", busy[name]),
            ("idle (after)", idle2[name]),
        ):
            q = quantiles(values)
            print(
                f"{name:6} {label:18} {q['n']:4d} {q['p50'] * 1000:8.1f} {q['p95'] * 1000:8.1f} {q['max'] * 1000:8.1f}"
            )
        q = quantiles(busy[name])
        print(f"{name:6} {'streaming / idle':18} {'':4} {q['p50'] / idle['p50']:8.2f}x {q['p95'] / idle['p95']:7.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=30, help="length of each phase")
    parser.add_argument("--interval", type=float, default=0.25, help="pause between two probes of user B")
    parser.add_argument("--client", help=argparse.SUPPRESS)  # internal: run the two users' clients
    args = parser.parse_args()
    if args.client:
        c = json.loads(args.client)
        asyncio.run(run(c["port"], tuple(c["a"]), tuple(c["b"]), c["seconds"], c["interval"]))
        return

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres").rsplit("/", 1)[0]
    redis = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0").rsplit("/", 1)[0]
    os.environ.update(
        DATABASE_URL=f"{base}/atelier_llm_bench",
        REDIS_URL=f"{redis}/12",
        DJANGO_SETTINGS_MODULE="chatsite.settings.base",
        ATELIER_VAR_DIR=str(ROOT / "var" / "bench-llm"),
        CHANNEL_LAYER_PREFIX="llm-bench",
        # The probes and the repeated questions are far above a person's pace: no rate limits here.
        CHAT_FRAMES_PER_10S="100000",
        CHAT_MESSAGES_PER_MINUTE="100000",
    )
    import psycopg

    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute("DROP DATABASE IF EXISTS atelier_llm_bench")
        admin.execute("CREATE DATABASE atelier_llm_bench")
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, check=True)  # noqa: S603

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from chatsite.accounts.models import User
    from chatsite.celery import app
    from conversations.models import Conversation, Message, Role

    app.control.purge()

    def signed_in(email: str) -> tuple[User, str]:
        user = User.objects.create_user(email, "bench-password-123")
        client = Client()
        client.force_login(user)
        return user, f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"

    user_a, cookie_a = signed_in("a@example.com")
    user_b, cookie_b = signed_in("b@example.com")
    conversation_a = Conversation.objects.create(user=user_a, title="A")
    conversation_b = Conversation.objects.create(user=user_b, title="B")
    for index in range(10):  # B's page shows a conversation of some length
        role = Role.USER if index % 2 == 0 else Role.ASSISTANT
        Message.objects.create(conversation=conversation_b, role=role, content=f"Message {index}. " * 20)
    for index in range(5):
        Conversation.objects.create(user=user_b, title=f"Earlier conversation {index}")

    port = free_port()
    bin_dir = Path(sys.executable).parent
    log_dir = ROOT / "var" / "bench-llm"
    log_dir.mkdir(parents=True, exist_ok=True)
    commands = {
        "web": [str(bin_dir / "daphne"), "-b", "127.0.0.1", "-p", str(port), "chatsite.asgi:application"],
        "worker-llm": [
            str(bin_dir / "celery"),
            "-A",
            "chatsite",
            "worker",
            "-Q",
            "llm",
            "-c",
            "1",
            "-n",
            "bench-llm@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
    }
    processes = []
    try:
        for name, command in commands.items():
            log = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed with the process)
            processes.append(
                subprocess.Popen(
                    command,
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,  # noqa: S603
                    start_new_session=True,
                )
            )
        for _ in range(300):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        print(
            f"Daphne on port {port}; backend {settings.LLM_BACKEND} {settings.LLM_MODEL or '(default SmolLM2)'}; "
            f"load average {os.getloadavg()[0]:.1f}",
            flush=True,
        )
        # The clients run in a process of their own: Django's process has txaio bound to Twisted (Daphne's
        # channels import), and autobahn's asyncio client needs it unbound.
        client = {
            "port": port,
            "a": [str(conversation_a.pk), cookie_a],
            "b": [str(conversation_b.pk), cookie_b],
            "seconds": args.seconds,
            "interval": args.interval,
        }
        subprocess.run([sys.executable, __file__, "--client", json.dumps(client)], check=True)  # noqa: S603
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


if __name__ == "__main__":
    main()
