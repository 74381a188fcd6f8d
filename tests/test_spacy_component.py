"""``nlp.add_pipe("replylint")``: the spaCy component registered through ``spacy_factories``."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy

from replylint import Checker, Config, ConfigError, Report

CUSTOMER = "Hi, my parcel is late. When will it be delivered?"
DRAFT = "Hi Sam, I'm sorry it's late. It will be delivered on Friday, 14 June."


def test_registered_through_spacy_entry_points() -> None:
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    assert names.get("replylint") == "replylint.spacy_component:make_replylint"
    # a fresh process that never imports replylint: spaCy finds the factory by its entry point
    code = (
        "import sys, spacy; nlp = spacy.blank('en'); nlp.add_pipe('replylint'); "
        "print(nlp.pipe_names, 'replylint.spacy_component' in sys.modules, 'replylint.checker' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # the Checker (and its model) is built on the first doc, not when the pipeline is assembled
    assert done.stdout.split() == ["['replylint']", "True", "False"]


def test_component_sets_the_report() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("replylint")
    doc = nlp(DRAFT)
    assert isinstance(doc._.replylint, Report)
    assert doc._.replylint == Checker().check(DRAFT)

    doc = nlp.make_doc(DRAFT)
    doc._.replylint_customer = CUSTOMER
    doc = nlp(doc)
    assert doc._.replylint == Checker().check(DRAFT, CUSTOMER)
    assert doc._.replylint.questions


def test_component_config_and_pipe() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("replylint", config={"config": {"select": ["jargon"], "fail-on": "error"}})
    docs = list(nlp.pipe(["Per our SLA the L2 team has it.", "Thanks, it's done."], batch_size=1))
    assert [[c.rule for c in d._.replylint.checks] for d in docs] == [["jargon"], ["jargon"]]
    assert docs[0]._.replylint.findings and docs[0]._.replylint.fail_on.value == "error"


def test_bad_component_config_is_a_config_error() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(ConfigError, match="fail-on"):
        nlp.add_pipe("replylint", config={"config": {"fail-on": "sometimes"}})


def test_config_is_validated_like_a_file() -> None:
    assert Config().merged({"select": ["jargon"]}).select == ["jargon"]
