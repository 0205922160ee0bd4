"""Sector weights: how much each piece of evidence counts, learnt from labelled articles.

A sector's score is a sum over its evidence (`evidence.py`): the weight of the term (or of an
organisation, which counts as a strong term) times its value, 1 + ln(mentions) plus the title
bonus. The weights live in `data/sector_weights.json`, written by `benchmarks/fit_sectors.py`
from a logistic regression with one bias per sector:

    P(article is about sector s) = sigmoid(sum of weight(s, t) * value(t) + bias(s))

fitted on the Reuters-21578 train articles that have a topic mapped to a sector (outside the
held-out fifth), for the sectors a topic maps to. An article without a mapped topic is left
out: Reuters labels commodities, not the industries of companies (a steelmaker's results are
`earn`), so it says nothing against a sector. The sectors are imbalanced (about 700 food
articles, 11 on housing), so a sector's positive articles weigh (negatives / positives) **
BALANCE in the loss, the usual class weighting: without it a rare sector's bias sinks and its
bar rises until two mentions of "petrochemical" or "polyethylene" fall short. Each term's weight
is pulled towards its tier's weight (strong, specific, weak; learnt with the rest) by an L2
penalty of STRENGTH per term, so a term seen in few articles keeps about its tier's weight and a
term whose articles say otherwise moves. Weights are never negative: every listed term speaks
for its sector. Sectors no Reuters topic maps to (banking, software, ...) and terms never seen
use the tier weights.

The threshold is a margin on the log-odds, chosen on scores each fit article gets from weights
fitted without it (INNER folds of the fit articles): the margin with the best macro F1 over all
the scored sectors, and each sector's own best margin, the two averaged with weights (the
sector's positive articles, OWN), so a sector with many articles keeps its own margin and one
with ten stays near the shared one. A margin is not the single cut with the best F1 but the
median of the cuts within one article's worth of it (1 / (2 x positives) of F1, over the sectors
for the shared one): a large sector's F1 is nearly flat over a wide range of cuts, and the
argmax there jumped from one end of it to the other (mining's bar by a quarter) when words
were added to another sector. Each sector's weights are then divided by its cut-off
(margin - bias) and multiplied by THRESHOLD, so every sector is reported from THRESHOLD
(`Settings.min_sector_score`) on, and a score reads "how far past its bar". The tier weights,
which alone weigh the sectors Reuters never labels (utilities, automotive, banking, government,
...), keep the ratios of the tiers in the same fit without the class weighting, and their bar
is a fixed amount of evidence, UNLABELLED_BAR values of strong terms: a strong term in the
headline and the first paragraph (1 + ln 2 + 2 = 3.7) reaches it, two strong terms once each
in the first paragraph (2 x 1.7) fall just short. That is about the bar of the strictest
labelled sectors (strong-term units: about 3.7 for housing, 2.6 the median), as a sector no label
checks is kept cautious; being fixed, it moves with no labelled sector's bias (a bar read off
the rarest sector's bias would let retail or housing vocabulary move every unlabelled
sector's weights).

Side mentions: a sector whose evidence (its values summed) is under SIDE_SHARE of the article's
leading sector's is named in passing (a bank in a campaign story, a tanker in a shipbuilding
one), and its score loses `side` times its shortfall (all of `side` with no evidence, none at
SIDE_SHARE). `side` is the one among SIDES with the best macro F1 over all the fit articles,
those without a mapped topic included: the articles with one barely tell the penalties apart,
while a sector named in passing in a results or currency story is a false alarm.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np

from extract.stages import data_path
from extract.stages.sectors.evidence import Evidence
from extract.stages.sectors.taxonomy import TIERS, Taxonomy

WEIGHTS = "sector_weights.json"
THRESHOLD = 3.0  # the score at which a sector is reported (Settings.min_sector_score)
UNLABELLED_BAR = 3.5  # values of strong terms that report a sector no label checks
BALANCE = 1.0  # how far a rare sector's positives are weighted up (see _upweight)
OWN = 10.0  # the shared margin's weight against a sector's own (which weighs its positives)
INNER = 4  # folds of the fit articles scored out of fold to choose the margins
STRENGTH = 4.0  # the L2 pull of a term's weight towards its tier's, in articles' worth
SIDE_SHARE = 0.5  # a sector with this share of the leading sector's evidence is no side mention
SIDE = "side"  # the penalty's key in the weights file
SIDES = tuple(THRESHOLD * k for k in (0.0, 0.25, 0.5, 1.0, 1.5, 2.0))  # the penalties tried
PRIORS = TIERS


@dataclass(frozen=True)
class Weights:
    tiers: dict[str, float]  # tier -> weight of a term no article moved
    terms: dict[str, dict[str, float]] = field(default_factory=dict)  # slug -> term -> weight
    threshold: float = THRESHOLD
    side: dict[str, float] = field(default_factory=dict)  # slug ("" any other) -> its penalty

    def weight(self, item: Evidence) -> float:
        return self.terms.get(item.sector, {}).get(item.term, self.tiers[item.tier])

    def scores(self, evidence: Sequence[Evidence]) -> dict[str, float]:
        out: dict[str, float] = {}
        for item in evidence:
            out[item.sector] = out.get(item.sector, 0.0) + self.weight(item) * item.value
        for slug, short in sidelined(evidence).items():
            out[slug] -= self.side.get(slug, self.side.get("", 0.0)) * short
        return out

    def predict(self, evidence: Sequence[Evidence]) -> set[str]:
        return {s for s, v in self.scores(evidence).items() if v >= self.threshold}


def sidelined(evidence: Sequence[Evidence]) -> dict[str, float]:
    """Sector -> how far it falls short of SIDE_SHARE of the leading sector's evidence, from 0
    (at or past it) to 1 (none): the multiple of its side penalty it pays."""
    total: dict[str, float] = {}
    for item in evidence:
        total[item.sector] = total.get(item.sector, 0.0) + item.value
    top = max(total.values(), default=0.0)
    return {s: 1.0 - min(1.0, v / (SIDE_SHARE * top)) for s, v in total.items() if top > 0}


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """The shipped weights, read once."""
    data = json.loads(data_path(WEIGHTS).read_text(encoding="utf-8"))
    tiers = {t: float(data["tiers"][t]) for t in PRIORS}
    terms = {s: {t: float(w) for t, w in ws.items()} for s, ws in data["terms"].items()}
    side = {s: float(w) for s, w in data.get(SIDE, {}).items()}
    return Weights(tiers, terms, float(data["threshold"]), side)


def dumps(weights: Weights, about: dict) -> str:
    """The weights file: one line per sector, its terms by weight."""
    head = {
        "about": about,
        "threshold": weights.threshold,
        "tiers": weights.tiers,
        SIDE: weights.side,
    }
    text = json.dumps(head, indent=2)[:-2] + ',\n  "terms": {\n'
    lines = []
    for slug, terms in sorted(weights.terms.items()):
        ranked = dict(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"    {json.dumps(slug)}: {json.dumps(ranked)}")
    return text + ",\n".join(lines) + "\n  }\n}\n"


def fit(
    evidence: Sequence[Sequence[Evidence]],
    gold: Sequence[set[str]],
    scored: Sequence[str],
    taxonomy: Taxonomy,
    strength: float = STRENGTH,
    steps: int = 3000,
    others: Sequence[Sequence[Evidence]] = (),
    balance: float = BALANCE,
    own: float = OWN,
    inner: int = INNER,
) -> Weights:
    """Weights learnt from articles' evidence and their gold sectors (see the module doc);
    `others` is the evidence of articles with no gold sector, seen only by the choice of
    the side penalty."""
    params: dict[tuple[str, str], int] = {("", tier): i for i, tier in enumerate(PRIORS)}
    for slug in scored:
        for term in taxonomy.by_slug[slug].lexicon:
            params[(slug, term)] = len(params)
    prior = np.array(
        [PRIORS.index(taxonomy.by_slug[s].lexicon[t]) if s else -1 for s, t in params], int
    )
    column = {s: i for i, s in enumerate(scored)}
    n = len(scored)
    rows, cols, vals = [], [], []
    for a, items in enumerate(evidence):
        for item in items:
            if item.sector in column:
                rows.append(a * n + column[item.sector])
                cols.append(params.get((item.sector, item.term), params[("", item.tier)]))
                vals.append(item.value)
    row, col, val = np.array(rows, int), np.array(cols, int), np.array(vals, float)
    truth = np.array([[s in t for s in scored] for t in gold], bool).reshape(-1, n)

    def solve(keep: np.ndarray, up: float = balance) -> tuple[np.ndarray, np.ndarray]:
        """Weights and biases fitted on the articles `keep`, positives weighted by `up`."""
        kept = keep[row // n]
        index = np.cumsum(keep) - 1  # an article's index among the kept ones
        y = truth[keep].ravel().astype(float)
        r = index[row[kept] // n] * n + row[kept] % n
        return _solve(r, col[kept], val[kept], y, n, prior, strength, steps, up)

    def log_odds(w: np.ndarray, bias: np.ndarray) -> np.ndarray:  # articles x sectors
        z = np.bincount(row, weights=val * w[col], minlength=truth.size)
        some = np.bincount(row, minlength=truth.size) > 0
        return np.where(some, z, -np.inf).reshape(-1, n) + bias

    w, bias = solve(np.ones(len(evidence), bool))
    logits = log_odds(w, bias)
    if inner:  # each article scored by weights fitted without it
        fold = np.arange(len(evidence)) % inner
        for k in range(inner):
            logits[fold == k] = log_odds(*solve(fold != k))[fold == k]
    margin = best_threshold(logits, truth)
    cut = {}  # each sector's bar on its sum of weight x value
    for s, i in column.items():
        alone = best_threshold(logits[:, i : i + 1], truth[:, i : i + 1])
        positives = float(truth[:, i].sum())
        cut[s] = (positives * alone + own * margin) / (positives + own) - bias[i]
    terms: dict[str, dict[str, float]] = {}
    for (slug, term), i in params.items():
        if slug:
            terms.setdefault(slug, {})[term] = round(float(w[i]) * THRESHOLD / cut[slug], 3)
    tiers = _unlabelled_tiers(w if not balance else solve(np.ones(len(evidence), bool), 0.0)[0])
    scaled = Weights(tiers, terms)
    every = [*evidence, *others]
    labels = [*gold, *([set()] * len(others))]

    def macro_f1(side: float) -> float:
        model = replace(scaled, side={"": side})
        return _macro([model.predict(e) for e in every], labels, scored)

    return replace(scaled, side={"": max(SIDES, key=macro_f1)})


def _unlabelled_tiers(plain: np.ndarray) -> dict[str, float]:
    """The tier weights of the sectors no label checks: the tiers' ratios in the unweighted fit
    (`plain`, the tiers first), scaled so UNLABELLED_BAR values of a strong term make THRESHOLD.
    Only ratios of tiers are read, so no one sector's bias or vocabulary sets the scale."""
    unit = float(plain[PRIORS.index("strong")]) or float(max(plain[: len(PRIORS)])) or 1.0
    scale = THRESHOLD / (UNLABELLED_BAR * unit)
    return {t: round(float(plain[i]) * scale, 3) for i, t in enumerate(PRIORS)}


def _macro(guess: Sequence[set[str]], gold: Sequence[set[str]], scored: Sequence[str]) -> float:
    f1s = []
    for slug in scored:
        tp = sum(1 for g, t in zip(guess, gold, strict=True) if slug in g and slug in t)
        wrong = sum(1 for g, t in zip(guess, gold, strict=True) if (slug in g) != (slug in t))
        if tp + wrong:
            f1s.append(2 * tp / (2 * tp + wrong))
    return sum(f1s) / len(f1s) if f1s else 0.0


def _upweight(truth: np.ndarray, power: float) -> np.ndarray:
    """Per sector, the weight of a positive article in the loss, (negatives / positives) **
    power (a negative weighs 1): power 1 weighs both classes the same, 0 every article once."""
    positives = truth.sum(axis=0)
    return (np.maximum(len(truth) - positives, 1.0) / np.maximum(positives, 1.0)) ** power


def _solve(rows, cols, vals, y, sectors: int, prior, strength: float, steps: int, balance: float):
    """(weights, biases) minimising the logistic loss, positives weighted up (`_upweight`), plus
    strength * (w_term - w_tier)^2 per term, with weights >= 0, by projected Adam (full batch:
    a few thousand small steps)."""
    up = _upweight(y.reshape(-1, sectors).astype(bool), balance)
    weight = np.where(y > 0, up[np.arange(len(y)) % sectors], 1.0)
    n = len(prior)
    w = np.concatenate([np.ones(n), np.zeros(sectors)])
    sector = np.arange(len(y)) % sectors
    terms = prior >= 0
    first, second = np.zeros_like(w), np.zeros_like(w)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        z = np.bincount(rows, weights=vals * w[cols], minlength=len(y)) + w[n:][sector]
        residual = (1.0 / (1.0 + np.exp(-z)) - y) * weight
        grad = np.concatenate(
            [
                np.bincount(cols, weights=vals * residual[rows], minlength=n),
                np.bincount(sector, weights=residual, minlength=sectors),
            ]
        )
        pull = w[:n][terms] - w[prior[terms]]
        grad[:n][terms] += 2 * strength * pull
        np.add.at(grad, prior[terms], -2 * strength * pull)
        first = beta1 * first + (1 - beta1) * grad
        second = beta2 * second + (1 - beta2) * grad**2
        w -= rate * np.sqrt(1 - beta2**step) / (1 - beta1**step) * first / (np.sqrt(second) + 1e-8)
        w[:n] = np.maximum(w[:n], 0.0)
    return w[:n], w[n:]


def best_threshold(scores: np.ndarray, gold: np.ndarray) -> float:
    """The cut-off on `scores` (articles x sectors) with the highest macro F1 against `gold`
    (same shape, booleans), over the sectors that occur: the median of the cuts within one
    article's worth of the best (see the module doc)."""
    values = np.unique(scores[np.isfinite(scores)])
    cuts = values[:: max(1, len(values) // 500)]
    if not len(cuts):
        return 0.0
    f1s = np.empty(len(cuts))
    for k, cut in enumerate(cuts):
        guess = scores >= cut
        tp = (guess & gold).sum(axis=0)
        wrong = (guess != gold).sum(axis=0)
        occurs = (tp + wrong) > 0
        f1s[k] = np.mean(2 * tp[occurs] / (2 * tp[occurs] + wrong[occurs]))
    # one article more or less right moves a sector's F1 by about 1 / (2 x its positives), the
    # macro by that over the sectors: cuts within it of the best are as good, and the median
    # of them is a bar that a small change elsewhere does not throw from one end to the other
    positives = np.maximum(gold.sum(axis=0), 1)
    tolerance = float(np.mean(1.0 / (2.0 * positives))) / gold.shape[1]
    return float(np.median(cuts[f1s >= f1s.max() - tolerance]))
