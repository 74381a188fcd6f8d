"""Output formats. One module per format, each exposing ``render(results, *, fail_on) -> str``.

A format is found by module name (``--format sarif`` imports ``replylint.formatters.sarif``).
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Protocol

from replylint.models import DocumentResult, Severity


class Formatter(Protocol):
    def __call__(self, results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str: ...


def available_formats() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get_formatter(name: str) -> Formatter:
    if name not in available_formats():
        raise ValueError(f"unknown format '{name}' (choose from {', '.join(available_formats())})")
    module = importlib.import_module(f"{__name__}.{name}")
    render: Formatter = module.render
    return render
