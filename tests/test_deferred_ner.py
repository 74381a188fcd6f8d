"""Drafts are parsed without NER; the Checker runs NER afterwards only on drafts that answer
customer questions. This guard compares every report with a Checker that runs NER on every draft."""

from __future__ import annotations

import pytest

from replylint.checker import Checker
from replylint.config import Config
from replylint.rules import all_rules

from conftest import load_corpus

PAIRS = [
    ("Your refund of $25 was issued on 14 June and reaches your card by Friday.", "When will I get my refund and how much?"),
    ("The premium plan costs $12 a month. We ship to Canada in 5-7 days.", "How much is premium? Do you ship to Canada?"),
    ("I've booked an engineer for Tuesday between 8am and noon.", "My internet has been down since Monday!!"),
    ("Thanks so much, glad it worked out!", "Thanks, the replacement arrived today."),
    ("Unfortunately we can't refund opened software.", None),
    ("Hi {{ticket.requester.first_name}}, your order ships from our London warehouse tomorrow.", None),
]


@pytest.fixture(scope="module")
def pair_of_checkers() -> tuple[Checker, Checker]:
    config = Config(select=list(all_rules()))
    deferred = Checker(config)
    eager = Checker(config)
    eager.draft_disable = ()  # parse every draft with NER
    eager._deferred_ner = None
    assert deferred.draft_disable == ("ner",)
    return deferred, eager


def _compare(deferred: Checker, eager: Checker, pairs: list[tuple[str, str | None]]) -> None:
    for (draft, customer), a, b in zip(pairs, deferred.check_many(pairs), eager.check_many(pairs), strict=True):
        assert a.model_dump() == b.model_dump(), (draft, customer)


def test_deferred_ner_changes_no_report(pair_of_checkers: tuple[Checker, Checker]) -> None:
    _compare(*pair_of_checkers, PAIRS)


def test_deferred_ner_changes_no_report_on_the_corpus(pair_of_checkers: tuple[Checker, Checker]) -> None:
    rows = [r for name in ("dev.jsonl", "email-dev.jsonl") for r in load_corpus(name)]
    _compare(*pair_of_checkers, [(r["reply"], r["customer"]) for r in rows])


def test_a_rule_that_reads_entities_keeps_ner_on_drafts() -> None:
    from replylint.checker import skipped_components

    class ReadsEntities:
        needs_entities = True

    class Active:
        rule = ReadsEntities()

    draft, customer = skipped_components(["tok2vec", "parser", "ner"], [Active()])  # type: ignore[list-item]
    assert draft == () and customer == ("ner",)
