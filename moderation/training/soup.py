"""A weight average ("model soup") of prompt classifiers fitted by the same recipe with different fine-tuning
seeds (`ngram-emb-15`, session 12; see moderation/model/MODEL_CARD.md).

    python -m moderation.training.soup moderation/model var/moderation/seed1 var/moderation/seed2 \\
        --out var/moderation/cand15 [--version ngram-emb-15] [--ngram-weight 0.45] [--threshold illegal=0.50 \\
        --chosen "how it was chosen"]

Every array of the models' `prompt_classifier.npz` is averaged element-wise in float32 and stored at its own
dtype (the fine-tuned layers stay float16); the vocabulary and idf, which the n-gram features are read by, must be
identical. The JSON is the first model's (thresholds included: nothing is fitted or chosen again), with the
version and the averaged models' versions and seeds; a weight or class thresholds chosen afterwards (with
moderation/training/reweigh.py) replace the first model's, with a note of how they were chosen. Runs averaged
this way must start from the same weights; whether their average still works is for the held-out figures to show.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np

SHARED = ("vocabulary", "idf")  # what maps a text to features: must be the same in every model
VERSION = "ngram-emb-15"


def soup(models: list[Path], out: Path, *, version: str = VERSION, ngram_weight: float | None = None,
         thresholds: dict[str, float] | None = None, chosen: str = "") -> dict[str, Any]:
    """Write the weight average of the classifiers in `models` (directories) to `out`; return its JSON.
    `ngram_weight` (optional) replaces the n-gram model's weight in the average of the two parts, and
    `thresholds` (optional) some classes' thresholds (both chosen with moderation/training/reweigh.py); by default
    the first model's are kept. Chosen thresholds need `chosen`, the note of how, written as `thresholds_chosen`."""
    if ngram_weight is not None and not 0.0 <= ngram_weight <= 1.0:
        raise ValueError("the n-gram weight is between 0 and 1")
    thresholds = thresholds or {}
    if any(not 0.0 < value < 1.0 for value in thresholds.values()):
        raise ValueError("a threshold is between 0 and 1")
    if thresholds and not chosen.strip():
        raise ValueError("say how the thresholds were chosen (chosen=...)")
    if len(models) < 2:
        raise ValueError("give at least two models to average")
    loaded = []
    for directory in models:
        with np.load(directory / "prompt_classifier.npz", allow_pickle=False) as arrays:
            loaded.append({k: arrays[k] for k in arrays.files})
    first = loaded[0]
    for directory, arrays in zip(models[1:], loaded[1:], strict=True):
        if set(arrays) != set(first):
            raise ValueError(f"{directory} holds other arrays than {models[0]}")
        for key, value in arrays.items():
            if key in SHARED:
                if not np.array_equal(value, first[key]):
                    raise ValueError(f"{directory}: {key} differs, so the n-gram features differ")
            elif value.shape != first[key].shape or value.dtype != first[key].dtype:
                raise ValueError(f"{directory}: {key} is {value.dtype} {value.shape}, not "
                                 f"{first[key].dtype} {first[key].shape}")
    averaged = {key: value if key in SHARED
                else np.mean([a[key].astype(np.float32) for a in loaded], axis=0).astype(value.dtype)
                for key, value in first.items()}
    metas = [json.loads((d / "prompt_classifier.json").read_text(encoding="utf-8")) for d in models]
    meta = dict(metas[0])
    unknown = sorted(set(thresholds) - set(meta.get("category_thresholds", {})))
    if unknown:
        raise ValueError(f"no threshold to replace for {', '.join(unknown)}")
    meta.pop("thresholds_kept_from", None)
    meta["version"] = version
    if ngram_weight is not None:
        meta["ngram_weight"] = ngram_weight
    if thresholds:
        meta["category_thresholds"] = {**meta["category_thresholds"], **thresholds}
        # the fallback for a class without its own threshold stays the highest of them (as train_classifier writes)
        meta["block_threshold"] = max(meta["category_thresholds"].values())
        meta["thresholds_chosen"] = chosen.strip()
    meta["soup"] = [{"version": m["version"], "seed": m.get("encoder", {}).get("finetune", {}).get("seed")}
                    for m in metas]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / "prompt_classifier.npz", **averaged)
    (out / "prompt_classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("models", nargs="+", type=Path, help="directories holding prompt_classifier.{npz,json}")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--version", default=VERSION)
    parser.add_argument("--ngram-weight", type=float, default=None,
                        help="the n-gram model's weight in the average of the two parts (default: the first model's)")
    parser.add_argument("--threshold", action="append", default=[], metavar="CLASS=VALUE",
                        help="a class's threshold chosen afterwards (repeatable; default: the first model's)")
    parser.add_argument("--chosen", default="", help="with --threshold: how the thresholds were chosen (a note)")
    args = parser.parse_args()
    thresholds: dict[str, float] = {}
    for item in args.threshold:
        label, _, value = item.partition("=")
        try:
            thresholds[label.strip()] = float(value)
        except ValueError:
            parser.error(f"--threshold takes CLASS=VALUE, not {item!r}")
    try:
        meta = soup(args.models, args.out, version=args.version, ngram_weight=args.ngram_weight,
                    thresholds=thresholds, chosen=args.chosen)
    except ValueError as error:
        parser.error(str(error))
    print(f"wrote {args.out} ({meta['version']}, the average of {[m['version'] for m in meta['soup']]})")


if __name__ == "__main__":
    main()
