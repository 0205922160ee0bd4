"""Deals: who buys, merges with, holds, sells, invests in, lends to or builds in what.

Row `Deal(doc_id, sentence, type, actor, target, amount_value, amount_currency, date, sectors,
evidence, start, end, mentions, status)`, one per deal an article reports:

- `type`, with who is `actor` and who `target`:
  - acquisition: the buyer, the company bought ("Pfizer agreed to buy Seagen"); a bid or a
    tender offer for a company is one ("X made a tender offer for all shares of Y"), and so is
    an offer its target received ("Y received a takeover proposal from X") and a company
    becoming another's ("Y agreed to become a wholly owned subsidiary of X"); for an
    unnamed business, its seller ("bought PPG's ethylene business" -> PPG, "a business bought
    from a unit of X" or "stores previously owned by X" -> X; "the Sarnia, Ontario, tin can
    making operations of X" -> X, when the parser took the place for the object: see
    `placed`); a bid for a price only is for the company the sentence reports answering it
    ("Y said it will respond to the bid by X for 22 dlrs a share": X, Y);
  - merger: the two merging parties, in the text's order ("Sprint merged with T-Mobile US",
    "its merger agreement with X"); a merger naming them only as a pair ("the merger of the
    two companies", "their merger") has the two the subjects above it name ("X said its
    holders and Y's voted for the merger of the two companies");
  - stake: the holder, the company part-owned: bought, raised or held ("bought 9.9% of
    Aixtron", "raised its stake in X", "X, which owns 45 percent of Y", "an equity investment
    in X", "X's acquisition of 83 pct of Y's shares", "acquired majority ownership of Y",
    "accumulated 6.7 pct of Y's stock"; a count is a part however the stock is called: "1.2
    mln shares, or 6.7 pct of Y's outstanding stock"); a stake sized by a percentage that
    names no company ("X said it had a 9.7 pct stake", "raised its stake to 15 pct") is in the
    company the article names most (see `topic`); selling an investment in a company sells a
    stake; a company selling its own new shares gives the buyer a stake in it ("X sold 1.2 mln
    new shares to Y": Y, X; a share offering to the public is none);
  - divestment: the seller, the business sold or, when that has no name, its buyer ("sold its
    pipeline unit to Y" -> Y; a name of two words or more tagged a company or facility before
    the unit is its name: "assets of its Dominion Bridge steel service operations", not a
    place: "its Dayton steel mill"); cutting or selling a stake is one ("cut its stake in X");
  - joint_venture: the two partners ("formed a joint venture with Y", "a partnership with Y");
    a joint venture set beside a company that is there already is none ("Z, their joint
    venture, earned more"; "formed Z, a joint venture" is one);
  - investment: the investor, the place or company invested in ("Stellantis will invest 5.6
    billion euros in Brazil"); a funding round has the lead investor invest in the company
    raising money ("Y raised $45 million in a Series B round led by X");
  - loan: the lender, the borrower ("Y secured a $250 million credit facility from X", "X lent
    500 million euros to Y", "X extended a line of credit to Y"); both must be named;
  - expansion: the builder, the place ("Hitachi will build a factory in Virginia").
- `actor`, `target`: the entities stage's `canonical` names, "" when the text names none. A
  pronoun or "the company" is the party it stands for in the article ("It said it would
  sell...", "offered to buy the company"; see `coref`), and so are its board and its
  shareholders ("its holders voted for the merger with Y"; "its largest shareholder, <X>," is
  X); "the bank", "the airline" is the nearest company named before whose name carries the
  word ("Pellham Savings Bank"), "the unit" the nearest company introduced as one ("affiliate
  Y") or else named shortly before and not its speaker's ("X said it formed Y. It said the new
  unit lent..."), and "the group" after "a group of investors" is that unnamed group; a
  subsidiary the text does not
  name acts for its parent ("two of its units bought..."), and a sale with no seller named is
  its owner's ("to close the sale of its stake in Y"). A name with "of" inside that ends in a
  legal form is one name ("Keller of Nevada Inc"). A name in wire brackets
  ("<Sedio N.V.>") is one name, and so is a name a line wrap cut ("Capital Wire\nand Cable
  Corp"; see `wire`); an acronym the entities stage names a company by is the name it
  stands for in the article ("CGCT" -> "Cie Generale de Constructions Telephoniques"). An
  unnamed unit ("X said a subsidiary agreed to buy...") acts for the company that says so. A
  price the parser took for the head of a deal noun's phrase ("Y's 46 dlrs a share acquisition
  proposal", "X's 32 dlr per share acquisition of Y", "its 52 dlr per share takeover offer")
  gives the deal its owner, verb and "for Y" ("its 18.25 dlr per share tender offer for Y",
  "her 19 dlrs a share offer to buy the firm"); in the lead, the maker of "the bid by X" is
  X; "Y became a wholly owned subsidiary" is the reporter's. A
  nationality stands for its country, named as the entities
  stage names countries ("Russian investors" -> "Russia", never pycountry's "Russian
  Federation"), and so does a person or body that speaks for a state ("Japanese Prime
  Minister Shigeru Ishiba announced...").
- `amount_value`/`amount_currency`: the deal's value: the money amount attached to the trigger
  in the parse (inside its clause, the clause of the verb a deal noun is the object of, or the
  verb a trigger completes: "put up 43 million euros to acquire"), the nearest one when
  several, else the amount of a later sentence that only values the deal ("The transaction is
  valued at about 37.8 mln dlrs"). Per-share and other unit prices ("27 dlrs a share", "26
  dlrs each", a bare sum under a thousand) are never deal values. None/"" when none.
- `date`: the ISO value of the date nearest the trigger in the sentence, else of a date in the
  next sentence when that sentence refers back to the deal ("This commitment, made public on
  February 7, 2025, ..."), else "".
- `sectors`: the article's sector slugs joined by "; " (highest score first).
- `evidence` is the first sentence reporting the deal; `start`/`end` are its character
  offsets, so `article.text[start:end] == evidence` always holds; `sentence` is its index.
- `mentions`: every sentence reporting the deal, as `start-end` offsets joined by "; " (the
  first is `start-end`): an article reports each deal once (see `merge`): repeated mentions,
  the two sides of one sale ("X bought Y", "Z sold Y to X") and a bid and its merger are one
  row, which keeps the type and parties first met and takes the amount and date from later
  mentions when it has none.
- `status`: how certain the deal is. "announced": reported as done, agreed, planned by the
  party itself ("will sell", "agreed to buy", "a proposed merger") or offered (a bid, a tender
  offer, an offer its target weighs: "the board is studying the offer from X", "met to
  consider X's takeover offer", "reviewed a X merger proposal"; an offer made by a named
  bidder stands whatever is said of it through a preposition: "urged holders to take no
  action on the tender offer launched by X"). "proposed":
  hedged on the way from the trigger up to its clause's verb or the verbs that report it: in
  talks or negotiating ("is in talks to buy Y", "merger talks"), considered, explored, sought,
  wanted, interested, possible ("the possibility of buying"), rejected or opposed ("rejected a
  takeover offer from X"), called off, ended, terminated, rumoured or speculated, modal
  ("could sell", "may buy"); a deal an infinitive of purpose serves shares its verb's hedges
  ("is considering forming a group to buy"). A proposed row
  names its target ("may sell some of its assets" is none). Denied deals ("did not buy",
  "denied it would sell", "refused to sell") are no rows. A deal reported both ways in one
  article is announced (see `merge`).
- A row names an actor and a target; or one of them and an amount attached to the trigger;
  or an actor and an unnamed business or facility ("Shell sold its Singapore refinery"); or,
  for a purchase or stake, a target and a buyer the text leaves unnamed ("a shareholder group
  said it raised its stake in X": actor "").
  Acquisitions, divestments, stakes, mergers and joint ventures need a named target or such
  a business; investments and expansions may leave the target open ("invest $2bn in its
  battery operations").

How, one module each:
- `triggers`: a spaCy PhraseMatcher finds the trigger lemmas of `data/deal_triggers.json` (verbs and
  nouns per deal type, bids, loans, funding, "build/open + plant/factory" for expansions) and
  gives each its status (announced, proposed, or denied: dropped);
- `frames`: verb, noun and facility frames read the deal's type and parties off the parse,
  `bids` the bids made, received or rejected;
  `financing`: loan and funding-round frames; `lead`: the first sentences' deal read off the
  word order when the parse gives none (wire copy trips the parser most there);
- `parties` (with `syntax`, its clause walks): the dependency parse gives the parties (subject or
  passive agent for the actor; object, "in/into X", "with X", "of X by Y", possessive "Japan's
  investment" for actor and target; subjects of "agreed to buy" and "said it would" are followed
  up the tree); `coref` resolves "it", "its", "they" and "the company" through the article; `wire`
  joins the names wire copy brackets or cuts at a line end;
- `slots`: the amount and date of each deal; `merge`: one row per deal;
- `headline`: when the body gives no acquisition, merger, stake or divestment, the article's
  title is cased as the body writes its words, parsed with the pipeline's model and read by the
  same frames ("HANSON TRUST <HAN> COMPLETES KAISER PURCHASE"); such a row has the body's
  first sentence as its evidence, no amount and no date.

A deal dated in a year before the article's ("when it was sold by X in 1985", "an
unsuccessful 1986 bid", "acquired on January 24, 1986", "in February 1986") is background,
no deal the article reports; a relative clause that tells who bought a party still reports it
("Arm, which SoftBank bought in 2016").

A trigger is not a deal when it lies inside a name ("European Investment Bank"), modifies
another noun ("investment bank", "the bank holding company"; not "takeover bid", and "merger
talks" is a proposed merger) or is negated or denied; a hedged one (a modal: could, might,
may, should; a word such as "rejected", "blocked", "in talks", "considering" on its way up to
the main verb) is a proposed deal (an offer that names its bidder is made, whoever weighs it:
"the board is studying the offer from X"); nor are buys and sales of
things that are not businesses ("investors sold shares", "bought fewer cars"), share
buy-backs, "N pct owned by X" (a subsidiary described), a company's own "capital
investment", expansions of anything but a facility or into a place, or anything in a line
of figures ("Shr 41 cts vs 38 cts Net 2.2 mln vs 1.9 mln"). Announced and agreed deals ("will
buy", "agreed to buy", "said it would sell", "a proposed merger", "a
takeover bid") are deals.

Parties are the entities the parse points at; only the first sentences fall back on the word
order (`lead`). Where the entities stage has no entity on the head of the phrase, or one that
runs past the name ("Hulu to Disney"), joins two conjoined names or was cut by a line end
("Emerson\nElectric Co"), the proper-noun chain of the head stands in ("Catalent", "T-Mobile
US").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc, Span

from extract.article import Article
from extract.config import Settings
from extract.stages import Stage
from extract.stages.deals.frames import Frame, Reader
from extract.stages.deals.headline import BUSINESS, headline_frames
from extract.stages.deals.lead import lead_frame
from extract.stages.deals.merge import merge_mentions, same_parties
from extract.stages.deals.triggers import ANNOUNCED, TYPES, Lexicon, load_lexicon

__all__ = ["TYPES", "Deal", "Lexicon", "extract", "load_lexicon"]


@dataclass(frozen=True)
class Deal:
    doc_id: str
    sentence: int  # index of the sentence (spaCy's parser) holding the deal
    type: str
    actor: str
    target: str
    amount_value: float | None
    amount_currency: str
    date: str  # ISO 8601 as the dates stage gives it, "" when none
    sectors: str  # "; "-joined sector slugs of the article
    evidence: str  # the sentence
    start: int  # character offsets of the sentence: article.text[start:end] == evidence
    end: int
    mentions: str = ""  # "start-end" of every sentence reporting the deal, "; "-joined
    status: str = "announced"  # "announced" (done, agreed, planned, offered) or "proposed"


def extract(
    doc: Doc,
    article: Article,
    settings: Settings,
    entities: Sequence[Any],
    amounts: Sequence[Any],
    dates: Sequence[Any],
    sectors: Sequence[Any],
) -> list[Deal]:
    """The deals one article reports, in text order, each (type, actor, target) once.

    It reads the rows of the earlier stages (`pipeline.extract_doc` passes them all).
    """
    if not doc.has_annotation("DEP"):
        return []  # the parties come from the parse: a pipeline without one finds no deals
    year = article.published.year if article.published else None
    reader = Reader(doc, entities, amounts, dates, article.text, year)
    slugs = "; ".join(s.sector for s in sectors)
    sents = list(doc.sents)
    found: list[Deal] = []
    taken: set[tuple[int, str, str]] = set()  # stakes bought, not held (see `merge`)
    for index, sent in enumerate(sents):
        following = sents[index + 1] if index + 1 < len(sents) else None
        if _table(sent):
            continue
        frames = _dedupe_sentence(reader.frames(sent))
        if index < LEAD and not frames and not any(d.status == ANNOUNCED for d in found):
            frames = [f for f in (lead_frame(reader, sent),) if f is not None]
        if all(f.type == "loan" for f in frames):  # a deal's financing may value the deal
            slots = reader.slots
            _value_earlier(found, slots.proceeds(sent) or slots.valuation(sent), reader.lex)
        for frame in frames:
            amount = reader.slots.amount(frame, sent)
            if frame.type == "stake" and _bought(frame, reader.lex):
                taken.add((sent.start_char, frame.actor, frame.target))
            found.append(
                Deal(
                    doc_id=article.doc_id,
                    sentence=index,
                    type=frame.type,
                    actor=frame.actor,
                    target=frame.target,
                    amount_value=amount.value if amount else None,
                    amount_currency=amount.currency if amount else "",
                    date=reader.slots.date(frame, sent, following),
                    sectors=slugs,
                    evidence=article.text[sent.start_char : sent.end_char],
                    start=sent.start_char,
                    end=sent.end_char,
                    status=frame.status,
                )
            )
    if sents and not any(d.type in BUSINESS for d in found):
        found += _headline(article, settings, entities, sents[0], slugs)
    return merge_mentions(
        found, lambda d: f"{d.start}-{d.end}", lambda d: (d.start, d.actor, d.target) in taken
    )


def _bought(frame: Frame, lex: Lexicon) -> bool:
    """Was the stake bought ("acquired 90 pct of Y"), not held ("owns 5 pct of Y")?"""
    word = frame.trigger.lemma_.lower()
    return (lex.verbs.get(word) or lex.nouns.get(word)) == "acquisition"


def _headline(
    article: Article, settings: Settings, entities: Sequence[Any], lead: Span, slugs: str
) -> list[Deal]:
    """The business deals the title states (see `headline`), on the body's first sentence."""
    if not article.title:
        return []
    frames, _ = headline_frames(article, settings, entities)
    return [
        Deal(
            doc_id=article.doc_id,
            sentence=0,
            type=frame.type,
            actor=frame.actor,
            target=frame.target,
            amount_value=None,
            amount_currency="",
            date="",
            sectors=slugs,
            evidence=article.text[lead.start_char : lead.end_char],
            start=lead.start_char,
            end=lead.end_char,
            status=frame.status,
        )
        for frame in _dedupe_sentence(frames)
    ]


LEAD = 2  # sentences read by word order when the parse gives no deal (see `lead`)


def _table(sent: Span) -> bool:
    """A line of figures ("Shr 41 cts vs 38 cts Net 2.2 mln vs 1.9 mln"), not a report."""
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    return sum(t.like_num for t in words) > len(words) / 3


def _value_earlier(found: list[Deal], valuation: tuple[str, Any] | None, lex: Lexicon) -> None:
    """Gives a sentence that only values a deal ("The transaction is valued at ...") to the
    latest deal before it of the kind its word names (any kind for "deal", "transaction")
    that has no amount yet, unless that row repeats a deal valued already."""
    if valuation is None:
        return
    word, amount = valuation
    kind = lex.nouns.get(word, "")
    for n in range(len(found) - 1, -1, -1):
        if found[n].amount_value is None and kind in ("", found[n].type):
            valued = [d for d in found[:n] if d.amount_value is not None]
            if any(d.type == found[n].type and same_parties(d, found[n]) for d in valued):
                return  # a later mention of a deal valued already: its value stands
            found[n] = replace(found[n], amount_value=amount.value, amount_currency=amount.currency)
            return


def _dedupe_sentence(frames: list[Frame]) -> list[Frame]:
    """One deal per actor and target in a sentence: two triggers there are two words for one
    deal ("will invest $3.9bn to build a plant in Indiana"); the first trigger names its type,
    the other may name the target the first left open."""
    out: list[Frame] = []
    for frame in frames:
        same = next(
            (
                kept
                for kept in out
                if kept.actor == frame.actor
                and (kept.target == frame.target or not kept.target or not frame.target)
            ),
            None,
        )
        if same is None:
            out.append(frame)
            continue
        if not same.target:
            same.target = frame.target
        if frame.status == ANNOUNCED and same.status != ANNOUNCED:
            # "talks ended and X agreed to buy Y": the announced word names the deal
            frame.target = frame.target or same.target
            out[out.index(same)] = frame
    return out


STAGE = Stage(
    name="deals",
    row=Deal,
    extract=extract,
    description="who invests how much in whom, when",
    needs=("entities", "amounts", "dates", "sectors"),
    data=("deal_triggers.json",),
    scorer="deals",
    report=(
        "type",
        "status",
        "actor",
        "target",
        "amount_value",
        "amount_currency",
        "date",
        "evidence",
    ),
)
