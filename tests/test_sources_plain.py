"""Plain-text, HTML and Markdown macros: front matter, titles, offsets, dispatch."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_sources_helpers import assert_points_at

from replylint.errors import InputError
from replylint.sources import format_of, parse_source, read_source

MARKDOWN = """\
---
title: Refund approved
tags: [billing, refund]
channel: email
scenario: I was charged twice for order 4411, can I get my money back?
replylint: {ignore: [greeting, closing]}
---
Hi {{ticket.requester.first_name}},

Good news: I've refunded the second charge. It shows on your card in 5 business days.

Best,
{{current_user.first_name}}
"""


def test_markdown_front_matter() -> None:
    src = parse_source("refund.md", MARKDOWN)
    (m,) = src.macros
    assert src.format == "markdown"
    assert m.title == "Refund approved"
    assert m.tags == ("billing", "refund")
    assert m.channel == "email"
    assert m.customer == "I was charged twice for order 4411, can I get my money back?"
    assert m.ignore == ("greeting", "closing")
    assert m.body.startswith("Hi {{ticket")
    assert assert_points_at(src, m, "5 business days") == (10, 70)


def test_title_from_heading_then_file_name() -> None:
    assert parse_source("a.md", "# Where is my order?\n\nIt ships today.\n").macros[0].title == "Where is my order?"
    assert parse_source("macros/late-parcel.txt", "It ships today.\n").macros[0].title == "late-parcel"


def test_plain_text_and_html_are_verbatim() -> None:
    html = "<p>Hi {{ticket.requester.first_name}},</p>\r\n<p>Your parcel ships today.</p>\r\n"
    src = parse_source("reply.html", html)
    assert src.macros[0].body == html
    assert_points_at(src, src.macros[0], "ships today")


def test_empty_file_has_no_macros() -> None:
    assert parse_source("empty.md", "---\ntitle: Nothing\n---\n\n").macros == ()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("---\ntitle: x\nbody never closed\n", "never closed"),
        ("---\ntitle: [x\n---\nHi\n", "front matter is not valid YAML"),
        ("---\n- a list\n---\nHi\n", "must be a YAML mapping"),
        ("---\nchannel: fax\n---\nHi\n", "channel must be one of"),
    ],
)
def test_broken_front_matter(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_source("m.md", raw)


def test_dispatch_by_extension_and_unknown_type(tmp_path: Path) -> None:
    assert format_of("a.MD") == "markdown" and format_of("b.yaml") == "yaml" and format_of("c.docx") is None
    with pytest.raises(InputError, match=r"unknown file type '\.docx'"):
        parse_source("c.docx", "text")


def test_read_source_refuses_binary_and_latin1(tmp_path: Path) -> None:
    binary = tmp_path / "logo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    latin = tmp_path / "old.md"
    latin.write_bytes("Merci, votre colis arrive bientôt.".encode("latin-1"))
    with pytest.raises(InputError, match="binary"):
        read_source(binary)
    with pytest.raises(InputError, match="not UTF-8"):
        read_source(latin)
    bom = tmp_path / "bom.md"
    bom.write_bytes("\ufeffYour parcel ships today.".encode())
    src = read_source(bom)
    assert src.macros[0].body == "Your parcel ships today."
