"""The tiny random pipeline (built offline), its progress hooks, interruption and the edit modes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from imaging import pipelines
from imaging.pipelines import GenerationError, GenerationRequest, Pipelines, StepInfo, generate


@pytest.fixture(scope="module")
def pipes() -> Pipelines:
    import torch

    torch.set_num_threads(1)  # a shared machine: more threads oversubscribe the cores
    return pipelines.load_pipelines(pipelines.TINY_RANDOM, device="cpu", dtype=torch.float32)


def request(**overrides: object) -> GenerationRequest:
    values: dict[str, object] = dict(prompt="a lighthouse at dusk", width=64, height=64, seed=3, steps=6)
    values.update(overrides)
    return GenerationRequest(**values)  # type: ignore[arg-type]


def test_the_model_is_loaded_once_per_process(pipes: Pipelines) -> None:
    import torch

    again = pipelines.load_pipelines(pipelines.TINY_RANDOM, device="cpu", dtype=torch.float32)
    assert again is pipes
    assert again.img2img.unet is pipes.text2img.unet  # edits share the same weights


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean per-pixel difference: CPU float reductions differ in the last bits between runs, and a random
    network amplifies them a little, so "the same" means close, not bit-identical."""
    return float(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16)).mean())


def test_the_same_seed_makes_the_same_image_and_another_seed_another(pipes: Pipelines) -> None:
    first = generate(pipes, request()).images[0]
    again = generate(pipes, request()).images[0]
    other = generate(pipes, request(seed=4)).images[0]
    assert difference(first, again) < 4
    assert difference(first, other) > 15


def test_each_image_of_a_batch_has_its_own_seed(pipes: Pipelines) -> None:
    batch = generate(pipes, request(n=2, seed=10))
    alone = generate(pipes, request(n=1, seed=11))
    assert batch.seeds == [10, 11]
    assert difference(batch.images[1], alone.images[0]) < 4
    assert difference(batch.images[0], alone.images[0]) > 15


def test_progress_is_reported_every_step_with_a_preview_every_few_steps(pipes: Pipelines) -> None:
    seen: list[StepInfo] = []

    def record(info: StepInfo) -> bool:
        seen.append(info)
        return True

    result = generate(pipes, request(steps=8), on_step=record, preview_every=3)
    assert [info.step for info in seen] == list(range(1, 9))
    assert {info.steps for info in seen} == {8}
    assert [info.step for info in seen if info.preview is not None] == [3, 6]
    preview = seen[2].preview
    assert preview is not None and preview.size == (8, 8)  # latents: an eighth of the image a side
    assert len(pipelines.encode_preview(preview)) < 2000
    assert not result.cancelled and len(result.images) == 1


def test_returning_false_interrupts_the_pipeline(pipes: Pipelines) -> None:
    calls: list[int] = []

    def stop_at_two(info: StepInfo) -> bool:
        calls.append(info.step)
        return info.step < 2

    result = generate(pipes, request(steps=30), on_step=stop_at_two)
    assert result.cancelled and result.images == []
    assert calls == [1, 2]


def test_an_edit_runs_image_to_image_for_a_share_of_the_steps(pipes: Pipelines) -> None:
    source = Image.new("RGB", (96, 64), "navy")  # not square: cropped and resized to the request
    seen: list[int] = []

    def record(info: StepInfo) -> bool:
        seen.append(info.steps)
        return True

    result = generate(pipes, request(mode="edit", source=source, strength=0.5, steps=10), on_step=record)
    assert set(seen) == {5}
    assert result.images[0].size == (64, 64)


def test_inpainting_uses_the_mask(pipes: Pipelines) -> None:
    source = Image.new("RGB", (64, 64), "navy")
    mask = Image.new("L", (64, 64), 0)
    mask.paste(255, (16, 16, 48, 48))
    result = generate(pipes, request(mode="inpaint", source=source, mask=mask, strength=1.0, n=2))
    assert [image.size for image in result.images] == [(64, 64), (64, 64)]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"prompt": "  "}, "empty"),
        ({"width": 100}, "multiples of 8"),
        ({"mode": "edit"}, "needs a source image"),
        ({"mode": "inpaint", "source": Image.new("RGB", (64, 64))}, "needs a mask"),
    ],
)
def test_bad_requests_raise_a_clear_error(pipes: Pipelines, overrides: dict[str, object], message: str) -> None:
    with pytest.raises(GenerationError, match=message):
        generate(pipes, request(**overrides))


# --- per-model defaults --------------------------------------------------------------------------------------

def test_a_model_folder_sets_its_own_guidance_scale(tmp_path: Path) -> None:
    (tmp_path / "atelier.json").write_text('{"guidance_scale": 1.5}')
    assert pipelines.model_guidance_scale(str(tmp_path)) == 1.5
    assert pipelines.model_guidance_scale(f"inhouse:{tmp_path}") == 1.5


def test_without_atelier_json_the_fallback_scale_is_used(tmp_path: Path) -> None:
    assert pipelines.model_guidance_scale(str(tmp_path), fallback=3.0) == 3.0
    assert pipelines.model_guidance_scale(pipelines.TINY_RANDOM) == pipelines.DEFAULT_GUIDANCE_SCALE
    assert pipelines.model_guidance_scale("some-org/not-a-folder", fallback=2.0) == 2.0


@pytest.mark.parametrize("content", ['{"guidance_scale": "high"}', "[1.5]", "not json", '{"guidance_scale": -1}'])
def test_a_malformed_atelier_json_is_an_error_not_another_scale(tmp_path: Path, content: str) -> None:
    (tmp_path / "atelier.json").write_text(content)
    with pytest.raises(GenerationError, match="guidance_scale"):
        pipelines.model_guidance_scale(str(tmp_path))
