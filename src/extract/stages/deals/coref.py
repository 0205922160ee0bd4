"""Who "it", "its", "they" or "the company" stands for, read through the article.

`Referents.resolve(token, avoid)` names the party an anaphor refers to, "" when it finds none:

1. up the parse of its own sentence, the subject of each clause it is embedded in ("Circuit
   Systems said it has bought ...", "X raised its stake"; a subject the parser hung on "said"
   as its object counts: "X said its holder, Y, raised its stake"), stopping at a subject that is a
   phrase with no name ("A group of investment firms said they ...": no name); a deal as
   subject is passed over ("X's bid was an attempt to block its purchase of Y": not X);
2. else the subjects of this and the three sentences before, nearest first ("The company said
   ..." after "Nippon Steel agreed ...");
3. else the nearest organisation named before it.

A noun introduced shortly before with "a" and no name ("a group of investors ... the group")
is that unnamed party: "". A noun of a line of business ("the bank", "the airline":
`kind_nouns`) is first the nearest organisation named before it whose name carries that kind
("Pellham Savings Bank"), whoever the sentence's subject is, and "the unit", "the affiliate"
(`member_nouns`) the nearest introduced as one ("affiliate X", "its unit, X"), else the
nearest named shortly before that is not its parent, the speaker's company ("X said it
formed Y. It said the new unit lent ...": Y); only when none is found do the steps above
apply.

`avoid` is the name the anaphor cannot be: the actor, for a target ("It offered to buy the
company" is not a purchase of itself). "he", "she" and their forms look for people, the others
for organisations (or, in the anaphor's own sentence, any named party: "Japan said it ...").
"The company" is an anaphor when "the" or "this" determines one of `anaphor_nouns` and nothing
names it ("the company's board", not "the Dallas company Acme").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from extract.stages.deals.syntax import taken_subject
from extract.stages.deals.triggers import load_lexicon

if TYPE_CHECKING:
    from extract.stages.deals.parties import Parties

PERSONAL = frozenset({"he", "his", "him", "she", "her"})
NEUTER = frozenset({"it", "its", "they", "their", "them"})
PLURAL = frozenset({"they", "their", "them"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
ORGS = frozenset({"ORG", "WORK_OF_ART"})  # the small model tags many companies WORK_OF_ART
PEOPLE = frozenset({"PERSON"})
# Words that give no letter of an acronym ("Cie Generale de Constructions Telephoniques").
JOINERS = frozenset("and & of the de du des la le di del von van der".split())
WINDOW = 3  # sentences before the anaphor whose subjects it may refer to


class Referents:
    """Resolves the anaphors of one Doc against the names `parties` reads off it."""

    def __init__(self, doc: Doc, parties: Parties) -> None:
        self.doc = doc
        self.parties = parties
        self.nouns = load_lexicon().anaphor_nouns
        self.kinds = load_lexicon().kind_nouns
        self.members = load_lexicon().member_nouns
        self.deal_nouns = frozenset(load_lexicon().nouns)
        self.memo: dict[tuple[int, str], str] = {}
        self.busy: set[int] = set()

    def anaphor(self, tok: Token) -> bool:
        word = tok.lower_
        if word in PERSONAL or word in NEUTER:
            return True
        if tok.lemma_.lower() not in self.nouns or tok.pos_ != "NOUN":
            return False
        determined = any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in tok.children)
        # "the Italian telecom group" introduces a company the text does not name
        named = any(c.i in self.parties.entity_at for c in tok.children)
        return determined and not named

    def resolve(self, tok: Token, avoid: str = "") -> str:
        key = (tok.i, avoid)
        if key not in self.memo:
            if tok.i in self.busy:
                return ""
            self.busy.add(tok.i)
            self.memo[key] = self._resolve(tok, avoid)
            self.busy.discard(tok.i)
        return self.memo[key]

    def owner_beyond(self, tok: Token, avoid: str = "") -> str:
        """Whose "its" in a buyer's object is: past an unnamed buyer ("an investor group
        agreed to buy its mill": not the group's, which does not buy what it owns)."""
        found, _ = self._in_sentence(tok, avoid, ORGS, beyond=True)
        return found or self._in_discourse(tok, avoid, ORGS)

    def _resolve(self, tok: Token, avoid: str) -> str:
        labels = PEOPLE if tok.lower_ in PERSONAL else ORGS
        if tok.pos_ == "NOUN" and self._introduced(tok):
            return ""  # "a group of investors ... the group": the one introduced, unnamed
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.kinds | self.members:
            found = self._of_kind(tok, tok.lemma_.lower(), avoid)
            if found:
                return found
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.members:
            found = self._not_parent(tok, avoid)
            if found:
                return found
        found, stop = self._in_sentence(tok, avoid, labels)
        if found or stop:
            return found
        return self._in_discourse(tok, avoid, labels)

    def _recent(self, tok: Token) -> list[Span]:
        """The anaphor's sentence and the WINDOW sentences before it."""
        return [s for s in self.doc.sents if s.start <= tok.i][-(WINDOW + 1) :]

    def _introduced(self, tok: Token) -> bool:
        """Is the noun ("the group") the same noun introduced shortly before with "a" and no
        name ("a group of investors"), not in apposition to a name ("X, a Dallas company")?"""
        for i in range(tok.i - 1, self._recent(tok)[0].start - 1, -1):
            other = self.doc[i]
            if other.pos_ != "NOUN" or other.lemma_ != tok.lemma_:
                continue
            indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in other.children)
            named = other.dep_ in ("appos", "attr") or any(
                t.i in self.parties.entity_at for t in other.subtree if t.i < tok.i
            )  # what it names before the anaphor: "a group led by X"
            return indefinite and not named
        return False

    def _of_kind(self, tok: Token, kind: str, avoid: str) -> str:
        """The nearest organisation named before the word whose name carries its kind ("the
        bank": "Pellham Savings Bank"), "" when none does."""
        entity_at = self.parties.entity_at
        for i in range(tok.i - 1, -1, -1):
            ent = entity_at.get(i)
            if ent is None or ent.label not in ORGS:
                continue
            name = self.parties.name(ent)
            fits = self._member(i) if kind in self.members else of_kind(name, kind)
            if fits and not same_party(name, avoid):
                return name
        return ""

    def _not_parent(self, tok: Token, avoid: str) -> str:
        """For "the unit": the nearest organisation named shortly before that is not the
        company the sentence's speaker is, its parent ("It said the new unit ...")."""
        parent, _ = self._in_sentence(tok, avoid, ORGS)
        if not parent:
            return ""
        for i in range(tok.i - 1, self._recent(tok)[0].start - 1, -1):
            ent = self.parties.entity_at.get(i)
            if ent is None or ent.label not in ORGS:
                continue
            name = self.parties.name(ent)
            if not same_party(name, parent) and not same_party(name, avoid):
                return name
        return ""

    def _member(self, i: int) -> bool:
        """Is the name at token `i` introduced as a unit ("affiliate X", "its unit, X", "X, a
        unit of Y")?"""
        span = self.parties.entity_span.get(i)
        if span is None:
            return False
        before = self.doc[span.start - 1] if span.start > 0 else None
        related = [before, *(t for t in span.root.children if t.dep_ == "appos")]
        if span.root.dep_ == "appos":
            related.append(span.root.head)
        return any(t is not None and t.lemma_.lower() in self.members for t in related)

    def _in_sentence(
        self, tok: Token, avoid: str, labels: frozenset[str], beyond: bool = False
    ) -> tuple[str, bool]:
        """The first named subject up the clauses that embed the anaphor; `stop` when a
        subject phrase without a name is met first (then it is what the anaphor stands for),
        unless `beyond`."""
        head = tok.head
        while True:
            subject = next((c for c in head.children if c.dep_ in SUBJECTS and c != tok), None)
            subject = subject or taken_subject(head)
            if subject is not None and self._judges(head, tok):
                subject = None  # "the Fed approved its application": not the Fed's own
            if subject is not None and tok not in subject.subtree and not self._deal(subject):
                name = self._named(subject, avoid, labels)
                if name and not same_party(name, avoid) and self._fits(subject, name, labels, True):
                    return name, False
                if not name and not beyond and self._unnamed_referent(tok, subject):
                    return "", True
            if head.head == head:
                return "", False
            head = head.head

    def _judges(self, verb: Token, tok: Token) -> bool:
        """Is the anaphor the owner of what the verb's subject approves, accepts or rejects
        ("the board approved its application", "X rejected its offer")? Another's, then."""
        lex = self.parties.lex
        if verb.lemma_.lower() not in lex.receivers | lex.refusers or tok.dep_ != "poss":
            return False
        return tok.head.dep_ == "dobj" and tok.head.head == verb

    def _deal(self, subject: Token) -> bool:
        """A deal as subject ("X's bid was an attempt to block its purchase of Y"): it names
        its party only through an owner, and what follows is rarely that party's."""
        return subject.pos_ == "NOUN" and subject.lemma_.lower() in self.deal_nouns

    def _unnamed_referent(self, tok: Token, subject: Token) -> bool:
        """A subject phrase with no name that is what the anaphor stands for: "A group of
        firms said it ..." (a group, company or the like) or "Two firms said they ..."."""
        if subject.pos_ != "NOUN" or self.anaphor(subject):
            return False
        if tok.lower_ in PLURAL:
            return subject.tag_ == "NNS" or subject.lemma_.lower() in self.nouns
        return subject.tag_ == "NN" and subject.lemma_.lower() in self.nouns

    def _in_discourse(self, tok: Token, avoid: str, labels: frozenset[str]) -> str:
        sents = self._recent(tok)
        for sent in reversed(sents):
            subjects = [
                t
                for t in sent
                if t.dep_ in SUBJECTS and t.i < tok.i and tok not in t.subtree and not self._deal(t)
            ]
            for subject in reversed(subjects):
                name = self._named(subject, avoid, labels)
                if name and not same_party(name, avoid) and self._fits(subject, name, labels):
                    return name
        entity_at = self.parties.entity_at
        for i in range(tok.i - 1, -1, -1):
            ent = entity_at.get(i)
            if ent is not None and ent.label in labels:
                name = self.parties.name(ent)
                if not same_party(name, avoid):
                    return name
        # the small model tags many companies as people: a named subject of any kind
        for sent in reversed(sents):
            for subject in reversed([t for t in sent if t.dep_ in SUBJECTS and t.i < tok.i]):
                name = self._named(subject, avoid) if tok not in subject.subtree else ""
                if name and not same_party(name, avoid) and labels is ORGS:
                    return name
        return ""

    def _named(self, subject: Token, avoid: str, labels: frozenset[str] = ORGS) -> str:
        """The party a subject names; for a company's anaphor, the company a person named
        with it speaks for ("Acme Corp treasurer Jane Roe said the company ...": Acme)."""
        if self.anaphor(subject):
            return self.resolve(subject, avoid)
        firm = self.parties.firm(subject) if labels is ORGS else ""
        return firm or self.parties.actor(subject)

    def _fits(self, subject: Token, name: str, labels: frozenset[str], local: bool = False) -> bool:
        """Is the subject's name of the kind the anaphor asks for? In its own sentence any
        named party fits ("Japan said it would invest", "Musk completed his takeover")."""
        if self.anaphor(subject) or subject.lemma_.lower() in self.parties.lex.organs:
            return True  # "its board": a company's
        if labels is ORGS and self.parties.firm(subject):
            return True  # "Acme Corp treasurer Jane Roe": Acme's
        ent = _entity_of(self.parties.entity_at, subject)
        if ent is None:
            return labels is ORGS or local  # an untagged proper name: mostly a company
        # The small model tags many companies as people ("Glass Works"), and a person who
        # speaks for a company is rarely named as the subject whose "it" follows.
        return local or ent.label in labels


def of_kind(name: str, kind: str) -> bool:
    """Does a word of the name share the kind noun's stem ("Airlines" for "airline",
    "Insurance" for "insurer", "Bankers" for "bank")?"""
    stem = kind[: min(5, len(kind))]
    return any(word.lower().startswith(stem) for word in name.split())


def same_party(a: str, b: str) -> bool:
    """One name, one the other's first words ("Apollo", "Apollo Global Management"), or one
    opening on the other's initials ("GFI Nevada", "General Felt Industries")."""
    x, y = a.lower().split(), b.lower().split()
    n = min(len(x), len(y))
    if n > 0 and x[:n] == y[:n]:
        return True
    return bool(x and y) and (initials(a.split()[0], y) or initials(b.split()[0], x))


def initials(acronym: str, words: list[str]) -> bool:
    """Is `acronym` (in capitals) the initials of `words`, each word giving the first one or
    more letters ("GFI": General Felt Industries; "AmEx" is no acronym here)?"""
    if len(acronym) < 2 or not acronym.isupper() or not acronym.isalpha():
        return False
    words = [w.strip(",.") for w in words if w not in JOINERS]
    return len(words) > 1 and _prefixes(acronym.lower(), words)


def _prefixes(letters: str, words: list[str]) -> bool:
    if not words or not letters:
        return not words and not letters
    return any(
        words[0].startswith(letters[:k]) and _prefixes(letters[k:], words[1:])
        for k in range(1, len(letters) - len(words) + 2)
    )


def _entity_of(entity_at: dict[int, Any], tok: Token) -> Any | None:
    ent = entity_at.get(tok.i)
    if ent is not None:
        return ent
    return next((entity_at[t.i] for t in tok.subtree if t.i in entity_at), None)


# The same label read off the text: a word at a line start, maybe "loss"/"profit", a number.
ROW_LINE = re.compile(r"^[ \t]*([A-Z][\w.]*)[ \t]+(?:(?:loss|profit)[ \t]+)?\d", re.MULTILINE)


def row_labels(text: str) -> frozenset[str]:
    """The labels of the text's lines of figures, as `row_label` reads one token, found by one
    pattern over the text (no Token made per word)."""
    return frozenset(ROW_LINE.findall(text))


def row_label(tok: Token) -> bool:
    """The label opening a line of figures ("Revs 17.0 mln", "Net loss 2.3 mln"): a word at a
    line start followed by a number (wrapped lines are joined before parsing, so prose rarely
    has one there)."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or (
        tok.i > 0 and "\n" not in doc[tok.i - 1].whitespace_ + doc[tok.i - 1].text
    ):
        return False
    following = [t for t in doc[tok.i + 1 : tok.i + 3] if t.lower_ not in ("loss", "profit")]
    return bool(following) and following[0].text[:1].isdigit()  # not "Capital One agreed"
