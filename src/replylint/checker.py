"""The engine: normalize -> parse -> analyze -> rules -> report.

A :class:`Checker` compiles everything once (pipeline, rule packs, analyzers, rule options) and
is then safe to share between threads: ``check`` creates all per-call state locally.
"""

from __future__ import annotations

import bisect
import dataclasses
import os
import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from replylint.analysis.answers import ENTITY_ANSWER_TYPES
from replylint.analysis.channel import infer_channel
from replylint.config import Config, key_line
from replylint.context import Context, Toolkit
from replylint.errors import ConfigError, InputError
from replylint.models import (
    Answer,
    CheckResult,
    Finding,
    Question,
    Report,
    Severity,
    Span,
    Status,
)
from replylint.normalize import BLOCK_BREAK, PIECE_CHARS, OffsetMap, bounded_pieces, check_text, normalize_with_map
from replylint.packs import CompiledPacks, PackSet
from replylint.pipeline import load_pipeline
from replylint.rules import all_rules
from replylint.rules.base import Hit, Outcome, Rule, RuleOptions
from replylint.suppression import parse_directives

if TYPE_CHECKING:
    from replylint.analysis.questions import QuestionFact


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    options: RuleOptions
    severity: Severity


@dataclass(frozen=True)
class Pair:
    """One item of a batch: a draft, optionally with its customer message and per-item settings."""

    draft: str
    customer: str | None = None
    channel: str | None = None
    macro: bool = False


_OFFSETS = "replylint.offsets"


def _prepare_draft(draft: str) -> tuple[str, OffsetMap]:
    """What spaCy parses for a draft (directive comments blanked, then normalized; same length)
    and the map of its offsets back to the draft."""
    return normalize_with_map(parse_directives(draft).blank(draft))


def _prepare_customer(text: str) -> tuple[str, OffsetMap]:
    """What spaCy parses for a customer message (normalized, quoted mail and signatures blanked)
    and the map of its offsets back to the message."""
    from replylint.analysis.mail import clean_customer

    cleaned, offsets = normalize_with_map(text)
    return clean_customer(cleaned), offsets


def _parse(nlp: Any, prepared: list[tuple[str, OffsetMap]], disable: Sequence[str], batch_size: int) -> list[Doc]:
    """Parse cleaned texts, keeping each text's offset map on its doc."""
    if any(len(text) > PIECE_CHARS for text, _ in prepared):
        batch_size = 1  # pieces of up to PIECE_CHARS: one at a time keeps spaCy's activations small
    return list(_parse_stream(nlp, prepared, disable, batch_size))


def _parse_stream(
    nlp: Any, prepared: Iterable[tuple[str, OffsetMap]], disable: Sequence[str], batch_size: int
) -> Iterator[Doc]:
    """Parse cleaned texts in one ``nlp.pipe`` stream, in order. A text longer than
    ``PIECE_CHARS`` is parsed in bounded pieces that end at paragraph or sentence breaks, joined
    back into one doc of the whole text (same offsets)."""
    cuts: deque[tuple[OffsetMap, list[tuple[int, int]]]] = deque()

    def pieces() -> Iterator[str | Doc]:
        for text, offsets in prepared:
            spans = bounded_pieces(text)
            cuts.append((offsets, spans))
            for a, b in spans:
                yield _with_sentence_hints(nlp, text[a:b])

    parsed = nlp.pipe(pieces(), batch_size=batch_size, disable=disable)
    for doc in parsed:
        offsets, spans = cuts.popleft()  # nlp.pipe reads its input ahead of what it yields
        if len(spans) > 1:
            parts = [doc, *(next(parsed) for _ in spans[1:])]
            for part in parts:  # the tok2vec output (96 floats a token) is not kept: no rule reads it
                part.tensor = part.tensor[:0]
            doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]
        doc.user_data[_OFFSETS] = offsets
        yield doc


_MENU_PATH = re.compile(r"\S[ \t]*>[ \t]*[A-Z0-9]")


def _with_sentence_hints(nlp: Any, text: str) -> str | Doc:
    """``text``, or its tokens with sentence boundaries the parser must respect: a sentence starts
    after an HTML block tag (``BLOCK_BREAK``), and never inside a menu path ("Settings > Billing
    > Invoices"). spaCy's parser keeps boundaries set before it runs."""
    if BLOCK_BREAK[1] not in text and not _MENU_PATH.search(text):
        return text
    doc: Doc = nlp.make_doc(text)
    words_before = False
    for tok in doc:
        if tok.i and tok.text == ">" and not doc[tok.i - 1].is_space:
            for nxt in doc[tok.i : tok.i + 3]:  # ">", the spaces an entity left, the next item
                nxt.is_sent_start = False
                if not (nxt.is_space or nxt.text == ">"):
                    break
        elif words_before and not tok.is_space and BLOCK_BREAK[1] in doc[tok.i - 1].text_with_ws:
            tok.is_sent_start = True
        words_before = words_before or not tok.is_space
    return doc


def _recognize_entities(ner: Any, doc: Doc) -> None:
    """Run ``ner`` on ``doc``; a long doc in the pieces it was parsed in (NER over a whole 1 MB
    draft at once took 3.4 GB), its entities set back on the whole doc."""
    if len(doc.text) <= PIECE_CHARS:
        ner(doc)
        return
    ents: list[SpacySpan] = []
    # Span.as_doc converts the whole doc to an array on every call (quadratic in the pieces): the
    # array is made once and handed to it. as_doc edits the rows of its own span in place, so a
    # piece that overlaps the rows of the one before it gets a fresh array (as as_doc would make).
    head: Any = doc._get_array_attrs()
    array = doc.to_array(head)
    done = 0
    for a, b in bounded_pieces(doc.text):
        piece = doc.char_span(a, b, alignment_mode="expand")
        if piece is None or not len(piece):
            continue
        if piece.start < done:
            array = doc.to_array(head)
        done = max(done, piece.end)
        for ent in ner(piece.as_doc(array_head=head, array=array)).ents:  # type: ignore[call-arg]
            if not ents or ents[-1].end <= piece.start + ent.start:
                ents.append(SpacySpan(doc, piece.start + ent.start, piece.start + ent.end, label=ent.label_))
    doc.ents = ents


def _offsets(doc: Doc | None) -> OffsetMap:
    """The offset map stored on a doc by ``_parse`` (identity when there is none)."""
    found = doc.user_data.get(_OFFSETS) if doc is not None else None
    return found if isinstance(found, OffsetMap) else OffsetMap()


def line_col(text: str, offset: int, line_starts: Sequence[int] | None = None) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    starts = line_starts if line_starts is not None else _line_starts(text)
    idx = bisect.bisect_right(starts, offset) - 1
    return idx + 1, offset - starts[idx] + 1


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def resolve_rules(config: Config, registry: dict[str, type[Rule]]) -> list[ActiveRule]:
    """Which rules run, with validated options and severities. Errors name the key."""
    where = config.source
    for key, ids in (
        ("select", config.select or []),
        ("extend-select", config.extend_select),
        ("ignore", config.ignore),
    ):
        for rid in ids:
            if rid not in registry:
                raise ConfigError(
                    f"unknown rule '{rid}' (see `replylint rules`)", file=where, key=key, line=key_line(where, [key])
                )
    for rid in [*config.severity, *config.rules]:
        if rid not in registry:
            section = "severity" if rid in config.severity else "rules"
            raise ConfigError(
                f"unknown rule '{rid}' (see `replylint rules`)",
                file=where,
                key=f"{section}.{rid}",
                line=key_line(where, [section, rid]),
            )
    if config.select is not None:
        chosen = list(config.select)
    else:
        chosen = [rid for rid, cls in registry.items() if cls.default_enabled]
    chosen += [rid for rid in config.extend_select if rid not in chosen]
    chosen = [rid for rid in chosen if rid not in config.ignore]
    active: list[ActiveRule] = []
    for rid in sorted(set(chosen)):
        cls = registry[rid]
        raw = {str(k).replace("-", "_"): v for k, v in config.rules.get(rid, {}).items()}
        if config.channel is not None and "channel" in cls.Options.model_fields and "channel" not in raw:
            raw["channel"] = config.channel
        try:
            options = cls.Options.model_validate(raw)
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p).replace("_", "-") for p in err["loc"])
            msg = "unknown option" if err["type"] == "extra_forbidden" else f"{err['msg']} (got {err.get('input')!r})"
            line = key_line(where, ["rules", rid, *[str(p).replace("_", "-") for p in err["loc"]]])
            raise ConfigError(msg, file=where, key=f"rules.{rid}.{loc}", line=line) from None
        active.append(ActiveRule(cls(), options, config.severity.get(rid, cls.default_severity)))
    return active


def build_toolkit(config: Config) -> Toolkit:
    from replylint.analysis.answers import AnswerMatcher, AnswerOptions
    from replylint.analysis.questions import QuestionExtractor
    from replylint.analysis.speech_acts import SpeechActAnalyzer

    nlp = load_pipeline(config.model)
    packset = PackSet.load(Path(p) for p in config.packs)
    packs = CompiledPacks(nlp, packset)
    answer_raw = {str(k).replace("-", "_"): v for k, v in config.rules.get("question-answered", {}).items()}
    answer_fields = AnswerOptions.model_fields
    answer_options = AnswerOptions.model_validate(
        {k: v for k, v in answer_raw.items() if k in answer_fields and v is not None}
    )
    similarity = None
    if answer_raw.get("backend") == "semantic":  # optional extra: replylint[semantic]
        from replylint.analysis.semantic import EmbeddingSimilarity

        try:
            similarity = EmbeddingSimilarity()
        except ConfigError as exc:
            raise ConfigError(exc.detail, file=config.source, key=exc.key) from None
    questions = QuestionExtractor(nlp.vocab, data=packs.data, tokenizer=nlp.tokenizer)
    answers = AnswerMatcher(nlp.vocab, answer_options, similarity=similarity, data=packs.data, tokenizer=nlp.tokenizer)
    decisions = None
    if config.judgement == "learned":
        from replylint.learn.decide import Decisions

        decisions = Decisions.load(questions, answers)
    return Toolkit(
        nlp=nlp,
        packs=packs,
        questions=questions,
        answers=answers,
        speech=SpeechActAnalyzer(nlp, packs),
        decisions=decisions,
    )


#: Components no analyzer reads on a customer message. Entities are read on the draft only (answer
#: types in analysis/answers/verdicts.py, timed outcomes in analysis/speech_acts/timing.py), and NER costs about as
#: much as the rest of the small English pipeline. tests/test_properties.py checks that skipping it
#: on customer messages changes no report; drop it from this tuple if an analyzer starts reading
#: entities of the customer message.
CUSTOMER_SKIPPED_COMPONENTS = ("ner",)


def skipped_components(
    pipe_names: Sequence[str], rules: Sequence[ActiveRule]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pipeline components to skip for drafts and for customer messages.

    NER is skipped on drafts when no enabled rule declares ``needs_entities = True``; the Checker
    then runs it on a draft only when the customer asked something (see ``_report``).
    """
    names = set(pipe_names)
    needs_entities = any(getattr(a.rule, "needs_entities", True) for a in rules)
    draft = () if needs_entities or "ner" not in names else ("ner",)
    customer = tuple(n for n in CUSTOMER_SKIPPED_COMPONENTS if n in names)
    return draft, customer


class Checker:
    """Checks drafts. Construct once (loads and compiles), then call from any thread."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.rules = resolve_rules(self.config, all_rules())
        self.toolkit = build_toolkit(self.config)
        #: Pipeline components skipped when parsing drafts / customer messages (read-only).
        self.draft_disable, self.customer_disable = skipped_components(self.toolkit.nlp.pipe_names, self.rules)
        #: NER skipped while parsing drafts and run afterwards only on drafts that answer questions.
        self._deferred_ner = self.toolkit.nlp.get_pipe("ner") if "ner" in self.draft_disable else None

    # -- public API -------------------------------------------------------------------------
    def check(
        self,
        draft: str,
        customer: str | None = None,
        *,
        channel: str | None = None,
        macro: bool = False,
    ) -> Report:
        """Check one draft, optionally against the customer message it answers."""
        return self.check_many([Pair(draft, customer, channel, macro)])[0]

    def check_many(
        self, pairs: Iterable[Pair | tuple[str, str | None] | str], batch_size: int = 16, n_process: int = 1
    ) -> list[Report]:
        """Check many drafts with one ``nlp.pipe`` pass; reports come back in input order.

        ``batch_size`` 16 parses as fast as larger batches on the small English pipeline while
        keeping peak memory low (spaCy's activations grow with the batch: about +160 MB at 64).
        ``n_process`` > 1 checks chunks of ``4 * batch_size`` pairs in that many worker processes
        (-1: one per CPU; forked on Linux, so they share the loaded model): the same reports, in
        the same order. Worth it from a few hundred pairs; call it from the main thread.
        """
        return list(self.iter_check(pairs, batch_size=batch_size, n_process=n_process))

    def iter_check(
        self, pairs: Iterable[Pair | tuple[str, str | None] | str], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[Report]:
        items = [self._as_pair(p) for p in pairs]
        if n_process != 1:
            yield from self._iter_parallel(items, max(1, batch_size), n_process)
            return
        nlp = self.toolkit.nlp
        size = max(1, batch_size)
        # One batch at a time: memory stays bounded by one batch of Docs whatever the input size.
        for lo in range(0, len(items), size):
            chunk = items[lo : lo + size]
            prepared_drafts = [_prepare_draft(i.draft) for i in chunk]
            asked = [k for k, i in enumerate(chunk) if i.customer is not None and i.customer.strip()]
            prepared = [_prepare_customer(chunk[k].customer or "") for k in asked]
            if self.draft_disable == self.customer_disable:
                # one nlp.pipe call for drafts and customer messages: fewer, fuller batches
                # (a single check parses its two texts as one batch, ~2 ms less than two calls)
                docs = _parse(nlp, prepared_drafts + prepared, self.draft_disable, size)
                drafts, customer_docs = docs[: len(chunk)], docs[len(chunk) :]
            else:
                drafts = _parse(nlp, prepared_drafts, self.draft_disable, size)
                customer_docs = _parse(nlp, prepared, self.customer_disable, size)
            customers = dict(zip(asked, customer_docs, strict=True))
            for k, (item, draft_doc) in enumerate(zip(chunk, drafts, strict=True)):
                yield self._report(item, draft_doc, customers.get(k))

    def _iter_parallel(self, items: list[Pair], batch_size: int, n_process: int) -> Iterator[Report]:
        """``iter_check`` over ``n_process`` worker processes, each checking whole chunks (parse
        and rules: parsing alone in workers left the rules on one core and gained nothing)."""
        from concurrent.futures import ProcessPoolExecutor

        workers = (os.cpu_count() or 1) if n_process < 0 else n_process
        size = batch_size * 4
        chunks = [items[lo : lo + size] for lo in range(0, len(items), size)]
        if workers <= 1 or len(chunks) <= 1:
            yield from self.iter_check(items, batch_size=batch_size)
            return
        key = self.config.model_dump_json(by_alias=True, exclude={"source"})
        context = pool_context()
        if context.get_start_method() == "fork":
            _WORKER_CHECKERS[key] = self  # inherited by the forked workers: no model load there
        try:
            with ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context) as pool:
                for reports in pool.map(_check_in_worker, [key] * len(chunks), chunks, [batch_size] * len(chunks)):
                    yield from reports
        finally:
            _WORKER_CHECKERS.pop(key, None)  # the parent keeps no reference to this Checker

    def session(self, customer: str | None) -> Session:
        """A check session for one customer message: it is parsed once, drafts many times."""
        return Session(self, customer)

    # -- internals ----------------------------------------------------------------------------
    def _as_pair(self, p: Pair | tuple[str, str | None] | str) -> Pair:
        if isinstance(p, str):
            p = Pair(p)
        elif isinstance(p, tuple):
            p = Pair(*p)
        elif not isinstance(p, Pair):
            raise InputError(f"expected a Pair, a (draft, customer) tuple or a str, got {type(p).__name__}")
        limit = self.config.max_chars
        check_text(p.draft, what="draft", max_chars=limit)
        if not p.draft.strip():
            raise InputError("draft is empty: there is nothing to check")
        if p.customer is not None:
            check_text(p.customer, what="customer message", max_chars=limit)
        return p

    def _parse_customer(self, text: str) -> Doc:
        """One customer message parsed as ``check`` parses it (cleaned, same components)."""
        return _parse(self.toolkit.nlp, [_prepare_customer(text)], self.customer_disable, 1)[0]

    def _parse_draft(self, text: str) -> Doc:
        """One draft parsed as ``check`` parses it, before ``_add_entities``."""
        return _parse(self.toolkit.nlp, [_prepare_draft(text)], self.draft_disable, 1)[0]

    def _add_entities(self, draft_doc: Doc, questions: Sequence[QuestionFact]) -> None:
        """Run the deferred NER on a draft when a question's verdict depends on entities.

        Some answer types read entities of the draft (DATE for "when", MONEY for "how much"); NER
        is about half of the parse, so it runs only when such a question was asked. It has its
        own embedding layer in the English pipelines, so it runs on the parsed doc.
        """
        if self._deferred_ner is not None and any(q.answer_type in ENTITY_ANSWER_TYPES for q in questions):
            _recognize_entities(self._deferred_ner, draft_doc)

    def _report(self, item: Pair, draft_doc: Doc, customer_doc: Doc | None) -> Report:
        ctx = Context(
            toolkit=self.toolkit,
            draft=item.draft,
            draft_doc=draft_doc,
            customer=item.customer,
            customer_doc=customer_doc,
            channel=item.channel or self.config.channel,
            macro=item.macro,
        )
        if ctx.channel is None:
            ctx.inferred_channel = infer_channel(item.draft, item.customer)
        if ctx.has_customer:
            self._add_entities(draft_doc, ctx.questions)
        starts = _line_starts(item.draft)
        suppressions = parse_directives(item.draft)
        dmap = _offsets(draft_doc)
        checks: list[CheckResult] = []
        findings: list[Finding] = []
        outcomes: list[tuple[ActiveRule, Outcome]] = []
        for active in self.rules:
            rule = active.rule
            if rule.needs_customer and not ctx.has_customer:
                outcome = Outcome.not_applicable("no customer message to check against")
            else:
                outcome = rule.check(ctx, active.options)
            if (
                outcome.status is Status.FAILED
                and rule.precision is not None
                and rule.precision < self.config.min_precision
            ):
                outcome = _possibly(outcome, rule.precision)
            if suppressions and outcome.hits:

                def allowed(hit: Hit, rid: str = rule.id) -> bool:
                    return suppressions.allows(rid, hit.start)

                outcome = _keep_hits(outcome, allowed, "findings suppressed by an inline replylint: comment")
            outcomes.append((active, outcome))
        for active, outcome in _one_finding_per_problem(outcomes, draft_doc):
            rule = active.rule
            checks.append(
                CheckResult(
                    rule=rule.id,
                    status=outcome.status,
                    severity=active.severity,
                    message=outcome.message,
                    evidence=[
                        Span(
                            start=dmap.start(e.start),
                            end=max(dmap.start(e.start), dmap.end(e.end)),
                            text=item.draft[dmap.start(e.start) : dmap.end(e.end)],
                            label=e.label,
                        )
                        for e in outcome.evidence
                    ],
                )
            )
            for hit in outcome.hits:
                start = max(0, min(dmap.start(hit.start), len(item.draft)))
                end = max(start, min(dmap.end(hit.end), len(item.draft)))
                line, col = line_col(item.draft, start, starts)
                findings.append(
                    Finding(
                        rule=rule.id,
                        severity=active.severity if hit.severity is None else min(hit.severity, active.severity),
                        message=hit.message,
                        start=start,
                        end=end,
                        line=line,
                        column=col,
                        text=item.draft[start:end],
                        suggestion=hit.suggestion,
                    )
                )
        findings.sort(key=lambda f: (f.start, f.end, f.rule))
        questions = self._questions(ctx, dmap, _offsets(customer_doc)) if ctx.has_customer else []
        fail_on = self.config.fail_on
        ok = not any(f.severity >= fail_on for f in findings)
        return Report(
            ok=ok,
            fail_on=fail_on,
            score=self._score(checks),
            questions=questions,
            checks=checks,
            findings=findings,
            channel=ctx.channel or ctx.inferred_channel,
            channel_source="configured" if ctx.channel else "inferred",
        )

    @staticmethod
    def _questions(ctx: Context, dmap: OffsetMap, cmap: OffsetMap) -> list[Question]:
        out: list[Question] = []
        customer = ctx.customer or ""
        for fact in ctx.answers:
            q = fact.question
            answered_by = None
            if fact.answered and fact.start is not None and fact.end is not None:
                a_start, a_end = dmap.start(fact.start), dmap.end(fact.end)
                answered_by = Answer(start=a_start, end=a_end, text=ctx.draft[a_start:a_end])
            q_start, q_end = cmap.start(q.start), cmap.end(q.end)
            out.append(
                Question(
                    text=q.text if cmap.identity else customer[q_start:q_end],
                    start=q_start,
                    end=q_end,
                    kind=q.kind,
                    answer_type=q.answer_type,
                    confidence=max(0.0, min(1.0, q.confidence)),
                    answered=fact.answered,
                    answered_by=answered_by,
                    score=max(0.0, min(1.0, fact.score)),
                    reason=fact.reason,
                    answered_probability=fact.probability,
                    drivers=list(fact.drivers),
                )
            )
        return out

    def _score(self, checks: list[CheckResult]) -> int:
        weights = self.config.score
        penalty = 0.0
        for c in checks:
            if c.status is Status.FAILED:
                penalty += weights.rules.get(c.rule, getattr(weights, c.severity.value))
        return max(0, min(100, round(100 - penalty)))


class Session:
    """Checks successive drafts against one customer message, parsing the message only once."""

    def __init__(self, checker: Checker, customer: str | None) -> None:
        self._checker = checker
        self.customer = customer
        self._customer_doc: Doc | None = None
        if customer is not None and customer.strip():
            check_text(customer, what="customer message", max_chars=checker.config.max_chars)
            self._customer_doc = checker._parse_customer(customer)

    def check(self, draft: str, *, channel: str | None = None, macro: bool = False) -> Report:
        item = self._checker._as_pair(Pair(draft, self.customer, channel, macro))
        return self._checker._report(item, self._checker._parse_draft(item.draft), self._customer_doc)


def _possibly(outcome: Outcome, precision: float) -> Outcome:
    """A failed outcome of a rule whose findings are right less often than ``min-precision``: its
    hits at the rule's severity become "possibly" findings at info (certain and explicitly graded
    hits keep theirs); the check passes when no hit is left at the rule's severity."""
    note = f"possibly (findings of this rule were right {precision:.0%} of the time on labelled replies)"
    hits = tuple(
        h
        if h.certain or h.severity is not None
        else dataclasses.replace(h, message=f"possibly: {h.message}", severity=Severity.INFO)
        for h in outcome.hits
    )
    if any(h.severity is None for h in hits):
        return Outcome(outcome.status, hits, outcome.evidence, outcome.message)
    message = f"{outcome.message}: {note}" if outcome.message else note
    return Outcome(Status.PASSED, hits, outcome.evidence, message)


def _keep_hits(outcome: Outcome, keep: Callable[[Hit], bool], message: str) -> Outcome:
    """``outcome`` with only the hits ``keep`` accepts; passed (with ``message``) when none is left."""
    kept = tuple(h for h in outcome.hits if keep(h))
    if not kept:
        return Outcome.passed(message=message)
    if len(kept) < len(outcome.hits):
        return Outcome(outcome.status, kept, outcome.evidence, outcome.message)
    return outcome


def _one_finding_per_problem(outcomes: list[tuple[ActiveRule, Outcome]], doc: Doc) -> list[tuple[ActiveRule, Outcome]]:
    """Drop the hits a more specific rule reports (``Rule.yields_to``): one problem, one finding."""
    hits = {active.rule.id: outcome.hits for active, outcome in outcomes}
    if not any(active.rule.yields_to and outcome.hits for active, outcome in outcomes):
        return outcomes
    starts = [s.start_char for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def sentence(offset: int) -> int:
        return bisect.bisect_right(starts, offset) - 1

    out: list[tuple[ActiveRule, Outcome]] = []
    for active, outcome in outcomes:
        yields_to = active.rule.yields_to

        def free(hit: Hit, yields_to: tuple[tuple[str, str], ...] = yields_to) -> bool:
            return not any(
                (hit.start < other.end and other.start < hit.end)
                if scope == "span"
                else sentence(hit.start) == sentence(other.start)
                for rid, scope in yields_to
                for other in hits.get(rid, ())
            )

        if yields_to and outcome.hits:
            message = f"reported by {' / '.join(rid for rid, _ in yields_to)} (one problem, one finding)"
            outcome = _keep_hits(outcome, free, message)
        out.append((active, outcome))
    return out


#: The Checker of each configuration in a worker process of ``check_many(..., n_process=N)``.
_WORKER_CHECKERS: dict[str, Checker] = {}


def _check_in_worker(config_json: str, pairs: list[Pair], batch_size: int) -> list[Report]:
    checker = _WORKER_CHECKERS.get(config_json)
    if checker is None:  # a spawned worker (not Linux): build it once
        checker = _WORKER_CHECKERS[config_json] = Checker(Config.model_validate_json(config_json))
    return checker.check_many(pairs, batch_size=batch_size)


def pool_context() -> Any:
    """``fork`` on Linux (workers inherit the parent's loaded pipeline and compiled Checker, so
    they start at once), ``spawn`` elsewhere (each worker loads its own)."""
    import multiprocessing
    import sys

    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def options_schema(rule: type[Rule]) -> dict[str, Any]:
    """JSON schema of a rule's options (for documentation)."""
    return rule.Options.model_json_schema()
