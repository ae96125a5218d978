from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
from PIL import Image

from imaging.inhouse.pipeline import (
    DEFAULT_GUIDANCE,
    DEFAULT_STEPS,
    WEIGHTS_DIR,
    load_inhouse_pipeline,
    text_encoder_path,
)
from imaging.inhouse.vocab import COLORS

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pipe() -> StableDiffusionPipeline:
    torch.set_num_threads(1)
    return load_inhouse_pipeline(WEIGHTS_DIR, device="cpu")


def _draw(pipe: StableDiffusionPipeline, prompt: str, seed: int) -> Image.Image:
    generator = torch.Generator("cpu").manual_seed(seed)
    output = pipe(prompt, num_inference_steps=DEFAULT_STEPS, guidance_scale=DEFAULT_GUIDANCE, generator=generator)
    return output.images[0]


def test_the_text_encoder_is_read_from_the_installed_package_not_the_repo() -> None:
    path = text_encoder_path()
    assert (path / "model.safetensors").exists()
    assert REPO / "imaging" not in path.parents
    assert not any(WEIGHTS_DIR.rglob("text_encoder*"))


def test_the_committed_weights_stay_under_50_mb() -> None:
    total = sum(f.stat().st_size for f in WEIGHTS_DIR.rglob("*") if f.is_file())
    assert total < 50 * 2**20
    assert list(WEIGHTS_DIR.rglob("*.safetensors"))


def test_the_folder_loads_as_a_stable_diffusion_pipeline(pipe: StableDiffusionPipeline) -> None:
    assert type(pipe).__name__ == "StableDiffusionPipeline"
    assert type(pipe.text_encoder).__name__ == "BertModel"
    assert pipe.unet.config.cross_attention_dim == pipe.text_encoder.config.hidden_size == 384


def test_a_prompt_gives_a_64_pixel_rgb_image(pipe: StableDiffusionPipeline) -> None:
    image = _draw(pipe, "a photo of a green square", seed=1)
    assert image.mode == "RGB"
    assert image.size == (64, 64)


def test_the_same_seed_gives_the_same_image(pipe: StableDiffusionPipeline) -> None:
    first = np.asarray(_draw(pipe, "two yellow hearts", seed=3))
    second = np.asarray(_draw(pipe, "two yellow hearts", seed=3))
    other = np.asarray(_draw(pipe, "two yellow hearts", seed=4))
    assert np.array_equal(first, second)
    assert not np.array_equal(first, other)


def _share_of(colour: str, image: Image.Image) -> float:
    pixels = np.asarray(image, dtype=np.float32)
    return float((np.linalg.norm(pixels - np.array(COLORS[colour]), axis=-1) < 80).mean())


def test_the_colour_named_in_the_prompt_dominates_the_image(pipe: StableDiffusionPipeline) -> None:
    reds = [_draw(pipe, "a photo of a red heart", seed) for seed in range(3)]
    blues = [_draw(pipe, "a photo of a blue heart", seed) for seed in range(3)]
    assert sum(_share_of("red", im) for im in reds) > 2 * sum(_share_of("red", im) for im in blues)
    assert sum(_share_of("blue", im) for im in blues) > 2 * sum(_share_of("blue", im) for im in reds)


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="model_index.json"):
        load_inhouse_pipeline(tmp_path, device="cpu")
