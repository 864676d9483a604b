"""One way out: data to stdout as a table, JSON or CSV; messages to stderr.

Scripts read stdout, so nothing but the data goes there; a coordinator reads both.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class TextFormat(StrEnum):
    text = "text"
    json = "json"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def stdout_console() -> Any:
    """Rich on stdout; piped output gets a wide page so rows are not folded mid-name."""
    from rich.console import Console

    width = None if sys.stdout.isatty() else 160
    return Console(file=sys.stdout, highlight=False, width=width)


def stderr_console() -> Any:
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False)


def message(text: str) -> None:
    """A line for the person at the terminal, never mixed into the data on stdout."""
    stderr_console().print(text, markup=True, soft_wrap=True)


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


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return value


def csv_text(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def emit_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> None:
    sys.stdout.write(csv_text(rows, columns))


def _cell(value: Any) -> str:
    from rich.markup import escape

    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return escape(str(value))


def table(
    rows: Sequence[dict[str, Any]],
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
    rows: Sequence[dict[str, Any]],
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
    elif not sys.stdout.isatty() or len(rows) > PLAIN_ABOVE:
        sys.stdout.write(plain_table(rows, columns, title=title))
    else:
        stdout_console().print(table(rows, columns, title=title))


PLAIN_ABOVE = 300  # Rich measures every cell: 2 s for 2,000 rows; plain text is instant
MAX_CELL = 40


def plain_table(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], *, title: str | None = None
) -> str:
    """Aligned columns without box drawing: for pipes, grep, and very long lists."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            value = f"{value:g}"
        elif isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        value = " ".join(str(value).split())
        return value if len(value) <= MAX_CELL else value[: MAX_CELL - 1] + "…"

    headers = [c.replace("_", " ") for c in columns]
    cells = [[text(row.get(c)) for c in columns] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    numeric = [bool(rows) and isinstance(rows[0].get(c), int | float) for c in columns]

    def line(values: Sequence[str]) -> str:
        return "  ".join(
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ).rstrip()

    out = [title] if title else []
    out += [line(headers), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"
