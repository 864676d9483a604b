"""The person fields as command-line options, shared by `enrol` and `edit`.

Everything arrives as text and is checked by ``people.validate``, so `enrol`, `edit` and
`import` refuse a bad value with the same words.
"""

from __future__ import annotations

from typing import Annotated

import typer

Name = Annotated[str | None, typer.Option("--name", help="Full name.")]
Email = Annotated[str | None, typer.Option("--email", help="E-mail address.")]
Phone = Annotated[str | None, typer.Option("--phone", help="Phone number, kept as typed.")]
City = Annotated[str | None, typer.Option("--city", help="Programme city (Gent, Antwerpen…).")]
Languages = Annotated[
    str | None, typer.Option("--languages", help="Spoken languages, ISO 639-1: nl,fr,en.")
]
Sector = Annotated[
    str | None,
    typer.Option("--sector", help="Mentor: where they work. Mentee: where they want to work."),
]
Occupation = Annotated[str | None, typer.Option("--occupation", help="Job or job aimed for.")]
Education = Annotated[
    str | None,
    typer.Option("--education", help="primary, secondary, bachelor, master or doctorate."),
]
BirthYear = Annotated[str | None, typer.Option("--birth-year", help="Year of birth.")]
Gender = Annotated[str | None, typer.Option("--gender", help="f, m or x.")]
Hours = Annotated[str | None, typer.Option("--hours-per-week", help="Hours available a week.")]
EnrolledOn = Annotated[
    str | None, typer.Option("--enrolled-on", help="Enrolment date YYYY-MM-DD (default today).")
]
ConsentOn = Annotated[
    str | None, typer.Option("--consent-on", help="Date the person consented to being recorded.")
]
Notes = Annotated[str | None, typer.Option("--notes", help="Free notes (never exported).")]
Capacity = Annotated[
    str | None, typer.Option("--capacity", help="Mentor: mentees at once (default 1).")
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
    typer.Option("--origin-country", help="Mentee: country of origin, ISO code or English name."),
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
    str | None, typer.Option("--prefers-gender", help="Mentee: wants a mentor of gender f, m or x.")
]


def collect(**fields: object) -> dict[str, object]:
    """The fields actually given, as text for ``people.validate``."""
    return {
        name: value if isinstance(value, bool) else str(value)
        for name, value in fields.items()
        if value is not None
    }
