"""Sports reports and lone names: who is a team, a place or a person when the model only sees
one capitalised word.

- A sports report is detected from its words, scores and results lines; only there do
  results lines, standings and fixtures ("Hibernian 2 Motherwell 1", "Aberdeen 5 4 1 0 12 3 13",
  "Leeds v Hull") name teams: elsewhere such lines are rows of figures ("Total 120 135 140").
- A one-word PERSON the article never names in full is a place when the article puts it after
  "in"/"at" or tags it as a place elsewhere, a team in a sports report, else a person (kept
  after a title or "said", or when listed beside full names).
- In a sports report a line that is a list and no prose (scorers, line-ups, results) names
  players: its runs of two to four capitalised words are people, unless a results table
  made them teams or they are places.
- In a sports report a city or state that acts ("Denver beat") is its team, one that is
  the setting ("in Denver") or a dateline stays a place, and an organisation after "at" is
  the ground (FAC). Countries (national sides) stay places: they are pinned.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

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
    "bowler semifinal standings football footballer footballers".split()
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
FIXTURE_AT = frozenset({"at", "v", "v.", "vs", "vs."})  # "DENVER AT BOSTON": the visitors
# A lone word after a title or before "said" is a person; "b"/"c" (bowled, caught by) name
# players in cricket scorecards.
PERSON_CUES = TITLES | {"said", "told", "b", "c"}
# Particles inside people's names ("Gil de Ferran", "Joost van der Westhuizen").
PARTICLES = frozenset("van von der den de del della di da dos du la le ter bin ibn al".split())
# What sets items of a list apart: a line holding one of these, or a number, is a list.
LIST_MARKS = frozenset({",", ";", "(", ")", "-"})
# Words that make a run of capitalised words in a list an organisation, not a player.
ORG_HEADS = frozenset("Club United City FC Team Racing County Rovers Athletic Wanderers".split())


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


def lineups(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """In a sports report, a line that is a list and no prose (scorers, line-ups, results:
    "Romania - Cosmin Contra ( 31st ) , Mihai Tararache ( 75th )") names its players: each run
    of two to four capitalised words there is a person, unless it is a team the results
    tables pinned, a country, or has an organisation's head word."""
    if not is_sports(doc):
        return mentions
    text = doc_text(doc)
    for line in _list_lines(doc):
        for run in _name_runs(line) + _roll(line):
            start, end = run[0].idx, run[-1].idx + len(run[-1])
            inside = overlapping(mentions, start, end)
            if any(
                m.pinned or m.start < start or m.end > end or m.label not in {"PERSON", "ORG"}
                for m in inside
            ):
                continue  # a place stays a place ("Tunbridge Wells : Kent 214")
            after = doc[run[-1].i + 1].text if run[-1].i + 1 < len(doc) else ""
            if after == ":" or run[0].is_stop or any(w.text in ORG_HEADS for w in run):
                continue  # "Man of the Match :", "At Hove :", "The Oval" head no player
            if country(text[start:end]):
                continue
            mentions = [m for m in mentions if m not in inside]
            mentions.append(Mention(start, end, "PERSON", fixed=True))
    return mentions


def _list_lines(doc: Doc) -> list[Span]:
    """The lines of a Doc with next to no lower-case words (lists and tables, not prose)."""
    lines, first = [], 0
    for tok in doc:
        if "\n" in tok.text_with_ws:
            lines.append(doc[first : tok.i + 1])
            first = tok.i + 1
    lines.append(doc[first:])
    out = []
    for line in lines:
        words = [t for t in line if t.is_alpha and len(t) > 1]
        lower = sum(1 for t in words if t.is_lower and t.lower_ not in PARTICLES)
        listed = any(t.text in LIST_MARKS or t.like_num for t in line)
        if len(words) >= 2 and lower * 5 <= len(words) and listed:
            out.append(line)
    return out


def _name_runs(line: Span) -> list[list]:
    """Runs of two to four title-case words (with "van", "de", hyphens) in a line."""
    runs, run = [], []
    for tok in list(line) + [None]:
        name_word = tok is not None and _capitalised(tok) and (tok.is_alpha or "-" in tok.text)
        joiner = tok is not None and run and tok.lower_ in PARTICLES and tok.is_lower
        if name_word or joiner:
            run.append(tok)
            continue
        while run and run[-1].is_lower:
            run.pop()
        if 2 <= len(run) <= 4:
            runs.append(run)
        run = []
    return runs


def _roll(line: Span) -> list[list]:
    """The one-word names of a squad roll: a line of four or more capitalised names and
    nothing else, set apart by commas ("Given , Breen , Staunton , Irwin ."), after a label
    ("Did not bat : Vaas , Muralitharan , Dharmasena , Jayasuriya")."""
    tokens = [t for t in line if not t.is_space]
    if any(t.like_num for t in tokens):
        return []
    colon = [t.i for t in tokens if t.text == ":"]
    items: list[list] = [[]]
    for tok in tokens:
        if colon and tok.i <= colon[-1]:
            continue
        if tok.text in {",", ";"}:
            items.append([])
        elif tok.text != ".":
            items[-1].append(tok)
    names = [item for item in items if item]
    if len(names) < 4 or not all(len(n) <= 4 and all(map(_capitalised, n)) for n in names):
        return []
    return [n for n in names if len(n) == 1]


def _capitalised(tok: Token) -> bool:
    """A word written as a name is: "Breen", "McAteer", "O'Neill" (not "BREEN", "breen")."""
    return tok.text[:1].isupper() and any(c.islower() for c in tok.text)


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
        if m.pinned or m.fixed or m.label != "PERSON" or " " in text[m.start : m.end].strip():
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
                m.label, m.fixed = "FAC", True
            continue
        if _acts(doc, span):
            m.label = "ORG"
        else:
            m.fixed = True  # the setting stays a place beside its team ("In Seattle , ...")


def _acts(doc: Doc, span: Span) -> bool:
    """Whether a place in a sports report acts as its team: not the setting ("in Denver"),
    nor a dateline or heading at a line start (unless a verb or a fixture's "at" follows:
    "Denver has won", "DENVER AT BOSTON")."""
    if span.start == 0 or "\n" in doc[span.start - 1].text_with_ws:
        after = doc[span.end] if span.end < len(doc) else None
        return after is not None and (after.pos_ in {"VERB", "AUX"} or after.lower_ in FIXTURE_AT)
    before = doc[span.start - 1]
    # "in Denver", "Oakville , Ontario", "Kalabo , 90 km from the border"
    return before.lower_ not in SETTING_PREPS and before.text != ","
