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
# A follow-up may also find that the mentee could not be reached: an outcome too (not a
# positive one), so that `remind` stops asking for it.
FOLLOWUP_OUTCOMES = (*OUTCOMES, "unreachable")
CONTRACTS = ("permanent", "fixed-term", "interim", "self-employed")
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
# A coordinator's check-in with a duo: how it is going, and with whom they spoke.
CHECK_IN_STATUSES = ("good", "concern", "at-risk")
FLAGGING_STATUSES = ("concern", "at-risk")
CHECK_IN_WITH = ("both", "mentor", "mentee")
# A mentee's place on the labour market when they enrol (ESF+ common indicators).
LABOUR_STATUSES = ("employed", "self-employed", "unemployed", "inactive", "in-education")
# Special-category answers (disability, homelessness): recorded only with their own consent.
SPECIAL_ANSWERS = ("yes", "no", "not-said")
SPECIAL_FIELDS = ("disability", "homeless")
# Early ends after which the mentee still needs a mentor: `close --requeue` takes these.
REQUEUE_REASONS = ("mentor-withdrew", "mismatch", "moved", "health", "other")
# A duo that ended this way reached its aim: its mentee is not requeued without --force.
FULFILLED_REASONS = ("completed", "job-found")
# The mentee's situation at the follow-up (ESF+ longer-term results).
SITUATIONS = (
    "employed",
    "self-employed",
    "education",
    "job-searching",
    "inactive",
    "unreachable",
)
# A contract whose length is recorded (`--contract-months`): the others have none.
TIMED_CONTRACTS = ("fixed-term", "interim")
# Set by `forget` alone when it ends an erased person's trajectory; never typed.
ERASED_REASON = "erased"
# Every table holding the programme's data, for backups and exports.
DATA_TABLES = (
    "people",
    "trajectories",
    "sessions",
    "followups",
    "check_ins",
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


# The coordinator's own words for the stored keys, in Dutch and French (and a few English
# synonyms), by kind. Typed input only: storage, JSON and CSV keep the English keys. Each
# key is matched after folding (no case, no accents, one space for any run of spaces,
# hyphens, underscores, dots and apostrophes), so "Entretien d'embauche" and
# "entretien-d-embauche" are one word. The keys and their English labels are accepted too.
ALIASES: dict[str, dict[str, str]] = {
    "topic": {
        "curriculum vitae": "cv",
        "motivatiebrief": "motivation-letter",
        "sollicitatiebrief": "motivation-letter",
        "lettre de motivation": "motivation-letter",
        "cover letter": "motivation-letter",
        "sollicitatie": "interview-practice",
        "sollicitatiegesprek": "interview-practice",
        "sollicitatietraining": "interview-practice",
        "entretien": "interview-practice",
        "entretien d embauche": "interview-practice",
        "interview": "interview-practice",
        "job interview": "interview-practice",
        "competenties": "skills-mapping",
        "vaardigheden": "skills-mapping",
        "competences": "skills-mapping",
        "bilan de competences": "skills-mapping",
        "skills": "skills-mapping",
        "netwerk": "network",
        "netwerken": "network",
        "reseau": "network",
        "reseautage": "network",
        "networking": "network",
        "werk zoeken": "job-search",
        "vacatures": "job-search",
        "recherche d emploi": "job-search",
        "recherche emploi": "job-search",
        "solliciteren": "job-application",
        "kandidatuur": "job-application",
        "candidature": "job-application",
        "postuler": "job-application",
        "opleiding": "training",
        "vorming": "training",
        "formation": "training",
        "taal": "language",
        "taalles": "language",
        "langue": "language",
        "cours de langue": "language",
        "andere": "other",
        "anders": "other",
        "autre": "other",
    },
    "outcome": {
        "werk": "job",
        "baan": "job",
        "emploi": "job",
        "travail": "job",
        "work": "job",
        "employment": "job",
        "opleiding": "training",
        "studie": "training",
        "vorming": "training",
        "formation": "training",
        "etudes": "training",
        "study": "training",
        "stage": "internship",
        "traineeship": "internship",
        "geen": "none",
        "niets": "none",
        "aucun": "none",
        "aucune": "none",
        "rien": "none",
        "nothing": "none",
        "onbereikbaar": "unreachable",
        "niet bereikbaar": "unreachable",
        "injoignable": "unreachable",
        "pas joignable": "unreachable",
    },
    "contract": {
        "vast": "permanent",
        "vast contract": "permanent",
        "onbepaalde duur": "permanent",
        "contract van onbepaalde duur": "permanent",
        "cdi": "permanent",
        "duree indeterminee": "permanent",
        "contrat a duree indeterminee": "permanent",
        "tijdelijk": "fixed-term",
        "bepaalde duur": "fixed-term",
        "contract van bepaalde duur": "fixed-term",
        "cdd": "fixed-term",
        "duree determinee": "fixed-term",
        "contrat a duree determinee": "fixed-term",
        "temporary": "fixed-term",
        "uitzendwerk": "interim",
        "uitzendarbeid": "interim",
        "uitzendcontract": "interim",
        "interimaire": "interim",
        "temp": "interim",
        "zelfstandige": "self-employed",
        "zelfstandig": "self-employed",
        "independant": "self-employed",
        "independante": "self-employed",
        "freelance": "self-employed",
        "freelancer": "self-employed",
    },
    "reason": {
        "voltooid": "completed",
        "afgerond": "completed",
        "termine": "completed",
        "acheve": "completed",
        "werk gevonden": "job-found",
        "job gevonden": "job-found",
        "emploi trouve": "job-found",
        "a trouve un emploi": "job-found",
        "mentee gestopt": "mentee-withdrew",
        "mentee haakt af": "mentee-withdrew",
        "abandon mentee": "mentee-withdrew",
        "mentee a abandonne": "mentee-withdrew",
        "mentor gestopt": "mentor-withdrew",
        "mentor haakt af": "mentor-withdrew",
        "abandon mentor": "mentor-withdrew",
        "mentor a abandonne": "mentor-withdrew",
        "contact verloren": "lost-contact",
        "geen contact": "lost-contact",
        "contact perdu": "lost-contact",
        "plus de contact": "lost-contact",
        "verhuisd": "moved",
        "verhuizing": "moved",
        "demenage": "moved",
        "demenagement": "moved",
        "geen klik": "mismatch",
        "klikte niet": "mismatch",
        "pas de match": "mismatch",
        "incompatibilite": "mismatch",
        "gezondheid": "health",
        "ziekte": "health",
        "sante": "health",
        "maladie": "health",
        "andere": "other",
        "anders": "other",
        "autre": "other",
    },
    # Stored as f, m, x. "h" is the French forms' homme (H/F), "v" the Dutch vrouw (M/V).
    "gender": {
        "v": "f",
        "vrouw": "f",
        "vrouwelijk": "f",
        "femme": "f",
        "feminin": "f",
        "female": "f",
        "woman": "f",
        "man": "m",
        "mannelijk": "m",
        "h": "m",
        "homme": "m",
        "masculin": "m",
        "male": "m",
        "non binary": "x",
        "nonbinary": "x",
        "non binair": "x",
        "non binaire": "x",
        "genderneutraal": "x",
    },
}


def word_key(text: str) -> str:
    """A typed word as the alias tables hold it: no case, no accents, one space between
    parts ("Entretien d'embauche" and "entretien-d-embauche" are the same word)."""
    import re
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.split(r"[\s\-_.'’`]+", plain)).strip()


def canonical(kind: str, text: str, keys: tuple[str, ...]) -> str | None:
    """The stored key that ``text`` names among ``keys`` (the key itself, its English
    label, or a Dutch or French word of ``ALIASES``); None when it names none of them."""
    word = word_key(text)
    if not word:
        return None
    for key in keys:
        if word in (word_key(key), word_key(LABELS.get(kind, {}).get(key, key))):
            return key
    found = ALIASES.get(kind, {}).get(word)
    return found if found in keys else None


# Statuses, as the people_status view and trajectories store them.
MENTEE_STATUSES = ("waiting", "matched", "done", "withdrawn", "erased")
MENTOR_STATUSES = ("available", "full", "inactive", "erased")
TRAJECTORY_STATUSES = ("active", "closed")
# Reminder kinds, in the order `remind` lists them.
# "flagged" comes first: a duo whose last check-in was concern or at-risk.
REMINDER_KINDS = ("flagged", "no-session", "ending", "waiting", "follow-up", "check-in")
# The UN M49 geographic sub-regions (the standard's own English names, which are also
# the keys of the reach figures); with EU / non-EU as a separate split.
WORLD_REGIONS = (
    "Northern Africa",
    "Sub-Saharan Africa",
    "Latin America and the Caribbean",
    "Northern America",
    "Central Asia",
    "Eastern Asia",
    "South-eastern Asia",
    "Southern Asia",
    "Western Asia",
    "Eastern Europe",
    "Northern Europe",
    "Southern Europe",
    "Western Europe",
    "Australia and New Zealand",
    "Melanesia",
    "Micronesia",
    "Polynesia",
)
# M49 regions: only for people erased before the sub-regions were used (m016), whose
# region was stored as "Europe" or "Oceania" and whose country is gone.
WORLD_REGIONS_UNSPLIT = ("Europe", "Oceania")

# The words a person reads for every stored key, by kind: one table, so that a later
# translation (gettext) has one place to look. JSON and CSV keep the keys themselves.
LABELS: dict[str, dict[str, str]] = {
    "outcome": {
        "job": "job",
        "stable_job": "stable job",
        "training": "training or study",
        "internship": "internship",
        "none": "no result yet",
        "unreachable": "could not be reached",
    },
    "contract": {
        "permanent": "permanent",
        "fixed-term": "fixed-term",
        "interim": "interim",
        "self-employed": "self-employed",
    },
    "reason": {
        "completed": "completed",
        "job-found": "found a job",
        "mentee-withdrew": "mentee withdrew",
        "mentor-withdrew": "mentor withdrew",
        "lost-contact": "lost contact",
        "moved": "moved away",
        "mismatch": "the match did not work",
        "health": "health",
        "other": "another reason",
        "erased": "erased on request",
    },
    "topic": {
        "cv": "CV",
        "motivation-letter": "motivation letter",
        "interview-practice": "interview practice",
        "skills-mapping": "skills mapping",
        "network": "network",
        "job-search": "job search",
        "job-application": "job application",
        "training": "training",
        "language": "language",
        "other": "other",
    },
    "status": {
        "waiting": "waiting",
        "matched": "matched",
        "done": "done",
        "withdrawn": "withdrawn",
        "erased": "erased",
        "available": "available",
        "full": "full",
        "inactive": "inactive",
        "active": "active",
        "closed": "closed",
    },
    "role": {"mentor": "mentor", "mentee": "mentee"},
    "gender": {"f": "female", "m": "male", "x": "non-binary", "unknown": "unknown"},
    "age_band": {
        "under_18": "under 18",
        "18_25": "18–25",
        "26_33": "26–33",
        "34_49": "34–49",
        "50_plus": "50+",
        "unknown": "unknown",
    },
    "education": {
        "isced0": "none (ISCED 0)",
        "isced1": "primary (ISCED 1)",
        "isced2": "lower secondary (ISCED 2)",
        "isced3": "upper secondary (ISCED 3)",
        "isced4": "post-secondary (ISCED 4)",
        "isced5": "short tertiary (ISCED 5)",
        "isced6": "bachelor (ISCED 6)",
        "isced7": "master (ISCED 7)",
        "isced8": "doctorate (ISCED 8)",
        "unknown": "unknown",
    },
    "labour_status": {
        "employed": "employed",
        "self-employed": "self-employed",
        "unemployed": "unemployed",
        "inactive": "inactive",
        "in-education": "in education or training",
        "unknown": "unknown",
    },
    "special": {"yes": "yes", "no": "no", "not-said": "does not want to say"},
    "situation": {
        "employed": "employed",
        "self-employed": "self-employed",
        "education": "in education or training",
        "job-searching": "job searching",
        "inactive": "inactive",
        "unreachable": "unreachable",
    },
    "diploma_recognised": {"yes": "yes", "no": "no", "unknown": "unknown"},
    "referral": {
        "VDAB": "VDAB",
        "OCMW": "OCMW",
        "CPAS": "CPAS",
        "Actiris": "Actiris",
        "Forem": "Forem",
        "self": "self-referred",
        "other": "other",
        "unknown": "unknown",
    },
    "origin": {"eu": "EU", "non_eu": "non-EU", "unknown": "unknown"},
    "world_region": {
        **{region: region for region in WORLD_REGIONS},
        "Europe": "Europe (sub-region not kept)",
        "Oceania": "Oceania (sub-region not kept)",
        "unknown": "unknown",
    },
    "reach": {
        "age_band": "age band",
        "gender": "gender",
        "origin": "origin",
        "world_region": "world region (UN M49)",
        "education": "education",
        "diploma_recognised": "diploma recognised",
        "referral": "referral",
    },
    "check_in": {"good": "good", "concern": "concern", "at-risk": "at risk"},
    "reminder": {
        "flagged": "flagged at the last check-in",
        "no-session": "no session lately",
        "ending": "planned end",
        "waiting": "waiting for a mentor",
        "follow-up": "follow-up due",
        "check-in": "check-in due",
    },
    "month": {
        "01": "January",
        "02": "February",
        "03": "March",
        "04": "April",
        "05": "May",
        "06": "June",
        "07": "July",
        "08": "August",
        "09": "September",
        "10": "October",
        "11": "November",
        "12": "December",
    },
}


def label(kind: str, key: object) -> str:
    """The words for a stored key, for a person to read; "" for nothing.

    A key the table does not hold (a referral typed by hand, a region of a future
    standard) is shown as it is: it is then already the person's own words.
    """
    if key is None:
        return ""
    text = str(key)
    return LABELS[kind].get(text, text)


def parse_word(kind: str, text: str, keys: tuple[str, ...]) -> str:
    """:func:`canonical`, or a ValueError naming the keys: the one reading of a typed
    topic, outcome, contract, reason or gender, for options and imported files alike."""
    found = canonical(kind, text, keys)
    if found is None:
        raise ValueError(
            f"unknown {kind} {text.strip()!r}: use {', '.join(keys)} "
            "(or the word in Dutch or French)"
        )
    return found
