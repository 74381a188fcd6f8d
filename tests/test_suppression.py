"""Inline suppression directives: every comment form, scopes, and the generic API."""

from __future__ import annotations

import pytest

from replylint.suppression import Suppressions, parse_directives


def _at(text: str, word: str) -> int:
    return text.index(word)


def test_no_directives_allows_everything() -> None:
    sup = parse_directives("Hi Sam, your parcel ships today.")
    assert not sup
    assert sup.allows("jargon", 0)
    assert Suppressions().allows("anything", 10)


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- replylint: disable=jargon -->",
        "{% comment %} replylint: disable=jargon {% endcomment %}",
        "{%- comment -%}replylint: disable=jargon{%- endcomment -%}",
        "{# replylint: disable=jargon #}",
        "# replylint: disable=jargon",
        "// replylint: disable=jargon",
    ],
)
def test_disable_in_every_comment_form_until_enable(comment: str) -> None:
    text = (
        f"Hi Sam,\n{comment}\nWe escalated it to T2 per the SLA.\n<!-- replylint: enable=jargon -->\nThe RMA is open.\n"
    )
    sup = parse_directives(text)
    assert sup.allows("jargon", _at(text, "Hi Sam"))  # before the directive
    assert not sup.allows("jargon", _at(text, "SLA"))
    assert sup.allows("placeholder", _at(text, "SLA"))  # other rules still run
    assert sup.allows("jargon", _at(text, "RMA"))  # after enable
    # The directive's comment is blanked (same length) so its words are not checked.
    blanked = sup.blank(text)
    assert len(blanked) == len(text)
    assert "replylint" not in blanked and "disable" not in blanked
    assert blanked.count("\n") == text.count("\n")
    assert blanked.splitlines()[1].strip() == ""  # the whole comment, markers included


def test_disable_without_rules_means_all_and_enable_one() -> None:
    text = "<!-- replylint: disable -->\nTBD: per SLA.\n<!-- replylint: enable=placeholder -->\nTODO later per SLA."
    sup = parse_directives(text)
    assert not sup.allows("jargon", _at(text, "TBD"))
    assert not sup.allows("placeholder", _at(text, "TBD"))
    assert sup.allows("placeholder", _at(text, "TODO"))
    assert not sup.allows("jargon", _at(text, "TODO"))


def test_disable_next_line_skips_blank_lines_and_covers_one_line() -> None:
    text = (
        "Hi Sam,\n"
        "{% comment %} replylint: disable-next-line=jargon,Placeholder {% endcomment %}\n"
        "\n"
        "Your RMA for [ORDER NUMBER] is open.\n"
        "The RMA label follows.\n"
    )
    sup = parse_directives(text)
    assert not sup.allows("jargon", _at(text, "RMA for"))
    assert not sup.allows("placeholder", _at(text, "[ORDER"))  # rule ids are case-insensitive
    assert sup.allows("jargon", _at(text, "RMA label"))
    assert sup.allows("greeting", _at(text, "RMA for"))


def test_disable_line_covers_its_own_line_only() -> None:
    text = "Per the SLA we reply fast. <!-- replylint: disable-line=jargon -->\nThe SLA is 24 hours.\n"
    sup = parse_directives(text)
    assert not sup.allows("jargon", _at(text, "SLA"))
    assert sup.allows("jargon", text.index("SLA", 10))


def test_multiline_html_comment_next_line_counts_from_its_end() -> None:
    text = "<!--\n  replylint: disable-next-line=jargon\n  reason: product name\n-->\nTry FastTrack SLA.\nSLA again.\n"
    sup = parse_directives(text)
    assert not sup.allows("jargon", _at(text, "FastTrack"))
    assert sup.allows("jargon", _at(text, "SLA again"))


def test_directives_inside_prose_are_exact() -> None:
    # "replylint" without a directive, and a misspelt action, change nothing.
    text = "We use replylint: it checks drafts. replylint: disabled=jargon\nSLA"
    sup = parse_directives(text)
    assert sup.allows("jargon", _at(text, "SLA"))


def test_all_keyword_and_offsets_before_directive() -> None:
    text = "SLA first.\n# replylint: disable=all\nSLA second."
    sup = parse_directives(text)
    assert sup.allows("jargon", 0)
    assert not sup.allows("jargon", text.rindex("SLA"))
    assert not sup.allows("whatever-rule", text.rindex("SLA"))
