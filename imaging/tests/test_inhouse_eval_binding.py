from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROWS = [
    {"tag": "color_attr", "prompt": "a photo of a red circle and a blue star",
     "include": [{"class": "circle", "count": 1, "color": "red"}, {"class": "star", "count": 1, "color": "blue"}]},
    {"tag": "counting", "prompt": "a photo of two squares", "include": [{"class": "square", "count": 2}],
     "exclude": [{"class": "square", "count": 3}]},
    {"tag": "position", "prompt": "a photo of a heart above a triangle",
     "include": [{"class": "triangle", "count": 1}, {"class": "heart", "count": 1, "position": ["above", 0]}]},
]  # fmt: skip


def test_it_prints_accuracy_per_tag_and_ends_with_the_binding_line(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text("".join(json.dumps(row) + "\n" for row in ROWS))
    out = StringIO()
    call_command("eval_binding", "--prompts", str(prompts), "--n", "2", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert re.fullmatch(r"color_attr: [01]\.\d{3} \([01]/1\)", lines[0])
    assert re.fullmatch(r"counting: [01]\.\d{3} \([01]/1\)", lines[1])
    assert not any(line.startswith("position") for line in lines)
    assert re.fullmatch(r"binding_accuracy: [01]\.\d{3} \([01]/1\)", lines[-1])


def test_it_rejects_a_file_that_is_not_geneval_metadata(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text('{"prompt": "a red circle"}\n')
    with pytest.raises(CommandError, match="needs 'tag'"):
        call_command("eval_binding", "--prompts", str(prompts))


def test_a_model_folder_with_a_malformed_default_guidance_is_refused(tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.jsonl"
    prompts.write_text(json.dumps(ROWS[0]) + "\n")
    (tmp_path / "atelier.json").write_text('{"guidance_scale": "strong"}')
    with pytest.raises(CommandError, match="guidance_scale"):
        call_command("eval_binding", "--prompts", str(prompts), "--model", str(tmp_path))
