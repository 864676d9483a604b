"""Putting people into the programme: the rules and duplicate checks around the insert."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mentorcli import people
from mentorcli.core.errors import MentorError
from mentorcli.store import settings
from mentorcli.store.db import log_event, transaction

if TYPE_CHECKING:
    from sqlite_utils import Database


def duplicate_message(dup: people.Duplicate) -> str:
    return (
        f"likely already enrolled as {dup.existing_id} {dup.existing_name} ({dup.why}); "
        "use --allow-duplicate if this is someone else"
    )


def enrol(
    db: Database,
    role: str,
    person: dict[str, Any],
    *,
    force: bool = False,
    allow_duplicate: bool = False,
) -> dict[str, Any]:
    """Check the programme rules and duplicates, insert, log; one transaction."""
    with transaction(db):
        problems = people.rule_violations(role, person, settings.load(db))
        if problems and not force:
            raise MentorError(f"{'; '.join(problems)} (use --force to enrol anyway)")
        if not allow_duplicate:
            found = people.find_duplicates(db, role, [person])
            if found:
                raise MentorError(duplicate_message(found[0]))
        person_id = people.insert_person(db, role, person)
        log_event(db, "enrol", person_id=person_id, details={"role": role, "forced": force})
        return people.get_person(db, person_id)
