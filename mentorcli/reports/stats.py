"""The yearly cohort report: every figure defined once, here, from SQL aggregates.

A year runs from 1 January to 31 December, or to ``as_of`` when that comes first. A
trajectory belongs to the city of its mentee. Definitions (the README repeats them):

- mentees_enrolled / mentors_enrolled: people whose enrolment date falls in the year.
- mentees_served / mentors_served / people_served: distinct people in a trajectory that
  was active on at least one day of the year.
- mentees_waiting_at_end: mentees on the waiting list at the end of the year, not
  withdrawn or erased by then: enrolled and not matched yet, or back on the list after a
  duo that ended early (requeued) and not matched again yet.
- median_days_to_match / max_days_to_match: days from going on the waiting list (the
  enrolment, or the requeue for a later duo) to the start, for trajectories started in
  the year.
- trajectories_started / trajectories_closed: start or close date in the year.
- trajectories_active_at_end: started by the end of the year and not closed by then.
- early_closures: closed in the year for any reason but ``completed``;
  early_closure_reasons counts them by reason (``erased``: ended by ``forget``).
- reached_planned_end_rate: closed in the year as ``completed`` over all closed in it.
- mean_weeks_closed: mean length in weeks of the trajectories closed in the year.
- sessions / hours: sessions held in the year and their hours; hours_per_active_week:
  hours over the weeks trajectories were active in the year; topics counts sessions
  by topic (a session may have several); sessions_per_month and hours_per_month by month.
- requeued_closures: trajectories closed in the year after which the mentee went back on
  the waiting list (a mentee with two duos: one person served, two trajectories).
- closures_rated: trajectories closed in the year whose outcome counts: all but those
  that ended early and were followed by a requeue (their result is the next duo's).
- outcomes: of the closures rated, at closing: job (of which stable_job: permanent, or
  fixed-term or interim of at least ``stable_job.min_months`` months, as
  lifecycle.esf.stable_job says), training, internship, none.
- positive_outcome_rate: (job + training + internship) / closures rated;
  stable_job_rate: stable jobs / closures rated.
- followup_outcomes and followup_positive_rate, followup_stable_job_rate: the same for
  follow-ups recorded in the year (of rated trajectories); ``unreachable`` (the mentee
  could not be reached) counts in the denominator, never as positive.
- latest_outcomes and latest_positive_rate, latest_stable_job_rate: the closures rated
  in the year, using the follow-up when there is one (``unreachable`` included), else the
  outcome at closing.
- mentor_retention: mentors with a trajectory closed in the year who started another
  duo after it ended (by ``as_of``), over all mentors with a trajectory closed in the year.
- positive_within_12_months_rate, completed_rate: the headline figures, defined in
  reports.headline.
- check_ins, duos_flagged, early_closure_rate_flagged, early_closure_rate_unflagged:
  what the check-ins say, defined in reports.check_in_stats.
- reach: mentees served in the year by age band (age in that year), gender, origin (EU
  or non-EU), world region (the UN M49 sub-region, EU members included), education (ISCED
  2011 level, isced0 .. isced8), diploma recognised, referral source.

Rates are ``{"numerator", "denominator", "rate"}``; rate is null when nothing was counted.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from mentorcli.core.reference import EDUCATION_LEVELS, canonical_city, country
from mentorcli.core.vocabulary import EARLY_REASONS, ERASED_REASON, TOPICS
from mentorcli.lifecycle.esf import stable_job
from mentorcli.reports import check_in_stats, headline

if TYPE_CHECKING:
    from sqlite_utils import Database

AGE_BANDS = (
    ("under_18", None, 17),
    ("18_25", 18, 25),
    ("26_33", 26, 33),
    ("34_49", 34, 49),
    ("50_plus", 50, None),
)
OUTCOME_KEYS = ("job", "stable_job", "training", "internship", "none")
FOLLOWUP_KEYS = (*OUTCOME_KEYS, "unreachable")
# A trajectory whose outcome counts in the rates: not one that ended early and was
# followed by a requeue (the mentee's result is then the next duo's).
RATED = "(requeued = 0 OR close_reason IN ('completed', 'job-found'))"
REASON_KEYS = (*EARLY_REASONS, ERASED_REASON)

# A count in the report; None once ``--suppress-below`` blanked it (reports.suppression).
Count = int | None
# A breakdown: counts by outcome, reason, topic, month or group of people.
Counts = Mapping[str, Count]


class Rate(TypedDict):
    numerator: Count
    denominator: Count
    rate: float | None  # None when nothing was counted (or suppressed)


class Reach(TypedDict):
    """Mentees served in the year, by who they are."""

    age_band: Counts
    gender: Counts
    origin: Counts  # eu, non_eu, unknown
    world_region: Counts
    education: Counts
    diploma_recognised: Counts
    referral: Counts


class Cohort(TypedDict):
    """Every figure of one year and one city (the module docstring defines each); the
    keys in this order are the JSON report and, flattened, the CSV columns."""

    year: int
    city: str | None  # None: all cities together
    period_end: str
    mentees_enrolled: Count
    mentors_enrolled: Count
    mentees_served: Count
    mentors_served: Count
    people_served: Count
    mentees_waiting_at_end: Count
    median_days_to_match: float | None
    max_days_to_match: int | None
    trajectories_started: Count
    trajectories_closed: Count
    trajectories_active_at_end: Count
    early_closures: Count
    early_closure_reasons: Counts
    reached_planned_end_rate: Rate
    mean_weeks_closed: float | None
    sessions: Count
    hours: float
    hours_per_active_week: float | None
    topics: Counts
    sessions_per_month: Counts  # "01" to "12"
    hours_per_month: Mapping[str, float | None]  # "01" to "12"; None where suppressed
    requeued_closures: Count
    closures_rated: Count
    outcomes: Counts  # job, stable_job, training, internship, none
    positive_outcome_rate: Rate
    stable_job_rate: Rate
    followups_recorded: Count
    followup_outcomes: Counts
    followup_positive_rate: Rate
    followup_stable_job_rate: Rate
    latest_outcomes: Counts
    latest_positive_rate: Rate
    latest_stable_job_rate: Rate
    mentor_retention: Rate
    positive_within_12_months_rate: Rate  # reports.headline
    completed_rate: Rate
    check_ins: Count  # reports.check_in_stats
    duos_flagged: Count
    early_closure_rate_flagged: Rate
    early_closure_rate_unflagged: Rate
    reach: Reach
    suppressed: NotRequired[list[str]]  # with --suppress-below: the dotted keys blanked


def rate(numerator: int, denominator: int) -> Rate:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": round(numerator / denominator, 3) if denominator else None,
    }


def _outcome_counts(
    row: dict[str, Any], prefix: str = "", keys: tuple[str, ...] = OUTCOME_KEYS
) -> dict[str, int]:
    return {key: int(row.get(f"{prefix}{key}") or 0) for key in keys}


# Each query reads the trajectories (with their mentee's city) once for every year of
# the report, grouped by year and, for --by city, by city; the all-cities column is
# then the cities added up, but for the counts of distinct mentors, which are asked
# again. Ten years of ten cities used to read everything 110 times (3.5-4 s).
_TRAJ = """
    WITH t AS (
        SELECT tr.*, p.city AS city, p.enrolled_on AS mentee_enrolled
        FROM trajectories tr JOIN people p ON p.id = tr.mentee_id
        WHERE (:city IS NULL OR p.city = :city)
    ), y(year, first_day, last_day) AS (VALUES {years})
"""


def _outcome_sums(
    outcome: str,
    contract: str,
    months: str,
    where: str,
    prefix: str = "",
    unreachable: bool = False,
) -> str:
    more = [f"sum({where} AND {outcome} = 'unreachable') AS {prefix}unreachable"]
    return ", ".join(
        (more if unreachable else [])
        + [
            f"sum({where} AND {outcome} = 'job') AS {prefix}job",
            # lifecycle.esf.stable_job, registered with the connection: one definition
            f"sum({where} AND {outcome} = 'job' "
            f"AND stable_job({contract}, {months}, :min_months)) "
            f"AS {prefix}stable_job",
            f"sum({where} AND {outcome} = 'training') AS {prefix}training",
            f"sum({where} AND {outcome} = 'internship') AS {prefix}internship",
            f"sum({where} AND {outcome} = 'none') AS {prefix}none",
        ]
    )


Key = tuple[int, str | None]  # (year, city); None: all cities, or the one asked for


def _by_key(cursor: Any) -> dict[Key, dict[str, Any]]:
    """Rows whose first two columns are the year and the city, by (year, city)."""
    names = [d[0] for d in cursor.description][2:]
    return {(row[0], row[1]): dict(zip(names, row[2:], strict=True)) for row in cursor}


def _counts_added(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {k: (a.get(k) or 0) + (b.get(k) or 0) for k in a.keys() | b.keys()}


def _with_total(parts: dict[Key, Any], add: Any = _counts_added) -> dict[Key, Any]:
    """The cities' figures and, under (year, None), their sum: every mentee (and so each
    trajectory and session) and every person enrolled belongs to exactly one city."""
    total: dict[Key, Any] = {}
    for (year, _), value in parts.items():
        so_far = total.get((year, None))
        total[(year, None)] = add(so_far, value) if so_far is not None else type(value)(value)
    return parts | total


def _period_end(year: int, as_of: dt.date) -> dt.date:
    return min(dt.date(year, 12, 31), as_of)


def _cohorts(
    db: Database,
    years: list[int],
    *,
    city: str | None,
    cities: list[str] | None,
    as_of: dt.date,
) -> list[Cohort]:
    """For each year, the cohort of all people (of ``city``, when given) and then, when
    ``cities`` is a list, the cohort of each of those cities."""
    from mentorcli.store import settings

    split = cities is not None
    db.conn.create_function("stable_job", 3, stable_job, deterministic=True)
    min_months = settings.load(db)["stable_job.min_months"]
    p: dict[str, Any] = {"as_of": as_of.isoformat(), "city": city, "min_months": min_months}
    values = []
    for i, year in enumerate(years):
        start, end = dt.date(year, 1, 1), _period_end(year, as_of)
        if end < start:
            end = start - dt.timedelta(days=1)
        p |= {f"y{i}": year, f"s{i}": start.isoformat(), f"e{i}": end.isoformat()}
        values.append(f"(:y{i}, :s{i}, :e{i})")
    traj = _TRAJ.format(years=", ".join(values))

    def grouping(column: str) -> tuple[str, str]:
        return (column, f"GROUP BY y.year, {column}") if split else ("NULL", "GROUP BY y.year")

    group, by = grouping("t.city")
    person_group, by_person = grouping("people.city")

    def total(parts: dict[Key, Any], add: Any = _counts_added) -> dict[Key, Any]:
        return _with_total(parts, add) if split else parts

    enrolled = total(
        _by_key(
            db.execute(
                traj
                + f"""
                SELECT y.year, {person_group},
                    sum(role = 'mentee' AND enrolled_on BETWEEN y.first_day AND y.last_day)
                        AS mentees,
                    sum(role = 'mentor' AND enrolled_on BETWEEN y.first_day AND y.last_day)
                        AS mentors
                FROM people
                JOIN y ON enrolled_on BETWEEN y.first_day AND y.last_day
                WHERE (:city IS NULL OR people.city = :city)
                {by_person}
                """,
                p,
            )
        )
    )
    # Each stay on the waiting list: from the enrolment or a requeue (a duo's
    # waiting_since) to that duo's start, and the stay still open (no duo since).
    waiting = total(
        _by_key(
            db.execute(
                traj
                + f"""
                , stays(pid, since, until) AS (
                    SELECT x.mentee_id, coalesce(x.waiting_since, m.enrolled_on), x.started_on
                    FROM trajectories x JOIN people m ON m.id = x.mentee_id
                    UNION ALL
                    SELECT id, coalesce(requeued_on, enrolled_on), NULL FROM people
                    WHERE role = 'mentee' AND (requeued_on IS NOT NULL OR NOT EXISTS
                        (SELECT 1 FROM trajectories x WHERE x.mentee_id = people.id))
                )
                SELECT y.year, {person_group}, count(DISTINCT people.id) AS waiting
                FROM stays JOIN people ON people.id = stays.pid
                JOIN y ON stays.since <= y.last_day
                    AND (stays.until IS NULL OR stays.until > y.last_day)
                WHERE (:city IS NULL OR people.city = :city)
                    AND (withdrawn_on IS NULL OR withdrawn_on > y.last_day)
                    AND (erased_on IS NULL OR erased_on > y.last_day)
                {by_person}
                """,
                p,
            )
        )
    )
    closed_in = "(closed_on BETWEEN y.first_day AND y.last_day)"
    active_in = "(started_on <= y.last_day AND (closed_on IS NULL OR closed_on >= y.first_day))"
    mentors_served = f"count(DISTINCT CASE WHEN {active_in} THEN mentor_id END) AS mentors_served"
    at_closing = _outcome_sums("outcome", "contract", "contract_months", f"{closed_in} AND {RATED}")
    main = total(
        _by_key(
            db.execute(
                traj
                + f"""
                SELECT y.year, {group},
                    sum(started_on BETWEEN y.first_day AND y.last_day) AS started,
                    sum({closed_in}) AS closed,
                    sum(started_on <= y.last_day
                        AND (closed_on IS NULL OR closed_on > y.last_day)) AS active_end,
                    sum({closed_in} AND close_reason != 'completed') AS early,
                    sum({closed_in} AND close_reason = 'completed') AS completed,
                    sum({closed_in} AND requeued = 1) AS requeued,
                    sum({closed_in} AND {RATED}) AS rated,
                    -- whole days, summed exactly: a mean of sevenths depends on row order
                    sum(CASE WHEN {closed_in}
                        THEN julianday(closed_on) - julianday(started_on) END) AS closed_days,
                    count(DISTINCT CASE WHEN {active_in} THEN mentee_id END) AS mentees_served,
                    {mentors_served},
                    sum(CASE WHEN {active_in} THEN
                        julianday(min(coalesce(closed_on, y.last_day), y.last_day))
                        - julianday(max(started_on, y.first_day)) + 1 ELSE 0 END)
                        AS active_days,
                    {at_closing}
                FROM t JOIN y ON {active_in}  -- every figure here is of these
                {by}
                """,
                p,
            )
        )
    )
    retention_sql = f"""
        SELECT y.year, {{group}}, count(DISTINCT mentor_id) AS closing,
               count(DISTINCT CASE WHEN EXISTS (
                   SELECT 1 FROM trajectories later WHERE later.mentor_id = t.mentor_id
                   AND later.id != t.id AND later.started_on >= t.closed_on
                   AND later.started_on <= :as_of) THEN mentor_id END) AS again
        FROM t JOIN y ON {closed_in}
        {{by}}
    """
    retention = _by_key(db.execute(traj + retention_sql.format(group=group, by=by), p))
    if split:  # a mentor may have mentees in two cities: these are counted again
        for at, row in _by_key(
            db.execute(
                traj + f"SELECT y.year, NULL, {mentors_served} FROM t JOIN y ON {active_in} "
                "GROUP BY y.year",
                p,
            )
        ).items():
            main.setdefault(at, {})["mentors_served"] = row["mentors_served"]
        retention |= _by_key(
            db.execute(traj + retention_sql.format(group="NULL", by="GROUP BY y.year"), p)
        )
    reasons: dict[Key, dict[str, int]] = {}
    for year, key, reason, n in db.execute(
        traj + f"SELECT y.year, {group}, close_reason, count(*) FROM t JOIN y ON {closed_in} "
        f"WHERE close_reason != 'completed' {by}, close_reason",
        p,
    ):
        reasons.setdefault((year, key), {})[reason] = n
    reasons = total(reasons)
    waits: dict[Key, list[int]] = {}
    for year, key, wait in db.execute(
        traj + f"SELECT y.year, {group}, "
        "CAST(julianday(started_on) - julianday(coalesce(waiting_since, mentee_enrolled)) "
        "AS INTEGER) "
        "FROM t JOIN y ON started_on BETWEEN y.first_day AND y.last_day",
        p,
    ):
        waits.setdefault((year, key), []).append(wait)
    waits = total(waits, list.__add__)
    # One pass over the sessions, by topic list and month; the lists are split here.
    sessions: dict[Key, dict[str, int]] = {}
    topic_keys: dict[str, list[str]] = {}
    for year, key, topics, month, n, minutes in db.execute(
        traj + f"SELECT y.year, {group}, s.topics, CAST(substr(s.held_on, 6, 2) AS INTEGER), "
        "count(*), sum(s.minutes) FROM sessions s JOIN t ON t.id = s.trajectory_id "
        f"JOIN y ON s.held_on BETWEEN y.first_day AND y.last_day {by}, 3, 4",
        p,
    ):
        if topics not in topic_keys:
            topic_keys[topics] = [f"topic {t}" for t in TOPICS if f",{t}," in f",{topics},"]
        counts = sessions.setdefault((year, key), {})
        for name, add in (
            ("sessions", n),
            ("minutes", minutes),
            (f"month {month}", n),
            (f"minutes {month}", minutes),
        ):
            counts[name] = counts.get(name, 0) + add
        for name in topic_keys[topics]:
            counts[name] = counts.get(name, 0) + n
    sessions = total(sessions)
    at_followup = _outcome_sums(
        "f.outcome", "f.contract", "f.contract_months", "1", "f_", unreachable=True
    )
    follow = total(
        _by_key(
            db.execute(
                traj
                + f"""
                SELECT y.year, {group},
                    count(*) AS recorded,
                    {at_followup}
                FROM followups f JOIN t ON t.id = f.trajectory_id
                JOIN y ON f.recorded_on BETWEEN y.first_day AND y.last_day
                WHERE {RATED}
                {by}
                """,
                p,
            )
        )
    )
    # The follow-up, when there is one, is the latest known situation.
    latest_outcome = "coalesce(f.outcome, t.outcome)"
    latest_contract = "CASE WHEN f.outcome IS NOT NULL THEN f.contract ELSE t.contract END"
    latest_months = (
        "CASE WHEN f.outcome IS NOT NULL THEN f.contract_months ELSE t.contract_months END"
    )
    at_latest = _outcome_sums(
        latest_outcome, latest_contract, latest_months, "1", "l_", unreachable=True
    )
    latest = total(
        _by_key(
            db.execute(
                traj
                + f"""
                SELECT y.year, {group},
                    {at_latest}
                FROM t JOIN y ON t.closed_on BETWEEN y.first_day AND y.last_day
                LEFT JOIN followups f ON f.trajectory_id = t.id
                WHERE {RATED}
                {by}
                """,
                p,
            )
        )
    )
    reached = total(reach(db, traj, group, p), list.__add__)
    heads = total(headline.counts(db, traj, group, p, as_of))
    checks = total(check_in_stats.counts(db, traj, group, p))

    def positive(counts: dict[str, int]) -> int:
        return counts["job"] + counts["training"] + counts["internship"]

    rows: list[Cohort] = []
    for year in years:
        for key in [None, *(cities or [])]:
            at = (year, key)
            e = enrolled.get(at, {})
            t = main.get(at, {})
            f = follow.get(at, {})
            closed = int(t.get("closed") or 0)
            rated = int(t.get("rated") or 0)
            recorded = int(f.get("recorded") or 0)
            outcomes = _outcome_counts(t)
            follow_outcomes = _outcome_counts(f, "f_", FOLLOWUP_KEYS)
            latest_outcomes = _outcome_counts(latest.get(at, {}), "l_", FOLLOWUP_KEYS)
            held = sessions.get(at, {})
            hours = round(held.get("minutes", 0) / 60, 1)
            active_weeks = (t.get("active_days") or 0) / 7.0
            served = (int(t.get("mentees_served") or 0), int(t.get("mentors_served") or 0))
            wait = waits.get(at, [])
            kept = retention.get(at, {})
            h = heads.get(at, headline.ZERO)
            ci = check_in_stats.figures(checks.get(at, check_in_stats.ZERO))
            rows.append(
                {
                    "year": year,
                    "city": key if split and key is not None else city,
                    "period_end": _period_end(year, as_of).isoformat(),
                    "mentees_enrolled": int(e.get("mentees") or 0),
                    "mentors_enrolled": int(e.get("mentors") or 0),
                    "mentees_served": served[0],
                    "mentors_served": served[1],
                    "people_served": served[0] + served[1],
                    "mentees_waiting_at_end": int(waiting.get(at, {}).get("waiting") or 0),
                    "median_days_to_match": statistics.median(wait) if wait else None,
                    "max_days_to_match": max(wait) if wait else None,
                    "trajectories_started": int(t.get("started") or 0),
                    "trajectories_closed": closed,
                    "trajectories_active_at_end": int(t.get("active_end") or 0),
                    "early_closures": int(t.get("early") or 0),
                    "early_closure_reasons": dict.fromkeys(REASON_KEYS, 0) | reasons.get(at, {}),
                    "reached_planned_end_rate": rate(int(t.get("completed") or 0), closed),
                    "mean_weeks_closed": (
                        round(t["closed_days"] / (7 * closed), 1) if closed else None
                    ),
                    "sessions": held.get("sessions", 0),
                    "hours": hours,
                    "hours_per_active_week": (
                        round(hours / active_weeks, 2) if active_weeks else None
                    ),
                    "topics": {topic: held.get(f"topic {topic}", 0) for topic in TOPICS},
                    "sessions_per_month": {
                        f"{m:02d}": held.get(f"month {m}", 0) for m in range(1, 13)
                    },
                    "hours_per_month": {
                        f"{m:02d}": round(held.get(f"minutes {m}", 0) / 60, 1) for m in range(1, 13)
                    },
                    "requeued_closures": int(t.get("requeued") or 0),
                    "closures_rated": rated,
                    "outcomes": outcomes,
                    "positive_outcome_rate": rate(positive(outcomes), rated),
                    "stable_job_rate": rate(outcomes["stable_job"], rated),
                    "followups_recorded": recorded,
                    "followup_outcomes": follow_outcomes,
                    "followup_positive_rate": rate(positive(follow_outcomes), recorded),
                    "followup_stable_job_rate": rate(follow_outcomes["stable_job"], recorded),
                    "latest_outcomes": latest_outcomes,
                    "latest_positive_rate": rate(positive(latest_outcomes), rated),
                    "latest_stable_job_rate": rate(latest_outcomes["stable_job"], rated),
                    "mentor_retention": rate(
                        int(kept.get("again") or 0), int(kept.get("closing") or 0)
                    ),
                    "positive_within_12_months_rate": rate(h["positive_12"], h["started_12"]),
                    "completed_rate": rate(h["reached_end"], h["closed"]),
                    "check_ins": ci["check_ins"],
                    "duos_flagged": ci["duos_flagged"],
                    "early_closure_rate_flagged": ci["early_closure_rate_flagged"],
                    "early_closure_rate_unflagged": ci["early_closure_rate_unflagged"],
                    "reach": _reach_groups(reached.get(at, []), year),
                }
            )
    return rows


def reach(db: Database, traj: str, group: str, p: dict[str, Any]) -> dict[Key, list[Any]]:
    """Mentees served in each year, counted by who they are (grouped by ``group``)."""
    found: dict[Key, list[Any]] = {}
    for r in db.query(
        traj
        + f"""
        SELECT s.year, s.grp, p.birth_year, p.gender, p.origin_country, p.origin_region,
               p.origin_eu, p.education, p.diploma_recognised, p.referral, count(*) AS n
        FROM people p
        JOIN (SELECT DISTINCT y.year AS year, {group} AS grp, mentee_id FROM t JOIN y
              ON started_on <= y.last_day AND (closed_on IS NULL OR closed_on >= y.first_day)
        ) s ON s.mentee_id = p.id
        GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
        """,
        p,
    ):
        found.setdefault((r["year"], r["grp"]), []).append(r)
    return found


def _reach_groups(rows: list[dict[str, Any]], year: int) -> Reach:
    groups: dict[str, dict[str, int]] = {
        "age_band": {name: 0 for name, _, _ in AGE_BANDS} | {"unknown": 0},
        "gender": {"f": 0, "m": 0, "x": 0, "unknown": 0},
        "origin": {"eu": 0, "non_eu": 0, "unknown": 0},
        "world_region": {},
        "education": dict.fromkeys(EDUCATION_LEVELS, 0) | {"unknown": 0},
        "diploma_recognised": {"yes": 0, "no": 0, "unknown": 0},
        "referral": {},
    }
    for r in rows:
        n = r["n"]
        age = year - r["birth_year"] if r["birth_year"] else None
        band = (
            "unknown"
            if age is None
            else next(
                name
                for name, low, high in AGE_BANDS
                if (low is None or age >= low) and (high is None or age <= high)
            )
        )
        groups["age_band"][band] += n
        groups["gender"][r["gender"] or "unknown"] += n
        # an erased person keeps the region of their origin and its EU membership, not
        # the country
        if r["origin_country"]:
            origin = country(r["origin_country"])
            region, eu = origin.region or None, origin.eu
        else:
            region, eu = r["origin_region"], r["origin_eu"]
        groups["origin"]["unknown" if eu is None else "eu" if eu else "non_eu"] += n
        key = region or "unknown"
        groups["world_region"][key] = groups["world_region"].get(key, 0) + n
        groups["education"][r["education"] or "unknown"] += n
        recognised = r["diploma_recognised"]
        groups["diploma_recognised"][
            "unknown" if recognised is None else "yes" if recognised else "no"
        ] += n
        referral = r["referral"] or "unknown"
        groups["referral"][referral] = groups["referral"].get(referral, 0) + n
    return {
        "age_band": groups["age_band"],
        "gender": groups["gender"],
        "origin": groups["origin"],
        "world_region": dict(sorted(groups["world_region"].items())),
        "education": groups["education"],
        "diploma_recognised": groups["diploma_recognised"],
        "referral": dict(sorted(groups["referral"].items())),
    }


def report(
    db: Database, years: list[int], *, city: str | None, by_city: bool, as_of: dt.date
) -> list[Cohort]:
    """One cohort per (year, city): all cities first (city null), then each city."""
    cities = None
    if by_city and city is None:
        cities = [
            canonical_city(r[0])
            for r in db.execute("SELECT DISTINCT city FROM people ORDER BY city")
        ]
    rows = _cohorts(
        db, years, city=canonical_city(city) if city else None, cities=cities, as_of=as_of
    )
    # Every row gets the same keys (0 where nothing was counted): stable CSV columns, and
    # cities that add up to the all-cities row key by key.
    regions = sorted({k for row in rows for k in row["reach"]["world_region"]})
    referrals = sorted({k for row in rows for k in row["reach"]["referral"]})
    for row in rows:
        groups = row["reach"]
        groups["world_region"] = {k: groups["world_region"].get(k, 0) for k in regions}
        groups["referral"] = {k: groups["referral"].get(k, 0) for k in referrals}
    return rows


def years_asked(
    years: list[int], from_year: int | None, to_year: int | None, *, default: int
) -> list[int]:
    """The years of --year and of the range --from/--to, sorted, at most 50; ``default``
    (this year) when none is given. A year outside 1990–2200 is a usage error."""
    from mentorcli.core.errors import UsageError

    asked = list(years)
    if from_year is not None or to_year is not None:
        if from_year is None or to_year is None or from_year > to_year:
            raise UsageError("--from and --to go together, --from first")
        asked += [from_year, to_year]  # checked before the range between them is built
    if any(not 1990 <= y <= 2200 for y in asked):
        raise UsageError("a year is between 1990 and 2200")
    if from_year is not None and to_year is not None:
        asked += range(from_year, to_year + 1)
    asked = sorted(set(asked)) or [default]
    if len(asked) > 50:
        raise UsageError("at most 50 years at once")
    return asked


def published(
    db: Database,
    years: list[int],
    *,
    city: str | None,
    by_city: bool,
    as_of: dt.date,
    suppress_below: int | None,
) -> list[Cohort]:
    """The report as it leaves the tool: with ``suppress_below``, every breakdown count
    from 1 to N-1 blanked (the city columns too when they are asked for)."""
    from mentorcli.reports.suppression import suppress

    rows = report(db, years, city=city, by_city=by_city, as_of=as_of)
    if suppress_below:
        _known_referrals_only(rows)
        suppress(rows, suppress_below, by_city=by_city and city is None)
    return rows


def _known_referrals_only(rows: list[Cohort]) -> None:
    """Figures that leave the house name no referral typed by hand (it may name a person:
    "sent by Johanna at the library"): those count as ``other``, even when blanked, as
    the key itself would be read."""
    from mentorcli.core.reference import REFERRALS

    known = {*REFERRALS.values(), "unknown"}
    for row in rows:
        folded: dict[str, Count] = {}
        for key, n in row["reach"]["referral"].items():
            name = key if key in known else "other"
            folded[name] = (folded.get(name) or 0) + (n or 0)
        row["reach"]["referral"] = dict(sorted(folded.items()))
