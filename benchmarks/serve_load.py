"""Load test of ``replylint serve`` on loopback, against ``Checker.check_many`` in the same run.

    python benchmarks/serve_load.py [--clients 32] [--requests 960] [--max-seconds 120]

Starts ``replylint serve`` as a child process on 127.0.0.1 (a free port; nothing else is
contacted), sends ``--requests`` POST /v1/check requests from ``--clients`` concurrent keep-alive
clients (stopping early at ``--max-seconds``), stops the server, then checks the same pairs with
one ``Checker.check_many`` call in this process. A one-client round shows the latency without
queueing. Prints throughput, latency percentiles and the
error count. The pairs are the project's held-out exchanges (tests/data/heldout*.jsonl), cycled.
Needs the server extra (``pip install -e ".[dev,server]"``). No test asserts a timing;
tests/test_server_load.py runs a small bounded round and asserts zero errors.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
PAIRS_FILES = (REPO / "tests" / "data" / "heldout.jsonl", REPO / "tests" / "data" / "heldout-fresh.jsonl")


def load_pairs() -> list[tuple[str, str]]:
    """(draft, customer) pairs of the held-out sets, in file order."""
    pairs: list[tuple[str, str]] = []
    for path in PAIRS_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if row.get("reply", "").strip():
                    pairs.append((row["reply"], row.get("customer") or ""))
    return pairs


@dataclass(frozen=True)
class LoadResult:
    clients: int
    sent: int
    errors: int
    seconds: float
    latencies_ms: tuple[float, ...]
    first_error: str | None = None

    @property
    def throughput(self) -> float:
        return self.sent / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def run_load(
    base_url: str,
    pairs: Sequence[tuple[str, str]],
    *,
    clients: int,
    requests: int,
    max_seconds: float,
    token: str | None = None,
) -> LoadResult:
    """``requests`` POST /v1/check from ``clients`` threads, each on its own keep-alive
    connection; stops early after ``max_seconds``. Only loopback URLs are accepted."""
    url = urlsplit(base_url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"the load test runs on loopback only, not {base_url}")
    bodies = [json.dumps({"draft": d, "customer": c or None}).encode() for d, c in pairs]
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    lock = threading.Lock()
    issued = 0
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + max_seconds

    def next_index() -> int | None:
        nonlocal issued
        with lock:
            if issued >= requests or time.monotonic() > deadline:
                return None
            issued += 1
            return issued - 1

    def client() -> None:
        conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=max_seconds)
        try:
            while (i := next_index()) is not None:
                started = time.perf_counter()
                try:
                    conn.request("POST", "/v1/check", body=bodies[i % len(bodies)], headers=headers)
                    response = conn.getresponse()
                    payload = response.read()
                    ok = response.status == 200 and b'"schema_version"' in payload
                    problem = None if ok else f"HTTP {response.status}: {payload[:200]!r}"
                except (OSError, http.client.HTTPException) as exc:
                    problem = f"{type(exc).__name__}: {exc}"
                    conn.close()
                    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=max_seconds)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if problem:
                        errors.append(problem)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, name=f"load-client-{k}") for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    return LoadResult(clients, len(latencies), len(errors), seconds, tuple(latencies), errors[0] if errors else None)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve_process(timeout: float = 60.0) -> Iterator[str]:
    """``replylint serve`` in a child process on loopback; yields its URL, stops it afterwards."""
    port = free_port()
    env = {**os.environ, "REPLYLINT_TOKEN": ""}
    command = [sys.executable, "-m", "replylint.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"replylint serve exited with {proc.returncode}: {err[-2000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"replylint serve did not answer /healthz within {timeout:g} s")
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check_many_rate(pairs: Sequence[tuple[str, str]]) -> tuple[float, float]:
    """(checks per second, seconds) of one ``Checker.check_many`` over ``pairs`` (after a warm-up)."""
    from replylint import Checker

    checker = Checker()
    checker.check_many(list(pairs[:16]))
    started = time.perf_counter()
    checker.check_many(list(pairs))
    seconds = time.perf_counter() - started
    return len(pairs) / seconds, seconds


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--requests", type=int, default=960, help="total requests (bounded)")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="stop sending after this long")
    args = parser.parse_args(argv)
    pairs = load_pairs()
    with serve_process() as url:
        run_load(url, pairs, clients=4, requests=32, max_seconds=30)  # warm-up, not counted
        result = run_load(url, pairs, clients=args.clients, requests=args.requests, max_seconds=args.max_seconds)
        single = run_load(url, pairs, clients=1, requests=min(200, args.requests), max_seconds=args.max_seconds)
    sent_pairs = [pairs[i % len(pairs)] for i in range(result.sent)]
    rate, seconds = check_many_rate(sent_pairs)
    print(
        f"replylint serve load test, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs; {len(pairs)} held-out pairs cycled"
    )
    print(
        f"HTTP POST /v1/check, {result.clients} concurrent clients on 127.0.0.1: {result.sent} requests "
        f"in {result.seconds:.1f} s = {result.throughput:.1f} checks/s; "
        f"latency p50 {result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms, "
        f"max {max(result.latencies_ms, default=0):.0f} ms; errors {result.errors}"
    )
    print(
        f"HTTP POST /v1/check, 1 client: {single.sent} requests = {single.throughput:.1f} checks/s; "
        f"latency p50 {single.percentile(50):.0f} ms, p95 {single.percentile(95):.0f} ms; errors {single.errors}"
    )
    for failed in (result, single):
        if failed.first_error:
            print(f"first error ({failed.clients} clients): {failed.first_error}")
    print(f"Checker.check_many, same {len(sent_pairs)} pairs, one process: {seconds:.1f} s = {rate:.1f} checks/s")
    print(f"HTTP / check_many throughput: {result.throughput / rate:.2f}x")
    return 1 if result.errors or single.errors else 0


if __name__ == "__main__":
    sys.exit(main())
