"""`mentorcli stats`: the yearly report for funders, for a terminal and for scripts."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option
from mentorcli.ui.output import OutputFormat, message


def stats(
    ctx: typer.Context,
    year: opt.Years = [],  # noqa: B006 (Typer reads the default, never mutates it)
    from_year: int | None = typer.Option(None, "--from", help="First year of a range."),
    to_year: int | None = typer.Option(None, "--to", help="Last year of a range."),
    city: opt.City = None,
    by: opt.ByCity = None,
    as_of: str | None = typer.Option(
        None, "--as-of", help="Count up to this date (default today): 'active at end' etc."
    ),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
    output: Path | None = typer.Option(
        None, "--output", help="Write to this file (readable by you only) instead of stdout."
    ),
    preset: opt.Preset = None,
    suppress_below: opt.SuppressBelow = None,
) -> None:
    """Yearly figures: reach, trajectories, sessions, outcomes and who was reached.

    Never shows a name, contact or note. Example:
    mentorcli stats --year 2024 --year 2025 --by city --format csv --output stats.csv
    """
    from mentorcli.reports import esf, exporting
    from mentorcli.reports import stats as figures
    from mentorcli.store.files import check_target
    from mentorcli.ui import esf_render, stats_render

    day = day_option(as_of, "--as-of", past=False)
    if output is not None:
        check_target(output)
    if preset == "esf":
        esf_year = esf.one_year(year, from_year, to_year, by, default=day.year)
        db = database(ctx, create=False)
        table = esf.published(db, esf_year, city=city, as_of=day, suppress_below=suppress_below)
        text = esf_render.show(table, fmt, suppress_below, to_file=output is not None)
    else:
        years = figures.years_asked(year, from_year, to_year, default=day.year)
        db = database(ctx, create=False)
        rows = figures.published(
            db, years, city=city, by_city=by == "city", as_of=day, suppress_below=suppress_below
        )
        text = stats_render.show(rows, fmt, suppress_below, to_file=output is not None)
    if output is not None and text is not None:
        exporting.write_logged(db, output, text, what="stats", fmt=fmt.value)
        message(f"Wrote {output} (readable by you only).")
