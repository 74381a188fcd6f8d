"""Out-of-source accuracy floors, and the shipped models against the corpus they were trained on.

The figures are those of ``benchmarks/accuracy.py`` (``replylint.train.evaluate``): grouped,
nested cross-validation by source, so every figure is measured on companies, repositories and
forums the models and thresholds never saw. Floors sit a few points under the measured figures
(one or two cases move a figure by 1-4 points on email). Skipped when the corpus is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from replylint.learn.corpus import CORPUS_FILES, corpus_dir, corpus_sha256
from replylint.learn.datasets import Corpus
from replylint.learn.linear import TRAINED_DIR, LinearModel, load_model

# measured 2026-12-02 (python benchmarks/accuracy.py), tweets / email:
#   extraction F1 0.787 / 0.766; answered accuracy (shipped verdict) 0.751 / 0.667, the model alone
#   0.741 / 0.756; 'unanswered' error (labelled questions) right 0.869 / 1.0 (1 case), caught
#   0.500 / 0.016; question-answered check at error level P 0.905 / 0.667 (3 errors), R 0.380 /
#   0.041; complaint F1 0.870 / 0.819; apology check F1 0.846 / 0.810
FLOORS: dict[str, tuple[float, float]] = {  # figure -> (tweets floor, email floor)
    "extraction_f1": (0.76, 0.74),
    "answered_accuracy": (0.72, 0.64),
    "unanswered_error_precision": (0.78, 0.0),  # on email it fires too rarely to pin a precision
    "check_error_precision": (0.85, 0.0),
    "check_error_recall": (0.33, 0.0),
    "complaint_f1": (0.84, 0.78),
    "apology_check_f1": (0.81, 0.77),
}


@pytest.fixture(scope="module")
def corpus() -> Path:
    folder = corpus_dir()
    if not all((folder / name).is_file() for name in CORPUS_FILES):
        pytest.skip(f"labelled corpus not found at {folder} (set REPLYLINT_CORPUS)")
    return folder


@pytest.fixture(scope="module")
def data(corpus: Path) -> tuple[Any, Corpus]:
    pytest.importorskip("sklearn", reason="training needs scikit-learn (the dev extra)")
    from replylint.learn.datasets import build
    from replylint.train import training_checker

    checker = training_checker()
    return checker, build(checker, corpus)


@pytest.fixture(scope="module")
def figures(data: tuple[Any, Corpus]) -> dict[str, Any]:
    from replylint.train import evaluate

    return evaluate(data[1], data[0])


def _figure(figures: dict[str, Any], name: str, channel: str) -> float:
    ext, ans, chk, com = figures["extraction"], figures["answered"], figures["question_check"], figures["complaint"]
    value: float = {
        "extraction_f1": lambda: ext["learned_out_of_source"][channel]["f1"],
        "answered_accuracy": lambda: ans[channel]["accuracy"],
        "unanswered_error_precision": lambda: ans[channel]["unanswered_error_precision"],
        "check_error_precision": lambda: chk[channel]["error_level"]["precision"],
        "check_error_recall": lambda: chk[channel]["error_level"]["recall"],
        "complaint_f1": lambda: com[channel]["learned_out_of_source"]["f1"],
        "apology_check_f1": lambda: com[channel]["apology_check_learned"]["f1"],
    }[name]()
    return value


@pytest.mark.parametrize("name", sorted(FLOORS))
@pytest.mark.parametrize("channel", ["tweets", "email"])
def test_out_of_source_floor(figures: dict[str, Any], name: str, channel: str) -> None:
    floor = FLOORS[name][0 if channel == "tweets" else 1]
    value = _figure(figures, name, channel)
    assert value >= floor, f"{name} on {channel}: {value:.3f} under the floor {floor}"


def test_learned_extraction_beats_the_hand_rules_on_email(figures: dict[str, Any]) -> None:
    ext = figures["extraction"]
    assert ext["learned_out_of_source"]["email"]["f1"] > ext["hand_rules"]["email"]["f1"]


def test_the_shipped_answered_verdict_is_no_worse_than_the_hand_rules(figures: dict[str, Any]) -> None:
    """The matcher's verdict stands unless the model is confident, so the shipped verdict is at
    least as accurate as the hand rules (within a point); the model alone is better on email."""
    for channel in ("tweets", "email"):
        a = figures["answered"][channel]
        assert a["accuracy"] >= a["accuracy_hand_rules"] - 0.01, channel
    email = figures["answered"]["email"]
    assert email["accuracy_model_alone"] > email["accuracy_hand_rules"] + 0.05


def test_the_confident_unanswered_error_is_more_precise_than_any_unanswered_verdict(figures: dict[str, Any]) -> None:
    chk = figures["question_check"]["all"]
    assert chk["error_level"]["precision"] > chk["any_level"]["precision"] + 0.1


def test_shipped_models_are_what_training_produces(corpus: Path, data: tuple[Any, Corpus]) -> None:
    """`python -m replylint.train` rebuilds exactly the shipped files from this corpus."""
    from replylint.train import train_all

    digest = corpus_sha256(corpus)
    fresh = train_all(data[1], digest)
    for name, model in fresh.items():
        shipped = load_model(name)
        assert shipped.corpus_sha256 == digest, (
            f"{name}.json was trained on another corpus: run python -m replylint.train"
        )
        assert shipped.thresholds.keys() == model.thresholds.keys(), name
        for key, t in model.thresholds.items():  # thresholds sit on a 0.01-0.025 grid
            assert shipped.thresholds[key] == pytest.approx(t, abs=0.026), (name, key)
        assert shipped.trained_rows == model.trained_rows, name
        assert set(shipped.weights) == set(model.weights), name
        for key, w in model.weights.items():
            assert shipped.weights[key] == pytest.approx(w, abs=1e-4), (name, key)
        assert shipped.intercept == pytest.approx(model.intercept, abs=1e-4)
        assert shipped.platt_a == pytest.approx(model.platt_a, abs=1e-4)


def test_shipped_model_files_are_small_and_valid() -> None:
    files = sorted(TRAINED_DIR.glob("*.json"))
    assert {f.stem for f in files} >= {"asks", "answered", "complaint"}
    assert sum(f.stat().st_size for f in files) < 20 * 1024 * 1024
    for f in files:
        LinearModel.model_validate(json.loads(f.read_text(encoding="utf-8")))
