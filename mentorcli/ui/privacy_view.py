"""How `doctor`, `forget` and `purge` report: checks, the erasure question, what was erased."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mentorcli.ui.output import (
    TextFormat,
    emit_json,
    emit_text,
    message,
    stdout_console,
    table,
)

if TYPE_CHECKING:
    from mentorcli.lifecycle.trajectories import Trajectory
    from mentorcli.people import Person
    from mentorcli.privacy.doctor import Check
    from mentorcli.privacy.gdpr import DueForPurge, Forgotten


def render_checks(results: Sequence[Check], fmt: str) -> None:
    if fmt == TextFormat.json:
        emit_json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in results])
        return
    lines = [f"{'ok     ' if c.ok else 'PROBLEM'}  {c.name}: {c.detail}" for c in results]
    emit_text("".join(f"{line}\n" for line in lines), hang=9)


def forget_question(person: Person, ending: Sequence[Trajectory]) -> str:
    """The question before an erasure: the person in full, and the duos it ends."""
    from mentorcli import people
    from mentorcli.lifecycle import trajectories

    described = [trajectories.describe(t) for t in ending]
    ends = f"; this ends {', '.join(described)} (reason erased)" if described else ""
    return f"Erase {people.describe(person)} for good{ends}?"


def ended_trajectories(result: Forgotten) -> str:
    return ", ".join(f"trajectory {t}" for t in result["ended_trajectories"])


def render_forgotten(person_id: int, result: Forgotten) -> None:
    ended = ended_trajectories(result)
    message(
        f"Erased the identifying data of person {person_id}"
        + (f"; {ended} ended with reason erased" if ended else "")
        + ". Older backups still hold it: make a new backup and delete the old ones "
        "(mentorcli doctor lists them)."
    )


def purge_question(due: Sequence[DueForPurge], shown: int = 10) -> str:
    """The question before a purge names who is erased, in full with ids (the first ten,
    then how many more: --dry-run lists them all)."""
    names = [f"{p['name']} ({p['role']} {p['id']})" for p in due[:shown]]
    more = f" and {len(due) - shown} more (see --dry-run)" if len(due) > shown else ""
    return f"Erase {len(due)} person(s) for good: {', '.join(names)}{more}?"


def render_purge_preview(due: Sequence[DueForPurge]) -> None:
    stdout_console().print(
        table(
            due,
            ["id", "name", "role", "city", "ended_on"],
            title=f"{len(due)} person(s) would be erased",
        )
    )
