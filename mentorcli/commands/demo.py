"""`mentorcli demo`: an invented programme to try every command on, never the real database."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database, db_option


def demo(
    ctx: typer.Context,
    db: Path = typer.Option(
        None, "--db", help="Where to write it (default: a new file in the current folder)."
    ),
    people: int = typer.Option(80, "--people", min=2, max=200_000, help="How many people."),
    seed: int = typer.Option(1, "--seed", help="Same seed, same programme."),
    cities: int = typer.Option(5, "--cities", min=1, max=10, help="How many cities."),
    years: int = typer.Option(
        1, "--years", min=0, max=30, help="Years of history (0: nobody matched yet)."
    ),
) -> None:
    """Write an invented sample programme, then show it per city and propose matches.

    It never touches your real database: it writes mentorcli-demo.db in the current
    folder unless --db names another new file. Example: mentorcli demo --people 200
    """
    from mentorcli.core.clock import today
    from mentorcli.lifecycle import demo as generator
    from mentorcli.lifecycle import pairing
    from mentorcli.reports.overview import per_city
    from mentorcli.ui.overview import render_demo

    target = Path(db or db_option(ctx) or "mentorcli-demo.db").expanduser()
    summary = generator.write_new(
        target, people=people, seed=seed, cities=cities, years=years, today=today()
    )
    written = database(ctx, path=target)
    render_demo(target, summary, per_city(written), pairing.propose(written, as_of=today()))
