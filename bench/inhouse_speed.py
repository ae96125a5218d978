"""Time one 64 x 64 image from the in-house model on this machine's CPU.

    .venv/bin/python bench/inhouse_speed.py [--runs 20] [--threads N] [--steps S] [--model FOLDER]

Loads the committed pipeline once, warms it up, then times whole ``pipe(prompt)`` calls (text encoding, the
denoising loop with classifier-free guidance, VAE decoding, conversion to PIL) and prints a Markdown table row.
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

    from imaging.inhouse.pipeline import DEFAULT_GUIDANCE, DEFAULT_STEPS, load_inhouse_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    parser.add_argument("--prompt", default="a photo of a red circle left of a blue star")
    parser.add_argument("--model", default=None, help="diffusers folder (default: the committed weights)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    pipe = load_inhouse_pipeline(args.model, device="cpu") if args.model else load_inhouse_pipeline(device="cpu")
    load_seconds = time.perf_counter() - started

    def once(seed: int) -> float:
        generator = torch.Generator("cpu").manual_seed(seed)
        begin = time.perf_counter()
        image = pipe(args.prompt, num_inference_steps=args.steps, guidance_scale=DEFAULT_GUIDANCE,
                     generator=generator).images[0]  # fmt: skip
        elapsed = time.perf_counter() - begin
        assert image.size == (64, 64)
        return elapsed

    for seed in range(3):
        once(seed)
    times = sorted(once(seed) for seed in range(args.runs))
    median, p90 = statistics.median(times), times[int(0.9 * (len(times) - 1))]
    print(f"machine: {cpu_name()}, {os.cpu_count()} cores, torch {torch.__version__}, {args.threads} threads")
    print(f"load: {load_seconds:.2f} s")
    print("| steps | guidance | runs | median s/image | p90 s/image | min s/image |")
    print("|---|---|---|---|---|---|")
    print(f"| {args.steps} | {DEFAULT_GUIDANCE} | {args.runs} | {median:.3f} | {p90:.3f} | {times[0]:.3f} |")


if __name__ == "__main__":
    main()
