"""The two documented error types. Anything else escaping the public API is a bug."""

from __future__ import annotations

from pathlib import Path


class ReplylintError(Exception):
    """Base class of replylint's documented errors."""


class ConfigError(ReplylintError):
    """A configuration or rule-pack file is malformed. Names the file, the key and the line."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        key: str | None = None,
        line: int | None = None,
    ) -> None:
        self.file = str(file) if file is not None else None
        self.key = key
        self.line = line
        self.detail = message
        where = self.file or "<config>"
        if line is not None:
            where += f":{line}"
        prefix = f"{where}: " if self.file or line is not None else ""
        key_part = f"key '{key}': " if key else ""
        super().__init__(f"{prefix}{key_part}{message}")


class InputError(ReplylintError):
    """An input text cannot be checked (too large, binary, undecodable)."""


class ModelError(ReplylintError):
    """No usable spaCy pipeline could be loaded."""
