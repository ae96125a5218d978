"""Diagnosis (session 11): which half of the implied corpus lowers the fine-tuned MiniLM head's risk on the
held-out weapons families that `ngram-emb-13` and `ngram-emb-14` let through.

    OMP_NUM_THREADS=2 python -m moderation.training.leave_out acts twins [--heldout var/moderation/heldout.csv]
    OMP_NUM_THREADS=2 python -m moderation.training.leave_out none --seed 1   # the spread of the recipe itself

For each variant, the encoder part of the recipe alone (the C = 2 logistic regression on the frozen embedding,
then MiniLM's last four layers fine-tuned with it, as `train_classifier --finetune 4`) is fitted on the
training split of `ngram-emb-11`'s data plus one half of the implied corpus: `acts` its violence and illegal
prompts, `twins` its benign twins, `none` neither (with --seed other than 0: the shipped model's recipe with
another fine-tuning seed, to measure the spread between runs). It prints the mean
risk (1 - P(benign)) of that head on two held-out families of `ngram-emb-11`'s held-out set ("beating a rival
with a crowbar", "throwing a grenade at a group of soldiers"), how many of them score under 0.5, and the share
of the held-out hard negatives at or above 0.5. No threshold is chosen and nothing is written but the output;
held-out set 6 is not read.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from sklearn.linear_model import LogisticRegression

from moderation.filters.encoder import SentenceEncoder
from moderation.training.implied_corpus import generate_implied
from moderation.training.train_classifier import CLASSES, DEFAULT_DATA, ENCODER_C, MAX_TOKENS, ROOT, load_examples

FAMILIES = {"crowbar": "beating a rival with a crowbar", "grenade": "throwing a grenade at a group of soldiers"}
VARIANTS = ("acts", "twins", "none")


def probes(heldout: Path) -> dict[str, list[str]]:
    with heldout.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = {name: [r["prompt"] for r in rows if r["category"] == "violence" and phrase in r["prompt"]]
           for name, phrase in FAMILIES.items()}
    out["benign_hard"] = [r["prompt"] for r in rows if r["category"] == "benign_hard"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("variants", nargs="+", choices=VARIANTS)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--heldout", type=Path, default=ROOT / "var" / "moderation" / "heldout.csv",
                        help="ngram-emb-11's held-out set (train_classifier --heldout-only)")
    parser.add_argument("--seed", type=int, default=0, help="the fine-tuning seed (the recipe's is 0)")
    parser.add_argument("--layer-inputs", type=Path, default=ROOT / "var" / "moderation" / "layer_inputs.npz")
    args = parser.parse_args()
    from moderation.training import finetune as ft  # torch, training only

    implied = {e.text for e in generate_implied()}
    rows = [e for e, s in load_examples(args.data, implied=True) if s == "train"]
    probe = probes(args.heldout)
    probe_texts = [t for texts in probe.values() for t in texts]
    encoder = SentenceEncoder(max_tokens=MAX_TOKENS)
    started = time.perf_counter()
    inputs = ft.top_inputs([e.text for e in rows] + probe_texts, args.layer_inputs, 4, encoder)
    vectors = ft.frozen_embeddings(encoder, inputs, list(range(len(rows))), 4)
    print(f"inputs and frozen embeddings ({time.perf_counter() - started:.0f} s)", flush=True)
    for variant in args.variants:
        keep = [i for i, e in enumerate(rows) if e.text not in implied
                or (variant != "none" and (e.label == "benign") == (variant == "twins"))]
        labels = [CLASSES.index(rows[i].label) for i in keep]
        start = LogisticRegression(C=ENCODER_C, max_iter=2000).fit(vectors[keep], labels)
        head = ft.finetune(inputs, keep, labels, ft.frozen_top(encoder, 4), start, len(CLASSES), seed=args.seed)
        offset = len(rows)
        for name, texts in probe.items():
            idx = list(range(offset, offset + len(texts)))
            offset += len(texts)
            risk = 1 - head.predict_proba(inputs, idx)[:, CLASSES.index("benign")]
            print(f"{variant}: {name} (n={len(texts)}) mean risk {risk.mean():.3f}, under 0.5: "
                  f"{int((risk < 0.5).sum())}, at or above 0.5: {(risk >= 0.5).mean():.3f}", flush=True)
        print(f"{variant}: {len(keep)} training prompts ({time.perf_counter() - started:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
