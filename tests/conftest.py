"""Shared fixtures: one spaCy pipeline and one default Checker per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


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
