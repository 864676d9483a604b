"""`mentorcli forget` and `mentorcli purge`: the right to erasure, and the retention period."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from mentorcli.commands._common import database, resolve_person

if TYPE_CHECKING:
    from sqlite_utils import Database


def forget(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, or the person's whole name."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation (scripts)."),
) -> None:
    """Erase a person's identifying data for good; the anonymous statistics stay.

    Takes an id or the whole name (a part of a name is refused: this cannot be undone).
    An active trajectory of the person ends with reason "erased".
    Example: mentorcli forget 12 --yes
    """
    from mentorcli import people
    from mentorcli.core.clock import today
    from mentorcli.core.errors import MentorError, UsageError
    from mentorcli.lifecycle import trajectories
    from mentorcli.privacy import gdpr
    from mentorcli.store.db import transaction
    from mentorcli.ui import prompts
    from mentorcli.ui.output import message

    db = database(ctx, create=False)
    person_id = resolve_person(db, ref, exact=True)
    person = people.get_person(db, person_id)
    if person["erased_on"]:
        raise MentorError(f"person {person_id} was already erased on {person['erased_on']}")
    ending = [trajectories.describe(t) for t in gdpr.active_trajectories(db, person_id)]
    ends = f"; this ends {', '.join(ending)} (reason erased)" if ending else ""
    if not yes:
        if not prompts.interactive():
            raise UsageError("forget cannot be undone: confirm with --yes")
        if not prompts.confirm(f"Erase {people.describe(person)} for good{ends}?"):
            raise MentorError("cancelled: nothing was changed")
    with transaction(db):
        result = gdpr.forget(db, person_id, day=today())
    ended = ", ".join(f"trajectory {t}" for t in result["ended_trajectories"])
    _scrub(db, f"person {person_id}" + (f" ({ended} ended)" if ended else ""))
    message(
        f"Erased the identifying data of person {person_id}"
        + (f"; {ended} ended with reason erased" if ended else "")
        + ". Older backups still hold it: make a new backup and delete the old ones "
        "(mentorcli doctor lists them)."
    )


def _scrub(db: Database, who: str) -> None:
    """Report success only once the erased bytes are gone from the file and its WAL."""
    from mentorcli.core.errors import DatabaseLocked
    from mentorcli.store import scrub

    if not scrub.scrub_files(db):
        raise DatabaseLocked(
            f"{who} is erased, but another program has the database open and keeps the old "
            "data in its write-ahead log; the next mentorcli command that opens the file "
            "finishes the erasure once that program lets go"
        )


def purge(
    ctx: typer.Context,
    older_than: int = typer.Option(
        None,
        "--older-than",
        min=1,
        max=100,
        metavar="YEARS",
        help="Retention period in years (default: the retention.years setting).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="List who would be erased."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation (scripts)."),
) -> None:
    """Erase everyone whose involvement ended longer ago than the retention period.

    Example: mentorcli purge --older-than 7 --dry-run
    """
    from mentorcli.core.clock import today
    from mentorcli.core.errors import MentorError, UsageError
    from mentorcli.privacy import gdpr
    from mentorcli.store import settings
    from mentorcli.store.db import transaction
    from mentorcli.ui import prompts
    from mentorcli.ui.output import message, stdout_console, table

    db = database(ctx, create=False)
    years = older_than or settings.load(db)["retention.years"]
    due = gdpr.due_for_purge(db, older_than_years=years, today=today())
    if not due:
        message(f"Nobody's involvement ended more than {years} years ago.")
        return
    if dry_run:
        stdout_console().print(
            table(
                due,
                ["id", "name", "role", "city", "ended_on"],
                title=f"{len(due)} person(s) would be erased",
            )
        )
        return
    if not yes:
        if not prompts.interactive():
            raise UsageError("purge cannot be undone: confirm with --yes (or use --dry-run)")
        if not prompts.confirm(f"Erase {len(due)} person(s) for good?"):
            raise MentorError("cancelled: nothing was changed")
    with transaction(db):
        for person in due:
            gdpr.forget(db, person["id"], day=today())
    _scrub(db, f"{len(due)} person(s)")
    message(f"Erased {len(due)} person(s) past the {years}-year retention period.")
