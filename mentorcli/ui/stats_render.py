"""Turning the cohort report into a terminal view, flat CSV rows, or JSON."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

PREFIX = {
    "outcomes": "outcome",
    "followup_outcomes": "followup_outcome",
    "latest_outcomes": "latest_outcome",
    "early_closure_reasons": "early_reason",
    "topics": "topic",
    "sessions_per_month": "sessions_month",
}


def _key(text: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in str(text).casefold()).strip("_")


def flatten(row: Mapping[str, Any]) -> dict[str, Any]:
    """One flat row for CSV: outcome_job, positive_outcome_rate_numerator, reach_gender_f…"""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict) and "rate" in value:
            flat[key] = value["rate"]
            flat[f"{key}_numerator"] = value["numerator"]
            flat[f"{key}_denominator"] = value["denominator"]
        elif key == "reach":
            for group, counts in value.items():
                for name, count in counts.items():
                    flat[f"reach_{group}_{_key(name)}"] = count
        elif isinstance(value, dict):
            for name, count in value.items():
                flat[f"{PREFIX[key]}_{_key(name)}"] = count
        elif isinstance(value, list):
            flat[key] = ";".join(value)
        else:
            flat[key] = value
    return flat


def csv_columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns


def _cell(value: Any, threshold: int | None, hidden: bool = False) -> str:
    if hidden:
        return f"<{threshold}"
    if value is None or (isinstance(value, dict) and value.get("rate") is None):
        return "–"
    if isinstance(value, dict):
        return f"{value['rate'] * 100:.1f}% ({value['numerator']}/{value['denominator']})"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Reach",
        [
            ("mentees_enrolled", "mentees enrolled"),
            ("mentors_enrolled", "mentors enrolled"),
            ("people_served", "people served"),
            ("mentees_served", "  mentees"),
            ("mentors_served", "  mentors"),
            ("mentees_waiting_at_end", "mentees waiting at end"),
            ("median_days_to_match", "median days to match"),
            ("max_days_to_match", "max days to match"),
        ],
    ),
    (
        "Trajectories",
        [
            ("trajectories_started", "started"),
            ("trajectories_closed", "closed"),
            ("trajectories_active_at_end", "active at end"),
            ("early_closures", "closed early"),
            ("early_closure_reasons.*", "  "),
            ("reached_planned_end_rate", "reached the planned end"),
            ("mean_weeks_closed", "mean weeks (closed)"),
        ],
    ),
    (
        "Activity",
        [
            ("sessions", "sessions"),
            ("hours", "hours"),
            ("hours_per_active_week", "hours per active week"),
            ("topics.*", "  topic "),
        ],
    ),
    (
        "Outcomes",
        [
            ("outcomes.*", ""),
            ("positive_outcome_rate", "positive outcome rate"),
            ("stable_job_rate", "stable job rate"),
            ("followups_recorded", "follow-ups recorded"),
            ("followup_positive_rate", "  positive at follow-up"),
            ("latest_positive_rate", "positive, latest known"),
            ("latest_stable_job_rate", "stable job, latest known"),
            ("mentor_retention", "mentors starting another duo"),
        ],
    ),
]


def _lines(
    rows: Sequence[Mapping[str, Any]], key: str, label: str, prefix: str = ""
) -> list[tuple[str, list[Any], list[bool]]]:
    """(label, values, hidden flags) for a key, or one line per entry of a ``group.*`` key."""

    def hidden(row: Mapping[str, Any], path: str) -> bool:
        return f"{prefix}{path}" in row.get("suppressed", [])

    if key.endswith(".*"):
        group = key[:-2]
        names: list[str] = []
        for row in rows:
            names += [n for n in _dig(row, prefix)[group] if n not in names]
        return [
            (
                f"{label}{n}",
                [_dig(row, prefix)[group].get(n) for row in rows],
                [hidden(row, f"{group}.{n}") for row in rows],
            )
            for n in names
        ]
    return [(label, [row.get(key) for row in rows], [hidden(row, key) for row in rows])]


def _dig(row: Mapping[str, Any], prefix: str) -> Mapping[str, Any]:
    return row["reach"] if prefix == "reach." else row


def render(rows: Sequence[Mapping[str, Any]], threshold: int | None) -> Any:
    """Rich renderables: a panel per section, the (year, city) cohorts side by side."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from mentorcli.ui.output import visible

    headers = [f"{r['year']}" + (f" {r['city']}" if r["city"] else "") for r in rows]
    panels: list[Any] = []
    for title, items in SECTIONS:
        grid = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
        grid.add_column("")
        for header in headers:
            grid.add_column(header, justify="right")
        for key, label in items:
            for text, values, flags in _lines(rows, key, label):
                grid.add_row(
                    text, *[_cell(v, threshold, f) for v, f in zip(values, flags, strict=True)]
                )
        panels.append(Panel(grid, title=Text(title), title_align="left"))
    reach = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    reach.add_column("mentees served, by")
    for header in headers:
        reach.add_column(header, justify="right")
    for group in rows[0]["reach"]:
        reach.add_row(Text(group.replace("_", " "), style="bold"), *["" for _ in rows])
        for text, values, flags in _lines(rows, f"{group}.*", "  ", prefix="reach."):
            reach.add_row(
                text, *[_cell(v, threshold, f) for v, f in zip(values, flags, strict=True)]
            )
    panels.append(Panel(reach, title=Text("Who was reached"), title_align="left"))
    for row, header in zip(rows, headers, strict=True):
        # A str title would be read as markup by Panel: a city is data, so it goes as Text.
        caption = Text(visible(f"{header}: outcomes and sessions per month"))
        panels.append(Panel(_bars(row), title=caption, title_align="left"))
    return Group(*panels)


def _bars(row: Mapping[str, Any]) -> Any:
    from rich.table import Table
    from rich.text import Text

    grid = Table(box=None, show_header=False, pad_edge=False)
    grid.add_column()
    grid.add_column()
    grid.add_column(justify="right")
    outcomes = {k: v for k, v in row["outcomes"].items() if k != "stable_job"}
    months = row["sessions_per_month"]
    largest = max([v or 0 for v in [*outcomes.values(), *months.values()]] + [1])
    for name, value in [*outcomes.items(), *[(f"month {m}", v) for m, v in months.items()]]:
        width = round(30 * (value or 0) / largest)
        colour = "green" if name in ("job", "training", "internship") else "cyan"
        shown = "suppressed" if value is None else str(value)
        grid.add_row(name, Text("█" * width, style=colour), shown)
    return grid


def show(
    rows: Sequence[Mapping[str, Any]], fmt: str, threshold: int | None, *, to_file: bool
) -> str | None:
    """The report as the chosen format: printed to stdout, or (``to_file``) returned as the
    text to write. The table is as wide as the terminal, else 140 columns."""
    import io
    import json
    import sys

    from mentorcli.ui.output import OutputFormat, console, csv_text

    if fmt == OutputFormat.json:
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    elif fmt == OutputFormat.csv:
        flat = [flatten(r) for r in rows]
        text = csv_text(flat, csv_columns(flat))
    else:
        buffer = io.StringIO()
        target = buffer if to_file else sys.stdout
        console(target, width=None if target.isatty() else 140).print(render(rows, threshold))
        if not to_file:
            return None
        text = buffer.getvalue()
    if to_file:
        return text
    sys.stdout.write(text)
    return None
