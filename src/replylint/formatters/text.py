"""Human-readable output: ``path:line:col: severity [rule] message``, the quoted span, the fix."""

from __future__ import annotations

import re

from replylint.formatters._summary import summarize
from replylint.models import DocumentResult, Finding, Severity, Status


def _quote(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _finding(path: str, f: Finding) -> list[str]:
    lines = [f"{path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}"]
    if f.text.strip():
        lines.append(f'    | "{_quote(f.text)}"')
    if f.suggestion:
        lines.append(f"    = suggestion: {f.suggestion}")
    return lines


_LOCATED_ERROR = re.compile(r"^(?P<loc>.+?:\d+(?::\d+)?): (?P<msg>.*)$", re.S)


def _error(path: str, error: str) -> str:
    """``path[:line[:col]]: error: message`` without repeating the path the message names."""
    m = _LOCATED_ERROR.match(error)
    if m and m.group("loc").startswith(path + ":"):
        return f"{m.group('loc')}: error: {m.group('msg')}"
    if error.startswith(path + ": "):
        return f"{path}: error: {error[len(path) + 2 :]}"
    return f"{path}: error: {error}"


def render(results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str:
    out: list[str] = []
    for res in results:
        name = res.path + (f" ({res.title})" if res.title else "")
        if res.error is not None:
            out.append(_error(res.path, res.error))
            continue
        report = res.report
        if report is None:
            continue
        for f in report.findings:
            out.extend(_finding(res.path, f))
        if explain and report.questions:
            out.append(f"{name}: questions in the customer message:")
            for i, q in enumerate(report.questions, 1):
                verdict = "answered" if q.answered else "NOT answered"
                odds = f"P(ask) {q.confidence:.2f}"
                if q.answered_probability is not None:
                    odds += f", P(answered) {q.answered_probability:.2f}"
                out.append(
                    f'  {i}. [{q.kind}, {q.answer_type}] "{_quote(q.text)}" -> {verdict} ({odds}; match score {q.score:.2f})'
                )
                if q.answered_by is not None:
                    out.append(f'     by: "{_quote(q.answered_by.text)}"')
                if q.reason:
                    out.append(f"     why: {q.reason}")
                if q.drivers:
                    out.append(f"     weighed: {', '.join(q.drivers)}")
        if explain:
            statuses = ", ".join(f"{c.rule}={c.status.value}" for c in report.checks)
            out.append(f"{name}: checks: {statuses}")
            passed = [c for c in report.checks if c.status is Status.PASSED and c.evidence]
            for c in passed:
                out.append(f'  {c.rule} passed on: "{_quote(c.evidence[0].text)}"')
        out.append(f"{name}: score {report.score}/100, {len(report.findings)} finding(s)")
    summary = summarize(results, fail_on)
    if len(results) > 1 or summary.files > 1:
        scores = [r.report.score for r in results if r.error is None and r.report is not None]
        library = f"library: {summary.files} file(s), {summary.checked} macro(s) checked"
        if scores:
            library += f", mean score {sum(scores) / len(scores):.1f}/100"
        out.append(library)
    out.append(summary.line())
    return "\n".join(out)
