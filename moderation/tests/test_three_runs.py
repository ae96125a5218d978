"""The three runs of a candidate in the cache's order (moderation/training/three_runs.py, session 25)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from moderation.training.three_runs import run_three

# A stand-in for train_classifier: seed 0 writes the cache, then prints the marker and goes on a little; the other
# seeds fail unless the cache is complete when they start (as a real run that reads a half-written cache does).
FAKE = r"""
import sys, time
from pathlib import Path
args = sys.argv[1:]
seed, out = int(args[args.index("--seed") + 1]), Path(args[args.index("--out") + 1])
cache = out.parent / "cache"
if seed == 0:
    if "--die" in args:
        sys.exit(4)
    time.sleep(0.3)
    cache.write_text("complete")
    print("  frozen embeddings (0 s)", flush=True)
    time.sleep(0.3)
elif not cache.exists() or cache.read_text() != "complete":
    sys.exit(3)
elif "--fail-later" in args and seed == 2:
    sys.exit(5)
out.mkdir()
"""


def _trainer(*extra: str) -> list[str]:
    return [sys.executable, "-c", FAKE, *extra]


def test_the_later_seeds_start_once_the_first_has_written_the_cache(tmp_path: Path) -> None:
    outs = run_three(_trainer(), str(tmp_path / "c"), poll=0.05)
    assert outs == [tmp_path / "cs0", tmp_path / "cs1", tmp_path / "cs2"]
    assert all(out.is_dir() for out in outs)
    assert "frozen embeddings" in (tmp_path / "cs0.log").read_text()


def test_a_first_run_that_ends_before_the_cache_is_written_stops_everything(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="before printing 'frozen embeddings'"):
        run_three(_trainer("--die"), str(tmp_path / "c"), poll=0.05)
    assert not (tmp_path / "cs1.log").exists()  # the other seeds never started


def test_a_failed_later_run_is_named(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match=r"cs2\.log \(exit 5\)"):
        run_three(_trainer("--fail-later"), str(tmp_path / "c"), poll=0.05)
    assert (tmp_path / "cs1").is_dir()
