"""`mentorcli enrol`: add a mentor or a mentee."""

from __future__ import annotations

import typer

from mentorcli.commands import _person_options as opt
from mentorcli.commands._common import Role, database, usage_error
from mentorcli.ui.output import OutputFormat


def enrol(
    role: Role = typer.Argument(..., help="mentor or mentee."),
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
        False, "--prefers-similar-background", help="Mentee: wants a mentor with a similar path."
    ),
    force: bool = typer.Option(False, "--force", help="Enrol even if a programme rule says no."),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Enrol even if someone similar is already enrolled."
    ),
    fmt: OutputFormat = typer.Option(
        OutputFormat.table, "--format", help="table prints the new id; json the stored person."
    ),
) -> None:
    """Enrol a mentor or a mentee; prints the new id.

    Example: mentorcli enrol mentee --name "Nour El Amrani" --city Gent --languages nl,ar
    --sector "logistiek" --birth-year 2001 --origin-country MA --referral VDAB
    """
    from mentorcli import people
    from mentorcli.people import enrolment
    from mentorcli.ui import prompts
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
        prefers_similar_background=True if prefers_similar_background else None,
    )
    person, errors = people.validate(role.value, raw)
    missing = [n for n in people.REQUIRED if n not in person]
    if missing and prompts.interactive() and all(e.startswith("missing") for e in errors):
        for field_name in missing:
            raw[field_name] = _ask(field_name)
        person, errors = people.validate(role.value, raw)
    if errors:
        raise usage_error(errors)
    db = database()
    stored = enrolment.enrol(db, role.value, person, force=force, allow_duplicate=allow_duplicate)
    if fmt == OutputFormat.json:
        emit_json(stored)
    else:
        print(stored["id"])
        message(f"Enrolled {role.value} {stored['id']}: {stored['name']} ({stored['city']}).")


def _ask(field_name: str) -> str:
    """Ask one required field, re-asking until it parses."""
    from mentorcli import people
    from mentorcli.ui import prompts

    field = people.FIELDS[field_name]

    def check(text: str) -> bool | str:
        try:
            value = field.parse(text)
        except ValueError as e:
            return str(e)
        return True if value is not None else "required"

    return prompts.ask_text(field.prompt, validate=check)
