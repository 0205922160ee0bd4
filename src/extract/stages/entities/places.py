"""Countries and big subdivisions: one canonical name and an ISO 3166 code each.

Countries come from pycountry plus the short forms the news uses ("U.S.", "America",
"Britain") and former states still in archives ("Soviet Union", kb_id "SU"); US states,
Canadian provinces, Australian states and the UK nations get their ISO 3166-2 code. This
module also adds the country names the model left untagged, and splits "U.S.-Japan" in two.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from spacy.tokens import Doc

from extract.stages.entities.mention import Mention, doc_text, taken

# Country names the news uses besides pycountry's own (canonical name, alpha-2).
COUNTRY_EXTRAS: dict[str, str] = {
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "America": "US",
    "United States of America": "US",
    "Britain": "GB",
    "Great Britain": "GB",
    "UK": "GB",
    "U.K.": "GB",
    "Russia": "RU",
    "South Korea": "KR",
    "Korea": "KR",
    "North Korea": "KP",
    "China": "CN",
    "PRC": "CN",
    "Mainland China": "CN",
    "Holland": "NL",
    "Czech Republic": "CZ",
    "UAE": "AE",
    "U.A.E.": "AE",
    "Ivory Coast": "CI",
    "Burma": "MM",
    "Turkey": "TR",
    "Vatican": "VA",
    "Palestine": "PS",
    "DR Congo": "CD",
    "DRC": "CD",
    "Swaziland": "SZ",
    "Macedonia": "MK",
    "Cape Verde": "CV",
    "East Timor": "TL",
    "Brunei": "BN",
    "Kirghizia": "KG",
    "Moldavia": "MD",
    "Byelorussia": "BY",
    "Bosnia": "BA",
    "Republic of Ireland": "IE",
}
# pycountry's name where the news uses another one.
CANONICAL_COUNTRY = {
    "RU": "Russia",
    "TR": "Turkey",
    "CD": "Democratic Republic of the Congo",
    "CZ": "Czechia",
    "PS": "Palestine",
    "VA": "Vatican City",
    "FM": "Micronesia",
    "BN": "Brunei",
}
# Former states still in archives: each form's canonical name and historic ISO code.
HISTORIC = {
    "Soviet Union": ("Soviet Union", "SU"),
    "USSR": ("Soviet Union", "SU"),
    "Yugoslavia": ("Yugoslavia", "YU"),
    "Czechoslovakia": ("Czechoslovakia", "CS"),
    "Zaire": ("Zaire", "ZR"),
    "East Germany": ("East Germany", "DD"),
    "West Germany": ("West Germany", "DE"),
}
# First-level subdivisions that are places in their own right in news.
SUBDIVISION_TYPES = {
    "US": {"State"},
    "CA": {"Province"},
    "AU": {"State"},
    "GB": {"Country", "Province"},  # England, Scotland, Wales; Northern Ireland
}
# Names a subdivision shares with a more frequent other meaning (the city, the person).
SUBDIVISION_SKIP = {"Washington", "New York", "Georgia", "Quebec"}


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (canonical name, ISO 3166-1 alpha-2 code) for countries."""
    table: dict[str, tuple[str, str]] = {}
    canonical: dict[str, str] = {}
    for c in pycountry.countries:
        common = CANONICAL_COUNTRY.get(c.alpha_2) or getattr(c, "common_name", None) or c.name
        canonical[c.alpha_2] = common
        for form in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if form and "," not in form and "(" not in form:
                table[form.lower()] = (common, c.alpha_2)
        table[common.lower()] = (common, c.alpha_2)
    for form, code in COUNTRY_EXTRAS.items():
        table[form.lower()] = (canonical[code], code)
    for nation, code in subdivision_table().values():
        if code.startswith("GB-"):  # England, Scotland, Wales: countries in their own right
            table[nation.lower()] = (nation, code)
    for form, (historic, code) in HISTORIC.items():
        table[form.lower()] = (historic, code)
    return table


@lru_cache(maxsize=1)
def subdivision_table() -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (name, ISO 3166-2 code) for states, provinces and UK nations."""
    table = {}
    for sub in pycountry.subdivisions:
        plain = sub.name.split(" [")[0]  # "Wales [Cymru GB-CYM]"
        if (
            sub.type in SUBDIVISION_TYPES.get(sub.country_code, ())
            and sub.parent_code is None
            and plain not in SUBDIVISION_SKIP
        ):
            table[plain.lower()] = (plain, sub.code)
    return table


def country(text: str) -> tuple[str, str] | None:
    """(canonical, code) when `text` names a country; case-sensitive for short forms."""
    if text.startswith(("the ", "The ")):
        text = text[4:]
    hit = country_table().get(text.lower())
    if hit is None and "." in text:  # tokenised text sets the last stop apart: "U.S ."
        hit = country_table().get(text.lower() + ".")
    if hit is None:
        return None
    # "us", "Us" and other short forms only count when written as the code is written.
    if len(text.replace(".", "")) <= 3 and not text.isupper():
        return None
    return hit


def country_head(text: str, start: int, end: int) -> int:
    """End of a capital-letter span cut to the country it opens with ("KENYA SWEEP MEDALS")."""
    span = text[start:end]
    words = span.split(" ")
    if len(words) < 2 or not span.isupper() or country(span):
        return end
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k])
        if country(head):
            return start + len(head)
    return end


def hyphen_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The countries of "U.S.-Japan" (offsets of each), or [] where a part is no country."""
    span = text[start:end]
    if "-" not in span or " " in span:
        return []
    parts, pos = [], start
    for piece in span.split("-"):
        parts.append((pos, pos + len(piece)))
        pos += len(piece) + 1
    if len(parts) > 1 and all(country(text[s:e]) for s, e in parts):
        return parts
    return []


def add_countries(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Country names the model left untagged (capitalised, outside any entity) are added."""
    covered = taken(doc, mentions)
    text = doc_text(doc)
    table = country_table()
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if covered[i] or not (tok.is_title or tok.is_upper or "-" in tok.text):
            i += 1
            continue
        pieces = hyphen_parts(text, tok.idx, tok.idx + len(tok)) if "-" in tok.text else []
        if pieces:  # an untagged "U.S.-China" still names two countries
            out.extend(Mention(s, e, "GPE") for s, e in pieces)
            i += 1
            continue
        hit = 0
        for n in (4, 3, 2, 1):
            j = i + n
            if j > len(doc) or any(covered[i:j]):
                continue
            last = doc[j - 1]
            words = text[tok.idx : last.idx + len(last)]
            if words.lower() in table and country(words) and (last.is_title or last.is_upper):
                hit = j
                break
        if hit:
            out.append(Mention(tok.idx, doc[hit - 1].idx + len(doc[hit - 1]), "GPE"))
            i = hit
        else:
            i += 1
    return mentions + out
