"""CSV reader: Freshdesk canned responses and generic CSV, with offsets through quoting."""

from __future__ import annotations

import csv
import io

import pytest
from test_sources_helpers import assert_points_at

from replylint.errors import InputError
from replylint.sources import FieldNames, parse_source
from replylint.sources.csvfile import parse


def _freshdesk_export() -> str:
    """Written the way a spreadsheet / Python's csv module writes it: CRLF, quotes doubled."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["Title", "Folder", "Visibility", "Message HTML", "Message Text"])
    w.writerow(
        [
            "Damaged item, replacement sent",
            "Orders",
            "All agents",
            '<p>Hi {{ticket.requester.name}},</p>\n<p>I\'m sorry the "Classic" mug arrived broken. A replacement ships today.</p>',
            'Hi {{ticket.requester.name}},\nI\'m sorry the "Classic" mug arrived broken. A replacement ships today.',
        ]
    )
    w.writerow(
        ["Opening hours", "General", "Myself", "<p>We're open 9am-5pm, Monday to Friday.</p>", "We're open 9am-5pm."]
    )
    return buf.getvalue()


def test_freshdesk_export_reads_html_message_with_offsets() -> None:
    raw = _freshdesk_export()
    assert "\r\n" in raw and '""Classic""' in raw
    src = parse_source("canned_responses.csv", raw)
    assert src.format == "freshdesk"
    assert [m.title for m in src.macros] == ["Damaged item, replacement sent", "Opening hours"]
    damaged = src.macros[0]
    assert damaged.body.startswith("<p>Hi {{ticket.requester.name}},</p>\n<p>")
    assert_points_at(src, damaged, '"Classic"', raw='""Classic""')
    assert assert_points_at(src, damaged, "A replacement ships") == (3, 50)
    assert_points_at(src, src.macros[1], "Monday to Friday")


def test_generic_csv_with_configured_columns_semicolons_and_metadata() -> None:
    raw = (
        "Name;Reply;Situation;Channel;Tags;replylint\n"
        'Late parcel;"Sorry it\'s late; it left our warehouse on Monday.";Where is my parcel?;email;shipping,delay;greeting\n'
        "Empty;;;;;\n"
        "Thanks;Thanks for the kind words!;;chat;;\n"
    )
    src = parse_source("macros.csv", raw, FieldNames(title="name", body="reply", customer="situation"))
    assert src.format == "csv"
    late, thanks = src.macros
    assert (late.title, late.customer, late.channel, late.tags, late.ignore) == (
        "Late parcel",
        "Where is my parcel?",
        "email",
        ("shipping", "delay"),
        ("greeting",),
    )
    assert late.body == "Sorry it's late; it left our warehouse on Monday."
    assert_points_at(src, late, "warehouse")
    assert_points_at(src, thanks, "kind words")


def test_tsv_and_default_column_names() -> None:
    raw = "title\tcontent\nHours\tWe're open until 6pm today.\n"
    src = parse_source("macros.tsv", raw)
    assert src.macros[0].body == "We're open until 6pm today."
    assert_points_at(src, src.macros[0], "6pm")


def test_parser_agrees_with_the_csv_module() -> None:
    raw = _freshdesk_export()
    ours = [[cell[0] for cell in row] for row in parse(raw, ",", "x.csv")]
    theirs = list(csv.reader(io.StringIO(raw, newline="")))
    assert ours == theirs


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Title,Folder\nHello,General\n", "no body column"),
        ('title,body\nHi,"never closed\n', "quoted cell is never closed"),
        ("title,body,channel\nHi,Hello there,carrier pigeon\n", "channel must be one of"),
    ],
)
def test_broken_csv_files_are_input_errors(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_source("broken.csv", raw)
