"""Web pages: the article's text without the page around it, and a warning when the page does
not hold an article. Pages are written by the tests; the floor runs on ../shared/eval/webnews."""

from __future__ import annotations

import pandas as pd

import extract
from extract.furniture import clean, language
from extract.readers import read_file

BODY = (
    "<p>The port authority said on Tuesday it would spend $40 million to deepen the main "
    "channel, allowing larger container ships to call at the terminal from next year.</p>"
    "<p>Dredging is due to start in March and take about eight months, the authority said, "
    "adding that the work would be paid for by higher berth fees over ten years.</p>"
    "<p>Shipping lines welcomed the plan. Trade through the port rose 12 percent last year, "
    "driven by exports of fruit and timber to Asian markets.</p>"
)


def page(title: str, body: str, extra: str = "") -> str:
    return (
        f"<html><head><title>{title} | The Harbour Times</title></head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}{extra}</article>"
        "<footer>Contact us</footer></body></html>"
    )


def read(tmp_path, html: str):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return next(iter(read_file(path)))


def test_furniture_lines_are_dropped(tmp_path):
    extra = (
        "<p>Sign up for our free daily newsletter and get the news in your inbox.</p>"
        "<p>Photo: Dock cranes at the terminal. (Photo by Jane Miller)</p>"
        "<p>Read more: Port traffic hits record</p>"
        "<p>Download our app for iOS and Android.</p>"
    )
    article = read(tmp_path, page("Port to deepen main channel", BODY, extra))
    assert "deepen the main channel" in article.text
    for furniture in ("newsletter", "Jane Miller", "Read more", "Android"):
        assert furniture not in article.text
    assert not article.text.startswith("Port to deepen")  # the title is a column, not text
    assert article.title.startswith("Port to deepen main channel")
    assert article.warning == ""


def test_paywall_ends_the_article_with_a_warning(tmp_path):
    extra = (
        "<p>To read the full story, please subscribe to The Harbour Times.</p>"
        "<p>Subscribers get unlimited access to our journalism and a weekly newsletter.</p>"
    )
    article = read(tmp_path, page("Port to deepen main channel", BODY, extra))
    assert article.text.endswith("Asian markets.")
    assert "paywall" in article.warning


def test_page_without_a_body_is_one_row_with_a_warning(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.html").write_text(page("Port to deepen main channel", ""), encoding="utf-8")
    result = extract.extract_folder(inputs)
    row = result.articles.iloc[0]
    assert row["error"] == "" and row["warning"].startswith("no article body")
    assert all(len(df) == 0 for name, df in result.tables().items() if name != "articles")


def test_other_languages_are_named(tmp_path):
    french = (
        "<p>Le port a annoncé mardi qu'il allait dépenser 40 millions de dollars pour creuser "
        "le chenal principal, afin que les plus grands navires puissent accoster dès l'année "
        "prochaine. Les travaux doivent commencer en mars et durer environ huit mois.</p>"
    )
    article = read(tmp_path, page("Le port va creuser son chenal", french))
    assert "not English (French)" in article.warning
    assert language(BODY) == "English"


def test_homoglyph_lines_and_title_lines():
    text = (
        "Port to deepen main channel | Business | The Harbour Times\n"
        "The port said it would spend $40 million.\n"
        "Аdvеrtіѕе wіth us tоdаy!"  # Cyrillic letters among Latin ones
    )
    cleaned = clean(text, "Port to deepen main channel | The Harbour Times")
    assert cleaned.text == "The port said it would spend $40 million."
    assert cleaned.dropped == {"title": 1, "homoglyphs": 1}


def test_teasers_timestamps_contacts_and_glued_credits():
    text = (
        "#Business\n"
        "Port to deepen main channel\n"
        "Harbour Times Staff Reporter\n"
        "Posted: Tuesday, March 4, 2025. 9:15 am EST.\n"
        "The port said it would spend $40 million. Image credit: www.example.org/port/\n"
        "MORE: Harbour pilots strike over pay\n"
        "How to get help: call the port helpline at 555-0100.\n"
        "Updated figures were published on March 4, 2025, the authority said.\n"
        "- Dredging starts in March.\n"
        '"Let us know if the ships come back," the harbour master said.\n'
        "If you are on our app, click here to watch the briefing live\n"
        "Our weekly shipping newsletter brings you the latest from the docks. Sign up here.\n"
        "March 4, 2025\n"
        "Harbour Times – The council said the budget would be tight this year. The... more\n"
        "The ferry league's second round was washed out by rain. The league which is for the...\n"
        "Feel free to send us your comments and criticisms.\n"
        "Or by Email: [email protected]\n"
        "Cranes at the container terminal. (FILE)\n"
        "Shipping lines welcomed the plan. (JT)\n"
        "Harbour Engineering 12, 101-104 (2024)"
    )
    cleaned = clean(text, "Port to deepen main channel | Harbour Times")
    assert cleaned.text.split("\n") == [
        "The port said it would spend $40 million.",
        "Updated figures were published on March 4, 2025, the authority said.",
        "- Dredging starts in March.",
        '"Let us know if the ships come back," the harbour master said.',
        "Shipping lines welcomed the plan.",
    ]
    assert cleaned.dropped == {
        "apps_and_social": 2,
        "title": 1,
        "credits": 4,
        "timestamps": 2,
        "read_more": 3,
        "helpline": 1,
        "newsletter": 1,
        "engagement": 1,
        "contact": 1,
        "citation": 1,
    }


def test_bylines_contributors_and_republishing_notes():
    furniture = [
        "By Jane Miller and Tom Okafor, Harbour Times",
        "Port Desk, Staff Writer",
        "(Reporting by Jane Miller; Editing by Tom Okafor)",
        "Tom Okafor contributed to this report.",
        "Image source, Port Authority",
        "Follow Jane Miller on Twitter for updates from the docks",
        "Reach Jane Miller at jane.miller@example.org.",
        "This story was originally published by the Coastal Ledger.",
        "Story continues below advertisement",
        "Jane Miller/The Harbour Times via Getty Images",
        "Credit: Port Authority",
    ]
    body = [
        "By March, the authority said, dredging would be under way.",
        "This report was published by the ministry on Monday and shows trade rising.",
        "Several pilots contributed to the plan, the port said.",
        "Updated 2024 figures show cargo growth of 3%.",
    ]
    cleaned = clean("\n".join(furniture + body))
    assert cleaned.text.split("\n") == body
    assert sum(cleaned.dropped.values()) == len(furniture)
    caption = clean("Cranes unload a container ship. Jane Miller/Harbour Times")
    assert (caption.text, caption.dropped) == ("Cranes unload a container ship.", {"credits": 1})


def test_a_store_from_an_older_schema_is_rebuilt(tmp_path):
    from extract.store import FILENAME, Store

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text("Toyota said it would invest $1 billion.", encoding="utf-8")
    out = tmp_path / "out"
    store = Store(out)
    store.con.execute("DROP TABLE articles")
    store.con.execute("CREATE TABLE articles (doc_id VARCHAR, source VARCHAR)")  # old columns
    store.close()
    summary = extract.run([inputs], extract.Settings(), out=out)
    assert (summary.articles, summary.errors) == (1, 0)
    assert list(pd.read_csv(out / "amounts.csv")["text"]) == ["$1 billion"]
    assert (out / FILENAME).is_file()


def test_pages_floor(shared_eval, capsys):
    """trafilatura's own gold for the webnews pages: snippets kept, furniture left out."""
    from extract.evaluate import pages

    pages.main(None, extract.Settings())
    last = capsys.readouterr().out.strip().splitlines()[-1]
    kept, left_out = (float(x) for x in last.replace(":", " ").split()[2::4][:2])
    assert kept >= 0.97 and left_out >= 0.98, last
