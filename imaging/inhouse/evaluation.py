"""GenEval-style checks of generated images with the classical detector.

Prompts use GenEval's metadata rows (``tag``, ``include``/``exclude`` items with ``class``, ``count``, ``color``,
``position`` as ``[relation, index]``, and ``prompt``) with the in-house shape names as classes. The rules follow
GenEval's ``evaluate_images.py``: every ``include`` item needs at least ``count`` objects of its class (and colour),
a ``position`` item must stand in that relation to every object matched by the item it points at, and an
``exclude`` item fails when ``count`` objects of its class are present.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .detector import Detection, detect

if TYPE_CHECKING:
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
    from PIL import Image

DEFAULT_PROMPTS = Path(__file__).resolve().parent / "eval_prompts.jsonl"
BINDING_TAG = "color_attr"  # two objects, each with its own colour
POSITION_THRESHOLD = 0.1  # GenEval's: offsets smaller than 10% of the objects' summed sizes do not count


class PromptFileError(ValueError):
    """The prompts file is not GenEval metadata."""


@dataclass
class EvalReport:
    results: list[tuple[dict[str, Any], bool]] = field(default_factory=list)

    def by_tag(self) -> dict[str, tuple[int, int]]:
        """``{tag: (correct, total)}`` in first-seen order."""
        counts: dict[str, tuple[int, int]] = {}
        for row, ok in self.results:
            correct, total = counts.get(row["tag"], (0, 0))
            counts[row["tag"]] = (correct + int(ok), total + 1)
        return counts

    def binding(self) -> tuple[int, int]:
        return self.by_tag().get(BINDING_TAG, (0, 0))

    def lines(self) -> list[str]:
        """Human-readable summary; the last line is ``binding_accuracy: 0.xxx (k/n)``."""
        out = [f"{tag}: {_ratio(good, total)} ({good}/{total})" for tag, (good, total) in self.by_tag().items()]
        correct = sum(ok for _, ok in self.results)
        out.append(f"overall: {_ratio(correct, len(self.results))} ({correct}/{len(self.results)})")
        k, n = self.binding()
        out.append(f"binding_accuracy: {_ratio(k, n)} ({k}/{n})")
        return out


def _ratio(correct: int, total: int) -> str:
    return f"{correct / total:.3f}" if total else "0.000"


def load_prompts(path: Path = DEFAULT_PROMPTS, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Read GenEval metadata rows, keeping the first ``limit``."""
    rows = []
    for number, line in enumerate(Path(path).read_text().splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            raise PromptFileError(f"{path}:{number}: not JSON ({error.msg})") from error
        if not isinstance(row, dict) or not {"tag", "include", "prompt"} <= row.keys():
            raise PromptFileError(f"{path}:{number}: a row needs 'tag', 'include' and 'prompt'")
        rows.append(row)
    return rows[:limit] if limit is not None else rows


def relative_position(a: Detection, b: Detection) -> set[str]:
    """Relations of ``a`` to ``b`` ("left of", "above", ...), factoring in their sizes as GenEval does."""
    offset = np.array([a.cx - b.cx, a.cy - b.cy])
    size_a = np.array([a.box[2] - a.box[0], a.box[3] - a.box[1]])
    size_b = np.array([b.box[2] - b.box[0], b.box[3] - b.box[1]])
    revised = np.maximum(np.abs(offset) - POSITION_THRESHOLD * (size_a + size_b), 0) * np.sign(offset)
    if np.all(np.abs(revised) < 1e-3):
        return set()
    dx, dy = revised / np.linalg.norm(offset)
    relations = set()
    if dx < -0.5:
        relations.add("left of")
    if dx > 0.5:
        relations.add("right of")
    if dy < -0.5:
        relations.add("above")
    if dy > 0.5:
        relations.add("below")
    return relations


def check(row: dict[str, Any], detections: Sequence[Detection]) -> bool:
    """Whether ``detections`` satisfy the GenEval metadata ``row``."""
    matched: list[list[Detection] | None] = []
    correct = True
    for item in row["include"]:
        found = [d for d in detections if d.shape == item["class"] and d.color == item.get("color", d.color)]
        found = found[: item["count"]]
        ok = len(found) >= item["count"]
        if ok and "position" in item:
            relation, target = item["position"]
            targets = matched[target] if target < len(matched) else None
            ok = bool(targets) and all(
                relation in relative_position(obj, other) for obj in found for other in targets or []
            )
        matched.append(found if ok else None)
        correct = correct and ok
    for item in row.get("exclude", []):
        if sum(d.shape == item["class"] for d in detections) >= item["count"]:
            correct = False
    return correct


def evaluate_images(rows: Iterable[dict[str, Any]], images: Iterable[Image.Image]) -> EvalReport:
    report = EvalReport()
    for row, image in zip(rows, images, strict=True):
        report.results.append((row, check(row, detect(image))))
    return report


def generate(
    pipe: StableDiffusionPipeline,
    prompts: Sequence[str],
    *,
    seed: int,
    steps: int,
    guidance: float,
    batch_size: int = 8,
) -> list[Image.Image]:
    """One image per prompt; image ``i`` uses seed ``seed + i`` whatever the batching."""
    import torch

    images: list[Image.Image] = []
    for start in range(0, len(prompts), batch_size):
        chunk = list(prompts[start : start + batch_size])
        generators = [torch.Generator("cpu").manual_seed(seed + start + i) for i in range(len(chunk))]
        output = pipe(chunk, num_inference_steps=steps, guidance_scale=guidance, generator=generators)
        images.extend(output.images)
    return images


def through_vae(vae: AutoencoderKL, images: Sequence[Image.Image], *, batch_size: int = 32) -> list[Image.Image]:
    """``images`` encoded and decoded by ``vae`` (the latent mode, no sampling): the softness every generated image
    has whatever the UNet drew, so the detector can be measured on ground truth as soft as the model's output."""
    import torch
    from PIL import Image

    out: list[Image.Image] = []
    for start in range(0, len(images), batch_size):
        chunk = images[start : start + batch_size]
        pixels = np.stack([np.asarray(image.convert("RGB"), dtype=np.float32) for image in chunk])
        with torch.no_grad():
            x = torch.from_numpy(pixels).permute(0, 3, 1, 2) / 127.5 - 1.0
            y = vae.decode(vae.encode(x).latent_dist.mode()).sample
        arrays = ((y.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()
        out.extend(Image.fromarray(array) for array in arrays)
    return out


def run_eval(
    pipe: StableDiffusionPipeline,
    rows: Sequence[dict[str, Any]],
    *,
    seed: int = 0,
    steps: int,
    guidance: float,
    save_to: Path | None = None,
) -> EvalReport:
    """Generate an image per row and check it; optionally save the images as ``save_to/NNNN.png``."""
    images = generate(pipe, [row["prompt"] for row in rows], seed=seed, steps=steps, guidance=guidance)
    if save_to is not None:
        save_to.mkdir(parents=True, exist_ok=True)
        for index, image in enumerate(images):
            image.save(save_to / f"{index:04d}.png")
    return evaluate_images(rows, images)


def build_eval_prompts(seed: int = 2026) -> list[dict[str, Any]]:
    """The default prompt set (``eval_prompts.jsonl``), in GenEval's phrasing ("a photo of ..."), which the
    training captions never use; tags are interleaved so that the first N rows cover every tag."""
    import random

    from .vocab import COLORS, NUMBER_WORDS, PLURALS, RELATIONS, SHAPES

    rng = random.Random(seed)  # noqa: S311 - seeded data, not security
    colours = list(COLORS)

    def a(words: str) -> str:
        return f"an {words}" if words[0] in "aeiou" else f"a {words}"

    by_tag: dict[str, list[dict[str, Any]]] = {}
    by_tag["single_object"] = [
        {"tag": "single_object", "include": [{"class": s, "count": 1}], "prompt": f"a photo of {a(s)}"} for s in SHAPES
    ]
    by_tag["colors"] = []
    for shape in SHAPES:
        for colour in rng.sample(colours, 4):
            item = {"class": shape, "count": 1, "color": colour}
            prompt = f"a photo of {a(colour + ' ' + shape)}"
            by_tag["colors"].append({"tag": "colors", "include": [item], "prompt": prompt})
    pairs = [(x, y) for x in SHAPES for y in SHAPES if x != y]
    by_tag["two_object"] = [
        {"tag": "two_object", "include": [{"class": x, "count": 1}, {"class": y, "count": 1}],
         "prompt": f"a photo of {a(x)} and {a(y)}"}
        for x, y in rng.sample(pairs, 20)
    ]  # fmt: skip
    by_tag["counting"] = []
    for shape in SHAPES:
        for n in (2, 3, 4, 2, 3, 4, rng.choice((2, 3, 4)), rng.choice((2, 3, 4))):
            by_tag["counting"].append({
                "tag": "counting", "include": [{"class": shape, "count": n}],
                "exclude": [{"class": shape, "count": n + 1}],
                "prompt": f"a photo of {NUMBER_WORDS[n]} {PLURALS[shape]}",
            })  # fmt: skip
    by_tag["position"] = []
    for x, y in rng.sample(pairs, 20) + rng.sample(pairs, 20):
        relation = rng.choice(RELATIONS)
        by_tag["position"].append({
            "tag": "position",
            "include": [{"class": y, "count": 1}, {"class": x, "count": 1, "position": [relation, 0]}],
            "prompt": f"a photo of {a(x)} {relation} {a(y)}",
        })  # fmt: skip
    by_tag["color_attr"] = []
    for x, y in rng.sample(pairs, 20) + rng.sample(pairs, 20):
        cx, cy = rng.sample(colours, 2)
        by_tag["color_attr"].append({
            "tag": "color_attr",
            "include": [{"class": x, "count": 1, "color": cx}, {"class": y, "count": 1, "color": cy}],
            "prompt": f"a photo of {a(cx + ' ' + x)} and {a(cy + ' ' + y)}",
        })  # fmt: skip
    rows: list[dict[str, Any]] = []
    longest = max(len(group) for group in by_tag.values())
    for index in range(longest):
        rows.extend(group[index] for group in by_tag.values() if index < len(group))
    return rows
