"""Mentors and mentees: validating what a coordinator types, spotting duplicates, finding people.

Shared by ``enrol``, ``import`` and ``edit`` so that a field means the same thing and is
refused with the same words whichever way it arrives.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast, overload

from mentorcli.core import reference
from mentorcli.core.clock import parse_date, today
from mentorcli.core.errors import MentorError
from mentorcli.core.numbers import parse_id, parse_number
from mentorcli.core.vocabulary import (
    LABOUR_STATUSES,
    SPECIAL_ANSWERS,
    SPECIAL_FIELDS,
    parse_word,
    yes_no,
)
from mentorcli.store.db import new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mentorcli.store.settings import Settings

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE = re.compile(r"\+?[0-9 ()./-]{6,20}")


def _text(value: str) -> str | None:
    cleaned = " ".join(str(value).split())
    return cleaned or None


def _required_text(value: str) -> str:
    cleaned = _text(value)
    if cleaned is None:
        raise ValueError("is empty")
    return cleaned


def _name(value: str) -> str:
    """A person's name: something a coordinator can read, type back and tell from an id."""
    cleaned = _required_text(value)
    if not any(unicodedata.category(c)[0] in "LN" for c in cleaned):
        raise ValueError(f"{value!r} has no letter in it")
    try:
        an_id = parse_id(cleaned, "{}") is not None
    except MentorError:  # an id too large for the database is an id all the same
        an_id = True
    if an_id:
        raise ValueError(f"{value!r} would be read as an id; write the name in letters")
    return cleaned


def _email(value: str) -> str | None:
    cleaned = _text(value)
    if cleaned and not _EMAIL.fullmatch(cleaned):
        raise ValueError(f"{value!r} is not an e-mail address")
    return cleaned


def _phone(value: str) -> str | None:
    # Kept as typed (a leading 0 or + matters); only the characters are checked.
    cleaned = _text(value)
    if cleaned and (not _PHONE.fullmatch(cleaned) or sum(c.isdigit() for c in cleaned) < 6):
        raise ValueError(f"{value!r} is not a phone number")
    return cleaned


def _choice(options: Iterable[str]) -> Callable[[str], str | None]:
    allowed = tuple(options)

    def parse(value: str) -> str | None:
        cleaned = _text(value)
        if cleaned is None:
            return None
        if cleaned.casefold() not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return cleaned.casefold()

    return parse


def _word_choice(options: Iterable[str]) -> Callable[[str], str | None]:
    """One of a few hyphenated words, typed with spaces or hyphens ("in education")."""
    choice = _choice(options)

    def parse(value: str) -> str | None:
        return choice("-".join(value.split()))

    return parse


def _education(value: str) -> str | None:
    cleaned = _text(value)
    return reference.education_level(cleaned) if cleaned else None


def _gender(value: str) -> str | None:
    """f, m or x, also as people write them on Belgian forms (v, vrouw, femme, h, homme)."""
    cleaned = _text(value)
    if cleaned is None:
        return None
    return parse_word("gender", cleaned, reference.GENDERS)


def _int_between(low: int, high: int) -> Callable[[str], int | None]:
    def parse(value: str) -> int | None:
        cleaned = _text(value)
        if cleaned is None:
            return None
        return int(parse_number(cleaned, low=low, high=high, whole=True))

    return parse


def _hours(value: str) -> float | None:
    cleaned = _text(value)
    if cleaned is None:
        return None
    return parse_number(cleaned, low=0, high=60, unit=" hours a week")


def _date(value: str) -> str | None:
    """Enrolment and consent: dates of something that has happened."""
    cleaned = _text(value)
    if cleaned is None:
        return None
    return parse_date(cleaned, past=True).isoformat()


def _birth_year(value: str) -> int | None:
    return _int_between(1900, today().year)(value)


def _languages(value: str) -> str:
    return reference.parse_languages(value)


def _country(value: str) -> str | None:
    cleaned = _text(value)
    return reference.country(cleaned).alpha2 if cleaned else None


def _referral(value: str) -> str | None:
    cleaned = _text(value)
    if cleaned is None:
        return None
    return reference.REFERRALS.get(reference.fold(cleaned), cleaned)


def _flag(value: str | bool) -> int | None:
    if isinstance(value, bool):
        return int(value)
    cleaned = (_text(value) or "").casefold()
    if not cleaned:
        return None
    answer = yes_no(cleaned)
    if answer is None:
        raise ValueError(f"{value!r} is not yes or no")
    return int(answer)


@dataclass(frozen=True)
class Field:
    name: str
    parse: Callable[[Any], Any]
    roles: tuple[str, ...] = reference.ROLES
    required: bool = False
    prompt: str = ""

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


FIELDS: dict[str, Field] = {
    f.name: f
    for f in [
        Field("name", _name, required=True, prompt="Full name"),
        Field("email", _email),
        Field("phone", _phone),
        Field("city", reference.canonical_city, required=True, prompt="Programme city"),
        Field(
            "languages",
            _languages,
            required=True,
            prompt="Languages (nl,fr,en or Nederlands, Frans)",
        ),
        Field("sector", _required_text, required=True, prompt="Sector"),
        Field("occupation", _text),
        Field("education", _education),
        Field("birth_year", _birth_year),
        Field("gender", _gender),
        Field("hours_per_week", _hours),
        Field("enrolled_on", _date),
        Field("consent_on", _date),
        Field("notes", _text),
        Field("capacity", _int_between(0, 50), roles=("mentor",)),
        Field("organisation", _text, roles=("mentor",)),
        Field("knows_diploma_recognition", _flag, roles=("mentor",)),
        Field("origin_country", _country, roles=("mentee",)),
        Field("diploma_recognised", _flag, roles=("mentee",)),
        Field("referral", _referral, roles=("mentee",)),
        Field("prefers_gender", _gender, roles=("mentee",)),
        Field("prefers_similar_background", _flag, roles=("mentee",)),
        Field("labour_status", _word_choice(LABOUR_STATUSES), roles=("mentee",)),
        Field("unemployed_since", _date, roles=("mentee",)),
        Field("nationality", _country, roles=("mentee",)),
        Field("special_consent_on", _date, roles=("mentee",)),
        Field("disability", _word_choice(SPECIAL_ANSWERS), roles=("mentee",)),
        Field("homeless", _word_choice(SPECIAL_ANSWERS), roles=("mentee",)),
    ]
}

REQUIRED = [f.name for f in FIELDS.values() if f.required]
BOOLEAN_FIELDS = {"diploma_recognised", "prefers_similar_background", "knows_diploma_recognition"}


def columns_for(role: str) -> list[str]:
    return [name for name, f in FIELDS.items() if role in f.roles]


def validate(
    role: str, raw: dict[str, Any], *, partial: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Parse every given field; return the clean values and one message per bad field.

    ``partial`` (for ``edit``) checks only what is given; otherwise missing required
    fields are errors and defaults are filled in.
    """
    clean: dict[str, Any] = {}
    errors: list[str] = []
    for name, value in raw.items():
        field = FIELDS.get(name)
        if field is None:
            errors.append(f"unknown field {name!r}")
            continue
        if value is None:
            continue
        if role not in field.roles:
            errors.append(f"{field.option} is only for {field.roles[0]}s")
            continue
        problem = (
            reference.one_line_problem(value)
            if name != "notes" and isinstance(value, str)
            else None
        )
        if problem:
            errors.append(f"{field.option}: {problem}")
            continue
        try:
            parsed = field.parse(value)
        except ValueError as e:
            errors.append(f"{field.option}: {e}")
            continue
        if parsed is None and field.required:
            errors.append(f"{field.option}: is empty")
            continue
        clean[name] = parsed
    if not partial:
        missing = [
            FIELDS[n].option
            for n in REQUIRED
            if clean.get(n) is None and not any(e.startswith(FIELDS[n].option) for e in errors)
        ]
        if missing:
            errors.append(f"missing {', '.join(missing)}")
        clean.setdefault("enrolled_on", today().isoformat())
        if role == "mentor" and clean.get("capacity") is None:
            clean["capacity"] = 1
        if role == "mentee" and clean.get("prefers_similar_background") is None:
            clean["prefers_similar_background"] = 0
        if role == "mentee":
            from mentorcli.people import esf

            errors += esf.problems(clean)
    return clean, errors


def rule_violations(role: str, person: Mapping[str, Any], settings: Settings) -> list[str]:
    """The programme's age rules that this enrolment breaks (empty when none apply)."""
    birth_year = person.get("birth_year")
    low = settings["age.mentee.min"] if role == "mentee" else settings["age.mentor.min"]
    high = settings["age.mentee.max"] if role == "mentee" else settings["age.mentor.max"]
    if birth_year is None or (low is None and high is None):
        return []
    enrolled = dt.date.fromisoformat(person.get("enrolled_on") or today().isoformat())
    # Age in the year of enrolment: birth dates are not recorded, only the year.
    age = enrolled.year - birth_year
    problems = []
    if low is not None and age < low:
        problems.append(f"a {role} must be at least {low} (this one is {age} in {enrolled.year})")
    if high is not None and age > high:
        problems.append(f"a {role} must be at most {high} (this one is {age} in {enrolled.year})")
    return problems


def check_edit(
    db: Database,
    person: Person,
    changes: dict[str, Any],
    settings: Settings,
    *,
    force: bool = False,
) -> None:
    """Refuse an edit that `enrol` or `match` would never have let through.

    The age rules are checked only when the edit touches what the age depends on (birth
    year, enrolment date): a person enrolled with --force keeps a phone number editable.
    """
    merged = {**person, **changes}
    enrolled = changes.get("enrolled_on")
    if enrolled:
        first = db.execute(
            "SELECT min(started_on) FROM trajectories WHERE mentee_id = ? OR mentor_id = ?",
            [person["id"], person["id"]],
        ).fetchone()[0]
        if first and enrolled > first:
            raise MentorError(
                f"--enrolled-on {enrolled} is after the start of {person['name']}'s first "
                f"trajectory ({first})"
            )
        if person.get("withdrawn_on") and enrolled > person["withdrawn_on"]:
            raise MentorError(
                f"--enrolled-on {enrolled} is after {person['name']} withdrew "
                f"({person['withdrawn_on']})"
            )
    capacity = changes.get("capacity")
    active = person["active_trajectories"]
    if person["role"] == "mentor" and capacity is not None and capacity < active:
        raise MentorError(
            f"{person['name']} mentors {active} active duo(s): --capacity {capacity} is below "
            "that (close a trajectory first)"
        )
    if not force and {"birth_year", "enrolled_on"} & changes.keys():
        problems = rule_violations(person["role"], merged, settings)
        if problems:
            raise MentorError(f"{'; '.join(problems)} (use --force to change it anyway)")


# --- duplicates -------------------------------------------------------------------------

NAME_SIMILARITY = 90.0
# Up to this many name pairs every pair is compared (one cdist call: exact, and cheaper
# than building keys). Above it only pairs that share a blocking key are, so an import of
# 10,000 rows costs ten times one of 1,000, not a hundred times.
COMPARE_ALL_UP_TO = 250_000
_PAIRS_PER_CHUNK = 200_000
_WORD = re.compile(r"[^\W_]+")
_BUCKETS = 32  # characters counted modulo this: a lower bound on the edit distance


def _name_key(name: str) -> str:
    """A name as a person reads it: case, accents and repeated spaces do not count."""
    # plain ASCII (most names) needs none of reference.fold's Unicode work
    return " ".join((name.lower() if name.isascii() else reference.fold(name)).split())


def _joined(key: str) -> str:
    return key.replace(" ", "").replace("-", "")


def _phone_key(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = re.sub(r"\D", "", phone)
    if digits.startswith("0032"):
        digits = digits[4:]
    elif digits.startswith("32") and phone.strip().startswith("+"):
        digits = digits[2:]
    return digits.lstrip("0") or None


def _name_scores(queries: list[str], choices: list[str]) -> Any:
    """Similarity matrix of two lists of names, robust to spacing and word order."""
    from rapidfuzz import fuzz, process

    spaced = process.cdist(queries, choices, scorer=fuzz.token_sort_ratio, workers=1)
    joined = process.cdist(
        [_joined(q) for q in queries], [_joined(c) for c in choices], scorer=fuzz.ratio, workers=1
    )
    return spaced.clip(min=joined)


def _pair_scores(queries: list[str], choices: list[str]) -> Any:
    """The same similarity as ``_name_scores``, for the pairs (queries[k], choices[k])."""
    from rapidfuzz import fuzz, process

    spaced = process.cpdist(queries, choices, scorer=fuzz.token_sort_ratio, workers=1)
    joined = process.cpdist(
        [_joined(q) for q in queries], [_joined(c) for c in choices], scorer=fuzz.ratio, workers=1
    )
    return spaced.clip(min=joined)


def _tagged_variants(word: str, tag: str) -> list[str]:
    """The word and each way of dropping one letter from it, each followed by ``tag``."""
    text = f"{word}|{tag}"
    return [text] + [text[:i] + text[i + 1 :] for i in range(len(word))]


_word_keys = functools.lru_cache(maxsize=8192)(_tagged_variants)  # first names recur


def _blocking_keys(key: str) -> list[str]:
    """Keys that two names share whenever one is a likely misspelling of the other.

    - each word with one letter dropped (or none), tagged with the initials of the
      other words: one typo in every word still leaves a key in common, and the tag
      keeps the blocks small (not every Fatima, only those whose surname starts alike);
    - all the letters run together, one dropped or none: a space added or dropped
      ("El Amrani", "Elamrani") plus one typo;
    - the first and the last five letters, in typed and in sorted word order: several
      typos at one end of a long name.
    """
    words = _WORD.findall(key)
    initials = [word[0] for word in words]
    keys: list[str] = []
    for i, word in enumerate(words):
        keys += _word_keys(word, "".join(sorted(initials[:i] + initials[i + 1 :])))
    letters = "".join(words)
    if len(words) > 1:
        keys += _tagged_variants(letters, "")
    ordered = "".join(sorted(words))
    keys += ["<" + letters[:5], ">" + letters[-5:], "<" + ordered[:5], ">" + ordered[-5:]]
    return keys


def _letter_counts(keys: list[str]) -> Any:
    """Each name's letters (spaces and hyphens left out) counted into buckets.

    The summed difference of two rows never exceeds the number of letters to add or drop
    to turn one name into the other, in any word order: a cheap bound that rules out
    most pairs before they are scored.
    """
    import numpy as np

    cores = ["".join(key.split()).replace("-", "") for key in keys]
    lengths = np.fromiter(map(len, cores), dtype=np.int64, count=len(cores))
    codes = np.frombuffer("".join(cores).encode("utf-32-le"), dtype=np.uint32) % _BUCKETS
    owner = np.repeat(np.arange(len(cores)), lengths)
    counts = np.bincount(owner * _BUCKETS + codes, minlength=len(cores) * _BUCKETS)
    # capped so the difference fits in a byte; a capped difference is still a bound
    return np.minimum(counts, 127).astype(np.int8).reshape(len(cores), _BUCKETS)


def _similar_pairs(keys: list[str], offset: int) -> tuple[Any, Any]:
    """(candidate, earlier) pairs of ``keys`` with a similar name, found through blocks.

    Only pairs that share a blocking key are looked at, and of those only the ones whose
    letters could be this similar are scored; a pair's later member is a candidate
    (index ``offset`` or more), its earlier one anyone before it.
    """
    import numpy as np

    made: dict[str, list[str]] = {}
    flat: list[str] = []
    per_name: list[int] = []
    for key in keys:
        block_keys = made.get(key)
        if block_keys is None:
            block_keys = made[key] = _blocking_keys(key)
        flat += block_keys
        per_name.append(len(block_keys))
    # A block is named by its key's hash: two keys sharing one only add pairs to score.
    block = np.fromiter(map(hash, flat), dtype=np.int64, count=len(flat))
    order = np.argsort(block, kind="stable")  # by block, then by index within a block
    block = block[order]
    members = np.repeat(np.arange(len(keys)), per_name)[order]
    # a name can give a key twice ("hadad" from "haddad"): once is enough
    again = np.r_[False, (block[1:] == block[:-1]) & (members[1:] == members[:-1])]
    block, members = block[~again], members[~again]
    first = np.flatnonzero(np.r_[True, block[1:] != block[:-1]])
    starts = np.repeat(first, np.diff(np.r_[first, len(block)]))
    # Each candidate is paired with the members of its block before it (lower indices).
    looks_back = np.where(members >= offset, np.arange(len(members)) - starts, 0)
    counts = _letter_counts(keys)
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    later_parts, earlier_parts = [], []
    ends = np.cumsum(looks_back)
    cuts = np.searchsorted(ends, np.arange(1, ends[-1] // _PAIRS_PER_CHUNK + 1) * _PAIRS_PER_CHUNK)
    bounds = [0, *(int(c) + 1 for c in cuts), len(members)]
    for low, high in itertools.pairwise(bounds):
        back = looks_back[low:high]
        total = int(back.sum())
        if total == 0:
            continue
        later = np.repeat(members[low:high], back)
        step = np.arange(total) - np.repeat(np.cumsum(back) - back, back)
        earlier = members[np.repeat(starts[low:high], back) + step]
        apart = np.abs(counts.take(later, axis=0) - counts.take(earlier, axis=0))
        apart = apart.sum(axis=1, dtype=np.int32)
        # a score of 90 allows edits on a tenth of both lengths (+ room for rounding)
        close = 10 * apart <= lengths[later] + lengths[earlier] + 5
        later_parts.append(later[close])
        earlier_parts.append(earlier[close])
    empty = np.zeros(0, dtype=np.int64)
    if not later_parts:
        return empty, empty
    code = np.sort(np.concatenate(later_parts) * len(keys) + np.concatenate(earlier_parts))
    code = code[np.r_[True, code[1:] != code[:-1]]]  # np.unique, without its import cost
    later, earlier = np.divmod(code, len(keys))
    scores = _pair_scores([keys[k] for k in later], [keys[k] for k in earlier])
    similar = scores >= NAME_SIMILARITY
    return later[similar] - offset, earlier[similar]


@dataclass(frozen=True)
class Duplicate:
    index: int  # which candidate
    existing_id: int | None  # the person in the database, or None for an earlier row
    existing_row: int | None  # the earlier candidate's index when within the batch
    existing_name: str
    why: str


def _first_equal(values: list[str | None], offset: int) -> list[int | None]:
    """For each candidate, the first earlier index holding the same (non-empty) value."""
    first: dict[str, int] = {}
    found: list[int | None] = []
    for index, value in enumerate(values):
        if not value:
            if index >= offset:
                found.append(None)
            continue
        seen = first.setdefault(value, index)
        if index >= offset:
            found.append(seen if seen < index else None)
    return found


def find_duplicates(db: Database, role: str, candidates: list[dict[str, Any]]) -> list[Duplicate]:
    """Likely duplicates of each candidate among enrolled people of the same role and
    among the candidates before it. Same e-mail or phone, or a name this similar with no
    conflicting birth year, counts; a former mentee enrolling as a mentor does not.

    A few candidates are compared with everyone; many (an import) only with the people
    who share a blocking key with them, so the cost grows with the number of people.
    """
    import numpy as np

    existing = db.execute(
        "SELECT id, name, email, phone, birth_year FROM people WHERE role = ?", [role]
    ).fetchall()
    if not candidates:
        return []
    offset = len(existing)
    pool = [
        {"id": r[0], "row": None, "name": r[1], "email": r[2], "phone": r[3], "birth_year": r[4]}
        for r in existing
    ] + [
        {"id": None, "row": i, **{k: c.get(k) for k in ("name", "email", "phone", "birth_year")}}
        for i, c in enumerate(candidates)
    ]
    keys = [_name_key(p["name"]) for p in pool]
    if len(candidates) * len(pool) <= COMPARE_ALL_UP_TO:
        scores = _name_scores(keys[offset:], keys)
        earlier = np.arange(len(pool))[None, :] < (offset + np.arange(len(candidates)))[:, None]
        which, other = np.nonzero((scores >= NAME_SIMILARITY) & earlier)
    else:
        which, other = _similar_pairs(keys, offset)
    years = np.array([np.nan if p["birth_year"] is None else float(p["birth_year"]) for p in pool])
    mine, theirs = years[offset + which], years[other]
    same_or_unknown = np.isnan(mine) | np.isnan(theirs) | (mine == theirs)
    by_name = np.full(len(candidates), len(pool))
    np.minimum.at(by_name, which[same_or_unknown], other[same_or_unknown])
    by_email = _first_equal([(p["email"] or "").casefold() for p in pool], offset)
    by_phone = _first_equal([_phone_key(p["phone"]) for p in pool], offset)
    found: list[Duplicate] = []
    for i in range(len(candidates)):
        options = [j for j in (by_email[i], by_phone[i]) if j is not None]
        j = min([int(by_name[i]), *options])
        if j == len(pool):
            continue
        other_person = pool[j]
        if j == by_email[i]:
            why = "same e-mail"
        elif j == by_phone[i]:
            why = "same phone"
        elif None in (pool[offset + i]["birth_year"], other_person["birth_year"]):
            why = "similar name"
        else:
            why = "similar name, same birth year"
        found.append(
            Duplicate(i, other_person["id"], other_person["row"], other_person["name"], why)
        )
    return found


# --- writing ------------------------------------------------------------------------------


def insert_person(db: Database, role: str, person: dict[str, Any]) -> int:
    row = {"role": role, **person}
    columns = ", ".join(row)
    marks = ", ".join("?" for _ in row)
    cursor = db.execute(f"INSERT INTO people ({columns}) VALUES ({marks})", list(row.values()))
    return new_id(cursor)


def update_person(db: Database, person_id: int, changes: dict[str, Any]) -> None:
    sets = ", ".join(f"{column} = ?" for column in changes)
    db.execute(
        f"UPDATE people SET {sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
        "WHERE id = ?",
        [*changes.values(), person_id],
    )


# --- reading ------------------------------------------------------------------------------

# Disability and homelessness are special-category data (GDPR art. 9): never in a list,
# a JSON answer or a CSV; only `show` at a terminal and the private `export` hold them.
PUBLIC_COLUMNS = [
    "id",
    "name",
    "role",
    "city",
    "status",
    *[n for n in FIELDS if n not in {"name", "city", *SPECIAL_FIELDS}],
    "withdrawn_on",
    "erased_on",
    "origin_region",
    "origin_eu",
    "nationality_eu",
    "education_unsure",
    "active_trajectories",
]


class Person(TypedDict):
    """A person as scripts see them (``show``, ``list``, ``enrol`` and ``edit`` as JSON),
    keys in this order: every field of their role, booleans as booleans. The mentor-only
    and mentee-only fields are present for that role only."""

    id: int
    name: str
    role: str
    city: str
    status: str  # see the people_status view
    email: str | None
    phone: str | None
    languages: str
    sector: str
    occupation: str | None
    education: str | None
    birth_year: int | None
    gender: str | None
    hours_per_week: float | None
    enrolled_on: str
    consent_on: str | None
    notes: str | None
    capacity: NotRequired[int | None]  # mentors
    organisation: NotRequired[str | None]  # mentors
    knows_diploma_recognition: NotRequired[bool | None]  # mentors
    origin_country: NotRequired[str | None]  # mentees
    diploma_recognised: NotRequired[bool | None]  # mentees
    referral: NotRequired[str | None]  # mentees
    prefers_gender: NotRequired[str | None]  # mentees
    prefers_similar_background: NotRequired[bool]  # mentees
    labour_status: NotRequired[str | None]  # mentees
    unemployed_since: NotRequired[str | None]  # mentees
    nationality: NotRequired[str | None]  # mentees
    special_consent_on: NotRequired[str | None]  # mentees
    withdrawn_on: str | None
    erased_on: str | None
    origin_region: str | None
    origin_eu: bool | None
    nationality_eu: bool | None  # kept by `forget` when the nationality goes
    education_unsure: bool  # migrated from "secondary": lower or upper?
    active_trajectories: int
    free_places: NotRequired[int]  # mentors


_FLAG_COLUMNS = {"origin_eu", "nationality_eu", "education_unsure"}


def special_category(db: Database, person_id: int) -> dict[str, str | None]:
    """A mentee's special-category answers (disability, homelessness), for `show` at a
    terminal and for the checks of `edit`; never part of a ``Person``."""
    row = db.execute(
        f"SELECT {', '.join(SPECIAL_FIELDS)} FROM people WHERE id = ?", [person_id]
    ).fetchone()
    return dict(zip(SPECIAL_FIELDS, row or (None,) * len(SPECIAL_FIELDS), strict=True))


def person_dict(row: Mapping[str, Any]) -> Person:
    """A person as scripts see it: every field of their role, booleans as booleans."""
    role = row["role"]
    out: dict[str, Any] = {}
    for column in PUBLIC_COLUMNS:
        if column in FIELDS and role not in FIELDS[column].roles:
            continue
        value = row.get(column)
        if column in BOOLEAN_FIELDS | _FLAG_COLUMNS and value is not None:
            value = bool(value)
        out[column] = value
    if role == "mentor":
        out["free_places"] = max(0, (row.get("capacity") or 0) - row["active_trajectories"])
    # Built column by column so the keys keep PUBLIC_COLUMNS' order (tests compare them
    # with Person's); mypy cannot follow the loop.
    return cast(Person, out)


@overload
def list_people(
    db: Database,
    role: str,
    *,
    city: str | None = None,
    status: str | None = None,
    columns: None = None,
) -> list[Person]: ...


@overload
def list_people(
    db: Database,
    role: str,
    *,
    city: str | None = None,
    status: str | None = None,
    columns: list[str],
) -> list[dict[str, Any]]: ...


def list_people(
    db: Database,
    role: str,
    *,
    city: str | None = None,
    status: str | None = None,
    columns: list[str] | None = None,
) -> list[Person] | list[dict[str, Any]]:
    """The people of one role as scripts see them (``person_dict``), by id.

    ``columns`` keeps only those (a table shows seven of some thirty): fetching and
    converting the others took a third of what `list` spends beyond its imports.
    """
    where = ["role = ?"]
    params: list[Any] = [role]
    if city:
        where.append("city = ?")
        params.append(reference.canonical_city(city))
    if status:
        where.append("status = ?")
        params.append(status)
    shown = [c for c in PUBLIC_COLUMNS if c not in FIELDS or role in FIELDS[c].roles]
    if role == "mentor":
        shown.append("free_places")
    if columns is not None:
        shown = [c for c in shown if c in columns]
    read = {"capacity", "active_trajectories"} if "free_places" in shown else set()
    read |= set(shown) - {"free_places"}
    cursor = db.execute(
        f"SELECT {', '.join(c for c in PUBLIC_COLUMNS if c in read)} FROM people_status "
        f"WHERE {' AND '.join(where)} ORDER BY id",
        params,
    )
    names = [d[0] for d in cursor.description]
    fields = [c for c in shown if c != "free_places"]
    pick = operator.itemgetter(*(names.index(c) for c in fields), -1)  # always a tuple
    flags = [c for c in fields if c in BOOLEAN_FIELDS | _FLAG_COLUMNS]
    places = "free_places" in shown and (
        names.index("capacity"),
        names.index("active_trajectories"),
    )
    out = []
    for row in cursor:
        # one dict per row, straight from the tuple: dicts of dicts cost 30 ms per 2,000
        person = dict(zip(fields, pick(row), strict=False))
        for column in flags:
            if person[column] is not None:
                person[column] = bool(person[column])
        if places:
            person["free_places"] = max(0, (row[places[0]] or 0) - row[places[1]])
        out.append(person)
    return out


def get_person(db: Database, person_id: int) -> Person:
    rows = list(db.query("SELECT * FROM people_status WHERE id = ?", [person_id]))
    if not rows:
        raise MentorError(f"no person with id {person_id}")
    return person_dict(rows[0])


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    role: str
    city: str


def _candidates(db: Database, role: str | None) -> list[Candidate]:
    sql = "SELECT id, name, role, city FROM people"
    params: list[Any] = []
    if role:
        sql += " WHERE role = ?"
        params.append(role)
    return [Candidate(*row) for row in db.execute(sql + " ORDER BY id", params).fetchall()]


def find_by_name(db: Database, ref: str, role: str | None = None) -> list[Candidate]:
    """People whose name fits ``ref``, best first.

    A person types a part of a name ("nour") or a near spelling ("Nour Elamrani"): an
    exact (accent- and case-blind) name wins outright; then names whose words start
    with every word typed; then fuzzy matches close to the best one.
    """
    from rapidfuzz import fuzz, process

    people = _candidates(db, role)
    wanted = _name_key(ref)
    if not wanted:
        return []
    keys = [_name_key(p.name) for p in people]
    exact = [p for p, k in zip(people, keys, strict=True) if k == wanted]
    if exact:
        return exact
    words = wanted.split()
    prefixed = [
        p
        for p, k in zip(people, keys, strict=True)
        if all(any(part.startswith(w) for part in k.split()) for w in words)
        or k.replace(" ", "").startswith(wanted.replace(" ", ""))
    ]
    if prefixed:
        return prefixed
    scored = process.extract(wanted, keys, scorer=fuzz.WRatio, limit=10, score_cutoff=80)
    if not scored:
        return []
    best = scored[0][1]
    return [people[index] for _, score, index in scored if score >= best - 5]


def find_exact(db: Database, ref: str, role: str | None = None) -> list[Candidate]:
    """People whose name is ``ref``, ignoring case, accents and repeated spaces only.

    For what cannot be undone (forget, withdraw, close, unmatch): a part of a name or a
    near spelling would pick a person the coordinator did not name.
    """
    wanted = _name_key(ref)
    if not wanted:
        return []
    return [p for p in _candidates(db, role) if _name_key(p.name) == wanted]


def _listing(found: list[Candidate]) -> str:
    return "; ".join(f"{c.id} {c.name} ({c.role}, {c.city})" for c in found[:8])


def resolve(
    db: Database,
    ref: str,
    role: str | None = None,
    *,
    choose: Callable[[list[Candidate]], Candidate | None] | None = None,
    exact: bool = False,
) -> int:
    """An id or a name to one person's id; ambiguous names list who was found.

    ``choose`` (a function from candidates to a pick or None) lets a terminal user pick.
    ``exact`` takes only an id or a name that is one person's whole name (see
    :func:`find_exact`), and never offers a pick list.
    """
    text = str(ref).strip()
    what = role or "person"
    person_id = parse_id(text, f"no {what} with id {{}}")
    if person_id is not None:
        row = db.execute("SELECT role FROM people WHERE id = ?", [person_id]).fetchone()
        if row is None:
            raise MentorError(f"no {what} with id {person_id}")
        if role and row[0] != role:
            raise MentorError(f"person {person_id} is a {row[0]}, not a {role}")
        return person_id
    if exact:
        return _resolve_exact(db, text, role)
    found = find_by_name(db, text, role)
    if not found:
        raise MentorError(f"no {what} named {text!r}")
    if len(found) == 1:
        return found[0].id
    if choose is not None:
        picked = choose(found)
        if picked is not None:
            return picked.id
    raise MentorError(f"{text!r} fits {len(found)} people: {_listing(found)}. Use the id")


def _resolve_exact(db: Database, text: str, role: str | None) -> int:
    what = role or "person"
    found = find_exact(db, text, role)
    if len(found) == 1:
        return found[0].id
    if found:
        raise MentorError(f"{len(found)} people are named {text!r}: {_listing(found)}. Use the id")
    near = find_by_name(db, text, role)
    if near:
        raise MentorError(
            f"no {what} is named exactly {text!r} (this cannot be undone, so a part of a "
            f"name will not do): {_listing(near)}. Use the id or the whole name"
        )
    raise MentorError(f"no {what} named {text!r}")


def refuse_erased(db: Database, person_id: int) -> None:
    """Nothing about an erased person changes again: refuse before anything is written."""
    row = db.execute("SELECT erased_on FROM people WHERE id = ?", [person_id]).fetchone()
    if row is not None and row[0]:
        raise MentorError(f"person {person_id} was erased on {row[0]}: nothing about them changes")


def describe(person: Person) -> str:
    """A person named in full, with role and id, for a question that cannot be taken back."""
    return f"{person['name']} ({person['role']} {person['id']})"
