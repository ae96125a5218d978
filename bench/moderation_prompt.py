"""Speed of prompt moderation on CPU: the three text layers (term list, classifier, artist registry) per prompt,
and the full `prompt_moderate` (with its Decision row) through `eval_moderation`. The classifier's two parts
(n-gram model, MiniLM encoder in numpy) are also timed apart, in separate calls. The classifier row includes the
names view as prompt_moderate runs it (a second scoring, with names replaced by "a person", for a prompt that
names someone in a person's place and is not refused by its own score; the minimum-evidence rule is left out
here); `--no-names-view` leaves it out. The classifier row routes each prompt to its language's model as
prompt_moderate does (French prompts to `model/fr/`, the language test included); `--default-only` scores every
prompt with the default model, as before session 15.

    python bench/moderation_prompt.py [CSV] [--no-names-view] [--default-only]
    # CSV default: ../shared/data/moderation/moderation_dev.csv

The filters are built from the seed files (moderation/data), as a process builds them from the database.
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from moderation.filters.artists import ArtistEntry, ArtistMatcher  # noqa: E402
from moderation.filters.classifier import RoutedClassifier  # noqa: E402
from moderation.filters.names import names_view  # noqa: E402
from moderation.filters.terms import TermMatcher, TermRule  # noqa: E402


def main() -> None:
    flags = {"--no-names-view", "--default-only"}
    args = [a for a in sys.argv[1:] if a not in flags]
    with_view = "--no-names-view" not in sys.argv[1:]
    routing = "--default-only" not in sys.argv[1:]
    path = Path(args[0]) if args else ROOT.parent / "shared/data/moderation/moderation_dev.csv"
    prompts = [r["prompt"] for r in csv.DictReader(path.open(encoding="utf-8"))]
    start = time.perf_counter()
    terms = TermMatcher(TermRule(t["term"], t["category"], t.get("language", "")) for t in
                        json.loads((ROOT / "moderation/data/default_terms.json").read_text(encoding="utf-8")))
    with (ROOT / "moderation/data/artists.csv").open(encoding="utf-8") as fh:
        artists = ArtistMatcher(ArtistEntry(i, r["name"], r["status"]) for i, r in enumerate(csv.DictReader(fh)))
    routed = RoutedClassifier.load()
    classifier = routed.default
    meta = json.loads((ROOT / "moderation/model/prompt_classifier.json").read_text(encoding="utf-8"))
    thresholds = meta.get("category_thresholds") or {}

    def refused(probabilities: dict[str, float]) -> bool:
        label = max((k for k in probabilities if k != "benign"), key=probabilities.__getitem__)
        return 1.0 - probabilities["benign"] >= float(thresholds.get(label, meta.get("block_threshold", 0.5)))

    second_views = 0
    print(f"load: {1000 * (time.perf_counter() - start):.0f} ms ({len(terms)} terms, {len(artists)} artist names); "
          f"classifier {routed.version if routing else classifier.version}")
    routed_to: dict[str, int] = {}
    for text in prompts[:20]:  # warm-up
        classifier.scores(text)
    per_layer: dict[str, list[float]] = {"terms": [], "classifier": [], "artists": [], "total": []}
    encoder = classifier.encoder
    if encoder is not None:
        tokens = sorted(len(encoder.token_ids(text)) for text in prompts)
        print(f"word pieces per prompt (cut at {encoder.max_tokens}): mean {statistics.mean(tokens):.1f}, "
              f"p95 {tokens[int(0.95 * (len(tokens) - 1))]}")
        per_layer.update({"  n-grams": [], "  encoder": []})
    for text in prompts:
        t0 = time.perf_counter()
        terms.search(text)
        t1 = time.perf_counter()
        model = routed.for_text(text) if routing else classifier
        probabilities = model.scores(text).probabilities
        view = names_view(text) if with_view else None
        if view is not None and not refused(probabilities):
            model.scores(view)
            second_views += 1
        t2 = time.perf_counter()
        artists.search(text)
        t3 = time.perf_counter()
        routed_to[model.version] = routed_to.get(model.version, 0) + 1
        for name, value in (("terms", t1 - t0), ("classifier", t2 - t1), ("artists", t3 - t2), ("total", t3 - t0)):
            per_layer[name].append(1000 * value)
        if encoder is not None:
            t4 = time.perf_counter()
            classifier.ngram_probabilities(text)
            t5 = time.perf_counter()
            encoder.encode(text)
            per_layer["  n-grams"].append(1000 * (t5 - t4))
            per_layer["  encoder"].append(1000 * (time.perf_counter() - t5))
    print(f"{len(prompts)} prompts, mean length {statistics.mean(map(len, prompts)):.0f} characters; names view "
          + (f"scored for {second_views}" if with_view else "off") + f"; prompts per model {routed_to}")
    for name, values in per_layer.items():
        values.sort()
        print(f"{name:<11} mean {statistics.mean(values):6.2f} ms  p50 {values[len(values) // 2]:6.2f} ms  "
              f"p95 {values[int(0.95 * (len(values) - 1))]:6.2f} ms  max {values[-1]:6.2f} ms")


if __name__ == "__main__":
    main()
