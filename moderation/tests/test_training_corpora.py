from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from moderation.filters.text import normalize
from moderation.training.art_corpus import DEAD_ARTISTS, generate_art
from moderation.training.attacks_corpus import EVENTS, generate_attacks
from moderation.training.chat_corpus import HOWTO_TASKS, SINGLE_WORDS
from moderation.training.corpus import Example, generate, split_of
from moderation.training.crimes_corpus import generate_crimes
from moderation.training.cruelty_corpus import (
    ANIMALS,
    CARE_ACTS,
    CRUEL_ACTS,
    ILLEGAL_ITEMS,
    LEGAL_ITEMS,
    generate_cruelty,
)
from moderation.training.documents_corpus import generate_documents
from moderation.training.french_corpus import generate_french
from moderation.training.french_written import WRITTEN_DIR, load_written
from moderation.training.implied_corpus import generate_implied
from moderation.training.instructions_corpus import generate_instructions
from moderation.training.menace_corpus import SMALL_ANIMALS, TARGETS, TERSE_CRUEL, TERSE_TWINS, WOMEN, generate_menace
from moderation.training.names_corpus import NAMES, generate_names
from moderation.training.prevention_corpus import CRIME_WORDS, INNOCENT, NEUTRAL, TOPICS, generate_prevention
from moderation.training.scenes_corpus import ACTIONS, generate_scenes
from moderation.training.selfharm_corpus import WHO, generate_selfharm
from moderation.training.train_classifier import (
    DEFAULT_DATA,
    ENGLISH_WRITTEN2_DIR,
    ENGLISH_WRITTEN3_DIR,
    ENGLISH_WRITTEN4_DIR,
    ENGLISH_WRITTEN5_DIR,
    ENGLISH_WRITTEN_DIR,
    EVERYDAY_FR_DIR,
    HARMS2_FR_DIR,
    HARMS3_FR_DIR,
    HARMS4_FR_DIR,
    HARMS_FR_DIR,
    PENDING_DIR,
    WRITTEN_CORPORA,
)
from moderation.training.warnings_corpus import CRIMES, generate_warnings
from moderation.training.wrongs_corpus import PERPETRATORS, generate_wrongs

HELDOUT2 = Path(__file__).resolve().parents[1] / "data" / "heldout2.csv"
HELDOUT3 = Path(__file__).resolve().parents[1] / "data" / "heldout3.csv"
HELDOUT4 = Path(__file__).resolve().parents[1] / "data" / "heldout4.csv"
HELDOUT5 = Path(__file__).resolve().parents[1] / "data" / "heldout5.csv"


def _one_label_per_family(examples: list[Example]) -> bool:
    """Every template family holds one label only, so a family lands whole in one split with its label."""
    by_family: dict[str, set[str]] = {}
    for e in examples:
        by_family.setdefault(e.template, set()).add(e.label)
    return all(len(found) == 1 for found in by_family.values())


# English words for a minor: no sexual row of a hand-written English corpus may hold one.
_MINOR_EN = re.compile(r"\b(child|children|kids?|teens?|teenagers?|minors?|girls?|boys?|schoolgirls?|students?|"
                       r"underage|loli|young)\b", re.IGNORECASE)


# French words for a minor (the pending corpus's children's scenes), and for pupils and students.
_MINOR_FR = re.compile(r"\b(enfants?|fill(e|es|ette|ettes)|gar[cç]ons?|b[eé]b[eé]s?|[eé]l[eè]ves?|ados?|gamin(e|es|s)?|"
                       r"m[oô]mes?|[eé]coli[eè]re?s?|coll[eé]gien(ne)?s?|mineure?s?)\b", re.IGNORECASE)
_STUDENT_FR = re.compile(r"\b([eé]tudiante?s?|lyc[eé]en(ne)?s?)\b", re.IGNORECASE)


def _families_shared_with(rows: list[Example], *directories: Path) -> set[str]:
    """The pair families of `rows` that another hand-written corpus also uses (each corpus's ids are its own)."""
    return {e.template for e in rows} & {e.template for d in directories for e in load_written(d)}


def _twinned_share(rows: list[Example]) -> float:
    """The share of harmful rows that share their family with a benign twin (a hand-written corpus's pairs)."""
    benign_families = {e.template for e in rows if e.label == "benign"}
    harmful = [e for e in rows if e.label != "benign"]
    return sum(e.template in benign_families for e in harmful) / len(harmful)


def _prompts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        return [row["prompt"].lower() for row in csv.DictReader(fh)]


# The blind English sets written in session 29, after every hand-written corpus: a corpus's rows near them are
# counted in the model card, not dropped (candidate `ngram-emb-46` was training on those corpora when the sets came).
_WRITTEN_IN_SESSION_29 = ("heldout30.csv", "heldout31.csv")
# Those written in session 30, after `english_written5/` (one row of each of the first four English corpora is near
# one of theirs; none of `english_written5/`'s is): counted, not dropped, as above.
_WRITTEN_IN_SESSION_30 = ("heldout32.csv", "heldout33.csv")


def _near_an_evaluation_prompt(rows: list[Example], *, later: tuple[str, ...] = ()) -> list[str]:
    """The rows within a token Jaccard of 0.6 of a prompt of any evaluation set, read or blind (the dev file and
    every held-out, French, self-harm and artist set but those in `later`, written after the corpus): a
    hand-written corpus drops them before training."""
    def tokens(text: str) -> set[str]:
        return set(re.findall(r"\w+", _strip_accents(text.lower())))

    folder = HELDOUT2.parent
    sets = [DEFAULT_DATA / "moderation" / "moderation_dev.csv", *sorted(folder.glob("heldout*.csv")),
            *sorted(folder.glob("fr_*.csv")), *sorted(folder.glob("selfharm*.csv")),
            *sorted(folder.glob("artists[0-9]*.csv"))]
    evaluation = [t for path in sets if path.name not in later for p in _prompts(path) if (t := tokens(p))]
    assert len(evaluation) > 14000
    near = []
    for e in rows:
        ours = tokens(e.text)
        if any(len(ours & t) >= 0.6 * len(ours | t) for t in evaluation):
            near.append(e.text)
    return near


def test_no_name_of_the_names_corpus_occurs_in_the_dev_file_or_heldout_sets_2_to_5() -> None:
    texts = (_prompts(DEFAULT_DATA / "moderation" / "moderation_dev.csv") + _prompts(HELDOUT2)
             + _prompts(HELDOUT3) + _prompts(HELDOUT4) + _prompts(HELDOUT5))
    assert len(texts) > 2600
    found = [name for name in NAMES if any(re.search(rf"\b{re.escape(name.lower())}\b", t) for t in texts)]
    assert found == []


def test_named_acts_keep_the_family_of_their_act_so_held_out_acts_stay_held_out() -> None:
    base = {e.template for e in generate()}
    named = generate_names()
    act_families = {e.template for e in named if not e.template.startswith("name")}
    assert act_families and act_families <= base
    held_out_acts = {f for f in base if split_of(f) == "heldout"}
    named_held_out = {e.template for e in named if split_of(e.template) == "heldout"}
    assert named_held_out & act_families
    assert named_held_out & act_families == held_out_acts & act_families


def test_the_names_corpus_gives_the_same_names_harmless_acts_and_is_reproducible() -> None:
    first, second = generate_names(), generate_names()
    assert first == second
    labels = Counter(e.label for e in first)
    assert labels["benign"] >= 0.4 * len(first)
    assert {"violence", "illegal", "sexual"} <= set(labels)
    harmful_names = {n for n in NAMES for e in first if e.label != "benign" and n in e.text}
    benign_names = {n for n in NAMES for e in first if e.label == "benign" and n in e.text}
    assert len(harmful_names & benign_names) >= 0.9 * len(NAMES)


def test_the_implied_corpus_is_reproducible_has_twins_and_keeps_whole_kinds_in_one_split() -> None:
    first, second = generate_implied(), generate_implied()
    assert first == second
    labels = Counter(e.label for e in first)
    assert labels["benign"] >= 0.45 * len(first)
    assert {"violence", "illegal"} <= set(labels) <= {"benign", "violence", "illegal"}
    # A family is one act or one twin: every family lands in one split, and both splits have every label.
    assert _one_label_per_family(first)
    held = Counter(e.label for e in first if split_of(e.template) == "heldout")
    assert set(held) == set(labels)
    # None of the telling words of the other corpora's held-out acts is used.
    text = " ".join(e.text.lower() for e in first)
    assert not any(word in text for word in ("crowbar", "grenade", "timber", "plantation"))


def test_the_instructions_corpus_is_reproducible_has_twins_and_keeps_whole_kinds_in_one_split() -> None:
    first = generate_instructions()
    assert first == generate_instructions() and len({e.text for e in first}) == len(first)
    labels = Counter(e.label for e in first)
    assert set(labels) == {"benign", "illegal"} and labels["benign"] >= 0.45 * len(first)
    assert _one_label_per_family(first)
    assert set(Counter(e.label for e in first if split_of(e.template) == "heldout")) == {"benign", "illegal"}
    # Every kind the corpus is for has both acts and twins: instructions, documents, fraud material.
    kinds = {(e.template.rsplit("-", 1)[0], e.label) for e in first}
    assert kinds == {("crimehowto", "illegal"), ("legalhowto", "benign"), ("forgery", "illegal"),
                     ("documenttwin", "benign"), ("fraud", "illegal"), ("fraudtwin", "benign")}
    text = " ".join(e.text.lower() for e in first)
    assert not any(word in text for word in ("crowbar", "grenade", "timber", "plantation"))


def test_the_crimes_corpus_is_reproducible_has_twins_and_keeps_whole_kinds_in_one_split() -> None:
    first = generate_crimes()
    assert first == generate_crimes() and len({e.text for e in first}) == len(first)
    labels = Counter(e.label for e in first)
    assert set(labels) == {"benign", "illegal"} and labels["benign"] >= 0.45 * len(first)
    assert _one_label_per_family(first)
    assert set(Counter(e.label for e in first if split_of(e.template) == "heldout")) == {"benign", "illegal"}
    assert {e.template.rsplit("-", 1)[0] for e in first} == {"crime2", "crimetwin"}
    assert not any("{" in e.text or "}" in e.text for e in first)  # every slot filled


def test_the_warnings_corpus_is_reproducible_benign_and_names_every_crime_in_both_splits() -> None:
    first = generate_warnings()
    assert first == generate_warnings() and len({e.text for e in first}) == len(first)
    assert {e.label for e in first} == {"benign"}
    assert {e.template.rsplit("-", 1)[0] for e in first} == {"warning", "lawful"}
    for split in ("train", "heldout"):
        text = " ".join(e.text for e in first if split_of(e.template) == split)
        assert sum(crime in text for crime in CRIMES) >= 0.9 * len(CRIMES), split


def test_the_attacks_corpus_names_each_event_both_to_glorify_it_and_to_mourn_it() -> None:
    first = generate_attacks()
    assert first == generate_attacks() and len({e.text for e in first}) == len(first)
    assert Counter(e.label for e in first).keys() == {"benign", "violence"}
    assert _one_label_per_family(first)
    assert {e.template.rsplit("-", 1)[0] for e in first} == {"glorify", "cruelty", "mourn", "care"}
    for label in ("benign", "violence"):  # an event's name is never the signal: each is on both sides
        text = " ".join(e.text for e in first if e.label == label)
        assert all(event in text for event in EVENTS), label
    assert set(Counter(e.label for e in first if split_of(e.template) == "heldout")) == {"benign", "violence"}
    assert not any("{" in e.text or "}" in e.text for e in first)


def test_the_documents_corpus_has_forgeries_twins_guarded_objects_and_wrapped_requests() -> None:
    first = generate_documents()
    assert first == generate_documents() and len({e.text for e in first}) == len(first)
    assert _one_label_per_family(first)
    kinds = Counter((e.template.rsplit("-", 1)[0], e.label) for e in first)
    assert set(kinds) == {("forgery", "illegal"), ("paper", "benign"), ("guarded", "benign"),
                          ("wrapped", "illegal")}
    assert kinds["guarded", "benign"] > 300 and kinds["wrapped", "illegal"] > 50
    assert set(Counter(e.label for e in first if split_of(e.template) == "heldout")) == {"benign", "illegal"}
    assert not any("{" in e.text or "}" in e.text for e in first)


def test_the_scenes_corpus_is_benign_and_holds_whole_actions_out() -> None:
    first = generate_scenes()
    assert first == generate_scenes() and len({e.text for e in first}) == len(first) > 2000
    assert {e.label for e in first} == {"benign"} and _one_label_per_family(first)
    held = {e.template for e in first if split_of(e.template) == "heldout"}
    assert 0 < len(held) < len(ACTIONS)  # some actions are held out whole, most are trained on
    assert not any("{" in e.text or "}" in e.text for e in first)


def test_the_selfharm_corpus_has_twins_on_the_same_words_and_keeps_each_person_with_their_pronouns() -> None:
    first = generate_selfharm()
    assert first == generate_selfharm() and len({e.text for e in first}) == len(first) > 1500
    assert _one_label_per_family(first)
    labels = Counter(e.label for e in first)
    assert set(labels) == {"self_harm", "benign"} and labels["benign"] > 0.4 * len(first)
    held = Counter(e.label for e in first if split_of(e.template) == "heldout")
    assert set(held) == {"self_harm", "benign"}
    assert not any("{" in e.text or "}" in e.text for e in first)
    # The twins name the topic: a benign prompt says "suicide", "self-harm", "pills" or "cut" too.
    for word in ("suicide", "self-harm", "pills", "razor", "ledge"):
        assert any(word in e.text for e in first if e.label == "benign"), word
        assert any(word in e.text for e in first if e.label == "self_harm"), word
    # A person's act stays their own: no "a girl cutting his forearm" (that would be violence).
    assert {(p, r) for _, p, r in WHO} == {("her", "herself"), ("his", "himself"), ("my", "myself")}
    for e in first:
        words = set(re.findall(r"[a-z]+", e.text.lower()))
        if words & {"girl", "woman"}:
            assert not words & {"his", "himself", "my", "myself"}, e.text
        if words & {"man", "boy", "student"}:
            assert not words & {"her", "herself", "my", "myself"}, e.text


def test_the_wrongs_corpus_names_the_same_perpetrators_to_glorify_and_to_judge() -> None:
    first = generate_wrongs()
    assert first == generate_wrongs() and len({e.text for e in first}) == len(first) > 3000
    assert _one_label_per_family(first)
    kinds = Counter((e.template.rsplit("-", 1)[0], e.label) for e in first)
    assert set(kinds) == {("heroise", "violence"), ("regime", "violence"), ("judge", "benign"),
                          ("remember", "benign"), ("quiet", "illegal"), ("lawful", "benign")}
    # Every perpetrator is named on both sides, so a name is not the signal.
    for name in PERPETRATORS:
        assert {e.label for e in first if name in e.text} == {"violence", "benign"}, name
    held = Counter(e.label for e in first if split_of(e.template) == "heldout")
    assert set(held) == {"violence", "illegal", "benign"}
    assert not any("{" in e.text or "}" in e.text for e in first)


def test_the_prevention_corpus_gives_tips_for_both_sides_of_every_crime_in_shared_media() -> None:
    first = generate_prevention()
    assert first == generate_prevention() and len({e.text for e in first}) == len(first) > 2000
    assert _one_label_per_family(first)
    kinds = Counter((e.template.rsplit("-", 1)[0], e.label) for e in first)
    assert set(kinds) == {("tipguard", "benign"), ("tipabuse", "illegal"), ("guard", "benign"),
                          ("abuse", "illegal"), ("safety", "benign"), ("danger", "illegal"), ("howto", "benign"),
                          ("tiphowto", "benign"), ("crimeword", "benign")}
    # Every crime is named on both sides, and the neutral media carry both kinds of tip: the tip decides.
    for crime, _, _ in TOPICS:
        assert {e.label for e in first if f" {crime}" in e.text} == {"benign", "illegal"}, crime
    for medium in NEUTRAL:
        head = medium.split("{", 1)[0]
        assert {e.label for e in first if head in e.text} == {"benign", "illegal"}, medium
    # A tip for the people a crime harms is never put in an offender's medium, nor the reverse.
    guard_tips = {tip for _, tips, _ in TOPICS for tip in tips}
    abuse_tips = {tip for _, _, tips in TOPICS for tip in tips}
    assert not guard_tips & abuse_tips
    for e in first:
        if any(tip in e.text for tip in abuse_tips):
            assert e.label == "illegal", e.text
        if any(tip in e.text for tip in guard_tips):
            assert e.label == "benign", e.text
    held = Counter(e.label for e in first if split_of(e.template) == "heldout")
    assert set(held) == {"illegal", "benign"}
    assert not any("{" in e.text or "}" in e.text for e in first)
    # The innocent twins: every activity's tips appear in the offender's own media (less the two phrases that only
    # an offender writes), always allowed; and none is a task or a word of the chat corpus, whose held-out part
    # showed the gap (the twins must teach the rule, not copy the held-out rows).
    howto = [e for e in first if e.template.startswith("howto-")]
    for activity, tips in INNOCENT:
        assert any(activity in e.text for e in howto), activity
        assert {e.label for e in first if any(tip in e.text for tip in tips)} == {"benign"}, activity
    assert not any("caught" in e.text or "getting away" in e.text for e in howto)
    assert {e.label for e in first if e.template.startswith("crimeword-")} == {"benign"}
    chat = {*HOWTO_TASKS, *SINGLE_WORDS}
    assert not chat & set(CRIME_WORDS)
    assert not any(tip in task or activity in task for task in HOWTO_TASKS for activity, tips in INNOCENT
                   for tip in tips)


def test_the_french_corpus_is_reproducible_has_every_class_and_twins_and_keeps_whole_kinds_in_one_split() -> None:
    first = generate_french()
    assert first == generate_french() and len({e.text for e in first}) == len(first)
    labels = Counter(e.label for e in first)
    assert set(labels) == {"benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"}
    assert labels["benign"] >= 0.45 * len(first)
    assert _one_label_per_family(first)
    held = Counter(e.label for e in first if split_of(e.template) == "heldout")
    assert {"benign", "sexual", "violence", "illegal"} <= set(held)
    # Written as people type: with and without accents, and with French elision ("photo d'une", not "de une").
    assert any("é" in e.text for e in first) and any("genere " in e.text for e in first)
    assert not any(re.search(r"\bde une?\b", e.text) for e in first)
    # The benign twins share the risky words that are harmless in context.
    benign = " ".join(e.text for e in first if e.label == "benign")
    assert all(word in benign for word in ("faux-filet", "fausse moustache", "son chien", "couteau"))


def test_the_broad_french_corpus_adds_benign_prompts_only_after_the_same_first_part() -> None:
    base, broad = generate_french(), generate_french(broad=True)
    assert broad[:len(base)] == base and len(broad) > len(base) + 3000
    assert {e.label for e in broad[len(base):]} == {"benign"}
    assert _one_label_per_family(broad)
    # Many more harmless acts of a person than harmful ones, reflexive verbs among them.
    assert any(" qui se " in e.text and e.template.startswith("frbenact2") for e in broad)


def test_the_hand_written_french_prompts_cover_every_class_with_twins_that_share_their_pair(
        tmp_path: Path) -> None:
    written = load_written()
    assert len({e.text for e in written}) == len(written)
    labels = Counter(e.label for e in written)
    assert set(labels) == {"benign", "sexual", "violence", "self_harm", "hate", "harassment", "illegal"}
    assert labels["benign"] >= 0.5 * len(written)
    # One label per text across the files, and most harmful pairs hold a benign twin.
    seen: dict[str, str] = {}
    for path in sorted(WRITTEN_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = normalize(row["prompt"])
                assert seen.setdefault(key, row["label"]) == row["label"], row["prompt"]
    pairs: dict[str, set[str]] = {}
    for e in written:
        pairs.setdefault(e.template, set()).add(e.label)
    harmful = [found for found in pairs.values() if found - {"benign"}]
    assert sum("benign" in found for found in harmful) >= 0.8 * len(harmful)
    # Every prompt also comes without accents, in its pair; pairs are held out whole.
    by_text = {e.text: e for e in written}
    accented = [e for e in written if _strip_accents(e.text) != e.text]
    assert len(accented) > 500 and all(by_text[_strip_accents(e.text)].template == e.template for e in accented)
    assert {split_of(e.template) for e in written} == {"train", "heldout"}
    # A bad label is a clear error, not a silent class.
    (tmp_path / "bad.csv").write_text("prompt,label,pair\nune image,nsfw,x-1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label 'nsfw'"):
        load_written(tmp_path)


def test_the_art_corpus_styles_only_dead_artists_and_twins_every_style_with_refused_acts() -> None:
    first = generate_art()
    assert first == generate_art() and len({e.text for e in first}) == len(first) > 2000
    assert {e.label for e in first} == {"benign", "sexual", "violence"}
    # Every artist the registry seed knows is dead there; no living artist's style is taught as allowed.
    with (HELDOUT2.parent / "artists.csv").open(encoding="utf-8") as fh:
        seed = {_strip_accents(r["name"]).lower(): r["status"] for r in csv.DictReader(fh)}
    known = [a for a in DEAD_ARTISTS if a.lower() in seed]
    assert len(known) > 50 and all(seed[a.lower()] == "deceased" for a in known)
    # The same style reaches both sides, so a name or movement decides nothing by itself.
    styles_by_label = {label: {a for a in DEAD_ARTISTS if any(a in e.text for e in first if e.label == label)}
                       for label in ("benign", "sexual", "violence")}
    assert len(styles_by_label["benign"] & styles_by_label["sexual"] & styles_by_label["violence"]) > 50
    assert {split_of(e.template) for e in first} == {"train", "heldout"}


def test_the_cruelty_corpus_twins_its_animals_and_makers_media_with_allowed_prompts() -> None:
    first = generate_cruelty()
    assert first == generate_cruelty() and len({e.text for e in first}) == len(first) > 2000
    labels = Counter(e.label for e in first)
    assert set(labels) == {"benign", "violence", "illegal"} and labels["benign"] > labels["violence"]
    # Every animal is both harmed (refused) and cared for (allowed), so the animal alone decides nothing.
    for animal in ANIMALS:
        assert {e.label for e in first if animal in e.text and e.template.split("-")[0] in {"cruel", "care"}} == {
            "violence", "benign"}, animal
    assert len(CRUEL_ACTS) > 20 and len(CARE_ACTS) > 20
    # The same maker's media ("render with exact dimensions for 3d printing") carry crimes' tools and lawful items.
    media = "render with exact dimensions for 3d printing"
    assert {e.label for e in first if media in e.text} == {"illegal", "benign"}
    assert not set(ILLEGAL_ITEMS) & set(LEGAL_ITEMS)
    assert {split_of(e.template) for e in first} == {"train", "heldout"}


def test_the_menace_corpus_twins_its_people_animals_and_names_with_allowed_prompts() -> None:
    first = generate_menace()
    assert first == generate_menace() and len({e.text for e in first}) == len(first) > 2500
    labels = Counter(e.label for e in first)
    assert set(labels) == {"benign", "violence", "illegal", "sexual"} and labels["benign"] > labels["violence"]
    # The same people are threatened (refused) and celebrated (allowed); the same named women undressed (refused)
    # and their photos edited (allowed); the same animals hurt and pampered, said as tersely, "lol" and all.
    for slot, families in ((TARGETS, {"threat", "frame"}), (WOMEN, {"undress", "edit"}),
                           (SMALL_ANIMALS, {"terse", "tersetwin"})):
        for name in slot:
            assert len({e.label for e in first if f" {name}" in f" {e.text}"
                        and e.template.split("-")[0] in families}) == 2, name
    assert len(TERSE_CRUEL) == len(TERSE_TWINS)
    assert {e.label for e in first if e.text.endswith(" lol")} == {"violence", "benign"}
    # Children's ordinary scenes are allowed, the words that tripped the minors rule kept.
    assert {e.label for e in first if "flashlights under their chins" in e.text} == {"benign"}
    assert {split_of(e.template) for e in first} == {"train", "heldout"}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("corpus", [generate_implied, generate_instructions, generate_french,
                                    lambda: generate_french(broad=True), generate_crimes,
                                    generate_warnings, generate_attacks, generate_documents, generate_scenes,
                                    generate_selfharm, generate_wrongs, generate_prevention, generate_art,
                                    generate_cruelty, generate_menace,
                                    *(partial(load_written, c.directory) for c in WRITTEN_CORPORA)],
                         ids=["implied", "instructions", "french", "french-broad", "crimes",
                              "warnings", "attacks", "documents", "scenes", "selfharm", "wrongs", "prevention",
                              "art", "cruelty", "menace", *(c.flag for c in WRITTEN_CORPORA)])
def test_no_prompt_of_a_corpus_written_after_the_evaluation_sets_is_one_of_their_prompts(
        corpus: Callable[[], list[Example]]) -> None:
    ours = {normalize(e.text) for e in corpus()}
    sets = [DEFAULT_DATA / "moderation" / "moderation_dev.csv", HELDOUT2, HELDOUT3, HELDOUT4, HELDOUT5,
            *(HELDOUT2.parent / f"heldout{n}.csv" for n in range(6, 34)),
            *(HELDOUT2.parent / f"selfharm{n}.csv" for n in (1, 2)), HELDOUT2.parent / "fr_children1.csv",
            *(HELDOUT2.parent / f"fr_heldout{n}.csv" for n in range(1, 8)),
            *(HELDOUT2.parent / f"artists{n}.csv" for n in range(2, 16))]
    evaluation = {normalize(p) for path in sets for p in _prompts(path)}
    assert len(evaluation) > 3400
    assert ours & evaluation == set()


def test_the_pending_french_rows_keep_children_in_allowed_scenes_and_sexual_rows_adult() -> None:
    rows = load_written(PENDING_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "sexual"} and labels["benign"] > 2 * labels["sexual"] > 100
    assert not [e.text for e in rows if e.label == "sexual" and _MINOR_FR.search(e.text)]
    assert sum(bool(_MINOR_FR.search(e.text)) for e in rows if e.label == "benign") > labels["benign"] / 2
    # A sexual adult row shares its family (its setting) with children's rows, so a split holds them out together.
    families = {e.template for e in rows if e.label == "sexual"}
    assert any(e.label == "benign" and e.template in families for e in rows)


def test_the_french_harms_rows_pair_each_illegal_or_violent_request_with_benign_twins() -> None:
    rows = load_written(HARMS_FR_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence"}
    assert min(labels["illegal"], labels["violence"]) > 300 and labels["benign"] > 600
    # Most harmful rows share their family with a benign twin that reuses their words, so the model learns the act,
    # not the vocabulary, and a split holds a request out together with its twins.
    assert _twinned_share(rows) > 0.8
    assert {split_of(e.template) for e in rows} == {"train", "heldout"}
    # Every row also comes without its accents (as many people type), in its own family.
    by_text = {e.text: e for e in rows}
    accented = [e for e in rows if _strip_accents(e.text) != e.text]
    assert accented and all(by_text[_strip_accents(e.text)].template == e.template for e in accented)


def test_the_second_french_harms_rows_pair_each_request_with_benign_twins_and_stay_apart_from_evaluation_sets() -> None:
    rows = load_written(HARMS2_FR_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence"}
    assert min(labels["illegal"], labels["violence"]) > 400 and labels["benign"] > 800
    assert _twinned_share(rows) > 0.8
    # fr_heldout5.csv was written after it (session 27); two of its rows are near two of this corpus's (four texts with
    # their accent-free forms), which `ngram-emb-39` and the candidate `ngram-emb-41` both train on (model card).
    # fr_heldout6.csv and fr_heldout7.csv (session 28) too; their rows equal to a training prompt were dropped, and the
    # rows near one are counted in the model card.
    assert _near_an_evaluation_prompt(rows, later=("fr_heldout5.csv", "fr_heldout6.csv", "fr_heldout7.csv")) == []


def test_the_english_written_rows_pair_harmful_requests_with_benign_twins_and_keep_sexual_rows_adult() -> None:
    rows = load_written(ENGLISH_WRITTEN_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence", "sexual"}
    assert labels["illegal"] > 200 and labels["violence"] > 150 and labels["sexual"] > 40 and labels["benign"] > 450
    assert _twinned_share(rows) > 0.8
    assert not [e.text for e in rows if e.label == "sexual" and _MINOR_EN.search(e.text)]
    assert {split_of(e.template) for e in rows} == {"train", "heldout"}


def test_the_second_english_written_rows_pair_requests_with_twins_keep_sexual_rows_adult_and_stay_apart() -> None:
    rows = load_written(ENGLISH_WRITTEN2_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence", "sexual"}
    assert labels["illegal"] > 400 and labels["violence"] > 120 and labels["sexual"] > 50 and labels["benign"] > 600
    assert _twinned_share(rows) > 0.8
    assert not [e.text for e in rows if e.label == "sexual" and _MINOR_EN.search(e.text)]
    # Its families are its own: no pair id is shared with the first English corpus.
    assert not _families_shared_with(rows, ENGLISH_WRITTEN_DIR)
    # heldout28.csv and heldout29.csv were written after it (session 27); three of their rows are near three of this
    # corpus's, which `ngram-emb-42` trains on (model card). heldout30.csv and heldout31.csv too (session 29: one
    # row of this corpus is near one of theirs).
    assert _near_an_evaluation_prompt(rows, later=("heldout28.csv", "heldout29.csv", *_WRITTEN_IN_SESSION_29,
                                                      *_WRITTEN_IN_SESSION_30)) == []


def test_the_third_english_written_rows_twin_crimes_shown_keep_sexual_rows_adult_and_stay_apart() -> None:
    rows = load_written(ENGLISH_WRITTEN3_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence", "sexual"}
    assert labels["illegal"] > 350 and labels["violence"] > 80 and labels["sexual"] > 20 and labels["benign"] > 700
    assert _twinned_share(rows) > 0.8
    assert not [e.text for e in rows if e.label == "sexual" and _MINOR_EN.search(e.text)]
    # Its families are its own: no pair id is shared with the other English hand-written corpora.
    assert not _families_shared_with(rows, ENGLISH_WRITTEN_DIR, ENGLISH_WRITTEN2_DIR)
    # The false positive found after `ngram-emb-42` shipped has its twins here: empty wardrobes and racks, allowed.
    assert sum(e.label == "benign" and "without any clothes" in e.text for e in rows) >= 1
    # heldout30.csv and heldout31.csv were written after it (session 29: four of its rows are near one of theirs).
    assert _near_an_evaluation_prompt(rows, later=(*_WRITTEN_IN_SESSION_29, *_WRITTEN_IN_SESSION_30)) == []


def test_the_fourth_english_written_rows_twin_each_forged_document_with_the_same_object_made_lawfully() -> None:
    rows = load_written(ENGLISH_WRITTEN4_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal"} and labels["illegal"] > 120 and labels["benign"] > 250
    assert _twinned_share(rows) > 0.9
    assert not _families_shared_with(rows, ENGLISH_WRITTEN_DIR, ENGLISH_WRITTEN2_DIR, ENGLISH_WRITTEN3_DIR)
    # heldout30.csv and heldout31.csv were written after it (session 29: one of its rows is near one of theirs).
    assert _near_an_evaluation_prompt(rows, later=(*_WRITTEN_IN_SESSION_29, *_WRITTEN_IN_SESSION_30)) == []


def test_the_fifth_english_written_rows_twin_arson_with_torches_and_nude_drawings_with_plain_line_art() -> None:
    rows = load_written(ENGLISH_WRITTEN5_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence", "sexual"}
    assert labels["illegal"] > 80 and labels["violence"] > 25 and labels["sexual"] > 40 and labels["benign"] > 250
    assert _twinned_share(rows) > 0.9
    assert not [e.text for e in rows if e.label == "sexual" and _MINOR_EN.search(e.text)]
    assert not _families_shared_with(rows, ENGLISH_WRITTEN_DIR, ENGLISH_WRITTEN2_DIR, ENGLISH_WRITTEN3_DIR,
                                     ENGLISH_WRITTEN4_DIR)
    # The kinds the artist sets showed `ngram-emb-46` refusing have benign rows here.
    assert any(e.label == "benign" and "torch relay" in e.text.lower() for e in rows)
    assert any(e.label == "benign" and "line art" in e.text.lower() for e in rows)
    assert _near_an_evaluation_prompt(rows) == []


def test_the_third_french_harms_rows_twin_each_request_and_add_ordinary_requests_apart_from_evaluation_sets() -> None:
    rows = load_written(HARMS3_FR_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence"}
    assert labels["illegal"] > 120 and labels["violence"] > 80 and labels["benign"] > 800
    assert _twinned_share(rows) > 0.8
    # Its families are its own: no pair id is shared with another French hand-written corpus.
    assert not _families_shared_with(rows, HARMS_FR_DIR, HARMS2_FR_DIR, EVERYDAY_FR_DIR, PENDING_DIR)
    # fr_heldout6.csv and fr_heldout7.csv were written after it (session 28; model card).
    assert _near_an_evaluation_prompt(rows, later=("fr_heldout6.csv", "fr_heldout7.csv")) == []


def test_the_fourth_french_harms_rows_twin_each_request_keep_sexual_rows_adult_and_stay_apart() -> None:
    rows = load_written(HARMS4_FR_DIR)
    labels = Counter(e.label for e in rows)
    assert set(labels) == {"benign", "illegal", "violence", "sexual"}
    assert labels["illegal"] > 100 and labels["violence"] > 100 and labels["sexual"] > 30 and labels["benign"] > 400
    assert _twinned_share(rows) > 0.75  # 0.79: a fifth of its harmful rows came without a twin
    assert not [e.text for e in rows
                if e.label == "sexual" and (_MINOR_FR.search(e.text) or _STUDENT_FR.search(e.text))]
    assert not _families_shared_with(rows, HARMS_FR_DIR, HARMS2_FR_DIR, HARMS3_FR_DIR, EVERYDAY_FR_DIR, PENDING_DIR)
    assert _near_an_evaluation_prompt(rows) == []


def test_the_french_everyday_rows_are_ordinary_requests_all_allowed() -> None:
    rows = load_written(EVERYDAY_FR_DIR)
    assert {e.label for e in rows} == {"benign"} and len({e.template for e in rows}) > 400
    assert {split_of(e.template) for e in rows} == {"train", "heldout"}
