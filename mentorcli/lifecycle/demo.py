"""An invented mentoring programme, drawn like the figures in DOMAIN.md.

One generator feeds the README's demo, the tests and the benchmarks. Every person is
invented: names are recombined from lists, e-mail addresses use the reserved
example.org domain, phone numbers are random. The same seed gives the same programme.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mentorcli.core.clock import add_months
from mentorcli.core.vocabulary import REQUEUE_REASONS, TIMED_CONTRACTS, TOPICS
from mentorcli.lifecycle.esf import situation_for
from mentorcli.store.db import log_event, transaction

if TYPE_CHECKING:
    from sqlite_utils import Database

CITIES = [
    ("Brussel", ("fr", "nl"), "brussels"),
    ("Antwerpen", ("nl",), "flanders"),
    ("Gent", ("nl",), "flanders"),
    ("Liège", ("fr",), "wallonia"),
    ("Mechelen", ("nl",), "flanders"),
    ("Leuven", ("nl",), "flanders"),
    ("Charleroi", ("fr",), "wallonia"),
    ("Namur", ("fr",), "wallonia"),
    ("Hasselt", ("nl",), "flanders"),
    ("Brugge", ("nl",), "flanders"),
]
CITY_WEIGHTS = [30, 25, 20, 15, 10, 8, 7, 6, 5, 5]

# (NACE section, sector labels as people type them, occupations)
SECTORS: list[tuple[str, list[str], list[str]]] = [
    (
        "H",
        [
            "logistiek",
            "haven",
            "port logistics",
            "transport",
            "transport et logistique",
            "Vervoer en opslag",
            "logistics",
        ],
        [
            "logistiek medewerker",
            "medewerker logistiek",
            "magasinier",
            "heftruckchauffeur",
            "warehouse supervisor",
            "planner transport",
            "douane declarant",
        ],
    ),
    (
        "J",
        ["ICT", "IT", "informatique", "software", "telecom"],
        [
            "software developer",
            "développeur web",
            "data analist",
            "helpdesk medewerker",
            "system administrator",
        ],
    ),
    (
        "Q",
        ["zorg", "gezondheidszorg", "soins", "healthcare", "social work", "maatschappelijk werk"],
        [
            "verpleegkundige",
            "zorgkundige",
            "aide-soignant",
            "maatschappelijk werker",
            "arts",
            "médecin",
            "pharmacist",
        ],
    ),
    (
        "I",
        ["horeca", "restauration", "hospitality", "hotel"],
        ["kok", "cuisinier", "zaalmedewerker", "receptionist"],
    ),
    (
        "F",
        ["bouw", "construction", "bouwsector"],
        ["elektricien", "werfleider", "métreur", "civil engineer"],
    ),
    (
        "K",
        ["finance", "banque", "bank", "verzekeringen"],
        ["boekhouder bank", "credit analyst", "conseiller bancaire"],
    ),
    (
        "M",
        ["boekhouding", "accounting", "comptabilité", "juridisch", "engineering", "consultancy"],
        ["boekhouder", "comptable", "jurist", "ingenieur", "accountant"],
    ),
    (
        "N",
        ["schoonmaak", "nettoyage", "cleaning", "interim"],
        ["schoonmaker", "teamleider schoonmaak", "agent de nettoyage"],
    ),
    (
        "P",
        ["onderwijs", "enseignement", "education"],
        ["leerkracht", "enseignant", "teacher", "opvoeder"],
    ),
    (
        "O",
        ["openbaar bestuur", "administration publique", "public sector", "overheid"],
        ["administratief medewerker", "beleidsmedewerker", "agent administratif"],
    ),
    (
        "G",
        ["retail", "verkoop", "commerce", "winkel"],
        ["verkoper", "vendeur", "store manager", "kassamedewerker"],
    ),
    (
        "C",
        ["industrie", "productie", "manufacturing", "chemie"],
        ["productieoperator", "opérateur de production", "technicus onderhoud", "lasser"],
    ),
    (
        "R",
        ["arts and entertainment", "cultuur", "culture"],
        ["cultuurbemiddelaar", "event organiser", "graphic designer"],
    ),
]
SECTOR_WEIGHTS = [18, 12, 14, 8, 7, 5, 8, 6, 5, 4, 6, 5, 2]

ORIGINS = {  # country: (weight, languages spoken there)
    "MA": (16, ("ar", "fr")),
    "SY": (12, ("ar",)),
    "AF": (10, ("fa", "ps")),
    "CD": (8, ("fr", "ln")),
    "TR": (7, ("tr",)),
    "ER": (7, ("ti",)),
    "SO": (5, ("so",)),
    "GN": (5, ("fr",)),
    "CM": (4, ("fr", "en")),
    "IQ": (5, ("ar", "ku")),
    "DZ": (4, ("ar", "fr")),
    "KE": (2, ("en", "sw")),
    "IN": (3, ("hi", "en")),
    "BR": (2, ("pt",)),
    "UA": (4, ("uk", "ru")),
    "PS": (3, ("ar",)),
    "IR": (3, ("fa",)),
    "NG": (3, ("en",)),
    "PL": (2, ("pl",)),
    "RO": (2, ("ro",)),
}

FIRST_NAMES = {
    "f": [
        "Nour",
        "Amina",
        "Fatima",
        "Yasmina",
        "Hiba",
        "Leyla",
        "Zahra",
        "Mariam",
        "Aster",
        "Selam",
        "Grace",
        "Esther",
        "Olena",
        "Iryna",
        "Ayşe",
        "Elif",
        "Farida",
        "Samira",
        "Priya",
        "Ana",
        "Mieke",
        "Els",
        "Griet",
        "Annelies",
        "Sofie",
        "Véronique",
        "Martine",
        "Chantal",
        "Hilde",
        "Katrien",
        "Nathalie",
        "Ingrid",
    ],
    "m": [
        "Youssef",
        "Omar",
        "Karim",
        "Ahmad",
        "Bilal",
        "Samir",
        "Hamid",
        "Reza",
        "Mehmet",
        "Emre",
        "Dawit",
        "Yonas",
        "Abdi",
        "Moussa",
        "Jean-Paul",
        "Patrick",
        "Oleksandr",
        "Rahul",
        "Thiago",
        "Jan",
        "Luc",
        "Marc",
        "Dirk",
        "Koen",
        "Philippe",
        "Pierre",
        "Geert",
        "Wim",
        "Bart",
        "Frank",
        "Michel",
        "Johan",
    ],
}
LAST_NAMES = [
    "El Amrani",
    "Benali",
    "Haddad",
    "Al-Khatib",
    "Rahimi",
    "Ahmadi",
    "Mbuyi",
    "Kabila",
    "Yılmaz",
    "Demir",
    "Tesfaye",
    "Haile",
    "Warsame",
    "Diallo",
    "Camara",
    "Nkemelu",
    "Kovalenko",
    "Shevchenko",
    "Sharma",
    "Silva",
    "Kowalski",
    "Popescu",
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Lefèvre",
    "Vermeulen",
    "Van den Broeck",
    "D'Hondt",
    "Van Damme",
    "Desmet",
]

OUTCOMES = [("job", 45), ("training", 15), ("internship", 10), ("none", 30)]
CONTRACTS = [("permanent", 35), ("fixed-term", 30), ("interim", 25), ("self-employed", 10)]
EARLY_REASONS = [
    ("job-found", 40),
    ("mentee-withdrew", 15),
    ("lost-contact", 15),
    ("moved", 8),
    ("mismatch", 8),
    ("health", 7),
    ("mentor-withdrew", 7),
]


@dataclass
class DemoSummary:
    mentors: int
    mentees: int
    trajectories: int
    sessions: int
    cities: list[str]


def _pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([v for v, _ in weighted], weights=[w for _, w in weighted])[0]


def _referral(rng: random.Random, region: str) -> str:
    public = {
        "flanders": ["VDAB", "OCMW"],
        "brussels": ["Actiris", "CPAS"],
        "wallonia": ["Forem", "CPAS"],
    }[region]
    return rng.choices([*public, "self", "other"], weights=[40, 20, 25, 15])[0]


def _person(
    rng: random.Random,
    role: str,
    city: tuple[str, tuple[str, ...], str],
    enrolled: dt.date,
    serial: int,
) -> dict[str, Any]:
    name_city, city_langs, region = city
    gender = rng.choices(["f", "m", "x"], weights=[50, 48, 2] if role == "mentee" else [45, 55, 0])[
        0
    ]
    # Mentees mostly carry names from the migrant-origin half of each list.
    firsts = FIRST_NAMES["f" if gender == "x" else gender]
    first = rng.choice(firsts[:19] if role == "mentee" and rng.random() < 0.9 else firsts)
    last = rng.choice(LAST_NAMES[:22] if role == "mentee" and rng.random() < 0.9 else LAST_NAMES)
    name = f"{first} {last}"
    code, labels, occupations = rng.choices(SECTORS, weights=SECTOR_WEIGHTS)[0]
    languages = set(city_langs[:1] if rng.random() < 0.7 else city_langs)
    person: dict[str, Any] = {
        "name": name,
        "email": f"{first}.{last}.{serial}".lower()
        .replace(" ", "")
        .replace("'", "")
        .replace("ı", "i")
        .replace("ş", "s")
        .replace("é", "e")
        .replace("è", "e")
        + "@example.org",
        "phone": f"+32 4{rng.randint(70, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} "
        f"{rng.randint(10, 99)}",
        "city": name_city,
        "sector": rng.choice(labels),
        "occupation": rng.choice(occupations) if rng.random() < 0.85 else None,
        "gender": gender,
        "enrolled_on": enrolled.isoformat(),
        "consent_on": enrolled.isoformat(),
    }
    if role == "mentee":
        origin = rng.choices(list(ORIGINS), weights=[w for w, _ in ORIGINS.values()])[0]
        languages.update(ORIGINS[origin][1])
        if rng.random() < 0.5:
            languages.add("en")
        education = rng.choices(
            ["isced1", "isced3", "isced6", "isced7", "isced8"], weights=[10, 30, 30, 25, 5]
        )[0]
        person.update(
            birth_year=enrolled.year
            - (rng.randint(18, 33) if rng.random() < 0.9 else rng.randint(34, 52)),
            origin_country=origin,
            education=education,
            diploma_recognised=(
                int(rng.random() < 0.4) if education in ("isced6", "isced7", "isced8") else None
            ),
            referral=_referral(rng, region),
            hours_per_week=rng.choice([2.0, 2.5, 3.0, None]),
            prefers_gender=rng.choice(["f", "m"]) if rng.random() < 0.08 else None,
            prefers_similar_background=int(rng.random() < 0.15),
        )
        # Drawn from a generator of their own, so the rest of the demo stays as it was
        # before ESF+ was recorded.
        person.update(_esf_fields(random.Random(f"{serial}:{name}"), person, enrolled))
    else:
        if rng.random() < 0.6:
            languages.add("en")
        if rng.random() < 0.3:
            languages.add("fr" if "nl" in languages else "nl")
        person.update(
            birth_year=enrolled.year
            - (rng.randint(50, 68) if rng.random() < 0.85 else rng.randint(35, 49)),
            education=_pick(rng, [("isced3", 15), ("isced6", 40), ("isced7", 38), ("isced8", 7)]),
            hours_per_week=rng.choice([2.0, 3.0, 3.0, 4.0, None]),
            capacity=rng.choices([1, 2], weights=[60, 40])[0],
            organisation=rng.choice(
                [
                    "Stad Gent",
                    "Port of Antwerp-Bruges",
                    "KBC",
                    "UZ Gent",
                    "Proximus",
                    "Colruyt",
                    "Electrabel",
                    None,
                ]
            ),
        )
    person["languages"] = ",".join(sorted(languages))
    return person


def _esf_fields(rng: random.Random, mentee: dict[str, Any], enrolled: dt.date) -> dict[str, Any]:
    """What ESF+ asks at entry, as a programme records it: mostly unemployed, often for
    long; a few fields never asked; the special-category answers only for the one mentee
    in five who gave that consent."""
    fields: dict[str, Any] = {}
    if mentee["education"] == "isced3" and rng.random() < 0.4:
        fields["education"] = "isced2"
    elif mentee["education"] == "isced1" and rng.random() < 0.2:
        fields["education"] = "isced0"
    status = _pick(
        rng,
        [
            ("unemployed", 62),
            ("inactive", 12),
            ("employed", 8),
            ("self-employed", 2),
            ("in-education", 7),
            ("", 9),
        ],
    )
    if status:
        fields["labour_status"] = status
    if status == "unemployed" and rng.random() < 0.9:
        since = enrolled - dt.timedelta(days=rng.randint(20, 1100))
        fields["unemployed_since"] = since.isoformat()
    origin = mentee["origin_country"]
    nationality = rng.choices([origin, "BE", None], weights=[55, 35, 10])[0]
    if nationality:
        fields["nationality"] = nationality
    if rng.random() < 0.2:
        fields["special_consent_on"] = enrolled.isoformat()
        fields["disability"] = rng.choices(["yes", "no", "not-said"], weights=[10, 82, 8])[0]
        fields["homeless"] = rng.choices(["yes", "no", "not-said"], weights=[6, 88, 6])[0]
    return fields


def generate(
    db: Database,
    *,
    people: int = 80,
    seed: int = 1,
    cities: int = 5,
    years: int = 1,
    today: dt.date,
    months: int = 6,
) -> DemoSummary:
    """Write an invented programme whose history runs ``years`` back from ``today``.

    Half the people are mentees. With ``years=0`` nobody has been matched yet (the
    benchmark's waiting list); otherwise earlier mentees had trajectories with weekly
    sessions, closes and follow-ups, and the last weeks' enrolments are still waiting.
    """
    rng = random.Random(seed)
    chosen = CITIES[: max(1, min(cities, len(CITIES)))]
    weights = CITY_WEIGHTS[: len(chosen)]
    span = max(0, years * 365)
    recent = 45  # the newest enrolments are the current waiting list
    rows: dict[str, list[dict[str, Any]]] = {"mentor": [], "mentee": []}
    for serial in range(people):
        role = "mentee" if serial % 2 else "mentor"
        city = rng.choices(chosen, weights=weights)[0]
        if span == 0:
            enrolled = today - dt.timedelta(days=rng.randint(0, 120))
        elif role == "mentor":
            enrolled = today - dt.timedelta(days=rng.randint(recent, span + recent))
        elif rng.random() < 0.12:
            enrolled = today - dt.timedelta(days=rng.randint(0, recent))
        else:
            enrolled = today - dt.timedelta(days=rng.randint(recent, span + recent))
        rows[role].append(_person(rng, role, city, enrolled, serial))
    with transaction(db):
        ids = {}
        for role, persons in rows.items():
            persons.sort(key=lambda p: p["enrolled_on"])
            ids[role] = _insert(db, role, persons)
        trajectories, sessions = (0, 0)
        if span:
            before = db.execute("SELECT coalesce(max(id), 0) FROM trajectories").fetchone()[0]
            trajectories, sessions = _history(db, rng, rows, ids, today, months)
            # its own generator: the history above stays what it was before issue 13
            again, more = _life(db, random.Random(seed * 7919 + 13), today, months)
            trajectories, sessions = trajectories + again, sessions + more
            # A stream of its own, so the people and trajectories of a seed stay as they were.
            _check_ins(db, random.Random(f"check-ins:{seed}"), today, after_id=before)
            _esf_results(db, random.Random(f"esf-results:{seed}"), after_id=before)
        log_event(db, "demo", details={"people": people, "seed": seed, "years": years})
    return DemoSummary(
        len(rows["mentor"]), len(rows["mentee"]), trajectories, sessions, [c[0] for c in chosen]
    )


def _insert(db: Database, role: str, persons: list[dict[str, Any]]) -> list[int]:
    columns = sorted({k for p in persons for k in p})
    sql = (
        f"INSERT INTO people (role, {', '.join(columns)}) "
        f"VALUES (?, {', '.join('?' for _ in columns)})"
    )
    first = (db.execute("SELECT coalesce(max(id), 0) FROM people").fetchone()[0]) + 1
    db.conn.executemany(sql, [[role, *[p.get(c) for c in columns]] for p in persons])
    return list(range(first, first + len(persons)))


def _history(
    db: Database,
    rng: random.Random,
    rows: dict[str, list[dict[str, Any]]],
    ids: dict[str, list[int]],
    today: dt.date,
    months: int,
) -> tuple[int, int]:
    """Match past mentees to free mentors of their city, then live their trajectories."""
    mentors_by_city: dict[str, list[int]] = {}
    for index, mentor in enumerate(rows["mentor"]):
        mentors_by_city.setdefault(mentor["city"], []).append(index)
    busy_until: dict[int, list[dt.date]] = {i: [] for i in range(len(rows["mentor"]))}
    trajectories: list[list[Any]] = []
    session_rows: list[list[Any]] = []
    followups: list[list[Any]] = []
    withdrawn: dict[int, str] = {}
    order = sorted(range(len(rows["mentee"])), key=lambda i: rows["mentee"][i]["enrolled_on"])
    for index in order:
        mentee = rows["mentee"][index]
        enrolled = dt.date.fromisoformat(mentee["enrolled_on"])
        start = enrolled + dt.timedelta(days=rng.randint(7, 80))
        if start > today - dt.timedelta(days=7):
            continue
        langs = set(mentee["languages"].split(","))
        free = []
        for m in mentors_by_city.get(mentee["city"], []):
            mentor = rows["mentor"][m]
            if m in withdrawn or mentor["enrolled_on"] > start.isoformat():
                continue
            if not langs & set(mentor["languages"].split(",")):
                continue
            busy_until[m] = [d for d in busy_until[m] if d > start]
            if len(busy_until[m]) < mentor["capacity"]:
                free.append(m)
        if not free:
            continue
        same = [m for m in free if rows["mentor"][m]["sector"] == mentee["sector"]]
        m = rng.choice(same or free)
        planned = add_months(start, months)
        early = rng.random() < 0.11
        end = (
            start + dt.timedelta(days=rng.randint(30, 150))
            if early
            else planned + dt.timedelta(days=rng.randint(0, 20))
        )
        closed = end <= today
        traj_id = len(trajectories) + 1
        busy_until[m].append(end if closed else planned + dt.timedelta(days=3650))
        record: list[Any] = [
            traj_id,
            ids["mentee"][index],
            ids["mentor"][m],
            start.isoformat(),
            planned.isoformat(),
            round(rng.uniform(45, 95), 1),
        ]
        if closed:
            reason = _pick(rng, EARLY_REASONS) if early else "completed"
            outcome = "job" if reason == "job-found" else _pick(rng, OUTCOMES)
            contract = _pick(rng, CONTRACTS) if outcome == "job" else None
            leaves = int(rng.random() < 0.18)
            if leaves:
                withdrawn[m] = end.isoformat()
            record += ["closed", end.isoformat(), outcome, contract, reason, leaves]
            follow = add_months(start, 12)
            if follow <= today and rng.random() < 0.7:
                f_outcome = _pick(rng, OUTCOMES)
                followups.append(
                    [
                        traj_id,
                        follow.isoformat(),
                        f_outcome,
                        _pick(rng, CONTRACTS) if f_outcome == "job" else None,
                    ]
                )
        else:
            record += ["active", None, None, None, None, 0]
        trajectories.append(record)
        day = start
        last = min(end, today)
        week = 0
        while day <= last:
            if rng.random() < 0.85:
                phase = TOPICS[:3] if week < 8 else TOPICS[2:8]
                topics = sorted(set(rng.sample(phase, k=rng.randint(1, 2))))
                session_rows.append(
                    [
                        traj_id,
                        day.isoformat(),
                        rng.choice([90, 120, 150, 180]),
                        ",".join(topics),
                        None,
                    ]
                )
            day += dt.timedelta(days=7)
            week += 1
    offset = db.execute("SELECT coalesce(max(id), 0) FROM trajectories").fetchone()[0]
    for record in trajectories:
        record[0] += offset
    for session in session_rows:
        session[0] += offset
    for followup in followups:
        followup[0] += offset
    db.conn.executemany(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, score, "
        "status, closed_on, outcome, contract, close_reason, mentor_leaves) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        trajectories,
    )
    db.conn.executemany(
        "INSERT INTO sessions (trajectory_id, held_on, minutes, topics, note) "
        "VALUES (?, ?, ?, ?, ?)",
        session_rows,
    )
    db.conn.executemany(
        "INSERT INTO followups (trajectory_id, recorded_on, outcome, contract) VALUES (?, ?, ?, ?)",
        followups,
    )
    db.conn.executemany(
        "UPDATE people SET withdrawn_on = ? WHERE id = ?",
        [[day, ids["mentor"][m]] for m, day in withdrawn.items()],
    )
    return len(trajectories), len(session_rows)


def _check_ins(db: Database, rng: random.Random, today: dt.date, *, after_id: int) -> None:
    """About one check-in a month in every duo from ``after_id`` on: mostly good, now and
    then a concern or at-risk; most duos that end early flagged in their last weeks, and
    a fifth of the running duos flagged at their last check-in (at least one of each, so
    `remind`, `stats` and `trajectory` have them to show). A quarter of the running duos
    are overdue for their next check-in."""
    rows: list[list[Any]] = []
    found: list[tuple[int, str, str | None, str | None]] = db.execute(
        "SELECT id, started_on, closed_on, close_reason FROM trajectories WHERE id > ? ORDER BY id",
        [after_id],
    ).fetchall()
    flagged = {"early": False, "running": False}
    for trajectory_id, started_on, closed_on, reason in found:
        start = dt.date.fromisoformat(started_on)
        last = dt.date.fromisoformat(closed_on) if closed_on else today
        early = reason is not None and reason != "completed"
        troubled = early and rng.random() < 0.6
        worrying = closed_on is None and rng.random() < 0.2
        if closed_on is None and rng.random() < 0.25:
            last -= dt.timedelta(days=rng.randint(35, 60))
        days: list[dt.date] = []
        day = start + dt.timedelta(days=rng.randint(25, 35))
        while day <= last:
            days.append(day)
            day += dt.timedelta(days=rng.randint(26, 38))
        for n, day in enumerate(days):
            if (troubled and (last - day).days <= 45) or (worrying and n == len(days) - 1):
                status = _pick(rng, [("at-risk", 60), ("concern", 40)])
                flagged["early" if troubled else "running"] = True
            else:
                status = _pick(rng, [("good", 86), ("concern", 9), ("at-risk", 5)])
            with_whom = _pick(rng, [("both", 60), ("mentee", 25), ("mentor", 15)])
            rows.append([trajectory_id, day.isoformat(), status, with_whom])
    # When chance flagged none: the first early-closed duo two weeks before its end, the
    # first running one today (its last check-in then).
    for trajectory_id, started_on, closed_on, reason in found:
        early = closed_on is not None and reason != "completed"
        kind = "early" if early else "running" if closed_on is None else ""
        if not kind or flagged[kind]:
            continue
        start = dt.date.fromisoformat(started_on)
        end = dt.date.fromisoformat(closed_on) if closed_on else today
        day = end - dt.timedelta(days=min(14, (end - start).days)) if early else today
        rows.append([trajectory_id, day.isoformat(), "at-risk", "both"])
        flagged[kind] = True
    rows.sort(key=lambda r: (r[1], r[0]))  # ids in date order, as typed day by day
    db.conn.executemany(
        "INSERT INTO check_ins (trajectory_id, held_on, status, with_whom) VALUES (?, ?, ?, ?)",
        rows,
    )


def _esf_results(db: Database, rng: random.Random, *, after_id: int) -> None:
    """What ESF+ asks about leaving and after (issue 14), on the duos just written: a
    fixed-term or interim job's length (now and then unknown), job searching after "no
    result yet", a qualification after most trainings; and the situation at the
    follow-up (after "none": job searching or inactive)."""
    closes = db.execute(
        "SELECT id, outcome, contract FROM trajectories WHERE status = 'closed' AND id > ? "
        "ORDER BY id",
        [after_id],
    ).fetchall()
    updates = []
    for tid, outcome, contract in closes:
        timed = contract in TIMED_CONTRACTS and rng.random() < 0.85
        months = rng.choice([1, 2, 3, 3, 6, 6, 6, 12, 12, 24]) if timed else None
        searching = outcome == "none" and rng.random() < 0.7
        qualified = rng.random() < (0.6 if outcome == "training" else 0.08)
        updates.append([months, int(searching), int(qualified), tid])
    db.conn.executemany(
        "UPDATE trajectories SET contract_months = ?, job_searching = ?, qualification = ? "
        "WHERE id = ?",
        updates,
    )
    followups = db.execute(
        "SELECT trajectory_id, outcome, contract FROM followups WHERE trajectory_id > ? "
        "ORDER BY trajectory_id",
        [after_id],
    ).fetchall()
    rows = []
    for tid, outcome, contract in followups:
        situation = situation_for(outcome, contract) or _pick(
            rng, [("job-searching", 70), ("inactive", 30)]
        )
        timed = contract in TIMED_CONTRACTS and rng.random() < 0.85
        rows.append([situation, rng.choice([3, 6, 6, 12, 12, 24]) if timed else None, tid])
    db.conn.executemany(
        "UPDATE followups SET situation = ?, contract_months = ? WHERE trajectory_id = ?", rows
    )


def _life(db: Database, rng: random.Random, today: dt.date, months: int) -> tuple[int, int]:
    """What happens to duos that do not go to plan (issue 13), a few of each so that every
    view has one to show: some active duos extended by a month or two; some mentees back
    on the waiting list after a duo that ended early for a reason not theirs, every other
    one matched again with another mentor of their city; some follow-ups that could not
    reach the mentee. Returns the duos started again and their sessions."""
    db.execute(
        "UPDATE trajectories SET waiting_since = (SELECT enrolled_on FROM people "
        "WHERE people.id = trajectories.mentee_id) WHERE waiting_since IS NULL"
    )
    active = db.execute(
        "SELECT id, planned_end FROM trajectories WHERE status = 'active' ORDER BY id"
    ).fetchall()
    extended = rng.sample(active, k=min(len(active), max(1, len(active) // 6)))
    db.conn.executemany(
        "UPDATE trajectories SET planned_end = ? WHERE id = ?",
        [
            (add_months(dt.date.fromisoformat(end), rng.choice([1, 2])).isoformat(), tid)
            for tid, end in sorted(extended)
        ],
    )
    db.execute(
        "UPDATE followups SET outcome = 'unreachable' WHERE outcome = 'none' "
        "AND trajectory_id % 3 = 0"
    )
    early = db.execute(
        "SELECT t.id, t.mentee_id, t.mentor_id, t.closed_on, p.city FROM trajectories t "
        "JOIN people p ON p.id = t.mentee_id WHERE p.withdrawn_on IS NULL AND t.close_reason "
        f"IN ({', '.join(repr(r) for r in REQUEUE_REASONS)}) ORDER BY t.id"
    ).fetchall()
    if len(early) < 2:  # a short history: two running duos ended early (a mismatch)
        kept = {tid for tid, _ in extended}
        for tid, mentee_id, former, started, city in db.execute(
            "SELECT t.id, t.mentee_id, t.mentor_id, t.started_on, p.city FROM trajectories t "
            "JOIN people p ON p.id = t.mentee_id WHERE t.status = 'active' "
            "ORDER BY t.started_on, t.id"
        ).fetchall():
            end = today - dt.timedelta(days=rng.randint(20, 40))
            if tid in kept or len(early) >= 2 or end.isoformat() < started:
                continue
            db.execute(
                "DELETE FROM sessions WHERE trajectory_id = ? AND held_on > ?",
                [tid, end.isoformat()],
            )
            db.execute(
                "UPDATE trajectories SET status = 'closed', closed_on = ?, outcome = 'none', "
                "close_reason = 'mismatch' WHERE id = ?",
                [end.isoformat(), tid],
            )
            early.append((tid, mentee_id, former, end.isoformat(), city))
    # the mentors with a free place today, read once (not through the view in the loop)
    free: dict[str, list[list[Any]]] = {}
    for mentor_id, city, places, enrolled in db.execute(
        "SELECT id, city, capacity - active_trajectories, enrolled_on FROM people_status "
        "WHERE role = 'mentor' AND status = 'available' ORDER BY id"
    ):
        free.setdefault(city, []).append([mentor_id, places, enrolled])
    chosen = sorted(rng.sample(early, k=min(len(early), max(2, len(early) // 2))))
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM trajectories").fetchone()[0]
    again: list[tuple[Any, ...]] = []
    session_rows: list[tuple[Any, ...]] = []
    waiting: list[tuple[str, int]] = []
    for n, (_, mentee_id, former, closed_on, city) in enumerate(chosen):
        back = min(dt.date.fromisoformat(closed_on) + dt.timedelta(rng.randint(0, 14)), today)
        start = back + dt.timedelta(days=rng.randint(10, 40))
        options = [
            m
            for m in free.get(city, [])
            if m[0] != former and m[1] > 0 and m[2] <= start.isoformat()
        ]
        if n % 2 or not options or start > today - dt.timedelta(days=7):
            waiting.append((back.isoformat(), mentee_id))
            continue
        mentor = rng.choice(options)
        mentor[1] -= 1
        trajectory_id = first + len(again)
        planned = add_months(start, months)
        again.append(
            (trajectory_id, mentee_id, mentor[0], start.isoformat(), planned.isoformat(),
             round(rng.uniform(45, 95), 1), back.isoformat())
        )  # fmt: skip
        day = start
        while day <= min(planned, today):
            if rng.random() < 0.8:
                session_rows.append((trajectory_id, day.isoformat(), 120, "cv", None))
            day += dt.timedelta(days=7)
    db.conn.executemany(
        f"UPDATE trajectories SET requeued = 1 WHERE id IN ({', '.join('?' for _ in chosen)})",
        [[c[0] for c in chosen]],
    )
    db.conn.executemany("UPDATE people SET requeued_on = ? WHERE id = ?", waiting)
    db.conn.executemany(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, score, "
        "waiting_since) VALUES (?, ?, ?, ?, ?, ?, ?)",
        again,
    )
    db.conn.executemany(
        "INSERT INTO sessions (trajectory_id, held_on, minutes, topics, note) "
        "VALUES (?, ?, ?, ?, ?)",
        session_rows,
    )
    return len(again), len(session_rows)


def write_new(
    target: Path, *, people: int, seed: int, cities: int, years: int, today: dt.date
) -> DemoSummary:
    """Write an invented programme to ``target``: a new file, or one an earlier demo wrote;
    a file holding real people is refused. Written beside the target and moved over it
    once complete, so a demo that fails half-way leaves no file, or the earlier demo,
    exactly as it was."""
    import os
    import tempfile

    from mentorcli.core.errors import MentorError
    from mentorcli.store.db import open_db
    from mentorcli.store.files import kind_of

    try:
        kind = kind_of(target.lstat().st_mode)
    except FileNotFoundError:
        kind = None
    if kind is not None:  # `demo --db /dev/null` run as root once replaced the device
        raise MentorError(
            f"{target} is {kind}, not a regular file: the demo only writes a new database "
            "or replaces an earlier demo (pass another --db)"
        )
    if target.exists() and target.stat().st_size > 0:
        existing = open_db(target)
        count = existing.execute("SELECT count(*) FROM people").fetchone()[0]
        used = existing.execute("SELECT count(*) FROM events").fetchone()[0]
        was_demo = existing.execute("SELECT 1 FROM events WHERE action = 'demo'").fetchone()
        existing.close()
        if (count or used) and not was_demo:  # settings changed, nobody enrolled yet: real
            raise MentorError(
                f"{target} already holds {count} people and {used} events, and is not a "
                "demo: the demo only writes a new database or replaces an earlier demo (pass "
                "another --db)"
            )
    if not target.parent.is_dir():
        raise MentorError(f"the folder {target.parent} does not exist; create it first")
    # An unpredictable name, made with O_EXCL: a link planted at a guessable name (in a
    # shared folder such as /tmp) would otherwise be followed.
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".draft")
    os.close(fd)
    draft = Path(name)
    try:
        database = open_db(draft)
        try:
            summary = generate(
                database, people=people, seed=seed, cities=cities, years=years, today=today
            )
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file
        finally:
            database.close()
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(draft, target)
    finally:
        for suffix in ("", "-wal", "-shm"):
            draft.with_name(draft.name + suffix).unlink(missing_ok=True)
    return summary
