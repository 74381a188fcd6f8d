"""The shipped model format: a logistic regression over named features, calibrated, as JSON.

A model is a weight per feature name, an intercept, Platt calibration parameters (fitted on
out-of-fold scores, so the probability means what it says on unseen sources) and the decision
thresholds chosen by grouped cross-validation. Scoring is a dot product over the features that
are present, so it costs microseconds and needs nothing beyond the standard library; the
explanation is the list of the largest contributions (weight x value).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["TRAINED_DIR", "Contribution", "Features", "LinearModel", "bucket", "load_model"]

#: Feature name -> value (binary features have value 1.0).
Features = dict[str, float]


def bucket(n: int, edges: tuple[int, ...]) -> str:
    """A count as a feature-name suffix: ``"<=4"`` for the first edge it does not exceed, else ``">35"``."""
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


TRAINED_DIR = Path(__file__).resolve().parents[1] / "trained"


class Contribution(BaseModel):
    """One feature's share of a decision: its weight times its value."""

    model_config = ConfigDict(frozen=True)

    feature: str
    weight: float


class LinearModel(BaseModel):
    """A calibrated logistic regression, as shipped in ``replylint/trained/*.json``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str
    feature_version: int
    corpus_sha256: str = Field(description="hash of the corpus files the model was trained on")
    trained_rows: int
    weights: dict[str, float]
    intercept: float
    platt_a: float = Field(1.0, description="calibration: p = sigmoid(a * score + b)")
    platt_b: float = 0.0
    thresholds: dict[str, float] = Field(default_factory=dict)
    figures: dict[str, float] = Field(default_factory=dict, description="out-of-source figures at training time")

    def score(self, features: Mapping[str, float]) -> float:
        """The raw linear score (log-odds before calibration)."""
        w = self.weights
        return self.intercept + sum(w.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        """The calibrated probability of the positive class."""
        z = self.platt_a * self.score(features) + self.platt_b
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        ez = math.exp(z)
        return ez / (1.0 + ez)

    def explain(self, features: Mapping[str, float], top: int = 5) -> list[Contribution]:
        """The features that moved this decision most, largest first (sign shows the direction)."""
        contrib = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        contrib = [c for c in contrib if abs(c[1]) >= 1e-3]
        contrib.sort(key=lambda kv: (-abs(kv[1]), kv[0]))
        return [Contribution(feature=k, weight=round(v, 3)) for k, v in contrib[:top]]

    def threshold(self, name: str, default: float = 0.5) -> float:
        return self.thresholds.get(name, default)

    def dump(self, path: Path) -> None:
        data = self.model_dump()
        data["weights"] = {k: round(v, 6) for k, v in sorted(data["weights"].items())}
        path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load_model(name: str, folder: Path | None = None) -> LinearModel:
    """Load a shipped model by name (``replylint/trained/<name>.json``)."""
    path = (folder or TRAINED_DIR) / f"{name}.json"
    return LinearModel.model_validate_json(path.read_text(encoding="utf-8"))
