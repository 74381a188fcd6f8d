"""Meta-tests over the rule registry: every rule is documented, and its documented examples are
executed, so the docs (``replylint explain``) cannot drift from the behaviour."""

from __future__ import annotations

import re
from typing import Any

import pytest

from replylint.checker import Checker
from replylint.config import Config
from replylint.models import Status
from replylint.rules import all_rules
from replylint.rules.base import Example, Rule

RULES = all_rules()
KEBAB = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
CORE_IDS = {"question-answered", "apology", "jargon", "next-action", "bare-refusal"}


def _examples() -> list[tuple[str, str, int, Example]]:
    out = []
    for rid, cls in RULES.items():
        for which in ("bad", "good"):
            for i, ex in enumerate(getattr(cls, which)):
                out.append((rid, which, i, ex))
    return out


def test_core_rules_are_registered() -> None:
    assert set(RULES) >= CORE_IDS


@pytest.mark.parametrize("rid", sorted(RULES))
def test_rule_is_documented(rid: str) -> None:
    cls: type[Rule] = RULES[rid]
    assert KEBAB.match(rid), f"rule id {rid!r} is not kebab-case"
    assert cls.summary.strip().endswith("."), "summary is one sentence ending with a period"
    assert len(cls.why.strip()) > 40, "'why it matters' says something"
    library_level = bool(getattr(cls, "library_level", False))
    bad = [ex for ex in cls.bad if ex.expect == "failed"]
    good = [ex for ex in cls.good if ex.expect in ("passed", "not_applicable")]
    if not library_level:
        assert bad, f"{rid} has no failing example"
        assert good, f"{rid} has no passing example"
    doc = cls.doc()
    assert rid in doc and "Why it matters" in doc
    assert all(ex.expect == "failed" for ex in cls.bad), "bad examples must fail"


@pytest.fixture(scope="module")
def everything() -> Checker:
    return Checker(Config(min_precision=0.0, select=list(RULES)))


_CHECKERS: dict[str, Checker] = {}


def _checker_for(rid: str, options: dict[str, Any], default: Checker) -> Checker:
    if not options:
        return default
    key = f"{rid}:{sorted(options.items())!r}"
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker(Config(min_precision=0.0, select=[rid], rules={rid: options}))
    return _CHECKERS[key]


@pytest.mark.parametrize(
    ("rid", "which", "index", "example"), _examples(), ids=lambda v: v if isinstance(v, str) else None
)
def test_documented_example(rid: str, which: str, index: int, example: Example, everything: Checker) -> None:
    checker = _checker_for(rid, example.options, everything)
    report = checker.check(example.draft, example.customer, macro=example.macro)
    result = report.check(rid)
    assert result is not None, f"{rid} did not run"
    assert result.status == Status(example.expect), (
        f"{rid} {which}[{index}] expected {example.expect}, got {result.status.value}: "
        f"{[f.message for f in report.findings if f.rule == rid]}"
    )
    findings = [f for f in report.findings if f.rule == rid]
    if example.expect == "failed":
        assert findings, "a failing check reports at least one finding"
    else:
        assert not findings, "a passing or not-applicable check reports no finding"
    for f in findings:
        assert example.draft[f.start : f.end] == f.text
