"""Between the database and the matcher: who can be matched, proposals, and trajectories.

Reads people into ``matching``'s plain dataclasses, asks it for scores and an
assignment (split by city when pairs must share a city), explains the result in
coordinator's words, and turns accepted pairs into trajectories.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypedDict

from mentorcli import matching, people
from mentorcli.core.clock import add_months, utc_stamp
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.reference import canonical_city
from mentorcli.store import settings
from mentorcli.store.db import log_event, log_events

if TYPE_CHECKING:
    from sqlite_utils import Database


class FirstChoice(TypedDict):
    """The mentor a mentee would have had first, and who took their places."""

    mentor_id: int
    mentor_name: str
    score: float
    taken_by: list[str]


class ProposedPair(TypedDict):
    """One pair of a proposal, explained (`match --format json`, under "pairs")."""

    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    city: str
    score: float
    reasons: list[str]
    breakdown: dict[str, float]
    rank: int  # where the mentor stands in the mentee's own list (1 = first)
    pinned: bool
    first_choice: FirstChoice | None  # when rank > 1
    trajectory_id: int | None  # set once the pair is accepted


class WaitingMentee(TypedDict):
    """A mentee the proposal leaves waiting, and why."""

    mentee_id: int
    mentee_name: str
    city: str
    why: str


class MatchProposal(TypedDict):
    pairs: list[ProposedPair]
    unmatched: list[WaitingMentee]  # by mentee id
    min_score: float
    waiting: int  # mentees on the waiting list (of the city)


class RankedMentor(TypedDict):
    mentor_id: int
    mentor_name: str
    score: float
    reasons: list[str]
    breakdown: dict[str, float]
    free_places: int


class MentorsFor(TypedDict):
    """`match --mentee … --format json`: the mentors one mentee could have, best first."""

    mentee_id: int
    mentee_name: str
    candidates: list[RankedMentor]


class Undone(TypedDict):
    """What `unmatch` undid."""

    trajectory_id: int
    mentee_id: int
    mentor_id: int


# (mentee id, mentor id, score) of an accepted pair, for create_trajectories
AcceptedPair = tuple[int, int, float | None]


@functools.cache  # thousands of people, a few dozen language sets
def _languages(text: str) -> frozenset[str]:
    return frozenset(x for x in text.split(",") if x)


def _flag(value: Any) -> bool | None:
    return None if value is None else bool(value)


def load_mentees(
    db: Database, *, city: str | None = None, ids: list[int] | None = None
) -> list[matching.Mentee]:
    where = ["role = 'mentee'"]
    params: list[Any] = []
    if ids is not None:
        where.append(f"id IN ({', '.join('?' for _ in ids)})")
        params += ids
    else:
        where.append("status = 'waiting'")
    if city:
        where.append("city = ?")
        params.append(canonical_city(city))
    # The waiting time (the matching bonus, the order) counts from the day the mentee
    # went on the list: the enrolment, or the requeue after a duo that ended early.
    rows = db.query(
        "SELECT id, name, city, languages, sector, "
        "coalesce(requeued_on, enrolled_on) AS enrolled_on, occupation, education, "
        "hours_per_week, diploma_recognised, prefers_gender, prefers_similar_background "
        f"FROM people_status WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(requeued_on, enrolled_on), id",
        params,
    )
    return [
        matching.Mentee(
            id=r["id"],
            name=r["name"],
            city=r["city"],
            languages=_languages(r["languages"]),
            sector=r["sector"],
            enrolled_on=dt.date.fromisoformat(r["enrolled_on"]),
            occupation=r["occupation"],
            education=r["education"],
            hours_per_week=r["hours_per_week"],
            diploma_recognised=_flag(r["diploma_recognised"]),
            prefers_gender=r["prefers_gender"],
            prefers_similar_background=bool(r["prefers_similar_background"]),
        )
        for r in rows
    ]


def load_mentors(db: Database, *, city: str | None = None) -> list[matching.Mentor]:
    """Active mentors with at least one free place."""
    params: list[Any] = []
    sql = (
        "SELECT id, name, city, languages, sector, enrolled_on, occupation, education, "
        "hours_per_week, gender, knows_diploma_recognition, "
        "capacity - active_trajectories AS free_places FROM people_status "
        "WHERE role = 'mentor' AND withdrawn_on IS NULL AND erased_on IS NULL "
        "AND capacity > active_trajectories"
    )
    if city:
        sql += " AND city = ?"
        params.append(canonical_city(city))
    rows = db.query(sql + " ORDER BY id", params)
    return [
        matching.Mentor(
            id=r["id"],
            name=r["name"],
            city=r["city"],
            languages=_languages(r["languages"]),
            sector=r["sector"],
            free_places=r["free_places"],
            enrolled_on=dt.date.fromisoformat(r["enrolled_on"]),
            occupation=r["occupation"],
            education=r["education"],
            hours_per_week=r["hours_per_week"],
            gender=r["gender"],
            knows_diploma_recognition=_flag(r["knows_diploma_recognition"]),
        )
        for r in rows
    ]


def excluded_pairs(db: Database, allowed: Sequence[PairRequest] = ()) -> set[tuple[int, int]]:
    """Forbidden pairs (but those ``allowed`` again in this run) and pairs that were ever
    together: never proposed again."""
    lifted = {(p.mentee_id, p.mentor_id) for p in allowed}
    forbidden = db.execute("SELECT mentee_id, mentor_id FROM forbidden_pairs").fetchall()
    together = db.execute("SELECT mentee_id, mentor_id FROM trajectories").fetchall()
    return {(a, b) for a, b in forbidden if (a, b) not in lifted} | {(a, b) for a, b in together}


def rules(db: Database) -> tuple[matching.Rules, settings.Settings]:
    values = settings.load(db)
    return matching.Rules.from_settings(values), values


@dataclass
class PairRequest:
    mentee_id: int
    mentor_id: int
    names: str = ""  # "Fatou Diallo (8) and Luc Wouters (14)", for what match says of it


@dataclass
class PairRequests:
    """The pairs typed after `match --pin`, `--forbid` and `--allow`, resolved."""

    pins: list[PairRequest] = field(default_factory=list)
    forbidden: list[PairRequest] = field(default_factory=list)
    allowed: list[PairRequest] = field(default_factory=list)


def resolve_requests(
    db: Database,
    choose: Callable[[list[people.Candidate]], people.Candidate | None] | None = None,
    *,
    pin: Sequence[str] = (),
    forbid: Sequence[str] = (),
    allow: Sequence[str] = (),
) -> PairRequests:
    """Every 'MENTEE:MENTOR' of one `match`, resolved (pick lists first, before any write)."""
    return PairRequests(  # in the order match has always asked: forbids, then pins
        forbidden=[resolve_pair(db, text, choose) for text in forbid],
        allowed=[resolve_pair(db, text, choose) for text in allow],
        pins=[resolve_pair(db, text, choose) for text in pin],
    )


def resolve_pair(
    db: Database,
    text: str,
    choose: Callable[[list[people.Candidate]], people.Candidate | None] | None = None,
) -> PairRequest:
    """'MENTEE:MENTOR' with ids or names, as typed after --pin or --forbid."""
    if text.count(":") != 1:
        raise MentorError(f"{text!r} is not MENTEE:MENTOR (ids or names)")
    mentee, mentor = (part.strip() for part in text.split(":"))
    if not mentee or not mentor:
        raise MentorError(f"{text!r} is not MENTEE:MENTOR (ids or names)")
    pair = PairRequest(
        people.resolve(db, mentee, "mentee", choose=choose),
        people.resolve(db, mentor, "mentor", choose=choose),
    )
    people.refuse_erased(db, pair.mentee_id)
    people.refuse_erased(db, pair.mentor_id)
    pair.names = _names(db, pair)
    return pair


def remember_forbidden(db: Database, pairs: list[PairRequest]) -> None:
    """Store pairs never to propose again; a pair forbidden before is not logged again."""
    since = utc_stamp()  # the clock the event log keeps (MENTORCLI_TODAY included)
    for pair in pairs:
        cursor = db.execute(
            "INSERT OR IGNORE INTO forbidden_pairs (mentee_id, mentor_id, created_at) "
            "VALUES (?, ?, ?)",
            [pair.mentee_id, pair.mentor_id, since],
        )
        if cursor.rowcount:
            log_event(db, "forbid", person_id=pair.mentee_id, details={"mentor_id": pair.mentor_id})


def _names(db: Database, pair: PairRequest) -> str:
    mentee = people.get_person(db, pair.mentee_id)["name"]
    mentor = people.get_person(db, pair.mentor_id)["name"]
    return f"{mentee} ({pair.mentee_id}) and {mentor} ({pair.mentor_id})"


def check_allowed(
    db: Database, allowed: Sequence[PairRequest], forbidden: Sequence[PairRequest] = ()
) -> None:
    """``match --allow`` lifts a forbid that exists: a pair never forbidden (a typo, the
    wrong person) is refused, and so is a pair allowed and forbidden in one run."""
    both = {(p.mentee_id, p.mentor_id) for p in forbidden}
    for pair in allowed:
        if (pair.mentee_id, pair.mentor_id) in both:
            raise UsageError(f"{pair.names} are both allowed and forbidden: choose one")
        found = db.execute(
            "SELECT 1 FROM forbidden_pairs WHERE mentee_id = ? AND mentor_id = ?",
            [pair.mentee_id, pair.mentor_id],
        ).fetchone()
        if found is None:
            raise MentorError(
                f"{pair.names} are not a forbidden pair (see `mentorcli list forbidden`)"
            )


def forget_forbidden(db: Database, pairs: Sequence[PairRequest]) -> None:
    """Lift forbids (``match --allow``); the caller holds the transaction. The event says
    which pair and since when it had been forbidden."""
    check_allowed(db, pairs)
    for pair in pairs:
        since = db.execute(
            "SELECT created_at FROM forbidden_pairs WHERE mentee_id = ? AND mentor_id = ?",
            [pair.mentee_id, pair.mentor_id],
        ).fetchone()[0]
        db.execute(
            "DELETE FROM forbidden_pairs WHERE mentee_id = ? AND mentor_id = ?",
            [pair.mentee_id, pair.mentor_id],
        )
        log_event(
            db,
            "allow",
            person_id=pair.mentee_id,
            details={"mentor_id": pair.mentor_id, "forbidden_since": since[:10]},
        )


def _groups(
    mentees: list[matching.Mentee], mentors: list[matching.Mentor], same_city: bool
) -> list[tuple[list[matching.Mentee], list[matching.Mentor]]]:
    if not same_city:
        return [(mentees, mentors)]
    by_city: dict[str, tuple[list[matching.Mentee], list[matching.Mentor]]] = defaultdict(
        lambda: ([], [])
    )
    for mentee in mentees:
        by_city[matching.fold_city(mentee.city)][0].append(mentee)
    for mentor in mentors:
        by_city[matching.fold_city(mentor.city)][1].append(mentor)
    return [by_city[key] for key in sorted(by_city) if by_city[key][0]]


def propose(
    db: Database,
    *,
    as_of: dt.date,
    city: str | None = None,
    min_score: float | None = None,
    requests: PairRequests | None = None,
) -> MatchProposal:
    """The best assignment of the waiting list as of ``as_of`` (the start date of the
    pairs it proposes: a mentee's waiting time is counted to that day), explained;
    nothing is written.

    ``requests`` pins pairs, and holds the pairs forbidden and the forbids lifted in this
    same run: `match` writes those with the accepted pairs, in one transaction, after the
    coordinator has chosen.
    """
    requests = requests or PairRequests()
    pins, forbidden, allowed = requests.pins, requests.forbidden, requests.allowed
    check_allowed(db, allowed, forbidden)
    rule_set, values = rules(db)
    threshold = values["match.min_score"] if min_score is None else min_score
    # A back-dated proposal holds only the people enrolled by then: a pair with someone
    # who enrolled later could not start on that day.
    mentees = [m for m in load_mentees(db, city=city) if m.enrolled_on <= as_of]
    mentors = [
        m
        for m in load_mentors(db, city=None if not rule_set.same_city else city)
        if m.enrolled_on <= as_of
    ]
    excluded = excluded_pairs(db, allowed) | {(p.mentee_id, p.mentor_id) for p in forbidden}
    _check_pins(db, pins, mentees, mentors)
    pairs: list[ProposedPair] = []
    unmatched: list[WaitingMentee] = []
    groups = _groups(mentees, mentors, rule_set.same_city)
    for group_mentees, group_mentors in groups:
        scores = matching.score_pairs(
            group_mentees, group_mentors, rule_set, as_of=as_of, forbidden=excluded
        )
        row = {p.id: i for i, p in enumerate(group_mentees)}
        col = {p.id: j for j, p in enumerate(group_mentors)}
        group_pins = []
        for pin in pins:
            if pin.mentee_id in row:
                if pin.mentor_id not in col:
                    raise MentorError(
                        f"cannot pin {group_mentees[row[pin.mentee_id]].name}: the mentor "
                        "is in another city (see `mentorcli config set match.same_city`)"
                    )
                group_pins.append((row[pin.mentee_id], col[pin.mentor_id]))
        for i, j in group_pins:
            problems = matching.why_excluded(scores, i, j)
            if problems:
                raise MentorError(
                    f"cannot pin {group_mentees[i].name} to {group_mentors[j].name}: "
                    f"{', '.join(problems)}"
                )
        proposal = matching.assign(scores, min_score=threshold, pins=group_pins)
        pairs += _explain_pairs(scores, proposal)
        unmatched += [
            {
                "mentee_id": scores.mentees[i].id,
                "mentee_name": scores.mentees[i].name,
                "city": scores.mentees[i].city,
                "why": why,
            }
            for i, why in proposal.unmatched
        ]
    return {
        "pairs": pairs,
        "unmatched": sorted(unmatched, key=lambda u: u["mentee_id"]),
        "min_score": threshold,
        "waiting": sum(len(group_mentees) for group_mentees, _ in groups),
    }


def _check_pins(
    db: Database,
    pins: Sequence[PairRequest],
    mentees: list[matching.Mentee],
    mentors: list[matching.Mentor],
) -> None:
    waiting = {m.id for m in mentees}
    free = {m.id: m.free_places for m in mentors}
    seen: set[int] = set()
    for pin in pins:
        name = people.get_person(db, pin.mentee_id)["name"]
        if pin.mentee_id not in waiting:
            raise MentorError(f"cannot pin {name}: not on the waiting list (or another city)")
        if pin.mentee_id in seen:
            raise MentorError(f"{name} is pinned twice")
        seen.add(pin.mentee_id)
        if free.get(pin.mentor_id, 0) <= 0:
            mentor = people.get_person(db, pin.mentor_id)["name"]
            raise MentorError(f"cannot pin to {mentor}: no free place")
        free[pin.mentor_id] -= 1


def _explain_pairs(scores: matching.Scores, proposal: matching.Proposal) -> list[ProposedPair]:
    taken_by: dict[int, list[int]] = defaultdict(list)
    for i, j in proposal.pairs:
        taken_by[j].append(i)
    out: list[ProposedPair] = []
    ranked = matching.ranks(scores, proposal.pairs)
    for (i, j), (rank, best) in zip(proposal.pairs, ranked, strict=True):
        mentee, mentor = scores.mentees[i], scores.mentors[j]
        entry: ProposedPair = {
            "mentee_id": mentee.id,
            "mentee_name": mentee.name,
            "mentor_id": mentor.id,
            "mentor_name": mentor.name,
            "city": mentee.city,
            "score": scores.score_of(i, j),
            "reasons": matching.reasons(scores, i, j),
            "breakdown": matching.breakdown(scores, i, j),
            "rank": rank,
            "pinned": (i, j) in proposal.pinned,
            "first_choice": None,
            "trajectory_id": None,
        }
        if rank > 1:
            others = [scores.mentees[k].name for k in taken_by.get(best, []) if k != i]
            entry["first_choice"] = {
                "mentor_id": scores.mentors[best].id,
                "mentor_name": scores.mentors[best].name,
                "score": scores.score_of(i, best),
                "taken_by": others,
            }
        out.append(entry)
    return out


def candidates_for(
    db: Database, mentee_id: int, *, as_of: dt.date, top: int, min_score: float | None
) -> MentorsFor:
    """Ranked mentors for one mentee, scored exactly as the whole-list proposal does."""
    rule_set, _ = rules(db)
    [mentee] = load_mentees(db, ids=[mentee_id])
    record = people.get_person(db, mentee_id)
    if record["status"] != "waiting":
        raise MentorError(f"{mentee.name} is not waiting for a mentor (status {record['status']})")
    mentors = [
        m
        for m in load_mentors(db, city=mentee.city if rule_set.same_city else None)
        if m.enrolled_on <= as_of
    ]
    scores = matching.score_pairs(
        [mentee], mentors, rule_set, as_of=as_of, forbidden=excluded_pairs(db)
    )
    ranked = matching.rank_for_mentee(scores, 0)
    if min_score is not None:
        ranked = [j for j in ranked if scores.score[0, j] >= min_score]
    if top > 0:
        ranked = ranked[:top]
    return {
        "mentee_id": mentee.id,
        "mentee_name": mentee.name,
        "candidates": [
            {
                "mentor_id": scores.mentors[j].id,
                "mentor_name": scores.mentors[j].name,
                "score": float(scores.score[0, j]),
                "reasons": matching.reasons(scores, 0, j),
                "breakdown": matching.breakdown(scores, 0, j),
                "free_places": scores.mentors[j].free_places,
            }
            for j in ranked
        ],
    }


def create_trajectory(
    db: Database,
    mentee_id: int,
    mentor_id: int,
    *,
    start: dt.date,
    months: int,
    score: float | None,
) -> int:
    """One accepted pair becomes a trajectory; the caller holds the transaction."""
    [trajectory_id] = create_trajectories(
        db, [(mentee_id, mentor_id, score)], start=start, months=months
    )
    return trajectory_id


def create_trajectories(
    db: Database,
    pairs: Sequence[AcceptedPair],
    *,
    start: dt.date,
    months: int,
) -> list[int]:
    """Accepted (mentee, mentor, score) pairs become trajectories, in one set-based pass;
    the caller holds the transaction.

    Each pair is refused exactly as it would be on its own after the pairs before it
    (mentee still waiting, mentor with a free place, start on or after both
    enrolments), but against the people read once: looking each one up through the
    ``people_status`` view aggregates every trajectory, which made applying 10,000 pairs
    take minutes. Trajectories and their events are then inserted in bulk, in order.
    """
    if not pairs:
        return []
    ids = sorted({person for mentee, mentor, _ in pairs for person in (mentee, mentor)})
    known = {
        row["id"]: row
        for row in db.query(
            "SELECT id, name, enrolled_on, erased_on, capacity, active_trajectories, status, "
            "coalesce(requeued_on, enrolled_on) AS waiting_since "
            "FROM people_status WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(ids)],
        )
    }
    start_text = start.isoformat()
    for mentee_id, mentor_id, _ in pairs:
        for person_id in (mentee_id, mentor_id):  # as people.refuse_erased
            erased = known.get(person_id, {}).get("erased_on")
            if erased:
                raise MentorError(
                    f"person {person_id} was erased on {erased}: nothing about them changes"
                )
        for person_id in (mentee_id, mentor_id):
            if person_id not in known:
                raise MentorError(f"no person with id {person_id}")
        mentee, mentor = known[mentee_id], known[mentor_id]
        if mentee["status"] != "waiting":
            raise MentorError(f"{mentee['name']} is no longer waiting")
        if mentor["status"] != "available":
            raise MentorError(f"{mentor['name']} has no free place")
        if start_text < max(mentee["enrolled_on"], mentor["enrolled_on"]):
            raise MentorError(f"--start-date {start} is before an enrolment of this pair")
        if start_text < mentee["waiting_since"]:
            raise MentorError(
                f"--start-date {start} is before {mentee['name']} went back on the waiting "
                f"list ({mentee['waiting_since']})"
            )
        # What the view would say once this pair is a trajectory
        mentee["status"] = "matched"
        mentor["active_trajectories"] += 1
        if mentor["active_trajectories"] >= mentor["capacity"]:
            mentor["status"] = "full"
    first = db.execute("SELECT coalesce(max(id), 0) + 1 FROM trajectories").fetchone()[0]
    trajectory_ids = list(range(first, first + len(pairs)))
    end_text = add_months(start, months).isoformat()
    db.conn.executemany(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, score, "
        "waiting_since) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                trajectory_id,
                mentee_id,
                mentor_id,
                start_text,
                end_text,
                score,
                known[mentee_id]["waiting_since"],
            )
            for trajectory_id, (mentee_id, mentor_id, score) in zip(
                trajectory_ids, pairs, strict=True
            )
        ],
    )
    # matched again: no longer on the list (the duo keeps the day in waiting_since)
    db.execute(
        "UPDATE people SET requeued_on = NULL WHERE requeued_on IS NOT NULL "
        "AND id IN (SELECT value FROM json_each(?))",
        [json.dumps([mentee_id for mentee_id, _, _ in pairs])],
    )
    log_events(
        db,
        "match",
        [
            (person_id, trajectory_id)
            for trajectory_id, (mentee_id, mentor_id, _) in zip(trajectory_ids, pairs, strict=True)
            for person_id in (mentee_id, mentor_id)
        ],
    )
    return trajectory_ids


def unmatch(db: Database, trajectory_id: int) -> Undone:
    row = db.execute(
        "SELECT mentee_id, mentor_id, status FROM trajectories WHERE id = ?", [trajectory_id]
    ).fetchone()
    if row is None:
        raise MentorError(f"no trajectory {trajectory_id}")
    mentee_id, mentor_id, status = row
    sessions = db.execute(
        "SELECT count(*) FROM sessions WHERE trajectory_id = ?", [trajectory_id]
    ).fetchone()[0]
    if status != "active" or sessions:
        raise MentorError(
            f"trajectory {trajectory_id} already has {sessions} session(s) or is closed: "
            "close it instead (mentorcli close … --reason mismatch)"
        )
    if db.execute("SELECT 1 FROM followups WHERE trajectory_id = ?", [trajectory_id]).fetchone():
        raise MentorError(f"trajectory {trajectory_id} has a follow-up: close it instead")
    checked = db.execute(
        "SELECT count(*) FROM check_ins WHERE trajectory_id = ?", [trajectory_id]
    ).fetchone()[0]
    if checked:  # the coordinator spoke with this duo: it happened, so it is closed
        raise MentorError(
            f"trajectory {trajectory_id} has {checked} check-in(s): close it instead "
            "(mentorcli close … --reason mismatch)"
        )
    # a later duo of a requeued mentee: back on the list since the day they were then
    db.execute(
        "UPDATE people SET requeued_on = (SELECT waiting_since FROM trajectories WHERE id = ?) "
        "WHERE id = ? AND EXISTS (SELECT 1 FROM trajectories WHERE mentee_id = ? AND id != ?)",
        [trajectory_id, mentee_id, mentee_id, trajectory_id],
    )
    db.execute("DELETE FROM trajectories WHERE id = ?", [trajectory_id])
    for person_id in (mentee_id, mentor_id):
        log_event(db, "unmatch", person_id=person_id, trajectory_id=trajectory_id)
    return {"trajectory_id": trajectory_id, "mentee_id": mentee_id, "mentor_id": mentor_id}


def apply(
    db: Database,
    chosen: list[ProposedPair],
    requests: PairRequests,
    *,
    start: dt.date,
) -> None:
    """Lift the allowed forbids, remember the forbidden pairs and start a trajectory for
    every chosen pair (each gets its ``trajectory_id``), in one transaction: all of it,
    or nothing at all."""
    from mentorcli.store.db import transaction

    with transaction(db):
        forget_forbidden(db, requests.allowed)
        remember_forbidden(db, requests.forbidden)
        months = settings.load(db)["trajectory.months"]
        trajectory_ids = create_trajectories(
            db,
            [(p["mentee_id"], p["mentor_id"], p["score"]) for p in chosen],
            start=start,
            months=months,
        )
        for pair, trajectory_id in zip(chosen, trajectory_ids, strict=True):
            pair["trajectory_id"] = trajectory_id
