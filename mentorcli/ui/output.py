"""One way out: data to stdout as a table, JSON or CSV; messages to stderr.

Scripts read stdout, so nothing but the data goes there; a coordinator reads both.
Everything a person typed is shown as text: Rich consoles come only from ``console()``,
on which no string is read as markup or emoji codes, and control characters are shown
(``visible``), never obeyed. Styling is done with ``rich.text.Text`` objects.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TextIO

from mentorcli.reports.tabular import csv_text


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFormat(StrEnum):
    text = "text"
    json = "json"


class TableOrJson(StrEnum):
    """For a command whose result is one record or a message: there is no CSV of it."""

    table = "table"
    json = "json"


class JsonOrCsv(StrEnum):
    """For `export`: files for a program, never a table."""

    json = "json"
    csv = "csv"


# Shown as ``\x1b`` rather than obeyed: C0/C1 controls (a terminal escape can clear the
# screen or rewrite a line), line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates that make a line read differently than it is.
_CONTROLS = frozenset(
    [chr(c) for c in range(0x20) if chr(c) not in "\n\t"]
    + [chr(c) for c in range(0x7F, 0xA0)]
    + ["\u2028", "\u2029", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))]
)


def visible(value: Any) -> str:
    """A value as text a terminal shows and never obeys; every script, emoji and space stays.

    Newlines and tabs stay (notes). Names cannot hold the rest any more (``people.validate``
    refuses them), but a file written before that, or edited by hand, may.
    """
    text = str(value)
    if _CONTROLS.isdisjoint(text):
        return text
    return "".join(c.encode("unicode_escape").decode() if c in _CONTROLS else c for c in text)


@functools.cache
def _literal_console_class() -> Any:
    from rich.console import Console

    class LiteralConsole(Console):
        """A Console on which every string is literal text: never markup, never an emoji code.

        Rich turns every ``str`` it prints (messages, table cells, titles, headers) into
        ``Text`` here, so no command can forget to escape a name: ``[/b]`` in a name is
        shown as typed instead of ending in a MarkupError after the commit. Styling is done
        with ``rich.text.Text`` objects, which never parse their text either.
        """

        def render_str(self, text: str, **options: Any) -> Any:
            options.update(markup=False, emoji=False)
            return super().render_str(visible(text), **options)

    return LiteralConsole


def console(file: TextIO, *, width: int | None = None) -> Any:
    """The only way to a Rich console: literal text, no highlighting of numbers or URLs."""
    return _literal_console_class()(
        file=file, width=width, highlight=False, markup=False, emoji=False
    )


def is_terminal() -> bool:
    return sys.stdout.isatty()


def stdout_console() -> Any:
    """Rich on stdout; piped output gets a wide page so rows are not folded mid-name."""
    return console(sys.stdout, width=None if is_terminal() else 160)


def stderr_console() -> Any:
    return console(sys.stderr)


def message(text: str) -> None:
    """A line for the person at the terminal, never mixed into the data on stdout."""
    stderr_console().print(text, soft_wrap=True)


def emit_json(data: Any) -> None:
    sys.stdout.write(json_text(data))


def json_text(data: Any) -> str:
    """``json.dumps(indent=2)``, byte for byte, but fast for long lists of flat rows.

    With ``indent`` the standard library falls back to its pure-Python encoder (0.15 s
    for 2,000 people); flat rows are assembled here from C-encoded scalars instead.
    """
    flat = (
        isinstance(data, list)
        and data
        and all(
            isinstance(row, dict)
            and row
            and all(not isinstance(v, dict | list | tuple) for v in row.values())
            for row in data
        )
    )
    if not flat:
        return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    rows = [
        "  {\n" + ",\n".join(f"    {encode(str(k))}: {encode(v)}" for k, v in row.items()) + "\n  }"
        for row in data
    ]
    return "[\n" + ",\n".join(rows) + "\n]\n"


def emit_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> None:
    sys.stdout.write(csv_text(rows, columns))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    from rich.table import Table

    headers = headers or {}
    grid = Table(title=title, title_justify="left", header_style="bold")
    for column in columns:
        numeric = bool(rows) and isinstance(rows[0].get(column), int | float)
        grid.add_column(
            headers.get(column, column.replace("_", " ")),
            justify="right" if numeric else "left",
            no_wrap=column in {"name", "mentee", "mentor", "partner", "id"},
        )
    for row in rows:
        grid.add_row(*[_cell(row.get(c)) for c in columns])
    return grid


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    columns: Sequence[str],
    *,
    title: str | None = None,
    all_columns: Sequence[str] | None = None,
    empty: str = "Nothing to show.",
) -> None:
    """Print rows: the chosen columns as a table; JSON and CSV carry ``all_columns``."""
    if fmt == OutputFormat.json:
        emit_json(list(rows))
    elif fmt == OutputFormat.csv:
        emit_csv(rows, all_columns or columns)
    elif not rows:
        message(empty)
    elif not is_terminal() or len(rows) > PLAIN_ABOVE:
        sys.stdout.write(plain_table(rows, columns, title=title))
    else:
        stdout_console().print(table(rows, columns, title=title))


PLAIN_ABOVE = 300  # Rich measures every cell: 2 s for 2,000 rows; plain text is instant
MAX_CELL = 40


def _plain_text(value: Any) -> str:
    """One cell of a plain table: on one line, at most MAX_CELL characters."""
    if not isinstance(value, str):  # most cells are text: one test for them
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            value = f"{value:g}"
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        value = str(value)
    value = visible(" ".join(value.split()))
    return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"


def plain_table(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *, title: str | None = None
) -> str:
    """Aligned columns without box drawing: for pipes, grep, and very long lists.

    Built a column at a time and formatted a line at a time: `list` prints 2,000 people
    this way, and its time beyond the imports is what a coordinator waits for.
    """
    headers = [c.replace("_", " ") for c in columns]
    cells = [list(map(_plain_text, [row.get(c) for row in rows])) for c in columns]
    widths = [max([len(h), *map(len, col)]) for h, col in zip(headers, cells, strict=True)]
    numeric = [bool(rows) and isinstance(rows[0].get(c), int | float) for c in columns]
    layout = "  ".join(
        f"{{:{'>' if num else '<'}{w}}}" for w, num in zip(widths, numeric, strict=True)
    )
    out = [visible(title)] if title else []
    out += [layout.format(*headers).rstrip(), "  ".join("-" * w for w in widths)]
    out += [layout.format(*line).rstrip() for line in zip(*cells, strict=True)]
    return "\n".join(out) + "\n"
