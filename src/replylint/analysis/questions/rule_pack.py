"""Find and read a rule pack file (``questions.yml``, ``synonyms.yml``) shipped with replylint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

import replylint


def _pack_path(name: str) -> Path:
    """Where a rule pack ships: ``replylint/_packs`` in a wheel, ``rules/`` in a checkout."""
    installed = Path(replylint.__file__).parent / "_packs" / name
    if installed.exists():
        return installed
    return Path(__file__).resolve().parents[4] / "rules" / name


def _load_pack(name: str) -> dict[str, Any]:
    """The ``data`` mapping of a rule pack (read once per extractor/matcher, never cached globally)."""
    with _pack_path(name).open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    data = raw.get("data", raw)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping under 'data'")
    return data
