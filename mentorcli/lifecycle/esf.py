"""What ESF+ and the programme's funders ask about a mentee's situation after the duo:
when a job counts as stable. One definition, so `stats`, the report and the README agree.
"""

from __future__ import annotations

from mentorcli.core.errors import UsageError
from mentorcli.core.vocabulary import TIMED_CONTRACTS

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


def check_contract_months(contract: str | None, contract_months: int | None) -> None:
    """A length goes with a fixed-term or interim contract only (a usage error)."""
    if contract_months is not None and contract not in TIMED_CONTRACTS:
        raise UsageError(
            f"--contract-months goes with --contract {' or '.join(TIMED_CONTRACTS)}"
            + (f" (not {contract})" if contract else "")
        )


def check_close_results(
    outcome: str, contract: str | None, contract_months: int | None, job_searching: bool
) -> None:
    """What a close records for ESF+ must fit its outcome: a contract's length with a
    fixed-term or interim job; job searching never with a job (ESF+ counts the mentee's
    one situation on leaving: in employment, or job searching)."""
    check_contract_months(contract, contract_months)
    if job_searching and outcome == "job":
        raise UsageError(
            "--job-searching: the mentee left with a job; ESF+ counts them in employment"
        )


def follow_up_situation(
    outcome: str, contract: str | None, situation: str | None, contract_months: int | None
) -> str:
    """The situation a follow-up records: the one given, if it fits the outcome, else the
    one the outcome means; after "none" it must be given (job searching or inactive)."""
    check_contract_months(contract, contract_months)
    if situation is None:
        derived = situation_for(outcome, contract)
        if derived is None:
            raise UsageError(
                f"after --outcome {outcome}, say --situation job-searching or inactive"
            )
        return derived
    problem = situation_problem(outcome, contract, situation)
    if problem:
        raise UsageError(problem)
    return situation


def close_details(
    contract_months: int | None, job_searching: bool, qualification: bool
) -> dict[str, int | bool]:
    """The ESF+ results a close recorded, for its event: only those said."""
    said: dict[str, int | bool] = {}
    if contract_months is not None:
        said["contract_months"] = contract_months
    if job_searching:
        said["job_searching"] = True
    if qualification:
        said["qualification"] = True
    return said
