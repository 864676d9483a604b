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
    "hours_per_month": "hours_month",
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
        return f"suppressed (<{threshold})"
    if value is None or (isinstance(value, dict) and value.get("rate") is None):
        return "–"
    if isinstance(value, dict):
        return f"{value['rate'] * 100:.1f}% ({value['numerator']}/{value['denominator']})"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


# (key, label): a ``group.*`` key is one line per entry of the group, its name shown in
# words from the vocabulary (LABEL_KINDS) after the label.
SECTIONS: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Headline figures",
        [
            ("positive_within_12_months_rate", "positive within 12 months"),
            ("completed_rate", "lasted to the planned end"),
            ("mentor_retention", "mentors starting another duo"),
        ],
    ),
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
            ("requeued_closures", "followed by a requeue"),
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
            ("topics.*", "  topic: "),
        ],
    ),
    (
        "Check-ins",
        [
            ("check_ins", "check-ins"),
            ("duos_flagged", "duos flagged"),
            ("early_closure_rate_flagged", "closed early, flagged"),
            ("early_closure_rate_unflagged", "closed early, not flagged"),
        ],
    ),
    (
        "Outcomes",
        [
            ("closures_rated", "closures rated"),
            ("outcomes.*", ""),
            ("positive_outcome_rate", "positive outcome rate"),
            ("stable_job_rate", "stable job rate"),
            ("followups_recorded", "follow-ups recorded"),
            ("followup_positive_rate", "  positive at follow-up"),
            ("latest_positive_rate", "positive, latest known"),
            ("latest_stable_job_rate", "stable job, latest known"),
        ],
    ),
]
# The vocabulary each group's keys come from (core.vocabulary.LABELS).
LABEL_KINDS = {
    "early_closure_reasons": "reason",
    "topics": "topic",
    "outcomes": "outcome",
    "age_band": "age_band",
    "gender": "gender",
    "origin": "origin",
    "world_region": "world_region",
    "education": "education",
    "diploma_recognised": "diploma_recognised",
    "referral": "referral",
}


def _lines(
    rows: Sequence[Mapping[str, Any]], key: str, label: str, prefix: str = ""
) -> list[tuple[str, list[Any], list[bool]]]:
    """(label, values, hidden flags) for a key, or one line per entry of a ``group.*`` key."""
    from mentorcli.core.vocabulary import label as words

    def hidden(row: Mapping[str, Any], path: str) -> bool:
        return f"{prefix}{path}" in row.get("suppressed", [])

    if key.endswith(".*"):
        group = key[:-2]
        names: list[str] = []
        for row in rows:
            names += [n for n in _dig(row, prefix)[group] if n not in names]
        kind = LABEL_KINDS[group]
        return [
            (
                f"{label}{words(kind, n)}",
                [_dig(row, prefix)[group].get(n) for row in rows],
                [hidden(row, f"{group}.{n}") for row in rows],
            )
            for n in names
        ]
    return [(label, [row.get(key) for row in rows], [hidden(row, key) for row in rows])]


def _dig(row: Mapping[str, Any], prefix: str) -> Mapping[str, Any]:
    return row["reach"] if prefix == "reach." else row


Line = tuple[str, list[str], bool]  # label, one cell per cohort, a heading


def _section_lines(
    rows: Sequence[Mapping[str, Any]], threshold: int | None
) -> list[tuple[str, list[Line]]]:
    """Every panel's lines as text, for all cohorts."""
    from mentorcli.core.vocabulary import label as words

    def cells(values: list[Any], flags: list[bool]) -> list[str]:
        return [_cell(v, threshold, f) for v, f in zip(values, flags, strict=True)]

    out: list[tuple[str, list[Line]]] = []
    for title, items in SECTIONS:
        lines = [
            (text, cells(values, flags), False)
            for key, label in items
            for text, values, flags in _lines(rows, key, label)
        ]
        out.append((title, lines))
    reach: list[Line] = []
    for group in rows[0]["reach"]:
        reach.append((words("reach", group), ["" for _ in rows], True))
        reach += [
            (text, cells(values, flags), False)
            for text, values, flags in _lines(rows, f"{group}.*", "  ", prefix="reach.")
        ]
    out.append((REACHED, reach))
    return out


REACHED = "Who was reached"
PANEL = 4  # a panel's border and padding, left and right


def _layout(
    headers: list[str], sections: list[tuple[str, list[Line]]], width: int
) -> tuple[int, list[int], list[list[int]]]:
    """The label column's width, each cohort's, and the cohorts shown side by side: as
    many as the page holds, in order.

    Labels keep one line when one cohort fits beside them, else wrap at spaces (never
    below their longest word); a figure never wraps.
    """
    from rich.cells import cell_len

    labels = [text for _, lines in sections for text, _, _ in lines]
    label_want = max(cell_len(text) for text in labels)
    label_least = max(cell_len(w) for text in labels for w in text.split() or [""])
    values = [
        max([cell_len(headers[i])] + [cell_len(c[i]) for _, lines in sections for _, c, _ in lines])
        for i in range(len(headers))
    ]
    label_width = max(label_least, min(label_want, width - PANEL - 2 - max(values)))
    chunks: list[list[int]] = []
    used = 0
    for i, size in enumerate(values):
        if chunks and used + 2 + size <= width:
            chunks[-1].append(i)
            used += 2 + size
        else:
            chunks.append([i])
            used = PANEL + label_width + 2 + size
    return label_width, values, chunks


def render(
    rows: Sequence[Mapping[str, Any]], threshold: int | None, width: int | None = None
) -> Any:
    """Rich renderables: a panel per section, the (year, city) cohorts side by side, in
    as many rounds as the page width needs (``width``: the page's, by default)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from mentorcli.ui.output import page_width, visible

    width = width or page_width()
    headers = [f"{r['year']}" + (f" {r['city']}" if r["city"] else "") for r in rows]
    sections = _section_lines(rows, threshold)
    label_width, values, chunks = _layout(headers, sections, width)
    panels: list[Any] = []
    for chunk in chunks:
        for title, lines in sections:
            grid = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
            first_header = "mentees served, by" if title == REACHED else ""
            grid.add_column(first_header, width=label_width)
            for i in chunk:
                grid.add_column(headers[i], justify="right", no_wrap=True, width=values[i])
            for text, cells, heading in lines:
                first = Text(text, style="bold") if heading else text
                grid.add_row(first, *[cells[i] for i in chunk])
            # A str title would be read as markup by Panel: a city is data, so it goes as Text.
            panels.append(Panel(grid, title=Text(title), title_align="left", width=width))
    for row, header in zip(rows, headers, strict=True):
        caption = Text(visible(f"{header}: outcomes and sessions per month"))
        bars = _bars(row, width, threshold)
        panels.append(Panel(bars, title=caption, title_align="left", width=width))
    return Group(*panels)


def _bars(row: Mapping[str, Any], width: int, threshold: int | None) -> Any:
    from rich.table import Table
    from rich.text import Text

    from mentorcli.core.vocabulary import label

    grid = Table(box=None, show_header=False, pad_edge=False)
    grid.add_column()
    grid.add_column(no_wrap=True)
    grid.add_column(justify="right", no_wrap=True)
    outcomes = {k: v for k, v in row["outcomes"].items() if k != "stable_job"}
    months = row["sessions_per_month"]
    names = [label("outcome", k) for k in outcomes] + [label("month", m) for m in months]
    shown = [
        f"suppressed (<{threshold})" if v is None else str(v)
        for v in [*outcomes.values(), *months.values()]
    ]
    room = width - PANEL - max(len(n) for n in names) - max(len(s) for s in shown) - 4
    longest = max(1, min(30, room))
    largest = max([v or 0 for v in [*outcomes.values(), *months.values()]] + [1])
    keys = [*outcomes, *months]
    values = [*outcomes.values(), *months.values()]
    for key, name, value, text in zip(keys, names, values, shown, strict=True):
        length = round(longest * (value or 0) / largest)
        colour = "green" if key in ("job", "training", "internship") else "cyan"
        grid.add_row(name, Text("█" * length, style=colour), text)
    return grid


def show(
    rows: Sequence[Mapping[str, Any]], fmt: str, threshold: int | None, *, to_file: bool
) -> str | None:
    """The report as the chosen format: printed to stdout, or (``to_file``) returned as the
    text to write. The table is as wide as the page (``output.page_width``)."""
    import io
    import json
    import sys

    from mentorcli.ui.output import OutputFormat, console, csv_text, page_width

    if fmt == OutputFormat.json:
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    elif fmt == OutputFormat.csv:
        flat = [flatten(r) for r in rows]
        text = csv_text(flat, csv_columns(flat))
    else:
        buffer = io.StringIO()
        target = buffer if to_file else sys.stdout
        console(target, width=page_width()).print(render(rows, threshold))
        if not to_file:
            return None
        text = buffer.getvalue()
    if to_file:
        return text
    sys.stdout.write(text)
    return None
