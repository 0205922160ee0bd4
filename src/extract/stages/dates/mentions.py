"""Mentions: candidate spans made into date mentions, with the words they should hold.

`find(doc, published)` resolves each candidate of `spans.candidates` (whole, else with
neighbours it is glued to, else without the connector spaCy ran into the next clause ("in
October and"), else in parts), trims words that do not change its value ("in",
"since", "until", a trailing "and" or "'s", "earlier" before a day), keeps the words the value
needs ("from ... to", "Friday (June 15)") and drops what context shows is not a date: sets
("every Friday"), parts of longer numbers ("2015-32"), fractions ("5/8"), counts ("2000
pieces"), ordinals ("the 3rd time", "the 7th Fleet"), names and titles ("the film 1917",
NBC's "Today", "this march"), stretches looked back over ("the biggest drop in a decade").
Every mention is a span of the Doc's tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Doc, Span

from extract.lexicon import MONTHS, WEEKDAYS
from extract.stages.dates.resolution import resolve
from extract.stages.dates.spans import candidates
from extract.stages.dates.values import Resolved
from extract.stages.dates.vocabulary import NAMED_DAYS, OFFSET, VOCAB

# Prepositions a candidate may start with: tried without, and a year after one is a date.
_LEAD_TOKENS = {"in", "since", "by", "until", "till", "from", "during", "of", "before", "after",
                "through", "throughout", "within", "on", "at", "about", "around"}  # fmt: skip
# Trailing and leading words dropped from a mention when the rest means the same date.
_TAIL_TOKENS = {"and", "or", ",", "of", "to", "-", "the", "in", "on",  # "April one and"
                "'s", "\u2019s"}  # fmt: skip
# "since 1990", "until March 6": the date is 1990, March 6; the word is how it is used.
_TRIM_TOKENS = {"in", "on", "at", "of", "during", "by", "around", "about", "throughout",
                "since", "until", "till", "just"}  # fmt: skip
# What may stand between two candidates that together form one date or range.
_GLUE = {"-", "to", "through", "thru", "till", "until", "and", "~", ",", "in", "of", "on", "from",
         "/", "\u2013", "\u2014", "starting", "beginning", "commencing", "("}  # fmt: skip
_CONNECTORS = {"-", "to", "through", "thru", "till", "until", "and", "~", "\u2013", "\u2014"}
_SET_WORDS = {"every", "each", "other", "per"}
# Entities whose words are a name even when they read as a date ("1917", a film).
_NAME_LABELS = {"WORK_OF_ART", "ORG", "PRODUCT", "FAC", "EVENT"}
# Month names that are also words ("this march"): in lower case they are the words.
_WORD_MONTHS = frozenset(VOCAB["lower_case_words"])
_TITLE_NOUNS = frozenset(VOCAB["title_nouns"])
# Words that make "in two years" a stretch looked back over: "the first time in two years".
_RECORD_WORDS = {"time", "ever"}
# Words before "the 7th" that make it a day of the month.
_DAY_LEADS = {"on", "by", "until", "till", "since", "from", "before", "after", "through", "to",
              "for", "and", "or", "between", "of", "starting", "beginning", "ending"}  # fmt: skip
_NUMERIC_DATE_LEADS = {"on", "from", "since", "until", "till", "by", "through", "before", "after",
                       "effective", "dated", "to", "between", "and", "-"}  # fmt: skip


def _resolve_span(
    span: Span, published: date | None, fallback: bool = True
) -> tuple[Span, Resolved] | None:
    """The span resolved, or the span less leading prepositions; trimmed where harmless."""
    doc = span.doc
    start, end = span.start, span.end
    found = resolve(span.text, published, fallback)
    if found is None and start > 0 and doc[start - 1].lower_ == "in":
        # "in a couple of days": spaCy leaves out the "in" that makes it a date.
        found = resolve(doc[start - 1 : end].text, published, fallback=False)
        start -= found is not None
    while found is None and end - start > 1 and doc[end - 1].lower_ in _TAIL_TOKENS:
        end -= 1  # "in October and": spaCy ran the date into the next clause
        found = resolve(doc[start:end].text, published, fallback)
    while found is None and end - start > 1 and doc[start].lower_ in _LEAD_TOKENS | {"the"}:
        start += 1
        found = resolve(doc[start:end].text, published, fallback)
    if found is None:
        return None
    # An open "from X" is the date X; "from X to Y" keeps its "from" (as the spec writes it).
    trim = _TRIM_TOKENS if found.value_end else _TRIM_TOKENS | {"from"}
    if found.granularity == "day" and doc[min(start + 1, end - 1)].lower_ != "that":
        trim = trim | {"earlier", "later", "early", "late"}  # "late Monday" is Monday
    while end - start > 1 and doc[start].lower_ in trim:
        if resolve(doc[start + 1 : end].text, published) != found:
            break
        start += 1
    while end - start > 1 and doc[end - 1].lower_ in _TAIL_TOKENS:
        if resolve(doc[start : end - 1].text, published) != found:
            break
        end -= 1
    if (
        found.value_end
        and start > 0
        and doc[start - 1].lower_ in ("from", "between")
        and any(t.lower_ in _CONNECTORS or "~" in t.text for t in doc[start:end])
    ):
        start -= 1
    if doc[start].lower_ == "the" and end - start > 1 and _loose_the(doc[start + 1 : end], found):
        if resolve(doc[start + 1 : end].text, published) == found:
            start += 1
    if end < len(doc) and doc[end].text == ")" and doc[start:end].text.count("(") == 1:
        end += 1  # "Friday (June 15)": keep the parenthesis whole
    return doc[start:end], found


def _loose_the(rest: Span, found: Resolved) -> bool:
    """Whether a leading "the" stays out of the mention, as the Recognizers spec writes it:
    "[the] next quarter", "[the] end of 2000", "[the] 5 upcoming years", "[the] week 1", but
    "the next day", "the last week of July", "the 21st", "the 1970s", "the past two decades"."""
    words = [t.lower_ for t in rest]
    first, second = words[0], words[1] if len(words) > 1 else ""
    if found.granularity in ("decade", "century") or "decades" in words:
        return False
    if first in ("end", "beginning", "start", "middle", "mid", "rest", "remaining", "remainder"):
        return True
    if first.rstrip(".") in MONTHS or first.startswith("mid-"):
        return True
    if first in OFFSET:
        return "of" not in words and words[1:] not in (["day"], ["weekend"])
    if rest[0].like_num and second in OFFSET:
        return True
    if first == "week" and second.isdigit():
        return True
    return first in ("week", "month", "year") and words[1:] == ["to", "date"]


def _sub_spans(
    doc: Doc, start: int, end: int, published: date | None
) -> Iterator[tuple[Span, Resolved]]:
    """Resolvable parts of a candidate that does not resolve whole, longest first, left to right."""
    i = start
    while i < end:
        for j in range(end, i, -1):
            span = doc[i:j]
            if span[0].is_punct or span[0].lower_ in ("and", "of", "to") or span[-1].is_punct:
                continue
            found = resolve(span.text, published, fallback=False)
            if found:
                yield span, found
                i = j
                break
        else:
            i += 1


def _glued(doc: Doc, end: int, start: int) -> bool:
    gap = doc[end:start]
    return len(gap) <= 2 and all(t.lower_ in _GLUE for t in gap)


def _a_name(span: Span, names: list[Span]) -> bool:
    """Whether the date words are a name or part of one (`names`: the Doc's entities labelled
    as names): the film "1917" (in quotes, tagged a work of art, or beside "film"), NBC's
    "Today", the "March for Life", "this march" (a protest: a month is written with a capital)."""
    doc = span.doc
    for ent in names:
        if ent.start <= span.start and span.end <= ent.end:
            # A title is a name even when it is a year ("1917"); another name only around its
            # date words ("the March for Life"), not when it is one ("Labor Day") or is
            # dated by one ("the 2024 Olympics").
            if ent.label_ == "WORK_OF_ART" or (len(ent) > len(span) and not span[0].like_num):
                return True
    if all(t.is_stop or t.lower_ in _WORD_MONTHS for t in span) and not doc.text.islower():
        if any(t.text in _WORD_MONTHS for t in span):
            return True
    first = span[0]
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and after is not None and before.is_quote and after.is_quote:
        return True  # a title in quotes: "1917", "Today"
    root = span.root
    beside = [before, *(c for c in root.children if c.dep_ == "appos")]
    if root.dep_ == "appos":
        beside.append(root.head)
    if any(t is not None and t.lemma_ in _TITLE_NOUNS for t in beside):
        return True  # "the film 1917", "1917, a war film"
    if len(span) == 1 and first.lower_ in NAMED_DAYS and first.text[0].isupper():
        # "on NBC's Today show", but "Today, ..." and ``Today we ...
        return not first.is_sent_start and (before is None or not before.is_quote)
    return False


def _an_ordinal(span: Span) -> bool:
    """ "the 11th Circuit", "the 7th" on its own: an ordinal; "on the 7th" is a day."""
    if not re.fullmatch(r"(?i)the [0-3]?\d(?:st|nd|rd|th)", span.text):
        return False
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end] if span.end < len(doc) else None
    named = after is not None and (after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or after.is_title)
    return named or before not in _DAY_LEADS


def _a_record(span: Span) -> bool:
    """ "the biggest drop in a decade", "the first time in two years": a stretch of time
    looked back over, not the period that many units ahead."""
    if not re.fullmatch(r"(?i)in (?:a|an|\w+) \w+s?", span.text):
        return False
    window = span.doc[max(span.sent.start, span.start - 8) : span.start]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in _RECORD_WORDS for t in window)


def _not_a_date(span: Span, res: Resolved, names: list[Span]) -> bool:
    """Context that makes a resolvable phrase something else: a set, a count, a number, a name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if before is not None and before.lower_ in _SET_WORDS:
        return True  # "every Friday", "each week"
    if _a_name(span, names) or _an_ordinal(span) or _a_record(span):
        return True
    # "+86 138-2010-2015", "2015-32", "127-1/2": part of a longer number.
    if (
        before is not None
        and before.text in ("-", "/")
        and before.i > 0
        and doc[before.i - 1].text[-1:].isdigit()
        and not doc[before.i - 1].whitespace_
    ):
        return True
    if re.fullmatch(r"\d{1,2}/\d{1,2}", span.text):  # "5/8" is a fraction unless a date word leads
        lead = before.lower_ if before is not None else ""
        ranged = (
            after is not None
            and after.lower_ in ("to", "-", "through")
            and after.i + 1 < len(doc)
            and re.fullmatch(r"\d{1,2}/\d{1,2}(?:/\d{2,4})?", doc[after.i + 1].text)
        )
        if lead not in _NUMERIC_DATE_LEADS and lead not in WEEKDAYS and not ranged:
            return True
    if (
        after is not None
        and after.text in ("-", "/")
        and after.i + 1 < len(doc)
        and doc[after.i + 1].like_num
    ):
        return True
    if re.search(r"\d(?:st|nd|rd|th)$", span.text) and after is not None and after.pos_ == "NOUN":
        return True  # "the 1st week", "the 3rd time": an ordinal, not a day
    if after is not None and after.lower_ in ("mornings", "afternoons", "evenings", "nights"):
        return True
    if res.granularity == "season" and after is not None and after.pos_ in ("NOUN", "PROPN"):
        return True  # "this summer's drilling" stays; "winter wheat", "summer season" go
    if res.granularity == "year" and re.fullmatch(r"\d{4}", span.text):
        counted = after is not None and after.tag_ in ("NNS", "NNPS")
        if counted and (before is None or before.lower_ not in _LEAD_TOKENS):
            return True  # "2000 pieces" (but "in 2024 sales rose")
        if after is not None and after.text in ("/", "%"):
            return True
        if before is not None and before.text in ("-", "/", "+", "#", "No.", "no."):
            return True
    return False


def find(doc: Doc, published: date | None) -> list[tuple[Span, Resolved]]:
    """The date mentions of a Doc as (span, value), in text order."""
    cands = candidates(doc)
    found: list[tuple[Span, Resolved]] = []
    i = 0
    while i < len(cands):
        # Neighbouring candidates that read as one date: "from April 2016 to June 2017",
        # "Tuesday, March 7", "2 weeks before Christmas", "Easter 2018".
        for j in range(min(i + 3, len(cands) - 1), i, -1):
            if not all(_glued(doc, cands[k][1], cands[k + 1][0]) for k in range(i, j)):
                continue
            start = cands[i][0]
            if start > 0 and doc[start - 1].lower_ in ("between", "from"):
                start -= 1
            # The grammar alone judges joins: dateparser reads too much into "this week, yesterday".
            joined = _resolve_span(doc[start : cands[j][1]], published, fallback=False)
            if joined:
                found.append(joined)
                i = j + 1
                break
        else:
            start, end = cands[i]
            whole = _resolve_span(doc[start:end], published)
            if whole:
                found.append(whole)
            elif end - start <= 12:
                found.extend(_sub_spans(doc, start, end, published))
            i += 1
    names = [ent for ent in doc.ents if ent.label_ in _NAME_LABELS]
    return [(span, res) for span, res in found if not _not_a_date(span, res, names)]
