"""replylint: check a support agent's draft reply against the customer's message.

Public API::

    from replylint import Checker, Config
    checker = Checker(Config(fail_on="error"))      # load once, share between threads
    report = checker.check(draft, customer_message)  # -> Report (pydantic)
    report.ok, report.findings, report.questions, report.checks
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "CheckResult",
    "Checker",
    "Config",
    "ConfigError",
    "DocumentResult",
    "Finding",
    "InputError",
    "Pair",
    "Question",
    "ReplylintError",
    "Report",
    "Severity",
    "Status",
    "check",
    "load_config",
]

if TYPE_CHECKING:
    from replylint.checker import Checker, Pair
    from replylint.config import Config, load_config
    from replylint.errors import ConfigError, InputError, ReplylintError
    from replylint.models import CheckResult, DocumentResult, Finding, Question, Report, Severity, Status

_LAZY = {
    "Checker": "replylint.checker",
    "Pair": "replylint.checker",
    "Config": "replylint.config",
    "load_config": "replylint.config",
    "ConfigError": "replylint.errors",
    "InputError": "replylint.errors",
    "ReplylintError": "replylint.errors",
    "CheckResult": "replylint.models",
    "DocumentResult": "replylint.models",
    "Finding": "replylint.models",
    "Question": "replylint.models",
    "Report": "replylint.models",
    "Severity": "replylint.models",
    "Status": "replylint.models",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `import replylint` (and the CLI's --help) stays fast: spaCy loads on first use.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'replylint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    # The lazy names are listed for dir(), tab completion and help() without importing them.
    return sorted({*globals(), *__all__})


def check(draft: str, customer: str | None = None, config: Config | None = None) -> Report:
    """One-off convenience: build a Checker and check one draft. Prefer a shared ``Checker``."""
    from replylint.checker import Checker

    return Checker(config).check(draft, customer)
