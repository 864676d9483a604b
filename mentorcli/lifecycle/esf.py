"""What ESF+ and the programme's funders ask about a mentee's situation after the duo:
when a job counts as stable. One definition, so `stats`, the report and the README agree.
"""

from __future__ import annotations

# Recorded before contracts had a length: a fixed-term job then counted as stable (the
# statistics of the time), an interim one did not.
_STABLE_WITHOUT_MONTHS = frozenset({"permanent", "fixed-term"})


def stable_job(contract: str | None, contract_months: int | None, min_months: int) -> bool:
    """A stable job is a permanent contract, or a fixed-term or interim one of at least
    ``min_months`` months (the setting ``stable_job.min_months``; DUO for a JOB: 3).

    A fixed-term contract whose length was not recorded counts as stable, as it did
    before lengths were recorded, so older years keep their figures; self-employment and
    an unknown contract do not.
    """
    if contract == "permanent":
        return True
    if contract not in ("fixed-term", "interim"):
        return False
    if contract_months is None:
        return contract in _STABLE_WITHOUT_MONTHS
    return contract_months >= min_months


# The situation at the follow-up that each outcome means; "none" (no job, training or
# internship) is job searching or inactive, which only the coordinator knows.
_SITUATIONS_OF = {
    "job": ("employed", "self-employed"),
    "training": ("education",),
    "internship": ("education",),
    "unreachable": ("unreachable",),
    "none": ("job-searching", "inactive"),
}


def situation_for(outcome: str, contract: str | None) -> str | None:
    """The situation a follow-up's outcome means: a job is employment (self-employment
    with that contract), training and internships are education or training, and an
    unreachable mentee is unreachable. None after "none": job searching or inactive?"""
    if outcome == "job":
        return "self-employed" if contract == "self-employed" else "employed"
    fits = _SITUATIONS_OF.get(outcome, ())
    return fits[0] if len(fits) == 1 else None


def situation_problem(outcome: str, contract: str | None, situation: str) -> str | None:
    """Why a situation does not fit the outcome (and contract), or None when it does."""
    expected = situation_for(outcome, contract)
    if expected is not None and situation != expected:
        return f"--situation {situation} does not fit --outcome {outcome}: it is {expected}"
    if situation not in _SITUATIONS_OF.get(outcome, ()):
        fits = " or ".join(_SITUATIONS_OF.get(outcome, ()))
        return f"--situation {situation} does not fit --outcome {outcome} ({fits})"
    return None
