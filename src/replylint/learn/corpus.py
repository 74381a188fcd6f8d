"""The labelled corpus: its rows, and the source group each row belongs to.

Cross-validation folds are cut by source group, so that no company (``twcs/NAME``), repository
(``owner/repo#N`` -> ``owner/repo``) or forum host (a URL -> its host) is both trained on and
scored on. The same company appearing in several files is one group.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "ANSWER_FILES",
    "CORPUS_FILES",
    "EXTRACTION_FILES",
    "corpus_dir",
    "corpus_sha256",
    "load_rows",
    "source_group",
]

#: Files with a customer message and an agent reply (answered-or-not, complaint, checks).
ANSWER_FILES = ("dev.jsonl", "dev2.jsonl", "email-dev.jsonl", "email-dev2.jsonl")
#: Files with labelled questions (extraction).
EXTRACTION_FILES = (*ANSWER_FILES, "questions-dev.jsonl", "questions-dev2.jsonl")
CORPUS_FILES = EXTRACTION_FILES


def corpus_dir(value: str | os.PathLike[str] | None = None) -> Path:
    """``value``, else ``$REPLYLINT_CORPUS``, else ``../shared/corpus`` beside the repository."""
    if value:
        return Path(value)
    env = os.environ.get("REPLYLINT_CORPUS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3].parent / "shared" / "corpus"


def load_rows(corpus: Path, name: str) -> list[dict[str, Any]]:
    """The rows of one corpus file (empty when the file is absent), each tagged with its file."""
    path = corpus / name
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                row["_file"] = name
                rows.append(row)
    return rows


_HANDLE_SUFFIXES = ("support", "cares", "care", "help", "service", "tweets", "team", "_", "ask")


def _company(handle: str) -> str:
    """A support handle's company: ``AppleSupport`` -> ``apple``, ``AskPayPal`` -> ``paypal``."""
    name = handle.lower()
    changed = True
    while changed and len(name) > 3:
        changed = False
        for suffix in _HANDLE_SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 3:
                name, changed = name[: -len(suffix)], True
        if name.startswith("ask") and len(name) > 6:
            name, changed = name[3:], True
    return name


def source_group(source: str) -> str:
    """The cross-validation group of a row's ``source``: the company behind a support handle or a
    forum's domain (``community.spotify.com`` and ``twcs/SpotifyCares`` are one group), the
    repository of an issue."""
    s = source.strip()
    if s.startswith(("http://", "https://")):
        host = (urlsplit(s).hostname or s).lower()
        labels = [p for p in host.split(".") if p]
        core = labels[-2] if len(labels) >= 2 else host
        if core in {"co", "com", "org", "net"} and len(labels) >= 3:
            core = labels[-3]  # community.quickfile.co.uk
        return "org:" + _company(core)
    if s.startswith("twcs/"):
        return "org:" + _company(s[5:])
    if "#" in s:
        return "repo:" + s.split("#", 1)[0].lower()
    return "other:" + s.lower()


def corpus_sha256(corpus: Path, files: tuple[str, ...] = CORPUS_FILES) -> str:
    """One hash over the corpus files the models are trained on (absent files count as empty)."""
    h = hashlib.sha256()
    for name in files:
        h.update(name.encode())
        path = corpus / name
        if path.exists():
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()
