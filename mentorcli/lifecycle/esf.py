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
