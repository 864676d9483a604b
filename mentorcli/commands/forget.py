"""`mentorcli forget` and `mentorcli purge`: the right to erasure, and the retention period."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, resolve_person


def forget(
    ref: str = typer.Argument(..., help="An id or a name."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation (scripts)."),
) -> None:
    """Erase a person's identifying data for good; the anonymous statistics stay.

    Example: mentorcli forget 12 --yes
    """
    from mentorcli import gdpr, people, prompts
    from mentorcli.clock import today
    from mentorcli.db import transaction
    from mentorcli.errors import MentorError, UsageError
    from mentorcli.output import message

    db = database(create=False)
    person_id = resolve_person(db, ref)
    person = people.get_person(db, person_id)
    if not yes:
        if not prompts.interactive():
            raise UsageError("forget cannot be undone: confirm with --yes")
        if not prompts.confirm(f"Erase {person['name']} ({person_id}) for good?"):
            raise MentorError("cancelled: nothing was changed")
    with transaction(db):
        gdpr.forget(db, person_id, day=today())
    gdpr.scrub_files(db)
    message(
        f"Erased the identifying data of person {person_id}. Older backups still hold "
        "it: make a new backup and delete the old ones (mentorcli doctor reminds you)."
    )


def purge(
    older_than: int = typer.Option(
        None,
        "--older-than",
        min=1,
        metavar="YEARS",
        help="Retention period in years (default: the retention.years setting).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="List who would be erased."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation (scripts)."),
) -> None:
    """Erase everyone whose involvement ended longer ago than the retention period.

    Example: mentorcli purge --older-than 7 --dry-run
    """
    from mentorcli import gdpr, prompts, settings
    from mentorcli.clock import today
    from mentorcli.db import transaction
    from mentorcli.errors import MentorError, UsageError
    from mentorcli.output import message, stdout_console, table

    db = database(create=False)
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
    gdpr.scrub_files(db)
    message(f"Erased {len(due)} person(s) past the {years}-year retention period.")
