"""The words a coordinator chooses from, defined once (commands, logic, stats and demo).

Kept free of imports so that a command module can build its choices from it cheaply.
"""

TOPICS = (
    "cv",
    "motivation-letter",
    "interview-practice",
    "skills-mapping",
    "network",
    "job-search",
    "job-application",
    "training",
    "language",
    "other",
)
OUTCOMES = ("job", "training", "internship", "none")
CONTRACTS = ("permanent", "fixed-term", "interim", "self-employed")
STABLE_CONTRACTS = ("permanent", "fixed-term")
EARLY_REASONS = (
    "job-found",
    "mentee-withdrew",
    "mentor-withdrew",
    "lost-contact",
    "moved",
    "mismatch",
    "health",
    "other",
)
REASONS = ("completed", *EARLY_REASONS)
# Set by `forget` alone when it ends an erased person's trajectory; never typed.
ERASED_REASON = "erased"
# Every table holding the programme's data, for backups and exports.
DATA_TABLES = (
    "people",
    "trajectories",
    "sessions",
    "followups",
    "forbidden_pairs",
    "settings",
    "events",
)

# Yes and no as people type them: in English, Dutch and French, as 1/0, on/off, and a
# cross in a spreadsheet column. One reading for settings and for imported files.
YES = frozenset({"1", "true", "yes", "y", "on", "ja", "oui", "x"})
NO = frozenset({"0", "false", "no", "n", "off", "nee", "non"})


def yes_no(text: str) -> bool | None:
    """True for a yes, False for a no, None for anything else (the caller says why not)."""
    word = text.strip().casefold()
    return True if word in YES else False if word in NO else None
