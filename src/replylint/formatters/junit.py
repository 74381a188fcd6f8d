"""JUnit XML for CI dashboards: one test suite per file, one test case per macro.

A macro with findings at or above ``--fail-on`` is a ``<failure>`` (its findings listed in the
body, ``file:line:col: severity [rule] message``); lower findings go to ``<system-out>``. A file
that could not be read is a test case with an ``<error>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import OrderedDict

from replylint.models import DocumentResult, Finding, Severity

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _ILLEGAL_XML.sub("\ufffd", text)


def _line(path: str, f: Finding) -> str:
    return f"{path}:{f.line}:{f.column}: {f.severity.value} [{f.rule}] {f.message}"


def render(results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str:
    suites: OrderedDict[str, list[DocumentResult]] = OrderedDict()
    for res in results:
        suites.setdefault(res.path, []).append(res)
    root = ET.Element("testsuites", name="replylint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for path, docs in suites.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path))
        counts = {"tests": 0, "failures": 0, "errors": 0}
        for n, res in enumerate(docs, 1):
            counts["tests"] += 1
            name = res.title or (f"macro {n}" if res.error is None else "read")
            case = ET.SubElement(suite, "testcase", classname=_clean(path), name=_clean(name), file=_clean(path))
            if res.error is not None:
                counts["errors"] += 1
                err = ET.SubElement(case, "error", message=_clean(res.error.splitlines()[0]), type="InputError")
                err.text = _clean(res.error)
                continue
            if res.report is None:
                continue
            failing = [f for f in res.report.findings if f.severity >= fail_on]
            other = [f for f in res.report.findings if f.severity < fail_on]
            if failing:
                counts["failures"] += 1
                rules = sorted({f.rule for f in failing})
                fail = ET.SubElement(
                    case,
                    "failure",
                    message=_clean(f"{len(failing)} finding(s): {', '.join(rules)}"),
                    type=rules[0],
                )
                fail.text = _clean("\n".join(_line(path, f) for f in failing))
            lines = [_line(path, f) for f in other]
            lines.append(f"score {res.report.score}/100")
            out = ET.SubElement(case, "system-out")
            out.text = _clean("\n".join(lines))
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
