"""The lazily loaded public names are visible to dir(), tab completion and help()."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    command = [sys.executable, "-c", textwrap.dedent(code)]
    done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_dir_lists_lazy_names_without_importing_them() -> None:
    out = run(
        """
        import sys, replylint
        names = dir(replylint)
        missing = [n for n in replylint.__all__ if n not in names]
        print(missing, "spacy" in sys.modules, "replylint.checker" in sys.modules, names == sorted(names))
        """
    )
    assert out.split() == ["[]", "False", "False", "True"]


def test_help_shows_the_public_classes() -> None:
    out = run(
        """
        import pydoc, replylint
        text = pydoc.render_doc(replylint, renderer=pydoc.plaintext)
        print(all(name in text for name in ("Checker", "Config", "Report", "InputError", "ConfigError")))
        """
    )
    assert out.strip() == "True"


def test_lazy_attributes_still_resolve() -> None:
    import replylint

    assert replylint.Report.__name__ == "Report"
    assert "__version__" in dir(replylint) and "check" in dir(replylint)
