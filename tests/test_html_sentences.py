"""HTML and menu paths (issue 13, item 6): block tags end sentences, so findings quote one
sentence without raw tags; "Settings > Billing > Update Card" is one sentence."""

from __future__ import annotations

import pytest

from replylint import Checker


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


def _sentences(checker: Checker, draft: str) -> list[str]:
    return [s.text.strip() for s in checker._parse_draft(draft).sents if s.text.strip()]


@pytest.mark.parametrize(
    "html",
    [
        "<p>Hi Sam</p><p>we cannot refund the order</p><p>Per our policy we do not do that</p>",
        "Hi Sam<br>we cannot refund the order<br/>Per our policy we do not do that",
        "<ul><li>Hi Sam</li><li>we cannot refund the order</li><li>Per our policy we do not do that</li></ul>",
    ],
)
def test_block_tags_end_sentences(checker: Checker, html: str) -> None:
    assert _sentences(checker, html) == ["Hi Sam", "we cannot refund the order", "Per our policy we do not do that"]
    quoted = [f.text for f in checker.check(html).findings]
    assert quoted and not any("<" in text or ">" in text for text in quoted), quoted


@pytest.mark.parametrize(
    "draft",
    [
        "Go to Profile > Privacy > Delete Account, then click Save.",
        "Please open Settings > Billing > Update Card and download the PDF.",
        "<p>Go to Settings &gt; Billing &gt; Payment Methods &gt; Edit where you will see all of them.</p>",
    ],
)
def test_a_menu_path_does_not_split_a_sentence(checker: Checker, draft: str) -> None:
    assert len(_sentences(checker, draft)) == 1, _sentences(checker, draft)


def test_a_plain_greater_than_still_parses(checker: Checker) -> None:
    assert len(_sentences(checker, "Orders > 50 ship free. Smaller ones cost 3 euros.")) == 2
