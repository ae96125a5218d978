"""The training script's command line: the hand-written folders come from one table (`WRITTEN_CORPORA`), which
gives each its flag, the flag it goes with, its load order and the version a run trained with it writes."""

from __future__ import annotations

import pytest

from moderation.training.train_classifier import (
    WRITTEN_CORPORA,
    build_parser,
    load_examples,
    run_version,
    written_flags,
)

ENGLISH_BASE = ["--crimes-corpus", "--warnings-corpus", "--attacks-corpus", "--documents-corpus", "--scenes-corpus",
                "--harms-corpus", "--prevention-corpus", "--art-corpus", "--cruelty-corpus"]
FRENCH_BASE = ["--french-written", "--french-pending", "--french-harms", "--french-everyday", "--french-harms2"]


def _version(argv: list[str]) -> str:
    parser = build_parser()
    args = parser.parse_args(argv)
    return run_version(args, written_flags(parser, args))


@pytest.mark.parametrize(("argv", "version"), [
    ([], "ngram-emb-11"),  # the fine-tuned recipe alone
    (ENGLISH_BASE, "ngram-emb-31"),
    ([*ENGLISH_BASE, "--english-written", "--english-written2"], "ngram-emb-40"),  # the runs shipped as -42
    ([*ENGLISH_BASE, "--english-written", "--english-written2", "--english-written3"], "ngram-emb-43"),
    ([*ENGLISH_BASE, "--english-written", "--english-written2", "--english-written3", "--english-written4"],
     "ngram-emb-45"),
    ([*ENGLISH_BASE, "--english-written", "--english-written2", "--english-written3", "--english-written4",
      "--english-written5"], "ngram-emb-47"),
    (FRENCH_BASE, "ngram-emb-39"),
    ([*FRENCH_BASE, "--french-harms3"], "ngram-emb-41"),
    ([*FRENCH_BASE, "--french-harms3", "--french-harms4"], "ngram-emb-44"),
    ([*ENGLISH_BASE, "--english-written", *FRENCH_BASE], "ngram-emb-36"),  # English before French
    ([*FRENCH_BASE, "--seed", "2"], "ngram-emb-39-seed2"),
])
def test_a_run_writes_the_version_of_its_newest_corpus(argv: list[str], version: str) -> None:
    assert _version(argv) == version


def test_a_folder_given_without_the_flag_it_goes_with_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        _version([*ENGLISH_BASE, "--english-written", "--english-written4"])
    assert exit_info.value.code == 2
    assert "--english-written4 goes with --english-written2" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        _version(["--english-written"])
    assert "--english-written goes with --cruelty-corpus" in capsys.readouterr().err


def test_every_folder_of_the_table_has_rows_a_flag_it_goes_with_and_its_own_version() -> None:
    options = {o for action in build_parser()._actions for o in action.option_strings}
    for corpus in WRITTEN_CORPORA:
        assert sorted(corpus.directory.glob("*.csv")), corpus.directory
        assert f"--{corpus.flag}" in options
        assert all(f"--{flag}" in options for flag in corpus.after)
    versions = [c.version for c in WRITTEN_CORPORA]
    assert len(set(versions)) == len(versions)


def test_an_unknown_folder_is_refused_before_any_row_is_loaded() -> None:
    with pytest.raises(ValueError, match="english-written9"):
        load_examples(build_parser().parse_args([]).data, written={"english-written9"})
