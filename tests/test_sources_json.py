"""JSON readers: Zendesk macros export, Help Scout saved replies, generic lists; offsets through
JSON escapes map back to the raw file."""

from __future__ import annotations

import json

import pytest
from test_sources_helpers import assert_points_at

from replylint.errors import InputError
from replylint.sources import FieldNames, parse_source
from replylint.sources.jsonfile import decode_string

ZENDESK = {
    "macros": [
        {
            "url": "https://acme.zendesk.com/api/v2/macros/360012345678.json",
            "id": 360012345678,
            "title": "Billing::Duplicate charge",
            "active": True,
            "updated_at": "2024-02-01T10:00:00Z",
            "created_at": "2023-02-01T10:00:00Z",
            "default": False,
            "position": 1,
            "description": None,
            "actions": [
                {"field": "status", "value": "pending"},
                {
                    "field": "comment_value",
                    "value": 'Hi {{ticket.requester.first_name}},\n\nSorry about the "double" charge.',
                },
                {
                    "field": "comment_value_html",
                    "value": '<p>Hi {{ticket.requester.first_name}},</p>\n<p>Sorry about the "double" charge — '
                    "the café order was billed twice. I've refunded €12.50 😀 today; it shows in 5 business days.</p>",
                },
            ],
            "restriction": None,
            "raw_title": "Billing::Duplicate charge",
        },
        {
            "id": 360012345679,
            "title": "Legacy::Plain only",
            "active": False,
            "actions": [{"field": "comment_value", "value": ["channel:all", "Thanks for waiting,\tall sorted now."]}],
        },
        {"id": 360012345680, "title": "Tag only", "actions": [{"field": "set_tags", "value": "vip"}]},
    ],
    "next_page": None,
    "previous_page": None,
    "count": 3,
}


@pytest.mark.parametrize("ascii_only", [True, False], ids=["escaped-unicode", "raw-unicode"])
def test_zendesk_export_prefers_html_comment_and_maps_offsets(ascii_only: bool) -> None:
    raw = json.dumps(ZENDESK, indent=2, ensure_ascii=ascii_only)
    src = parse_source("macros.json", raw)
    assert src.format == "zendesk"
    assert [m.title for m in src.macros] == ["Billing::Duplicate charge", "Legacy::Plain only"]
    first = src.macros[0]
    assert first.body.startswith("<p>Hi {{ticket.requester.first_name}},</p>\n<p>")
    # Text after \n, \" and \u escapes still lands on the right characters of the file.
    assert_points_at(src, first, "charge", raw="charge")
    assert_points_at(src, first, "refunded", raw="refunded")
    assert_points_at(src, first, "5 business days")
    cafe = "café" if not ascii_only else "caf\\u00e9"
    assert_points_at(src, first, "café", raw=cafe)
    # The emoji is a surrogate pair when escaped: it maps to the first \ud83d.
    emoji_raw = "😀" if not ascii_only else "\\ud83d\\ude00"
    assert_points_at(src, first, "😀", raw=emoji_raw)
    # Old exports give [channel, text]: the text is taken.
    assert src.macros[1].body == "Thanks for waiting,\tall sorted now."
    assert_points_at(src, src.macros[1], "all sorted", raw="all sorted")


def test_single_macro_export() -> None:
    raw = json.dumps({"macro": ZENDESK["macros"][0]}, indent=1)
    src = parse_source("one.json", raw)
    assert src.format == "zendesk" and len(src.macros) == 1


def test_help_scout_saved_replies_list_and_embedded() -> None:
    replies = [
        {
            "id": 11,
            "name": "Shipping delay",
            "text": "<p>Sorry for the wait, your parcel ships Monday.</p>",
            "preview": "Sorry for",
        },
        {
            "id": 12,
            "name": "Reset link",
            "text": "<p>I've sent a new link to {%customer.email%}.</p>",
            "preview": "I've sent",
        },
    ]
    for payload in (replies, {"_embedded": {"replies": replies}, "page": {"size": 50, "totalElements": 2}}):
        raw = json.dumps(payload, indent=2)
        src = parse_source("saved-replies.json", raw)
        assert src.format == "helpscout"
        assert [m.title for m in src.macros] == ["Shipping delay", "Reset link"]
        assert_points_at(src, src.macros[0], "ships Monday")


def test_generic_list_with_configured_fields_and_scenario() -> None:
    raw = json.dumps(
        [
            {
                "name": "Out of stock",
                "reply": "We're out of the blue kettle until May. I can hold one for you.",
                "situation": "Is the blue kettle back in stock?",
                "channel": "chat",
                "replylint": {"ignore": ["greeting"]},
            }
        ],
        indent=2,
    )
    src = parse_source("macros.json", raw, FieldNames(title="name", body="reply", customer="situation"))
    (m,) = src.macros
    assert (m.title, m.customer, m.channel, m.ignore) == (
        "Out of stock",
        "Is the blue kettle back in stock?",
        "chat",
        ("greeting",),
    )
    assert_points_at(src, m, "I can hold")


def test_generic_object_with_one_list() -> None:
    raw = '{"version": 2, "responses": [{"title": "Hi", "body": "Thanks \\"so\\" much, it\'s fixed."}]}'
    src = parse_source("x.json", raw)
    assert src.macros[0].body == 'Thanks "so" much, it\'s fixed.'
    assert_points_at(src, src.macros[0], "much", raw="much")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ('{"macros": [ {"title": "x", }', "invalid JSON"),
        ('{"settings": {"theme": "dark"}}', "not a macro file"),
        ('[{"title": "x", "notes": "no body here"}]', "no 'body' field"),
        ('[{"title": "x", "body": 42}]', "not text"),
        ('[{"title": "x", "body": "Hi", "channel": "fax"}]', "channel must be one of"),
    ],
)
def test_broken_json_files_are_input_errors(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_source("broken.json", raw)


def test_invalid_json_error_names_line_and_column() -> None:
    raw = '{\n  "macros": [\n    {"title": "x",}\n  ]\n}'
    with pytest.raises(InputError, match=r"broken\.json:3:19: invalid JSON"):
        parse_source("broken.json", raw)


def test_decode_string_matches_json_loads() -> None:
    value = 'Tab\there "quoted" \\ back \u00e9 \U0001f600 / end'
    raw = json.dumps({"k": value})
    start = raw.index('"', raw.index(":"))
    decoded, offsets = decode_string(raw, start)
    assert decoded == value
    assert raw[offsets(decoded.index("end")) :].startswith("end")
    assert raw[offsets(len(decoded))] == '"'
