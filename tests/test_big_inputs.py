"""Big inputs (issue 13, item 7): a text longer than spaCy's own limit (``nlp.max_length``) is
checked, parsed in bounded pieces with its offsets kept; ``max-chars`` goes up to 10,000,000.
Timings and memory are measured by ``benchmarks/speed.py --big``, never asserted here."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import load_benchmark

from replylint import Checker, Config, ConfigError
from replylint.config import load_config
from replylint.normalize import PIECE_CHARS, bounded_pieces

PARAGRAPH = (
    "Hi Dana,\n\nI'm sorry your order is late. I checked with the courier and the parcel is out for "
    "delivery today; I'll email you the tracking link this afternoon.\n\n"
)


def _long_draft(n_chars: int) -> str:
    body = PARAGRAPH * (n_chars // len(PARAGRAPH) + 1)
    return body + "One more thing: per our SLA the refund reaches your card in 5 days.\n"


def test_bounded_pieces_cover_the_text_at_breaks() -> None:
    text = _long_draft(3 * PIECE_CHARS)
    pieces = bounded_pieces(text)
    assert len(pieces) > 3
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= PIECE_CHARS for a, b in pieces)
    assert all(text[b - 2 : b] == "\n\n" for _, b in pieces[:-1])  # at paragraph breaks
    assert bounded_pieces("x" * (PIECE_CHARS + 1)) == [(0, PIECE_CHARS), (PIECE_CHARS, PIECE_CHARS + 1)]


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(Config(max_chars=10_000_000, select=["jargon", "next-action", "apology"]))


def test_a_text_over_spacys_limit_is_checked_in_pieces_with_offsets_kept(
    checker: Checker, monkeypatch: pytest.MonkeyPatch
) -> None:
    nlp = checker.toolkit.nlp
    monkeypatch.setattr(nlp, "max_length", 3 * PIECE_CHARS)  # a 1,000,000 limit, scaled down
    seen: list[int] = []
    pipe = nlp.pipe

    def spy(texts: Any, **kwargs: Any) -> Any:
        def record() -> Any:
            for t in texts:
                seen.append(len(t))
                yield t

        return pipe(record(), **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    draft = _long_draft(5 * PIECE_CHARS)
    report = checker.check(draft, "My order is late. When will it arrive?")  # raised spaCy's E088
    assert max(seen) <= PIECE_CHARS < len(draft)
    sla = [f for f in report.findings if f.rule == "jargon" and f.text == "SLA"]
    assert len(sla) == 1 and draft[sla[0].start : sla[0].end] == "SLA"
    assert sla[0].line == draft.count("\n") and sla[0].column == draft.rsplit("\n", 2)[-2].index("SLA") + 1
    assert report.checks[[c.rule for c in report.checks].index("apology")].status.value == "passed"


def test_max_chars_goes_up_to_10_mb(tmp_path: Any) -> None:
    assert Config(max_chars=10_000_000).max_chars == 10_000_000
    config = tmp_path / "replylint.toml"
    config.write_text("max-chars = 10_000_001\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max-chars"):
        load_config(str(config))


def test_library_consistency_reads_texts_over_spacys_limit(checker: Checker, monkeypatch: pytest.MonkeyPatch) -> None:
    from replylint.consistency import ConsistencyChecker

    nlp = checker.toolkit.nlp
    monkeypatch.setattr(nlp, "max_length", 3 * PIECE_CHARS)
    extractor = ConsistencyChecker(nlp)
    conflicts = extractor.conflicts([_long_draft(4 * PIECE_CHARS), "Refunds reach your card in 10 days."])
    assert conflicts, "the 5-day and 10-day refund figures differ"


def test_entities_of_a_long_draft_are_recognized_in_pieces(checker: Checker) -> None:
    """The deferred NER runs piece by piece on a long draft (over a whole 1 MB draft it took
    3.4 GB), with the entities a whole-doc run finds."""
    from replylint.checker import _recognize_entities

    text = "I checked with the courier on Monday, March 3rd: the refund of $25 reaches Paris in 5 days. " * 300
    assert len(text) > 2 * PIECE_CHARS
    ner = checker.toolkit.nlp.get_pipe("ner")
    whole, pieces = checker._parse_draft(text), checker._parse_draft(text)
    ner(whole)
    _recognize_entities(ner, pieces)
    assert [(e.start, e.end, e.label_) for e in pieces.ents] == [(e.start, e.end, e.label_) for e in whole.ents]
    assert len(pieces.ents) >= 4 * 300


def _replylint_lines(run: Any) -> int:
    """How many lines of replylint's own code ``run()`` executes (loop iterations and
    comprehension items included): a count of work that does not depend on the machine."""
    import sys
    from pathlib import Path

    import replylint

    root = str(Path(replylint.__file__).parent)
    count = 0

    def local(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        return local if frame.f_code.co_filename.startswith(root) else None

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(previous)
    return count


def test_work_grows_linearly_with_the_draft() -> None:
    """Every analyzer and rule is linear in the length of the draft: checking a draft 4 times as
    long (against a customer message, every rule selected) runs about 4 times as many lines of
    replylint, not 16. A scan of the whole doc per sentence or per fact (the answer matcher's
    entities and noun chunks, the refusals per next action, the generic offers per sentence) made
    the 1 MB figures of issue 13 quadratic. Counted, not timed."""
    from pathlib import Path

    full = Checker(Config(max_chars=1_000_000))
    customer = (Path(__file__).resolve().parents[1] / "examples" / "pair" / "customer.txt").read_text(encoding="utf-8")
    big_draft = load_benchmark("speed").big_draft  # the example drafts' paragraphs, repeated
    small, large = big_draft(20_000), big_draft(80_000)
    full.check(small, customer)  # warm: caches, lazy imports
    work = {len(d): _replylint_lines(lambda d=d: full.check(d, customer)) for d in (small, large)}
    ratio = work[len(large)] / work[len(small)]
    assert ratio < 4.6, f"4x the draft ran {ratio:.2f}x the lines ({work})"
