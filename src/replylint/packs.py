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
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from replylint.errors import ConfigError
from replylint.yamlutil import load_yaml, node_line, raise_validation

_TOKEN_PATTERN = list[dict[str, Any]]


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
                    self._lower.add(label, list(nlp.tokenizer.pipe(spec.phrases)))
                lemma_phrases[label].extend(spec.lemmas)
                for i, pattern in enumerate(spec.patterns):
                    self._add_checked(self._matcher, label, pattern, loaded, [*where, "patterns", i])
                for i, pattern in enumerate(spec.dependency):
                    dep_counter += 1
                    key = f"{label}\u241f{dep_counter}"
                    self._add_checked(self._dep, key, pattern, loaded, [*where, "dependency", i])
        for label, phrases in lemma_phrases.items():
            if phrases:
                self._lemma.add(label, list(nlp.pipe(phrases)))

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
        found: dict[str, dict[tuple[int, int], Span]] = defaultdict(dict)
        strings = doc.vocab.strings
        for matcher in (self._matcher, self._lower, self._lemma):
            for match_id, start, end in matcher(doc):
                label = strings[match_id]
                found[label].setdefault((start, end), Span(doc, start, end, label=label))
        if len(self._dep):
            for match_id, token_ids in self._dep(doc):
                label = strings[match_id].split("\u241f", 1)[0]
                start, end = min(token_ids), max(token_ids) + 1
                found[label].setdefault((start, end), Span(doc, start, end, label=label))
        return {label: [spans[k] for k in sorted(spans)] for label, spans in found.items()}
