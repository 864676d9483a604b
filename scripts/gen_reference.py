"""Regenerate mentorcli/data/countries.csv and the language list from pycountry.

Run by hand (``pip install pycountry``) when ISO 3166 changes; mentorcli itself reads the
generated files, so pycountry is not a runtime dependency. Regions follow the UN M49
sub-regions, grouped the way funders report them.
"""

from __future__ import annotations

import csv
import pathlib

import pycountry

REGIONS = {
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Sub-Saharan Africa": (
        "AO BF BI BJ BW CD CF CG CI CM CV DJ ER ET GA GH GM GN GQ GW KE KM LR LS MG ML MR"
        " MU MW MZ NA NE NG RE RW SC SH SL SN SO SS ST SZ TD TG TZ UG YT ZA ZM ZW IO TF"
    ),
    "Western Asia": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",
    "Central Asia": "KZ KG TJ TM UZ",
    "Southern Asia": "AF BD BT IN IR LK MV NP PK",
    "Eastern Asia": "CN HK JP KP KR MN MO TW",
    "South-eastern Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Latin America and the Caribbean": (
        "AG AI AR AW BB BL BO BQ BR BS BV BZ CL CO CR CU CW DM DO EC FK GD GF GP GS GT GY"
        " HN HT JM KN KY LC MF MQ MS MX NI PA PE PR PY SR SV SX TC TT UY VC VE VG VI"
    ),
    "Northern America": "BM CA GL PM US",
    "Oceania": (
        "AS AU CC CK CX FJ FM GU HM KI MH MP NC NF NR NU NZ PF PG PN PW SB TK TO TV UM VU WF WS AQ"
    ),
    "Europe": (
        "AD AL AT AX BA BE BG BY CH CZ DE DK EE ES FI FO FR GB GG GI GR HR HU IE IM IS IT JE"
        " LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM UA VA"
    ),
}
EU = set("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())


def main() -> None:
    region_of = {code: region for region, codes in REGIONS.items() for code in codes.split()}
    out = pathlib.Path(__file__).parent.parent / "mentorcli" / "data" / "countries.csv"
    with out.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["alpha2", "alpha3", "name", "other_names", "region", "eu"])
        for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
            others = {getattr(country, "official_name", ""), getattr(country, "common_name", "")}
            others.discard("")
            others.discard(country.name)
            writer.writerow([
                country.alpha_2, country.alpha_3, country.name, "|".join(sorted(others)),
                region_of[country.alpha_2], int(country.alpha_2 in EU),
            ])
    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    print(" ".join(codes))


if __name__ == "__main__":
    main()
