"""The rule registry: built-in rules (one module per rule in this package) plus third-party rules
published under the ``replylint.rules`` entry-point group.

The registry is built on demand and returned as a fresh mapping: there is no global mutable list.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from importlib.metadata import entry_points

from replylint.errors import ConfigError
from replylint.rules.base import Rule

_SKIP = {"base"}


def _rules_in_module(module: object) -> list[type[Rule]]:
    found = []
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, Rule) and obj is not Rule and getattr(obj, "id", None):
            if obj.__module__ == getattr(module, "__name__", None):
                found.append(obj)
    return found


def builtin_rules() -> dict[str, type[Rule]]:
    """Every rule shipped with replylint, by id."""
    rules: dict[str, type[Rule]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name in _SKIP or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for cls in _rules_in_module(module):
            rules[cls.id] = cls
    return rules


def plugin_rules() -> dict[str, type[Rule]]:
    """Rules from installed packages that declare ``[project.entry-points."replylint.rules"]``."""
    rules: dict[str, type[Rule]] = {}
    for ep in entry_points(group="replylint.rules"):
        try:
            obj = ep.load()
        except Exception as exc:  # a broken plugin must not take the tool down silently
            raise ConfigError(f"cannot load rule plugin '{ep.name}' ({ep.value}): {exc}") from None
        if not (inspect.isclass(obj) and issubclass(obj, Rule) and getattr(obj, "id", None)):
            raise ConfigError(f"rule plugin '{ep.name}' ({ep.value}) is not a replylint Rule subclass")
        rules[obj.id] = obj
    return rules


def all_rules() -> dict[str, type[Rule]]:
    """Built-in and plugin rules by id, sorted by id; a plugin cannot replace a built-in."""
    rules = plugin_rules()
    rules.update(builtin_rules())
    return dict(sorted(rules.items()))


__all__ = ["Rule", "all_rules", "builtin_rules", "plugin_rules"]
