"""`mentorcli stats`: the yearly report for funders, for a terminal and for scripts."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from mentorcli.commands._common import city_option, database, day_option, format_option
from mentorcli.ui.output import OutputFormat


class By(StrEnum):
    city = "city"


def stats(
    ctx: typer.Context,
    year: list[int] = typer.Option(
        [], "--year", help="Year to report (repeatable; default this year)."
    ),
    from_year: int | None = typer.Option(None, "--from", help="First year of a range."),
    to_year: int | None = typer.Option(None, "--to", help="Last year of a range."),
    city: str | None = typer.Option(
        None, "--city", parser=city_option, metavar="CITY", help="Only this programme city."
    ),
    by: By | None = typer.Option(None, "--by", help="city: one column per city as well."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Count up to this date (default today): 'active at end' etc."
    ),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
    output: Path | None = typer.Option(
        None, "--output", help="Write to this file (readable by you only) instead of stdout."
    ),
    suppress_below: int | None = typer.Option(
        None,
        "--suppress-below",
        min=2,
        metavar="N",
        help="Blank every breakdown count from 1 to N-1 (for figures leaving the organisation).",
    ),
) -> None:
    """Yearly figures: reach, trajectories, sessions, outcomes and who was reached.

    Never shows a name, contact or note. Example:
    mentorcli stats --year 2024 --year 2025 --by city --format csv --output stats.csv
    """
    import io
    import sys

    from mentorcli.core.errors import UsageError
    from mentorcli.reports import stats as figures
    from mentorcli.reports.suppression import suppress
    from mentorcli.ui import stats_render
    from mentorcli.ui.output import csv_text, message

    day = day_option(as_of, "--as-of", past=False)
    if output is not None:
        from mentorcli.store.files import check_target

        check_target(output)
    years = list(year)
    if from_year is not None or to_year is not None:
        if from_year is None or to_year is None or from_year > to_year:
            raise UsageError("--from and --to go together, --from first")
        years += [from_year, to_year]  # checked before the range between them is built
    if any(not 1990 <= y <= 2200 for y in years):
        raise UsageError("a year is between 1990 and 2200")
    if from_year is not None and to_year is not None:
        years += range(from_year, to_year + 1)
    years = sorted(set(years)) or [day.year]
    if len(years) > 50:
        raise UsageError("at most 50 years at once")
    db = database(ctx, create=False)
    rows = figures.report(db, years, city=city, by_city=by == By.city, as_of=day)
    if suppress_below:
        suppress(rows, suppress_below, by_city=by == By.city and city is None)
    if fmt == OutputFormat.json:
        import json

        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    elif fmt == OutputFormat.csv:
        flat = [stats_render.flatten(r) for r in rows]
        text = csv_text(flat, stats_render.csv_columns(flat))
    else:
        from mentorcli.ui.output import console

        buffer = io.StringIO()
        target = sys.stdout if output is None else buffer
        console(target, width=None if target.isatty() else 140).print(
            stats_render.render(rows, suppress_below)
        )
        if output is None:
            return
        text = buffer.getvalue()
    if output is None:
        sys.stdout.write(text)
        return
    from mentorcli.store.db import log_event, transaction
    from mentorcli.store.files import write_private

    with transaction(db):  # logged only if written; refused before writing if it cannot be
        write_private(output, text)
        log_event(db, "export", details={"what": "stats", "format": fmt.value})
    message(f"Wrote {output} (readable by you only).")
