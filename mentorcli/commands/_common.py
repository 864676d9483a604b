"""What every command shares: the global --db option and the ways to open the database."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass
class _State:
    db_option: str | None = None


state = _State()


class Role(StrEnum):
    mentor = "mentor"
    mentee = "mentee"


class Roles(StrEnum):
    """The plural the coordinator types for `list`."""

    mentors = "mentors"
    mentees = "mentees"


def database(*, create: bool = True) -> Database:
    from mentorcli.db import open_db

    return open_db(state.db_option, create=create)


def resolve_person(db: Database, ref: str, role: str | None = None) -> int:
    """A person's id from an id or a name; on a terminal an ambiguous name is a pick list."""
    from mentorcli import people, prompts

    return people.resolve(db, ref, role, choose=prompts.pick_person)


def usage_error(errors: list[str]) -> Any:
    from mentorcli.errors import UsageError

    return UsageError("; ".join(errors))
