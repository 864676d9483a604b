"""Regenerate mentorcli/data/countries.csv and the language list from pycountry.

Run by hand (``pip install pycountry``) when ISO 3166 changes; mentorcli itself reads the
generated files, so pycountry is not a runtime dependency. Regions are the UN M49
sub-regions (Sub-Saharan Africa and Latin America and the Caribbean as M49 groups them),
the same level for every continent; EU membership is its own column.
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
    "Eastern Europe": "BG BY CZ HU MD PL RO RU SK UA",
    "Northern Europe": "AX DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",
    "Southern Europe": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA",
    "Western Europe": "AT BE CH DE FR LI LU MC NL",
    "Australia and New Zealand": "AU CC CX HM NF NZ",
    "Melanesia": "FJ NC PG SB VU",
    "Micronesia": "FM GU KI MH MP NR PW UM",
    "Polynesia": "AS CK NU PF PN TK TO TV WF WS",
    # Antarctica (AQ) belongs to no M49 region: it gets none.
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
                region_of.get(country.alpha_2, ""), int(country.alpha_2 in EU),
            ])
    codes = sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2"))
    print(" ".join(codes))


if __name__ == "__main__":
    main()
