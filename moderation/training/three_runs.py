"""The three fine-tuning runs of a candidate (seeds 0, 1 and 2), in the order the layer-input cache needs, then
their average (session 25).

    python -m moderation.training.three_runs --prefix var/moderation/c36 --version ngram-emb-36 -- \\
        --crimes-corpus ... --keep-thresholds var/moderation/keep36.json

Everything after `--` goes to `train_classifier` as it is; this adds `--seed S --out PREFIXsS --heldout
PREFIX_heldout_sS.csv` to each run and writes its output to `PREFIXsS.log`. Seed 0 starts alone: a first run caches
the layer inputs of every new prompt and rewrites the cache file, and a run that reads the file meanwhile crashes
(session 24: `BadZipFile`). Seeds 1 and 2 start when seed 0 prints "frozen embeddings" (the cache is written by
then), side by side with it. When all three have ended well, `soup` averages them into `PREFIXsoup` under
`--version`. Each run gets one thread (OMP_NUM_THREADS=1), as the shipped models were trained.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

READY = "frozen embeddings"  # train_classifier prints it once the layer-input cache is written


def _start(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as fh:
        return subprocess.Popen(command, stdout=fh, stderr=subprocess.STDOUT,  # noqa: S603 - our own trainer
                                env={**os.environ, "OMP_NUM_THREADS": "1"})


def _wait_for(process: subprocess.Popen[bytes], log: Path, marker: str, poll: float) -> None:
    """Until `marker` is in `log`; an error if the process ends first."""
    while marker not in log.read_text(encoding="utf-8", errors="replace"):
        if process.poll() is not None:
            raise SystemExit(f"{log} ended (exit {process.returncode}) before printing {marker!r}")
        time.sleep(poll)


def run_three(trainer: list[str], prefix: str, *, seeds: tuple[int, ...] = (0, 1, 2), poll: float = 5.0,
              marker: str = READY) -> list[Path]:
    """Run `trainer` once per seed, the first alone until it prints `marker`; the output folders."""
    outs = [Path(f"{prefix}s{seed}") for seed in seeds]

    def command(seed: int, out: Path) -> list[str]:
        return [*trainer, "--seed", str(seed), "--out", str(out), "--heldout", f"{prefix}_heldout_s{seed}.csv"]

    logs = [Path(f"{out}.log") for out in outs]
    first = _start(command(seeds[0], outs[0]), logs[0])
    _wait_for(first, logs[0], marker, poll)
    rest = [_start(command(seed, out), log) for seed, out, log in zip(seeds[1:], outs[1:], logs[1:], strict=True)]
    failed = [f"{log} (exit {code})" for process, log in zip([first, *rest], logs, strict=True)
              if (code := process.wait()) != 0]
    if failed:
        raise SystemExit("runs failed: " + ", ".join(failed))
    return outs


def main() -> None:
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prefix", required=True, help="runs go to PREFIXs0 .. PREFIXs2, the average to PREFIXsoup")
    parser.add_argument("--version", required=True, help="the candidate's version, for soup")
    args = parser.parse_args(argv[:split])
    train_args = argv[split + 1:]
    if any(a in train_args for a in ("--seed", "--out", "--heldout")):
        parser.error("--seed, --out and --heldout are set by this script")
    outs = run_three([sys.executable, "-m", "moderation.training.train_classifier", *train_args], args.prefix)
    soup = [sys.executable, "-m", "moderation.training.soup", *map(str, outs), "--out", f"{args.prefix}soup",
            "--version", args.version]
    subprocess.run(soup, check=True)  # noqa: S603 - our own module and paths


if __name__ == "__main__":
    main()
