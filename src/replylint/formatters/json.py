"""JSON output: a versioned, documented schema.

``replylint check`` prints one object ``{"schema_version", "tool", "results": [...]}``; each
result is ``{"path", "title", "error", "report"}`` where ``report`` is ``Report.model_dump()``.
"""

from __future__ import annotations

import json

from replylint import __version__
from replylint.models import SCHEMA_VERSION, DocumentResult, Severity


def render(results: list[DocumentResult], *, fail_on: Severity, explain: bool = False) -> str:
    payload = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "replylint", "version": __version__},
        "fail_on": fail_on.value,
        "results": [r.model_dump(mode="json") for r in results],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
