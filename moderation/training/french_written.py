"""French training prompts written by hand, with benign twins (session 14; the candidate `ngram-emb-19`).

Why: the generated French corpus (`french_corpus.py`, candidates `ngram-emb-17` and `ngram-emb-18`) lifted French
recall but taught the form of its templates: any word its harmful side used more than its benign side ("faux",
"un homme qui se ...") read as harm, in French and in English, and both candidates failed on false positives.
These prompts were written by hand by five helpers, each given one domain and the policy
(`french_written/*.csv`: sexual, violence, illegal, self-harm/hate/harassment, and broad benign), as French
speakers type them, and for every harmful prompt one or two benign twins that reuse its words. The helpers saw no
corpus, no model card, no evaluation set and no figure; held-out set 8 was still unread by anyone when they wrote.

Each CSV has `prompt,label,pair`: a harmful prompt and its twins share a pair, which is their template family, so
`corpus.split_of` holds a harmful prompt out together with its twins. Every prompt also comes without accents
(as many people type it), in the same family.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

from moderation.training.corpus import Example

WRITTEN_DIR = Path(__file__).resolve().parent / "french_written"
LABELS = {"benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"}


def _fold(text: str) -> str:
    """The text without accents."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def load_written(directory: Path = WRITTEN_DIR) -> list[Example]:
    """Every hand-written prompt, then its accent-free form where it differs; each text once."""
    out: dict[str, Example] = {}
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                text, label = row["prompt"].strip(), row["label"].strip()
                if label not in LABELS:
                    raise ValueError(f"{path.name}: unknown label {label!r} for {text!r}")
                family = f"frw-{row['pair'].strip()}"
                for variant in (text, _fold(text)):
                    out.setdefault(variant, Example(variant, label, family))
    return list(out.values())
