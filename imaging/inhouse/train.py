"""Train the in-house model from scratch on procedural scenes rendered on the fly.

    python -m imaging.inhouse.train --out imaging/inhouse/weights

Two stages, both seeded: the VAE learns to reconstruct rendered scenes, then the UNet learns to denoise VAE
latents conditioned on MiniLM token embeddings of the captions (10% of captions dropped for classifier-free
guidance). Uses CUDA when present, the CPU otherwise. Nothing is written to disk except the weights folder.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import random
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .pipeline import (
    GUIDANCE_BY_PREDICTION,
    MAX_TOKENS,
    MODEL_INDEX,
    NATIVE_SIZE,
    SCHEDULER_CONFIG,
    build_unet,
    build_vae,
    link_text_encoder,
    load_text_encoder,
    sampling_scheduler_config,
    write_text_encoder_configs,
)
from .scenes import KINDS, render, sample_scene

if TYPE_CHECKING:
    import torch
    from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel
    from transformers import BertModel, BertTokenizer


def scene_batches(
    seed: int,
    batch_size: int,
    *,
    layout: str = "canonical",
    size: int = NATIVE_SIZE,
    mix: dict[str, float] | None = None,
) -> Iterator[tuple[torch.Tensor, list[str]]]:
    """Endless batches of (images in [-1, 1] as NCHW float tensors, captions), reproducible from ``seed``.

    ``mix`` weighs the scene kinds (``scenes.KINDS`` when None)."""
    import torch

    rng = random.Random(seed)  # noqa: S311 - seeded data, not security
    layouts = ("canonical", "free") if layout == "mixed" else (layout,)

    def kind() -> str | None:
        return rng.choices(list(mix), weights=list(mix.values()))[0] if mix else None

    while True:
        scenes = [sample_scene(rng, kind=kind(), layout=layouts[i % len(layouts)]) for i in range(batch_size)]
        pixels = np.stack([np.asarray(render(scene, size), dtype=np.float32) for scene in scenes])
        images = torch.from_numpy(pixels).permute(0, 3, 1, 2) / 127.5 - 1.0
        yield images, [scene.caption for scene in scenes]


def encode_captions(
    captions: list[str], encoder: BertModel, tokenizer: BertTokenizer, device: torch.device
) -> torch.Tensor:
    """Token embeddings exactly as ``StableDiffusionPipeline.encode_prompt`` computes them for this encoder."""
    import torch

    tokens = tokenizer(captions, padding="max_length", max_length=MAX_TOKENS, truncation=True, return_tensors="pt")
    with torch.no_grad():
        out = encoder(tokens.input_ids.to(device), attention_mask=tokens.attention_mask.to(device))
    return out[0]


def _lr_at(step: int, total: int, peak: float, warmup: int) -> float:
    if step < warmup:
        return peak * (step + 1) / warmup
    progress = (step - warmup) / max(1, total - warmup)
    return peak * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def train_vae(
    vae: AutoencoderKL,
    *,
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    device: torch.device,
    log_every: int,
    decoder_only: bool = False,
    object_weight: float = 0.0,
    round_index: int = 0,
) -> None:
    """Reconstruction (L1 + MSE) with a tiny KL term.

    The VAE has no attention, so it trains on 32 x 32 crops (aligned to its 4-pixel latent grid): four times
    cheaper per image than whole scenes and just as informative about local colour and edges. With
    ``decoder_only`` the encoder, and so the latent space the UNet learns, stays fixed while the decoder learns
    to turn slightly noisy latents (as a denoiser leaves them) into clean flat shapes.
    """
    import torch

    torch.nn.Module.to(vae, device)  # the model classes decorate .to in a way mypy cannot follow
    vae.train()
    vae.requires_grad_(True)
    if decoder_only:
        vae.encoder.requires_grad_(False)
        if vae.quant_conv is not None:
            vae.quant_conv.requires_grad_(False)
    parameters = [p for p in vae.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=lr, weight_decay=0.0)
    offset = 10 * round_index
    # Both layouts: canonical scenes are what the UNet draws, free ones keep small objects and any placement.
    batches = scene_batches(seed + offset + (5 if decoder_only else 0), batch_size, layout="mixed")
    crop_rng = random.Random(seed + offset + (6 if decoder_only else 4))  # noqa: S311 - seeded data, not security
    noise = torch.Generator(device="cpu").manual_seed(seed + offset + 7)
    name = "decoder" if decoder_only else "vae"
    started = time.monotonic()
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = _lr_at(step, steps, lr, warmup=50)
        images, _ = next(batches)
        top, left = (4 * crop_rng.randrange(9) for _ in range(2))
        images = images[:, :, top : top + 32, left : left + 32].to(device)
        if decoder_only:
            with torch.no_grad():
                latents = vae.encode(images).latent_dist.mode()
                jitter = torch.randn(latents.shape, generator=noise) * (0.1 / vae.config["scaling_factor"])
            recon = vae.decode(latents + jitter.to(device)).sample
            kl = torch.zeros(())
        else:
            posterior = vae.encode(images).latent_dist
            recon = vae.decode(posterior.sample()).sample
            kl = posterior.kl().mean() / images[0].numel()
        # Objects cover a small part of a scene: ``object_weight`` weighs their pixels up so that colours and
        # edges matter more than the flat background.
        background = images[:, :, :1, :1]
        weight = 1.0 + object_weight * ((images - background).abs().amax(dim=1, keepdim=True) > 0.1).float()
        error = recon - images
        loss = (weight * (error.abs() + error.pow(2))).mean() / weight.mean() + 1e-4 * kl
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(parameters, 1.0)
        optimizer.step()
        if step % log_every == 0 or step == steps - 1:
            print(f"{name} step {step} loss {loss.item():.4f} ({time.monotonic() - started:.0f}s)", flush=True)
    vae.eval()
    vae.requires_grad_(False)


def latent_scale(vae: AutoencoderKL, *, seed: int, device: torch.device) -> float:
    """The scaling factor that gives the latents of rendered scenes unit standard deviation."""
    import torch

    with torch.no_grad():
        images, _ = next(scene_batches(seed + 1, 256, layout="free"))
        latents = vae.encode(images.to(device)).latent_dist.mode()
    return float(1.0 / latents.std())


def train_unet(
    unet: UNet2DConditionModel,
    vae: AutoencoderKL,
    encoder: BertModel,
    tokenizer: BertTokenizer,
    *,
    steps: int,
    batch_size: int,
    lr: float,
    seed: int,
    device: torch.device,
    log_every: int,
    checkpoint: Any = None,
    round_index: int = 0,
    prediction_type: str = "epsilon",
    ema_decay: float = 0.999,
    mix: dict[str, float] | None = None,
    object_weight: float = 0.0,
) -> UNet2DConditionModel:
    """Epsilon or v prediction with min-SNR weighting; returns an EMA copy of the UNet.

    Later rounds (``round_index`` > 0) continue from the previous round's EMA weights on fresh scenes, with a
    fresh optimiser and learning-rate schedule (a warm restart).

    With ``prediction_type="v_prediction"`` the weight of a step, measured on the image it implies, is the SNR
    clamped to [1, 5] instead of min(SNR, 5): at the noisiest steps, where nothing of the image is left and only
    the caption can say which colour an object has, the epsilon rounds weighted the image error by the SNR itself
    (0.06 at t = 850, 0.004 at t = 960), so colours were barely trained (see the model card's diagnosis).

    ``object_weight`` weighs the latent cells under an object (1 + ``object_weight`` instead of 1, renormalised per
    image): objects cover a fifth of a scene, and a flat background otherwise dominates the loss, while the
    objects' colours are what the caption's colour words must set.
    """
    import torch
    from diffusers.schedulers.scheduling_ddpm import DDPMScheduler

    noise_scheduler = DDPMScheduler(**SCHEDULER_CONFIG)
    alphas = noise_scheduler.alphas_cumprod.to(device)
    torch.nn.Module.to(unet, device)
    unet.train()
    unet.requires_grad_(True)
    ema = copy.deepcopy(unet).eval().requires_grad_(False)
    optimizer = torch.optim.AdamW(unet.parameters(), lr=lr, weight_decay=0.01)
    offset = 10 * round_index
    generator = torch.Generator(device="cpu").manual_seed(seed + offset)
    batches = scene_batches(seed + offset + 2, batch_size, mix=mix)
    drop_rng = random.Random(seed + offset + 3)  # noqa: S311 - seeded data, not security
    started = time.monotonic()
    running = 0.0
    for step in range(steps):
        for group in optimizer.param_groups:
            group["lr"] = _lr_at(step, steps, lr, warmup=100)
        images, captions = next(batches)
        captions = ["" if drop_rng.random() < 0.1 else caption for caption in captions]
        with torch.no_grad():
            latents = vae.encode(images.to(device)).latent_dist.mode() * vae.config["scaling_factor"]
            context = encode_captions(captions, encoder, tokenizer, device)
        noise = torch.randn(latents.shape, generator=generator).to(device)
        timesteps = torch.randint(0, noise_scheduler.config.num_train_timesteps, (batch_size,), generator=generator)
        timesteps = timesteps.to(device)
        noisy = noise_scheduler.add_noise(latents, noise, timesteps)
        prediction = unet(noisy, timesteps, context).sample
        snr = alphas[timesteps] / (1 - alphas[timesteps])
        if prediction_type == "v_prediction":
            # |v error|^2 = (SNR + 1) |image error|^2: an image weight of clamp(SNR, 1, 5) is this v weight.
            target = noise_scheduler.get_velocity(latents, noise, timesteps)
            weight = torch.clamp(snr, min=1.0, max=5.0) / (snr + 1)
        else:
            target = noise
            weight = torch.clamp(snr, max=5.0) / snr
        error = (prediction - target).pow(2)
        if object_weight:
            cells = object_cells(images, latents.shape[-1]).to(device)
            spatial = 1.0 + object_weight * cells
            error = error * spatial / spatial.mean(dim=(1, 2, 3), keepdim=True)
        loss = (weight * error.mean(dim=(1, 2, 3))).mean()
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(unet.parameters(), 1.0)
        optimizer.step()
        decay = min(ema_decay, (1 + step) / (10 + step))
        with torch.no_grad():
            for ema_param, param in zip(ema.parameters(), unet.parameters(), strict=True):
                ema_param.lerp_(param, 1 - decay)
        running = 0.98 * running + 0.02 * loss.item() if step else loss.item()
        if step % log_every == 0 or step == steps - 1:
            print(f"unet step {step} loss {running:.4f} ({time.monotonic() - started:.0f}s)", flush=True)
        if checkpoint is not None and step and step % 250 == 0:
            checkpoint(ema, step)
    return ema


def object_cells(images: torch.Tensor, side: int) -> torch.Tensor:
    """1 for the ``side`` x ``side`` latent cells that hold any object pixel (differing from the top-left corner,
    always background in rendered scenes), else 0; shape N x 1 x side x side."""
    import torch

    background = images[:, :, :1, :1]
    mask = ((images - background).abs().amax(dim=1, keepdim=True) > 0.1).float()
    return torch.nn.functional.adaptive_max_pool2d(mask, side)


def _rebuilt(
    unet: UNet2DConditionModel, changes: dict[str, Any], *, new: Callable[[str], bool]
) -> UNet2DConditionModel:
    """A new ``UNet2DConditionModel`` with ``unet``'s configuration updated by ``changes`` and ``unet``'s weights
    loaded into it; every parameter of the new model must come from ``unet`` except those for which ``new(key)``
    holds (they keep their fresh initialisation, for the caller to set), and every weight of ``unet`` must find a
    place, else ValueError."""
    from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

    config = {key: value for key, value in unet.config.items() if not key.startswith("_")}
    rebuilt = UNet2DConditionModel(**{**config, **changes})
    missing, unexpected = rebuilt.load_state_dict(unet.state_dict(), strict=False)
    if unexpected or any(not new(key) for key in missing):
        raise ValueError(f"state dicts do not line up: missing {missing[:3]}, unexpected {unexpected[:3]}")
    return rebuilt


def deepen_unet(unet: UNet2DConditionModel, layers: int) -> UNet2DConditionModel:
    """``unet`` rebuilt with ``layers`` transformer blocks per attention block, drawing exactly as before.

    The existing blocks keep their weights; each new block (appended after them, inside the same
    ``Transformer2DModel``) has its self-attention, cross-attention and feed-forward output layers zeroed, so that
    all three residual branches add nothing until training moves them: a warm start with more cross-attention
    capacity (more chances per block to read another caption token) instead of a new UNet trained from scratch.
    """
    import torch

    current = unet.config["transformer_layers_per_block"]
    if not isinstance(current, int) or layers < current:
        raise ValueError(f"can only add transformer layers to a uniform UNet ({current} per block, asked {layers})")
    new_blocks = {f"transformer_blocks.{index}." for index in range(current, layers)}
    deeper = _rebuilt(
        unet, {"transformer_layers_per_block": layers}, new=lambda key: any(block in key for block in new_blocks)
    )
    with torch.no_grad():
        for name, module in deeper.named_modules():
            if any(name.endswith(f"transformer_blocks.{index}") for index in range(current, layers)):
                for output in (module.attn1.to_out[0], module.attn2.to_out[0], module.ff.net[2]):
                    output.weight.zero_()
                    output.bias.zero_()
    return deeper


TEXT_EMBEDDING_HEADS = 8  # add_text_embedding: 48 dimensions per head over the 384 of MiniLM
TEXT_EMBEDDING_ROUND = 7  # the committed weights got it before their eighth UNet round (session 6)


def add_text_embedding(unet: UNet2DConditionModel, heads: int = TEXT_EMBEDDING_HEADS) -> UNet2DConditionModel:
    """``unet`` rebuilt with diffusers' pooled text embedding added to the time embedding, drawing exactly as before.

    ``addition_embed_type="text"``: a ``TextTimeEmbedding`` pools the caption's token states (attention pooling,
    ``heads`` heads) into one vector that is added to the time embedding, so every ResNet block is scaled and
    shifted by the whole caption, on top of what the cross-attention reads per position. The aim: a path in which
    "red circle, then blue star" sets the features of both slots at once (the convolutions know left from right
    through their zero padding; attention blocks have no position). The last layer norm of the new module starts
    at zero, so the embedding adds nothing until training moves it. A plain ``StableDiffusionPipeline`` runs it
    (the UNet computes the pooled vector from ``encoder_hidden_states`` itself). In the committed weights that gain
    stayed near zero through 26,000 steps (model card, session 6): their better binding came from the steps.
    """
    import torch

    if unet.config["addition_embed_type"] is not None:
        raise ValueError(f"the UNet already has an addition embedding ({unet.config['addition_embed_type']})")
    wider = _rebuilt(
        unet,
        {"addition_embed_type": "text", "addition_embed_type_num_heads": heads},
        new=lambda key: key.startswith("add_embedding."),
    )
    with torch.no_grad():
        wider.add_embedding.norm2.weight.zero_()
        wider.add_embedding.norm2.bias.zero_()
    return wider


def save_model(out: Path, unet: UNet2DConditionModel, vae: AutoencoderKL, *, prediction_type: str = "epsilon") -> None:
    """Write the diffusers folder: unet/, vae/, scheduler/, model_index.json, atelier.json (Atelier's default
    guidance scale for it), and the text encoder's and tokenizer's configuration with links to the package's
    weights and vocabulary (see pipeline.link_text_encoder)."""
    import diffusers
    from diffusers.schedulers.scheduling_dpmsolver_multistep import DPMSolverMultistepScheduler

    out.mkdir(parents=True, exist_ok=True)
    unet.save_pretrained(out / "unet", safe_serialization=True)
    vae.save_pretrained(out / "vae", safe_serialization=True)
    scheduler = DPMSolverMultistepScheduler(**sampling_scheduler_config(prediction_type))
    scheduler.save_pretrained(out / "scheduler")
    index = {**MODEL_INDEX, "_diffusers_version": diffusers.__version__}
    (out / "model_index.json").write_text(json.dumps(index, indent=2) + "\n")
    # Atelier's default guidance for this model (imaging.pipelines.model_guidance_scale); diffusers ignores the file.
    defaults = {"guidance_scale": GUIDANCE_BY_PREDICTION[prediction_type]}
    (out / "atelier.json").write_text(json.dumps(defaults, indent=2) + "\n")
    write_text_encoder_configs(out)
    link_text_encoder(out)


# The committed weights' schedule: four epsilon rounds (sessions 1 and 2), then three v-prediction rounds with
# trailing-spacing sampling, the object-weighted loss and a pair-heavy scene mix (session 4; the session 4 weights
# were the EMA checkpoint at step 1,500 of the seventh round, OUT/checkpoint-6-1500), then (session 6) the pooled
# text embedding added as identity and four more rounds of 4,000, 12,000, 6,000 and 4,000 steps on a relation-heavy
# mix, which continued from that checkpoint. The committed UNet is the end of the eleventh round, chosen on a
# second prompt set (model card).
UNET_STEPS = "1200,1000,1200,500,1600,1200,2000,4000,12000,6000,4000"
UNET_BATCH_SIZES = "24,24,12"
UNET_LRS = "8e-4,4e-4,4e-4,2e-4,4e-4,2e-4,2e-4,3e-4,2e-4,2e-4,2e-4"
PREDICTION_TYPES = "epsilon,epsilon,epsilon,epsilon,v_prediction"
EMA_DECAYS = "0.999,0.999,0.999,0.999,0.998"
PAIR_HEAVY_MIX = "single:0.12+pair:0.38+relation:0.25+count:0.22+text:0.03"
RELATION_HEAVY_MIX = "single:0.08+pair:0.37+relation:0.35+count:0.17+text:0.03"
SCENE_MIXES = ("default",) * 4 + (PAIR_HEAVY_MIX,) * 3 + (RELATION_HEAVY_MIX,)
OBJECT_WEIGHTS = "0,0,0,0,4,4,2"


def _scene_mix(value: str) -> dict[str, float] | None:
    if value == "default":
        return None
    mix = {kind: float(weight) for kind, _, weight in (pair.partition(":") for pair in value.split("+"))}
    unknown = set(mix) - {kind for kind, _ in KINDS}
    if unknown:
        raise ValueError(f"unknown scene kinds {sorted(unknown)}")
    return mix


DECODER_STEPS = "1500,0,1200,1200"


def _per_round(values: str, kind: type[int] | type[float] | type[str]) -> list[Any]:
    return [kind(value) for value in values.split(",")]


def main(argv: list[str] | None = None) -> None:
    import torch

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="folder to write the diffusers model to")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--vae-steps", type=int, default=1200)
    # The committed weights' schedule (see the model card). A list shorter than the rounds repeats its last value.
    parser.add_argument("--unet-steps", default=UNET_STEPS, help="UNet steps per round, comma list")
    parser.add_argument("--batch-size", default=UNET_BATCH_SIZES, help="UNet batch size per round, comma list")
    parser.add_argument(
        "--decoder-steps",
        default=DECODER_STEPS,
        help="then fine-tune the VAE decoder alone: steps per round, comma list",
    )
    parser.add_argument("--vae-batch-size", type=int, default=24)
    parser.add_argument("--vae-lr", type=float, default=1e-3)
    parser.add_argument("--unet-lr", default=UNET_LRS, help="UNet peak learning rate per round, comma list")
    parser.add_argument(
        "--prediction-type",
        default=PREDICTION_TYPES,
        help="what the UNet predicts per round (epsilon or v_prediction), comma list",
    )
    parser.add_argument("--ema-decay", default=EMA_DECAYS, help="EMA decay of the UNet weights per round, comma list")
    parser.add_argument(
        "--scene-mix",
        default=",".join(SCENE_MIXES),
        help="UNet scene mix per round, comma list: 'default' (scenes.KINDS) or kind:weight pairs joined by '+'",
    )
    parser.add_argument(
        "--object-weight",
        default=OBJECT_WEIGHTS,
        help="extra UNet loss weight on latent cells under objects per round (0: none), comma list",
    )
    parser.add_argument(
        "--transformer-layers",
        type=int,
        help="transformer blocks per attention block (default 1); with --unet-from, blocks beyond the loaded UNet's "
        "are added as identity (deepen_unet) and trained",
    )
    parser.add_argument(
        "--text-embedding",
        type=int,
        nargs="?",
        const=0,
        default=TEXT_EMBEDDING_ROUND,
        metavar="ROUND",
        help="add diffusers' pooled text embedding to the time embedding (addition_embed_type 'text') as identity "
        "(add_text_embedding) before the first UNet round trained from ROUND on, unless the UNet has it "
        f"(default {TEXT_EMBEDDING_ROUND}, as for the committed weights; bare: before the first round trained; "
        "-1: never)",
    )
    parser.add_argument("--threads", type=int, default=2, help="CPU threads (ignored on CUDA)")
    parser.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--log-every", type=int, default=100)
    parser.add_argument("--vae-from", type=Path, help="reuse the VAE of an earlier run instead of training one")
    parser.add_argument("--unet-from", type=Path, help="start from the UNet of an earlier run (to resume rounds)")
    parser.add_argument(
        "--keep-checkpoints", action="store_true", help="also keep every checkpoint in OUT/checkpoint-ROUND-STEP"
    )
    args = parser.parse_args(argv)

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    started = time.monotonic()

    if args.vae_from is not None:
        from diffusers.models.autoencoders.autoencoder_kl import AutoencoderKL

        vae = AutoencoderKL.from_pretrained(args.vae_from / "vae").to(device).eval()
    else:
        vae = build_vae()
        train_vae(
            vae, steps=args.vae_steps, batch_size=args.vae_batch_size, lr=args.vae_lr, seed=args.seed,
            device=device, log_every=args.log_every,
        )  # fmt: skip
        vae.register_to_config(scaling_factor=latent_scale(vae, seed=args.seed, device=device))
    # Rounds restart the learning-rate schedule on fresh scenes; "0,1500" runs only the second round (to resume).
    for round_index, steps in enumerate(int(n) for n in args.decoder_steps.split(",")):
        if not steps:
            continue
        train_vae(
            vae, steps=steps, batch_size=args.vae_batch_size, lr=args.vae_lr / 3, seed=args.seed,
            device=device, log_every=args.log_every, decoder_only=True, object_weight=4.0, round_index=round_index,
        )  # fmt: skip
    vae.requires_grad_(False)
    vae_seconds = time.monotonic() - started
    print(f"vae ready, scaling factor {vae.config['scaling_factor']:.4f}", flush=True)

    encoder, tokenizer = load_text_encoder(device=device)
    rounds = [int(n) for n in args.unet_steps.split(",")]
    batch_sizes, lrs = _per_round(args.batch_size, int), _per_round(args.unet_lr, float)
    predictions = _per_round(args.prediction_type, str)
    if not set(predictions) <= {"epsilon", "v_prediction"}:
        parser.error(f"--prediction-type: epsilon or v_prediction, not {args.prediction_type}")
    decays = _per_round(args.ema_decay, float)
    mixes = [_scene_mix(value) for value in args.scene_mix.split(",")]
    object_weights = _per_round(args.object_weight, float)
    trained = [i for i, steps in enumerate(rounds) if steps]
    # The scheduler saved must match what the UNet predicts: the last round trained, or the reused UNet's.
    if trained:
        saved_prediction = predictions[min(trained[-1], len(predictions) - 1)]
    elif args.unet_from is not None:
        saved_prediction = json.loads((args.unet_from / "scheduler" / "scheduler_config.json").read_text())[
            "prediction_type"
        ]
    else:
        saved_prediction = "epsilon"  # an untrained UNet: nothing to match

    def checkpoint(ema: UNet2DConditionModel, step: int, round_index: int) -> None:
        save_model(args.out, ema, vae, prediction_type=predictions[min(round_index, len(predictions) - 1)])
        if args.keep_checkpoints:
            save_model(
                args.out / f"checkpoint-{round_index}-{step}", ema, vae,
                prediction_type=predictions[min(round_index, len(predictions) - 1)],
            )  # fmt: skip
        print(f"checkpoint at step {step} written to {args.out}", flush=True)

    torch.manual_seed(args.seed + 1)  # the UNet starts the same whether the VAE was trained now or reused
    if args.unet_from is not None:
        from diffusers.models.unets.unet_2d_condition import UNet2DConditionModel

        unet = UNet2DConditionModel.from_pretrained(args.unet_from / "unet")
        if (
            args.transformer_layers is not None
            and args.transformer_layers != unet.config["transformer_layers_per_block"]
        ):
            unet = deepen_unet(unet, args.transformer_layers)
    else:
        unet = build_unet(transformer_layers=args.transformer_layers or 1)
    # Rounds as for the decoder: "0,1200" skips the first round (resuming from --unet-from).
    for round_index, steps in enumerate(rounds):
        if not steps:
            continue
        if 0 <= args.text_embedding <= round_index and unet.config["addition_embed_type"] is None:
            unet = add_text_embedding(unet)
        unet = train_unet(
            unet, vae, encoder, tokenizer, steps=steps, batch_size=batch_sizes[min(round_index, len(batch_sizes) - 1)],
            lr=lrs[min(round_index, len(lrs) - 1)], seed=args.seed, device=device, log_every=args.log_every,
            checkpoint=lambda ema, step, r=round_index: checkpoint(ema, step, r), round_index=round_index,
            prediction_type=predictions[min(round_index, len(predictions) - 1)],
            ema_decay=decays[min(round_index, len(decays) - 1)], mix=mixes[min(round_index, len(mixes) - 1)],
            object_weight=object_weights[min(round_index, len(object_weights) - 1)],
        )  # fmt: skip
    save_model(args.out, unet, vae, prediction_type=saved_prediction)
    if not trained:
        return
    total = time.monotonic() - started
    summary = {
        "args": {k: str(v) for k, v in vars(args).items()},
        "device": str(device),
        "threads": torch.get_num_threads(),
        "vae_seconds": round(vae_seconds),
        "total_seconds": round(total),
    }
    (args.out / "training.json").write_text(json.dumps(summary, indent=2) + "\n")
    print(f"done in {total / 60:.1f} min, model written to {args.out}", flush=True)


if __name__ == "__main__":
    main()
