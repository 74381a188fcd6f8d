"""Input handling: file decoding (textio), the size limit (``max-chars``) end to end, and the
CLI's exit code 2 with a clear message for input it refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from replylint import textio
from replylint.cli import EXIT_ERROR, main
from replylint.config import Config
from replylint.errors import InputError, ReplylintError
from replylint.normalize import check_text
from replylint.textio import decode, read_text

DRAFT = (
    "Hi Dana,\n\nI'm sorry your order is late. I checked with the courier and the parcel will be "
    "delivered on Thursday. If it hasn't arrived by Friday, reply here and I'll refund you.\n\nBest,\nSam\n"
)
CUSTOMER = "Hi, my order #48213 still hasn't arrived. When will it be delivered? Thanks, Dana"


# -- textio.decode -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (DRAFT.encode("utf-8"), DRAFT),
        (b"\xef\xbb\xbf" + DRAFT.encode("utf-8"), DRAFT),
        (DRAFT.encode("utf-16"), DRAFT),  # with BOM, native order
        (b"\xff\xfe" + DRAFT.encode("utf-16-le"), DRAFT),
        (b"\xfe\xff" + DRAFT.encode("utf-16-be"), DRAFT),
        ("Grüße, Zoë — ça va? 😀 مرحبا".encode(), "Grüße, Zoë — ça va? 😀 مرحبا"),
        (b"", ""),
    ],
)
def test_decode_accepts_utf8_and_utf16_with_bom(data: bytes, expected: str) -> None:
    assert decode(data, "reply.txt") == expected


def test_decode_refuses_latin1_naming_file_and_offset() -> None:
    data = "Merci, à bientôt".encode("latin-1")
    with pytest.raises(InputError) as info:
        decode(data, "macros/fr.txt")
    msg = str(info.value)
    assert "macros/fr.txt" in msg
    assert "0xe0" in msg and "offset 7" in msg
    assert "UTF-8" in msg


def test_decode_refuses_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    with pytest.raises(InputError) as info:
        decode(png, "logo.png")
    assert "logo.png" in str(info.value)
    assert "binary" in str(info.value)


def test_decode_refuses_utf16_without_bom_as_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode("Hello there".encode("utf-16-le"), "export.txt")


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", b"\xff\xfe\x00\xd8a\x00"])
def test_decode_refuses_broken_utf16(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "broken.txt")
    assert "broken.txt" in str(info.value)


def test_decode_truncated_utf8_sequence() -> None:
    data = "Thanks 😀".encode()[:-2]
    with pytest.raises(InputError) as info:
        decode(data, "cut.txt")
    assert "cut.txt" in str(info.value)


# -- textio.read_text ----------------------------------------------------------------------------


def test_read_text_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "missing.txt")


def test_read_text_reports_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="folder"):
        read_text(tmp_path)


def test_read_text_refuses_huge_file_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    monkeypatch.setattr(textio, "MAX_FILE_BYTES", 1000)
    with pytest.raises(InputError) as info:
        read_text(path)
    assert "big.txt" in str(info.value) and "limit" in str(info.value)


def test_read_text_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    class FakeStdin:
        buffer = io.BytesIO(b"\xef\xbb\xbfHello from stdin")

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert read_text("-") == "Hello from stdin"


# -- size limit and other refusals: Python API --------------------------------------------------


def test_check_text_limit_message() -> None:
    with pytest.raises(InputError) as info:
        check_text("x" * 201, what="draft", max_chars=200)
    msg = str(info.value)
    assert "draft" in msg and "201" in msg and "200" in msg and "max-chars" in msg


def test_check_text_refuses_non_str_and_nul() -> None:
    with pytest.raises(InputError):
        check_text(b"bytes", what="draft", max_chars=100)
    with pytest.raises(InputError, match="NUL"):
        check_text("Hello\x00world", what="draft", max_chars=100)


def test_checker_refuses_oversized_draft_and_customer(checker) -> None:  # type: ignore[no-untyped-def]
    limit = checker.config.max_chars
    assert limit == 200_000
    big = ("Thanks for your patience while we look into it. " * 5000)[: limit + 1]
    with pytest.raises(InputError, match="max-chars"):
        checker.check(big)
    with pytest.raises(InputError, match="customer message"):
        checker.check(DRAFT, big)
    with pytest.raises(InputError, match="customer message"):
        checker.session(big)
    with pytest.raises(InputError):
        checker.check_many([(DRAFT, CUSTOMER), big])


def test_text_exactly_at_limit_is_checked() -> None:
    from replylint.checker import Checker

    small = Checker(Config(max_chars=len(DRAFT)))
    report = small.check(DRAFT)
    assert 0 <= report.score <= 100
    with pytest.raises(InputError):
        small.check(DRAFT + "!")


@pytest.mark.parametrize("draft", ["", "   ", "\n\n\t "])
def test_empty_draft_refused(checker, draft: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="empty"):
        checker.check(draft, CUSTOMER)


def test_wrong_types_are_input_errors(checker) -> None:  # type: ignore[no-untyped-def]
    for bad in (None, 42, b"bytes"):
        with pytest.raises(ReplylintError):
            checker.check(bad)  # type: ignore[arg-type]
    with pytest.raises(ReplylintError):
        checker.check(DRAFT, 42)  # type: ignore[arg-type]
    with pytest.raises(ReplylintError):
        checker.check_many([42])  # type: ignore[list-item]


# -- the CLI: exit code 2 and a message naming the problem --------------------------------------


def test_cli_oversized_draft_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "replylint.toml").write_text("max-chars = 500\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT * 4, encoding="utf-8")
    code = main(["check", str(draft)])
    err = capsys.readouterr().err
    assert code == EXIT_ERROR
    assert "over the limit of 500" in err and "max-chars" in err


def test_cli_max_chars_raised_in_config_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "replylint.toml").write_text("max-chars = 5000\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT * 4, encoding="utf-8")
    code = main(["check", str(draft)])
    assert code in (0, 1)
    assert "error:" not in capsys.readouterr().err


def test_cli_binary_draft_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "screenshot.png"
    draft.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    assert main(["check", str(draft)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "screenshot.png" in err and "binary" in err


def test_cli_misencoded_customer_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    customer = tmp_path / "customer.txt"
    customer.write_bytes("Où est ma commande ?".encode("cp1252"))
    assert main(["check", str(draft), "--customer", str(customer)]) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "customer.txt" in err and "UTF-8" in err


def test_cli_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "nope.txt")]) == EXIT_ERROR
    assert "nope.txt" in capsys.readouterr().err


def test_cli_empty_draft_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "empty.txt"
    draft.write_text("  \n", encoding="utf-8")
    assert main(["check", str(draft)]) == EXIT_ERROR
    assert "empty" in capsys.readouterr().err


def test_cli_oversized_subprocess_exit_code(tmp_path: Path) -> None:
    """The real process exit status, not just ``main``'s return value."""
    (tmp_path / "replylint.toml").write_text("max-chars = 100\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "replylint.cli", "check", str(draft)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    assert "over the limit of 100" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
