from __future__ import annotations

import random

import numpy as np
import pytest

from imaging.inhouse.detector import detect
from imaging.inhouse.evaluation import check
from imaging.inhouse.scenes import render, sample_scene
from imaging.inhouse.vocab import COLORS


@pytest.mark.parametrize("layout", ["free", "canonical"])
@pytest.mark.parametrize("kind", ["single", "pair", "relation", "count"])
def test_rendered_scenes_show_what_their_captions_say(kind: str, layout: str) -> None:
    rng = random.Random(7)
    scenes = [sample_scene(rng, kind=kind, layout=layout) for _ in range(40)]
    failures = [s.caption for s in scenes if not check(s.spec(), detect(render(s)))]
    assert failures == []


def test_captions_name_the_colour_and_shape_of_every_specified_object() -> None:
    rng = random.Random(3)
    for _ in range(200):
        scene = sample_scene(rng)
        for item in scene.spec()["include"]:
            assert item["class"] in scene.caption
            if "color" in item:
                assert item["color"] in scene.caption


def test_training_captions_never_use_the_held_out_eval_phrasing() -> None:
    rng = random.Random(11)
    assert not any("a photo of" in sample_scene(rng).caption for _ in range(2000))


def test_a_scene_sampled_from_the_same_seed_renders_identically() -> None:
    first = render(sample_scene(random.Random(5)))
    second = render(sample_scene(random.Random(5)))
    assert first.tobytes() == second.tobytes()


def test_a_text_scene_writes_its_word_in_the_captioned_colour() -> None:
    scene = sample_scene(random.Random(2), kind="text")
    pixels = np.asarray(render(scene, 128), dtype=np.float32)
    assert scene.text is not None and scene.text in scene.caption
    assert scene.text_color is not None and scene.text_color in scene.caption
    near_text_colour = np.linalg.norm(pixels - np.array(COLORS[scene.text_color]), axis=-1) < 30
    assert 0.03 < near_text_colour.mean() < 0.6
