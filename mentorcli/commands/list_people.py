"""`mentorcli list`: mentors or mentees by city and status; duos; forbidden pairs."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import Listing, database, format_option
from mentorcli.ui.output import OutputFormat

STATUSES = {
    "mentors": ("available", "full", "inactive", "erased"),
    "mentees": ("waiting", "matched", "done", "withdrawn", "erased"),
    "trajectories": ("active", "closed", "all"),
    "forbidden": (),
}


def list_people(
    ctx: typer.Context,
    who: Listing = typer.Argument(..., help="mentors, mentees, trajectories or forbidden."),
    city: opt.City = None,
    status: opt.ListStatus = None,
    year: opt.ListYear = None,
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """List mentors, mentees, trajectories (duos) or forbidden pairs.

    Example: mentorcli list trajectories --city Gent --year 2025
    """
    from mentorcli import people
    from mentorcli.core.errors import UsageError
    from mentorcli.reports import listings
    from mentorcli.ui import list_view
    from mentorcli.ui.person_view import LIST_COLUMNS, render_people

    kind = who.value
    refused = {
        "--status": bool(status) and kind == "forbidden",
        "--city": bool(city) and kind == "forbidden",
        "--year": year is not None and kind != "trajectories",
    }
    if any(refused.values()):
        raise UsageError(f"list {kind} takes no {', '.join(o for o, no in refused.items() if no)}")
    if status and status not in STATUSES[kind]:
        raise UsageError(f"--status for {kind} is one of {', '.join(STATUSES[kind])}")
    db = database(ctx, create=False)
    if kind == "forbidden":
        return list_view.render_forbidden(listings.forbidden_pairs(db), fmt)
    if kind == "trajectories":
        chosen = status or ("all" if year is not None else "active")
        duos = listings.trajectories(db, status=chosen, city=city, year=year)
        return list_view.render_trajectories(duos, fmt)
    shown = LIST_COLUMNS[kind] if fmt == OutputFormat.table else None  # else them all
    rows = people.list_people(db, kind[:-1], city=city, status=status, columns=shown)
    render_people(rows, kind, fmt)
