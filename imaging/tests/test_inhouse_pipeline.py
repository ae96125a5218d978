from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
from PIL import Image

from imaging import pipelines
from imaging.inhouse.pipeline import (
    DEFAULT_STEPS,
    GUIDANCE_BY_PREDICTION,
    LINKED_FILES,
    NATIVE_SIZE,
    WEIGHTS_DIR,
    link_text_encoder,
    load_inhouse_pipeline,
    text_encoder_path,
)
from imaging.inhouse.vocab import COLORS
from imaging.pipelines import GenerationRequest, Pipelines, generate

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def pipe() -> StableDiffusionPipeline:
    torch.set_num_threads(1)
    return load_inhouse_pipeline(WEIGHTS_DIR, device="cpu")


def _draw(pipe: StableDiffusionPipeline, prompt: str, seed: int) -> Image.Image:
    generator = torch.Generator("cpu").manual_seed(seed)
    guidance = pipelines.model_guidance_scale(pipelines.INHOUSE)  # what the worker draws the committed model with
    output = pipe(prompt, num_inference_steps=DEFAULT_STEPS, guidance_scale=guidance, generator=generator)
    return output.images[0]


def test_the_text_encoder_is_read_from_the_installed_package_not_the_repo() -> None:
    path = text_encoder_path()
    assert (path / "model.safetensors").exists()
    assert REPO / "imaging" not in path.parents
    tracked = subprocess.run(  # noqa: S603 - fixed arguments
        ["git", "ls-files", str(WEIGHTS_DIR.relative_to(REPO))],  # noqa: S607 - git from PATH
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    linked = {f"{component}/{name}" for component, names in LINKED_FILES.items() for name in names}
    assert {"text_encoder/config.json", "tokenizer/tokenizer_config.json"} <= {
        str(Path(p).relative_to(WEIGHTS_DIR.relative_to(REPO))) for p in tracked
    }
    assert not any(p.endswith(tuple(linked)) for p in tracked)


def _copy_without_links(target: Path) -> Path:
    """The committed model folder as a fresh clone has it: configuration, UNet, VAE, no links yet."""
    linked = {name for names in LINKED_FILES.values() for name in names}
    shutil.copytree(WEIGHTS_DIR, target, ignore=lambda _, names: [n for n in names if n in linked])
    return target


def test_a_plain_from_pretrained_loads_the_folder_once_linked_to_the_package(
    tmp_path: Path, pipe: StableDiffusionPipeline
) -> None:
    from diffusers import DiffusionPipeline

    folder = _copy_without_links(tmp_path / "model")
    links = link_text_encoder(folder)
    assert all(link.is_symlink() and text_encoder_path() in link.resolve().parents for link in links)
    plain = DiffusionPipeline.from_pretrained(folder, local_files_only=True)
    plain.set_progress_bar_config(disable=True)
    assert type(plain).__name__ == "StableDiffusionPipeline"
    assert plain.tokenizer.model_max_length == pipe.tokenizer.model_max_length
    assert plain.text_encoder.config.use_attention_mask
    assert np.array_equal(
        np.asarray(_draw(plain, "two red stars", seed=5)), np.asarray(_draw(pipe, "two red stars", seed=5))
    )


def test_linking_again_keeps_the_links_and_a_real_weights_file_is_refused(tmp_path: Path) -> None:
    folder = _copy_without_links(tmp_path / "model")
    first = link_text_encoder(folder)
    assert link_text_encoder(folder) == first
    weights = folder / "text_encoder" / "model.safetensors"
    weights.unlink()
    weights.write_bytes(b"a copy")
    with pytest.raises(FileExistsError, match="its package"):
        link_text_encoder(folder)


def test_the_committed_weights_stay_under_50_mb() -> None:
    # The links into the MiniLM package are not the repo's weights.
    total = sum(f.stat().st_size for f in WEIGHTS_DIR.rglob("*") if f.is_file() and not f.is_symlink())
    assert total < 50 * 2**20
    assert list(WEIGHTS_DIR.rglob("*.safetensors"))


def test_the_folder_asks_for_the_guidance_scale_its_prediction_type_was_tuned_for() -> None:
    prediction = json.loads((WEIGHTS_DIR / "scheduler" / "scheduler_config.json").read_text())["prediction_type"]
    assert pipelines.model_guidance_scale(pipelines.INHOUSE) == GUIDANCE_BY_PREDICTION[prediction]
    assert pipelines.model_guidance_scale(f"inhouse:{WEIGHTS_DIR}") == GUIDANCE_BY_PREDICTION[prediction]


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


@pytest.fixture(scope="module")
def product_pipes() -> Pipelines:
    torch.set_num_threads(1)
    return pipelines.load_pipelines(pipelines.INHOUSE, device="cpu", dtype=torch.float32)


def _blocks_are_uniform(image: Image.Image, factor: int) -> bool:
    pixels = np.asarray(image, dtype=np.int16)
    blocks = pixels.reshape(pixels.shape[0] // factor, factor, pixels.shape[1] // factor, factor, 3)
    return bool((blocks == blocks[:, :1, :, :1]).all())


def test_the_product_draws_natively_and_upscales_crisply_to_the_size_asked(product_pipes: Pipelines) -> None:
    request = GenerationRequest(prompt="a blue circle", width=256, height=256, seed=1, steps=4)
    result = generate(product_pipes, request)
    assert product_pipes.native_size == NATIVE_SIZE
    assert result.images[0].size == (256, 256)
    assert _blocks_are_uniform(result.images[0], 256 // NATIVE_SIZE)
    native = product_pipes.text2img(
        "a blue circle", num_inference_steps=4, guidance_scale=request.guidance_scale,
        generator=torch.Generator("cpu").manual_seed(1),
    ).images[0]  # fmt: skip
    assert np.array_equal(np.asarray(result.images[0])[::4, ::4], np.asarray(native))


def test_a_size_that_is_no_whole_multiple_keeps_its_aspect_ratio(product_pipes: Pipelines) -> None:
    assert product_pipes.run_size(256, 384) == (64, 96)
    request = GenerationRequest(prompt="a red heart", width=200, height=200, seed=1, steps=2)
    assert generate(product_pipes, request).images[0].size == (200, 200)


@pytest.mark.parametrize("mode", ["edit", "variation", "inpaint"])
def test_edits_run_at_the_native_size_too(product_pipes: Pipelines, mode: str) -> None:
    source = Image.new("RGB", (512, 512), (200, 30, 30))
    mask = Image.new("L", (512, 512), 0)
    mask.paste(255, (0, 0, 256, 512))
    request = GenerationRequest(
        prompt="a yellow star", width=256, height=256, seed=2, steps=4, mode=mode,  # type: ignore[arg-type]
        source=source, mask=mask if mode == "inpaint" else None, strength=0.75,
    )  # fmt: skip
    result = generate(product_pipes, request)
    assert result.images[0].size == (256, 256)
    assert _blocks_are_uniform(result.images[0], 4)
    assert result.steps_done == 3  # image-to-image runs steps * strength
