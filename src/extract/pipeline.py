"""Streams Articles through nlp.pipe and the extractors, one Result per article, in input order.

Every article read yields exactly one Result: processed, failed (its `error` says the file,
the stage and the reason) or a duplicate of an earlier article with the same doc_id.
`prepare` runs where the articles are read (it needs the run's memory of what was seen);
`analyse` is the heavy part and runs in whichever process an executor picks.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, pairwise

from spacy.language import Language
from spacy.tokens import Doc

from extract import published, stages
from extract.article import Article
from extract.config import Settings
from extract.nlp import load
from extract.stages.deals.wire import CODE
from extract.tables import ArticleRow


@dataclass
class Result:
    article: Article
    rows: dict[str, list] = field(default_factory=dict)  # table name -> rows of this article
    duplicate_of: str = ""

    @property
    def row(self) -> ArticleRow:
        return ArticleRow.from_article(self.article, self.duplicate_of)

    @property
    def todo(self) -> bool:
        """To analyse: read without error, not a duplicate, and with text (a page with no
        article body is an article row with a warning, and nothing else)."""
        return not self.article.error and not self.duplicate_of and bool(self.article.text)


def process(
    articles: Iterable[Article], settings: Settings, until: str | None = None
) -> Iterator[Result]:
    """One Result per article, in order, in this process; `until`: only the stages up to it
    (what a scorer of that stage runs)."""
    for chunk in batches(prepare(articles, settings, {}), settings.batch_size):
        yield from analyse(chunk, settings, until)


def batches(items: Iterable, size: int) -> Iterator[list]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


def prepare(
    articles: Iterable[Article], settings: Settings, seen: dict[str, str]
) -> Iterator[Result]:
    """Checks size, marks duplicates and finds the publication date.

    `seen` maps the digest of each article met so far to its source; a later article with the
    same content is a duplicate of that source and is not processed again. Articles that only
    share an id are not duplicates: an id names an article, it does not prove the content.
    """
    for article in articles:
        if article.error:
            yield Result(article)
        elif len(article.text) > settings.max_chars:
            reason = f"too long ({len(article.text):,} characters, limit {settings.max_chars:,})"
            yield Result(_with_error(article, "read", reason))
        elif seen.get(article.digest, article.source) != article.source:
            yield Result(article, duplicate_of=seen[article.digest])
        else:
            seen[article.digest] = article.source
            yield Result(published.decide(article, settings))


def analyse(results: list[Result], settings: Settings, until: str | None = None) -> list[Result]:
    """Parses the articles still to do and fills their rows.

    A text is parsed as `readable` gives it (line wraps and wire copy's name brackets as
    spaces): same length, so every offset still indexes the article's text, which stays as
    read.

    The Docs live in a spaCy memory zone: the strings and lexemes new in these texts are freed
    with them, so the vocabulary does not grow with the corpus. Only plain rows leave the zone.
    """
    nlp = _ready(settings)
    todo = [r for r in results if r.todo]
    with nlp.memory_zone():
        docs = parse(nlp, [readable(r.article.text) for r in todo], settings)
        for result, doc in zip(todo, docs, strict=True):
            try:
                result.rows = extract_doc(doc, result.article, settings, until)
            except Exception as err:  # one bad article must not stop the batch
                result.article = _with_error(result.article, "extract", repr(err))
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if len(getattr(lemmatizer, "cache", ())) > LEMMA_CACHE:  # it keeps every word form met
        lemmatizer.cache.clear()
    return results


LEMMA_CACHE = 100_000  # entries of spaCy's lemmatizer cache kept before it is emptied


_WARM_UP = (
    "On March 3, 2025, Acme Corp. agreed to buy a 20% stake in Beta Steel Inc. of Detroit for "
    "$1.2 billion, the automaker said on Monday."
)


@lru_cache(maxsize=4)
def _ready(settings: Settings) -> Language:
    """The model, once it has processed one article outside any memory zone: the extractors
    build their matchers on first use, and what those add to the vocabulary must outlive zones."""
    nlp = load(settings)
    nlp.max_length = max(nlp.max_length, settings.chunk_chars + 1)
    extract_doc(nlp(_WARM_UP), Article("warm-up", "<warm-up>", _WARM_UP), settings)
    return nlp


_LOWER_END = re.compile(r"(?:^|[\s(])[a-z][\w'-]*,?$|,$")  # "...in", "...said the", "...zone,"
_SENTENCE_END = re.compile(r"[.!?:;\"')\]\u201d\u2019]$")


def readable(text: str) -> str:
    """The text as the parser reads it: line wraps as spaces (`unwrap`), and the angle
    brackets newswire puts around a company's name as spaces ("bought <Tenby Agency Inc> and
    <Grist Control Inc>"), which the model, never trained on them, parses as words: the second
    name fell out of the phrase. A ticker's brackets stay ("Delta Air Lines Inc <DAL.N>",
    "<SKPS ST>": an upper-case code, as `wire` tells them). Same length as `text`."""
    text = unwrap(text)
    if "<" not in text:
        return text
    return _BRACKETS.sub(lambda m: m[0] if CODE.fullmatch(m[1]) else f" {m[1]} ", text)


# A name in brackets hugs them ("<Tenby Agency Inc>"); "x < 5 and y > 3" is no name.
_BRACKETS = re.compile(r"<([^\s<>](?:[^<>\n]{0,78}[^\s<>])?)>")


def unwrap(text: str) -> str:
    """The text with the newlines of its line wraps as spaces, when it is hard-wrapped.

    Newswire copy is wrapped at a fixed width ("...in\\nthe Bahia cocoa zone") with indented
    paragraphs; spaCy reads each wrap as a whitespace token in mid-sentence, which breaks the
    parse and the entity spans there. Same length as `text`, so offsets into it stay valid.
    """
    wraps = line_wraps(text)
    if not wraps:
        return text
    chars = list(text)
    for at in wraps:
        chars[at] = " "
        if at and chars[at - 1] == "\r":
            chars[at - 1] = " "
    return "".join(chars)


def line_wraps(text: str) -> list[int]:
    """Offsets of the newlines that wrap a line in mid-paragraph; none unless the text is
    hard-wrapped.

    A text is hard-wrapped when, at its newlines followed by an unindented line, the line
    before mostly runs near the text's width (its 90th-percentile line, 30 to 120 characters)
    and mostly stops in mid-sentence (on a lower-case word or a comma, or the next line goes
    on in lower case), and some lines go on in lower case (a list of headlines may end in
    lower-case words but never does); a single such newline will do in a short text when both
    hold ("said\\nit bought"). Text written a sentence or a paragraph a line (CoNLL documents, web
    pages, JSON articles) has lines of any width ending on full stops, and is left alone. In
    a wrapped text a newline is a wrap when the line before is near the width, stops in
    mid-sentence, or is the first line (a dateline cut from it) without a full stop; a
    newline before an indented line (a paragraph, a table row) or a blank one never is.
    """
    if "\n" not in text:
        return []
    lines = text.split("\n")
    sizes = sorted(len(line.rstrip()) for line in lines if line.strip())
    width = sizes[int(0.9 * (len(sizes) - 1))] if len(sizes) >= 3 else 0
    if not 30 <= width <= 120:
        return []
    full = max(width - 25, 0.6 * width)
    wraps, votes, at = [], Counter(), -1
    for n, (line, following) in enumerate(pairwise(lines)):
        at += len(line) + 1
        body = line.rstrip()
        if not body or not following[:1].strip():
            continue  # a blank line, or an indented one: a paragraph or a table row
        ends_low, goes_on_low = bool(_LOWER_END.search(body)), following[:1].islower()
        near = len(body) >= full
        votes.update(
            breaks=1, near=near, mid=ends_low or goes_on_low, both=ends_low and goes_on_low
        )
        votes.update(lower_starts=goes_on_low)
        if near or ends_low or goes_on_low or (n == 0 and not _SENTENCE_END.search(body)):
            wraps.append(at)
    breaks = votes["breaks"]
    if (breaks < 2 and not votes["both"]) or min(votes["near"], votes["mid"]) < 0.5 * breaks:
        return []
    if not votes["lower_starts"] or votes["lower_starts"] < 0.1 * breaks:
        return []  # a list of headlines may end in lower-case words, but never goes on in them
    return wraps


def parse(nlp: Language, texts: list[str], settings: Settings) -> Iterator[Doc]:
    """One Doc per text, in order, never parsing more than `chunk_chars` characters at once.

    The model's working memory grows with the characters in one call, so texts go to nlp.pipe
    in groups of at most `chunk_chars` characters, and a longer text is parsed in pieces cut at
    line ends (else sentence ends, else spaces) joined into one Doc with the same text: offsets
    and every annotation still index the whole article, and peak memory stays flat however
    long the articles and the corpus are.
    """
    size = settings.chunk_chars
    for group in _groups(texts, size):
        if len(group[0]) > size:
            yield Doc.from_docs([nlp(p) for p in pieces(group[0], size)], ensure_whitespace=False)
        else:
            yield from nlp.pipe(group, batch_size=len(group))


def _groups(texts: list[str], size: int) -> Iterator[list[str]]:
    """Consecutive texts of at most `size` characters together; a longer text alone."""
    group, chars = [], 0
    for text in texts:
        if group and chars + len(text) > size:
            yield group
            group, chars = [], 0
        group.append(text)
        chars += len(text)
    if group:
        yield group


def pieces(text: str, size: int) -> Iterator[str]:
    """Consecutive pieces of at most `size` characters that join back to `text`."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        for sep in ("\n", ". ", " "):  # line end, else sentence end, else any space
            cut = window.rfind(sep)
            if cut > 0:
                break
        end = start + (cut + len(sep) if cut > 0 else size)
        yield text[start:end]
        start = end
    yield text[start:]


def extract_doc(
    doc: Doc, article: Article, settings: Settings, until: str | None = None
) -> dict[str, list]:
    """Every stage (or those up to `until`) on one parsed article, in stage order: table name
    -> rows. Each stage gets the rows of the stages it declares it needs."""
    rows: dict[str, list] = {}
    for stage in stages.upto(until) if until else stages.stages():
        rows[stage.name] = stage.extract(
            doc, article, settings, **{need: rows[need] for need in stage.needs}
        )
    return rows


def _with_error(article: Article, stage: str, reason: str) -> Article:
    return dataclasses.replace(article, error=f"{article.source}: {stage}: {reason}")
