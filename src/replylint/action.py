"""The GitHub Action's report step (``action.yml``): one lint run, two outputs.

``python -m replylint.action REPORT.json --sarif FILE [--annotations changed|all|none] [--diff FILE]``
reads the JSON report of one ``replylint lint --format json`` run, writes the SARIF file for code
scanning and prints the workflow annotations: with ``changed`` only those on lines that the
unified diff (``git diff --unified=0 BASE HEAD``) adds or changes; without a diff, every finding.
The last line is the summary of the whole run. The library is linted once, so a pull request
never shows a problem twice.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from replylint.formatters import get_formatter
from replylint.formatters._summary import summarize
from replylint.models import DocumentResult, Finding, Severity

_FILE = re.compile(r"^\+\+\+ (?:b/)?(?P<path>.+?)\t?$")
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")


def changed_lines(diff: str) -> dict[str, set[int]]:
    """The new-side line numbers each file gains in a unified diff (paths as git prints them)."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            m = _FILE.match(line)
            path = m.group("path") if m else "/dev/null"
            current = None if path == "/dev/null" else changed.setdefault(os.path.normpath(path), set())
        elif current is not None and (m := _HUNK.match(line)):
            start, count = int(m.group("start")), int(m.group("count") or 1)
            current.update(range(start, start + count))
    return changed


def _on_changed_lines(res: DocumentResult, lines: set[int] | None) -> DocumentResult | None:
    """``res`` with only the findings that touch ``lines`` (None: the file is not in the diff)."""
    if lines is None:
        return None
    if res.report is None:
        return res  # a file that could not be read, in a file the pull request changed

    def touches(f: Finding) -> bool:
        return any(n in lines for n in range(f.line, f.line + f.text.count("\n") + 1))

    kept = [f for f in res.report.findings if touches(f)]
    return res.model_copy(update={"report": res.report.model_copy(update={"findings": kept})})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m replylint.action", description=__doc__.split("\n\n")[0])
    parser.add_argument("report", help="the JSON report of `replylint lint --format json`")
    parser.add_argument("--sarif", metavar="FILE", help="write the SARIF report to FILE")
    parser.add_argument("--annotations", choices=("changed", "all", "none"), default="changed")
    parser.add_argument("--diff", metavar="FILE", help="unified diff of the pull request (changed lines)")
    args = parser.parse_args(argv)
    payload = json.loads(Path(args.report).read_text(encoding="utf-8"))
    fail_on = Severity(payload["fail_on"])
    results = [DocumentResult.model_validate(r) for r in payload["results"]]
    if args.sarif:
        Path(args.sarif).write_text(get_formatter("sarif")(results, fail_on=fail_on) + "\n", encoding="utf-8")
    if args.annotations == "none":
        return 0
    shown = results
    if args.annotations == "changed" and args.diff:
        changed = changed_lines(Path(args.diff).read_text(encoding="utf-8"))
        picked = (_on_changed_lines(r, changed.get(os.path.normpath(r.path))) for r in results)
        shown = [r for r in picked if r is not None]
    annotations = get_formatter("github")(shown, fail_on=fail_on).splitlines()[:-1]  # without its summary
    sys.stdout.write("\n".join([*annotations, "replylint: " + summarize(results, fail_on).line()]) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
