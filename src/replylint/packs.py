"""Declarative rule packs: YAML files of phrase lists and spaCy patterns, compiled into matchers.

A pack is data a team extends without Python. Every pack file is a mapping:

```yaml
matchers:                       # labelled linguistic shapes, merged across packs by label
  APOLOGY:
    phrases: ["sorry to hear", "we apologize"]      # PhraseMatcher on the lower-cased text
    lemmas: ["apologise for"]                       # PhraseMatcher on lemmas ("apologized for")
    patterns:                                       # spaCy Matcher token patterns
      - [{LEMMA: "apologize"}]
    dependency:                                     # spaCy DependencyMatcher patterns
      - [{RIGHT_ID: "v", RIGHT_ATTRS: {LEMMA: "regret"}}]
data:                           # lists and tables a rule reads (merged: lists extend, maps update)
  acronym_allow: ["FAQ", "PIN"]
```

Labels are global: a team pack that adds phrases to ``APOLOGY`` extends the built-in label.
``CompiledPacks.match(doc)`` runs every matcher once and returns ``{label: [Span, ...]}``.
Nothing in a pack can run code: YAML is loaded with the safe loader, patterns are validated by
spaCy, and the ``REGEX`` operator is refused (no user regular expressions, so no ReDoS).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.attrs import DEP, LEMMA, LIKE_EMAIL, LIKE_NUM, LIKE_URL, LOWER, NORM, ORTH, POS, TAG
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from replylint.errors import ConfigError
from replylint.yamlutil import load_yaml, node_line, raise_validation

_TOKEN_PATTERN = list[dict[str, Any]]

# Token attributes spaCy's Matcher compares by plain equality (a value or an ``IN`` list): a
# pattern token that must match one of them needs a document token with one of those values.
_GATE_ATTRS: dict[str, int] = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "NORM": NORM,
    "LEMMA": LEMMA,
    "TAG": TAG,
    "POS": POS,
    "DEP": DEP,
}
_WORD_ATTRS = frozenset({ORTH, LOWER, NORM, LEMMA})
# Flags rarely true (the Matcher compares a flag as 0/1): ``LIKE_URL: true`` is an anchor too.
_RARE_FLAGS: dict[str, int] = {"LIKE_URL": LIKE_URL, "LIKE_EMAIL": LIKE_EMAIL, "LIKE_NUM": LIKE_NUM}
# Annotations the Matcher refuses to match without (it raises); see ``_AnchorIndex.annotated``.
_ANNOTATIONS = frozenset({"TAG", "POS", "MORPH", "LEMMA", "DEP"})


@dataclass(frozen=True)
class _Anchor:
    """A token a pattern cannot match without: its ``attr`` is one of ``values``, and a match
    holds at most ``before`` tokens before it and ``after`` tokens after it (None: no bound)."""

    attr: int
    values: frozenset[int]
    before: int | None
    after: int | None


def _op_range(spec: Mapping[Any, Any]) -> tuple[int, int | None] | None:
    """(tokens that must match the spec, most tokens it consumes or None) from its ``OP``;
    a negated token ("!") consumes one token but requires no value. None: not understood."""
    ops = [v for k, v in spec.items() if isinstance(k, str) and k.upper() == "OP"]
    if not ops:
        return 1, 1
    op = ops[-1]
    fixed: dict[Any, tuple[int, int | None]] = {"1": (1, 1), "+": (1, None), "?": (0, 1), "*": (0, None), "!": (0, 1)}
    if op in fixed:
        return fixed[op]
    if not (isinstance(op, str) and op.startswith("{") and op.endswith("}")):
        return None
    low, _, high = op[1:-1].partition(",") if "," in op else (op[1:-1], "", op[1:-1])
    if not (low.isdecimal() or not low) or not (high.isdecimal() or not high):
        return None
    return int(low or 0), int(high) if high else None


def _spec_values(spec: Mapping[Any, Any]) -> list[tuple[int, frozenset[int]]]:
    """(attribute, allowed values) for each plain value or ``IN`` list of a gate attribute."""
    out: list[tuple[int, frozenset[int]]] = []
    for key, value in spec.items():
        if not isinstance(key, str):
            continue
        if value is True and key.upper() in _RARE_FLAGS:
            out.append((_RARE_FLAGS[key.upper()], frozenset({1})))
        attr = _GATE_ATTRS.get(key.upper())
        if attr is None:
            continue
        if isinstance(value, str):
            out.append((attr, frozenset({get_string_id(value)})))
        elif isinstance(value, Mapping):
            for op, values in value.items():
                if isinstance(op, str) and op.upper() == "IN" and isinstance(values, list):
                    if all(isinstance(v, str) for v in values):
                        out.append((attr, frozenset(get_string_id(v) for v in values)))
    return out


def _anchors(pattern: list[dict[str, Any]]) -> tuple[_Anchor, ...]:
    """The tokens ``pattern`` cannot match without. Only a token the pattern cannot skip counts,
    and only a plain value or ``IN`` list of an equality attribute or a rare flag set to true;
    anything else (optional or negated tokens, ``NOT_IN``, fuzzy, shape or other flag
    attributes) gives no anchor, so a document without an anchor of the pattern can hold no
    match of it (a necessary condition, never a guess)."""
    ranges = [_op_range(spec) if isinstance(spec, Mapping) else None for spec in pattern]
    if any(r is None for r in ranges):
        return ()
    most = [r[1] for r in ranges if r is not None]

    def reach(parts: list[int | None]) -> int | None:
        return None if any(m is None for m in parts) else sum(m for m in parts if m is not None)

    out: list[_Anchor] = []
    for k, spec in enumerate(pattern):
        low, high = ranges[k] or (0, None)
        if low < 1:
            continue
        before = reach(most[:k])
        after = reach([None if high is None else high - 1, *most[k + 1 :]])
        for attr, values in _spec_values(spec):
            out.append(_Anchor(attr, values, before, after))
    # Words and rare flags are rare and tags are not: a tag anchor ("POS": "VERB", "DEP": "neg")
    # only when there is nothing else (each attribute used costs a column per document).
    rare = tuple(a for a in out if a.attr in _WORD_ATTRS or a.attr in _RARE_FLAGS.values())
    return rare or tuple(out)


def dependency_requirements(pattern: list[dict[str, Any]]) -> tuple[tuple[int, frozenset[int]], ...]:
    """(attribute, values) pairs a document must each have on some token for a
    ``DependencyMatcher`` pattern to match in it: every node of the pattern is matched by a
    token, so a plain value or ``IN`` list of a node's ``RIGHT_ATTRS`` must occur."""
    out: list[tuple[int, frozenset[int]]] = []
    for node in pattern:
        attrs = node.get("RIGHT_ATTRS") if isinstance(node, Mapping) else None
        if isinstance(attrs, Mapping):
            out.extend(_spec_values(attrs))
    return tuple(out)


def occurs(doc: Doc, requirements: tuple[tuple[int, frozenset[int]], ...]) -> bool:
    """Whether ``doc`` has, for each (attribute, values) pair, a token with one of the values."""
    return all(not values.isdisjoint(doc.to_array(attr).tolist()) for attr, values in requirements)


class _AnchorIndex:
    """Token patterns by their anchors: which patterns can match in a document, and where.

    Built once (``add``), then only read (``windows``), so one index serves all threads."""

    def __init__(self) -> None:
        self.anchors: list[tuple[_Anchor, ...]] = []
        self.annotations: set[str] = set()  # TAG/POS/LEMMA/... the patterns read
        self._masks: list[int] = []  # per pattern, one bit per anchor (numbered across patterns)
        # attribute -> value -> the bits of the anchors a token with that value fits
        self._bits: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        self._n_bits = 0
        self._values: dict[int, frozenset[int]] = {}  # attribute -> the values in ``_bits``

    def add(self, pattern: list[dict[str, Any]]) -> int | None:
        """Index ``pattern``; its number, or None when it has no anchor (it can match anywhere)."""
        self.annotations.update(
            k.upper() for spec in pattern for k in spec if isinstance(k, str) and k.upper() in _ANNOTATIONS
        )
        anchors = _anchors(pattern)
        if not anchors:
            return None
        mask = 0
        for anchor in anchors:
            bit = 1 << self._n_bits
            self._n_bits += 1
            mask |= bit
            for value in anchor.values:
                self._bits[anchor.attr][value] |= bit
            self._values[anchor.attr] = frozenset(self._bits[anchor.attr])
        self.anchors.append(anchors)
        self._masks.append(mask)
        return len(self.anchors) - 1

    def annotated(self, doc: Doc) -> bool:
        """Whether ``doc`` has every annotation the patterns read (else spaCy's Matcher raises)."""
        return all(doc.has_annotation(attr) for attr in self.annotations)

    def windows(self, doc: Doc) -> list[tuple[int, list[tuple[int, int]]]]:
        """(pattern number, token ranges) for each pattern whose anchors all occur in ``doc``,
        in the order added: every match of the pattern lies inside one of its ranges."""
        n = len(doc)
        if not n or not self.anchors:
            return []
        attrs: list[int] = list(self._bits)
        columns = dict(zip(attrs, doc.to_array(list[int | str](attrs)).T.tolist(), strict=True))
        # the anchors that occur in the document (set operations, no loop over tokens)
        present = 0
        seen: dict[int, AbstractSet[int]] = {}  # attribute -> the anchor values in the document
        for attr, bits in self._bits.items():
            values, column = self._values[attr], columns[attr]
            # a set of the column costs more than a few scans of it (flags: one value, 1)
            seen[attr] = {v for v in values if v in column} if len(values) <= 3 else values.intersection(column)
            for value in seen[attr]:
                present |= bits[value]
        positions: dict[tuple[int, int], list[int]] = {}
        out: list[tuple[int, list[tuple[int, int]]]] = []
        for k, mask in enumerate(self._masks):
            if mask & present == mask:  # else a token the pattern needs is missing
                out.append((k, self._ranges(self.anchors[k], columns, seen, positions, n)))
        return out

    @staticmethod
    def _ranges(
        anchors: tuple[_Anchor, ...],
        columns: dict[int, list[int]],
        seen: dict[int, AbstractSet[int]],
        positions: dict[tuple[int, int], list[int]],
        n: int,
    ) -> list[tuple[int, int]]:
        """The token ranges of a document that hold every possible match of a pattern whose
        anchors all occur in it: around each occurrence of its rarest anchor, as far as the
        pattern reaches (every token a match, or an attempt that ends in one, looks at).
        ``columns``: the document's values per attribute; ``seen``: the anchor values present,
        per attribute; ``positions`` caches the token indices of each (attribute, value)."""
        best: tuple[_Anchor, list[int]] | None = None
        for anchor in anchors:
            column = columns[anchor.attr]
            hits: list[int] = []
            for value in anchor.values & seen[anchor.attr]:
                where = positions.get((anchor.attr, value))
                if where is None:
                    where = positions[anchor.attr, value] = _indices(column, value)
                hits.extend(where)
            if best is None or len(hits) < len(best[1]):
                best = (anchor, hits)
        if best is None:
            return []
        anchor, hits = best
        return _merge(
            (
                0 if anchor.before is None else max(0, i - anchor.before),
                n if anchor.after is None else min(n, i + anchor.after + 1),
            )
            for i in hits
        )


def _indices(column: list[int], value: int) -> list[int]:
    """The indices of ``value`` in ``column``. An anchor's value is rare in a document (most
    anchor values are absent), so ``count``/``index`` (a scan in C) beat indexing every token."""
    out: list[int] = []
    i = -1
    for _ in range(column.count(value)):
        i = column.index(value, i + 1)
        out.append(i)
    return out


def _merge(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges sorted, overlapping or touching ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _run(matcher: Matcher, doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """``matcher`` on each token range of ``doc``: (match_id, start, end) in document offsets.
    The annotations were checked by the caller (``_AnchorIndex.annotated``)."""
    n = len(doc)
    out: list[tuple[int, int, int]] = []
    for a, b in ranges:
        if a == 0 and b == n:
            out.extend(matcher(doc, allow_missing=True))
        else:
            out.extend((key, a + start, a + end) for key, start, end in matcher(doc[a:b], allow_missing=True))
    return out


class AnchoredMatcher:
    """A spaCy ``Matcher`` that runs only on the stretches of a document where one of its
    patterns can match: the same matches in the same order, much faster on documents that lack
    most of the patterns' words (the Matcher tries every pattern at every token otherwise).

    Why the order is kept: a match only involves tokens within its pattern's reach of an anchor
    occurrence, so every match (and every attempt that ends in one) lies inside one merged range;
    within a range the Matcher tries the same attempts in the same order as on the whole
    document, and ranges come in document order. ``add`` then read-only calls (thread-safe)."""

    def __init__(self, vocab: Any, validate: bool = False) -> None:
        self.matcher = Matcher(vocab, validate=validate)
        self._index = _AnchorIndex()
        self._anywhere = False  # a pattern without anchor: run on whole documents

    def __len__(self) -> int:
        return len(self.matcher)

    def add(self, key: str, patterns: list[list[dict[str, Any]]]) -> None:
        self.matcher.add(key, patterns)
        for pattern in patterns:
            if self._index.add(pattern) is None:
                self._anywhere = True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        if self._anywhere or not self._index.annotated(doc):
            return list(self.matcher(doc))  # (spaCy raises its own error for a missing annotation)
        ranges = _merge(r for _, rs in self._index.windows(doc) for r in rs)
        return _run(self.matcher, doc, ranges)


class MatcherSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phrases: list[str] = Field(default_factory=list)
    lemmas: list[str] = Field(default_factory=list)
    patterns: list[_TOKEN_PATTERN] = Field(default_factory=list)
    dependency: list[_TOKEN_PATTERN] = Field(default_factory=list)


class PackFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = ""
    matchers: dict[str, MatcherSpec] = Field(default_factory=dict)
    data: dict[str, Any] = Field(default_factory=dict)


@dataclass(frozen=True)
class LoadedPack:
    path: Path
    pack: PackFile
    node: Any


def builtin_pack_dir() -> Path:
    """The packs shipped with replylint: inside the wheel, or the repo's top-level ``rules/``."""
    shipped = resources.files("replylint") / "_packs"
    if shipped.is_dir():
        return Path(str(shipped))
    repo = Path(__file__).resolve().parents[2] / "rules"
    if repo.is_dir():
        return repo
    raise ConfigError("replylint's built-in rule packs are missing from the installation")


def pack_files(directory: Path) -> list[Path]:
    if directory.is_file():
        return [directory]
    if not directory.is_dir():
        raise ConfigError("rule pack directory does not exist", file=directory)
    return sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])


def load_pack(path: Path) -> LoadedPack:
    data, node = load_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError("a rule pack must be a mapping with 'matchers' and/or 'data'", file=path, line=1)
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as exc:
        raise_validation(exc, file=path, node=node)
        raise  # pragma: no cover - raise_validation always raises
    return LoadedPack(path=path, pack=pack, node=node)


@dataclass
class PackSet:
    """Packs loaded from disk, in order (built-ins first, then the team's)."""

    packs: list[LoadedPack] = field(default_factory=list)

    @classmethod
    def load(cls, directories: Iterable[Path] = ()) -> PackSet:
        dirs = [builtin_pack_dir(), *directories]
        loaded = [load_pack(p) for d in dirs for p in pack_files(Path(d))]
        return cls(packs=loaded)

    def data(self) -> dict[str, Any]:
        """All ``data`` sections merged: lists are extended, mappings updated, scalars replaced."""
        merged: dict[str, Any] = {}
        for loaded in self.packs:
            for key, value in loaded.pack.data.items():
                old = merged.get(key)
                if isinstance(old, list) and isinstance(value, list):
                    merged[key] = [*old, *value]
                elif isinstance(old, dict) and isinstance(value, Mapping):
                    merged[key] = {**old, **value}
                else:
                    merged[key] = value
        return merged


class CompiledPacks:
    """Every pack's matchers compiled once for one pipeline; ``match`` is read-only (thread-safe)."""

    def __init__(self, nlp: Language, packset: PackSet) -> None:
        vocab = nlp.vocab
        self._matcher = Matcher(vocab, validate=True)
        # The same token patterns again, each in a Matcher of its own, by number in ``_index``
        # (see ``_token_matches``); patterns without an anchor share one Matcher.
        self._index = _AnchorIndex()
        self._gated: list[Matcher] = []
        self._ungated = Matcher(vocab)
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._lemma = PhraseMatcher(vocab, attr="LEMMA")
        self._dep = DependencyMatcher(vocab, validate=True)
        self.labels: set[str] = set()
        self.data = packset.data()
        lemma_phrases: dict[str, list[str]] = defaultdict(list)
        dep_counter = 0
        for loaded in packset.packs:
            for label, spec in loaded.pack.matchers.items():
                self.labels.add(label)
                where = ["matchers", label]
                if spec.phrases:
                    tokenizer: Any = nlp.tokenizer  # spaCy types it as a plain callable
                    self._lower.add(label, list(tokenizer.pipe(spec.phrases)))
                lemma_phrases[label].extend(spec.lemmas)
                for i, pattern in enumerate(spec.patterns):
                    self._add_checked(self._matcher, label, pattern, loaded, [*where, "patterns", i])
                    self._add_gated(vocab, label, pattern)
                for i, pattern in enumerate(spec.dependency):
                    dep_counter += 1
                    key = f"{label}\u241f{dep_counter}"
                    self._add_checked(self._dep, key, pattern, loaded, [*where, "dependency", i])
        # Lemma phrases are parsed in one nlp.pipe call (191 single-label calls cost ~0.15 s of
        # Checker start-up); NER sets no lemma, so it is skipped.
        labelled = [(label, phrase) for label, phrases in lemma_phrases.items() for phrase in phrases]
        skip = [name for name in ("ner",) if name in nlp.pipe_names]
        docs = list(nlp.pipe([phrase for _, phrase in labelled], disable=skip, batch_size=256))
        by_label: dict[str, list[Any]] = defaultdict(list)
        for (label, _), doc in zip(labelled, docs, strict=True):
            by_label[label].append(doc)
        for label, label_docs in by_label.items():
            self._lemma.add(label, label_docs)

    def _add_gated(self, vocab: Any, label: str, pattern: list[dict[str, Any]]) -> None:
        if self._index.add(pattern) is None:
            self._ungated.add(label, [pattern])
            return
        matcher = Matcher(vocab)
        matcher.add(label, [pattern])
        self._gated.append(matcher)

    @staticmethod
    def _refuse_regex(pattern: Any, loaded: LoadedPack, path: list[int | str]) -> None:
        """Packs are data: a REGEX operator would let a pack run arbitrary (and ReDoS-prone)
        regular expressions, so it is refused; use phrases, lemmas or token attributes."""
        stack = [pattern]
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                if any(str(k).upper() == "REGEX" for k in item):
                    raise ConfigError(
                        "the REGEX operator is not allowed in rule packs (regular expressions can hang "
                        "the checker); use phrases, lemmas or token attributes such as LOWER/IN",
                        file=loaded.path,
                        key=".".join(str(p) for p in path),
                        line=node_line(loaded.node, path),
                    )
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)

    @staticmethod
    def _add_checked(
        matcher: Matcher | DependencyMatcher,
        key: str,
        pattern: list[dict[str, Any]],
        loaded: LoadedPack,
        path: list[int | str],
    ) -> None:
        CompiledPacks._refuse_regex(pattern, loaded, path)
        try:
            matcher.add(key, [pattern])
        except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
            first = str(exc).strip().splitlines()
            detail = " ".join(line.strip() for line in first[:4] if line.strip())
            raise ConfigError(
                f"invalid spaCy pattern: {detail}",
                file=loaded.path,
                key=".".join(str(p) for p in path),
                line=node_line(loaded.node, path),
            ) from None

    def match(self, doc: Doc) -> dict[str, list[Span]]:
        """All matches by label, each list sorted by position, duplicates removed."""
        # Keyed by the label's hash (the match id): the strings are looked up once per label,
        # and a Span given the hash has the same label as one given the string.
        strings = doc.vocab.strings
        found: dict[int, set[tuple[int, int]]] = defaultdict(set)
        for match_id, start, end in self._token_matches(doc):
            found[match_id].add((start, end))
        for matcher in (self._lower, self._lemma):
            for match_id, start, end in matcher(doc):
                found[match_id].add((start, end))
        if len(self._dep):
            for match_id, token_ids in self._dep(doc):
                label_id = strings.add(strings[match_id].split("\u241f", 1)[0])
                found[label_id].add((min(token_ids), max(token_ids) + 1))
        return {
            strings[label_id]: [Span(doc, start, end, label=label_id) for start, end in sorted(spans)]
            for label_id, spans in found.items()
        }

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match_id, start, end) of every token pattern: the same matches as ``self._matcher``.

        spaCy's Matcher tries every pattern at every token (each ``IN`` list a Python call), so
        one Matcher with all patterns was most of ``match``. A pattern can only match around a
        token it cannot match without ("escalate", "supervisor"), which most documents lack: a
        pattern runs only on the stretches of the document within its reach of such a token.
        The labels of the result come in another order than the one Matcher's (no caller reads
        that order; each label's spans are sorted in ``match``)."""
        if not len(self._matcher):
            return []
        if not self._index.annotated(doc):
            return list(self._matcher(doc))  # the one Matcher raises its own error for this
        out: list[tuple[int, int, int]] = list(self._ungated(doc)) if len(self._ungated) else []
        for k, ranges in self._index.windows(doc):
            out.extend(_run(self._gated[k], doc, ranges))
        return out
