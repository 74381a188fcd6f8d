"""Shared fixtures: one spaCy pipeline and one default Checker per test session."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


@cache
def load_benchmark(name: str) -> ModuleType:
    """``benchmarks/<name>.py`` imported as a module (once per test session), so tests pin
    floors on exactly what the benchmark scripts print."""
    spec = importlib.util.spec_from_file_location(f"replylint_bench_{name}", REPO / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def corpus_dir() -> Path:
    """The labelled corpus: $REPLYLINT_CORPUS, else ../shared/corpus beside the repository."""
    env = os.environ.get("REPLYLINT_CORPUS")
    return Path(env) if env else REPO.parent / "shared" / "corpus"


def load_corpus(name: str) -> list[dict[str, Any]]:
    path = corpus_dir() / name
    if not path.is_file():
        pytest.skip(f"labelled corpus not found at {path} (set REPLYLINT_CORPUS)")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from replylint.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def checker():  # type: ignore[no-untyped-def]
    from replylint.checker import Checker

    return Checker()


@pytest.fixture(scope="session")
def all_rules_checker():  # type: ignore[no-untyped-def]
    """A Checker with every rule enabled, off-by-default ones included."""
    from replylint.checker import Checker
    from replylint.config import Config
    from replylint.rules import all_rules

    return Checker(Config(select=list(all_rules())))


def usable_pair_rows() -> list[dict[str, Any]]:
    """dev.jsonl + email-dev.jsonl rows with ``usable: true`` (skips when the corpus is absent)."""
    return [r for name in ("dev.jsonl", "email-dev.jsonl") for r in load_corpus(name) if r.get("usable")]


def corpus_failure_rate(rule_id: str) -> float:
    """How often ``rule_id`` fails on the real corpus replies, as benchmarks/false_positives.py
    measures it (one rule selected)."""
    from replylint.checker import Checker
    from replylint.config import Config

    module = load_benchmark("false_positives")
    corpus = module.default_corpus_dir()
    if not (corpus / "dev.jsonl").is_file():
        pytest.skip(f"corpus not found at {corpus}")
    figures = module.false_positive_rates(corpus, Checker(Config(select=[rule_id])))
    return float(figures[rule_id]["failure_rate"])
