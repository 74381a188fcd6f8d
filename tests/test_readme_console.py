"""Every ```console block of the README runs, and its output is compared (issue 13, item 2).

A block is a shell session: ``$ command`` lines, each followed by the output it prints (standard
output and standard error, as a terminal shows them). The commands of a block run in order in one
``bash`` session at the repository root, so ``$ echo $?`` prints the previous command's exit
code. In the expected output ``...`` stands for any text, within a line or over several lines
(as doctest's ELLIPSIS), so a block can show the lines that matter and elide the rest.

When an output changes on purpose (the question/answer judgement moves, a message is reworded),
refresh the README with ``python tests/test_readme_console.py --update``: every command whose
output no longer matches gets its actual output written in full; elide again by hand what
should not be pinned. A failing test prints the unified diff of expected and actual output.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
README = REPO / "README.md"
_BLOCK = re.compile(r"^```console\n(.*?)^```$", re.S | re.M)


@dataclass(frozen=True)
class Command:
    block: int  # the block's index among the README's console blocks
    line: int  # line number of the ``$ command`` line in README.md
    command: str
    expected: str
    span: tuple[int, int]  # character range of the expected output in README.md

    def matches(self, actual: str) -> bool:
        pattern = ".*?".join(re.escape(part) for part in _normal(self.expected).split("..."))
        return re.fullmatch(pattern, _normal(actual), flags=re.S) is not None


def _normal(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def console_commands(text: str) -> list[Command]:
    out: list[Command] = []
    for k, block in enumerate(_BLOCK.finditer(text)):
        start = block.start(1)
        lines = block.group(1).splitlines(keepends=True)
        offsets = [start]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        heads = [i for i, line in enumerate(lines) if line.startswith("$ ")]
        for n, i in enumerate(heads):
            end = heads[n + 1] if n + 1 < len(heads) else len(lines)
            out.append(
                Command(
                    block=k,
                    line=text.count("\n", 0, offsets[i]) + 1,
                    command=lines[i][2:].rstrip("\n"),
                    expected="".join(lines[i + 1 : end]),
                    span=(offsets[i + 1], offsets[end]),
                )
            )
    return out


def run_block(commands: list[Command]) -> list[str]:
    """Run one block's commands in one bash session; the output of each, in order."""
    marker = "__readme_console_command__"
    # the marker's echo must not reset $? for a following `echo $?`
    script = "exec 2>&1\n" + "".join(f"s=$?; echo {marker}; (exit $s)\n{c.command}\n" for c in commands)
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }
    result = subprocess.run(
        ["bash", "--noprofile", "--norc", "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    outputs = result.stdout.split(marker + "\n")[1:]
    assert len(outputs) == len(commands), result.stdout
    return outputs


def _blocks(commands: list[Command]) -> dict[int, list[Command]]:
    blocks: dict[int, list[Command]] = {}
    for c in commands:
        blocks.setdefault(c.block, []).append(c)
    return blocks


COMMANDS = console_commands(README.read_text(encoding="utf-8"))
_OUTPUTS: dict[int, list[str]] = {}


def test_the_readme_has_console_blocks() -> None:
    assert len(_blocks(COMMANDS)) >= 2 and len(COMMANDS) >= 8


@pytest.mark.parametrize("command", COMMANDS, ids=[f"README.md:{c.line}" for c in COMMANDS])
def test_readme_console_output(command: Command) -> None:
    if command.block not in _OUTPUTS:
        _OUTPUTS[command.block] = run_block(_blocks(COMMANDS)[command.block])
    actual = _OUTPUTS[command.block][_blocks(COMMANDS)[command.block].index(command)]
    if not command.matches(actual):
        diff = "\n".join(
            difflib.unified_diff(
                _normal(command.expected).splitlines(), _normal(actual).splitlines(), "README", "actual", lineterm=""
            )
        )
        pytest.fail(
            f"README.md:{command.line}: `$ {command.command}` printed something else "
            f"(refresh with `python tests/test_readme_console.py --update`):\n{diff}"
        )


def test_update_refreshes_only_stale_outputs(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# x\n\n```console\n$ echo hello\nbye\n$ false\n$ echo $?\n1\n$ printf 'a\\nb\\nc\\n'\na\n...\n```\n",
        encoding="utf-8",
    )
    changed = update(readme)
    assert [c.command for c in changed] == ["echo hello"]
    assert readme.read_text(encoding="utf-8") == (
        "# x\n\n```console\n$ echo hello\nhello\n$ false\n$ echo $?\n1\n$ printf 'a\\nb\\nc\\n'\na\n...\n```\n"
    )


def update(readme: Path = README) -> list[Command]:
    """Write the actual output of every command whose output no longer matches; the ones changed."""
    text = readme.read_text(encoding="utf-8")
    stale: list[tuple[Command, str]] = []
    for block in _blocks(console_commands(text)).values():
        stale += [(c, actual) for c, actual in zip(block, run_block(block), strict=True) if not c.matches(actual)]
    for command, actual in sorted(stale, key=lambda pair: -pair[0].span[0]):  # from the end: spans stay valid
        body = _normal(actual)
        text = text[: command.span[0]] + (body + "\n" if body else "") + text[command.span[1] :]
    readme.write_text(text, encoding="utf-8")
    return [c for c, _ in stale]


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit(f"usage: python {Path(__file__).relative_to(REPO)} --update")
    for c in update():
        print(f"README.md:{c.line}: refreshed the output of `$ {c.command}`")
