"""Hard-wrapped newswire is parsed with its line wraps as spaces; other texts are parsed as read;
no sentence starts where one cannot."""

from __future__ import annotations

from extract.pipeline import line_wraps, readable, unwrap

WRAPPED = (
    "Harbour Lines Corp said it agreed to buy the\n"
    "container terminal business of Norland Shipping Co for about\n"
    "45 mln dlrs in cash, subject to approval by the shareholders\n"
    "of both companies.\n"
    "    The terminal handles about 300,000 containers a year and\n"
    "employs 420 people in the port of Halden, the company said.\n"
    "    Shr 12 cts vs 9 cts\n"
    "    Net 1.2 mln vs 900,000\n"
)

ONE_SENTENCE_A_LINE = (
    "Harbour Lines agreed to buy a terminal from Norland Shipping .\n"
    "Norland said the sale would close in May .\n"
    "The terminal handles 300,000 containers a year and employs 420 people .\n"
    "OSLO 1996-08-30\n"
)

PARAGRAPHS = (
    "Harbour Lines agreed on Tuesday to buy the container terminal business of Norland "
    "Shipping for about $45 million, in a deal that would make it the largest operator on "
    "the coast.\n"
    "The terminal handles about 300,000 containers a year.\n"
    "Read more\n"
    "Norland said the sale was expected to close in May, once both boards approve it.\n"
)

HEADLINES = (
    "Harbour Lines buys Norland terminal\n"
    "Steel prices climb for third week\n"
    "Port strike ends after talks in Halden\n"
    "Ferry operator names new chief executive\n"
)


def test_wrapped_newswire_is_unwrapped_in_place() -> None:
    text = unwrap(WRAPPED)
    assert len(text) == len(WRAPPED)
    assert "buy the container terminal business of Norland Shipping Co for about 45" in text
    assert "shareholders of both companies.\n    The terminal" in text  # paragraphs stay
    assert "a year and employs 420" in text
    assert "Shr 12 cts vs 9 cts\n    Net" in text  # an indented table row stays a line
    assert all(WRAPPED[at] == "\n" for at in line_wraps(WRAPPED))


def test_short_wrapped_item() -> None:
    text = (
        "Keld Foods Inc of Minneapolis said\nit bought Arden Dairy Co of Ohio for cash.\n"
        "    Terms were not disclosed."
    )
    assert unwrap(text).startswith("Keld Foods Inc of Minneapolis said it bought")


def test_text_a_sentence_or_paragraph_a_line_is_left_alone() -> None:
    for text in (ONE_SENTENCE_A_LINE, PARAGRAPHS, HEADLINES, "One line only.", ""):
        assert line_wraps(text) == []
        assert unwrap(text) is text


def test_windows_line_ends() -> None:
    text = WRAPPED.replace("\n", "\r\n")
    assert "buy the  container terminal" in unwrap(text)


def test_name_brackets_are_read_as_spaces_and_ticker_brackets_kept() -> None:
    text = "Orvel AB <ORV ST> said it bought <Tasker Pumps Ltd> and\n<Beal Oy> <BEAL.HE>."
    assert readable(text) == (
        "Orvel AB <ORV ST> said it bought  Tasker Pumps Ltd  and\n Beal Oy  <BEAL.HE>."
    )
    assert readable("no brackets here") == "no brackets here"
    assert readable("when x < 5 and y > 3") == "when x < 5 and y > 3"


def test_no_sentence_starts_after_an_opening_bracket_or_a_lower_case_word(nlp):
    text = (
        "Genetic Antibodies Inc said it signed an agreement to acquire <Corwin Diagnostics Inc> "
        "for 8 mln dlrs in cash. The deal closes in May.\nmore news\nMarkets rose."
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].endswith("in cash.") and sents[1].startswith("The deal")
    for tok in nlp(text):  # the guard forbids starts, it never forces one
        before = tok.nbor(-1) if tok.i else None
        if before is not None and "\n" not in before.whitespace_ and before.text.islower():
            assert not tok.is_sent_start


def test_a_paragraph_after_a_full_stop_starts_a_sentence(nlp):
    """A blank line or an indented new line after a full stop opens a sentence, even after an
    abbreviation the parser would read on from ("Inc."); a line wrapped mid-sentence does not."""
    text = (
        "Harlow Freight said it has no comment on Corvane Group Inc's bid for Tessel Marine Inc."
        "\n    Harlow, however, said it would file its own application.\n\n"
        "Talks went on.\nThe board met\n    again on Monday."
    )
    sents = [s.text.strip() for s in nlp(text).sents]
    assert sents[0].endswith("Tessel Marine Inc.") and sents[1].startswith("Harlow, however")
    assert sents[2:] == ["Talks went on.", "The board met\n    again on Monday."]


def test_a_sentence_the_parser_split_after_a_bracket_is_read_as_one(nlp):
    text = "Vasala Oy said it has acquired instrument importers <Kettu Oy> and <Lumo Oy>. It ended."
    assert [s.text for s in nlp(text).sents] == [text[:-10], "It ended."]
