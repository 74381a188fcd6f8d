"""normalize keeps every offset valid: the cleaned text has exactly the original's length."""

from __future__ import annotations

import pytest

from replylint.errors import InputError
from replylint.normalize import check_text, find_placeholders, normalize

CASES = [
    "Hi {{ticket.requester.first_name}}, your order [ORDER_ID] ships on %SHIP_DATE%.",
    "<p>Hello&nbsp;there,</p><p>Your refund of &pound;20 is on its way.</p><script>alert(1)</script>",
    "Fish &amp; chips &#8212; &#x2014; &unknownentity; & plain",
    "line one\r\nline two\x07 with a bell and \x1b[31m colour",
    "",
    "😀 emoji and עברית and e\u0301 combining",
    "<div>{{ broken placeholder</div>",
]


@pytest.mark.parametrize("text", CASES)
def test_length_is_preserved(text: str) -> None:
    assert len(normalize(text)) == len(text)


def test_html_tags_and_scripts_are_blanked_but_words_stay_in_place() -> None:
    text = "<p>Your refund</p><script>var x = 'refund';</script><br>is done"
    out = normalize(text)
    assert "script" not in out and "var x" not in out and "<" not in out
    assert out.index("Your refund") == text.index("Your refund")
    assert out.index("is done") == text.index("is done")
    assert out[text.index("</p>")] == "\n"  # block tags separate sentences


def test_entities_are_decoded_in_place() -> None:
    text = "Fish &amp; chips"
    out = normalize(text)
    assert out.startswith("Fish &") and out.index("chips") == text.index("chips")


def test_placeholders_are_masked_with_plain_words() -> None:
    text = "Hi {{ticket.requester.first_name}}, order {{ticket.id}} shipped."
    out = normalize(text)
    assert out.startswith("Hi Sam ")
    assert "{" not in out and "}" not in out
    assert out.index("shipped") == text.index("shipped")


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Hi {{ticket.requester.first_name}},", "liquid", "{{ticket.requester.first_name}}"),
        ("{% if ticket.status == 'open' %}", "liquid-tag", "{% if ticket.status == 'open' %}"),
        ("Dear {first_name},", "brace", "{first_name}"),
        ("Dear [NAME],", "bracket", "[NAME]"),
        ("Order %ORDER% is late", "percent", "%ORDER%"),
        ("See <insert link here> for details", "angle", "<insert link here>"),
        ("TODO: add the refund amount", "marker", "TODO"),
        ("Call XXX-XXXX today", "marker", "XXX"),
        ("Hi {{ticket.requester.first_name}, thanks", "unbalanced", "{{ticket.requester.first_name}, thanks"),
    ],
)
def test_find_placeholders(text: str, kind: str, found: str) -> None:
    phs = find_placeholders(text)
    assert phs, text
    ph = phs[0]
    assert ph.kind == kind
    assert text[ph.start : ph.end] == ph.text == found


@pytest.mark.parametrize(
    "text",
    ["Your order ships today.", "We're open 9am-5pm [UK time]... see [1] and [here](https://x.example)", "100% sure"],
)
def test_no_placeholder_in_plain_text(text: str) -> None:
    assert find_placeholders(text) == []


@pytest.mark.parametrize("text", ["Hi Dana, {\nA} thanks", "Hello [\n CUSTOMER NAME ]!", "{{\n name }} hi"])
def test_a_placeholder_across_lines_keeps_its_line_breaks(text: str) -> None:
    # found by benchmarks/fuzz.py: "{\nA}" was masked as "it  ", losing the line break
    out = normalize(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


def test_check_text_limits() -> None:
    assert check_text("ok", what="draft", max_chars=10) == "ok"
    with pytest.raises(InputError, match="over the limit"):
        check_text("x" * 11, what="draft", max_chars=10)
    with pytest.raises(InputError, match="binary"):
        check_text("a\x00b", what="draft", max_chars=10)
    with pytest.raises(InputError, match="must be text"):
        check_text(b"bytes", what="draft", max_chars=10)  # type: ignore[arg-type]


def test_entity_inside_a_word_keeps_the_word_whole_and_maps_back() -> None:
    from replylint.normalize import normalize_with_map

    text = "We can&#39;t refund it &amp; I&rsquo;m sorry. Fish &amp; chips"
    out, offsets = normalize_with_map(text)
    assert len(out) == len(text)
    assert "can't " in out and "I\u2019m " in out  # spaCy sees the contraction whole
    for word, original in (("can't", "can&#39;t"), ("I\u2019m", "I&rsquo;m"), ("chips", "chips"), ("refund", "refund")):
        i = out.index(word)
        assert text[offsets.start(i) : offsets.end(i + len(word))] == original


def test_html_macro_refusal_is_found_and_points_at_the_original(checker) -> None:  # type: ignore[no-untyped-def]
    draft = "<p>Hi Sam,</p><p>Unfortunately we can&#39;t refund opened items.</p>"
    report = checker.check(draft, "Can I get a refund for the opened headphones?")
    refusal = [f for f in report.findings if f.rule == "bare-refusal"]
    assert refusal, [f.rule for f in report.findings]
    for f in report.findings:
        assert draft[f.start : f.end] == f.text
    assert "can&#39;t" in refusal[0].text
