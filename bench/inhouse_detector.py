"""How often the classical detector of ``eval_binding`` reads rendered ground truth right.

    .venv/bin/python bench/inhouse_detector.py [--n 200] [--seed 5] [--model imaging/inhouse/weights]

Renders seeded scenes of the kinds the evaluation asks for (single objects, pairs, relations, counts), in the
canonical layouts the in-house UNet draws and in free layouts, and checks each with ``evaluation.check`` (the
rule ``eval_binding`` applies to generated images) in three versions:

- ``crisp``: the rendering itself;
- ``blur``: a Gaussian blur of 1 px;
- ``vae``: the rendering sent through the committed model's VAE (encode, decode): the softness every generated
  image has, whatever the UNet drew, so a miss here is the detector's, not the model's.

It prints accuracy per version and kind, and for the objects the detector found where a shape was drawn, which
shape it named (a confusion table over the ``vae`` version). No timing: this measures the measuring instrument.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KINDS = ("single", "pair", "relation", "count")


def main() -> None:
    import torch
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from PIL import ImageFilter

    from imaging.inhouse.detector import detect
    from imaging.inhouse.evaluation import check, through_vae
    from imaging.inhouse.scenes import render, sample_scene
    from imaging.inhouse.vocab import SHAPES

    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200, help="scenes per kind and layout")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--model", type=Path, default=Path("imaging/inhouse/weights"))
    args = parser.parse_args()

    torch.set_num_threads(1)
    vae = AutoencoderKL.from_pretrained(args.model / "vae").eval()

    rng = random.Random(args.seed)  # noqa: S311 - seeded data, not security
    confusion: Counter[tuple[str, str]] = Counter()
    print("| layout | kind | crisp | blur 1 px | vae |")
    print("|---|---|---|---|---|")
    totals = Counter[str]()
    count = 0
    for layout in ("canonical", "free"):
        for kind in KINDS:
            scenes = [sample_scene(rng, kind=kind, layout=layout) for _ in range(args.n)]
            crisp = [render(scene) for scene in scenes]
            versions = {
                "crisp": crisp,
                "blur": [image.filter(ImageFilter.GaussianBlur(1.0)) for image in crisp],
                "vae": through_vae(vae, crisp),
            }
            cells = []
            for name, images in versions.items():
                ok = sum(check(scene.spec(), detect(image)) for scene, image in zip(scenes, images, strict=True))
                totals[name] += ok
                cells.append(f"{ok / len(scenes):.3f}")
            count += len(scenes)
            print(f"| {layout} | {kind} | " + " | ".join(cells) + " |", flush=True)
            for scene, image in zip(scenes, versions["vae"], strict=True):
                found = detect(image)
                for shape in scene.shapes:
                    near = min(found, key=lambda d: (d.cx - shape.cx) ** 2 + (d.cy - shape.cy) ** 2, default=None)
                    if near is not None and abs(near.cx - shape.cx) < shape.r and abs(near.cy - shape.cy) < shape.r:
                        confusion[(shape.kind, near.shape)] += 1
                    else:
                        confusion[(shape.kind, "(none)")] += 1
    print("| all | all | " + " | ".join(f"{totals[name] / count:.3f}" for name in ("crisp", "blur", "vae")) + " |")
    print()
    print("Shapes through the VAE (rows: drawn, columns: named by the detector):")
    columns = [*SHAPES, "(none)"]
    print("| drawn | " + " | ".join(columns) + " | right |")
    print("|---" * (len(columns) + 2) + "|")
    for drawn in SHAPES:
        row = [confusion[(drawn, named)] for named in columns]
        right = confusion[(drawn, drawn)] / max(1, sum(row))
        print(f"| {drawn} | " + " | ".join(str(v) for v in row) + f" | {right:.3f} |")


if __name__ == "__main__":
    main()
