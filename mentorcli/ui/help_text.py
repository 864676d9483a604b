"""Help screens a person can read at 80 columns: plain text, nothing cut, types in words.

Typer's Rich help cut long option names ("--knows-diploma-…") and showed types as
``<str>``; Click's plain help never cuts an option name (a long one gets its own line).
Here it also never breaks a word at a hyphen or in the middle ("mentor-" / "available"),
shows numbers as INTEGER or FLOAT, text as TEXT, and a long list of choices in the
option's help, where it wraps between choices.

Imported by ``cli`` at start-up: only the Click that Typer ships, nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any

from typer._click import core, formatting, types
from typer._types import TyperChoice

# An option's name and its list of choices beyond this many columns: the list goes
# into the help text instead, where it wraps.
MAX_CHOICES_WIDTH = 44


def _wrap(text: str, width: int, initial: str = "", subsequent: str = "") -> str:
    import textwrap

    return textwrap.fill(
        text,
        max(width, 10),
        initial_indent=initial,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
        break_long_words=False,
        replace_whitespace=False,
    )


def _paragraphs(text: str, width: int, indent: str) -> str:
    """Click's paragraphs: blank-line separated; one starting with a ``\\b`` line is kept
    as written (examples), every other one is refilled."""
    out = []
    for block in text.expandtabs().split("\n\n"):
        lines = block.splitlines()
        if lines and lines[0].strip() == "\b":
            out.append("\n".join(indent + line for line in lines[1:]))
        elif lines:
            body = " ".join(line.strip() for line in lines)
            out.append(_wrap(body, width, indent, indent))
    return "\n\n".join(out)


class ReadableFormatter(formatting.HelpFormatter):
    """Click's help formatter, wrapping only at spaces."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        prefix = "Usage: " if prefix is None else prefix
        start = f"{'':>{self.current_indent}}{prefix}{prog} "
        self.write(_wrap(args, self.width, start, " " * len(start)) + "\n")

    def write_text(self, text: str) -> None:
        self.write(_paragraphs(text, self.width, " " * self.current_indent) + "\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = list(rows)
        first_width = min(max((len(first) for first, _ in rows), default=0), col_max)
        column = first_width + col_spacing
        indent = " " * self.current_indent
        for first, second in rows:
            self.write(f"{indent}{first}")
            if not second:
                self.write("\n")
                continue
            if len(first) <= first_width:
                self.write(" " * (column - len(first)))
            else:
                self.write("\n" + " " * (column + self.current_indent))
            text = _paragraphs(second, self.width - column - self.current_indent, "")
            lines = text.splitlines() or [""]
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{column + self.current_indent}}{line}\n")


class ReadableContext(core.Context):
    formatter_class = ReadableFormatter


def _commands(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _commands(sub)


def _choices(param: Any) -> list[str] | None:
    """A choice's words; also those of a ``parser=`` that reads other words for them
    (``commands._common.word_option``: ``--outcome werk``), which lists its keys."""
    if isinstance(param.type, TyperChoice):
        return [str(c.value if isinstance(c, Enum) else c) for c in param.type.choices]
    if isinstance(param.type, types.FuncParamType):
        keys = getattr(param.type.func, "choices", None)
        return list(keys) if keys else None
    return None


def _number_metavar(param: Any) -> str | None:
    kind = param.type
    if isinstance(kind, types.IntParamType):
        return "INTEGER"
    if isinstance(kind, types.FloatParamType):
        return "FLOAT"
    if isinstance(kind, types.FuncParamType):  # a parser= from commands._common.number_option
        return getattr(kind.func, "metavar", None)
    return None


def readable(command: Any) -> Any:
    """Plain help for a command and its subcommands: see the module's docstring."""
    for cmd in _commands(command):
        cmd.rich_markup_mode = None
        cmd.context_class = ReadableContext
        for param in cmd.params:
            _name_types(param)
    return command


def _name_types(param: Any) -> None:
    if param.param_type_name == "argument":
        name = (param.metavar or param.name or "").upper()

        def metavar(ctx: Any = None, *, usage: bool = False) -> str:
            return f"[{name}]" if usage and not param.required else name

        param.make_metavar = metavar
        return
    if getattr(param, "is_flag", False) or getattr(param, "count", False):
        return
    number = _number_metavar(param)
    if number:
        param.metavar = number
    elif (choices := _choices(param)) is not None:
        listed = f"[{'|'.join(choices)}]"
        if len(max(param.opts, key=len)) + 1 + len(listed) <= MAX_CHOICES_WIDTH:
            param.metavar = listed
        else:
            param.metavar = (param.name or "").upper()
            param.help = f"{param.help or ''} One of: {', '.join(choices)}.".strip()
    elif param.metavar is None:
        param.metavar = "PATH" if param.type.name == "path" else "TEXT"
