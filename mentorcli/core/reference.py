"""Reference data a coordinator should not have to type exactly: languages, countries, cities.

Loaded lazily from small files in ``mentorcli/data`` (generated from ISO 639-1 and
ISO 3166 by ``scripts/gen_reference.py``), so the CLI starts fast.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

LANGUAGE_CODES = frozenset(
    """
    aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu
    """.split()
)

# ISCED 2011 levels (UNESCO's International Standard Classification of Education), as ESF+
# reports them; stored as isced0 .. isced8.
EDUCATION_LEVELS = tuple(f"isced{level}" for level in range(9))
# The names a coordinator types for a level. "secondary" alone is not one: it is lower
# (ISCED 2) or upper (ISCED 3) secondary, and ESF+ counts them apart.
EDUCATION_NAMES = {
    "none": "isced0",
    "early-childhood": "isced0",
    "primary": "isced1",
    "lower-secondary": "isced2",
    "upper-secondary": "isced3",
    "post-secondary": "isced4",
    "short-cycle-tertiary": "isced5",
    "bachelor": "isced6",
    "master": "isced7",
    "doctorate": "isced8",
}
AMBIGUOUS_SECONDARY = (
    "'secondary' is lower-secondary (ISCED 2) or upper-secondary (ISCED 3): say which"
)


def education_level(text: str) -> str:
    """An ISCED code (isced3, "ISCED 3", "3") or a level's name to its code, isced0..isced8."""
    key = "-".join(fold(text).replace("_", " ").split())
    if key in EDUCATION_NAMES:
        return EDUCATION_NAMES[key]
    code = key.replace("-", "")
    code = code if code.startswith("isced") else f"isced{code}"
    if code in EDUCATION_LEVELS:
        return code
    if key == "secondary":
        raise ValueError(AMBIGUOUS_SECONDARY)
    raise ValueError(
        f"{text!r} is not an ISCED level (isced0 … isced8) nor one of {', '.join(EDUCATION_NAMES)}"
    )


GENDERS = ("f", "m", "x")
ROLES = ("mentor", "mentee")

# Programme cities are written in Dutch, French or English depending on who types them.
CITY_ALIASES = {
    "brussel": "Brussel",
    "bruxelles": "Brussel",
    "brussels": "Brussel",
    "antwerpen": "Antwerpen",
    "anvers": "Antwerpen",
    "antwerp": "Antwerpen",
    "gent": "Gent",
    "gand": "Gent",
    "ghent": "Gent",
    "liege": "Liège",
    "luik": "Liège",
    "liege (luik)": "Liège",
    "mechelen": "Mechelen",
    "malines": "Mechelen",
    "leuven": "Leuven",
    "louvain": "Leuven",
    "brugge": "Brugge",
    "bruges": "Brugge",
    "namur": "Namur",
    "namen": "Namur",
    "charleroi": "Charleroi",
    "hasselt": "Hasselt",
    "paris": "Paris",
    "parijs": "Paris",
}

# Referral sources are counted in reports: one spelling each.
REFERRALS = {
    "vdab": "VDAB",
    "ocmw": "OCMW",
    "cpas": "CPAS",
    "actiris": "Actiris",
    "forem": "Forem",
    "le forem": "Forem",
    "self": "self",
    "zelf": "self",
    "other": "other",
    "andere": "other",
    "autre": "other",
}

COUNTRY_ALIASES = {
    "turkey": "TR",
    "syria": "SY",
    "iran": "IR",
    "russia": "RU",
    "uk": "GB",
    "united kingdom": "GB",
    "great britain": "GB",
    "usa": "US",
    "united states": "US",
    "dr congo": "CD",
    "drc": "CD",
    "congo (kinshasa)": "CD",
    "congo-kinshasa": "CD",
    "democratic republic of the congo": "CD",
    "congo (brazzaville)": "CG",
    "palestine": "PS",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "laos": "LA",
    "moldova": "MD",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "ivory coast": "CI",
    "cote d'ivoire": "CI",
    "czech republic": "CZ",
    "kosovo": "XK",
}


# Line breaks and control characters (C0, DEL, C1, U+2028/9) never belong in a one-line
# value: they would split an e-mail header, or turn one name into two lines everywhere.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
NOT_ONE_LINE = "contains a line break or control character; type it on one line"


def breaks_one_line(text: str) -> bool:
    return _CONTROL.search(text) is not None


# Invisible formatting characters (Unicode category Cf): bidirectional overrides, embeddings,
# isolates and marks make a name read differently than it is stored ("A\u202eB" shows as
# "AB" reversed), and zero-width spaces or byte order marks make two names that look the
# same differ. The zero-width non-joiner and joiner are kept: Persian, Indic scripts and
# emoji need them.
_JOINERS = frozenset("\u200c\u200d")


def invisible_character(text: str) -> str | None:
    """The first invisible formatting character in ``text`` as ``U+202E``, or None."""
    for c in text:
        if c not in _JOINERS and unicodedata.category(c) == "Cf":
            return f"U+{ord(c):04X}"
    return None


def one_line_problem(text: str) -> str | None:
    """Why ``text`` cannot be a one-line value (a name, a city, a mail header), or None."""
    if breaks_one_line(text):
        return NOT_ONE_LINE
    code = invisible_character(text)
    if code:
        return (
            f"contains the invisible character {code} (a text direction or zero-width "
            "mark); type it again without it"
        )
    return None


def fold(text: str) -> str:
    """Casefold and strip accents: 'Liège' and 'liege' are the same word to a person."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def canonical_city(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("city is empty")
    return CITY_ALIASES.get(fold(cleaned), cleaned[:1].upper() + cleaned[1:])


def parse_languages(text: str) -> str:
    """'NL, fr;en' -> 'en,fr,nl': stored sorted so equal sets compare equal."""
    codes = {c.strip().casefold() for c in text.replace(";", ",").replace(" ", ",").split(",")}
    codes.discard("")
    if not codes:
        raise ValueError("no language given (use ISO 639-1 codes such as nl,fr,en)")
    unknown = sorted(c for c in codes if c not in LANGUAGE_CODES)
    if unknown:
        raise ValueError(f"{', '.join(repr(c) for c in unknown)} is not an ISO 639-1 language code")
    return ",".join(sorted(codes))


@dataclass(frozen=True)
class Country:
    alpha2: str
    name: str
    region: str  # the UN M49 sub-region (vocabulary.WORLD_REGIONS); "" for Antarctica
    eu: bool


@functools.cache
def _countries() -> tuple[dict[str, Country], dict[str, str]]:
    by_code: dict[str, Country] = {}
    by_name: dict[str, str] = {}
    with resources.files("mentorcli").joinpath("data/countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country = Country(row["alpha2"], row["name"], row["region"], row["eu"] == "1")
            by_code[row["alpha2"]] = country
            by_name[fold(row["alpha3"])] = row["alpha2"]
            for name in [row["name"], *row["other_names"].split("|")]:
                if name:
                    by_name[fold(name)] = row["alpha2"]
    # Kosovo has no ISO 3166 code yet; XK is the code the EU and banks use.
    by_code["XK"] = Country("XK", "Kosovo", "Southern Europe", False)
    for alias, code in COUNTRY_ALIASES.items():
        by_name[fold(alias)] = code
    return by_code, by_name


def country(code_or_name: str) -> Country:
    """An ISO 3166 alpha-2/alpha-3 code or an English name, to the country it names."""
    by_code, by_name = _countries()
    text = code_or_name.strip()
    if text.upper() in by_code:
        return by_code[text.upper()]
    code = by_name.get(fold(text))
    if code is None:
        raise ValueError(f"{code_or_name!r} is not an ISO 3166 country code or country name")
    return by_code[code]


def origin_region(code: str | None) -> str | None:
    """The UN M49 sub-region of a country of origin, for reports; None when unknown.

    One scheme for every continent ("Western Europe", "Northern Africa", ...); whether
    the country is in the EU is a separate question (``origin_eu``).
    """
    if not code:
        return None
    return country(code).region or None


def origin_eu(code: str | None) -> bool | None:
    """Whether a country of origin is an EU member state; None when the origin is unknown."""
    if not code:
        return None
    return country(code).eu
