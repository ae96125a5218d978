"""The closed world the in-house model is trained on: shapes, colours, backgrounds, counts, relations, words."""

from __future__ import annotations

SHAPES: tuple[str, ...] = ("circle", "square", "triangle", "star", "heart")
PLURALS: dict[str, str] = {shape: f"{shape}s" for shape in SHAPES}

# GenEval's ten colour names, drawn as saturated, well separated RGB values.
COLORS: dict[str, tuple[int, int, int]] = {
    "red": (220, 30, 35),
    "orange": (250, 135, 0),
    "yellow": (250, 225, 20),
    "green": (30, 165, 60),
    "blue": (35, 75, 225),
    "purple": (135, 45, 185),
    "pink": (250, 125, 190),
    "brown": (125, 70, 25),
    "black": (10, 10, 10),
    "white": (250, 250, 250),
}

# Neutral backgrounds for shape scenes: none is close to a shape colour, so white and black shapes stay visible.
BACKGROUNDS: dict[str, tuple[int, int, int]] = {
    "light gray": (195, 195, 195),
    "gray": (140, 140, 140),
    "dark gray": (70, 72, 78),
    "beige": (222, 205, 170),
    "light blue": (170, 200, 225),
}

NUMBER_WORDS: dict[int, str] = {1: "one", 2: "two", 3: "three", 4: "four"}
RELATIONS: tuple[str, ...] = ("left of", "right of", "above", "below")
INVERSE_RELATION: dict[str, str] = {"left of": "right of", "right of": "left of", "above": "below", "below": "above"}

WORDS: tuple[str, ...] = (
    "CAFE", "OPEN", "SALE", "STOP", "HELLO", "ART", "SUN", "LOVE", "MENU", "BAR", "TAXI", "HOTEL", "JAZZ", "BOOK",
)  # fmt: skip
