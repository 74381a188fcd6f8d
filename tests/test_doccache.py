"""The linear-time helpers give exactly what the quadratic originals gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from replylint.analysis.doccache import doc_text, noun_chunks_in
from replylint.analysis.speech_acts import ActFact, _dedupe


def _naive_dedupe(facts: list[ActFact]) -> list[ActFact]:
    out: list[ActFact] = []
    for f in sorted(facts, key=lambda f: (f.start, -(f.end - f.start))):
        if any(o.start <= f.start and f.end <= o.end for o in out):
            continue
        out.append(f)
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=30))
def test_dedupe_matches_the_quadratic_definition(pairs: list[tuple[int, int]]) -> None:
    facts = [ActFact("X", s, s + n, "") for s, n in pairs]
    assert _dedupe(facts) == _naive_dedupe(facts)


def test_noun_chunks_in_matches_span_noun_chunks(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(
        "My new phone arrived with a cracked screen. The delivery driver left the parcel in the rain. "
        "Could your support team send a replacement handset and a prepaid return label?"
    )
    for sent in doc.sents:
        assert [c.text for c in noun_chunks_in(sent)] == [c.text for c in sent.noun_chunks]
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
