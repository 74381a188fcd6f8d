"""The run's counts, computed once so every format says the same thing.

``checked`` counts the drafts or macros that got a report, ``not_checked`` those that could not
be read or checked; a finding is *failing* when its severity is at or above ``fail_on`` (the
exit code's rule), and a checked item is failing when it has a failing finding.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from replylint.models import DocumentResult, Severity


@dataclass(frozen=True)
class Summary:
    files: int
    checked: int
    not_checked: int
    by_rule: dict[str, int]
    failing_findings: int
    failing_checked: int
    fail_on: Severity

    @property
    def findings(self) -> int:
        return sum(self.by_rule.values())

    def line(self) -> str:
        """``2 checked, 5 finding(s) (jargon: 4, placeholder: 1), 1 could not be checked;
        1 finding(s) at or above warning, in 1 of 2 checked``"""
        text = f"{self.checked} checked, {self.findings} finding(s)"
        if self.by_rule:
            text += " (" + ", ".join(f"{rule}: {n}" for rule, n in sorted(self.by_rule.items())) + ")"
        if self.not_checked:
            text += f", {self.not_checked} could not be checked"
        return (
            text + f"; {self.failing_findings} finding(s) at or above {self.fail_on.value},"
            f" in {self.failing_checked} of {self.checked} checked"
        )


def summarize(results: list[DocumentResult], fail_on: Severity) -> Summary:
    by_rule: Counter[str] = Counter()
    failing_findings = failing_checked = 0
    reports = [r.report for r in results if r.error is None and r.report is not None]
    for report in reports:
        by_rule.update(f.rule for f in report.findings)
        failing = sum(1 for f in report.findings if f.severity >= fail_on)
        failing_findings += failing
        failing_checked += failing > 0
    return Summary(
        files=len({r.path for r in results}),
        checked=len(reports),
        not_checked=sum(1 for r in results if r.error is not None),
        by_rule=dict(by_rule),
        failing_findings=failing_findings,
        failing_checked=failing_checked,
        fail_on=fail_on,
    )
