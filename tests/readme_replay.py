"""Replay every ``console`` block of README.md, in order, against a fresh database.

The README tells one story (enrol, import, match, log, close, follow-up, remind, stats,
backup, ...). This runs each ``$ ...`` line of every ```console block, in the order it
appears, in one new temporary folder, and compares what a person at a terminal would
read (stdout and stderr interleaved, as one stream) with the lines shown under it. So
the README cannot drift from the tool: tests/test_readme.py fails when it does, and

    python tests/readme_replay.py            # check, print a diff for each difference
    python tests/readme_replay.py --update   # rewrite the outputs in README.md from real runs

Each command is one ``bash -c`` subprocess (bash hands a simple command straight to
``mentorcli``), so ``\\`` continuations, ``# comments``, ``VAR=value`` prefixes, ``~``,
``>`` redirections and plain shell commands (``mkdir -p``, ``cat``, ``ls``) work as
they do for a reader. The environment is fixed: ``HOME`` is the temporary folder (shown
as ``/home/coord``), the database is ``~/.local/share/mentorcli/mentorcli.db``, the user
is ``coord``, ``COLUMNS=80``, no terminal, UTC, UTF-8, and ``MENTORCLI_TODAY`` pins
"today". ``examples/`` is copied into the folder, as in a clone of the repository.

Markers are HTML comments (GitHub does not show them) on the line(s) before a block:

    <!-- replay: today=2025-01-06 -->        today (and the clock) from this block on;
                                            ``today=2026-02-02T07:00`` also sets the time
    <!-- replay: exit=1 -->                  the block's last command exits 1

Every other command must exit 0, except one whose output shows an ``Error:`` line: it
must exit non-zero. An output line ``...`` stands for any number of lines (an excerpt of
a long output); ``--update`` keeps the lines around it in place.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
SHOWN_HOME = "/home/coord"
OMITTED = "..."
_MARKER = re.compile(r"^<!--\s*replay:(?P<body>.*?)-->\s*$")
_FENCE = "```"


class ReplayError(Exception):
    """The README cannot be replayed as written (a bad marker, a block without a command)."""


@dataclass
class Command:
    """One ``$ ...`` line (with its continuation lines) and the output shown under it."""

    text: str  # the shell command, continuation lines included, without "$ "
    expected: list[str]
    line: int  # 1-based line number of the "$ " line in the README
    expect_exit: int | None = None  # from an ``exit=`` marker; None: 0, or non-zero on Error:


@dataclass
class Block:
    first: int  # index (0-based) of the first line inside the fence
    last: int  # index of the closing fence
    commands: list[Command]
    today: str | None = None


@dataclass
class Result:
    command: Command
    actual: list[str]
    exit_code: int
    seconds: float  # processor time


def parse(text: str) -> list[Block]:
    """The console blocks of a Markdown text, with their commands and markers."""
    lines = text.split("\n")
    blocks: list[Block] = []
    pending: dict[str, str] = {}
    pending_line = 0
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        marker = _MARKER.match(stripped)
        if marker:
            pending.update(_options(marker.group("body"), i + 1))
            pending_line = i + 1
        elif stripped.startswith(_FENCE):
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip() == _FENCE), None)
            if end is None:
                raise ReplayError(f"line {i + 1}: a code block that never ends")
            if stripped == _FENCE + "console":
                blocks.append(_block(lines, i + 1, end, pending))
                pending = {}
            elif pending:
                raise ReplayError(
                    f"line {pending_line}: a replay marker before a non-console block"
                )
            i = end
        elif stripped and pending:
            raise ReplayError(f"line {pending_line}: a replay marker not followed by a block")
        i += 1
    if pending:
        raise ReplayError(f"line {pending_line}: a replay marker not followed by a block")
    return blocks


def _options(body: str, line: int) -> dict[str, str]:
    options = {}
    for word in body.split():
        key, sep, value = word.partition("=")
        if not sep or key not in {"today", "exit"}:
            raise ReplayError(f"line {line}: unknown replay marker {word!r}")
        options[key] = value
    if "today" in options:
        _pinned(options["today"], line)
    if "exit" in options and not options["exit"].isdigit():
        raise ReplayError(f"line {line}: exit= takes a number, not {options['exit']!r}")
    return options


def _pinned(value: str, line: int) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ReplayError(f"line {line}: today={value!r} is not YYYY-MM-DD[THH:MM]") from None


def _block(lines: list[str], first: int, last: int, options: dict[str, str]) -> Block:
    commands: list[Command] = []
    i = first
    while i < last:
        text = lines[i]
        if text.startswith("$ "):
            start = i
            parts = [text[2:]]
            while parts[-1].endswith("\\") and i + 1 < last:
                i += 1
                parts.append(lines[i])
            commands.append(Command("\n".join(parts), [], start + 1))
        elif not commands:
            raise ReplayError(f"line {i + 1}: output before the first `$ ` command of a block")
        else:
            commands[-1].expected.append(text.rstrip())
        i += 1
    if not commands:
        raise ReplayError(f"line {first}: a console block without a `$ ` command")
    for command in commands:
        _trim(command.expected)
    if "exit" in options:
        commands[-1].expect_exit = int(options["exit"])
    return Block(first, last, commands, options.get("today"))


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def matches(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Line-for-line equality, where an expected line ``...`` matches any run of lines."""
    if OMITTED not in expected:
        return list(expected) == list(actual)
    # Classic glob matching over lines: reachable[j] = expected[:i] can match actual[:j].
    reachable = [True] + [False] * len(actual)
    for want in expected:
        if want == OMITTED:
            for j in range(1, len(actual) + 1):
                reachable[j] = reachable[j] or reachable[j - 1]
        else:
            reachable = [False] + [reachable[j] and actual[j] == want for j in range(len(actual))]
    return reachable[-1]


def excerpt(expected: Sequence[str], actual: Sequence[str]) -> list[str]:
    """The new output for ``--update``: the real lines, keeping each ``...`` in its place.

    The lines before the first ``...`` become as many first lines of the real output,
    those after the last as many last lines; a run between two ``...`` becomes the
    stretch of real output that resembles it most.
    """
    if OMITTED not in expected:
        return list(actual)
    runs: list[list[str]] = [[]]
    for line in expected:
        if line == OMITTED:
            runs.append([])
        else:
            runs[-1].append(line)
    head, *middle, tail = runs
    start, stop = len(head), len(actual) - len(tail)
    if start > stop:  # the real output is shorter than the excerpt: show it whole
        return list(actual)
    out = list(actual[:start])
    for run in middle:
        out.append(OMITTED)
        if not run:
            continue
        best = max(
            range(start, max(start, stop - len(run)) + 1),
            key=lambda k: _likeness(run, actual[k : k + len(run)]),
        )
        out.extend(actual[best : best + len(run)])
        start = best + len(run)
    out.append(OMITTED)
    out.extend(actual[stop:])
    return out


def _likeness(shown: Sequence[str], real: Sequence[str]) -> float:
    """How much two runs of lines look alike, line by line (a label renamed, a width
    changed, a number moved: still recognisably the same stretch)."""
    return sum(
        difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()
        for a, b in zip(shown, real, strict=False)  # the real run may end sooner
    )


def mentorcli_folder() -> str:
    """The folder of the installed ``mentorcli`` beside this Python, else the one on PATH."""
    found = shutil.which("mentorcli", path=os.path.dirname(sys.executable)) or shutil.which(
        "mentorcli"
    )
    if not found:
        raise ReplayError("the mentorcli script is not installed (pip install -e .)")
    return os.path.dirname(found)


def environment(home: Path, today: str) -> dict[str, str]:
    """What every command sees: nothing from the caller's environment but the system PATH."""
    return {
        "PATH": os.pathsep.join([mentorcli_folder(), os.environ.get("PATH", os.defpath)]),
        "HOME": str(home),
        "USER": "coord",
        "LOGNAME": "coord",
        "MENTORCLI_DB": str(home / ".local" / "share" / "mentorcli" / "mentorcli.db"),
        "MENTORCLI_TODAY": today,
        "COLUMNS": "80",
        "LINES": "24",
        "TERM": "dumb",
        "TZ": "UTC",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        # Unbuffered, so stdout and stderr reach the merged pipe in the order they are
        # written, as on a terminal (a pipe would hold stdout back until the exit).
        "PYTHONUNBUFFERED": "1",
    }


def run(blocks: Sequence[Block], *, timeout: float = 120) -> Iterator[Result]:
    """Run every command of every block in order, in one fresh folder."""
    with tempfile.TemporaryDirectory(prefix="mentorcli-readme-") as folder:
        home = Path(folder)
        if (ROOT / "examples").is_dir():
            shutil.copytree(ROOT / "examples", home / "examples")
        shown = [(str(p), SHOWN_HOME) for p in {home, home.resolve()}]
        today: str | None = None
        for block in blocks:
            if block.today is not None:
                if today is not None and _pinned(block.today, 0) < _pinned(today, 0):
                    raise ReplayError(
                        f"line {block.first}: today={block.today} goes back in time from {today}"
                    )
                today = block.today
            if today is None:
                raise ReplayError(f"line {block.first}: no `today=` marker before this block")
            for command in block.commands:
                started = _cpu_seconds()
                done = subprocess.run(
                    ["bash", "-c", command.text],
                    cwd=home,
                    env=environment(home, today),
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    timeout=timeout,
                )
                text = done.stdout.decode("utf-8", errors="backslashreplace")
                for real, seen in sorted(shown, key=lambda pair: -len(pair[0])):
                    text = text.replace(real, seen)
                actual = _trim([line.rstrip() for line in text.split("\n")])
                yield Result(command, actual, done.returncode, _cpu_seconds() - started)


def _cpu_seconds() -> float:
    """Processor time of the finished commands: wall time means little on a busy machine."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def problems(command: Command, actual: list[str], code: int) -> list[str]:
    """What is wrong beyond the text: a traceback, an internal error, a wrong exit code."""
    found = []
    if any("Traceback (most recent call last)" in line for line in actual):
        found.append("it printed a traceback")
    if any("internal error" in line for line in actual):
        found.append("it reported an internal error")
    shows_error = any(line.startswith("Error: ") for line in command.expected)
    if command.expect_exit is not None:
        if code != command.expect_exit:
            found.append(f"exit code {code}, the marker says {command.expect_exit}")
    elif shows_error and code == 0:
        found.append("exit code 0, but the README shows an Error: line")
    elif not shows_error and code != 0:
        found.append(f"exit code {code} (show its Error: line, or mark the block exit={code})")
    return found


def diff(result: Result) -> str:
    """A unified diff of the shown output against the real one, for a failing test."""
    return "\n".join(
        difflib.unified_diff(
            result.command.expected,
            result.actual,
            "README.md (shown)",
            "mentorcli (real)",
            lineterm="",
        )
    )


def replay(
    readme: Path = README,
    *,
    update: bool = False,
    timings: list[tuple[float, str]] | None = None,
) -> list[str]:
    """Replay a README; return one report per command that differs or misbehaves.

    With ``update`` the README's outputs are rewritten from the real runs first, so only
    misbehaviour (a wrong exit code, a traceback) is left to report.
    """
    text = readme.read_text(encoding="utf-8")
    blocks = parse(text)
    reports = []
    for result in run(blocks):
        command = result.command
        where = f"{readme.name}:{command.line}: $ {command.text.splitlines()[0]}"
        if update:
            command.expected = excerpt(command.expected, result.actual)
        elif not matches(command.expected, result.actual):
            reports.append(f"{where}\n{diff(result)}")
        found = problems(command, result.actual, result.exit_code)
        reports.extend(f"{where}\n  {problem}" for problem in found)
        if timings is not None:
            timings.append((result.seconds, where))
    if update:
        readme.write_text(_rewrite(text, blocks), encoding="utf-8")
    return reports


def _rewrite(text: str, blocks: Sequence[Block]) -> str:
    lines = text.split("\n")
    for block in reversed(blocks):
        body: list[str] = []
        for command in block.commands:
            body.extend(
                f"$ {part}" if k == 0 else part for k, part in enumerate(command.text.split("\n"))
            )
            body.extend(command.expected)
        lines[block.first : block.last] = body
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the outputs in place")
    parser.add_argument(
        "--times", action="store_true", help="show the commands that take most processor time"
    )
    parser.add_argument("readme", nargs="?", type=Path, default=README)
    args = parser.parse_args(argv)
    timings: list[tuple[float, str]] = []
    try:
        reports = replay(args.readme, update=args.update, timings=timings)
    except ReplayError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    for report in reports:
        print(report, end="\n\n")
    if args.times:
        print(
            f"{sum(t for t, _ in timings):.1f} s of processor time in {len(timings)} "
            "commands; the slowest:"
        )
        for seconds, where in sorted(timings, reverse=True)[:10]:
            print(f"{seconds:6.2f} s  {where}")
    if args.update:
        print(f"Rewrote the outputs in {args.readme}.", file=sys.stderr)
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main())
