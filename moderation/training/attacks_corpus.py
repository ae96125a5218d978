"""Training prompts that glorify real attacks and their perpetrators, and cruelty to animals, with benign twins
(fixed seed).

The gap this fills (session 17): on held-out set 11 (read in session 16) five of the six violence prompts that
`ngram-emb-21` let through celebrate a real massacre or its author (a shooter drawn as a saint, a bombing as a
meme, the attackers as fan-art heroes); the MiniLM head scored them near 0 because no training prompt names a
real attack, and none glorifies one. Set 10 let a cat through, killed in a microwave. This corpus crosses the
ways of glorifying (portrait as a hero or saint, meme, fan art, tribute, recruitment, a "best day" caption) with
real attacks and attackers named by their event, adds cruelty to animals, and gives them twins that name the
same events to remember, report, teach or mourn them (memorials, vigils, news, history lessons, trials,
survivor stories, safety drills), so that the name of an event is not the signal.

Written for Atelier in session 17, after sets 10 and 11 were read and before held-out set 12 (kept unread) is
run. Families: one way of glorifying, one act, or one twin each, so `corpus.split_of` holds whole kinds out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import Example, each_once, requests
from moderation.training.crimes_corpus import FORMS  # the same request forms

# Real attacks, named by their event (never by the attacker's name, as newsrooms do).
EVENTS = [
    "the Columbine school shooting", "the Christchurch mosque shootings", "the 9/11 attacks",
    "the Oklahoma City bombing", "the Boston marathon bombing", "the Utoya massacre", "the Las Vegas concert shooting",
    "the Charleston church shooting", "the Buffalo supermarket shooting", "the El Paso Walmart shooting",
    "the Pulse nightclub shooting", "the Sandy Hook school shooting", "the Parkland school shooting",
    "the Manchester Arena bombing", "the Bataclan attack", "the Nice truck attack", "the Virginia Tech shooting",
    "the Uvalde school shooting", "the Isla Vista killings", "the Halle synagogue attack",
]
# Ways of glorifying an attack or its author; {e} is an event.
GLORIFY = [
    "a heroic portrait of the gunman of {e} as a saint with a golden halo",
    "fan art of the shooters of {e} as cool anime heroes posing with their guns",
    "a meme celebrating {e} with laughing emojis over the footage",
    "a poster honouring the attacker of {e} as a martyr and a hero of our cause",
    "a photo of {e} with the caption 'best day ever'",
    "a tribute edit of the killer from {e}, sunglasses and the text 'legend'",
    "a recruitment poster that uses {e} to call for the next one, 'who will be next'",
    "a t-shirt design with the body count of {e} and the words 'high score'",
    "a comic where the perpetrator of {e} is the hero and the victims deserved it",
    "the moment of {e}, with the attacker drawn as a glorious warrior in the light",
    "a shrine to the bomber of {e} with candles and the words 'he showed us the way'",
    "a video game style scoreboard of {e}, kill count in the corner, 'new record'",
    "a birthday cake for the anniversary of {e}, celebrating it, 'happy anniversary'",
    "a wanted-style poster praising the shooter of {e} as the man who did what we all wanted",
]
# Cruelty to animals and gore without a named event.
CRUELTY = [
    "a dog being kicked down the stairs by its owner",
    "someone swinging a cat by its tail against a wall",
    "a hamster being put in a blender, switched on",
    "a puppy tied to railway tracks as a train comes",
    "a kitten being drowned in a bucket, close up",
    "a horse being beaten with a metal bar until it falls",
    "a rabbit being skinned alive, screaming",
    "boys setting a stray dog on fire and laughing",
    "a cat cooked alive in an oven, its face against the glass",
    "a goldfish smashed with a hammer on a table",
    "a man stomping on a baby bird",
    "a person being pushed into an industrial meat grinder, blood spraying",
    "a worker crushed in a hydraulic press, insides bursting out",
    "a man's hand being fed into a table saw, blood everywhere",
    "a body pulled apart by two trucks driving in opposite directions",
    "a person thrown into a vat of acid, flesh dissolving",
]
# Twins: the same events and animals, to remember, report, teach, mourn or care for.
MOURN = [
    "a memorial for the victims of {e}, candles and flowers at dusk",
    "a candlelight vigil after {e}, people holding each other",
    "a news graphic timeline of the investigation into {e}",
    "a history lesson slide about {e} and how the community recovered",
    "a courtroom sketch of the sentencing hearing after {e}",
    "a documentary poster about the survivors of {e}",
    "an anniversary ceremony for {e}, a bell rung for each victim",
    "a mural honouring the first responders of {e}",
    "a book cover for a journalist's account of {e}, sober and quiet",
    "a quilt made by families in memory of the victims of {e}",
    "students planting a tree of remembrance a year after {e}",
    "a museum panel on {e}, visitors reading in silence",
]
CARE = [
    "a vet gently examining a kitten on a table",
    "a cat sleeping on top of a warm microwave in a cosy kitchen",
    "a golden retriever catching a frisbee in a park",
    "a rescued horse being brushed at a sanctuary",
    "children feeding rabbits at a petting farm",
    "a hamster running in its wheel at night",
    "a goldfish bowl on a sunny windowsill",
    "a baby bird being fed with a dropper by a wildlife volunteer",
    "an animal shelter adoption day poster with happy dogs",
    "a firefighter carrying a rescued cat down a ladder",
    "a factory safety poster: keep hands clear of the press, cartoon worker",
    "a carpenter using a table saw with a push stick and safety goggles",
    "a wood chipper clearing branches after a storm, workers in helmets",
    "a butcher's counter with cuts of meat and a smiling butcher",
    "a school lockdown drill poster, calm teacher and clear steps",
    "a counter-terrorism training exercise, police in a mock station",
    "the boston marathon finish line, runners cheering and a 'boston strong' banner",
    "the 9/11 memorial pools at night, names lit along the edge",
    "firefighters at ground zero raising a flag, 2001 news photo style",
    "a peace march with doves and banners against gun violence",
]


def generate_attacks(seed: int = 64) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []

    def emit(items: list[str], label: str, family: str, n: int) -> None:
        out.extend(requests(rng, items, label, family, n, fills={"e": EVENTS}, forms=FORMS))

    emit(GLORIFY, "violence", "glorify", 900)
    emit(CRUELTY, "violence", "cruelty", 450)
    emit(MOURN, "benign", "mourn", 900)
    emit(CARE, "benign", "care", 500)
    return each_once(out)
