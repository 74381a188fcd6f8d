"""Reading input files: UTF-8 (with or without BOM) or UTF-16 with BOM; binary and mis-encoded
files are refused with an error that names the file and the byte."""

from __future__ import annotations

import sys
from pathlib import Path

from replylint.errors import InputError

#: Files larger than this are refused before being read into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: not valid UTF-16 text (byte {exc.start})") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); save it as UTF-8"
        ) from None


def read_text(path: str | Path) -> str:
    """Read a text file (``-`` is standard input)."""
    name = str(path)
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(f"{name}: file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit")
        if p.is_dir():
            raise InputError(f"{name}: is a folder, not a file")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from None
    return decode(data, name)
