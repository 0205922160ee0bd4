"""Party names: who a phrase names where the parse or the entities stage leave it open or
wrong, and when two names in one article are one party.

- `firm_of_person`: a person named with the company they speak for is that company when a
  company is meant ("Acme Corp treasurer Jane Roe said the company hoped ...": Acme; "Acme
  Chairman John Doe said Acme would buy ...");
- `without_owner`: a company's name the entities stage ran together with the possessive of a
  person the article names ("Smith's Northern Gas Pipelines" -> "Northern Gas Pipelines") or
  of an organisation it names on its own ("Acme Partners' Beta Holdings" -> "Beta Holdings");
- `possessive_names`: a name that opens on a possessive ("Broker's Choice Capital Inc", as
  "McDonald's Corp"), which the entities stage cuts at the "'s";
- `name_before`: a company's name written right before a name the small model took for a
  person's ("Corning" of "Corning Glass Works") is part of it;
- `named_by_apposition`: a phrase that names no one ("Malaysia's central bank") is named by an
  apposition to the same words elsewhere in the article ("the central bank, Bank Negara,");
  the article's nouns are indexed by lemma once (`Parties.nouns_by_lemma`), not per phrase;
- `written_low`: a name wire copy writes partly in lower case ("Trans world airlines");
- `led_by`: a name before a hyphen and a participle ("the Carl Icahn-led TWA") modifies the
  noun after it, which is what the phrase names;
- `respelled`: a name misspelt once ("Staff Buildiers") is the name the article writes
  elsewhere, by one letter;
- `bracketed_after`: the bracketed name a comma sets after a common noun in wire copy, which
  the parser leaves out of the phrase ("bought 49 pct of another ailing bank, <Acme Bank
  Bhd>,");
- `fuller_names`: a company's short name written as the end of its full name ("Disney" for
  "Walt Disney") or as a distinctive word inside it ("TVX" for "Consolidated TVX Mining") is
  that full name, as the entities stage names a full name's leading words;
- `group_named_later`: a group the phrase leaves unnamed is named by the member or leader the
  article gives it later ("the group, led by Acme Corp, said ...");
- `commentator`: an analyst, adviser or spokesman is no party to the deal they talk about;
- `spelled_out`: an acronym the entities stage names a company by -> the name it stands for
  in the article;
- `one_party`: two names one party goes by in an article: one the other's leading words
  ("Conagra", "Conagra Inc"), an acronym of the other's words ("TWA", "Trans World
  Airlines"), or the other's distinctive last word(s) ("Kodak", "Eastman Kodak"; never a
  generic word such as "Airlines" or "Group", which many names end with);
- `of_legal`: a name with "of" inside that ends in a legal form ("Keller of Nevada Inc");
- `proper_noun`, `one_firm`, `country_name`: the word tests and the country table `parties`
  names with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from extract.lexicon import TITLES
from extract.stages.deals.coref import initials, same_party
from extract.stages.deals.triggers import load_lexicon
from extract.stages.deals.wire import legal_end
from extract.stages.entities.evidence import PERSON_ROLES, heads_data
from extract.stages.entities.mention import legal_form, strip_legal
from extract.stages.entities.places import country_table

ORG_LABELS = frozenset({"ORG", "WORK_OF_ART"})
# Words between a company and the person speaking for it: titles ("treasurer", "Chairman",
# "vice president"), none of them names.
TITLE_GAP = 4


def firm_of_person(tok: Token, person: Span | None, entity_at: dict[int, Any]) -> Any | None:
    """The organisation entity a person's phrase names right before the person's title
    ("Baker Corp treasurer Eric Roe", "Exco Chairman Richard Lacy"), or None. `tok` is the
    person's head, with `person` the person's entity span, or the title before the name
    when the parse heads the phrase there ("treasurer" of "Baker Corp treasurer Eric Roe")."""
    ent = entity_at.get(tok.i)
    if ent is None and tok.pos_ == "NOUN":  # the title heads the phrase
        if not any(c.dep_ in ("appos", "compound") and c.i > tok.i for c in tok.children):
            return None
        person = tok.doc[tok.i + 1 : tok.i + 2]
    elif ent is None or ent.label != "PERSON" or person is None:
        return None
    if person.start == 0:
        return None
    subtree = {t.i for t in tok.subtree}
    gap = 0
    i = person.start - 1
    while i >= 0 and gap <= TITLE_GAP:
        word = tok.doc[i]
        ent = entity_at.get(i)
        if ent is not None:
            if ent.label in ORG_LABELS and gap > 0 and i in subtree:
                return ent
            return None
        if not word.is_alpha or word.is_sent_start or word.pos_ in ("VERB", "AUX", "ADP"):
            return None  # "said", "of", a comma: the company is not the person's
        gap += 1
        i -= 1
    return None


def without_owner(name: str, people: Iterable[str], firms: Container[str] = ()) -> str:
    """The name with a person's possessive cut off its front ("Icahn's X Corp" -> "X Corp"),
    when the part before "'s" is (the surname of) a person the article names; or with an
    owner's, when it is one of `firms`, organisations the article names on their own
    ("National Amusements' Arsenal Holdings" -> "Arsenal Holdings")."""
    for mark in ("'s ", "’s ", "' "):
        owner, found, rest = name.partition(mark)
        if not found or not rest[:1].isupper():
            continue
        owner = owner.strip()
        if owner in firms or (" " not in owner and owner.lower() in surnames(people)):
            return rest
    return name


def surnames(people: Iterable[str]) -> set[str]:
    """The lower-cased last words of the people's names ("icahn" of "Carl C. Icahn")."""
    return {p.split()[-1].lower() for p in people if p.split()}


def one_party(a: str, b: str) -> bool:
    """Are two names, both given, one party (see the module docstring)?"""
    if not a or not b:
        return False
    if same_party(a, b):
        return True
    return _tail_of(a, b) or _tail_of(b, a)


def _tail_of(short: str, long: str) -> bool:
    """Is `short` the distinctive end of `long` ("Kodak" of "Eastman Kodak")?"""
    words, full = short.split(), long.split()
    if not words or len(words) >= len(full) or full[-len(words) :] != words:
        return False
    return _distinctive(words[-1])


def _distinctive(word: str) -> bool:
    """Can the word tell a name apart: capitalised, no legal form, and not a generic company
    word that ends many names ("Airlines", "Group", "Industries", "Bank")?"""
    return word[:1].isupper() and not legal_form(word) and not _generic(word)


def _generic(word: str) -> bool:
    """A word that heads many names: an organisation's or place's head word of the entities
    stage ("Airlines", "Group", "Bank"), a noun the deals lexicon reads ("company", "unit")."""
    lowered = word.lower()
    return lowered in _generic_words() or lowered.rstrip("s") in _generic_words()


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    lex = load_lexicon()
    data = heads_data()
    words = set(data["organisation"]) | set(data["place"]) | set(data.get("generic", []))
    words |= set(data["before"]["organisation"]) | set(data["apposition_organisation"])
    lowered = {w.lower() for w in words}
    return frozenset(lowered | lex.anaphor_nouns | lex.asset_nouns | lex.legal_suffixes)


def bracketed_after(tok: Token, wire: dict[int, str]) -> str:
    """The bracketed name right after a common noun and a comma, which the parser often
    leaves out of the phrase in wire copy: "a stake in another ailing bank, <Acme Bank Bhd>,"
    names Acme Bank."""
    if tok.pos_ != "NOUN" or max(t.i for t in tok.subtree if not t.is_punct) != tok.i:
        return ""
    doc = tok.doc
    after = [t for t in doc[tok.i + 1 : tok.i + 4] if not t.is_space]
    if len(after) < 2 or after[0].text != ",":
        return ""
    # the name's first word, or its opening bracket where the parser was given one
    inside = next((t for t in doc[after[1].i : after[1].i + 4] if t.i in wire), None)
    return wire[inside.i] if inside is not None else ""


def fuller_names(names: Iterable[str]) -> dict[str, str]:
    """Each organisation name that is the distinctive end of a longer one named in the same
    article -> that longer name ("Disney" -> "Walt Disney", "Kodak" -> "Eastman Kodak"), as
    the entities stage gives a name's leading words the full name."""
    names = set(names)
    found: dict[str, str] = {}
    for short in names:
        longer = [n for n in names if _tail_of(short, n) or _inside(short, n)]
        # "National Amusements' Arsenal": an owner's name run together with its unit's
        longer = [n for n in longer if not any(m in n for m in ("' ", "'s ", "’s "))]
        if longer:
            found[short] = max(longer, key=len)
    return found


def _inside(short: str, long: str) -> bool:
    """Is `short` a distinctive word or words inside `long`, neither its leading nor its last
    words ("TVX" of "Consolidated TVX Mining")?"""
    words, full = short.split(), long.split()
    n = len(words)
    if not words or not _distinctive(words[-1]):
        return False
    return any(full[i : i + n] == words for i in range(1, len(full) - n))


# Verbs that name a group by its members or leader: "a group led by X", "which includes X".
MEMBERSHIP = frozenset({"lead", "head", "include", "comprise"})


def group_named_later(tok: Token, nouns: frozenset[str], name_in: Any, party: Any) -> str:
    """The member or leader that names a group the phrase leaves unnamed, here or later in the
    article ("an investor group he heads", "A group of firms said ..." ... "the group, led by
    Acme Corp, said ..."); `name_in(token)` names what a clause names and `party(token)` what
    a word stands for ("he"), "" for none."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in nouns:
        return ""
    for later in tok.doc[tok.i :]:
        if later.lemma_.lower() != lemma or later.pos_ != "NOUN":
            continue
        for clause in later.children:
            if clause.dep_ in ("acl", "relcl") and clause.lemma_.lower() in MEMBERSHIP:
                # "the group he heads": the clause's own subject; "led by X": what it names
                leader = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if leader is not None and leader.tag_ not in ("WDT", "WP"):
                    named = party(leader)
                else:
                    named = name_in(clause)
                if named:
                    return named
    return ""


# People who comment on a deal or speak for a party, never a party themselves; a spokesman
# speaks for the company named with them ("Acme spokesman John Doe").
COMMENTATORS = frozenset(
    """analyst economist strategist attorney lawyer counsel adviser advisor consultant
    spokesman spokeswoman spokesperson""".split()
)
SPEAKERS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# Words written before a person's name that are no part of it: the titles and roles of the
# entities stage ("Chairman", "Investor"), and the pieces of long titles ("Chief Executive").
PERSON_TITLES = TITLES | PERSON_ROLES | {"chief", "executive", "vice", "deputy"}


def person_title(word: str) -> bool:
    """Is the (lower-cased) word a title or role written before a person's name ("Chairman
    John Doe", "Dr. Jane Roe"), an adviser's included?"""
    return word in PERSON_TITLES or word in COMMENTATORS


def commentator(tok: Token) -> str:
    """The role of a person who is an analyst, adviser or spokesman ("said Jane Roe, an
    analyst at X", "spokesman John Doe"), else "": no party to the deal they talk about."""
    roles = [c for c in tok.children if c.dep_ in ("appos", "compound", "amod")]
    return next((c.lemma_.lower() for c in roles if c.lemma_.lower() in COMMENTATORS), "")


def spelled_out(entities: Iterable[Any]) -> dict[str, str]:
    """An acronym the entities stage names a company by -> the name it stands for in the
    article ("CGCT" -> "Cie Generale de Constructions Telephoniques"): the longest
    organisation named there whose words it is the initials of."""
    orgs = [e for e in entities if e.label == "ORG"]
    acronyms = {e.canonical for e in orgs if e.canonical.isupper() and " " not in e.canonical}
    found: dict[str, str] = {}
    for ent in orgs:
        full = strip_legal(" ".join(ent.text.split()))
        for acronym in acronyms:
            if initials(acronym, full.lower().split()) and len(full) > len(found.get(acronym, "")):
                found[acronym] = full
    return found


def of_legal(head: Token, span: Span | None) -> str:
    """A name with "of" inside that ends in a legal form, read from either side of the
    "of": "Keller of Nevada Inc" is one company (with a legal form before the "of",
    "Dynamics Corp of America" may be a company and its place). The whole name, its legal
    form stripped, or ""."""
    doc = head.doc
    of = head.i + 1
    if legal_end(head.text):  # the name's end: look back for the "of"
        of = head.i - 1
        while of > head.i - 5 and of > 0 and proper_noun(doc[of]):
            of -= 1
    if not 0 < of < len(doc) - 2 or doc[of].lower_ != "of":
        return ""
    if not proper_noun(doc[of - 1]) or legal_end(doc[of - 1].text):
        return ""
    if span is not None and span.start <= of < span.end:
        return ""  # the entities stage has the whole name: "Debbie's School of X Inc"
    end = of + 1
    while end < len(doc) - 1 and end - of < 4 and not legal_end(doc[end].text):
        end += 1 if proper_noun(doc[end]) else len(doc)
    if end >= len(doc) or not legal_end(doc[end].text) or not of - 1 <= head.i <= end:
        return ""
    start = of - 1
    while start > 0 and proper_noun(doc[start - 1]) and of - start < 4:
        start -= 1
    return strip_legal(" ".join(doc[start : end + 1].text.split()))


def one_firm(span: Span) -> bool:
    """ "Universal Life and General Insurance Co": one legal form, at the end, makes a name
    with "and" one company; two companies each have their own ("Acme Inc and Beta Corp")."""
    forms = [legal_end(t.text) for t in span]
    return forms[-1] and not any(forms[:-1])


def proper_noun(tok: Token) -> bool:
    """A proper noun, or a capitalised noun inside a sentence that the tagger took for a
    common one ("agreed to purchase Splunk")."""
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.text[:1].isupper() and not tok.is_sent_start


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """ISO alpha-2 -> the country's name as the entities stage writes it ("Russia", not
    pycountry's "Russian Federation"): one naming table for both stages."""
    names: dict[str, str] = {}
    for name, code in country_table().values():
        names.setdefault(code, name)  # the current state first: "Germany", not "West Germany"
    return names


def country_name(alpha_2: str) -> str:
    return _country_names().get(alpha_2, "")


POSSESSIVE = frozenset({"'s", "’s"})
NOT_FIRMS = frozenset({"PERSON", "GPE", "NORP", "LOC", "FAC"})


def possessive_names(
    spans: dict[int, Span], entity_at: dict[int, Any], people: Iterable[str]
) -> dict[str, str]:
    """A company whose name opens on a possessive ("Broker's Choice Capital Inc", as
    "McDonald's Corp"): canonical name -> the whole name, when the word before "'s" is one
    capitalised word that is no person, place or nationality and that the article never writes
    without the "'s" (an owner, "Texaco's Getty Oil Co", is named on its own too) and the name
    after it ends in a legal form. The entities stage cuts such a name at the "'s"."""
    found: dict[str, str] = {}
    family = surnames(people)
    for span in {s.start: s for s in spans.values()}.values():
        ent = entity_at[span.start]
        if ent.label not in ORG_LABELS or span.start < 2 or not legal_end(span[-1].text):
            continue
        doc = span.doc
        mark, owner = doc[span.start - 1], doc[span.start - 2]
        if mark.text not in POSSESSIVE or mark.whitespace_ != " " or not owner.is_title:
            continue
        before = next((t for t in reversed(doc[: owner.i]) if not t.is_space), None)
        if legal_end(owner.text) or (before is not None and proper_noun(before)):
            continue  # "Carl Icahn's TWA", "Sandoz Corp's Northrup King Co": an owner's name
        tagged = entity_at.get(owner.i)
        if (tagged is not None and tagged.label in NOT_FIRMS) or owner.lower_ in family:
            continue
        alone = [t for t in doc if t.lower_ == owner.lower_ and t.nbor(1).text not in POSSESSIVE]
        if not alone:
            named = f"{owner.text}'s {ent.canonical}"
            found[ent.canonical] = named
            if tagged is not None:
                found[tagged.canonical] = named
    return found


def named_by_apposition(tok: Token, name_of: Any, nouns: dict[str, list[int]]) -> str:
    """The name the article gives a phrase that names no one ("Malaysia's central bank said it
    acquired ...") by an apposition to the same words elsewhere ("the central bank, Bank
    Negara, said"); `name_of(token)` is the organisation a word names, "" for none, and
    `nouns` the indices of the Doc's common nouns by lemma."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NN":
        return ""
    modifiers = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")}
    if not modifiers:
        return ""  # "the company, Acme,": a bare noun may name any company of the article
    doc = tok.doc
    for i in nouns.get(tok.lemma_.lower(), ()):
        other = doc[i]
        if other.i == tok.i:
            continue
        if not modifiers <= {c.lower_ for c in other.children if c.dep_ in ("amod", "compound")}:
            continue
        related = [c for c in other.children if c.dep_ == "appos"]
        if other.dep_ == "appos":
            related.append(other.head)  # "Bank Negara, the central bank,"
        for named in related:
            found = name_of(named)
            if found:
                return found
    return ""


def respelled(name: str, names: Iterable[str], text: str) -> str:
    """The article's name for a name it misspells ("Staff Buildiers" once, "Staff Builders"
    eight times): an organisation name of the entities stage, written more often in the text,
    with the same words but one, which differs by one letter (left out, added, changed or two
    swapped) in a word of six letters or more; else the name itself."""
    words = name.split()
    for other in names:
        them = other.split()
        if len(them) != len(words) or other == name:
            continue
        differ = [(a, b) for a, b in zip(words, them, strict=True) if a != b]
        if len(differ) == 1 and min(map(len, differ[0])) >= 6 and _one_edit(*differ[0]):
            if text.count(other) > text.count(name):  # read only for a near spelling
                return other
    return name


def _one_edit(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) > 1:
        return False
    i = next((n for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    return a[i + 1 :] == b[i + 1 :] or swapped


def repeated_names(doc: Doc) -> list[str]:
    """The runs of proper nouns the article writes twice or more ("Staff Builders"), the
    entities stage's tags aside: the spelling a name written once may have mistyped."""
    runs: Counter[str] = Counter()
    run: list[str] = []
    for tok in doc:
        if tok.pos_ == "PROPN" and tok.is_alpha:
            run.append(tok.text)
            continue
        if len(run) > 1:
            runs[" ".join(run)] += 1
        run = []
    return [name for name, n in runs.items() if n > 1]


def written_low(tok: Token, entity_at: dict[int, Any]) -> str:
    """A company's name wire copy writes partly in lower case ("Trans world airlines"): a
    word that ends organisations' names ("airlines", "group") after compound words the first of
    which is capitalised and names no known place or nationality. The name in title case, or
    ""."""
    if tok.pos_ != "NOUN" or tok.text[:1].isupper() or not _org_head(tok.text):
        return ""
    words = [tok]
    while words[0].i > 0:
        prev = tok.doc[words[0].i - 1]
        if prev.dep_ != "compound" or prev.head.i not in {w.i for w in words} or not prev.is_alpha:
            break
        words.insert(0, prev)
    first = entity_at.get(words[0].i)
    if len(words) < 2 or not words[0].text[:1].isupper() or any(legal_end(w.text) for w in words):
        return ""
    if first is not None and (first.label not in ("ORG", "NORP") or first.kb_id):
        return ""  # "a Texas bank", "the Dutch airline": a place's, a nationality's
    return " ".join(w.text[:1].upper() + w.text[1:] for w in words)


@lru_cache(maxsize=1)
def _org_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in heads_data()["organisation"] if not legal_end(w))


def _org_head(word: str) -> bool:
    """A word that ends organisations' names ("Airlines", "Group"), legal forms aside."""
    return word.lower() in _org_heads()


def led_by(tok: Token, span: Span | None) -> Token | None:
    """The noun a name modifies through a participle joined to it by a hyphen ("the Carl C.
    Icahn-led TWA", "a Hunt-controlled fund"): what the phrase names is that noun, not the
    name; None for any other word."""
    doc = tok.doc
    end = span.end if span is not None else tok.i + 1
    if not tok.i < end < len(doc) - 2 or doc[end].text not in ("-", "–"):
        return None
    participle = doc[end + 1]
    if doc[end - 1].whitespace_ or participle.tag_ != "VBN" or participle.dep_ != "amod":
        return None
    noun = participle.head
    return noun if noun.i > participle.i and noun.pos_ in ("NOUN", "PROPN") else None


def name_before(words: Span, entity_at: dict[int, Any]) -> bool:
    """Are the words a company's name (tagged an organisation or untagged proper nouns, no
    title such as "Chairman") written right before another name, in one phrase ("Corning" of
    "Corning Glass Works")? An untagged first name before a surname is the person's whole
    name ("Ray Hunt")."""
    if not words or words[-1].whitespace_ != " ":
        return False
    titles = load_lexicon().title_words
    for t in words:
        ent = entity_at.get(t.i)
        if t.pos_ != "PROPN" or person_title(t.lower_) or t.lower_ in titles:
            return False
        if ent is not None and ent.label not in ORG_LABELS:
            return False
    return True
