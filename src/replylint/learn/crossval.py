"""Training, calibration and out-of-source evaluation (needs scikit-learn: training time only).

Every figure this module reports is *out of source*: the rows of a source group (a company, a
repository, a forum's domain) are scored by a model that never saw that group, and the decision
threshold used on them was chosen without them too (nested: an inner grouped cross-validation
on the training part yields out-of-fold scores, on which the Platt calibration is fitted and the
threshold chosen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from replylint.learn.linear import Features

__all__ = ["Fitted", "fit", "folds", "nested_oof", "platt"]

#: Regularisation of every model (inverse strength); small models over general features.
DEFAULT_C = 0.1
OUTER_SPLITS = 10
INNER_SPLITS = 5


@dataclass(frozen=True)
class Fitted:
    """A fitted, calibrated linear model in plain Python."""

    weights: dict[str, float]
    intercept: float
    platt_a: float
    platt_b: float

    def probabilities(self, xs: Sequence[Features]) -> np.ndarray:
        return _calibrated(_raw_scores(self.weights, self.intercept, xs), self.platt_a, self.platt_b)


def folds(groups: Sequence[str], n_splits: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Grouped folds, deterministic: groups sorted by size then name, dealt round-robin."""
    from sklearn.model_selection import GroupKFold

    uniq = sorted(set(groups))
    n = min(n_splits, len(uniq))
    if n < 2:
        idx = np.arange(len(groups))
        return [(idx, idx[:0])]
    gkf = GroupKFold(n_splits=n)
    dummy = np.zeros(len(groups))
    return list(gkf.split(dummy, groups=list(groups)))


def _lr(
    xs: Sequence[Features], ys: Sequence[int], c: float, weight: Sequence[float] | None = None
) -> tuple[dict[str, float], float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(ys)) < 2:
        base = 8.0 if (ys and ys[0]) else -8.0
        return {}, base
    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform(list(xs))
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs")
    model.fit(x, list(ys), sample_weight=None if weight is None else list(weight))
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-9}
    return weights, float(model.intercept_[0])


def platt(scores: np.ndarray, ys: Sequence[int]) -> tuple[float, float]:
    """Calibration p = sigmoid(a * score + b) fitted on out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression

    if len(set(ys)) < 2:
        return 1.0, 0.0
    m = LogisticRegression(C=1e6, max_iter=5000)
    m.fit(scores.reshape(-1, 1), list(ys))
    return float(m.coef_[0][0]), float(m.intercept_[0])


def _raw_scores(weights: dict[str, float], intercept: float, xs: Sequence[Features]) -> np.ndarray:
    return np.array([intercept + sum(weights.get(k, 0.0) * v for k, v in x.items()) for x in xs])


def _calibrated(raw: np.ndarray, a: float, b: float) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-(a * raw + b))))


def _oof_raw(xs: Sequence[Features], ys: Sequence[int], groups: Sequence[str], c: float) -> np.ndarray:
    """Raw out-of-fold scores over grouped inner folds."""
    raw = np.zeros(len(xs))
    for tr, te in folds(groups, INNER_SPLITS):
        if not len(te):
            continue
        w, b = _lr([xs[i] for i in tr], [ys[i] for i in tr], c)
        raw[te] = _raw_scores(w, b, [xs[i] for i in te])
    return raw


def fit(
    xs: Sequence[Features], ys: Sequence[int], groups: Sequence[str], c: float | None = None
) -> tuple[Fitted, np.ndarray]:
    """Fit on all rows; calibrate on grouped out-of-fold scores. Returns the model and those
    calibrated out-of-fold probabilities (for choosing thresholds without the rows' own fit)."""
    c = DEFAULT_C if c is None else c
    raw = _oof_raw(xs, ys, groups, c)
    a, bb = platt(raw, ys)
    w, b = _lr(xs, ys, c)
    return Fitted(w, b, a, bb), _calibrated(raw, a, bb)


def nested_oof(
    groups: Sequence[str],
    train_fold: Callable[[np.ndarray], Any],
    apply_fold: Callable[[Any, np.ndarray], None],
    n_splits: int = OUTER_SPLITS,
) -> None:
    """Outer grouped folds: ``train_fold(train_indices)`` builds whatever decides (models and
    thresholds chosen on the training part only); ``apply_fold(decider, test_indices)`` records
    predictions for the held-out part."""
    for tr, te in folds(groups, n_splits):
        if not len(te):
            continue
        apply_fold(train_fold(tr), te)
