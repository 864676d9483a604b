"""Putting people into the programme: the rules and duplicate checks around the insert."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mentorcli import people
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.vocabulary import SPECIAL_FIELDS
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
) -> people.Person:
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


# Optional to type, but never empty in the file: the enrolment date defaults to the day,
# the background preference to "no" (the people table's NOT NULL columns).
ALWAYS_SET = frozenset({"enrolled_on", "prefers_similar_background"})


def fields_to_clear(given: dict[str, Any], clear: Sequence[str]) -> list[str]:
    """The field names of ``--clear`` (a usage error if one is not an optional field), and
    a usage error when nothing at all would change: both before the file is opened."""
    cleared = [c.replace("-", "_").lstrip("_") for c in clear]
    bad = [c for c in cleared if c not in people.FIELDS or people.FIELDS[c].required]
    if bad:
        raise UsageError("; ".join(f"--clear takes an optional field name, not {b!r}" for b in bad))
    kept = [c for c in cleared if c in ALWAYS_SET]
    if kept:
        raise UsageError(
            "; ".join(
                f"--clear {k.replace('_', '-')}: it always has a value; give a new one"
                for k in kept
            )
        )
    if not given and not cleared:
        raise UsageError("nothing to change: give at least one field option")
    return cleared


def _follow_on(db: Database, person: people.Person, changes: dict[str, Any]) -> dict[str, Any]:
    """What else an edit changes, checked against the ESF+ rules (a usage error if they
    do not fit): an education typed again is sure; a mentee no longer unemployed has no
    unemployment date; a withdrawn special-category consent takes that data with it."""
    more: dict[str, Any] = {}
    if "education" in changes and person["education_unsure"]:
        more["education_unsure"] = 0
    if person["role"] != "mentee":
        return more
    recorded = {**person, **people.special_category(db, person["id"])}
    if (
        changes.get("labour_status", "unemployed") != "unemployed"
        and "unemployed_since" not in changes
        and recorded.get("unemployed_since")
    ):
        more["unemployed_since"] = None
    if "special_consent_on" in changes and changes["special_consent_on"] is None:
        more.update({f: None for f in SPECIAL_FIELDS if f not in changes and recorded.get(f)})
    from mentorcli.people import esf

    problems = esf.problems({**recorded, **changes, **more})
    if problems:
        raise UsageError("; ".join(problems))
    return more


@dataclass(frozen=True)
class Edited:
    """A person after `edit`, and the fields that changed."""

    person: people.Person
    changed: list[str]


def edit(
    db: Database,
    person_id: int,
    given: dict[str, Any],
    cleared: Sequence[str],
    *,
    force: bool = False,
) -> Edited:
    """Change the given fields and empty the cleared ones; checked, written and logged in
    one transaction, so a refused edit leaves the file as it was."""
    with transaction(db):
        people.refuse_erased(db, person_id)
        person = people.get_person(db, person_id)
        role = person["role"]
        changes, errors = people.validate(role, given, partial=True)
        errors += [
            f"--clear {c}: not a {role} field"
            for c in cleared
            if role not in people.FIELDS[c].roles
        ]
        if errors:
            raise UsageError("; ".join(errors))
        changes.update(dict.fromkeys(cleared))
        if role == "mentor" and "capacity" in changes and changes["capacity"] is None:
            raise UsageError("a mentor always has a capacity")
        changes.update(_follow_on(db, person, changes))
        people.check_edit(db, person, changes, settings.load(db), force=force)
        people.update_person(db, person_id, changes)
        log_event(db, "edit", person_id=person_id, details={"fields": sorted(changes)})
        return Edited(people.get_person(db, person_id), sorted(changes))


def check_withdraw(
    db: Database, person_id: int, day: dt.date, *, duos_follow: bool = False
) -> people.Person:
    """Refuse a withdrawal that cannot be: an erased person, one who already withdrew, one
    in an active trajectory (close it first), a date before the enrolment. The command
    calls this before its question, and :func:`withdraw` again inside its transaction.
    ``duos_follow``: the active duos are closed in the same transaction, first
    (``lifecycle.changes.withdraw``)."""
    people.refuse_erased(db, person_id)
    person = people.get_person(db, person_id)
    if person["withdrawn_on"]:
        raise MentorError(f"{person['name']} already withdrew on {person['withdrawn_on']}")
    active = db.execute(
        "SELECT id FROM trajectories WHERE status = 'active' "
        "AND (mentee_id = ? OR mentor_id = ?) ORDER BY id",
        [person_id, person_id],
    ).fetchall()
    if active and not duos_follow:
        ids = ", ".join(str(r[0]) for r in active)
        raise MentorError(
            f"{person['name']} is in active trajectory {ids}: close it first "
            "(mentorcli close … --reason mentee-withdrew or mentor-withdrew)"
        )
    if day.isoformat() < person["enrolled_on"]:
        raise MentorError(f"--date {day} is before the enrolment on {person['enrolled_on']}")
    return person


def withdraw(db: Database, person_id: int, day: dt.date) -> people.Person:
    """Mark a person as having left on ``day`` (see :func:`check_withdraw`). Returns the
    person as they were before."""
    with transaction(db):
        person = check_withdraw(db, person_id, day)
        people.update_person(db, person_id, {"withdrawn_on": day.isoformat()})
        log_event(db, "withdraw", person_id=person_id)
    return person
