"""The ESF+ table (reports.esf) as a terminal view, CSV (one row per indicator) or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mentorcli.reports.esf import CELLS, SECTIONS

TITLES = {
    "outputs": "ESF+ outputs: participants who started",
    "results": "ESF+ results upon leaving: participants who left",
    "longer_term_results": "ESF+ results six months after leaving: follow-ups 5 to 8 months on",
}
HEADERS = {"non_binary": "non-binary"}
BLANK = "–"


def csv_rows(table: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per indicator, with the year, city and section it belongs to."""
    return [
        {"year": table["year"], "city": table["city"], "section": section, **indicator}
        for section in SECTIONS
        for indicator in table[section]
    ]


def render(table: Mapping[str, Any], threshold: int | None, width: int) -> Any:
    """A panel per section: code, label, and the count by gender."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    panels: list[Any] = []
    where = f"{table['year']}" + (f" {table['city']}" if table["city"] else "")
    for section in SECTIONS:
        grid = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
        grid.add_column("code", no_wrap=True)
        grid.add_column("indicator", ratio=1)
        for cell in CELLS:
            grid.add_column(HEADERS.get(cell, cell), justify="right", no_wrap=True)
        for indicator in table[section]:
            values = [BLANK if indicator[c] is None else str(indicator[c]) for c in CELLS]
            grid.add_row(indicator["code"], indicator["label"], *values)
        title = Text(f"{TITLES[section]} ({where})")  # the city is data: Text, not markup
        panels.append(Panel(grid, title=title, title_align="left", width=width))
    if threshold and table.get("suppressed"):
        note = f"{BLANK} suppressed: a count from 1 to {threshold - 1}, or one that gives it back"
        panels.append(Text(note))
    return Group(*panels)


def show(table: Mapping[str, Any], fmt: str, threshold: int | None, *, to_file: bool) -> str | None:
    """Like stats_render.show: printed to stdout, or (``to_file``) returned as text."""
    import io
    import sys

    from mentorcli.ui.output import OutputFormat, console, csv_text, json_text, page_width

    if fmt == OutputFormat.json:
        text = json_text(table)
    elif fmt == OutputFormat.csv:
        rows = csv_rows(table)
        text = csv_text(rows, ["year", "city", "section", "code", "label", *CELLS])
    else:
        buffer = io.StringIO()
        target = buffer if to_file else sys.stdout
        console(target, width=page_width()).print(render(table, threshold, page_width()))
        if not to_file:
            return None
        text = buffer.getvalue()
    if to_file:
        return text
    sys.stdout.write(text)
    return None
