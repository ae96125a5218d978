"""Time one 64 x 64 image from the in-house model on this machine's CPU.

    .venv/bin/python bench/inhouse_speed.py [--runs 20] [--threads N] [--steps S] [--model FOLDER] [--size PX]

Loads the committed pipeline once, warms it up, then times whole ``pipe(prompt)`` calls (text encoding, the
denoising loop with classifier-free guidance, VAE decoding, conversion to PIL) and prints a Markdown table row.
With ``--size`` it times what a worker runs instead: ``imaging.pipelines.generate`` for a square image of that
size (drawn at 64 px, upscaled), with progress callbacks and a preview every 4 steps.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> None:
    import torch

    from imaging.inhouse.pipeline import DEFAULT_STEPS, load_inhouse_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    parser.add_argument("--prompt", default="a photo of a red circle left of a blue star")
    parser.add_argument("--model", default=None, help="diffusers folder (default: the committed weights)")
    parser.add_argument("--size", type=int, help="time the worker's path for a square image of this size")
    args = parser.parse_args()

    from imaging import pipelines

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    if args.size:
        model = f"{pipelines.INHOUSE}:{args.model}" if args.model else pipelines.INHOUSE
        pipes = pipelines.load_pipelines(model, device="cpu", dtype=torch.float32)
    else:
        pipe = load_inhouse_pipeline(args.model, device="cpu") if args.model else load_inhouse_pipeline(device="cpu")
    load_seconds = time.perf_counter() - started
    # What the worker draws this folder with (its atelier.json); any scale above 1 costs the same (a UNet batch of 2).
    guidance = pipelines.model_guidance_scale(f"{pipelines.INHOUSE}:{args.model}" if args.model else pipelines.INHOUSE)

    def once(seed: int) -> float:
        begin = time.perf_counter()
        if args.size:
            request = pipelines.GenerationRequest(prompt=args.prompt, width=args.size, height=args.size, seed=seed,
                                                  steps=args.steps, guidance_scale=guidance)  # fmt: skip
            image = pipelines.generate(pipes, request, on_step=lambda info: True).images[0]
            expected = args.size
        else:
            generator = torch.Generator("cpu").manual_seed(seed)
            image = pipe(args.prompt, num_inference_steps=args.steps, guidance_scale=guidance,
                         generator=generator).images[0]  # fmt: skip
            expected = 64
        elapsed = time.perf_counter() - begin
        assert image.size == (expected, expected)
        return elapsed

    for seed in range(3):
        once(seed)
    times = sorted(once(seed) for seed in range(args.runs))
    median, p90 = statistics.median(times), times[int(0.9 * (len(times) - 1))]
    print(f"machine: {cpu_name()}, {os.cpu_count()} cores, torch {torch.__version__}, {args.threads} threads")
    print(f"load: {load_seconds:.2f} s")
    size = f"{args.size} (64 upscaled, generate())" if args.size else "64 (pipe())"
    print("| size | steps | guidance | runs | median s/image | p90 s/image | min s/image |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {size} | {args.steps} | {guidance} | {args.runs} | {median:.3f} | {p90:.3f} | {times[0]:.3f} |")


if __name__ == "__main__":
    main()
