"""A classical detector for the in-house world: colour segmentation, then shape classification by templates.

No learning: the background is the median border colour, objects are connected regions that differ from it, cut
back to where they cover half a pixel (their half-contrast edge), an object's colour is the palette colour nearest
its median, and its shape is the template (rendered by the same polygon code as the training scenes, crisp or as
soft as a generated image, normalised to the bounding box) with the highest overlap. `bench/inhouse_detector.py`
measures it on rendered ground truth, crisp, blurred and through the in-house VAE.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

from .scenes import shape_polygon
from .vocab import COLORS, SHAPES

FOREGROUND_DISTANCE = 45.0  # RGB distance from the background above which a pixel starts a region
EDGE_CONTRAST = 0.5  # an object's edge: where the distance from the background is half that of its own colour
MIN_AREA_FRACTION = 20 / 64**2  # smallest object: 20 pixels of a 64 x 64 image
SPLIT_SHARE = 0.3  # a region holding two palette colours this far apart, each this large, is two objects
SPLIT_DISTANCE = 130.0
TEMPLATE_SIDE = 32
TEMPLATE_BLURS = (1.5,)  # Gaussian radius (pixels of the image) of the soft templates: about the VAE's softness

_PALETTE_NAMES = tuple(COLORS)
_PALETTE = np.array([COLORS[name] for name in _PALETTE_NAMES], dtype=np.float32)


@dataclass(frozen=True)
class Detection:
    """One object; coordinates are fractions of the image side (x to the right, y downwards)."""

    shape: str
    color: str
    cx: float
    cy: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    area: float  # fraction of the image
    match: float  # overlap with the best template, 0..1


def detect(image: Image.Image) -> list[Detection]:
    """All objects in ``image``, largest first."""
    pixels = np.asarray(image.convert("RGB"), dtype=np.float32)
    height, width, _ = pixels.shape
    background = _background(pixels)
    distance = np.linalg.norm(pixels - background, axis=-1)
    foreground = distance > FOREGROUND_DISTANCE
    labels = _nearest_colour(pixels)
    core = ndimage.binary_erosion(foreground, structure=np.ones((3, 3), dtype=bool))
    regions, count = ndimage.label(foreground, structure=np.ones((3, 3), dtype=bool))
    min_area = MIN_AREA_FRACTION * height * width
    detections = []
    for index in range(1, count + 1):
        region = regions == index
        if region.sum() < min_area:
            continue
        for mask in _split_by_colour(region, core & region, labels):
            mask = _at_edge(mask, distance)
            if mask.sum() >= min_area:
                detections.append(_describe(mask, pixels, width, height))
    return sorted(detections, key=lambda d: -d.area)


def _background(pixels: NDArray[np.float32]) -> NDArray[np.float32]:
    border = np.concatenate([pixels[:2].reshape(-1, 3), pixels[-2:].reshape(-1, 3),
                             pixels[:, :2].reshape(-1, 3), pixels[:, -2:].reshape(-1, 3)])  # fmt: skip
    return np.median(border, axis=0).astype(np.float32)


def _nearest_colour(pixels: NDArray[np.float32]) -> NDArray[np.intp]:
    distances = np.linalg.norm(pixels[:, :, None, :] - _PALETTE[None, None], axis=-1)
    return np.argmin(distances, axis=-1)


def _split_by_colour(
    region: NDArray[np.bool_], core: NDArray[np.bool_], labels: NDArray[np.intp]
) -> list[NDArray[np.bool_]]:
    """One mask per object in a connected region: two objects of clearly different colours may touch."""
    core_labels = labels[core]
    if core_labels.size == 0:
        return [region]
    shares = np.bincount(core_labels, minlength=len(_PALETTE)) / core_labels.size
    major = [int(i) for i in np.argsort(-shares) if shares[i] >= SPLIT_SHARE]
    distinct = len(major) >= 2 and np.linalg.norm(_PALETTE[major[0]] - _PALETTE[major[1]]) > SPLIT_DISTANCE
    if not distinct:
        return [region]
    masks = []
    for colour in major[:2]:
        seed = ndimage.binary_opening(core & (labels == colour))
        parts, count = ndimage.label(seed)
        for index in range(1, count + 1):
            masks.append(ndimage.binary_dilation(parts == index) & region)
    return masks


def _at_edge(mask: NDArray[np.bool_], distance: NDArray[np.float32]) -> NDArray[np.bool_]:
    """``mask`` cut back to the object's half-contrast edge.

    A soft edge blends the object's colour into the background, so a pixel's distance from the background rises
    from 0 to the object's own over a pixel or two; the fixed threshold that finds regions takes in most of that
    blend around a bright object, which fills a star's notches and rounds a triangle's corners. The edge is where
    the blend is half object, half background (as a renderer's anti-aliasing draws it)."""
    own = float(np.median(distance[_inner(mask)]))
    return mask & (distance >= EDGE_CONTRAST * own)


def _inner(mask: NDArray[np.bool_]) -> NDArray[np.bool_]:
    inner = ndimage.binary_erosion(mask)
    return inner if inner.sum() >= 4 else mask


def _median_colour(mask: NDArray[np.bool_], pixels: NDArray[np.float32]) -> NDArray[np.float32]:
    return np.median(pixels[_inner(mask)], axis=0).astype(np.float32)


def _describe(mask: NDArray[np.bool_], pixels: NDArray[np.float32], width: int, height: int) -> Detection:
    ys, xs = np.nonzero(mask)
    median = _median_colour(mask, pixels)
    colour = _PALETTE_NAMES[int(np.argmin(np.linalg.norm(_PALETTE - median, axis=-1)))]
    shape, match = classify_shape(mask[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1])
    return Detection(
        shape=shape,
        color=colour,
        cx=float(xs.mean() + 0.5) / width,
        cy=float(ys.mean() + 0.5) / height,
        box=(xs.min() / width, ys.min() / height, (xs.max() + 1) / width, (ys.max() + 1) / height),
        area=float(mask.sum()) / (width * height),
        match=match,
    )


def classify_shape(mask: NDArray[np.bool_]) -> tuple[str, float]:
    """Name of the template that overlaps the bounding-box-normalised ``mask`` best, and that overlap (IoU)."""
    sample = _normalise(mask.astype(np.float32))
    best, best_iou = SHAPES[0], -1.0
    for shape, templates in _templates().items():
        for template in templates:
            iou = float(np.minimum(sample, template).sum() / np.maximum(sample, template).sum())
            if iou > best_iou:
                best, best_iou = shape, iou
    return best, best_iou


def _normalise(mask: NDArray[np.float32]) -> NDArray[np.float32]:
    image = Image.fromarray((mask * 255).astype(np.uint8))
    resized = image.resize((TEMPLATE_SIDE, TEMPLATE_SIDE), Image.Resampling.BILINEAR)
    return np.asarray(resized, dtype=np.float32) / 255.0


@cache
def _templates() -> dict[str, list[NDArray[np.float32]]]:
    """Per shape: the crisp outline, and the outlines it has when drawn small and soft.

    Objects 10 to 24 pixels wide lose their points and notches to anti-aliasing, and a generated image is softer
    still (its VAE decodes every edge over a pixel or two), so a small star is matched against small stars,
    crisp and blurred, cut at the same half-contrast edge as the masks (``_at_edge``)."""
    templates: dict[str, list[NDArray[np.float32]]] = {}
    for shape in SHAPES:
        templates[shape] = []
        for side in (256, 24, 16, 12):
            canvas = Image.new("L", (side * 4, side * 4), 0)
            ImageDraw.Draw(canvas).polygon(shape_polygon(shape, side * 2, side * 2, side * 1.6), fill=255)
            small = canvas.reduce(4)
            outlines = [np.asarray(small) > 90]
            if side < 256:
                for blur in TEMPLATE_BLURS:
                    soft = small.filter(ImageFilter.GaussianBlur(blur))
                    outlines.append(np.asarray(soft) >= 255 * EDGE_CONTRAST)
            for array in outlines:
                ys, xs = np.nonzero(array)
                crop = array[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float32)
                templates[shape].append(_normalise(crop))
    return templates
