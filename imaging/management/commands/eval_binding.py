"""``python manage.py eval_binding``: how well the in-house model follows prompts, checked by the classical detector."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = (
        "Generate an image per GenEval-style prompt with the in-house model, check it with the classical detector, "
        "and print accuracy per tag; the last line is 'binding_accuracy: 0.xxx (k/n)' over two-object colour prompts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        from imaging.inhouse.pipeline import DEFAULT_GUIDANCE, DEFAULT_STEPS, WEIGHTS_DIR

        parser.add_argument("--prompts", type=Path, help="GenEval metadata JSONL (default: the in-house set)")
        parser.add_argument("--n", type=int, help="evaluate only the first N prompts")
        parser.add_argument("--model", type=Path, default=WEIGHTS_DIR, help="diffusers folder of the model")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--steps", type=int, default=DEFAULT_STEPS)
        parser.add_argument(
            "--guidance",
            type=float,
            help=f"guidance scale (default: the model folder's atelier.json, else {DEFAULT_GUIDANCE})",
        )
        parser.add_argument("--save-images", type=Path, help="also write the generated images to this folder")

    def handle(self, *args: Any, **options: Any) -> None:
        from imaging.inhouse.evaluation import DEFAULT_PROMPTS, PromptFileError, load_prompts, run_eval
        from imaging.inhouse.pipeline import DEFAULT_GUIDANCE, load_inhouse_pipeline
        from imaging.pipelines import INHOUSE, GenerationError, model_guidance_scale

        if options["n"] is not None and options["n"] < 1:
            raise CommandError("--n must be at least 1")
        try:
            rows = load_prompts(options["prompts"] or DEFAULT_PROMPTS, limit=options["n"])
        except (OSError, PromptFileError) as error:
            raise CommandError(str(error)) from error
        guidance = options["guidance"]
        if guidance is None:
            try:
                guidance = model_guidance_scale(f"{INHOUSE}:{options['model']}", fallback=DEFAULT_GUIDANCE)
            except GenerationError as error:
                raise CommandError(str(error)) from error
        try:
            pipe = load_inhouse_pipeline(options["model"], device="cpu")
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        report = run_eval(
            pipe, rows, seed=options["seed"], steps=options["steps"], guidance=guidance,
            save_to=options["save_images"],
        )  # fmt: skip
        for line in report.lines():
            self.stdout.write(line)
