"""Names the model cut before "of": a head word and "of" before a place's name make one name
with it ("Summit of the Americas" EVENT, "Office of Ghana" ORG, "Gulf of Mexico" LOC), and a
rank of nobility before "of" and a place is the person who holds it ("the Duke of Edinburgh").

Only the place's mention is read, with the capitalised words right before it: where the
model tagged a name before "of" ("Kia Motor Corp" + "of South Korea") the two stay apart.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from extract.stages.entities.evidence import heads, heads_data
from extract.stages.entities.mention import LEGAL_SUFFIX, Mention, doc_text, legal_form

# Up to two capitalised words, a head word, "of" and maybe "the", right before the place.
HEAD_OF = re.compile(
    r"(?<![\w’'.&-])((?:[A-Z][\w’'.&-]*[ \t]){0,2}([A-Z][a-z]+))[ \t]of[ \t](?:the[ \t])?$"
)
ARTICLES = frozenset({"The", "A", "An"})
PLACES = frozenset({"GPE", "LOC", "NORP"})


def head_of_place(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """A place's mention after "<Head> of (the)" takes the head and the capitalised words
    before it, with the label the head gives (see the module's docstring), where the model
    tagged none of those words."""
    text = doc_text(doc)
    mentions = sorted(mentions, key=lambda m: m.start)
    for i, m in enumerate(mentions):
        if m.label not in PLACES:
            continue
        hit = HEAD_OF.search(text, max(0, m.start - 80), m.start)
        label = _label(hit.group(2)) if hit else ""
        if not label:
            continue
        words = hit.group(1).split()
        start = hit.start(1) + (len(words[0]) + 1 if words[0] in ARTICLES else 0)
        if any(o.end > start for o in mentions[:i]):
            continue  # the model's name before "of" ("Kia Motor Corp of South Korea"): two
        m.start, m.label, m.canonical, m.kb_id, m.pinned = start, label, "", "", False
    return mentions


def _label(head: str) -> str:
    """The label a head word before "of" gives the whole name, "" for none."""
    organisations, others = heads()
    if legal_form(head) or LEGAL_SUFFIX.fullmatch(" " + head):
        return ""  # "Dow Chemical Co of the United States": the firm's home, no name
    if head in organisations:
        return "ORG"
    if head in heads_data()["nobility"]:
        return "PERSON"
    return others.get(head, "")
