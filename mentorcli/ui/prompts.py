"""Every interactive question in one place.

Nothing here runs unless a person is at the terminal (``interactive()``), and every
question has a flag that makes it unnecessary. questionary is imported only when a
question is really asked: it is slow to import and cron never needs it.

questionary shows a ``str`` as plain text (no markup), so names go in as they are; only
control characters are made visible (``output.visible``), here, for every question.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from mentorcli.core.errors import MentorError
from mentorcli.ui.output import visible

if TYPE_CHECKING:
    from mentorcli.lifecycle.trajectories import Trajectory
    from mentorcli.people import Candidate


def interactive() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _answer(question: Any) -> Any:
    answer = question.ask()
    if answer is None:  # Ctrl-C or Esc
        raise MentorError("cancelled: nothing was changed")
    return answer


def ask_text(label: str, validate: Any = None) -> str:
    import questionary

    return _answer(questionary.text(f"{visible(label)}:", validate=validate))


def confirm(label: str, default: bool = False) -> bool:
    import questionary

    return bool(_answer(questionary.confirm(visible(label), default=default)))


def choose(label: str, options: Sequence[tuple[str, Any]]) -> Any:
    """Pick one of (title, value); returns the value."""
    import questionary

    choices = [questionary.Choice(visible(title), value=value) for title, value in options]
    return _answer(questionary.select(visible(label), choices=choices))


def checkbox(label: str, options: Sequence[tuple[str, Any]], checked: bool = True) -> list[Any]:
    """Tick any of (title, value); returns the ticked values."""
    import questionary

    choices = [
        questionary.Choice(visible(title), value=value, checked=checked) for title, value in options
    ]
    return list(_answer(questionary.checkbox(visible(label), choices=choices)))


def pick_person(candidates: Sequence[Candidate]) -> Candidate | None:
    """Let the coordinator pick among people a name fits; None without a terminal."""
    if not interactive():
        return None
    return choose(
        "Which one do you mean?",
        [(f"{c.id}  {c.name}  ({c.role}, {c.city})", c) for c in candidates],
    )


def pick_trajectory(trajectories: Sequence[Trajectory]) -> int | None:
    """Let the coordinator pick a trajectory; None without a terminal."""
    if not interactive():
        return None
    return choose(
        "Which trajectory?",
        [
            (
                f"{t['id']}  {t['mentee_name']} + {t['mentor_name']}  ({t['status']}, since "
                f"{t['started_on']})",
                t["id"],
            )
            for t in trajectories
        ],
    )


def ask_password(label: str) -> str:
    import questionary

    return str(_answer(questionary.password(f"{visible(label)}:")))


def complete_person(role: str, given: dict[str, Any]) -> dict[str, Any]:
    """The person ``people.validate`` makes of the given fields; at a terminal, a required
    field that was not given is asked for rather than refused. Any bad value is a usage
    error naming every problem."""
    from mentorcli import people
    from mentorcli.core.errors import UsageError

    person, errors = people.validate(role, given)
    missing = [n for n in people.REQUIRED if n not in person]
    if missing and interactive() and all(e.startswith("missing") for e in errors):
        # Asked, the coordinator is asked the optional ESF+ questions too; a full
        # command line is never interrupted.
        given = {**given, **{name: ask_field(name) for name in missing}}
        if role == "mentee":
            given = ask_esf(given)
        person, errors = people.validate(role, given)
    if errors:
        raise UsageError("; ".join(errors))
    return person


def _parses(field_name: str) -> Any:
    """A prompt check: empty is fine (not recorded), else the field's own parser."""
    from mentorcli import people

    field = people.FIELDS[field_name]

    def check(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            field.parse(text)
        except ValueError as e:
            return str(e)
        return True

    return check


def ask_esf(given: dict[str, Any]) -> dict[str, Any]:
    """The ESF+ questions about a mentee that were not answered by a flag, all optional
    (Enter: not recorded). The special-category ones come only after a yes to their own
    consent."""
    from mentorcli.core.reference import EDUCATION_LEVELS
    from mentorcli.core.vocabulary import LABOUR_STATUSES, SPECIAL_ANSWERS, SPECIAL_FIELDS, label

    answers = dict(given)
    skip = ("not recorded", "")
    if "labour_status" not in given:
        options = [(label("labour_status", s), s) for s in LABOUR_STATUSES]
        answers["labour_status"] = choose("Labour status at enrolment", [skip, *options])
    if answers.get("labour_status") == "unemployed" and "unemployed_since" not in given:
        answers["unemployed_since"] = ask_text(
            "Unemployed since (YYYY-MM-DD; Enter if not known)", _parses("unemployed_since")
        )
    if "education" not in given:
        options = [(label("education", level), level) for level in EDUCATION_LEVELS]
        answers["education"] = choose("Highest education completed", [skip, *options])
    if "nationality" not in given:
        answers["nationality"] = ask_text(
            "Nationality (ISO code or English name; Enter if not recorded)", _parses("nationality")
        )
    if "special_consent_on" not in given and not any(f in given for f in SPECIAL_FIELDS):
        if confirm("Separate consent to record disability and homelessness?", default=False):
            answers["special_consent_on"] = ask_text(
                "Date of that consent (YYYY-MM-DD)",
                lambda text: _parses("special_consent_on")(text) if text.strip() else "required",
            )
            options = [(label("special", a), a) for a in SPECIAL_ANSWERS]
            answers["disability"] = choose("Disability", [skip, *options])
            answers["homeless"] = choose("Homeless or excluded from housing", [skip, *options])
    return {k: v for k, v in answers.items() if v not in ("", None)}


def ask_field(field_name: str) -> str:
    """Ask one required person field, re-asking until it parses."""
    from mentorcli import people

    field = people.FIELDS[field_name]

    def check(text: str) -> bool | str:
        try:
            value = field.parse(text)
        except ValueError as e:
            return str(e)
        return True if value is not None else "required"

    return ask_text(field.prompt, validate=check)


def ask_situation() -> str | None:
    """After a follow-up's outcome "none": job searching or inactive? None without a
    terminal (the command then asks for --situation)."""
    if not interactive():
        return None
    from mentorcli.core.vocabulary import label

    options = [(label("situation", key), key) for key in ("job-searching", "inactive")]
    return str(choose("No job, training or internship: what is their situation?", options))
