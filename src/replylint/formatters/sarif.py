"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule that has a result (with its summary, rationale and default
level); each finding is a result at ``file:line:column`` (columns count Unicode code points,
declared with ``columnKind``). Files that could not be read become ``error`` notifications of
the invocation (which is then not successful). A ``partialFingerprints`` entry (path + macro title +
rule + text hash) lets code scanning follow a finding when lines move.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import Any

from replylint import __version__
from replylint.models import DocumentResult, Finding, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/replylint/"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_LOCATED_ERROR = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<msg>.*)$", re.S)


def _uri(path: str) -> str:
    """A relative POSIX URI when the file is under the working folder, else a file: URI."""
    if path.startswith("<"):
        return path.strip("<>")
    p = Path(path)
    if p.is_absolute():
        try:
            return PurePosixPath(*p.relative_to(Path.cwd()).parts).as_posix()
        except ValueError:
            return p.as_uri()
    return PurePosixPath(*Path(os.path.normpath(path)).parts).as_posix()


def _fingerprint(res: DocumentResult, f: Finding) -> str:
    key = "\x1f".join((res.path, res.title or "", f.rule, " ".join(f.text.split()).lower()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _rule_descriptor(rule_id: str, registry: dict[str, Any]) -> dict[str, Any]:
    cls = registry.get(rule_id)
    if cls is None:
        return {"id": rule_id, "name": rule_id}
    return {
        "id": rule_id,
        "name": "".join(part.capitalize() for part in rule_id.split("-")),
        "shortDescription": {"text": cls.summary},
        "fullDescription": {"text": cls.why},
        "help": {"text": cls.doc()},
        "defaultConfiguration": {"level": _LEVELS[cls.default_severity], "enabled": bool(cls.default_enabled)},
        "properties": {"tags": ["customer-support", "writing"]},
    }


def _region(f: Finding) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, f.line), "startColumn": max(1, f.column)}
    if f.text and "\n" not in f.text:
        region["endLine"] = region["startLine"]
        region["endColumn"] = region["startColumn"] + len(f.text)
    if f.text:
        region["snippet"] = {"text": f.text}
    return region


def build(results: list[DocumentResult], *, fail_on: Severity) -> dict[str, Any]:
    """The SARIF log as a dict."""
    from replylint.rules import all_rules

    try:
        registry: dict[str, Any] = dict(all_rules())
    except Exception:  # a broken plugin must not stop the report from being written
        registry = {}
    used: list[str] = sorted({f.rule for r in results if r.report for f in r.report.findings})
    index = {rid: k for k, rid in enumerate(used)}
    artifacts: list[str] = []
    art_index: dict[str, int] = {}

    def artifact(path: str) -> int:
        uri = _uri(path)
        if uri not in art_index:
            art_index[uri] = len(artifacts)
            artifacts.append(uri)
        return art_index[uri]

    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for res in results:
        if res.error is not None:
            note: dict[str, Any] = {"level": "error", "message": {"text": res.error}}
            m = _LOCATED_ERROR.match(res.error)
            loc: dict[str, Any] = {"artifactLocation": {"uri": _uri(res.path), "index": artifact(res.path)}}
            if m and m.group("path") == res.path:
                loc["region"] = {"startLine": int(m.group("line"))}
                if m.group("col"):
                    loc["region"]["startColumn"] = int(m.group("col"))
            note["locations"] = [{"physicalLocation": loc}]
            notifications.append(note)
            continue
        if res.report is None:
            continue
        for f in res.report.findings:
            text = f.message + (f" Suggestion: {f.suggestion}" if f.suggestion else "")
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "ruleIndex": index[f.rule],
                "level": _LEVELS[f.severity],
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(res.path), "index": artifact(res.path)},
                            "region": _region(f),
                        },
                        **({"logicalLocations": [{"name": res.title, "kind": "member"}]} if res.title else {}),
                    }
                ],
                "partialFingerprints": {"replylintFinding/v1": _fingerprint(res, f)},
                "properties": {"severity": f.severity.value, "failsBuild": f.severity >= fail_on},
            }
            sarif_results.append(result)
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "replylint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rid, registry) for rid in used],
            }
        },
        "invocations": [invocation],
        "artifacts": [{"location": {"uri": uri}} for uri in artifacts],
        "results": sarif_results,
        "columnKind": "unicodeCodePoints",
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str:
    return json.dumps(build(results, fail_on=fail_on), indent=2, ensure_ascii=False)
