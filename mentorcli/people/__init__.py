"""Mentors and mentees: validating what a coordinator types, spotting duplicates,
finding people by id or name, enrolling and importing them.

Domain layer: imports ``mentorcli.store`` and ``mentorcli.core``; imported by commands,
ui and the other domain packages. Nothing here prints or prompts; callers pass a
``choose`` callback when a person must pick. The package re-exports the person record
API of ``registry`` so callers write ``people.get_person``.
"""

from __future__ import annotations

from mentorcli.people.registry import (
    BOOLEAN_FIELDS,
    FIELDS,
    NAME_SIMILARITY,
    PUBLIC_COLUMNS,
    REQUIRED,
    Candidate,
    Duplicate,
    Field,
    Person,
    check_edit,
    columns_for,
    describe,
    find_by_name,
    find_duplicates,
    find_exact,
    get_person,
    insert_person,
    list_people,
    person_dict,
    refuse_erased,
    resolve,
    rule_violations,
    special_category,
    update_person,
    validate,
)

__all__ = [
    "BOOLEAN_FIELDS",
    "Candidate",
    "Duplicate",
    "FIELDS",
    "Field",
    "Person",
    "NAME_SIMILARITY",
    "PUBLIC_COLUMNS",
    "REQUIRED",
    "check_edit",
    "columns_for",
    "describe",
    "find_by_name",
    "find_duplicates",
    "find_exact",
    "get_person",
    "insert_person",
    "list_people",
    "person_dict",
    "refuse_erased",
    "resolve",
    "rule_violations",
    "special_category",
    "update_person",
    "validate",
]
