"""Plain everyday scenes, all benign (fixed seed): people and animals doing ordinary things with the objects and in
the places that crime and violence prompts use (cars, doors, windows, bags, stairs, night streets, tools).

The gap this fills (session 17): candidate `ngram-emb-22` added about 2,000 harmful training rows (glorified
attacks, cruelty, forged papers) with twins on their own topics only, and at the kept thresholds it refused plain
scenes it had allowed before ("a man getting into a car", "a man banging on a door"; section "Candidate
`ngram-emb-22`" of the model card). This corpus adds about as many plain scenes as those harmful rows, so the
harmful side of an ordinary scene does not rise with them. It is written from lists of subjects, actions and
places, not from evaluation rows.

Families: one action each, so `corpus.split_of` holds whole actions out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import STYLES, Example, capitalized, each_once

SUBJECTS = ["a man", "a woman", "an old man", "an old woman", "a tall man", "a young woman in a raincoat",
            "a man in a grey suit", "a woman with a backpack", "a delivery driver", "a nurse", "a farmer",
            "two friends", "a couple", "a businessman", "a student", "a grandmother", "a man in a hoodie",
            "a woman in a red coat", "a cyclist", "a chef", "an elephant", "a golden retriever", "a bear",
            "a horse", "a cat", "a raccoon", "a penguin", "a giraffe", "a robot", "a knight in armour"]
ACTIONS = [
    "getting into a car", "stepping out of a taxi", "parking a van on a narrow street", "knocking on a front door",
    "opening a window to let fresh air in", "carrying boxes up the stairs", "lifting a suitcase into a car boot",
    "waiting at a bus stop", "crossing a busy street", "climbing a ladder to clean the gutters",
    "playing a tuba", "playing the drums", "playing the violin on a street corner", "reading a map",
    "holding an umbrella", "fixing a flat bicycle tyre", "painting a fence", "fishing from a pier",
    "sleeping on a park bench", "jogging along the river", "buying bread at a bakery", "paying at a supermarket till",
    "withdrawing cash at a machine", "locking a bike to a railing", "unlocking the door of a flat",
    "walking down a dark alley to get home", "carrying shopping bags to the car", "chopping onions in a kitchen",
    "sharpening a kitchen knife on a whetstone", "splitting firewood with an axe", "mowing the lawn",
    "looking through binoculars", "taking a photo with an old camera", "rowing a boat on a lake",
    "pushing a shopping trolley", "wearing a mask at a carnival", "pulling on gloves before gardening",
    "standing in the rain at night", "running to catch a train", "lighting candles on a birthday cake",
]
PLACES = ["", "", "", "in the morning", "at night", "in the rain", "in a small town", "in Tokyo", "in Paris",
          "on a winter evening", "under street lights", "in a parking garage", "in the countryside"]
VIEWS = ["{s}", "{S}", "a photo of {s}", "a three quarters view of {s}", "a close-up of {s}", "a wide shot of {s}",
         "an oil painting of {s}", "a children's book illustration of {s}", "draw {s}", "generate {s}{st}",
         "{S}{st}", "make me a picture of {s}"]


def generate_scenes(seed: int = 66) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []
    for _ in range(2600):
        i = rng.randrange(len(ACTIONS))
        place = rng.choice(PLACES)
        scene = f"{rng.choice(SUBJECTS)} {ACTIONS[i]}" + (f" {place}" if place else "")
        text = rng.choice(VIEWS).format(s=scene, S=capitalized(scene), st=rng.choice(STYLES))
        out.append(Example(text, "benign", f"scene-{i}"))
    return each_once(out)
