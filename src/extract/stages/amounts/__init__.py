"""Amount rows: money mentions in an article, normalised to a value and an ISO 4217 currency.

What the stage promises, per row:
- `doc_id, start, end, text`: `text == article.text[start:end]`; the span runs from the
  currency (or the number) to the currency (or the scale word), e.g. "$1 trillion",
  "USD34.6m", "27 million GBP", "half a billion euros", "$2-3 billion". Qualifiers and
  "a share"-style units are not part of the span; they go to their own columns.
- `value`: float at full scale in the major unit ("12-cent" -> 0.12, "470 pence" -> 4.7,
  "Rs 1.5 lakh crore" -> 1.5e12), the minor part added ("$20 and 43 cents", "3 CHF 4
  cents", "twenty dollars and 43" -> 20.43). The sign is the written sign: a minus on the
  amount ("-$5m", "$-5m") or accounting brackets right after a verb or a colon ("revenue was
  ($5m)") make it negative. Words such as "loss", "deficit" or "fell" never flip it, because
  the sign of the *meaning* depends on the sentence; brackets after a noun or an amount are an
  aside ("£5m ($6.3m)") and stay positive.
- `currency`: ISO 4217 code, historic codes included for old news (DEM, FRF, FIM, ITL, ...);
  a crypto-asset, which has none, is its ticker (BTC, ETH, USDT, ...).
- `currency_inferred`: True when the written marker fits several currencies ("$", "dollars",
  "cents", "¥", "francs", "pounds", "Rs", "pesos", "crowns", ...). The choice then is:
  1. the country of the dateline ("TORONTO, March 3 -" -> CAD; "LONDON, Ontario, June 2 -":
     its region, when the table lists it), when that country uses a candidate currency;
  2. else a candidate whose country the article names at least twice and more often than
     any other country of the table (GPE/NORP/LOC entities: "Canada", "Canadian",
     "Toronto"): a US story that mentions Japan and Singapore twice each keeps USD;
  3. else the default, the first currency listing the marker in data/currencies.csv
     ("$" -> USD, "¥" -> JPY, "francs" -> CHF, "pounds" -> GBP, "Rs" -> INR).
  Explicit markers ("US$", "C$", "HK$", "USD", "euros", "Canadian dollars") are never
  inferred.
- `currency_iso`: False for those crypto-assets, True for every ISO 4217 currency, so that
  analysts can keep them apart.
- `value_high`: the upper bound of a range ("$2-3 billion", "between $5 and $10 million",
  "$5 to $6 a share"), else None; `value` is then the lower bound. A scale written only
  on the upper bound applies to both when that keeps low <= high.
- `qualifier`: "" or one of about, more than, less than, up to, at least, at most, almost.
- `per`: "" or the unit the amount is priced per ("$5 a share" -> "share", "$80 per
  barrel" -> "barrel"); such amounts are prices, not totals, and must not be summed.

How: spaCy leaves many money forms glued in one token ("USD34.6", "HK$12", "5bn",
"115USD"), which token patterns cannot look inside, so each token is cut into pieces
(digits, letters, symbols) with their character offsets (`pieces`) and a small grammar
(`parser`) runs over the pieces: [sign] [currency] number [scale] [currency] [minor part],
plus ranges. Its rules are found by name in one module each: `numbers` (digits, number
words, fractions, scale words), `currencies` (the currency table and the markers, including
multi-token ones such as "hong kong dollars", "u . s . $", "c $"), `context` (ranges, minor
units, qualifiers, unit prices, accounting brackets, the percent, weight and counted-things
guards, the country context). The table, data/currencies.csv, is made by scripts/currencies.py
from CLDR (babel: English names and symbols, local signs such as "лв." or "₸", which country
used which currency when) and ISO 4217 (pycountry), plus the project's additions (wire
abbreviations, slang, shared unit words with their default, minor units, crypto-assets):
any ISO code ("42 BGN"), any currency named with its country ("Lebanese pounds"), historic
ones ("Finnish markka") and unit words used by one country only ("leva", "riels") are read.
Nothing is parsed from raw text outside the Doc's tokens. quantulum3 is not used:
it reads everyday words as units and costs more than the whole budget of this stage; spaCy's
MONEY entities are not needed either (they miss half of the shared cases and add nothing the
grammar does not find).

What is not money, by rule rather than by example:
- a number without a currency marker ("three key sectors", "5 miles", "20 percent", years);
  a currency word without a number ("the dollar fell");
- a number followed by "%"/"percent"/"pct" even when a currency word precedes it;
- ISO codes that are English words (PEN, TRY, MAD, ...) and rare codes unless written in
  upper case; one-letter signs ("R", "p") unless glued to the number; "c" only as cents after
  a dollar amount ("$20 and 43c");
- a year before an upper-case code and a noun ("in 2019 ETH researchers");
- a marker across a space only where a key of the table has one: "a US$4.7 billion" is US
  dollars, not "aUS$";
- "pounds" before "of" or in a sentence about weight ("weighed 200 pounds");
- an unscaled written number before a singular currency word and a noun ("two euro zone
  officials", "three mark eurobonds"): it counts the nouns;
- "X to Y" after a verb ("rose 12 to 62 dlrs") is a change, not a range; "from $5 to $6" too.
In a text with no upper case at all (lower-cased corpora), short signs such as "rs", "dm"
are also read in lower case, before a number only.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.amounts.currencies import Marker, lookup
from extract.stages.amounts.parser import Amount, Parser

__all__ = ["STAGE", "Amount", "Marker", "extract", "marker"]


def extract(doc: Doc, article: Article, settings: Settings) -> list[Amount]:
    """Every money amount in `doc`, left to right, non-overlapping."""
    return Parser(doc, article.doc_id, article.dateline).run()


def marker(name: str) -> Marker | None:
    """The currency table's entry for a written marker ("francs", "C$", "pence"), if any."""
    return lookup(name)


def _mark(row: Any, text: str) -> list[tuple[int, int, str, str]]:
    value = f"{row.value:,.2f}".rstrip("0").rstrip(".") if row.value == row.value else ""
    return [(int(row.start), int(row.end), "MONEY", f"{row.currency} {value}".strip())]


STAGE = Stage(
    name="amounts",
    row=Amount,
    extract=extract,
    description="money amounts at full scale with an ISO 4217 currency",
    after=("entities",),  # reads the corrected place names on the Doc (currency context)
    data=("currencies.csv", "lexicon.json"),
    scorer="amounts",
    report=("text", "value", "currency", "value_high", "qualifier", "per", "start", "end"),
    mark=_mark,
)
