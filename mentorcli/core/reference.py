"""Reference data a coordinator should not have to type exactly: languages, countries, cities.

Loaded lazily from small files in ``mentorcli/data`` (generated from ISO 639-1 and
ISO 3166 by ``scripts/gen_reference.py``), so the CLI starts fast. Names in Dutch, French
and English come from Babel's CLDR data (``Locale('nl').territories``, ``.languages``),
imported only when a name rather than a code has to be resolved.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterable
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

# Country names people type that CLDR does not list (it has "Congo-Kinshasa", "Marokko",
# "Syrië", "Maroc"…): English short forms kept from before, and the Belgian usual ones
# for the two Congos, whose CLDR names are the capitals. Matched like every name: no case,
# no accents, any punctuation as a space.
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
    "rd congo": "CD",
    "rdc": "CD",
    "dr kongo": "CD",
    "democratic republic of the congo": "CD",
    "republique democratique du congo": "CD",
    "democratische republiek congo": "CD",
    "republic of the congo": "CG",
    "republique du congo": "CG",
    "republiek congo": "CG",
    "palestine": "PS",
    "palestina": "PS",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "laos": "LA",
    "moldova": "MD",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "ivory coast": "CI",
    "cote d ivoire": "CI",
    "czech republic": "CZ",
    "burma": "MM",
    "birma": "MM",
    "birmanie": "MM",
    "kosovo": "XK",
}
# A name that stands for more than one country is refused with the choices, not guessed.
AMBIGUOUS_COUNTRIES = {
    "congo": ("CG", "CD"),
    "kongo": ("CG", "CD"),
    "korea": ("KP", "KR"),
    "coree": ("KP", "KR"),
}
# Language names CLDR lacks: the names of a language's Belgian or everyday variety.
LANGUAGE_ALIASES = {
    "vlaams": "nl",
    "flemish": "nl",
    "flamand": "nl",
    "farsi": "fa",
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


def name_key(text: str) -> str:
    """A name as the look-up tables hold it: :func:`fold`, and any run of punctuation or
    spaces as one space ("Congo - Kinshasa", "congo-kinshasa" and "Côte d’Ivoire")."""
    return " ".join(re.split(r"[\W_]+", fold(text))).strip()


def _babel_names(kind: str, codes: Iterable[str]) -> dict[str, set[str]]:
    """Every Dutch, French and English CLDR name of ``codes`` (``territories`` or
    ``languages``), by :func:`name_key`; a name of several codes keeps them all."""
    from babel import Locale  # only now: Babel's data takes a while to load

    wanted = set(codes)
    names: dict[str, set[str]] = {}
    for language in ("en", "nl", "fr"):
        for code, name in getattr(Locale(language), kind).items():
            if code in wanted:
                names.setdefault(name_key(name), set()).add(code)
    return names


@functools.cache
def _language_names() -> dict[str, set[str]]:
    names = _babel_names("languages", LANGUAGE_CODES)
    for alias, code in LANGUAGE_ALIASES.items():
        names[name_key(alias)] = {code}
    return names


@functools.cache
def language_name(code: str) -> str:
    """The English CLDR name of a language code, for messages."""
    from babel import Locale

    return str(Locale("en").languages.get(code, code))


def _language(word: str) -> str | None:
    """The ISO 639-1 code that ``word`` names (a code, or a name in English, Dutch or
    French); None when it names none; a ValueError when it names several."""
    if word.casefold() in LANGUAGE_CODES:
        return word.casefold()
    codes = _language_names().get(name_key(word), set())
    if len(codes) > 1:
        choices = ", ".join(f"{language_name(c)} ({c})" for c in sorted(codes))
        raise ValueError(f"{word!r} names more than one language: {choices}")
    return next(iter(codes), None)


def parse_languages(text: str) -> str:
    """'NL, fr;en' or 'Nederlands, arabe' -> 'ar,nl': codes stored sorted, so equal sets
    compare equal. Parts are separated by commas, semicolons or slashes; a part that is
    not one language name is read word by word (``nl fr en``, ``Arabisch Frans``)."""
    codes: set[str] = set()
    unknown: list[str] = []
    for part in re.split(r"[,;/]", text):
        part = " ".join(part.split())
        if not part:
            continue
        if all(word.casefold() in LANGUAGE_CODES for word in part.split()):
            codes.update(word.casefold() for word in part.split())  # no names to load
            continue
        found = _language(part)
        if found is not None:
            codes.add(found)
            continue
        words = [_language(word) for word in part.split()]
        if len(words) > 1 and None not in words:
            codes.update(c for c in words if c is not None)
        else:
            unknown.append(part)
    if unknown:
        raise ValueError(
            f"{', '.join(repr(c) for c in unknown)} is not an ISO 639-1 language code "
            "or a language name in English, Dutch or French"
        )
    if not codes:
        raise ValueError("no language given (ISO 639-1 codes such as nl,fr,en, or names)")
    return ",".join(sorted(codes))


@dataclass(frozen=True)
class Country:
    alpha2: str
    name: str
    region: str  # the UN M49 sub-region (vocabulary.WORLD_REGIONS); "" for Antarctica
    eu: bool


@functools.cache
def _countries() -> tuple[dict[str, Country], dict[str, str]]:
    """The countries by alpha-2 code, and the alpha-2 code of each alpha-3 code: enough
    for a code, without Babel."""
    by_code: dict[str, Country] = {}
    by_alpha3: dict[str, str] = {}
    with resources.files("mentorcli").joinpath("data/countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            country = Country(row["alpha2"], row["name"], row["region"], row["eu"] == "1")
            by_code[row["alpha2"]] = country
            by_alpha3[row["alpha3"]] = row["alpha2"]
    # Kosovo has no ISO 3166 code yet; XK is the code the EU and banks use.
    by_code["XK"] = Country("XK", "Kosovo", "Southern Europe", False)
    return by_code, by_alpha3


@functools.cache
def _country_names() -> dict[str, set[str]]:
    """Every name of every country, by :func:`name_key`: the ISO names of countries.csv,
    CLDR's English, Dutch and French names, and the hand-kept aliases above (which win)."""
    by_code, _ = _countries()
    names = _babel_names("territories", by_code)
    with resources.files("mentorcli").joinpath("data/countries.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for name in [row["name"], *row["other_names"].split("|")]:
                if name:
                    names.setdefault(name_key(name), set()).add(row["alpha2"])
    for alias, code in COUNTRY_ALIASES.items():
        names[name_key(alias)] = {code}
    for alias, codes in AMBIGUOUS_COUNTRIES.items():
        names[name_key(alias)] = set(codes)
    return names


@functools.cache
def country_name(code: str) -> str:
    """The English CLDR name of a country, as a person would type it: "Congo-Kinshasa"."""
    from babel import Locale

    return str(Locale("en").territories.get(code, code)).replace(" - ", "-")


def country(code_or_name: str) -> Country:
    """An ISO 3166 alpha-2/alpha-3 code, or a country's name in English, Dutch or French
    (with or without accents), to the country it names.

    A code needs no Babel (reports look up stored codes by the thousand); a name loads the
    names once. A name of more than one country ("Congo") is refused with the choices.
    """
    by_code, by_alpha3 = _countries()
    text = code_or_name.strip()
    if text.upper() in by_code:
        return by_code[text.upper()]
    if text.upper() in by_alpha3:
        return by_code[by_alpha3[text.upper()]]
    codes = _country_names().get(name_key(text), set()) if text else set()
    if len(codes) > 1:
        choices = ", ".join(f"{country_name(c)} ({c})" for c in sorted(codes, key=country_name))
        raise ValueError(f"{code_or_name!r} names more than one country: {choices}")
    if not codes:
        raise ValueError(
            f"{code_or_name!r} is not an ISO 3166 country code or a country name in English, "
            "Dutch or French"
        )
    return by_code[next(iter(codes))]


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
