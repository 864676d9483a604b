"""`mentorcli withdraw`: a person leaves the programme; kept for statistics, never matched."""

from __future__ import annotations

import typer

from mentorcli.commands._common import confirm_irreversible, database, day_option, resolve_person


def withdraw(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, or the person's whole name."),
    date: str = typer.Option(None, "--date", help="Date they left, YYYY-MM-DD (default today)."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation at a terminal."),
) -> None:
    """Withdraw a person from the programme (they stay in the statistics).

    Takes an id or the whole name (a part of a name is refused: this cannot be undone).
    Example: mentorcli withdraw "Jan Peeters" --date 2025-03-01
    """
    from mentorcli import people
    from mentorcli.core.errors import MentorError
    from mentorcli.store.db import log_event, transaction
    from mentorcli.ui.output import message

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    person_id = resolve_person(db, ref, exact=True)
    confirm_irreversible(
        yes, f"Withdraw {people.describe(people.get_person(db, person_id))} on {day}?"
    )
    with transaction(db):
        people.refuse_erased(db, person_id)
        person = people.get_person(db, person_id)
        if person["withdrawn_on"]:
            raise MentorError(f"{person['name']} already withdrew on {person['withdrawn_on']}")
        active = db.execute(
            "SELECT id FROM trajectories WHERE status = 'active' "
            "AND (mentee_id = ? OR mentor_id = ?) ORDER BY id",
            [person_id, person_id],
        ).fetchall()
        if active:
            ids = ", ".join(str(r[0]) for r in active)
            raise MentorError(
                f"{person['name']} is in active trajectory {ids}: close it first "
                "(mentorcli close … --reason mentee-withdrew or mentor-withdrew)"
            )
        if day.isoformat() < person["enrolled_on"]:
            raise MentorError(f"--date {day} is before the enrolment on {person['enrolled_on']}")
        people.update_person(db, person_id, {"withdrawn_on": day.isoformat()})
        log_event(db, "withdraw", person_id=person_id)
    message(f"{person['name']} ({person_id}) withdrew on {day}.")
