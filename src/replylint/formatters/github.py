"""GitHub Actions workflow commands: one annotation per finding, shown on the pull request.

``::error file=PATH,line=L,col=C,title=TITLE::MESSAGE`` (``warning`` / ``notice`` for lower
severities). Property values escape ``%``, CR, LF, ``:`` and ``,``; the message escapes ``%``,
CR and LF, as the runner expects. A file that could not be read is an ``error`` annotation on
that file. A plain summary line ends the output.
"""

from __future__ import annotations

import re

from replylint.formatters._summary import summarize
from replylint.models import DocumentResult, Severity

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LOCATED_ERROR = re.compile(r"^(?P<path>.+?):(?P<line>\d+)(?::(?P<col>\d+))?: (?P<msg>.*)$", re.S)


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: object) -> str:
    parts = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{name}{(' ' + parts) if parts else ''}::{escape_data(message)}"


def render(results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str:
    out: list[str] = []
    for res in results:
        if res.error is not None:
            m = _LOCATED_ERROR.match(res.error)
            if m and m.group("path") == res.path:
                out.append(
                    command(
                        "error",
                        m.group("msg"),
                        file=res.path,
                        line=m.group("line"),
                        col=m.group("col"),
                        title="replylint: file not checked",
                    )
                )
            else:
                message = res.error[len(res.path) + 2 :] if res.error.startswith(res.path + ": ") else res.error
                out.append(command("error", message, file=res.path, title="replylint: file not checked"))
            continue
        if res.report is None:
            continue
        for f in res.report.findings:
            title = f"replylint [{f.rule}]" + (f" in {res.title}" if res.title else "")
            message = f.message + (f"\nSuggestion: {f.suggestion}" if f.suggestion else "")
            end_col = f.column + len(f.text) if f.text and "\n" not in f.text else None
            out.append(
                command(
                    _COMMANDS[f.severity],
                    message,
                    file=res.path,
                    line=f.line,
                    col=f.column,
                    endColumn=end_col,
                    title=title,
                )
            )
    out.append("replylint: " + summarize(results, fail_on).line())
    return "\n".join(out)
