"""Procedural scenes: sample a scene, caption it in several phrasings, render it with Pillow.

A scene is described once (``Scene``); its caption, its GenEval-style ``spec`` (what a checker must find) and its
image are all derived from that description, so the three cannot disagree.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from .vocab import BACKGROUNDS, COLORS, NUMBER_WORDS, PLURALS, RELATIONS, SHAPES, WORDS

RENDER_SCALE = 4  # draw at 4x and downsample: smooth edges without blur
KINDS: tuple[tuple[str, float], ...] = (
    ("single", 0.10),
    ("pair", 0.30),
    ("relation", 0.28),
    ("count", 0.26),
    ("text", 0.06),
)

# Caption pieces. "a photo of" is deliberately absent: the evaluation prompts use it to test unseen phrasings.
PREFIXES: tuple[str, ...] = (
    "", "", "", "a picture of ", "an image of ", "a drawing of ", "an illustration of ", "a render of ",
    "a simple picture of ", "draw ", "show ", "generate ", "a flat graphic of ",
)  # fmt: skip
PAIR_JOINS: tuple[str, ...] = ("{a} and {b}", "{a} with {b}", "{a} next to {b}", "{a}, {b}", "both {a} and {b}")
RELATION_WORDS: dict[str, tuple[str, ...]] = {
    "left of": ("left of", "to the left of", "on the left of", "is left of"),
    "right of": ("right of", "to the right of", "on the right of", "is right of"),
    "above": ("above", "over", "is above", "higher than"),
    "below": ("below", "under", "beneath", "is below"),
}
TEXT_TEMPLATES: tuple[str, ...] = (
    "the word {w} in {c} on {bg}",
    "{w} written in {c} on a {bg} background",
    "the text {w} in {c} letters on {bg}",
    "a sign that says {w} in {c} on {bg}",
    "{c} letters spelling {w} on a {bg} background",
    "{c} text {w} on {bg}",
)
FONT_FILES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
)


@dataclass(frozen=True)
class Shape:
    """One filled shape; centre and radius are fractions of the image side, so scenes render at any size."""

    kind: str
    color: str
    cx: float
    cy: float
    r: float


@dataclass(frozen=True)
class Scene:
    shapes: tuple[Shape, ...]
    background: tuple[int, int, int]
    caption: str
    tag: str
    include: tuple[dict[str, Any], ...] = ()
    exclude: tuple[dict[str, Any], ...] = ()
    text: str | None = None
    text_color: str | None = None
    font: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def spec(self) -> dict[str, Any]:
        """The scene as a GenEval metadata row (``tag``, ``include``, ``exclude``, ``prompt``)."""
        include = [dict(item) for item in self.include]
        row: dict[str, Any] = {"tag": self.tag, "include": include, "prompt": self.caption}
        if self.exclude:
            row["exclude"] = [dict(item) for item in self.exclude]
        return row


def sample_scene(rng: random.Random, *, kind: str | None = None, layout: str = "canonical") -> Scene:
    """Draw one random scene with a caption chosen among several phrasings.

    ``layout`` is "canonical" (jittered slots: the first named object on the left or on top, counts in a row,
    a triangle or a grid; what the UNet learns) or "free" (random non-overlapping places and sizes; what the
    VAE learns, and what the detector is tested on).
    """
    if layout not in ("canonical", "free"):
        raise ValueError(f"unknown layout {layout!r}")
    free = layout == "free"
    if kind is None:
        kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    if kind == "single":
        return _single_scene(rng, free)
    if kind == "pair":
        return _pair_scene(rng, free)
    if kind == "relation":
        return _relation_scene(rng, free)
    if kind == "count":
        return _count_scene(rng, free)
    if kind == "text":
        return _text_scene(rng)
    raise ValueError(f"unknown scene kind {kind!r}")


def render(scene: Scene, size: int = 64) -> Image.Image:
    """Render ``scene`` as a ``size`` x ``size`` RGB image."""
    big = size * RENDER_SCALE
    image = Image.new("RGB", (big, big), scene.background)
    draw = ImageDraw.Draw(image)
    for shape in scene.shapes:
        _draw_shape(draw, shape, big)
    if scene.text is not None and scene.text_color is not None:
        _draw_text(draw, scene.text, COLORS[scene.text_color], scene.font, big)
    return image.reduce(RENDER_SCALE)


def shape_polygon(kind: str, cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    """Outline of a shape in pixel coordinates (circles are drawn as 64-gons)."""
    if kind == "circle":
        return [(cx + r * math.cos(2 * math.pi * i / 64), cy + r * math.sin(2 * math.pi * i / 64)) for i in range(64)]
    if kind == "square":
        h = 0.85 * r
        return [(cx - h, cy - h), (cx + h, cy - h), (cx + h, cy + h), (cx - h, cy + h)]
    if kind == "triangle":
        return [(cx, cy - r), (cx + r, cy + 0.8 * r), (cx - r, cy + 0.8 * r)]
    if kind == "star":
        points = []
        for i in range(10):
            radius = r if i % 2 == 0 else 0.45 * r
            angle = -math.pi / 2 + math.pi * i / 5
            points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
        return points
    if kind == "heart":
        points = []
        for i in range(72):
            t = 2 * math.pi * i / 72
            x = 16 * math.sin(t) ** 3
            y = 13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t)
            points.append((cx + r * x / 16.5, cy - r * (y + 2.5) / 15.5))
        return points
    raise ValueError(f"unknown shape {kind!r}")


def _draw_shape(draw: ImageDraw.ImageDraw, shape: Shape, side: int) -> None:
    polygon = shape_polygon(shape.kind, shape.cx * side, shape.cy * side, shape.r * side)
    draw.polygon(polygon, fill=COLORS[shape.color])


@cache
def _font(index: int, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Index 0 is Pillow's bundled font, so every machine has it; the DejaVu faces are used where installed.
    if index > 0:
        path = FONT_FILES[(index - 1) % len(FONT_FILES)]
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _draw_text(draw: ImageDraw.ImageDraw, text: str, color: tuple[int, int, int], font: int, side: int) -> None:
    size = int(side * 0.34)
    while True:
        face = _font(font, size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=face)
        if right - left <= side * 0.88 or size <= 8:
            break
        size -= 4
    x = (side - (right - left)) / 2 - left
    y = (side - (bottom - top)) / 2 - top
    draw.text((x, y), text, fill=color, font=face)


# --- sampling -------------------------------------------------------------------------------------------------


def _background(rng: random.Random) -> tuple[str, tuple[int, int, int]]:
    name = rng.choice(list(BACKGROUNDS))
    return name, BACKGROUNDS[name]


# Canonical layouts: a tiny model trained for minutes on a CPU learns "first named object on the left" or "three
# objects in a triangle" far faster than arbitrary placements. Centres are jittered a little so no two scenes are
# alike; objects are drawn large (radius ~0.19 of the side, ~12 pixels) so that a 4x-downsampling VAE keeps the
# points of a star and the notch of a heart, and the gaps between slots stay several pixels wide.
SLOTS: dict[str, tuple[tuple[float, float], ...]] = {
    "centre": ((0.5, 0.5),),
    "row": ((0.25, 0.5), (0.75, 0.5)),
    "column": ((0.5, 0.25), (0.5, 0.75)),
    "triangle": ((0.5, 0.25), (0.25, 0.73), (0.75, 0.73)),
    "grid": ((0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)),
}
JITTER = 0.02
CANONICAL_RADIUS = (0.18, 0.2)  # two or three objects
CANONICAL_RADIUS_GRID = (0.16, 0.175)  # four objects
CANONICAL_RADIUS_SINGLE = (0.24, 0.3)


def _place(rng: random.Random, layout: str) -> list[tuple[float, float]]:
    return [(x + rng.uniform(-JITTER, JITTER), y + rng.uniform(-JITTER, JITTER)) for x, y in SLOTS[layout]]


def _scatter(rng: random.Random, radii: list[float], *, max_tries: int = 200) -> list[tuple[float, float]]:
    """Free layouts: non-overlapping random centres, with a gap so that shapes never touch."""
    for _ in range(max_tries):
        centres: list[tuple[float, float]] = []
        for r in radii:
            margin = r + 0.03
            for _ in range(50):
                c = (rng.uniform(margin, 1 - margin), rng.uniform(margin, 1 - margin))
                if all(math.dist(c, o) > r + ro + 0.07 for o, ro in zip(centres, radii, strict=False)):
                    centres.append(c)
                    break
            else:
                break
        if len(centres) == len(radii):
            return centres
    raise RuntimeError("could not place shapes")  # pragma: no cover - radii are chosen small enough


def _a(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


def _phrase(rng: random.Random, shape: str, color: str | None) -> str:
    if color is None:
        return f"a {shape}" if rng.random() < 0.85 else f"one {shape}"
    roll = rng.random()
    if roll < 0.75:
        return _a(f"{color} {shape}")
    if roll < 0.88:
        return f"one {color} {shape}"
    return f"a {shape} that is {color}"


def _finish(rng: random.Random, body: str, bg_name: str) -> str:
    caption = rng.choice(PREFIXES) + body
    roll = rng.random()
    if roll < 0.15:
        caption += f" on a {bg_name} background"
    elif roll < 0.25:
        caption += f" on {bg_name}"
    return caption


def _single_scene(rng: random.Random, free: bool) -> Scene:
    shape, color = rng.choice(SHAPES), rng.choice(list(COLORS))
    if free:
        r = rng.uniform(0.14, 0.22)
        ((cx, cy),) = _scatter(rng, [r])
    else:
        r = rng.uniform(*CANONICAL_RADIUS_SINGLE)
        ((cx, cy),) = _place(rng, "centre")
    named = rng.random() < 0.8
    bg_name, bg = _background(rng)
    body = _phrase(rng, shape, color if named else None)
    if named and rng.random() < 0.2:
        body = f"a single {color} {shape}"
    item: dict[str, Any] = {"class": shape, "count": 1}
    if named:
        item["color"] = color
    return Scene(
        shapes=(Shape(shape, color, cx, cy, r),),
        background=bg,
        caption=_finish(rng, body, bg_name),
        tag="colors" if named else "single_object",
        include=(item,),
    )


def _pair_scene(rng: random.Random, free: bool) -> Scene:
    named = rng.random() < 0.85
    shape_a = rng.choice(SHAPES)
    shape_b = rng.choice(SHAPES) if named else rng.choice([s for s in SHAPES if s != shape_a])
    color_a, color_b = rng.choice(list(COLORS)), rng.choice(list(COLORS))
    if shape_a == shape_b and color_a == color_b:
        color_b = rng.choice([c for c in COLORS if c != color_a])
    if free:
        ra, rb = rng.uniform(0.11, 0.17), rng.uniform(0.11, 0.17)
        (ax, ay), (bx, by) = _scatter(rng, [ra, rb])
    else:
        ra, rb = rng.uniform(*CANONICAL_RADIUS), rng.uniform(*CANONICAL_RADIUS)
        (ax, ay), (bx, by) = _place(rng, "row")
    bg_name, bg = _background(rng)
    a = _phrase(rng, shape_a, color_a if named else None)
    b = _phrase(rng, shape_b, color_b if named else None)
    body = rng.choice(PAIR_JOINS).format(a=a, b=b)
    items: list[dict[str, Any]] = [{"class": shape_a, "count": 1}, {"class": shape_b, "count": 1}]
    if named:
        items[0]["color"], items[1]["color"] = color_a, color_b
    return Scene(
        shapes=(Shape(shape_a, color_a, ax, ay, ra), Shape(shape_b, color_b, bx, by, rb)),
        background=bg,
        caption=_finish(rng, body, bg_name),
        tag="color_attr" if named else "two_object",
        include=tuple(items),
    )


def _relation_scene(rng: random.Random, free: bool) -> Scene:
    relation = rng.choice(RELATIONS)
    named = rng.random() < 0.6
    shape_a, shape_b = rng.choice(SHAPES), rng.choice(SHAPES)
    color_a, color_b = rng.choice(list(COLORS)), rng.choice(list(COLORS))
    if shape_a == shape_b and (color_a == color_b or not named):
        shape_b = rng.choice([s for s in SHAPES if s != shape_a])
    if free:
        ra, rb = rng.uniform(0.11, 0.16), rng.uniform(0.11, 0.16)
        while True:
            (ax, ay), (bx, by) = _scatter(rng, [ra, rb])
            along, across = (bx - ax, by - ay) if relation in ("left of", "right of") else (by - ay, bx - ax)
            if relation in ("right of", "below"):
                along = -along
            if along > 0.3 and abs(across) < 0.15:
                break
    else:
        ra, rb = rng.uniform(*CANONICAL_RADIUS), rng.uniform(*CANONICAL_RADIUS)
        first, second = _place(rng, "row" if relation in ("left of", "right of") else "column")
        (ax, ay), (bx, by) = (first, second) if relation in ("left of", "above") else (second, first)
    bg_name, bg = _background(rng)
    a = _phrase(rng, shape_a, color_a if named else None)
    b = _phrase(rng, shape_b, color_b if named else None)
    body = f"{a} {rng.choice(RELATION_WORDS[relation])} {b}"
    reference: dict[str, Any] = {"class": shape_b, "count": 1}
    subject: dict[str, Any] = {"class": shape_a, "count": 1, "position": [relation, 0]}
    if named:
        reference["color"], subject["color"] = color_b, color_a
    return Scene(
        shapes=(Shape(shape_a, color_a, ax, ay, ra), Shape(shape_b, color_b, bx, by, rb)),
        background=bg,
        caption=_finish(rng, body, bg_name),
        tag="position",
        include=(reference, subject),
    )


def _count_scene(rng: random.Random, free: bool) -> Scene:
    n = rng.choice([1, 2, 2, 3, 3, 4, 4])
    shape, color = rng.choice(SHAPES), rng.choice(list(COLORS))
    named = rng.random() < 0.6
    if free:
        radii = [rng.uniform(0.1, 0.14 if n > 2 else 0.16)] * n
        centres = _scatter(rng, radii)
    else:
        bounds = {1: CANONICAL_RADIUS_SINGLE, 4: CANONICAL_RADIUS_GRID}.get(n, CANONICAL_RADIUS)
        radii = [rng.uniform(*bounds)] * n
        centres = _place(rng, {1: "centre", 2: "row", 3: "triangle", 4: "grid"}[n])
    bg_name, bg = _background(rng)
    number = NUMBER_WORDS[n] if rng.random() < 0.8 else str(n)
    noun = PLURALS[shape] if n > 1 else shape
    if n == 1:
        body = _phrase(rng, shape, color if named else None)
    else:
        roll = rng.random()
        if roll < 0.7:
            body = f"{number} {color} {noun}" if named else f"{number} {noun}"
        elif roll < 0.85:
            body = f"a group of {number} {color} {noun}" if named else f"a group of {number} {noun}"
        else:
            body = f"{number} {noun}, all {color}" if named else f"exactly {number} {noun}"
    item: dict[str, Any] = {"class": shape, "count": n}
    if named:
        item["color"] = color
    return Scene(
        shapes=tuple(Shape(shape, color, cx, cy, r) for (cx, cy), r in zip(centres, radii, strict=True)),
        background=bg,
        caption=_finish(rng, body, bg_name),
        tag="counting",
        include=(item,),
        exclude=({"class": shape, "count": n + 1},),
    )


def _text_scene(rng: random.Random) -> Scene:
    word = rng.choice(WORDS)
    color = rng.choice(list(COLORS))
    backgrounds = {**BACKGROUNDS, **COLORS}
    bg_name = rng.choice([b for b, rgb in backgrounds.items() if math.dist(rgb, COLORS[color]) > 160])
    body = rng.choice(TEXT_TEMPLATES).format(w=word, c=color, bg=bg_name)
    return Scene(
        shapes=(),
        background=backgrounds[bg_name],
        caption=rng.choice(PREFIXES[:8]) + body,
        tag="text",
        text=word,
        text_color=color,
        font=rng.randrange(1 + len(FONT_FILES)),
    )
