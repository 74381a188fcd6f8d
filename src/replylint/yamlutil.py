"""Safe YAML loading that remembers where each key was written, for error messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from replylint.errors import ConfigError

#: libyaml's C parser when PyYAML was built with it (about 10x faster on the built-in packs),
#: else the pure-Python one; both construct with the safe constructor only.
_BaseSafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PackLoader(_BaseSafeLoader):  # type: ignore[misc]
    """The safe loader with YAML 1.2 booleans: only ``true``/``false`` are booleans.

    Under YAML 1.1 a phrase list such as ``[yes, no, on, off]`` silently becomes booleans, a trap
    for anyone writing word lists; here those words stay strings.
    """


PackLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
PackLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_yaml(path: Path) -> tuple[Any, yaml.Node | None]:
    """Load ``path`` with the safe loader; return the data and the composed node tree.

    Never executes code: :class:`PackLoader` is a ``SafeLoader``.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason} at byte {exc.start})", file=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror}", file=path) from None
    try:
        loader = PackLoader(raw)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        context = getattr(exc, "context_mark", None)
        key = _key_at(raw, context.line if context is not None else (mark.line if mark is not None else None))
        raise ConfigError(f"invalid YAML: {problem}", file=path, key=key, line=line) from None
    return data, node


def _key_at(raw: str, line_index: int | None) -> str | None:
    """The mapping key written on ``line_index`` (0-based) or the nearest line above it."""
    if line_index is None:
        return None
    lines = raw.splitlines()
    for i in range(min(line_index, len(lines) - 1), -1, -1):
        m = re.match(r"\s*(?:-\s+)?([\w.\-]+)\s*:", lines[i])
        if m:
            return m.group(1)
    return None


def node_line(node: yaml.Node | None, path: Sequence[int | str]) -> int | None:
    """The 1-based line of the value at ``path`` (keys and list indexes) inside ``node``."""
    best: int | None = node.start_mark.line + 1 if node is not None else None
    current = node
    for part in path:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                if str(key_node.value) == str(part):
                    best = key_node.start_mark.line + 1
                    current = value_node
                    break
            else:
                return best
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(current.value):
                current = current.value[part]
                best = current.start_mark.line + 1
            else:
                return best
        else:
            return best
    return best


def raise_validation(exc: ValidationError, *, file: Path, node: yaml.Node | None) -> None:
    """Turn the first pydantic error into a ConfigError naming file, key and line."""
    err = exc.errors()[0]
    loc = [p for p in err["loc"] if isinstance(p, (int, str))]
    key = ".".join(str(p) for p in loc) or None
    got = err.get("input")
    shown = repr(got)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    message = err["msg"]
    if err["type"] != "missing" and err["type"] != "extra_forbidden":
        message += f" (got {shown})"
    if err["type"] == "extra_forbidden":
        message = "unknown key"
    raise ConfigError(message, file=file, key=key, line=node_line(node, loc)) from None
