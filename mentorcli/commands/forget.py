"""`mentorcli forget`: the right to erasure, for one person."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, require_yes, resolve_person


def forget(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, or the person's whole name."),
    yes: opt.YesForScripts = False,
) -> None:
    """Erase a person's identifying data for good; the anonymous statistics stay.

    Takes an id or the whole name (a part of a name is refused: this cannot be undone).
    An active trajectory of the person ends with reason "erased".
    Example: mentorcli forget 12 --yes
    """
    from mentorcli import people
    from mentorcli.core.clock import today
    from mentorcli.core.errors import MentorError
    from mentorcli.privacy import gdpr
    from mentorcli.store.db import transaction
    from mentorcli.ui import privacy_view as view

    db = database(ctx, create=False)
    person_id = resolve_person(db, ref, exact=True)
    person = people.get_person(db, person_id)
    if person["erased_on"]:
        raise MentorError(f"person {person_id} was already erased on {person['erased_on']}")
    question = view.forget_question(person, gdpr.active_trajectories(db, person_id))
    require_yes(yes, "forget cannot be undone: confirm with --yes")
    confirm_irreversible(yes, question)
    with transaction(db):
        result = gdpr.forget(db, person_id, day=today())
    ended = view.ended_trajectories(result)
    gdpr.finish_erasure(db, f"person {person_id}" + (f" ({ended} ended)" if ended else ""))
    view.render_forgotten(person_id, result)
