"""The person fields as command-line options, declared once for `enrol` and `edit`.

Everything arrives as text and is checked by ``people.validate``, so `enrol`, `edit` and
`import` refuse a bad value with the same words. A command takes them all with one
parameter, ``fields: PersonFields = PERSON_OPTIONS``, and ``@with_person_options``
(see below).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

Name = Annotated[str | None, typer.Option("--name", help="Full name.")]
Email = Annotated[str | None, typer.Option("--email", help="E-mail address.")]
Phone = Annotated[str | None, typer.Option("--phone", help="Phone number, kept as typed.")]
City = Annotated[str | None, typer.Option("--city", help="Programme city (Gent, Antwerpen…).")]
Languages = Annotated[
    str | None,
    typer.Option(
        "--languages",
        help="Spoken languages: ISO 639-1 codes or names (nl,ar or 'Nederlands, arabe').",
    ),
]
Sector = Annotated[
    str | None,
    typer.Option("--sector", help="Mentor: where they work. Mentee: where they want to work."),
]
Occupation = Annotated[str | None, typer.Option("--occupation", help="Job or job aimed for.")]
Education = Annotated[
    str | None,
    typer.Option(
        "--education",
        help="ISCED level isced0..isced8 or its name: primary, lower-secondary, "
        "upper-secondary, post-secondary, short-cycle-tertiary, bachelor, master, doctorate.",
    ),
]
BirthYear = Annotated[
    str | None, typer.Option("--birth-year", metavar="INTEGER", help="Year of birth.")
]
Gender = Annotated[
    str | None, typer.Option("--gender", help="f, m or x (also v, vrouw, femme, homme…).")
]
Hours = Annotated[
    str | None,
    typer.Option("--hours-per-week", metavar="FLOAT", help="Hours available a week."),
]
EnrolledOn = Annotated[
    str | None,
    typer.Option("--enrolled-on", help="Enrolment date, 2025-03-15 or 15/03/2025 (default today)."),
]
ConsentOn = Annotated[
    str | None, typer.Option("--consent-on", help="Date the person consented to being recorded.")
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes (never exported).")]
Capacity = Annotated[
    str | None,
    typer.Option("--capacity", metavar="INTEGER", help="Mentor: mentees at once (default 1)."),
]
Organisation = Annotated[
    str | None, typer.Option("--organisation", help="Mentor: employer or organisation.")
]
KnowsRecognition = Annotated[
    bool | None,
    typer.Option(
        "--knows-diploma-recognition/--unknown-diploma-recognition",
        help="Mentor: knows the route to get a foreign diploma recognised.",
        show_default=False,
    ),
]
Origin = Annotated[
    str | None,
    typer.Option(
        "--origin-country", help="Mentee: country of origin, ISO code or name (Marokko, Maroc)."
    ),
]
Diploma = Annotated[
    bool | None,
    typer.Option(
        "--diploma-recognised/--diploma-not-recognised",
        help="Mentee: is their diploma recognised here?",
        show_default=False,
    ),
]
Referral = Annotated[
    str | None, typer.Option("--referral", help="Mentee: referred by VDAB, OCMW, self, other…")
]
PrefersGender = Annotated[
    str | None,
    typer.Option("--prefers-gender", help="Mentee: wants a mentor of gender f, m or x (or v…)."),
]
PrefersSimilar = Annotated[
    bool | None,
    typer.Option(
        "--prefers-similar-background/--no-similar-background",
        help="Mentee: wants a mentor with a similar path.",
        show_default=False,
    ),
]
LabourStatus = Annotated[
    str | None,
    typer.Option(
        "--labour-status",
        help="Mentee at enrolment: employed, self-employed, unemployed, inactive, in-education.",
    ),
]
UnemployedSince = Annotated[
    str | None,
    typer.Option("--unemployed-since", help="Mentee: unemployed since this date (YYYY-MM-DD)."),
]
Nationality = Annotated[
    str | None,
    typer.Option("--nationality", help="Mentee: nationality, ISO code or country name."),
]
SpecialConsentOn = Annotated[
    str | None,
    typer.Option(
        "--special-consent-on",
        help="Mentee: date of the separate consent to record disability and homelessness.",
    ),
]
Disability = Annotated[
    str | None,
    typer.Option("--disability", help="Mentee, with that consent: yes, no or not-said."),
]
Homeless = Annotated[
    str | None,
    typer.Option("--homeless", help="Mentee, with that consent: yes, no or not-said."),
]

# The field name (as ``people.FIELDS`` knows it) and its option, in the order of --help.
OPTIONS: dict[str, Any] = {
    "name": Name,
    "email": Email,
    "phone": Phone,
    "city": City,
    "languages": Languages,
    "sector": Sector,
    "occupation": Occupation,
    "education": Education,
    "birth_year": BirthYear,
    "gender": Gender,
    "hours_per_week": Hours,
    "enrolled_on": EnrolledOn,
    "consent_on": ConsentOn,
    "notes": Notes,
    "capacity": Capacity,
    "organisation": Organisation,
    "knows_diploma_recognition": KnowsRecognition,
    "origin_country": Origin,
    "diploma_recognised": Diploma,
    "referral": Referral,
    "prefers_gender": PrefersGender,
    "prefers_similar_background": PrefersSimilar,
    "labour_status": LabourStatus,
    "unemployed_since": UnemployedSince,
    "nationality": Nationality,
    "special_consent_on": SpecialConsentOn,
    "disability": Disability,
    "homeless": Homeless,
}

# The fields a person gave on the command line: text, or a bool for a yes/no flag.
PersonFields = dict[str, str | bool]


class _Marker:
    def __repr__(self) -> str:
        return "PERSON_OPTIONS"


PERSON_OPTIONS: Any = _Marker()
"""The default that marks the parameter that receives the person fields."""

Command = TypeVar("Command", bound=Callable[..., Any])


def with_person_options(command: Command) -> Command:
    """Put every person option where ``command`` has ``fields: PersonFields = PERSON_OPTIONS``.

    Typer reads the signature (``__signature__``), so the options appear in --help and
    parse as if written out; the command receives only the fields actually given, as one
    ``PersonFields`` dict.
    """
    signature = inspect.signature(command, eval_str=True)
    marked = [p.name for p in signature.parameters.values() if p.default is PERSON_OPTIONS]
    if len(marked) != 1:
        raise TypeError(f"{command.__name__} needs one parameter = PERSON_OPTIONS")
    params: list[inspect.Parameter] = []
    for param in signature.parameters.values():
        if param.name == marked[0]:
            params += [
                inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=a)
                for name, a in OPTIONS.items()
            ]
        else:
            params.append(param.replace(kind=inspect.Parameter.KEYWORD_ONLY))

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        given = collect(**{name: kwargs.pop(name) for name in OPTIONS})
        return command(**kwargs, **{marked[0]: given})

    wrapper.__signature__ = signature.replace(parameters=params)  # type: ignore[attr-defined]
    wrapper.__annotations__ = {p.name: p.annotation for p in params}
    return wrapper  # type: ignore[return-value]


def collect(**fields: object) -> PersonFields:
    """The fields actually given, as text for ``people.validate``."""
    return {
        name: value if isinstance(value, bool) else str(value)
        for name, value in fields.items()
        if value is not None
    }
