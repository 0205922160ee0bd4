"""Fits the sector weights on the Reuters-21578 train split, and lists the web-page sector rows.

    python benchmarks/fit_sectors.py cache     # parse the train split once (minutes)
    python benchmarks/fit_sectors.py fit       # fit on the cache, print 4-fold CV figures on
                                               # the fit part and the held-out figures
    python benchmarks/fit_sectors.py fit --write   # ... and write data/sector_weights.json
    python benchmarks/fit_sectors.py fit --splits 5   # CV on five different fold splits
    python benchmarks/fit_sectors.py webnews   # the rows of ../shared/eval/webnews, to grade
                                               # (benchmarks/webnews-sectors.md)

`cache` runs every train article through the production model and the entities stage (its
text made `readable` as `pipeline.analyse` does, so the evidence is production's) and keeps
the parsed Docs (a spaCy DocBin) and the entity rows in a folder (default /tmp/sectors-cache),
so that `fit` can match the lexicon again after an edit without parsing anything.

`fit` learns the weights of `extract.stages.sectors` (see `weights.py` there): one logistic
regression over the lexicon's terms with a bias per sector, fitted on the articles with a
mapped topic outside the held-out fifth (`evaluate.sectors.held_out`), rare sectors' articles
weighted up, then each sector's margin from out-of-fold scores of the same articles and the
side-mention penalty that maximises the macro F1 on every fit article. The held-out fifth is
only scored. Nothing else in ../shared/eval is fitted on.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections import Counter
from pathlib import Path

from spacy.tokens import DocBin

from extract.config import Settings
from extract.evaluate import prf_line, shared_eval_dir
from extract.evaluate import sectors as scorer
from extract.nlp import load
from extract.pipeline import extract_doc, parse, process, readable
from extract.readers import read_file
from extract.stages import data_path, sectors, stage
from extract.stages.sectors import weights as fitting

CACHE = Path("/tmp/sectors-cache")
FOLDS = 4  # cross-validation folds on the fit part


def cache(folder: Path, settings: Settings) -> None:
    """Parses the train split once: the Docs, and each article's record and entity rows."""
    nlp = load(settings)
    path = scorer.default_data()
    records = scorer.read(path)
    articles = [scorer.article(r, path, i) for i, r in enumerate(records)]
    docs = DocBin(store_user_data=False)
    meta = []
    # as the pipeline parses them: hard-wrapped newswire with its line wraps as spaces
    parsed = parse(nlp, [readable(a.text) for a in articles], settings)
    for n, (record, item, doc) in enumerate(zip(records, articles, parsed, strict=True)):
        docs.add(doc)
        meta.append((record, extract_doc(doc, item, settings, until="entities")["entities"]))
        if n % 1000 == 0:
            print(f"{n}/{len(articles)}", file=sys.stderr)
    folder.mkdir(parents=True, exist_ok=True)
    docs.to_disk(folder / "docs.spacy")
    (folder / "meta.pkl").write_bytes(pickle.dumps(meta))


def load_cache(folder: Path, settings: Settings) -> tuple[list[dict], list[list]]:
    """The records and each article's evidence, matched with the taxonomy as it is now."""
    nlp = load(settings)
    meta = pickle.loads((folder / "meta.pkl").read_bytes())
    docs = DocBin().from_disk(folder / "docs.spacy").get_docs(nlp.vocab)
    path = scorer.default_data()
    records, found = [], []
    for i, ((record, entities), doc) in enumerate(zip(meta, docs, strict=True)):
        records.append(record)
        item = scorer.article(record, path, i)
        found.append(sectors.find_evidence(doc, item, settings, entities))
    return records, found


def fit(
    folder: Path,
    settings: Settings,
    write: bool,
    strength: float,
    folds: int = FOLDS,
    splits: int = 1,
) -> None:
    taxonomy = sectors.load_taxonomy()
    mapping = scorer.topic_map(taxonomy)
    scored = sorted(set(mapping.values()))
    records, found = load_cache(folder, settings)
    gold = [{mapping[t] for t in r.get("topics", []) if t in mapping} for r in records]
    parts = {"fit": [], "held-out": []}
    for i, record in enumerate(records):
        parts["held-out" if scorer.held_out(record) else "fit"].append(i)
    train = [i for i in parts["fit"] if gold[i]]  # see weights.py: why only these
    others = [found[i] for i in parts["fit"] if not gold[i]]  # only for the side penalty
    model = fitting.fit(
        [found[i] for i in train],
        [gold[i] for i in train],
        scored,
        taxonomy,
        strength,
        others=others,
    )
    if folds:
        figures = [
            cross_validate(found, gold, records, parts["fit"], scored, taxonomy, strength, folds, n)
            for n in range(splits)
        ]
        if splits > 1:
            lenient, strict = (sum(f[i] for f in figures) / splits for i in (0, 1))
            print(f"mean of {splits} splits: macro F1 lenient {lenient:.3f}, strict {strict:.3f}")
    guess = [model.predict(items) for items in found]
    for name, part in parts.items():
        mapped = [i for i in part if gold[i]]
        lenient = scorer.macro([gold[i] for i in mapped], [guess[i] for i in mapped], scored)
        strict = scorer.macro([gold[i] for i in part], [guess[i] for i in part], scored)
        print(f"{name} part: macro F1 lenient {lenient:.3f}, strict {strict:.3f}")
    mapped = [i for i in parts["held-out"] if gold[i]]
    counts = scorer.counts([gold[i] for i in mapped], [guess[i] for i in mapped], scored)
    for slug in scored:
        print("  " + prf_line(slug.ljust(24), *counts[slug]))
    print(f"tier weights {model.tiers}")
    if write:
        about = {
            "fitted_on": "Reuters-21578 train split: articles with a mapped topic, outside the "
            "held-out fifth",
            "articles": len(train),
            "strength": strength,
            "balance": fitting.BALANCE,
            "own": fitting.OWN,
            "inner_folds": fitting.INNER,
            "unlabelled_bar": fitting.UNLABELLED_BAR,
            "how": "benchmarks/fit_sectors.py fit --write; see stages/sectors/weights.py",
        }
        path = data_path(fitting.WEIGHTS)
        path.write_text(fitting.dumps(model, about), encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)


def cross_validate(
    found, gold, records, part, scored, taxonomy, strength, folds, split=0
) -> tuple[float, float]:
    """K-fold figures on the fit part (folds by a hash of the id): each fold scored by weights
    fitted on the others, so a lexicon or model change is judged without the held-out fifth.
    `split` > 0 draws the folds with another hash: with ten articles in a sector, one split's
    figure moves by 0.01 with the articles that happen to share a fold (`--splits`)."""
    fold = {i: _fold(records[i], folds, split) for i in part}
    guess: dict[int, set[str]] = {}
    for k in range(folds):
        rest = [i for i in part if fold[i] != k]
        model = fitting.fit(
            [found[i] for i in rest if gold[i]],
            [gold[i] for i in rest if gold[i]],
            scored,
            taxonomy,
            strength,
            others=[found[i] for i in rest if not gold[i]],
        )
        guess.update((i, model.predict(found[i])) for i in part if fold[i] == k)
    mapped = [i for i in part if gold[i]]
    lenient = scorer.macro([gold[i] for i in mapped], [guess[i] for i in mapped], scored)
    strict = scorer.macro([gold[i] for i in part], [guess[i] for i in part], scored)
    name = f"{folds}-fold CV on the fit part" + (f" (split {split})" if split else "")
    print(f"{name}: macro F1 lenient {lenient:.3f}, strict {strict:.3f}")
    counts = scorer.counts([gold[i] for i in mapped], [guess[i] for i in mapped], scored)
    for slug in scored:
        print("  " + prf_line(slug.ljust(24), *counts[slug]))
    return lenient, strict


def _fold(record: dict, folds: int, split: int = 0) -> int:
    salt = f"fold{split}:" if split else "fold:"
    digest = hashlib.sha1(f"{salt}{record.get('id', '')}".encode()).hexdigest()
    return int(digest, 16) % folds


def webnews(settings: Settings) -> None:
    """Every sector row of the web pages, each evidence word with its first two contexts."""
    folder = shared_eval_dir() / "webnews"
    pages = [a for p in sorted(folder.glob("*.html")) for a in read_file(p)]
    mark = stage("sectors").mark
    for result in process(pages, settings, until="sectors"):
        text = result.article.text
        print(f"## {Path(result.article.source).name}: {result.article.title}")
        for row in result.rows.get("sectors", []):
            print(f"- {row.sector} {row.score:g}: {row.evidence}")
            seen: Counter[str] = Counter()
            for start, end, _, _ in mark(row, text):
                word = text[start:end].lower()
                seen[word] += 1
                if seen[word] <= 2:
                    context = text[max(0, start - 60) : end + 40].replace("\n", " ")
                    print(f"    {word} | {context}")
        print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("cache", "fit", "webnews"))
    parser.add_argument("--cache", type=Path, default=CACHE)
    parser.add_argument("--write", action="store_true", help="write the fitted weights")
    parser.add_argument("--strength", type=float, default=fitting.STRENGTH)
    parser.add_argument(
        "--folds", type=int, default=FOLDS, help="CV folds on the fit part; 0: none"
    )
    parser.add_argument("--splits", type=int, default=1, help="CV runs, each with other folds")
    args = parser.parse_args()
    settings = Settings()
    if args.command == "cache":
        cache(args.cache, settings)
    elif args.command == "fit":
        fit(args.cache, settings, args.write, args.strength, args.folds, args.splits)
    else:
        webnews(settings)


if __name__ == "__main__":
    main()
