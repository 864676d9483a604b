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
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")


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
    else:
        stdout_console().print(table(rows, columns, title=title))
