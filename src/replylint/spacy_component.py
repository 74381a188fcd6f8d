"""``nlp.add_pipe("replylint")``: replylint as a spaCy pipeline component.

Registered through spaCy's ``spacy_factories`` entry point, so any pipeline finds it once
replylint is installed::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("replylint", config={"config": {"fail-on": "error"}})
    doc = nlp("Hi Sam, your refund was issued today.")
    doc._.replylint            # the Report, as Checker.check(doc.text) returns it

    doc = nlp.make_doc(draft)                  # with the customer message it answers:
    doc._.replylint_customer = customer
    doc = nlp(doc)

The doc's text is the draft. The component checks it with its own :class:`~replylint.Checker`
(built on first use, shared by the component's calls, thread-safe), which parses the text as
replylint does (normalised, its own components), so the report is exactly the library's.

spaCy imports this module whenever it creates a pipeline (to find entry-point factories), so it
imports nothing heavy.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

if TYPE_CHECKING:
    from replylint.checker import Checker

REPORT_ATTR = "replylint"
CUSTOMER_ATTR = "replylint_customer"


def _register_extensions() -> None:
    for attr in (REPORT_ATTR, CUSTOMER_ATTR):
        if not Doc.has_extension(attr):
            Doc.set_extension(attr, default=None)


class ReplylintComponent:
    """Sets ``doc._.replylint`` to the Report of ``doc.text`` (against ``doc._.replylint_customer``)."""

    def __init__(self, name: str, settings: dict[str, Any]) -> None:
        from replylint.config import Config

        self.name = name
        self.config = Config().merged(settings) if settings else Config()  # validated now, not at first call
        self._checker: Checker | None = None
        self._lock = threading.Lock()
        _register_extensions()

    @property
    def checker(self) -> Checker:
        with self._lock:
            if self._checker is None:
                from replylint.checker import Checker

                self._checker = Checker(self.config)
            return self._checker

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(REPORT_ATTR, self.checker.check(doc.text, doc._.get(CUSTOMER_ATTR)))
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 16) -> Iterator[Doc]:
        """Batches through ``Checker.check_many`` (one parsing pass per batch)."""
        docs = iter(stream)
        while batch := list(islice(docs, max(1, batch_size))):
            reports = self.checker.check_many([(d.text, d._.get(CUSTOMER_ATTR)) for d in batch])
            for doc, report in zip(batch, reports, strict=True):
                doc._.set(REPORT_ATTR, report)
                yield doc


@Language.factory(
    "replylint",
    default_config={"config": {}},
    assigns=[f"doc._.{REPORT_ATTR}"],
    requires=[],
)
def make_replylint(nlp: Language, name: str, config: dict[str, Any]) -> ReplylintComponent:
    """The factory: ``config`` holds replylint configuration keys, as in ``replylint.toml``."""
    return ReplylintComponent(name, dict(config))


__all__ = ["CUSTOMER_ATTR", "REPORT_ATTR", "ReplylintComponent", "make_replylint"]
