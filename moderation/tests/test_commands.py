from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from moderation.models import Decision

pytestmark = pytest.mark.django_db


def test_eval_moderation_prints_figures_per_category_and_a_last_summary_line(tmp_path: Path) -> None:
    path = tmp_path / "set.csv"
    path.write_text("prompt,expected,category\n"
                    "a man stabbing a victim with a knife,block,violence\n"
                    "a lighthouse at dusk,allow,benign\n"
                    "a bowl of fruit on a table,allow,benign\n", encoding="utf-8")
    out = StringIO()
    call_command("eval_moderation", str(path), stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert re.fullmatch(r"recall: 1\.000 false_positive_rate: 0\.000 \(3\)", lines[-1])
    assert any(re.match(r"violence\s+block\s+1\s+1\s+recall 1\.000", line) for line in lines)
    assert any(re.match(r"benign\s+allow\s+2\s+0\s+false_positive_rate 0\.000", line) for line in lines)
    assert not Decision.objects.exists()  # the evaluation's records are rolled back
