"""The yearly cohort report: every figure defined once, here, from SQL aggregates.

A year runs from 1 January to 31 December, or to ``as_of`` when that comes first. A
trajectory belongs to the city of its mentee. Definitions (the README repeats them):

- mentees_enrolled / mentors_enrolled: people whose enrolment date falls in the year.
- mentees_served / mentors_served / people_served: distinct people in a trajectory that
  was active on at least one day of the year.
- mentees_waiting_at_end: mentees enrolled by the end of the year, not withdrawn or
  erased by then, with no trajectory started by then.
- median_days_to_match / max_days_to_match: days from enrolment to the start, for
  trajectories started in the year.
- trajectories_started / trajectories_closed: start or close date in the year.
- trajectories_active_at_end: started by the end of the year and not closed by then.
- early_closures: closed in the year for any reason but ``completed``;
  early_closure_reasons counts them by reason (``erased``: ended by ``forget``).
- reached_planned_end_rate: closed in the year as ``completed`` over all closed in it.
- mean_weeks_closed: mean length in weeks of the trajectories closed in the year.
- sessions / hours: sessions held in the year and their hours; hours_per_active_week:
  hours over the weeks trajectories were active in the year; topics counts sessions
  by topic (a session may have several); sessions_per_month by month.
- outcomes: of trajectories closed in the year, at closing: job (of which
  stable_job: permanent or fixed-term), training, internship, none.
- positive_outcome_rate: (job + training + internship) / closed; stable_job_rate:
  stable jobs / closed.
- followup_outcomes and followup_positive_rate, followup_stable_job_rate: the same for
  follow-ups recorded in the year.
- latest_outcomes and latest_positive_rate, latest_stable_job_rate: trajectories closed in
  the year, using the follow-up when there is one, else the outcome at closing.
- mentor_retention: mentors with a trajectory closed in the year who started another
  duo after it ended (by ``as_of``), over all mentors with a trajectory closed in the year.
- reach: mentees served in the year by age band (age in that year), gender, origin (EU,
  non-EU and world region), education level, diploma recognised, referral source.

Rates are ``{"numerator", "denominator", "rate"}``; rate is null when nothing was counted.
"""

from __future__ import annotations

import datetime as dt
import statistics
from typing import TYPE_CHECKING, Any

from mentorcli.core.reference import canonical_city, origin_region
from mentorcli.core.vocabulary import EARLY_REASONS, ERASED_REASON, STABLE_CONTRACTS, TOPICS

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
REASON_KEYS = (*EARLY_REASONS, ERASED_REASON)
STABLE_SQL = "(" + ", ".join(f"'{c}'" for c in STABLE_CONTRACTS) + ")"


def rate(numerator: int, denominator: int) -> dict[str, Any]:
    return {
        "numerator": numerator,
        "denominator": denominator,
        "rate": round(numerator / denominator, 3) if denominator else None,
    }


def _outcome_counts(row: dict[str, Any], prefix: str = "") -> dict[str, int]:
    return {key: int(row[f"{prefix}{key}"] or 0) for key in OUTCOME_KEYS}


_TRAJ = """
    WITH t AS (
        SELECT tr.*, p.city AS city, p.enrolled_on AS mentee_enrolled
        FROM trajectories tr JOIN people p ON p.id = tr.mentee_id
        WHERE (:city IS NULL OR p.city = :city)
    )
"""


def _outcome_sums(outcome: str, contract: str, where: str, prefix: str = "") -> str:
    return ", ".join(
        [
            f"sum({where} AND {outcome} = 'job') AS {prefix}job",
            f"sum({where} AND {outcome} = 'job' AND {contract} IN {STABLE_SQL}) "
            f"AS {prefix}stable_job",
            f"sum({where} AND {outcome} = 'training') AS {prefix}training",
            f"sum({where} AND {outcome} = 'internship') AS {prefix}internship",
            f"sum({where} AND {outcome} = 'none') AS {prefix}none",
        ]
    )


def cohort(db: Database, year: int, *, city: str | None, as_of: dt.date) -> dict[str, Any]:
    """Every figure for one year and one city (None: all cities together)."""
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), as_of)
    p = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "as_of": as_of.isoformat(),
        "city": canonical_city(city) if city else None,
        "year": year,
    }
    if end < start:
        p["end"] = (start - dt.timedelta(days=1)).isoformat()
    enrolled = db.execute(
        "SELECT sum(role = 'mentee' AND enrolled_on BETWEEN :start AND :end), "
        "sum(role = 'mentor' AND enrolled_on BETWEEN :start AND :end), "
        "sum(role = 'mentee' AND enrolled_on <= :end "
        "    AND (withdrawn_on IS NULL OR withdrawn_on > :end) "
        "    AND (erased_on IS NULL OR erased_on > :end) "
        "    AND NOT EXISTS (SELECT 1 FROM trajectories t WHERE t.mentee_id = people.id "
        "                    AND t.started_on <= :end)) "
        "FROM people WHERE (:city IS NULL OR city = :city)",
        p,
    ).fetchone()
    closed_in = "(closed_on BETWEEN :start AND :end)"
    active_in = "(started_on <= :end AND (closed_on IS NULL OR closed_on >= :start))"
    [t] = db.query(
        _TRAJ
        + f"""
        SELECT
            sum(started_on BETWEEN :start AND :end) AS started,
            sum({closed_in}) AS closed,
            sum(started_on <= :end AND (closed_on IS NULL OR closed_on > :end)) AS active_end,
            sum({closed_in} AND close_reason != 'completed') AS early,
            sum({closed_in} AND close_reason = 'completed') AS completed,
            avg(CASE WHEN {closed_in}
                THEN (julianday(closed_on) - julianday(started_on)) / 7.0 END) AS mean_weeks,
            count(DISTINCT CASE WHEN {active_in} THEN mentee_id END) AS mentees_served,
            count(DISTINCT CASE WHEN {active_in} THEN mentor_id END) AS mentors_served,
            sum(CASE WHEN {active_in} THEN
                julianday(min(coalesce(closed_on, :end), :end))
                - julianday(max(started_on, :start)) + 1 ELSE 0 END) / 7.0 AS active_weeks,
            {_outcome_sums("outcome", "contract", closed_in)}
        FROM t
        """,
        p,
    )
    reasons = dict.fromkeys(REASON_KEYS, 0)
    for reason, n in db.execute(
        _TRAJ + f"SELECT close_reason, count(*) FROM t WHERE {closed_in} "
        "AND close_reason != 'completed' GROUP BY close_reason",
        p,
    ):
        reasons[reason] = n
    waits = [
        row[0]
        for row in db.execute(
            _TRAJ + "SELECT CAST(julianday(started_on) - julianday(mentee_enrolled) AS INTEGER) "
            "FROM t WHERE started_on BETWEEN :start AND :end",
            p,
        )
    ]
    topic_sums = ", ".join(
        f"sum(instr(',' || s.topics || ',', ',{topic},') > 0)" for topic in TOPICS
    )
    session_row = db.execute(
        _TRAJ + f"SELECT count(*), coalesce(sum(s.minutes), 0), {topic_sums} "
        "FROM sessions s JOIN t ON t.id = s.trajectory_id "
        "WHERE s.held_on BETWEEN :start AND :end",
        p,
    ).fetchone()
    per_month = dict.fromkeys(range(1, 13), 0)
    for month, n in db.execute(
        _TRAJ + "SELECT CAST(substr(s.held_on, 6, 2) AS INTEGER), count(*) "
        "FROM sessions s JOIN t ON t.id = s.trajectory_id "
        "WHERE s.held_on BETWEEN :start AND :end GROUP BY 1",
        p,
    ):
        per_month[month] = n
    [follow] = db.query(
        _TRAJ
        + f"""
        SELECT count(*) AS recorded, {_outcome_sums("f.outcome", "f.contract", "1", "f_")}
        FROM followups f JOIN t ON t.id = f.trajectory_id
        WHERE f.recorded_on BETWEEN :start AND :end
        """,
        p,
    )
    # The follow-up, when there is one, is the latest known situation.
    latest_outcome = "coalesce(f.outcome, t.outcome)"
    latest_contract = "CASE WHEN f.outcome IS NOT NULL THEN f.contract ELSE t.contract END"
    [latest] = db.query(
        _TRAJ
        + f"""
        SELECT {_outcome_sums(latest_outcome, latest_contract, "1", "l_")}
        FROM t LEFT JOIN followups f ON f.trajectory_id = t.id
        WHERE t.closed_on BETWEEN :start AND :end
        """,
        p,
    )
    retention = db.execute(
        _TRAJ
        + f"""
        SELECT count(DISTINCT mentor_id),
               count(DISTINCT CASE WHEN EXISTS (
                   SELECT 1 FROM trajectories later WHERE later.mentor_id = t.mentor_id
                   AND later.id != t.id AND later.started_on >= t.closed_on
                   AND later.started_on <= :as_of) THEN mentor_id END)
        FROM t WHERE {closed_in}
        """,
        p,
    ).fetchone()
    closed = int(t["closed"] or 0)
    outcomes = _outcome_counts(t)
    follow_outcomes = _outcome_counts(follow, "f_")
    latest_outcomes = _outcome_counts(latest, "l_")
    hours = round(session_row[1] / 60, 1)
    active_weeks = t["active_weeks"] or 0.0

    def positive(counts: dict[str, int]) -> int:
        return counts["job"] + counts["training"] + counts["internship"]

    return {
        "year": year,
        "city": p["city"],
        "period_end": end.isoformat(),
        "mentees_enrolled": int(enrolled[0] or 0),
        "mentors_enrolled": int(enrolled[1] or 0),
        "mentees_served": int(t["mentees_served"] or 0),
        "mentors_served": int(t["mentors_served"] or 0),
        "people_served": int((t["mentees_served"] or 0) + (t["mentors_served"] or 0)),
        "mentees_waiting_at_end": int(enrolled[2] or 0),
        "median_days_to_match": statistics.median(waits) if waits else None,
        "max_days_to_match": max(waits) if waits else None,
        "trajectories_started": int(t["started"] or 0),
        "trajectories_closed": closed,
        "trajectories_active_at_end": int(t["active_end"] or 0),
        "early_closures": int(t["early"] or 0),
        "early_closure_reasons": reasons,
        "reached_planned_end_rate": rate(int(t["completed"] or 0), closed),
        "mean_weeks_closed": round(t["mean_weeks"], 1) if t["mean_weeks"] is not None else None,
        "sessions": int(session_row[0]),
        "hours": hours,
        "hours_per_active_week": round(hours / active_weeks, 2) if active_weeks else None,
        "topics": {topic: int(session_row[2 + i] or 0) for i, topic in enumerate(TOPICS)},
        "sessions_per_month": {f"{m:02d}": n for m, n in per_month.items()},
        "outcomes": outcomes,
        "positive_outcome_rate": rate(positive(outcomes), closed),
        "stable_job_rate": rate(outcomes["stable_job"], closed),
        "followups_recorded": int(follow["recorded"] or 0),
        "followup_outcomes": follow_outcomes,
        "followup_positive_rate": rate(positive(follow_outcomes), int(follow["recorded"] or 0)),
        "followup_stable_job_rate": rate(
            follow_outcomes["stable_job"], int(follow["recorded"] or 0)
        ),
        "latest_outcomes": latest_outcomes,
        "latest_positive_rate": rate(positive(latest_outcomes), closed),
        "latest_stable_job_rate": rate(latest_outcomes["stable_job"], closed),
        "mentor_retention": rate(int(retention[1] or 0), int(retention[0] or 0)),
        "reach": reach(db, p),
    }


def reach(db: Database, p: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Mentees served in the year, by who they are."""
    rows = list(
        db.query(
            _TRAJ
            + """
        SELECT p.birth_year, p.gender, p.origin_country, p.origin_region, p.education,
               p.diploma_recognised,
               p.referral, count(*) AS n
        FROM people p
        WHERE p.id IN (SELECT mentee_id FROM t
                       WHERE started_on <= :end AND (closed_on IS NULL OR closed_on >= :start))
        GROUP BY 1, 2, 3, 4, 5, 6, 7
        """,
            p,
        )
    )
    groups: dict[str, dict[str, int]] = {
        "age_band": {name: 0 for name, _, _ in AGE_BANDS} | {"unknown": 0},
        "gender": {"f": 0, "m": 0, "x": 0, "unknown": 0},
        "origin": {"eu": 0, "non_eu": 0, "unknown": 0},
        "world_region": {},
        "education": {
            "primary": 0,
            "secondary": 0,
            "bachelor": 0,
            "master": 0,
            "doctorate": 0,
            "unknown": 0,
        },
        "diploma_recognised": {"yes": 0, "no": 0, "unknown": 0},
        "referral": {},
    }
    for r in rows:
        n = r["n"]
        age = p["year"] - r["birth_year"] if r["birth_year"] else None
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
        # an erased person keeps the region of their origin, not the country
        region = origin_region(r["origin_country"]) or r["origin_region"]
        groups["origin"]["unknown" if region is None else "eu" if region == "EU" else "non_eu"] += n
        key = region or "unknown"
        groups["world_region"][key] = groups["world_region"].get(key, 0) + n
        groups["education"][r["education"] or "unknown"] += n
        recognised = r["diploma_recognised"]
        groups["diploma_recognised"][
            "unknown" if recognised is None else "yes" if recognised else "no"
        ] += n
        referral = r["referral"] or "unknown"
        groups["referral"][referral] = groups["referral"].get(referral, 0) + n
    groups["world_region"] = dict(sorted(groups["world_region"].items()))
    groups["referral"] = dict(sorted(groups["referral"].items()))
    return groups


def report(
    db: Database, years: list[int], *, city: str | None, by_city: bool, as_of: dt.date
) -> list[dict[str, Any]]:
    """One cohort per (year, city): all cities first (city null), then each city."""
    cities: list[str | None] = [city]
    if by_city and city is None:
        cities += [r[0] for r in db.execute("SELECT DISTINCT city FROM people ORDER BY city")]
    rows = [cohort(db, year, city=c, as_of=as_of) for year in years for c in cities]
    # Every row gets the same keys (0 where nothing was counted): stable CSV columns, and
    # cities that add up to the all-cities row key by key.
    for group in ("world_region", "referral"):
        keys = sorted({k for row in rows for k in row["reach"][group]})
        for row in rows:
            row["reach"][group] = {k: row["reach"][group].get(k, 0) for k in keys}
    return rows
