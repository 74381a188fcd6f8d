"""A small, bounded round of the load benchmark (benchmarks/serve_load.py) on loopback: 32
concurrent clients, 96 requests, zero errors. Timings are printed by the benchmark, never asserted."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the HTTP API needs the server extra: pip install -e '.[dev,server]'")
pytest.importorskip("uvicorn", reason="the HTTP API needs the server extra: pip install -e '.[dev,server]'")

from conftest import load_benchmark

from replylint import Config
from replylint.server.app import Checkers, create_app
from replylint.server.local import serve_in_background


def test_32_concurrent_clients_get_no_errors() -> None:
    bench = load_benchmark("serve_load")
    pairs = bench.load_pairs()
    with serve_in_background(create_app(checkers=Checkers(Config(), max_variants=1))) as url:
        result = bench.run_load(url, pairs, clients=32, requests=96, max_seconds=120)
    assert result.errors == 0, result.first_error
    assert result.sent == 96 and len(result.latencies_ms) == 96


def test_the_load_test_refuses_non_loopback_targets() -> None:
    bench = load_benchmark("serve_load")
    with pytest.raises(ValueError, match="loopback"):
        bench.run_load("http://192.0.2.1:8000", [("Thanks.", "")], clients=1, requests=1, max_seconds=1)
