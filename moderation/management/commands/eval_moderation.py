"""Run the real prompt moderation on a labelled CSV (columns prompt, expected, category) and print recall
per category of rows expected `block`, the false-positive rate per category of rows expected `allow`, and
a last line `recall: R false_positive_rate: F (N)`. The decisions it records are rolled back.

`--without-term TERM` (repeatable) evaluates as if TERM were not on the term list: its rows are switched off
inside the same rolled-back transaction, to measure a change of the list before making it."""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError, transaction
from django.test import override_settings

from moderation.models import Term
from moderation.services import Stage, prompt_moderate


class Command(BaseCommand):
    help = "Evaluate prompt moderation on a CSV with columns prompt,expected,category."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--show-errors", type=int, default=0, help="print up to N wrong rows per category")
        parser.add_argument("--names-view", choices=["on", "off"], default=None,
                            help="score the names view too (on) or not (off); default: the setting "
                                 "MODERATION_NAMES_VIEW")
        parser.add_argument("--without-term", action="append", default=[], metavar="TERM",
                            help="evaluate as if this term (as written in the term list) were not on it; repeatable")

    def handle(self, *args: Any, path: Path, show_errors: int, names_view: str | None = None,
               without_term: list[str] | None = None, **options: Any) -> None:
        without = list(without_term or [])
        if names_view is not None:
            with override_settings(MODERATION_NAMES_VIEW=names_view == "on"):
                self._evaluate(path, show_errors, without)
        else:
            self._evaluate(path, show_errors, without)

    def _evaluate(self, path: Path, show_errors: int, without: list[str] | None = None) -> None:
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        if not rows or not {"prompt", "expected", "category"} <= set(rows[0]):
            raise CommandError("the CSV needs the columns prompt, expected, category")
        counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])  # (category, expected) -> [n, blocked]
        errors: dict[str, list[str]] = defaultdict(list)
        timings: list[float] = []
        try:
            with transaction.atomic():
                for term in without or []:
                    switched = Term.objects.filter(term=term, is_active=True)
                    if not switched.exists():
                        raise CommandError(f"{term!r} is not an active term of the term list")
                    for rule in switched:  # one by one, so that the list's version token is renewed
                        rule.is_active = False
                        rule.save()
                for row in rows:
                    expected = row["expected"].strip().lower()
                    if expected not in {"block", "allow"}:
                        raise CommandError(f"expected must be block or allow, not {expected!r}")
                    start = time.perf_counter()
                    verdict = prompt_moderate(user=None, text=row["prompt"], stage=Stage.TOOL_PROMPT)  # type: ignore[arg-type]
                    timings.append(time.perf_counter() - start)
                    cell = counts[(row["category"], expected)]
                    cell[0] += 1
                    cell[1] += not verdict.allowed
                    if (not verdict.allowed) != (expected == "block") and len(errors[row["category"]]) < show_errors:
                        found = ",".join(verdict.categories) or "allowed"
                        errors[row["category"]].append(f"{found}: {row['prompt'][:120]}")
                transaction.set_rollback(True)
        except OperationalError as exc:  # e.g. SQLite locked by another run: the decisions are rolled back anyway
            raise CommandError(f"the database refused the evaluation's writes ({exc}); if another eval_moderation "
                               "or the app is writing to the same SQLite file, run this again when it is done") from exc
        write = self.stdout.write
        write(f"{'category':<24}{'expected':>9}{'n':>6}{'refused':>9}  figure")
        for (category, expected), (n, blocked) in sorted(counts.items(), key=lambda kv: (kv[0][1] != "block", kv[0])):
            figure = f"recall {blocked / n:.3f}" if expected == "block" else f"false_positive_rate {blocked / n:.3f}"
            write(f"{category:<24}{expected:>9}{n:>6}{blocked:>9}  {figure}")
        for category, lines in [(c, ls) for c, ls in errors.items() if ls]:
            write(f"-- wrong in {category}:")
            for line in lines:
                write(f"   {line}")
        timings.sort()
        write(f"time per prompt: mean {1000 * sum(timings) / len(timings):.2f} ms, "
              f"p95 {1000 * timings[int(0.95 * (len(timings) - 1))]:.2f} ms, max {1000 * timings[-1]:.2f} ms")
        pos = [v for (c, e), v in counts.items() if e == "block"]
        neg = [v for (c, e), v in counts.items() if e == "allow"]
        recall = sum(b for _, b in pos) / max(1, sum(n for n, _ in pos))
        fpr = sum(b for _, b in neg) / max(1, sum(n for n, _ in neg))
        write(f"recall: {recall:.3f} false_positive_rate: {fpr:.3f} ({len(rows)})")
