"""`mentorcli demo`: an invented programme to try every command on, never the real database."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from mentorcli.commands._common import db_option


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
    from mentorcli.core.errors import MentorError
    from mentorcli.lifecycle import demo as generator
    from mentorcli.store.db import open_db
    from mentorcli.ui import overview
    from mentorcli.ui.output import message

    target = Path(db or db_option(ctx) or "mentorcli-demo.db").expanduser()
    if target.exists() and target.stat().st_size > 0:
        existing = open_db(target)
        count = existing.execute("SELECT count(*) FROM people").fetchone()[0]
        was_demo = existing.execute("SELECT 1 FROM events WHERE action = 'demo'").fetchone()
        existing.close()
        if count and not was_demo:
            raise MentorError(
                f"{target} already holds {count} people: the demo only writes a new database "
                "or replaces an earlier demo (pass another --db)"
            )
    # Written beside the target and moved over it once complete, so a demo that fails
    # half-way leaves no file, or the earlier demo, exactly as it was.
    draft = target.with_name(f".{target.name}.{os.getpid()}.draft")
    try:
        database = open_db(draft)
        try:
            summary = generator.generate(
                database, people=people, seed=seed, cities=cities, years=years, today=today()
            )
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file
        finally:
            database.close()
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(draft, target)
    finally:
        for suffix in ("", "-wal", "-shm"):
            draft.with_name(draft.name + suffix).unlink(missing_ok=True)
    database = open_db(target)
    message(
        f"Wrote an invented programme to {target}: {summary.mentors} mentors, "
        f"{summary.mentees} mentees, {summary.trajectories} trajectories, "
        f"{summary.sessions} sessions in {', '.join(summary.cities)}."
    )
    overview.print_overview(database)
    from mentorcli.lifecycle import pairing
    from mentorcli.ui.match_view import render_proposal

    render_proposal(pairing.propose(database, as_of=today()))
    message(f"Try: mentorcli --db {target} match --apply   (or: list mentees, show, stats)")
