"""Configuration: loading, validation and merging.

Layers, lowest first: built-in defaults < the project file (``replylint.toml``,
``.replylint.toml`` or ``[tool.replylint]`` in ``pyproject.toml``, discovered from the checked
file's folder upward, or given with ``--config``) < command-line options. Tables merge key by key.
Nothing in a configuration can run code or reach the network.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from replylint.errors import ConfigError
from replylint.models import Severity

CONFIG_NAMES = ("replylint.toml", ".replylint.toml", "pyproject.toml")

Channel = Literal["email", "chat", "social"]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class ScoreConfig(_Section):
    """How the 0-100 reply score is computed: 100 minus a penalty per failed check."""

    error: float = Field(default=25.0, ge=0, description="penalty of a failed check at severity error")
    warning: float = Field(default=10.0, ge=0, description="penalty of a failed check at severity warning")
    info: float = Field(default=3.0, ge=0, description="penalty of a failed check at severity info")
    rules: dict[str, float] = Field(default_factory=dict, description="penalty per rule id, overrides severity")


class LintConfig(_Section):
    """Options of ``replylint lint`` over macro libraries."""

    include: list[str] = Field(
        default_factory=lambda: ["*.txt", "*.md", "*.markdown", "*.yml", "*.yaml", "*.json", "*.csv", "*.html"]
    )
    exclude: list[str] = Field(default_factory=lambda: [".git", "node_modules", ".venv", "venv"])
    title_field: str = "title"
    body_field: str = "body"
    customer_field: str = "customer"
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict)
    baseline: str | None = None


class Config(_Section):
    """A validated configuration. Build it with :func:`load_config` or directly in Python."""

    model: str | None = Field(default=None, description="spaCy pipeline package to load")
    fail_on: Severity = Field(default=Severity.WARNING, description="lowest severity that fails a check")
    select: list[str] | None = Field(default=None, description="only these rules (default: rules on by default)")
    extend_select: list[str] = Field(default_factory=list, description="add rules that are off by default")
    ignore: list[str] = Field(default_factory=list, description="rules to switch off")
    severity: dict[str, Severity] = Field(default_factory=dict, description="severity per rule id")
    channel: Channel | None = Field(default=None, description="email / chat / social: changes rule defaults")
    packs: list[str] = Field(default_factory=list, description="extra rule-pack folders or files (YAML)")
    max_chars: int = Field(
        default=200_000, gt=0, le=10_000_000, description="longest draft or customer text accepted (at most 10,000,000)"
    )
    judgement: Literal["learned", "rules"] = Field(
        default="learned",
        description=(
            "learned: the shipped models (replylint/trained/) weigh the analyzers' signals into calibrated "
            "probabilities (asks, answered, complaint); rules: the hand-written analyzers decide alone"
        ),
    )
    min_precision: float = Field(
        default=0.8,
        ge=0.0,
        le=1.0,
        description=(
            "a rule whose warning/error findings were right less often than this on labelled real replies "
            "(its measured precision, see `replylint rules`) reports them as 'possibly' findings at info; "
            "0 reports every finding at its rule's severity"
        ),
    )
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description="options per rule id")
    score: ScoreConfig = Field(default_factory=ScoreConfig)
    lint: LintConfig = Field(default_factory=LintConfig)
    #: Where the project file was found (not a key of the file).
    source: str | None = Field(default=None, exclude=True)

    def merged(self, overrides: dict[str, Any]) -> Config:
        """A new Config with ``overrides`` (a partial config mapping) merged in key by key."""
        base = self.model_dump(by_alias=True, exclude_unset=True, exclude={"source"})
        data = deep_merge(base, normalise_keys(overrides))
        try:
            cfg = Config.model_validate(data)
        except ValidationError as exc:
            raise _config_error(exc, None, "") from None
        return cfg.model_copy(update={"source": self.source})


def normalise_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Accept snake_case and kebab-case for the section keys we own (not rule ids or options)."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        k = key.replace("_", "-") if isinstance(key, str) else key
        if k in ("score", "lint") and isinstance(value, dict):
            value = {str(kk).replace("_", "-"): vv for kk, vv in value.items()}
        out[k] = value
    return out


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from ``start`` (a file or folder) upward."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for directory in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _has_tool_section(candidate):
                    continue
                return candidate
    return None


def _has_tool_section(path: Path) -> bool:
    try:
        return "replylint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


def _key_line(text: str, loc: list[str | int]) -> int | None:
    """Best-effort line of a dotted key in a TOML file (tomllib keeps no positions)."""
    keys = [str(p) for p in loc if isinstance(p, str)]
    if not keys:
        return None
    lines = text.splitlines()
    last = re.escape(keys[-1])
    key_re = re.compile(rf'^\s*(?:"{last}"|{last}|[\w.\-"]*\.{last})\s*=')
    table_re = re.compile(rf"^\s*\[[^\]]*{last}\"?\s*\]")
    for i, line in enumerate(lines, 1):
        if key_re.match(line) or table_re.match(line):
            return i
    return None


def key_line(source: str | None, loc: list[str | int]) -> int | None:
    """The line of a dotted key in the configuration file ``source`` (None when unknown)."""
    if not source:
        return None
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return _key_line(text, loc)


def _config_error(exc: ValidationError, path: Path | None, text: str, prefix: tuple[str, ...] = ()) -> ConfigError:
    err = exc.errors()[0]
    loc = [*prefix, *[p for p in err["loc"] if isinstance(p, (str, int))]]
    key = ".".join(str(p) for p in loc)
    if err["type"] == "extra_forbidden":
        message = "unknown key"
    else:
        shown = repr(err.get("input"))
        message = err["msg"] + ("" if err["type"] == "missing" else f" (got {shown[:60]})")
    return ConfigError(message, file=path, key=key or None, line=_key_line(text, loc) if text else None)


def parse_config_file(path: Path) -> Config:
    """Read and validate one configuration file."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError("not UTF-8 text", file=path) from None
    except OSError as exc:
        raise ConfigError(f"cannot read file: {exc.strerror}", file=path) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        line = int(m.group(1)) if m else None
        key = None
        if line is not None and 0 < line <= len(text.splitlines()):
            km = re.match(r'\s*("?[\w.\-]+"?)\s*=', text.splitlines()[line - 1])
            key = km.group(1).strip('"') if km else None
        raise ConfigError(f"invalid TOML: {exc}", file=path, key=key, line=line) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("replylint", {})
        prefix = ("tool", "replylint")
    if not isinstance(data, dict):
        raise ConfigError("expected a table", file=path, key=".".join(prefix) or None)
    try:
        cfg = Config.model_validate(normalise_keys(data))
    except ValidationError as exc:
        raise _config_error(exc, path, text, prefix) from None
    # Pack folders are relative to the configuration file.
    packs = [str((path.parent / p).resolve()) if not Path(p).is_absolute() else p for p in cfg.packs]
    return cfg.model_copy(update={"source": str(path), "packs": packs})


def load_config(
    config_file: str | Path | None = None,
    *,
    start: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
) -> Config:
    """Defaults < ``config_file`` (or the file discovered from ``start`` upward) < ``overrides``."""
    if config_file is not None:
        path = Path(config_file)
        if not path.is_file():
            raise ConfigError("configuration file not found", file=path)
        cfg = parse_config_file(path)
    else:
        found = find_config(Path(start) if start is not None else Path.cwd())
        cfg = parse_config_file(found) if found else Config()
    if overrides:
        cfg = cfg.merged(overrides)
    return cfg
