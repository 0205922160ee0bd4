"""`extract eval pages`: is the text read from a web page the article, and only the article?

Data: trafilatura's main-text gold for saved news pages (`evaldata.json`, keyed by URL: `file`,
`with`: snippets the article text must contain, `without`: snippets of navigation, credits,
related links and other furniture it must not); default `../shared/eval/webnews/`. Each page is
read by the production reader (`readers.read_file`), as `extract run` reads it. A snippet is
found when its words appear in order in the text, whitespace and case ignored.

Printed per page: snippets kept and furniture left in; then "with kept" (share of `with`
snippets in the text), "without left out" (share of `without` snippets not in it) and the
articles flagged by a warning. The last line is the headline.
"""

from __future__ import annotations

import json
from pathlib import Path

from extract.config import Settings
from extract.evaluate import shared_eval_dir


def squash(text: str) -> str:
    return " ".join(text.lower().split())


def main(data: Path | None, settings: Settings) -> None:  # noqa: ARG001 - no model needed
    from extract.readers import read_file

    path = data or shared_eval_dir() / "webnews" / "evaldata.json"
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    kept = wanted = left_out = unwanted = 0
    for url, case in gold.items():
        page = Path(path).parent / case["file"]
        if not page.is_file():
            print(f"{case['file']}: missing page, skipped ({url})")
            continue
        article = next(iter(read_file(page)))
        text = squash(article.text)
        missed = [s for s in case.get("with", []) if squash(s) not in text]
        leaked = [s for s in case.get("without", []) if squash(s) in text]
        kept += len(case.get("with", [])) - len(missed)
        wanted += len(case.get("with", []))
        left_out += len(case.get("without", [])) - len(leaked)
        unwanted += len(case.get("without", []))
        note = f" [{article.error}]" if article.error else ""
        for snippet in missed:
            print(f"{case['file']}: missing  {snippet!r}{note}")
        for snippet in leaked:
            print(f"{case['file']}: leaked   {snippet!r}")
    with_kept = kept / wanted if wanted else 0.0
    without_out = left_out / unwanted if unwanted else 0.0
    print(f"{len(gold)} pages; with kept {kept}/{wanted}, without left out {left_out}/{unwanted}")
    print(f"with kept: {with_kept:.3f}  without left out: {without_out:.3f}")
