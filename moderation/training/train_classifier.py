"""Train the prompt classifier and write moderation/model/prompt_classifier.{npz,json}.

    python -m moderation.training.train_classifier [--data ../shared/data] [--heldout var/moderation/heldout.csv]

Data, within the licence rules of ../shared/data/README.md:
- our own prompts (moderation/training/corpus.py, chat_corpus.py, weapons_corpus.py), all classes;
- PartiPrompts (Apache-2.0) as benign;
- the ESD and UCE artist-style prompt sets (MIT) as benign: the artist policy, not the classifier,
  judges artist styles, so the classifier must not learn that "in the style of" is a risk;
- I2P (MIT) prompts that SD 1.4 rendered safely in every sample (inappropriate_percentage 0) as benign
  prompt-engineering text, and prompts whose images were mostly nude (nudity_percentage >= 60) as sexual.
Every prompt of moderation_dev.csv is removed from the training data (T2I-RiskyPrompt rows are never
used: they are evaluation-only), and one template family in five plus a fifth of the outside prompts
are held out. The held-out set is written as a CSV in the eval_moderation format.

The block threshold is chosen on out-of-fold scores of the training data (five folds of whole template
families; not on the dev file or the held-out set): the lowest risk threshold whose false-positive rate
stays at or under 1% on natural benign prompts and 3% on our own benign prompts (chat, hard negatives).
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
from moderation.training.weapons_corpus import generate_weapons

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
VERSION = "ngram-lr-3"
C_DEFAULT = 8.0
FOLDS = 5
# The classifier alone refuses only texts with at least this many known content words (FILLER excluded).
MIN_EVIDENCE = 1
OUTSIDE = {"parti", "i2p", "artist_prompts"}
CLASSES = ["benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"]


def _outside_split(text: str) -> str:
    return "heldout" if zlib.crc32(normalize(text).encode()) % 5 == 0 else "train"


def load_examples(data: Path) -> list[tuple[Example, str]]:
    mod = data / "moderation"
    with (mod / "moderation_dev.csv").open(encoding="utf-8") as fh:
        dev = {normalize(r["prompt"]) for r in csv.DictReader(fh)}
    ours = generate() + generate_chat() + generate_weapons()
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--heldout", type=Path, default=ROOT / "var" / "moderation" / "heldout.csv")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model files")
    parser.add_argument("--C", type=float, default=C_DEFAULT, help="inverse L2 regularisation strength")
    args = parser.parse_args()

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

    def export(vec: TfidfVectorizer, model: LogisticRegression, threshold: float) -> PromptClassifier:
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
        meta = {"version": VERSION, "classes": CLASSES, "block_threshold": threshold,
                "min_evidence": MIN_EVIDENCE, "C": args.C, "features": len(vocab),
                "train_examples": len(train), "folds": FOLDS}
        (args.out / "prompt_classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return PromptClassifier.load(args.out)

    def refused(clf: PromptClassifier, examples: list[Example], threshold: float) -> np.ndarray:
        return np.array([1 - clf.scores(e.text).probabilities["benign"] >= threshold
                         and clf.evidence(e.text) >= MIN_EVIDENCE for e in examples])

    def report(name: str, clf: PromptClassifier, examples: list[Example], threshold: float) -> None:
        out = refused(clf, examples, threshold)
        groups: dict[str, list[bool]] = {}
        for e, r in zip(examples, out, strict=True):
            groups.setdefault(_heldout_category(e), []).append(bool(r))
        figures = ", ".join(f"{g} {'fpr' if g.startswith('benign') else 'recall'} {np.mean(v):.3f} (n={len(v)})"
                            for g, v in sorted(groups.items()))
        print(f"{name} (classifier alone, threshold {threshold}): {figures}")

    # 1. Choose the threshold on out-of-fold scores: the lowest at which the false-positive rate stays at or
    #    under 1% on natural benign prompts and 3% on our own benign prompts (hard negatives, chat).
    risk = np.zeros(len(train))
    evidence = np.zeros(len(train), dtype=bool)
    for k in range(FOLDS):
        vec, model = fit_model([e for e, f in zip(train, fold, strict=True) if f != k])
        probe = export(vec, model, 0.5)
        for i in (i for i, f in enumerate(fold) if f == k):
            risk[i] = 1 - probe.scores(train[i].text).probabilities["benign"]
            evidence[i] = probe.evidence(train[i].text) >= MIN_EVIDENCE
        print(f"  fold {k + 1}/{FOLDS} scored")
    natural = np.array([_heldout_category(e) == "benign" for e in train])
    own = np.array([_heldout_category(e) in {"benign_hard", "benign_chat"} for e in train])
    harmful = ~(natural | own)
    threshold = 0.5
    for t in np.arange(0.05, 0.95, 0.01):
        flagged = (risk >= t) & evidence
        if flagged[natural].mean() <= 0.01 and flagged[own].mean() <= 0.03:
            threshold = float(round(t, 2))
            break
    for t in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6):
        flagged = (risk >= t) & evidence
        print(f"  out-of-fold at {t:.2f}: recall {flagged[harmful].mean():.3f}, fpr natural "
              f"{flagged[natural].mean():.3f}, own {flagged[own].mean():.3f}")
    flagged = (risk >= threshold) & evidence
    groups: dict[str, list[bool]] = {}
    for e, r in zip(train, flagged, strict=True):
        groups.setdefault(_heldout_category(e), []).append(bool(r))
    print(f"out-of-fold (classifier alone, threshold {threshold}): " + ", ".join(
        f"{g} {'fpr' if g.startswith('benign') else 'recall'} {np.mean(v):.3f} (n={len(v)})"
        for g, v in sorted(groups.items())))
    # 2. Refit on all training data and export.
    vec, model = fit_model(train)
    final = export(vec, model, threshold)
    report("held-out", final, heldout, threshold)
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
