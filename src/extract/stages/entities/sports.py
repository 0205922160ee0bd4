"""Sports reports and lone names: who is a team, a place or a person when the model only sees
one capitalised word.

- A sports report is detected from its words, scores and results lines; only there do
  results lines, standings and fixtures ("Hibernian 2 Motherwell 1", "Aberdeen 5 4 1 0 12 3 13",
  "Leeds v Hull") name teams: elsewhere such lines are rows of figures ("Total 120 135 140").
- A one-word PERSON the article never names in full is a place when the article puts it after
  "in"/"at" or tags it as a place elsewhere, a team in a sports report, else a person (kept
  after a title or "said", or when listed beside full names).
- In a sports report a city or state that acts ("Denver beat") is its team, one that is
  the setting ("in Denver") or a dateline stays a place, and an organisation after "at" is
  the ground (FAC). Countries (national sides) stay places: they are pinned.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from extract.lexicon import TITLES
from extract.stages.entities.mention import (
    CALENDAR_NAMES,
    Mention,
    common_noun,
    doc_text,
    name,
    overlapping,
    token_span,
)
from extract.stages.entities.places import country

# Words of sport; the STRONG ones (and scores such as "2-1") belong to no other news.
SPORTS_STRONG = frozenset(
    "innings wicket wickets striker midfielder goalkeeper homer homered inning halftime soccer "
    "cricket tennis rugby baseball basketball golf athletics quarterback pitcher batsman "
    "bowler semifinal standings".split()
)
SPORTS_WORDS = SPORTS_STRONG | frozenset(
    "match matches game games season league coach goal goals tournament championship club "
    "team scored seed penalty draw drew beat defeated final cup division played".split()
)
SPORTS_RE = re.compile(r"(?<![\w-])(?i:" + "|".join(sorted(SPORTS_WORDS)) + r")(?![\w-])")
SCORES_RE = re.compile(r"(?<![\w./-])\d{1,3}-\d{1,3}(?![\w./-])")
_TEAM = r"([A-Z][^\W\d_]*[.'&-]?[^\W\d_]*(?: [A-Z][^\W\d_]*[.'&-]?[^\W\d_]*){0,3})"
# Won/drawn/lost counts (and a baseball ".556"): integers, not prices like "1.47".
STANDINGS = re.compile(r"^" + _TEAM + r"(?:[ \t]+(?:\d+|\.\d+|\d+/\d+|-)){3,}[ \t]*$", re.M)
SCORE = re.compile(r"^" + _TEAM + r" (\d{1,3}) " + _TEAM + r" (\d{1,3})\b", re.M)
FIXTURE = re.compile(r"(?:^|(?<=[:,] )|(?<=\d ))(?:" + _TEAM + r" )?v\.? " + _TEAM, re.M)
LIST_SEPS = frozenset({",", ";", "and", "&"})
# A lone name after these is a place ("in Kalabo"); in sports reports a city after these
# or "of" is the setting, not its team ("in Denver").
PLACE_PREPS = frozenset({"in", "at", "near", "outside"})
SETTING_PREPS = PLACE_PREPS | {"of"}
# A lone word after a title or before "said" is a person; "b"/"c" (bowled, caught by) name
# players in cricket scorecards.
PERSON_CUES = TITLES | {"said", "told", "b", "c"}


def is_sports(doc: Doc) -> bool:
    """Whether the article is a sports report (results, fixtures): they use places for teams."""
    if "sports" not in doc.user_data:
        text = doc_text(doc)
        words = SPORTS_RE.findall(text)
        # A word only sport uses or a results line ("Dundee 0 Aberdeen 3") must be there;
        # scores ("2-1") add up with the other words (finance has "300-500" ranges).
        strong = len(SCORE.findall(text)) + sum(1 for w in words if w.lower() in SPORTS_STRONG)
        hits = len(words) + strong + len(SCORES_RE.findall(text))
        doc.user_data["sports"] = strong >= 1 and hits >= 3 and hits * 100 >= len(doc)
    return doc.user_data["sports"]


def table_teams(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """In a sports report, the names that open results lines, standings and fixtures are teams.

    A country stays a place (national sides are written as the country), a region (LOC) stays
    a region, and a two-word PERSON stays a person (golf and athletics lines hold players).
    """
    if not is_sports(doc):
        return mentions
    text = doc_text(doc)
    spans = [m.span(1) for m in STANDINGS.finditer(text)]
    for m in SCORE.finditer(text):
        spans += [m.span(1), m.span(3)]
    for m in FIXTURE.finditer(text):  # "Leeds v Hull", "May 18 v Kent"
        spans += [m.span(k) for k in (1, 2) if m.group(k)]
    for start, end in spans:
        team = text[start:end]
        if country(team):
            continue
        if common_noun(doc, Mention(start, end, "ORG")) and re.search(
            r"\b" + re.escape(team.lower()) + r"\b", text
        ):
            continue  # "Attendance 21 350": a row of figures, not a team
        if team.split()[0].lower() in CALENDAR_NAMES:
            continue  # "June 24 July 24": a table's column heads
        inside = overlapping(mentions, start, end)
        if any(
            m.pinned
            or m.start < start
            or (m.end > end and any(c.isalpha() for c in text[end : m.end]))
            or m.label == "LOC"  # "South Asia 210 198 187": a region's figures
            or (m.label == "PERSON" and len(text[m.start : m.end].split()) >= 2)
            for m in inside
        ):
            continue
        mentions = [m for m in mentions if m not in inside]
        mentions.append(Mention(start, end, "ORG", pinned=True))
    return mentions


def lone_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A one-word PERSON the article never gives in full is rarely a person.

    News introduces people by their full name; a lone capitalised word the model calls a
    person with no full name anywhere in the article is most often a company, a sports team
    or a place ("in Kalabo"). It becomes a place after a place preposition, a team in a
    sports report, and stays a person after a title ("Mr", "said").
    """
    text = doc_text(doc)
    sports = is_sports(doc)
    lone: list[tuple[Mention, str]] = []
    places = {text[m.start : m.end].lower() for m in mentions if m.label in {"GPE", "LOC"}}
    # Character offsets where full PERSON names start and end: a lone word listed beside them
    # ("Smith , Jones , Brown") is one more person (squads, scorers, line-ups).
    person_starts, person_ends = set(), set()
    for m in mentions:
        if m.label == "PERSON" and " " in text[m.start : m.end]:
            person_starts.add(m.start)
            person_ends.add(m.end)
    for m in mentions:
        if m.pinned or m.label != "PERSON" or " " in text[m.start : m.end].strip():
            continue
        if m.canonical and m.canonical != name(text[m.start : m.end]):
            continue  # a surname resolved to a full name
        span = token_span(doc, m)
        if span is None or len(span) != 1:
            continue
        prev = doc[span.start - 1].lower_ if span.start > 0 else ""
        nxt = doc[span.end].lower_ if span.end < len(doc) else ""
        if prev in PERSON_CUES or nxt in {"said", "says", "told"}:
            continue
        if _listed_with(doc, span, person_starts, person_ends):
            continue
        if prev in PLACE_PREPS and not sports:
            places.add(span[0].lower_)
        lone.append((m, span[0].lower_))
    for m, word in lone:
        if word in places:
            m.label = "GPE"  # "in Kalabo", or a dateline: the same word is a place
        elif sports:
            m.label = "ORG"
    if sports:
        _teams_in_sports(doc, mentions)
    return mentions


def _listed_with(doc: Doc, span: Span, starts: set[int], ends: set[int]) -> bool:
    """Whether a one-word span stands in a list next to a full PERSON name."""
    i, j = span.start, span.end
    if i >= 2 and doc[i - 1].text in LIST_SEPS and doc[i - 2].idx + len(doc[i - 2]) in ends:
        return True
    return j + 1 < len(doc) and doc[j].text in LIST_SEPS and doc[j + 1].idx in starts


def _teams_in_sports(doc: Doc, mentions: list[Mention]) -> None:
    """A city or state that acts ("Denver beat", "joined Porto", "homered for Boston") is
    its team; the setting ("in Denver") and a dateline stay places; an organisation the match
    is played at ("at Anfield") is the ground."""
    for m in mentions:
        if m.pinned or m.label not in {"GPE", "LOC", "ORG"}:
            continue
        span = token_span(doc, m)
        if span is None:
            continue
        if m.label == "ORG":
            if span.start > 0 and doc[span.start - 1].lower_ == "at":
                m.label = "FAC"
            continue
        if span.start == 0 or "\n" in doc[span.start - 1].text_with_ws:
            # A line opens with a dateline or a heading ("MILAN 2024-05-12") unless the
            # name is the subject of a verb ("Denver has won 8 of its last 10").
            if span.end >= len(doc) or doc[span.end].pos_ not in {"VERB", "AUX"}:
                continue
        elif doc[span.start - 1].lower_ in SETTING_PREPS:
            continue
        elif doc[span.start - 1].text == ",":
            continue  # "Oakville , Ontario", "Kalabo , 90 km from the border"
        m.label = "ORG"
