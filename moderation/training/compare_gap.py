"""The decision rule of the candidate `ngram-emb-6` (gap corpus), on out-of-fold scores only (model card).

    OMP_NUM_THREADS=1 python -m moderation.training.compare_gap --oof var/moderation/oof6.npz \\
        --candidate DIR [--shipped moderation/model]

--oof and --candidate come from `train_classifier --gap-corpus --oof ... --out DIR`. Prints:
1. the candidate's out-of-fold target (mean recall of sexual, violence, illegal at its thresholds) over the
   training prompts of `ngram-emb-5` alone (rule: at least 0.910);
2. over the gap corpus's training prompts, the candidate's out-of-fold mean recall of violence and illegal
   against the shipped model's (which never saw them) at its own thresholds (rule: a gain of 0.05 or more);
3. the candidate's out-of-fold false-positive rate on the gap corpus's benign prompts (rule: at most 0.05).
The shipped model scores the gap prompts with the cached MiniLM embeddings (`train_classifier.embed`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from moderation.filters.classifier import MODEL_DIR, PromptClassifier
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

MIN_TARGET = 0.910
MIN_GAIN = 0.05
MAX_GAP_FPR = 0.05


def _rates(name: str, kind: np.ndarray, flagged: np.ndarray, mask: np.ndarray) -> dict[str, float]:
    rates = {g: float(flagged[mask & (kind == g)].mean()) for g in sorted(set(kind[mask]))}
    print(name + " " + ", ".join(f"{g} {v:.3f} (n={int((mask & (kind == g)).sum())})" for g, v in rates.items()))
    return rates


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--oof", type=Path, required=True)
    parser.add_argument("--candidate", type=Path, required=True, help="the candidate's model directory")
    parser.add_argument("--shipped", type=Path, default=MODEL_DIR)
    parser.add_argument("--embeddings", type=Path, default=ROOT / "var" / "moderation" / "embeddings.npz")
    args = parser.parse_args()

    train = [e for e, s in load_examples(DEFAULT_DATA, gaps=True) if s == "train"]
    gap = np.array([e.template.startswith("gap") for e in train])
    with np.load(args.oof, allow_pickle=False) as saved:
        risk, top, evidence, kind = saved["risk"], saved["top"], saved["evidence"], saved["kind"]
    if list(kind) != [_heldout_category(e) for e in train]:
        raise SystemExit("the out-of-fold scores are not those of train_classifier --gap-corpus")
    candidate = json.loads((args.candidate / "prompt_classifier.json").read_text(encoding="utf-8"))
    shipped = PromptClassifier.load(args.shipped)
    shipped_thresholds = json.loads((args.shipped / "prompt_classifier.json").read_text(encoding="utf-8"))[
        "category_thresholds"]
    flagged = refused_at(candidate["category_thresholds"], risk, top, evidence)
    print(f"candidate {candidate['version']} thresholds {candidate['category_thresholds']}")
    print(f"shipped {shipped.version} thresholds {shipped_thresholds}")

    old = _rates("candidate out of fold, training prompts of ngram-emb-5:", kind, flagged, ~gap)
    target = float(np.mean([old[c] for c in TARGET]))
    natural, own = flagged[~gap & (kind == "benign")].mean(), flagged[~gap & np.isin(kind, OWN_BENIGN)].mean()
    print(f"1. target {target:.3f} (rule >= {MIN_TARGET}); false positives natural {natural:.3f}, own {own:.3f}")

    new = _rates("candidate out of fold, gap corpus:", kind, flagged, gap)
    idx = np.flatnonzero(gap)
    vectors = embed([train[i].text for i in idx], args.embeddings)
    s_risk, s_top = np.zeros(len(train)), np.zeros(len(train), dtype=np.int64)
    s_evidence = np.zeros(len(train), dtype=bool)
    for row, i in enumerate(idx):
        probabilities = shipped.scores(train[i].text, embedding=vectors[row]).probabilities
        s_risk[i] = 1 - probabilities["benign"]
        s_top[i] = HARMFUL.index(max(HARMFUL, key=probabilities.__getitem__))
        s_evidence[i] = shipped.evidence(train[i].text) >= MIN_EVIDENCE
    base = _rates(f"{shipped.version} (never trained on it), gap corpus:", kind,
                  refused_at(shipped_thresholds, s_risk, s_top, s_evidence), gap)
    gain = (new["violence"] + new["illegal"]) / 2 - (base["violence"] + base["illegal"]) / 2
    print(f"2. mean recall of violence and illegal: candidate {(new['violence'] + new['illegal']) / 2:.3f}, "
          f"shipped {(base['violence'] + base['illegal']) / 2:.3f}, gain {gain:+.3f} (rule >= {MIN_GAIN})")
    print(f"3. gap benign false positives: candidate {new['benign_hard']:.3f} (rule <= {MAX_GAP_FPR}), "
          f"shipped {base['benign_hard']:.3f}")
    ok = target >= MIN_TARGET and gain >= MIN_GAIN and new["benign_hard"] <= MAX_GAP_FPR
    print("decision:", "ship (then the veto on dev, held-out and held-out 2)" if ok else "do not ship")


if __name__ == "__main__":
    main()
