"""One way out: data to stdout as a table, JSON or CSV; messages to stderr.

Scripts read stdout, so nothing but the data goes there; a coordinator reads both.
Everything a person typed is shown as text: Rich consoles come only from ``console()``,
on which no string is read as markup or emoji codes, and control characters are shown
(``visible``), never obeyed. Styling is done with ``rich.text.Text`` objects.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, TextIO

from mentorcli.core.vocabulary import label
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

        def on_broken_pipe(self) -> None:
            # Rich exits 1 here; a reader that stops early (`| head`) is normal: the CLI
            # turns this into exit 0 without a word.
            self.quiet = True
            raise BrokenPipeError

    return LiteralConsole


def console(file: TextIO, *, width: int | None = None) -> Any:
    """The only way to a Rich console: literal text, no highlighting of numbers or URLs."""
    return _literal_console_class()(
        file=file, width=width, highlight=False, markup=False, emoji=False
    )


def is_terminal() -> bool:
    return sys.stdout.isatty()


MIN_WIDTH = 30  # below this nothing reads well; a narrower COLUMNS is taken as this


def page_width() -> int:
    """The columns stdout may use: ``COLUMNS`` when set, else the terminal's, else 80.

    A pipe or a file gets 80 unless COLUMNS says otherwise: ``less`` and editors show a
    page that wide without folding, and so does an e-mail from cron.
    """
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    if is_terminal():
        try:
            return max(os.get_terminal_size(sys.stdout.fileno()).columns, MIN_WIDTH)
        except (OSError, ValueError):
            pass
    return 80


def stdout_console() -> Any:
    """Rich on stdout, as wide as the page (see ``page_width``)."""
    return console(sys.stdout, width=page_width())


def silence_stdout() -> None:
    """After the reader of a pipe went away (``| head``): nothing more is written.

    stdout is pointed at /dev/null so that the interpreter's last flush at exit does not
    fail again and print a warning; stopping early is normal for a pipe.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test runner's buffer)
        pass


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
    """CSV on stdout: to a file or a pipe exactly as stored; on a terminal with control
    characters shown (``visible``), as a name from before they were refused may hold an
    escape sequence the terminal would obey."""
    if is_terminal():
        rows = [{k: visible(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows]
    sys.stdout.write(csv_text(rows, columns))


# Columns whose stored keys are shown as words (core.vocabulary.LABELS), by kind.
LABELLED = {
    "status": "status",
    "outcome": "outcome",
    "followup_outcome": "outcome",
    "contract": "contract",
    "close_reason": "reason",
    "reason": "reason",
    "topics": "topic",
    "role": "role",
    "gender": "gender",
    "prefers_gender": "gender",
    "education": "education",
    "labour_status": "labour_status",
    "disability": "special",
    "homeless": "special",
    "referral": "referral",
    "origin_region": "world_region",
    "kind": "reminder",
}
# Never wrapped inside a table cell: an id, a date, a status, a reason, a score. A
# column of these is as wide as its widest cell, or the table takes a narrower layout.
WHOLE = frozenset(
    {
        "id",
        "rank",
        "person_id",
        "trajectory_id",
        "mentee_id",
        "mentor_id",
        "at",
        "date",
        "due",
        "planned_end",
        "started_on",
        "closed_on",
        "last_session",
        "since",
        "score",
        "hours",
        "minutes",
        "sessions",
        *LABELLED,
    }
)


def cell_text(column: str, value: Any) -> str:
    """A value as a person reads it in a human view: words for keys, yes/no, no markup.

    JSON and CSV never come here: they keep the stored keys.
    """
    if value is None:
        return ""
    if type(value) is str:  # most cells: one test for them
        if column in LABELLED:
            return visible(label(LABELLED[column], value))
        if column in ("origin_country", "nationality"):
            return visible(_country_name(value))
        return visible(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(column, v) for v in value)
    if isinstance(value, dict):
        if value.keys() == {"from", "to"}:  # a correction in the event log
            before, after = (cell_text(column, value[k]) or "none" for k in ("from", "to"))
            return f"{before} → {after}"
        return ", ".join(
            f"{str(k).replace('_', ' ')}: {cell_text(str(k), v)}" for k, v in value.items()
        )
    return cell_text(column, str(value))


# Events whose details keep each changed field as [from, to] (mentorcli/lifecycle/changes.py):
# read as "from → to", never as a list of two values.
FROM_TO_ACTIONS = frozenset({"close-amend", "reopen", "follow-up-amend", "extend", "requeue"})


def _value(row: Mapping[str, Any], column: str) -> Any:
    """A row's value for one column; an event's [from, to] pairs as corrections."""
    value = row.get(column)
    if column == "details" and row.get("action") in FROM_TO_ACTIONS and isinstance(value, dict):
        return {
            key: {"from": pair[0], "to": pair[1]}
            if isinstance(pair, list) and len(pair) == 2
            else pair
            for key, pair in value.items()
        }
    return value


def _country_name(code: str) -> str:
    from mentorcli.core.reference import country

    try:
        return f"{country(code).name} ({code})"
    except ValueError:
        return code


def _one_line(text: str) -> str:
    """A cell on one line: a note's line breaks and runs of spaces become one space."""
    if "  " in text or "\n" in text or "\t" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def _cells(text: str) -> int:
    """Terminal cells a text takes: its length for ASCII, Rich's measure otherwise."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _whole(column: str) -> bool:
    return column in WHOLE or column.endswith(("_on", "_id"))


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells, broken at spaces (kept as they are within a
    line); a word is cut only when it alone is wider than ``width``, the last resort."""
    from rich.cells import cell_len, get_character_cell_size

    lines: list[str] = []
    line, used, space = "", 0, ""
    for token in re.findall(r"\S+|\s+", text):
        if token.isspace():
            space = token if line else ""
            continue
        size = cell_len(token)
        if line and used + len(space) + size <= width:
            line, used, space = line + space + token, used + len(space) + size, ""
            continue
        if line:
            lines.append(line)
        while size > width:
            piece, taken = "", 0
            for char in token:
                char_size = get_character_cell_size(char)
                if taken + char_size > width and piece:
                    break
                piece, taken = piece + char, taken + char_size
            lines.append(piece)
            token = token[len(piece) :]
            size = cell_len(token)
        line, used, space = token, size, ""
    if line or not lines:
        lines.append(line)
    return lines


def _fit(
    natural: Sequence[int], snug: Sequence[int], least: Sequence[int], room: int
) -> list[int] | None:
    """Column widths within ``room``, or None when even the least widths do not fit.

    ``natural`` shows every header on one line, ``snug`` every cell on one line (a
    header may wrap), ``least`` only keeps each word whole. Headers wrap first; then
    the widest columns are narrowed first, never below their longest word.
    """
    if sum(natural) <= room:
        return list(natural)
    if sum(least) > room:
        return None
    if sum(snug) <= room:
        fitted, spare = list(snug), room - sum(snug)
        for i, want in enumerate(natural):
            grow = min(spare, want - fitted[i])
            fitted[i] += grow
            spare -= grow
        return fitted

    def widths(cap: int) -> list[int]:
        return [max(low, min(high, cap)) for high, low in zip(snug, least, strict=True)]

    low, high = 0, max(snug)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(widths(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    fitted = widths(low)
    spare = room - sum(fitted)
    for i, want in enumerate(snug):
        if spare and fitted[i] < want:
            fitted[i] += 1
            spare -= 1
    return fitted


ROWS_WRAPPED = 2


class _Grid:
    """Cells as text, a column at a time, and what each column needs: its natural width
    (header on one line), its snug width (every cell on one line) and, only when those
    do not fit, its least width (its longest word)."""

    def __init__(
        self,
        rows: Sequence[Mapping[str, Any]],
        columns: Sequence[str],
        headers: dict[str, str] | None = None,
    ) -> None:
        headers = headers or {}
        self.columns = list(columns)
        self.headers = [headers.get(c, c.replace("_", " ")) for c in columns]
        self.cols = [[_one_line(cell_text(c, _value(row, c))) for row in rows] for c in columns]
        self.lens = [[_cells(v) for v in col] for col in self.cols]
        self.rows = len(rows)
        self.numeric = [
            any(
                isinstance(row.get(c), int | float) and not isinstance(row.get(c), bool)
                for row in rows[:50]
            )
            for c in columns
        ]
        widest = [max(lens, default=0) for lens in self.lens]
        words = [max(map(_cells, h.split() or [""])) for h in self.headers]
        self.natural = [max(w, _cells(h), 1) for w, h in zip(widest, self.headers, strict=True)]
        self.snug = [max(w, hw, 1) for w, hw in zip(widest, words, strict=True)]
        self._header_words = words
        self._least: list[int] | None = None

    @property
    def least(self) -> list[int]:
        if self._least is None:
            self._least = []
            for column, col, snug, header in zip(
                self.columns, self.cols, self.snug, self._header_words, strict=True
            ):
                if _whole(column):
                    self._least.append(snug)
                else:
                    longest = max((_cells(w) for v in col for w in v.split()), default=0)
                    self._least.append(max(longest, header, 1))
        return self._least

    def fit(self, room: int) -> list[int] | None:
        if sum(self.natural) <= room:
            return list(self.natural)
        return _fit(self.natural, self.snug, self.least, room)

    def plain(self, widths: Sequence[int], title: str | None, width: int, gap: int) -> str:
        """Aligned columns ``gap`` spaces apart, a rule under the headers, cells wrapped."""
        out = _wrap(visible(title), width) if title else []
        sep = " " * gap
        out += self._lines(self.headers, [_cells(h) for h in self.headers], widths, sep)
        out.append(sep.join("-" * w for w in widths))
        padded = [
            [
                " " * (w - n) + v if num else v + " " * (w - n)
                for v, n in zip(col, lens, strict=True)
            ]
            for col, lens, w, num in zip(self.cols, self.lens, widths, self.numeric, strict=True)
        ]
        long = {
            r
            for lens, w in zip(self.lens, widths, strict=True)
            for r, n in enumerate(lens)
            if n > w
        }
        for r, parts in enumerate(zip(*padded, strict=True)):
            if r in long:
                row = [col[r] for col in self.cols]
                out += self._lines(row, [lens[r] for lens in self.lens], widths, sep)
            else:
                out.append(sep.join(parts).rstrip())
        return "\n".join(out) + "\n"

    def _lines(
        self, values: Sequence[str], lens: Sequence[int], widths: Sequence[int], sep: str
    ) -> list[str]:
        wrapped = [
            [v] if n <= w else _wrap(v, w) for v, n, w in zip(values, lens, widths, strict=True)
        ]
        lines = []
        for n in range(max(len(w) for w in wrapped)):
            parts = []
            for cell, width, numeric in zip(wrapped, widths, self.numeric, strict=True):
                text = cell[n] if n < len(cell) else ""
                pad = " " * (width - _cells(text))
                parts.append(pad + text if numeric else text + pad)
            lines.append(sep.join(parts).rstrip())
        return lines

    def records(self, width: int, title: str | None) -> str:
        """One block per row, a field a line: for a page too narrow for the columns."""
        label_width = max(_cells(h) for h in self.headers)
        room = max(width - label_width - 2, 10)
        out = _wrap(visible(title), width) + [""] if title else []
        for r in range(self.rows):
            if r:
                out.append("")
            for header, col in zip(self.headers, self.cols, strict=True):
                value = col[r]
                if not value:
                    continue
                first, *rest = _wrap(value, room)
                out.append(header + " " * (label_width - _cells(header) + 2) + first)
                out += [" " * (label_width + 2) + line for line in rest]
        return "\n".join(out) + "\n"

    def height(self, widths: Sequence[int]) -> int:
        """Lines the rows take at these column widths."""
        if all(w >= s for w, s in zip(widths, self.snug, strict=True)):
            return self.rows
        extra = [0] * self.rows
        for col, lens, w in zip(self.cols, self.lens, widths, strict=True):
            for r, n in enumerate(lens):
                if n > w:
                    extra[r] = max(extra[r], len(_wrap(col[r], w)) - 1)
        return self.rows + sum(extra)

    def layout(self, width: int, *, boxed: bool) -> tuple[str, list[int], int]:
        """("boxed", widths, 0), ("plain", widths, gap) or ("records", [], 0).

        Of the tables that fit (a box when ``boxed``, then columns two spaces apart, then
        one), the one whose rows take the fewest lines; a block per row instead when a
        row would take more than ROWS_WRAPPED lines on average (a long reason squeezed
        into a narrow column reads better on lines of its own).
        """
        n = len(self.natural)
        options: list[tuple[str, list[int], int]] = []
        for kind, gap, room in (
            ("boxed", 0, width - 3 * n - 1),
            ("plain", 2, width - 2 * (n - 1)),
            ("plain", 1, width - (n - 1)),
        ):
            if kind == "boxed" and not boxed:
                continue
            widths = self.fit(room)
            if widths is not None:
                options.append((kind, widths, gap))
                if self.height(widths) == self.rows:
                    break  # nothing wraps: no layout takes fewer lines
        if not options:
            return ("records", [], 0)
        heights = [self.height(widths) for _, widths, _ in options]
        best = options[heights.index(min(heights))]
        if min(heights) > ROWS_WRAPPED * self.rows:
            return ("records", [], 0)
        return best

    def text(self, width: int, title: str | None) -> str:
        """Plain columns, or a block per row: what ``layout`` finds best without a box."""
        kind, widths, gap = self.layout(width, boxed=False)
        if kind == "records":
            return self.records(width, title)
        return self.plain(widths, title, width, gap)


def table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    headers: dict[str, str] | None = None,
    width: int | None = None,
) -> Any:
    """A Rich renderable that fits the page: on a terminal a boxed table when it can
    without cutting an id, a date or a word; else (and in a pipe or a file) plain
    aligned columns; else a block per row."""
    from rich.table import Table
    from rich.text import Text

    width = width or page_width()
    grid = _Grid(rows, columns, headers)
    kind, widths, gap = grid.layout(width, boxed=is_terminal())
    if kind == "records":
        return Text(grid.records(width, title).rstrip("\n"))
    if kind == "plain":
        return Text(grid.plain(widths, title, width, gap).rstrip("\n"))
    boxed = Table(title=title, title_justify="left", header_style="bold")
    for header, size, numeric in zip(grid.headers, widths, grid.numeric, strict=True):
        boxed.add_column(header, justify="right" if numeric else "left", width=size)
    for row in zip(*grid.cols, strict=True):
        boxed.add_row(*row)
    return boxed


def render(
    rows: Sequence[Mapping[str, Any]],
    fmt: OutputFormat,
    columns: Sequence[str],
    *,
    title: str | None = None,
    all_columns: Sequence[str] | None = None,
    empty: str = "Nothing to show.",
    headers: dict[str, str] | None = None,
) -> None:
    """Print rows: the chosen columns as a table (``headers`` names some of them in
    fewer words); JSON and CSV carry ``all_columns`` under their keys."""
    if fmt == OutputFormat.json:
        emit_json(list(rows))
    elif fmt == OutputFormat.csv:
        emit_csv(rows, all_columns or columns)
    elif not rows:
        message(empty)
    elif not is_terminal() or len(rows) > PLAIN_ABOVE:
        sys.stdout.write(plain_table(rows, columns, title=title, headers=headers))
    else:
        stdout_console().print(table(rows, columns, title=title, headers=headers))


PLAIN_ABOVE = 300  # Rich measures every cell: 2 s for 2,000 rows; plain text is instant


def plain_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    title: str | None = None,
    width: int | None = None,
    headers: dict[str, str] | None = None,
) -> str:
    """Aligned columns without box drawing, for pipes, grep and long lists; a block per
    row when the columns cannot fit the page."""
    return _Grid(rows, columns, headers).text(width or page_width(), title)


def emit_text(text: str, *, hang: int = 2) -> None:
    """Lines of text folded at spaces to the page width, continuation lines indented
    ``hang`` more than their line (reminders, doctor)."""
    width = page_width()
    out = []
    for line in visible(text).split("\n"):
        body = line.lstrip(" ")
        indent = len(line) - len(body)
        first = _wrap(body, max(width - indent, 10))[0]
        out.append(" " * indent + first)
        rest = body[len(first) :].strip()
        if rest:
            out += [
                " " * (indent + hang) + more for more in _wrap(rest, max(width - indent - hang, 10))
            ]
    sys.stdout.write("\n".join(out))
