"""`mentorcli edit`: correct or complete what was recorded about a person."""

from __future__ import annotations

import typer

from mentorcli.commands import _person_options as opt
from mentorcli.commands._common import database, resolve_person, usage_error
from mentorcli.ui.output import OutputFormat


def edit(
    ref: str = typer.Argument(..., help="An id or a name."),
    name: opt.Name = None,
    email: opt.Email = None,
    phone: opt.Phone = None,
    city: opt.City = None,
    languages: opt.Languages = None,
    sector: opt.Sector = None,
    occupation: opt.Occupation = None,
    education: opt.Education = None,
    birth_year: opt.BirthYear = None,
    gender: opt.Gender = None,
    hours_per_week: opt.Hours = None,
    enrolled_on: opt.EnrolledOn = None,
    consent_on: opt.ConsentOn = None,
    notes: opt.Notes = None,
    capacity: opt.Capacity = None,
    organisation: opt.Organisation = None,
    knows_diploma_recognition: opt.KnowsRecognition = None,
    origin_country: opt.Origin = None,
    diploma_recognised: opt.Diploma = None,
    referral: opt.Referral = None,
    prefers_gender: opt.PrefersGender = None,
    prefers_similar_background: bool = typer.Option(
        None,
        "--prefers-similar-background/--no-similar-background",
        help="Mentee: wants a mentor with a similar path.",
        show_default=False,
    ),
    force: bool = typer.Option(
        False, "--force", help="Change it even if a programme age rule says no."
    ),
    clear: list[str] = typer.Option(
        [], "--clear", metavar="FIELD", help="Empty an optional field, e.g. --clear phone."
    ),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
) -> None:
    """Change fields of an enrolled person; only the options given change.

    Example: mentorcli edit 12 --phone "+32 475 12 34 56" --clear email
    """
    from mentorcli import people
    from mentorcli.store import settings
    from mentorcli.store.db import log_event, transaction
    from mentorcli.ui.output import emit_json, message

    raw = opt.collect(
        name=name,
        email=email,
        phone=phone,
        city=city,
        languages=languages,
        sector=sector,
        occupation=occupation,
        education=education,
        birth_year=birth_year,
        gender=gender,
        hours_per_week=hours_per_week,
        enrolled_on=enrolled_on,
        consent_on=consent_on,
        notes=notes,
        capacity=capacity,
        organisation=organisation,
        knows_diploma_recognition=knows_diploma_recognition,
        origin_country=origin_country,
        diploma_recognised=diploma_recognised,
        referral=referral,
        prefers_gender=prefers_gender,
        prefers_similar_background=prefers_similar_background,
    )
    cleared = [c.replace("-", "_").lstrip("_") for c in clear]
    bad = [c for c in cleared if c not in people.FIELDS or people.FIELDS[c].required]
    if bad:
        raise usage_error([f"--clear takes an optional field name, not {b!r}" for b in bad])
    if not raw and not cleared:
        raise usage_error(["nothing to change: give at least one field option"])
    db = database(create=False)
    person_id = resolve_person(db, ref)  # a pick list, so before the write lock
    with transaction(db):
        people.refuse_erased(db, person_id)
        person = people.get_person(db, person_id)
        role = person["role"]
        changes, errors = people.validate(role, raw, partial=True)
        errors += [
            f"--clear {c}: not a {role} field"
            for c in cleared
            if role not in people.FIELDS[c].roles
        ]
        if errors:
            raise usage_error(errors)
        changes.update(dict.fromkeys(cleared))
        if role == "mentor" and "capacity" in changes and changes["capacity"] is None:
            raise usage_error(["a mentor always has a capacity"])
        people.check_edit(db, person, changes, settings.load(db), force=force)
        people.update_person(db, person_id, changes)
        log_event(db, "edit", person_id=person_id, details={"fields": sorted(changes)})
        updated = people.get_person(db, person_id)
    if fmt == OutputFormat.json:
        emit_json(updated)
    else:
        message(f"Updated {person_id} {updated['name']}: {', '.join(sorted(changes))}.")
