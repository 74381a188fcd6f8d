"""The anchored matchers (packs.py) find exactly what spaCy's plain Matcher finds."""

from __future__ import annotations

from typing import Any

from spacy.matcher import Matcher

from replylint.packs import AnchoredMatcher, CompiledPacks, PackSet

TEXTS = [
    "Hi Sam, I'm sorry to hear the app is down again. Please contact our billing department or email us at help@example.com.",
    "My card was charged twice!! Can I get a refund? I need to speak to a manager now. Visit https://example.com/help",
    "It's not working, still not fixed after the latest update. I've been waiting for 3 weeks. Reach out to the support team.",
    "We can only offer a refund within 30 days; that item is non-refundable. We'll definitely fix it 100% by tomorrow.",
    "",
    "dm us",
]

PATTERNS: list[tuple[str, list[dict[str, Any]]]] = [
    ("A", [{"LOWER": {"IN": ["can", "could"]}}, {"OP": "?"}, {"LEMMA": {"IN": ["get", "have"]}}]),
    ("A", [{"LOWER": "still"}, {"LOWER": {"IN": ["not", "n't"]}, "OP": "+"}, {"IS_ALPHA": True, "OP": "*"}]),
    ("B", [{"LEMMA": "be"}, {"LOWER": {"IN": ["not", "n't"]}}, {"OP": "{0,2}"}, {"POS": "VERB"}]),
    ("B", [{"LIKE_URL": True}]),
    ("C", [{"TEXT": "100"}, {"TEXT": "%"}]),
    ("C", [{"DEP": "neg"}, {"OP": "?"}]),
    ("D", [{"LOWER": {"NOT_IN": ["i"]}}, {"LOWER": "us"}, {"OP": "!", "LOWER": "at"}]),
]


def test_anchored_matcher_gives_the_same_matches_in_the_same_order(nlp) -> None:  # type: ignore[no-untyped-def]
    plain = Matcher(nlp.vocab)
    anchored = AnchoredMatcher(nlp.vocab)
    for key, pattern in PATTERNS:
        plain.add(key, [pattern])
        anchored.add(key, [pattern])
    found = 0
    for doc in nlp.pipe(TEXTS):
        expected = list(plain(doc))
        assert anchored(doc) == expected
        found += len(expected)
    assert found > 5


def test_compiled_packs_find_what_one_matcher_of_all_token_patterns_finds(nlp) -> None:  # type: ignore[no-untyped-def]
    packset = PackSet.load()
    packs = CompiledPacks(nlp, packset)
    plain = Matcher(nlp.vocab)
    for loaded in packset.packs:
        for label, spec in loaded.pack.matchers.items():
            for pattern in spec.patterns:
                plain.add(label, [pattern])
    found = 0
    for doc in nlp.pipe(TEXTS):
        expected = sorted(plain(doc))
        # (as sets: two patterns of one label may both find a span; ``match`` keeps it once)
        assert sorted(set(packs._token_matches(doc))) == expected
        found += len(expected)
    assert found > 5  # the texts do exercise the patterns


def test_indices_lists_every_offset_of_a_value_in_order() -> None:
    from replylint.packs import _indices

    column = [5, 7, 5, 9, 5]
    assert _indices(column, 5) == [0, 2, 4]
    assert _indices(column, 9) == [3]
    assert _indices(column, 8) == []
    assert _indices([], 5) == []


def test_match_spans_carry_their_label(nlp) -> None:  # type: ignore[no-untyped-def]
    packs = CompiledPacks(nlp, PackSet.load())
    for doc in nlp.pipe(TEXTS):
        for label, spans in packs.match(doc).items():
            assert spans == sorted(spans, key=lambda s: (s.start, s.end))
            assert len({(s.start, s.end) for s in spans}) == len(spans)
            assert all(s.label_ == label for s in spans)
