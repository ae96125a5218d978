"""The decision rules of candidates trained with an added corpus, on out-of-fold scores only (model card).

    OMP_NUM_THREADS=1 python -m moderation.training.compare_gap --oof var/moderation/oof6.npz \\
        --candidate DIR [--shipped moderation/model] [--corpus gap|names]

--oof and --candidate come from `train_classifier --gap-corpus` (or `--names-corpus`) `--oof ... --out DIR`.
Prints, with the rule of the candidate named by --corpus (`ngram-emb-6`, gap corpus; `ngram-emb-12`, names corpus):
1. the candidate's out-of-fold target (mean recall of sexual, violence, illegal at its thresholds) over the
   training prompts without the added corpus (rule: at least 0.910 for the gap corpus, 0.9445 for names);
2. over the added corpus's training prompts, the candidate's out-of-fold mean recall of the harmful classes it
   holds (violence and illegal; names: sexual too) against the shipped model's, which never saw them, at the
   shipped thresholds (rule: a gain of 0.05 or more);
3. the candidate's out-of-fold false-positive rate on the added corpus's benign prompts (rule: at most 0.05 for
   the gap corpus, 0.03 for names).
The shipped model scores the added prompts with the cached MiniLM embeddings (`train_classifier.embed`) when its
encoder is frozen, or computes them itself when it carries fine-tuned layers.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from moderation.filters.classifier import MODEL_DIR, PromptClassifier
from moderation.training.gap_corpus import generate_gaps
from moderation.training.names_corpus import generate_names
from moderation.training.train_classifier import (
    DEFAULT_DATA,
    HARMFUL,
    MIN_EVIDENCE,
    OWN_BENIGN,
    ROOT,
    TARGET,
    _heldout_category,
    embed,
    load_examples,
    refused_at,
)

MIN_GAIN = 0.05
RULES = {  # corpus: (flag for load_examples, generator, shipped version it is judged against, min target, max FPR,
           #          harmful classes of the gain)
    "gap": ("gaps", generate_gaps, "ngram-emb-5", 0.910, 0.05, ("violence", "illegal")),
    "names": ("names", generate_names, "ngram-emb-11", 0.9445, 0.03, ("sexual", "violence", "illegal")),
}


def _rates(name: str, kind: np.ndarray, flagged: np.ndarray, mask: np.ndarray) -> dict[str, float]:
    rates = {g: float(flagged[mask & (kind == g)].mean()) for g in sorted(set(kind[mask]))}
    print(name + " " + ", ".join(f"{g} {v:.3f} (n={int((mask & (kind == g)).sum())})" for g, v in rates.items()))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oof", type=Path, required=True)
    parser.add_argument("--candidate", type=Path, required=True, help="the candidate's model directory")
    parser.add_argument("--shipped", type=Path, default=MODEL_DIR)
    parser.add_argument("--corpus", choices=sorted(RULES), default="gap")
    parser.add_argument("--embeddings", type=Path, default=ROOT / "var" / "moderation" / "embeddings.npz")
    args = parser.parse_args()
    flag, generator, old_version, min_target, max_fpr, classes = RULES[args.corpus]

    train = [e for e, s in load_examples(DEFAULT_DATA, gaps=flag == "gaps", names=flag == "names") if s == "train"]
    added = {e.text for e in generator()}
    new_rows = np.array([e.text in added for e in train])
    with np.load(args.oof, allow_pickle=False) as saved:
        risk, top, evidence, kind = saved["risk"], saved["top"], saved["evidence"], saved["kind"]
    if list(kind) != [_heldout_category(e) for e in train]:
        raise SystemExit(f"the out-of-fold scores are not those of train_classifier with the {args.corpus} corpus")
    candidate = json.loads((args.candidate / "prompt_classifier.json").read_text(encoding="utf-8"))
    shipped = PromptClassifier.load(args.shipped)
    shipped_thresholds = json.loads((args.shipped / "prompt_classifier.json").read_text(encoding="utf-8"))[
        "category_thresholds"]
    flagged = refused_at(candidate["category_thresholds"], risk, top, evidence)
    print(f"candidate {candidate['version']} thresholds {candidate['category_thresholds']}")
    print(f"shipped {shipped.version} thresholds {shipped_thresholds}")

    old = _rates(f"candidate out of fold, training prompts of {old_version}:", kind, flagged, ~new_rows)
    target = float(np.mean([old[c] for c in TARGET]))
    natural = flagged[~new_rows & (kind == "benign")].mean()
    own = flagged[~new_rows & np.isin(kind, OWN_BENIGN)].mean()
    print(f"1. target {target:.4f} (rule >= {min_target}); false positives natural {natural:.3f}, own {own:.3f}")

    new = _rates(f"candidate out of fold, {args.corpus} corpus:", kind, flagged, new_rows)
    idx = np.flatnonzero(new_rows)
    tuned = shipped.head is not None and bool(shipped.head.top)
    vectors = None if tuned else embed([train[i].text for i in idx], args.embeddings)
    s_risk, s_top = np.zeros(len(train)), np.zeros(len(train), dtype=np.int64)
    s_evidence = np.zeros(len(train), dtype=bool)
    for row, i in enumerate(idx):
        probabilities = shipped.scores(train[i].text, embedding=None if vectors is None else vectors[row]).probabilities
        s_risk[i] = 1 - probabilities["benign"]
        s_top[i] = HARMFUL.index(max(HARMFUL, key=probabilities.__getitem__))
        s_evidence[i] = shipped.evidence(train[i].text) >= MIN_EVIDENCE
    base = _rates(f"{shipped.version} (never trained on it), {args.corpus} corpus:", kind,
                  refused_at(shipped_thresholds, s_risk, s_top, s_evidence), new_rows)
    mine, theirs = float(np.mean([new[c] for c in classes])), float(np.mean([base[c] for c in classes]))
    gain = mine - theirs
    print(f"2. mean recall of {', '.join(classes)}: candidate {mine:.3f}, shipped {theirs:.3f}, gain {gain:+.3f} "
          f"(rule >= {MIN_GAIN})")
    print(f"3. {args.corpus} benign false positives: candidate {new['benign_hard']:.3f} (rule <= {max_fpr}), "
          f"shipped {base['benign_hard']:.3f}")
    ok = target >= min_target and gain >= MIN_GAIN and new["benign_hard"] <= max_fpr
    print("decision:", "ship (then the veto on dev, held-out and held-out 2)" if ok else "do not ship")


if __name__ == "__main__":
    main()
