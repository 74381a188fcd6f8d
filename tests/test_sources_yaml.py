"""YAML reader: every scalar style maps decoded offsets back to the file; comments are found."""

from __future__ import annotations

import pytest
import yaml
from test_sources_helpers import assert_points_at

from replylint.errors import InputError
from replylint.sources import FieldNames, parse_source
from replylint.sources.yamlfile import _block_scalar, _flow_scalar

LIBRARY = """\
# Support macros, maintained by the EU team.
# replylint: disable=greeting
- title: Password reset
  channel: chat
  scenario: I can't log in, the reset email never arrived.
  replylint: {ignore: [length]}
  body: |
    Hi {{ticket.requester.first_name}},

    I've sent a new reset link. It's valid for 24 hours.
    If it doesn't arrive, reply here and I'll reset it for you.

- title: "Refund: approved"
  tags: [billing, refund]
  body: "Hi {{ticket.requester.first_name}},\\n\\nYour refund of \\u20ac20 is on its way \\
    and should show in 5 business days.\\n\\nBest,\\n{{current_user.first_name}}"
- title: Folded
  body: >
    Thanks for your patience while we
    looked into this. The fix ships on Monday.
- title: Plain
  body: Thanks for the photos, we're sending
    a replacement today.
- title: Single
  body: 'We''re sorry, the
    order is late.'
"""


def test_list_of_macros_with_every_scalar_style() -> None:
    src = parse_source("macros.yml", LIBRARY)
    assert src.format == "yaml"
    titles = [m.title for m in src.macros]
    assert titles == ["Password reset", "Refund: approved", "Folded", "Plain", "Single"]
    reset, refund, folded, plain, single = src.macros
    assert (reset.channel, reset.customer, reset.ignore) == (
        "chat",
        "I can't log in, the reset email never arrived.",
        ("length",),
    )
    assert refund.tags == ("billing", "refund")
    assert assert_points_at(src, reset, "valid for 24 hours") == (10, 38)
    assert_points_at(src, reset, "reply here")
    assert_points_at(src, refund, "€20", raw="\\u20ac20")
    assert_points_at(src, refund, "should show")  # after an escaped line break
    assert_points_at(src, refund, "Best,")
    assert_points_at(src, folded, "looked into")
    assert_points_at(src, folded, "Monday")
    assert_points_at(src, plain, "a replacement")
    assert_points_at(src, single, "order is late")
    assert_points_at(src, single, "We're", raw="We''re")


def test_replays_reproduce_pyyaml() -> None:
    """The exact replays (not the alignment fallback) agree with PyYAML for common styles."""
    root = yaml.compose(LIBRARY, Loader=yaml.SafeLoader)
    data = yaml.safe_load(LIBRARY)
    for item, node in zip(data, root.value, strict=True):
        value_node = next(v for k, v in node.value if k.value == "body")
        a, b = value_node.start_mark.index, value_node.end_mark.index
        if value_node.style == "|":
            replay = _block_scalar(LIBRARY, a, b)
        elif value_node.style == ">":
            continue  # folded scalars use the alignment fallback
        else:
            replay = _flow_scalar(LIBRARY, a, b, value_node.style if value_node.style in ("'", '"') else None)
        assert replay is not None and replay[0] == item["body"]
        assert len(replay[1]) == len(item["body"]) + 1


def test_comments_outside_scalars_are_collected() -> None:
    src = parse_source("macros.yml", LIBRARY)
    comments = [src.text[a:b] for a, b in src.comments]
    assert comments == ["# Support macros, maintained by the EU team.", "# replylint: disable=greeting"]


def test_mapping_with_macros_key_and_custom_fields() -> None:
    raw = "version: 3\nmacros:\n  - name: Hours\n    text: We're open 9 to 5, Monday to Friday.\n"
    src = parse_source("m.yaml", raw, FieldNames(title="name", body="text"))
    assert [m.title for m in src.macros] == ["Hours"]
    assert_points_at(src, src.macros[0], "Monday")


def test_single_macro_mapping_and_crlf_line_endings() -> None:
    raw = "title: Hours\r\nbody: |\r\n  We're open 9 to 5.\r\n  Call us any time.\r\n"
    src = parse_source("m.yaml", raw)
    (m,) = src.macros
    assert m.body == "We're open 9 to 5.\nCall us any time.\n"
    assert_points_at(src, m, "Call us")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("- title: x\n  body: [unclosed\n", "invalid YAML"),
        ("settings:\n  theme: dark\n", "not a macro file"),
        ("- title: x\n  notes: no body\n", "no 'body' field"),
        ("- just a string\n", "not a mapping"),
        ("- title: x\n  body: hi\n  replylint: {skip: [jargon]}\n", "unknown key"),
        ("- title: x\n  body: hi\n  !!python/object:os.system {}: 1\n", "invalid YAML"),
    ],
)
def test_broken_yaml_files_are_input_errors(raw: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_source("broken.yml", raw)


def test_invalid_yaml_error_names_the_line() -> None:
    with pytest.raises(InputError, match=r"broken\.yml:3:13: invalid YAML: mapping values are not allowed"):
        parse_source("broken.yml", "- title: ok\n  body: fine\n  title: dup: x\n- title: b\n")
