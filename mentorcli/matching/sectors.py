"""Free sector and occupation labels, mapped onto the NACE Rev. 2 sections.

People type "haven", "soins", "Logistiek medewerker" or "informatik", in Dutch, French or
English. Each label is folded (case, accents), split into words, stripped of words that
say nothing about a sector ("medewerker", "services"), and each word is compared with a
multilingual keyword list per section (typos tolerated by ``fuzz.ratio``; Dutch
compounds such as "gezondheidszorg" by their first or last part). Whole-string scorers
such as ``partial_ratio`` or ``token_set_ratio`` are avoided on purpose: they give 100 to
a generic word inside a longer label.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Sequence
from importlib import resources

from mentorcli.core.reference import fold

# Short labels people use, per section. The official names are added from the CSV.
KEYWORDS: dict[str, str] = {
    "A": "landbouw tuinbouw agriculture agricole farming farm boer visserij peche fishing "
    "bosbouw forestry sylviculture",
    "B": "mijnbouw mining mines quarry groeve extraction extractive",
    "C": "industrie industry industrial manufacturing productie production fabriek factory "
    "usine chemie chemistry chimie chemical pharma pharmaceutical automotive metaal "
    "metal metallurgie textiel textile assemblage lasser soudeur welder operator "
    "operateur productieoperator voedingsindustrie",
    "D": "energie energy electricite elektriciteit electricity gas utilities",
    "E": "water afval waste dechets recyclage recycling sanering",
    "F": "bouw construction batiment werf chantier building bouwsector elektricien "
    "electricien electrician loodgieter plombier plumber schilder werfleider metreur",
    "G": "handel commerce retail winkel verkoop vente sales detailhandel groothandel "
    "wholesale magasin shop verkoper vendeur kassa kassamedewerker garage",
    "H": "transport logistiek logistics logistique haven port opslag storage entreposage "
    "vervoer magasinier warehouse magazijn chauffeur driver expeditie douane shipping "
    "scheepvaart heftruck heftruckchauffeur forklift havenarbeider supply chain",
    "I": "horeca hospitality restauration restaurant hotel hotellerie catering keuken "
    "cuisine kok cuisinier chef serveur ober zaalmedewerker",
    "J": "ict it informatique informatica software telecom telecommunicatie data developer "
    "developpeur programmeur programmer digital web media journalism journalistiek "
    "helpdesk informatik",
    "K": "finance financien financial bank banque banking verzekering verzekeringen "
    "insurance assurance bancaire",
    "L": "vastgoed immobilier immo realestate",
    "M": "boekhouding accounting comptabilite comptable accountant boekhouder juridisch "
    "legal juridique jurist juriste advocaat avocat lawyer consultancy consulting "
    "engineering ingenieur engineer architect architecte onderzoek research recherche "
    "marketing design",
    "N": "schoonmaak cleaning nettoyage interim uitzendwerk security bewaking securite "
    "callcenter schoonmaker",
    "O": "overheid openbaar bestuur government publique public gemeente defensie police "
    "politie beleidsmedewerker ambtenaar fonctionnaire",
    "P": "onderwijs education enseignement teaching school ecole leerkracht teacher "
    "enseignant leraar opvoeder",
    "Q": "zorg gezondheidszorg healthcare health sante soins ziekenhuis hopital hospital "
    "verpleging verpleegkundige nursing nurse infirmier welzijn social sociaal "
    "maatschappelijk kinderopvang childcare ouderenzorg medical medical medecin doctor "
    "dokter huisarts pharmacist apotheker zorgkundige aide soignant care",
    "R": "kunst arts cultuur culture culturel entertainment recreatie sport spectacle "
    "museum music muziek cultuurbemiddelaar evenementen event",
    "S": "kapper coiffure coiffeur hairdresser vereniging association ngo vzw asbl",
    "T": "huishouden household menage domestic huishoudhulp",
    "U": "extraterritoriale embassy ambassade extraterritorial",
}

# Words that name no sector: they would otherwise make every label look alike.
GENERIC = set(
    "and en et of de het van la le les des du d l the for in a an to op voor sector secteur "
    "activities activiteiten activites activite services service diensten dienst werk work "
    "medewerker medewerkster employee employe employee agent assistant assistent worker "
    "arbeider ouvrier junior senior job jobs beroep metier other overige autres andere "
    "m v x f h team teamleider manager supervisor".split()
)

FUZZY_THRESHOLD = 85
COMPOUND_MIN = 4


def words(label: str) -> list[str]:
    """Folded words of a label, generic ones removed."""
    return [w for w in re.split(r"[^a-z0-9]+", fold(label)) if w and w not in GENERIC]


@functools.cache
def _vocabulary() -> tuple[list[str], list[str], list[float]]:
    """(keyword, section, weight): short labels weigh 1, words of official names 0.6."""
    entries: dict[tuple[str, str], float] = {}
    for code, text in KEYWORDS.items():
        for word in text.split():
            entries[(word, code)] = 1.0
    path = resources.files("mentorcli").joinpath("data/nace-rev2-sections.csv")
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for column in ("en", "nl", "fr"):
                for word in words(row[column]):
                    if len(word) >= 3:
                        entries.setdefault((word, row["code"]), 0.6)
    keys = sorted(entries)
    return [k[0] for k in keys], [k[1] for k in keys], [entries[k] for k in keys]


@functools.cache
def section_names() -> dict[str, str]:
    path = resources.files("mentorcli").joinpath("data/nace-rev2-sections.csv")
    with path.open(encoding="utf-8") as f:
        return {row["code"]: row["en"] for row in csv.DictReader(f)}


def map_labels(labels: Sequence[str]) -> dict[str, str | None]:
    """Each distinct label to its NACE section letter, or None when nothing fits."""
    unique = sorted({label for label in labels if label})
    result: dict[str, str | None] = {}
    todo = [label for label in unique if label not in _cache]
    if todo:
        _map_into_cache(todo)
    for label in unique:
        result[label] = _cache[label]
    return result


_cache: dict[str, str | None] = {}


def _map_into_cache(labels: list[str]) -> None:
    from rapidfuzz import fuzz, process

    vocab, sections, weights = _vocabulary()
    label_words = {label: words(label) for label in labels}
    distinct = sorted({w for ws in label_words.values() for w in ws})
    similarity = process.cdist(distinct, vocab, scorer=fuzz.ratio, workers=1) if distinct else None
    votes_by_word: dict[str, dict[str, float]] = {}
    for i, word in enumerate(distinct):
        votes: dict[str, float] = {}
        for j, keyword in enumerate(vocab):
            score = float(similarity[i, j])  # type: ignore[index]
            exact = score == 100
            fuzzy = score >= FUZZY_THRESHOLD and len(word) > 3 and len(keyword) > 3
            compound = (
                len(keyword) >= COMPOUND_MIN
                and len(word) > len(keyword)
                and (word.startswith(keyword) or word.endswith(keyword))
            )
            if exact or fuzzy or compound:
                strength = (1.0 if exact else 0.9 if fuzzy else 0.8) * weights[j]
                code = sections[j]
                votes[code] = max(votes.get(code, 0.0), strength)
        votes_by_word[word] = votes
    for label, ws in label_words.items():
        totals: dict[str, float] = {}
        for word in ws:
            for code, strength in votes_by_word.get(word, {}).items():
                totals[code] = totals.get(code, 0.0) + strength
        if not totals:
            _cache[label] = None
            continue
        best = max(totals.values())
        # Ties go to the alphabetically first section: deterministic, if arbitrary.
        _cache[label] = min(code for code, total in totals.items() if total == best)
