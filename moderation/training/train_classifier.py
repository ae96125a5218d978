"""Train the prompt classifier and write moderation/model/prompt_classifier.{npz,json}.

    python -m moderation.training.train_classifier [--data ../shared/data] [--heldout var/moderation/heldout.csv]

Data, within the licence rules of ../shared/data/README.md:
- our own prompts (moderation/training/corpus.py, chat_corpus.py, weapons_corpus.py, coverage_corpus.py),
  all classes;
- PartiPrompts (Apache-2.0) as benign;
- the ESD and UCE artist-style prompt sets (MIT) as benign: the artist policy, not the classifier,
  judges artist styles, so the classifier must not learn that "in the style of" is a risk;
- I2P (MIT) prompts that SD 1.4 rendered safely in every sample (inappropriate_percentage 0) as benign
  prompt-engineering text, and prompts whose images were mostly nude (nudity_percentage >= 60) as sexual.
Every prompt of moderation_dev.csv is removed from the training data (T2I-RiskyPrompt rows are never
used: they are evaluation-only), and one template family in five plus a fifth of the outside prompts
are held out. The held-out set is written as a CSV in the eval_moderation format.

The block thresholds, one per harmful class, are chosen on out-of-fold scores of the training data (five
folds of whole template families; never on the dev file or the held-out set): see `choose_thresholds`, with
false-positive budgets of 2% on natural benign prompts (a margin under the 3% of issue #7) and 3% on our own
benign prompts (chat messages and hard negatives written to sit near the line; out of fold they read higher
than on the held-out set).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import zlib
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from moderation.filters.classifier import MODEL_DIR, PromptClassifier, analyze
from moderation.filters.text import normalize
from moderation.training.chat_corpus import generate_chat
from moderation.training.corpus import Example, generate, split_of
from moderation.training.coverage_corpus import generate_coverage
from moderation.training.weapons_corpus import generate_weapons

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
VERSION = "ngram-lr-4"
C_DEFAULT = 8.0
FOLDS = 5
# The classifier alone refuses only texts with at least this many known content words (FILLER excluded).
MIN_EVIDENCE = 1
OUTSIDE = {"parti", "i2p", "artist_prompts"}
CLASSES = ["benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"]
HARMFUL = CLASSES[1:]
TARGET = ["sexual", "violence", "illegal"]  # the classes with a recall target in issue #7
OWN_BENIGN = ["benign_hard", "benign_chat"]
# False-positive budgets for choosing the thresholds on out-of-fold scores: natural benign prompts (PartiPrompts,
# safe I2P, artist-style prompts), with a margin under the 3% of issue #7, and our own benign prompts (chat
# messages and hard negatives such as "a doctor holding a syringe", written to sit near the line).
NATURAL_BUDGET = 0.02
OWN_BUDGET = 0.03
GRID = [round(float(t), 2) for t in np.arange(0.95, 0.149, -0.01)]  # candidate thresholds, high to low


def _outside_split(text: str) -> str:
    return "heldout" if zlib.crc32(normalize(text).encode()) % 5 == 0 else "train"


def load_examples(data: Path) -> list[tuple[Example, str]]:
    mod = data / "moderation"
    with (mod / "moderation_dev.csv").open(encoding="utf-8") as fh:
        dev = {normalize(r["prompt"]) for r in csv.DictReader(fh)}
    ours = generate() + generate_chat() + generate_weapons() + generate_coverage()
    rows: list[tuple[Example, str]] = [(e, split_of(e.template)) for e in ours]
    outside: list[Example] = []
    with (mod / "sources" / "parti" / "PartiPrompts.tsv").open(encoding="utf-8") as fh:
        outside += [Example(r["Prompt"], "benign", "parti") for r in csv.DictReader(fh, delimiter="\t")]
    for path in sorted((mod / "sources" / "artist_prompts").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            outside += [Example(r["prompt"], "benign", "artist_prompts") for r in csv.DictReader(fh)]
    with (mod / "sources" / "i2p" / "i2p_benchmark.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if float(r["inappropriate_percentage"] or 0) == 0:
                outside.append(Example(r["prompt"], "benign", "i2p"))
            elif float(r["nudity_percentage"] or 0) >= 60:
                outside.append(Example(r["prompt"], "sexual", "i2p"))
    seen: set[str] = set()
    for example in outside:
        key = normalize(example.text)
        if not key or key in dev or key in seen:
            continue
        seen.add(key)
        rows.append((example, _outside_split(example.text)))
    return [(e, s) for e, s in rows if normalize(e.text) not in dev]


def artist_heldout(data: Path) -> list[tuple[str, str, str]]:
    """Artist-style prompts for artists absent from the dev file, in the forms of the ESD/UCE sets."""
    mod = data / "moderation"
    with (mod / "moderation_dev.csv").open(encoding="utf-8") as fh:
        dev_text = " ".join(normalize(r["prompt"]) for r in csv.DictReader(fh) if r["category"].startswith("artist"))
    forms = ["Image in the style of {n}", "Art inspired by {n}", "a painting of a harbour by {n}",
             "{n} style illustration of a fox", "a portrait of a woman, in the style of {n}",
             "a city at night, {n}, highly detailed"]
    rng = random.Random(3)  # noqa: S311 - reproducible data, not secrets
    out: list[tuple[str, str, str]] = []
    with (mod / "sources" / "artists" / "supagruen_sd_artists.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            last, _, first = r["Name"].partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
            if normalize(name) in dev_text:
                continue
            living = not r["Death"].strip()
            out.append((rng.choice(forms).format(n=name), "block" if living else "allow",
                        "artist_style" if living else "artist_style_deceased"))
    for studio in ["Studio Ghibli", "Pixar", "Disney", "DreamWorks", "Aardman", "Laika", "Cartoon Saloon"]:
        out.append((f"a fox in a forest, {studio} style", "allow", "artist_style_deceased"))
        out.append((f"a castle in the style of {studio}", "allow", "artist_style_deceased"))
    return out


def _family(example: Example) -> str:
    """The unit kept whole by the validation split: our template family, or the text of an outside prompt."""
    return normalize(example.text) if example.template in OUTSIDE else example.template


def _heldout_category(example: Example) -> str:
    if example.label != "benign":
        return example.label
    if example.template in OUTSIDE:
        return "benign"  # natural prompts (PartiPrompts)
    # Our own benign prompts: chat messages, and hard negatives ("a doctor holding a syringe") apart.
    return "benign_chat" if example.template.startswith("chat") else "benign_hard"


def refused_at(thresholds: dict[str, float], risk: np.ndarray, top: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """The classifier's refusals: risk (1 - P(benign)) at or above the threshold of the most likely harmful
    class, with enough evidence. This is the rule of moderation.services.checks."""
    cut = np.array([thresholds[c] for c in HARMFUL])[top]
    return np.asarray((risk >= cut) & evidence)


def single_threshold(risk: np.ndarray, evidence: np.ndarray, kind: np.ndarray, *, natural_budget: float,
                     own_budget: float) -> float:
    """The lowest grid threshold, the same for every class, whose false-positive rates stay within budget."""
    natural, own = kind == "benign", np.isin(kind, OWN_BENIGN)
    for t in reversed(GRID):
        flagged = (risk >= t) & evidence
        if flagged[natural].mean() <= natural_budget and flagged[own].mean() <= own_budget:
            return t
    return GRID[0]


def choose_thresholds(risk: np.ndarray, top: np.ndarray, evidence: np.ndarray, kind: np.ndarray, *,
                      natural_budget: float, own_budget: float) -> dict[str, float]:
    """One threshold per harmful class, chosen on out-of-fold scores only.

    A prompt is refused when its risk reaches the threshold of its most likely harmful class, so every
    false positive is charged to exactly one class and the classes share the budgets. The classes that issue
    #7 sets recall targets for (TARGET: sexual, violence, illegal) start at the top of GRID; the others at
    the single threshold that the same budgets allow (`single_threshold`), as with one threshold for all.
    Then, greedily (`_lower`), the TARGET thresholds are lowered while they gain recall within the budgets;
    what budget is left then goes, the same way, to the other classes (whose thresholds only go down)."""
    base = single_threshold(risk, evidence, kind, natural_budget=natural_budget, own_budget=own_budget)
    thresholds = {c: GRID[0] if c in TARGET else base for c in HARMFUL}
    for classes in (TARGET, [c for c in HARMFUL if c not in TARGET]):
        thresholds = _lower(thresholds, classes, risk, top, evidence, kind, natural_budget=natural_budget,
                            own_budget=own_budget)
    return thresholds


def _lower(thresholds: dict[str, float], classes: list[str], risk: np.ndarray, top: np.ndarray,
           evidence: np.ndarray, kind: np.ndarray, *, natural_budget: float, own_budget: float) -> dict[str, float]:
    """At each step, lower the one threshold among `classes` (to any lower grid value) that buys the most
    recall (mean of these classes' recalls) per unit of budget spent (natural and own false positives, each
    as a share of its budget), among moves that keep both false-positive rates within budget; stop when no
    move gains recall."""
    thresholds = dict(thresholds)
    natural, own = kind == "benign", np.isin(kind, OWN_BENIGN)
    weight = np.zeros(len(kind))
    for label in classes:
        members = kind == label
        weight[members] = 1.0 / max(1, int(members.sum()))
    cost_natural = natural / (natural_budget * max(1, int(natural.sum())))
    cost_own = own / (own_budget * max(1, int(own.sum())))
    flagged = refused_at(thresholds, risk, top, evidence)
    while True:
        best: tuple[float, str, float] | None = None
        for c in classes:
            for t in (g for g in GRID if g < thresholds[c]):
                trial = flagged | ((top == HARMFUL.index(c)) & (risk >= t) & evidence)
                new = trial & ~flagged
                gain = float(weight[new].sum())
                if gain <= 0:
                    continue
                if trial[natural].mean() > natural_budget or trial[own].mean() > own_budget:
                    break  # lower thresholds of this class only spend more
                cost = float(cost_natural[new].sum() + cost_own[new].sum())
                ratio = gain / cost if cost > 0 else float("inf")
                if best is None or ratio > best[0]:
                    best = (ratio, c, t)
        if best is None:
            return thresholds
        thresholds[best[1]] = best[2]
        flagged = refused_at(thresholds, risk, top, evidence)


def _figures(kind: np.ndarray, flagged: np.ndarray) -> str:
    return ", ".join(f"{g} {'fpr' if g.startswith('benign') else 'recall'} {flagged[kind == g].mean():.3f} "
                     f"(n={(kind == g).sum()})" for g in sorted(set(kind)))


def rethreshold(oof: Path, out: Path, *, natural_budget: float, own_budget: float) -> None:
    with np.load(oof, allow_pickle=False) as saved:
        risk, top, evidence, kind = saved["risk"], saved["top"], saved["evidence"], saved["kind"]
    thresholds = choose_thresholds(risk, top, evidence, kind, natural_budget=natural_budget, own_budget=own_budget)
    print(f"out-of-fold (classifier alone, thresholds {thresholds}): "
          + _figures(kind, refused_at(thresholds, risk, top, evidence)))
    path = out / "prompt_classifier.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update({"block_threshold": max(thresholds.values()), "category_thresholds": thresholds,
                 "natural_budget": natural_budget, "own_budget": own_budget})
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--heldout", type=Path, default=ROOT / "var" / "moderation" / "heldout.csv")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model files")
    parser.add_argument("--C", type=float, default=C_DEFAULT, help="inverse L2 regularisation strength")
    parser.add_argument("--oof", type=Path, default=ROOT / "var" / "moderation" / "oof.npz",
                        help="where to keep the out-of-fold scores")
    parser.add_argument("--natural-budget", type=float, default=NATURAL_BUDGET)
    parser.add_argument("--own-budget", type=float, default=OWN_BUDGET)
    parser.add_argument("--thresholds-only", action="store_true",
                        help="choose the thresholds again from the saved out-of-fold scores (--oof) and rewrite "
                             "them in the model's JSON, without fitting")
    args = parser.parse_args()
    if args.thresholds_only:
        rethreshold(args.oof, args.out, natural_budget=args.natural_budget, own_budget=args.own_budget)
        return

    rows = load_examples(args.data)
    train = [e for e, s in rows if s == "train"]
    heldout = [e for e, s in rows if s == "heldout"]
    # Cross-validation keeps whole template families apart too (five folds of families), so the threshold is
    # chosen on wordings the fitted model has not seen, as it will meet them, and on every family once.
    fold = [zlib.crc32(f"val:{_family(e)}".encode()) % FOLDS for e in train]
    print("train", len(train), Counter(e.label for e in train))
    print("heldout", len(heldout), Counter(e.label for e in heldout))

    def fit_model(examples: list[Example]) -> tuple[TfidfVectorizer, LogisticRegression]:
        vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_features=60000, dtype=np.float32)
        x = vec.fit_transform([e.text for e in examples])
        model = LogisticRegression(C=args.C, max_iter=3000)
        model.fit(x, [CLASSES.index(e.label) for e in examples])
        return vec, model

    def export(vec: TfidfVectorizer, model: LogisticRegression, thresholds: dict[str, float]) -> PromptClassifier:
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        coef = np.zeros((len(CLASSES), len(vocab)), dtype=np.float32)
        intercept = np.zeros(len(CLASSES), dtype=np.float32)
        for row, cls in enumerate(model.classes_):
            coef[cls] = model.coef_[row]
            intercept[cls] = model.intercept_[row]
        args.out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.out / "prompt_classifier.npz", vocabulary=np.array(vocab),
                            idf=vec.idf_.astype(np.float32), coef=coef.astype(np.float16).astype(np.float32),
                            intercept=intercept)
        # block_threshold is the fallback for a class without its own threshold (the highest of them).
        meta = {"version": VERSION, "classes": CLASSES, "block_threshold": max(thresholds.values()),
                "category_thresholds": thresholds, "natural_budget": args.natural_budget,
                "own_budget": args.own_budget,
                "min_evidence": MIN_EVIDENCE, "C": args.C, "features": len(vocab),
                "train_examples": len(train), "folds": FOLDS}
        (args.out / "prompt_classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return PromptClassifier.load(args.out)

    def report(name: str, clf: PromptClassifier, examples: list[Example], thresholds: dict[str, float]) -> None:
        risk, top, evidence = np.zeros(len(examples)), np.zeros(len(examples), dtype=np.int64), np.zeros(
            len(examples), dtype=bool)
        for i, e in enumerate(examples):
            probabilities = clf.scores(e.text).probabilities
            risk[i] = 1 - probabilities["benign"]
            top[i] = HARMFUL.index(max(HARMFUL, key=probabilities.__getitem__))
            evidence[i] = clf.evidence(e.text) >= MIN_EVIDENCE
        kind = np.array([_heldout_category(e) for e in examples])
        print(f"{name} (classifier alone): " + _figures(kind, refused_at(thresholds, risk, top, evidence)))

    # 1. Out-of-fold scores: every training prompt scored by a model that never saw its family.
    risk = np.zeros(len(train))
    top = np.zeros(len(train), dtype=np.int64)  # the most likely harmful class, which names the refusal
    evidence = np.zeros(len(train), dtype=bool)
    for k in range(FOLDS):
        vec, model = fit_model([e for e, f in zip(train, fold, strict=True) if f != k])
        probe = export(vec, model, {c: 0.5 for c in HARMFUL})
        for i in (i for i, f in enumerate(fold) if f == k):
            probabilities = probe.scores(train[i].text).probabilities
            risk[i] = 1 - probabilities["benign"]
            top[i] = HARMFUL.index(max(HARMFUL, key=probabilities.__getitem__))
            evidence[i] = probe.evidence(train[i].text) >= MIN_EVIDENCE
        print(f"  fold {k + 1}/{FOLDS} scored")
    kind = np.array([_heldout_category(e) for e in train])
    args.oof.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.oof, risk=risk, top=top, evidence=evidence, kind=kind)
    thresholds = choose_thresholds(risk, top, evidence, kind, natural_budget=args.natural_budget,
                                   own_budget=args.own_budget)
    for t in (0.2, 0.3, 0.4, 0.5, 0.56):
        flagged = (risk >= t) & evidence
        print(f"  out-of-fold, one threshold {t:.2f}: " + _figures(kind, flagged))
    flagged = refused_at(thresholds, risk, top, evidence)
    print(f"out-of-fold (classifier alone, thresholds {thresholds}): " + _figures(kind, flagged))
    # 2. Refit on all training data and export.
    vec, model = fit_model(train)
    final = export(vec, model, thresholds)
    report("held-out", final, heldout, thresholds)
    # 3. Write the held-out set for eval_moderation.
    args.heldout.parent.mkdir(parents=True, exist_ok=True)
    with args.heldout.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["prompt", "expected", "category"])
        written: set[str] = set()
        for e in heldout:
            # The artist-style prompts and I2P are benign for the classifier only: many name living artists,
            # whom the artist policy refuses. The artist rows below measure that policy.
            if e.text in written or e.template in {"artist_prompts", "i2p"}:
                continue
            written.add(e.text)
            writer.writerow([e.text, "allow" if e.label == "benign" else "block", _heldout_category(e)])
        writer.writerows(artist_heldout(args.data))
    print(f"wrote {args.out / 'prompt_classifier.npz'} and {args.heldout}")


if __name__ == "__main__":
    main()
