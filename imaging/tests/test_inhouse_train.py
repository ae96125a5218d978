from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from imaging.inhouse.scenes import Scene, Shape, render, sample_scene
from imaging.inhouse.train import _scene_mix, object_cells


def _tensor(scene: Scene) -> torch.Tensor:
    pixels = np.asarray(render(scene), dtype=np.float32)
    return torch.from_numpy(pixels).permute(2, 0, 1)[None] / 127.5 - 1.0


def test_object_cells_cover_the_objects_and_leave_the_background() -> None:
    scene = Scene(shapes=(Shape("square", "red", 0.25, 0.25, 0.1),), background=(140, 140, 140), caption="", tag="")
    cells = object_cells(_tensor(scene), 16)[0, 0]
    assert cells.shape == (16, 16)
    assert cells[4, 4] == 1  # the square's centre (a quarter of the side)
    assert cells[12, 12] == 0 and cells[0, 15] == 0
    assert 0 < cells.mean() < 0.1


def test_object_cells_of_rendered_scenes_are_a_minority() -> None:
    rng = random.Random(0)
    images = torch.cat([_tensor(sample_scene(rng, kind="pair")) for _ in range(8)])
    share = object_cells(images, 16).mean(dim=(1, 2, 3))
    assert bool(((share > 0.05) & (share < 0.6)).all())


def test_the_default_scene_mix_string_names_known_kinds_only() -> None:
    mix = _scene_mix("single:0.12+pair:0.38+relation:0.25+count:0.22+text:0.03")
    assert mix is not None and abs(sum(mix.values()) - 1.0) < 1e-9
    assert _scene_mix("default") is None


@pytest.fixture
def trained_like_unet():
    """A fresh in-house UNet with every parameter perturbed: trained weights are not zero-initialised like a fresh
    UNet's outputs, so every layer matters to what it draws."""
    from imaging.inhouse.pipeline import build_unet

    torch.manual_seed(0)
    unet = build_unet().eval()
    with torch.no_grad():
        for param in unet.parameters():
            param.add_(0.05 * torch.randn_like(param))
    return unet


def test_deepen_unet_draws_exactly_as_before_and_trains_the_new_blocks(trained_like_unet) -> None:
    from imaging.inhouse.train import deepen_unet

    unet = trained_like_unet
    deeper = deepen_unet(unet, 2).eval()
    assert deeper.config["transformer_layers_per_block"] == 2
    assert sum(p.numel() for p in deeper.parameters()) > 1.3 * sum(p.numel() for p in unet.parameters())
    sample, timesteps, context = torch.randn(2, 4, 16, 16), torch.tensor([999, 200]), torch.randn(2, 24, 384)
    with torch.no_grad():
        assert torch.equal(unet(sample, timesteps, context).sample, deeper(sample, timesteps, context).sample)
    deeper.train()
    deeper(sample, timesteps, context).sample.pow(2).mean().backward()
    output = deeper.get_submodule("down_blocks.1.attentions.0.transformer_blocks.1.attn2.to_out.0")
    assert isinstance(output, torch.nn.Linear)
    assert output.weight.grad is not None and output.weight.grad.abs().sum() > 0


def test_deepen_unet_refuses_to_remove_layers() -> None:
    from imaging.inhouse.pipeline import build_unet
    from imaging.inhouse.train import deepen_unet

    with pytest.raises(ValueError, match="transformer layers"):
        deepen_unet(build_unet(transformer_layers=2), 1)


def test_add_text_embedding_draws_exactly_as_before_and_trains_the_new_module(tmp_path, trained_like_unet) -> None:
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

    from imaging.inhouse.train import add_text_embedding

    unet = trained_like_unet
    wider = add_text_embedding(unet).eval()
    assert wider.config["addition_embed_type"] == "text"
    sample, timesteps = torch.randn(2, 4, 16, 16), torch.tensor([999, 200])
    context = torch.randn(2, 24, 384)
    with torch.no_grad():
        assert torch.equal(unet(sample, timesteps, context).sample, wider(sample, timesteps, context).sample)
    wider.train()
    wider(sample, timesteps, context).sample.pow(2).mean().backward()
    norm = wider.add_embedding.norm2
    assert norm.weight.grad is not None and norm.weight.grad.abs().sum() > 0
    # Once trained away from zero, the pooled path changes what the UNet draws, and the saved folder loads back
    # as the same model with plain diffusers.
    with torch.no_grad():
        norm.weight.fill_(1.0)
        wider.eval()
        moved = wider(sample, timesteps, context).sample
        assert (moved - unet(sample, timesteps, context).sample).abs().mean() > 1e-3
    wider.save_pretrained(tmp_path)
    again = UNet2DConditionModel.from_pretrained(tmp_path).eval()
    with torch.no_grad():
        assert torch.equal(again(sample, timesteps, context).sample, wider(sample, timesteps, context).sample)
    with pytest.raises(ValueError, match="already has"):
        add_text_embedding(wider)


def test_a_rebuilt_unet_must_take_every_old_weight_and_leave_only_the_named_ones_new(trained_like_unet) -> None:
    from imaging.inhouse.train import _rebuilt

    unet = trained_like_unet
    with pytest.raises(ValueError, match="do not line up"):  # new keys the caller did not name
        _rebuilt(unet, {"addition_embed_type": "text", "addition_embed_type_num_heads": 8}, new=lambda key: False)
    same = _rebuilt(unet, {}, new=lambda key: False)
    assert all(torch.equal(a, b) for a, b in zip(unet.state_dict().values(), same.state_dict().values(), strict=True))


@pytest.mark.parametrize(("rounds", "option", "added"), [
    ("0,0,0,0,0,0,0,1", [], True),  # the default: before the eighth round, as for the committed weights
    ("0,0,1", [], False),  # an earlier round trains the UNet as it was
    ("0,0,1", ["--text-embedding"], True),  # bare: before the first round trained
    ("0,0,0,0,0,0,0,1", ["--text-embedding", "-1"], False),
])
def test_the_trainer_adds_the_text_embedding_before_the_round_it_is_asked_for(
    tmp_path, rounds: str, option: list[str], added: bool,
) -> None:
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

    from imaging.inhouse.pipeline import WEIGHTS_DIR, build_unet
    from imaging.inhouse.train import main

    torch.manual_seed(0)
    build_unet().save_pretrained(tmp_path / "base" / "unet")
    main(["--out", str(tmp_path / "out"), "--vae-from", str(WEIGHTS_DIR), "--unet-from", str(tmp_path / "base"),
          "--decoder-steps", "0", "--unet-steps", rounds, "--batch-size", "2", "--threads", "1", *option])
    trained = UNet2DConditionModel.from_pretrained(tmp_path / "out" / "unet")
    assert (trained.config["addition_embed_type"] == "text") is added
