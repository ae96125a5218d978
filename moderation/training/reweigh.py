"""The real prompt moderation (all layers, as `eval_moderation` runs it) on labelled CSVs, once per weight of the
n-gram model in the English model's average (`ngram_weight`), to choose that weight (session 18; see
moderation/model/MODEL_CARD.md).

    DJANGO_SETTINGS_MODULE=chatsite.settings.base python -m moderation.training.reweigh \\
        moderation/data/heldout2.csv ... --weights 0.5 0.55 0.6 [--category illegal --thresholds 0.44 0.5]

The model is the one in moderation/model/ (copy a candidate there first). Its MiniLM embeddings do not depend on
the weight, so each text is encoded once and every weight reuses it; everything else (the n-gram model, the term
list, the registry, the names view, the thresholds) runs for real at each weight. The French model, which a
French prompt is routed to, keeps its own weight. Prints one line per CSV and weight: the rows expected `block`
that are refused, and the rows expected `allow` that are refused, with their counts per category; then the
errors per weight, all CSVs summed, and the weight with the fewest (`best_weight`). With `--category` and one
weight, one class's threshold is swept instead; with several weights, every (weight, threshold) pair (`grid`,
session 19: each text is still encoded once), and the pair with the fewest errors (`best_pair`). A rule that bars
some pairs (the model card's gates) reads the per-CSV lines, which hold every count its bars need.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np


class _CachedEncoder:
    """The shared MiniLM encoder with each (text, tuned layers) result kept: the English model's embeddings."""

    def __init__(self, encoder: Any) -> None:
        self.encoder = encoder
        self.memo: dict[tuple[str, tuple[int, ...], str], Any] = {}

    def _key(self, kind: str, text: str, top: list[Any] | None) -> tuple[str, tuple[int, ...], str]:
        return text, tuple(id(layer) for layer in top or ()), kind

    def encode(self, text: str, *, top: list[Any] | None = None) -> np.ndarray:
        key = self._key("mean", text, top)
        if key not in self.memo:
            self.memo[key] = self.encoder.encode(text, top=top)
        return np.asarray(self.memo[key])

    def pools(self, text: str, *, top: list[Any] | None = None) -> Any:
        key = self._key("pools", text, top)
        if key not in self.memo:
            self.memo[key] = self.encoder.pools(text, top=top)
        return self.memo[key]


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    """(prompt, expected, category) of each row of an evaluation CSV."""
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["prompt"], r["expected"].strip().lower(), r["category"]) for r in csv.DictReader(fh)]


def _refused(path: Path, findings: Any) -> dict[str, Counter[str]]:
    cell: dict[str, Counter[str]] = {"block": Counter(), "allow": Counter(), "n": Counter()}
    for prompt, expected, category in read_rows(path):
        categories, _, _ = findings(prompt)
        cell["n"][f"{expected}:{category}"] += 1
        if categories:
            cell[expected][category] += 1
    return cell


def sweep(paths: list[Path], weights: list[float], *, category: str | None = None,
          thresholds: list[float] | None = None,
          language: str | None = None) -> dict[tuple[str, float], dict[str, Counter[str]]]:
    """{(csv name, setting): {"block": refused per category, "allow": refused per category, "n": rows per
    category}} with every layer of the prompt moderation. A setting is a weight, or with `category` and
    `thresholds` one threshold of the English model for that class (at the single weight given). With `language`
    ("fr"), the weight or threshold is that language's model's instead (session 25), the English model as shipped."""
    from moderation.services.checks import _text_findings
    from moderation.services.rules import prompt_classifier

    routed = prompt_classifier()
    if language is not None and language not in routed.by_language:
        raise SystemExit(f"no {language} model in moderation/model/{language}/")
    model = routed.by_language[language] if language is not None else routed.default  # the model swept
    if model.head is None:
        raise SystemExit("the model in moderation/model/ has no encoder part: there is no weight to choose")
    if category is not None and (len(weights) != 1 or not thresholds):
        raise SystemExit("a threshold sweep takes one weight and at least one threshold")
    encoder, head, kept = model.encoder, model.head, dict(model.thresholds)
    model.encoder = _CachedEncoder(encoder)  # type: ignore[assignment]
    settings = thresholds if category is not None and thresholds else weights
    results: dict[tuple[str, float], dict[str, Counter[str]]] = {}
    try:
        for setting in settings:
            weight = weights[0] if category is not None else setting
            model.head = dataclasses.replace(head, ngram_weight=weight)
            if category is not None:
                model.thresholds = {**kept, category: setting}
            name = (f"{language}:" if language else "") + f"w={weight:.2f}" + (
                f" {category}>={setting:.2f}" if category is not None else "")
            for path in paths:
                results[(path.name, setting)] = cell = _refused(path, _text_findings)
                block_n = sum(v for k, v in cell["n"].items() if k.startswith("block:"))
                allow_n = sum(v for k, v in cell["n"].items() if k.startswith("allow:"))
                print(f"{path.name:<24} {name}  harmful refused {sum(cell['block'].values())}/{block_n}  "
                      f"allowed-class refused {sum(cell['allow'].values())}/{allow_n}  "
                      f"{dict(sorted(cell['block'].items()))} {dict(sorted(cell['allow'].items()))}", flush=True)
    finally:  # the process's cached model is left as it was
        model.encoder, model.head, model.thresholds = encoder, head, kept
    return results


def grid(paths: list[Path], weights: list[float], category: str,
         thresholds: list[float]) -> dict[tuple[float, float], dict[str, dict[str, Counter[str]]]]:
    """{(weight, threshold): {csv name: cell}}: `sweep` of `category`'s thresholds at each weight, the English
    model's embeddings cached once for all of them."""
    from moderation.services.rules import prompt_classifier

    english = prompt_classifier().default
    encoder = english.encoder
    english.encoder = _CachedEncoder(encoder)  # type: ignore[assignment]  # each sweep wraps this one cache
    out: dict[tuple[float, float], dict[str, dict[str, Counter[str]]]] = {}
    try:
        for weight in weights:
            for (name, threshold), cell in sweep(paths, [weight], category=category, thresholds=thresholds).items():
                out.setdefault((weight, threshold), {})[name] = cell
    finally:
        english.encoder = encoder
    return out


def best_pair(results: dict[tuple[float, float], dict[str, dict[str, Counter[str]]]], *,
              prefer: float = 0.5) -> tuple[tuple[float, float], dict[tuple[float, float], int]]:
    """The (weight, threshold) with the fewest errors, every CSV summed; a tie goes to the weight nearer `prefer`,
    then to the lower threshold, then to the lower weight. Returns it and the errors per pair."""
    totals = {pair: sum(errors(cell) for cell in cells.values()) for pair, cells in results.items()}
    return min(totals, key=lambda p: (totals[p], round(abs(p[0] - prefer), 9), p[1], p[0])), totals


def errors(cell: dict[str, Counter[str]]) -> int:
    """Harmful rows let through plus allowed rows refused."""
    block_n = sum(v for k, v in cell["n"].items() if k.startswith("block:"))
    return block_n - sum(cell["block"].values()) + sum(cell["allow"].values())


def best_weight(results: dict[tuple[str, float], dict[str, Counter[str]]], *,
                prefer: float = 0.5) -> tuple[float, dict[float, int]]:
    """The weight with the fewest errors, every CSV summed; a tie goes to the weight nearer `prefer` (0.5 in the
    `ngram-emb-24` rule, the shipped 0.45 in `ngram-emb-26`'s), then to the lower. Returns it and the errors per
    weight."""
    totals: dict[float, int] = {}
    for (_, weight), cell in results.items():
        totals[weight] = totals.get(weight, 0) + errors(cell)
    return min(totals, key=lambda w: (totals[w], round(abs(w - prefer), 9), w)), totals


def main() -> None:
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", type=Path, nargs="+")
    parser.add_argument("--weights", type=float, nargs="+", required=True)
    parser.add_argument("--category", default=None, help="sweep this class's threshold instead (one weight)")
    parser.add_argument("--thresholds", type=float, nargs="+", default=None)
    parser.add_argument("--prefer", type=float, default=0.5, help="a tie of weights goes to the one nearer this")
    parser.add_argument("--language", default=None,
                        help="sweep the weight or threshold of this language's model (fr) instead of the English one")
    args = parser.parse_args()
    if any(not 0.0 <= w <= 1.0 for w in args.weights + (args.thresholds or [])):
        parser.error("each weight and threshold is between 0 and 1")
    if (args.category is None) != (args.thresholds is None):
        parser.error("--category and --thresholds go together")
    if args.language and args.category and len(args.weights) > 1:
        parser.error("--language sweeps one setting at a time: one weight with --category")
    if args.category and len(args.weights) > 1:
        pair, pair_totals = best_pair(grid(args.paths, args.weights, args.category, args.thresholds),
                                      prefer=args.prefer)
        print("errors (harmful let through + allowed refused), all CSVs: "
              + ", ".join(f"{w:.2f}/{t:.2f}: {n}" for (w, t), n in sorted(pair_totals.items())))
        print(f"chosen weight and {args.category} threshold: {pair[0]:.2f} {pair[1]:.2f}")
        return
    chosen, totals = best_weight(sweep(args.paths, args.weights, category=args.category, thresholds=args.thresholds,
                                       language=args.language), prefer=args.prefer)
    print("errors (harmful let through + allowed refused), all CSVs: "
          + ", ".join(f"{w:.2f}: {n}" for w, n in sorted(totals.items())))
    print(f"chosen weight: {chosen:.2f}")


if __name__ == "__main__":
    main()
