"""Output formats: SARIF validates against the official 2.1.0 schema, GitHub annotations are
escaped as the runner expects, JUnit XML parses with one test case per macro."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from replylint.formatters import available_formats, get_formatter
from replylint.formatters.github import escape_data, escape_property
from replylint.models import CheckResult, DocumentResult, Finding, Report, Severity, Status

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


def _finding(rule: str, severity: Severity, text: str, line: int, column: int, message: str) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        start=10,
        end=10 + len(text),
        line=line,
        column=column,
        text=text,
        suggestion="Say it in plain words: 'the response time we promise'",
    )


def _results() -> list[DocumentResult]:
    jargon = _finding("jargon", Severity.WARNING, "SLA", 14, 121, "'SLA' is internal language, 100% jargon: avoid")
    placeholder = _finding("placeholder", Severity.ERROR, "[CUSTOMER NAME]", 3, 5, "unfilled placeholder\nsecond line")
    multi = _finding("bare-refusal", Severity.INFO, "we can't\nrefund it", 20, 1, "declines, without an alternative")
    bad = Report(
        ok=False,
        fail_on=Severity.WARNING,
        score=55,
        checks=[
            CheckResult(rule="jargon", status=Status.FAILED, severity=Severity.WARNING),
            CheckResult(rule="placeholder", status=Status.FAILED, severity=Severity.ERROR),
        ],
        findings=[placeholder, jargon],
    )
    info_only = Report(ok=True, fail_on=Severity.WARNING, score=97, findings=[multi])
    clean = Report(ok=True, fail_on=Severity.WARNING, score=100)
    return [
        DocumentResult(path="macros/zendesk.json", title="Refunds::Outside window, <old>", report=bad),
        DocumentResult(path="macros/zendesk.json", title="Shipping::Where is it", report=clean),
        DocumentResult(path="macros/legacy.md", title="Legacy", report=info_only),
        DocumentResult(
            path="macros/broken.json", error="macros/broken.json:2:19: invalid JSON: Expecting property name"
        ),
        DocumentResult(
            path="macros/logo.txt", error="macros/logo.txt: looks like a binary file (it contains NUL bytes), not text"
        ),
    ]


def test_all_formats_are_available() -> None:
    assert {"text", "json", "sarif", "github", "junit"} <= set(available_formats())


def test_sarif_validates_against_the_official_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["id"].endswith("sarif-schema-2.1.0.json")
    log = json.loads(get_formatter("sarif")(_results(), fail_on=Severity.WARNING))
    jsonschema.Draft4Validator.check_schema(schema)
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in run["results"]] == ["placeholder", "jargon", "bare-refusal"]
    assert [r["level"] for r in run["results"]] == ["error", "warning", "note"]
    region = run["results"][1]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (14, 121, 124)
    assert "endColumn" not in run["results"][2]["locations"][0]["physicalLocation"]["region"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert [rules[r["ruleIndex"]] for r in run["results"]] == [r["ruleId"] for r in run["results"]]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 19}
    fingerprints = {r["partialFingerprints"]["replylintFinding/v1"] for r in run["results"]}
    assert len(fingerprints) == 3


def test_sarif_of_a_clean_run_validates() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    clean = [DocumentResult(path="a.md", title="A", report=Report(ok=True, fail_on=Severity.WARNING, score=100))]
    log = json.loads(get_formatter("sarif")(clean, fail_on=Severity.WARNING))
    jsonschema.validate(log, schema, cls=jsonschema.Draft4Validator)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["invocations"][0]["executionSuccessful"] is True


@pytest.mark.parametrize(
    ("value", "data", "prop"),
    [
        ("100% done", "100%25 done", "100%25 done"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("Refunds::Window, EU", "Refunds::Window, EU", "Refunds%3A%3AWindow%2C EU"),
    ],
)
def test_github_escaping(value: str, data: str, prop: str) -> None:
    assert escape_data(value) == data
    assert escape_property(value) == prop


def test_github_annotations() -> None:
    out = get_formatter("github")(_results(), fail_on=Severity.WARNING).splitlines()
    assert out[0].startswith(
        "::error file=macros/zendesk.json,line=3,col=5,endColumn=20,title=replylint [placeholder] in Refunds%3A%3AOutside window%2C <old>::"
    )
    assert out[0].endswith(
        "::unfilled placeholder%0Asecond line%0ASuggestion: Say it in plain words: 'the response time we promise'"
    )
    assert out[1].startswith("::warning file=macros/zendesk.json,line=14,col=121,")
    assert "100%25 jargon" in out[1]
    assert out[2].startswith("::notice file=macros/legacy.md,line=20,col=1,title=")
    assert (
        out[3]
        == "::error file=macros/broken.json,line=2,col=19,title=replylint%3A file not checked::invalid JSON: Expecting property name"
    )
    assert out[4] == (
        "::error file=macros/logo.txt,title=replylint%3A file not checked::looks like a binary file (it contains NUL bytes), not text"
    )
    assert out[-1].startswith("replylint: 3 checked, 3 finding(s)")
    assert all("\n" not in line and "\r" not in line for line in out)


def test_junit_one_testcase_per_macro() -> None:
    xml = get_formatter("junit")(_results(), fail_on=Severity.WARNING)
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "1", "2")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert set(suites) == {"macros/zendesk.json", "macros/legacy.md", "macros/broken.json", "macros/logo.txt"}
    cases = suites["macros/zendesk.json"].findall("testcase")
    assert [c.get("name") for c in cases] == ["Refunds::Outside window, <old>", "Shipping::Where is it"]
    failure = cases[0].find("failure")
    assert failure is not None and "jargon" in (failure.get("message") or "")
    assert "macros/zendesk.json:14:121: warning [jargon]" in (failure.text or "")
    assert cases[1].find("failure") is None
    legacy = suites["macros/legacy.md"].find("testcase")
    assert legacy is not None and legacy.find("failure") is None  # info is below --fail-on
    assert "bare-refusal" in (legacy.findtext("system-out") or "")
    assert suites["macros/logo.txt"].find("testcase/error") is not None


def test_junit_strips_characters_xml_cannot_hold() -> None:
    weird = _finding("jargon", Severity.ERROR, "\x0bSLA", 1, 1, "bad \x01 control")
    res = [
        DocumentResult(
            path="a.md", title="A\x08", report=Report(ok=False, fail_on=Severity.WARNING, score=75, findings=[weird])
        )
    ]
    root = ET.fromstring(get_formatter("junit")(res, fail_on=Severity.WARNING))
    assert root.find("testsuite/testcase/failure") is not None


def test_text_summary_for_a_library() -> None:
    out = get_formatter("text")(_results(), fail_on=Severity.WARNING)
    assert "macros/broken.json:2:19: error: invalid JSON" in out
    assert "macros/logo.txt: error: looks like a binary file" in out
    assert "library: 4 file(s), 3 macro(s) checked, mean score 84.0/100" in out


def test_every_format_gives_the_same_counts() -> None:
    """Issue 13: `github` said "5 at or above warning" where `text` said "1 failing", and "5 checked"
    counted the two unreadable files as checked."""
    results = _results()
    text = get_formatter("text")(results, fail_on=Severity.WARNING).splitlines()
    github = get_formatter("github")(results, fail_on=Severity.WARNING).splitlines()
    expected = (
        "3 checked, 3 finding(s) (bare-refusal: 1, jargon: 1, placeholder: 1), 2 could not be checked;"
        " 2 finding(s) at or above warning, in 1 of 3 checked"
    )
    assert text[-1] == expected
    assert github[-1] == "replylint: " + expected
    assert "library: 4 file(s), 3 macro(s) checked, mean score 84.0/100" in text
    root = ET.fromstring(get_formatter("junit")(results, fail_on=Severity.WARNING))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("5", "1", "2")  # 3 + 2, 1, 2
    run = json.loads(get_formatter("sarif")(results, fail_on=Severity.WARNING))["runs"][0]
    assert len(run["results"]) == 3
    assert sum(1 for r in run["results"] if r["level"] in ("error", "warning")) == 2


def test_sarif_of_the_example_library_validates(capsys: pytest.CaptureFixture[str]) -> None:
    from replylint.cli import main

    lib = Path(__file__).resolve().parents[1] / "examples" / "macro-library"
    code = main(["lint", str(lib), "--format", "sarif", "--no-progress"])
    out = capsys.readouterr().out
    assert code == 1
    log = json.loads(out)
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")), cls=jsonschema.Draft4Validator)
    results = log["runs"][0]["results"]
    assert {"placeholder", "jargon", "inconsistent-fact"} <= {r["ruleId"] for r in results}
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert any(u.endswith("zendesk-macros.json") for u in uris)
