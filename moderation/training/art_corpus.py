"""Fine art's dark and bodily subjects in the styles of dead painters, against the same styles asked for harm.

The gap this fills (session 22), read on artist-style sets already used (`artists8.csv` to `artists11.csv`): the
classifier refuses styles the policy allows because the subject of a painting sounds like harm. A portrait "in thick
fleshy paint" after Lucian Freud, "women in a dark room" after Paula Rego, dancers backstage after Degas, a hellscape
after Bosch, a screaming figure "under a blood red sky" after Munch, Victorian children misbehaving after Edward
Gorey, or a mecha drill "piercing the heavens" after an anime studio each read as sexual or violent. No training
prompt puts the body, the night, death or despair of a painting in an artist's or a movement's style: the benign
corpora name painters only for harmless subjects, and the harmful ones never name a style.

Here dead painters, illustrators and photographers, movements and studios (none living: checked by the tests against
the registry seed) are each given
- benign subjects that fine art is full of: flesh as paint, nightlife, melancholy, vanitas, memento mori, allegorical
  hells, battles painted without wounds, a still life with game, mourning;
- and, as twins, the same styles asked for sex or gore, which stay refused: a style does not make an act allowed.

Written for Atelier in session 22 after reading those sets' errors. The subjects are mine, not those sets' prompts;
held-out sets 16 and 17 and `artists13.csv` (written blind this session) judge it. No prompt of an evaluation set is
used (tested). Families: one subject (or act) each, so `corpus.split_of` holds whole subjects out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import SEXUAL_ACTS, VIOLENCE_ACTS, Example, capitalized, each_once

# Dead artists (with the years checked against the registry seed in the tests), movements and studios.
DEAD_ARTISTS = [
    "Rembrandt", "Caravaggio", "Francisco Goya", "Francis Bacon", "Egon Schiele", "Gustav Klimt", "Amedeo Modigliani",
    "Edgar Degas", "Edvard Munch", "Hieronymus Bosch", "Pieter Bruegel", "Edward Gorey", "Chuck Close", "Lucian Freud",
    "Paula Rego", "Frida Kahlo", "Otto Dix", "George Grosz", "Kathe Kollwitz", "Max Beckmann", "Zdzislaw Beksinski",
    "H. R. Giger", "Artemisia Gentileschi", "Peter Paul Rubens", "Titian", "Edward Hopper", "Andrew Wyeth",
    "Alice Neel", "Jean-Michel Basquiat", "Keith Haring", "Henri de Toulouse-Lautrec", "Vincent van Gogh",
    "Paul Gauguin", "Henri Matisse", "Pablo Picasso", "Salvador Dali", "Rene Magritte", "Leonora Carrington",
    "Remedios Varo", "Odilon Redon", "Arnold Bocklin", "Caspar David Friedrich", "William Turner", "William Blake",
    "Gustave Dore", "Aubrey Beardsley", "Alphonse Mucha", "Norman Rockwell", "Frank Frazetta", "Moebius",
    "Kentaro Miura", "Osamu Tezuka", "Hokusai", "Utagawa Kuniyoshi", "Diane Arbus", "Weegee", "Dorothea Lange",
    "Vivian Maier", "Mark Rothko", "Andy Warhol", "Roy Lichtenstein", "Ernst Ludwig Kirchner", "Gustave Courbet",
    "Theodore Gericault", "Eugene Delacroix", "Jacques-Louis David", "Felicien Rops", "James Ensor",
    "Tamara de Lempicka", "Henry Fuseli", "John Singer Sargent", "Jean-Leon Gerome", "Alberto Giacometti",
    "Louise Bourgeois",
]
MOVEMENTS = [
    "German expressionism", "baroque chiaroscuro", "the Dutch Golden Age", "the Pre-Raphaelites", "art nouveau",
    "ukiyo-e", "Soviet constructivism", "vanitas painting", "Flemish primitives", "romanticism", "symbolism",
    "Weimar-era new objectivity", "fauvism", "Renaissance fresco", "Byzantine icons", "Studio Ghibli", "Pixar",
    "Studio Trigger", "Aardman", "Laika", "Cartoon Saloon", "Blizzard", "old Disney", "film noir",
]
STYLE_FORMS = ["{s}, in the style of {a}", "{a} style {s}", "{s} by {a}", "{s}, {a}", "{s} like {a} would paint it",
               "in the manner of {a}: {s}", "{S}, after {a}", "{a}-inspired {s}", "make {s} in {a}'s style",
               "{s}, {a} style, oil on canvas", "{s}. style: {a}", "can you do {s} like {a}?"]

# Benign subjects of fine art that sound like harm to a classifier read word by word.
ART_SUBJECTS = [
    "a tired woman asleep in an armchair, heavy impasto flesh tones",
    "a self-portrait with sagging skin and grey light",
    "a heavy-set man standing in an empty studio, thick raw paint", "a couple sitting apart in a dim bedroom",
    "two sisters whispering in a shadowy kitchen", "a crowded cabaret at midnight with dancers kicking",
    "ballerinas stretching at the barre before rehearsal", "a boxer slumped on the stool between rounds",
    "a drunk old sailor singing in a tavern", "a vanitas still life with a skull and a guttering candle",
    "a still life of a dead pheasant and a hunting horn", "a butcher's stall with hanging sides of beef",
    "a danse macabre of skeletons dancing with a bishop", "an allegorical hell full of bankers and clerks",
    "a nightmare with a goblin sitting on a sleeper's chest", "a witches' sabbath around a goat on a moonlit hill",
    "a figure screaming on a pier under a burning orange sky", "a mourning widow in black by a grave",
    "a pieta with the grieving mother holding her son", "a flayed anatomy study hanging in an old medical school",
    "a shipwreck with a raft of desperate survivors on a stormy sea", "a cavalry charge painted in swirling smoke",
    "a battlefield at dusk with broken cannons and crows", "ruins of a bombed cathedral under snow",
    "a lonely diner at night with three strangers", "a gaunt hunger artist in a cage at a fairground",
    "naughty children pulling a cat's tail in a Victorian nursery", "a gloomy orphanage hallway with iron beds",
    "a pale girl in a white nightgown holding a candle on the stairs", "a wrestler with a twisted grimace",
    "a blood red sunset over a frozen fjord", "a giant mecha punching through a storm of clouds",
    "a samurai duel on a bridge in the rain", "a demon mask hanging in a temple", "a minotaur in a labyrinth",
    "a woman combing her long hair at a dressing table", "bathhouse steam and towels in a Japanese onsen",
    "a nude marble torso in a museum gallery", "a reclining figure wrapped in a bedsheet, soft window light",
    "a hunter's cabin with antlers and a wood stove", "a tattooed sailor smoking on the docks",
    "a grotesque feast of gluttonous nobles", "an exhausted surgeon after an operation",
    "a sad clown in a dressing room", "a mother nursing her baby in a sunlit room",
    "a family of beggars on church steps", "a fallen angel cast from heaven",
    "the temptation of a saint by strange creatures", "a crow-headed plague doctor in an empty square",
    "a chess game with death on a rocky beach", "a tangle of bodies in a crowded subway car at rush hour",
]
# Twins: the same styles asked for sex or gore stay refused.
SEXUAL_SUBJECTS = [f"a woman {act}" for act in SEXUAL_ACTS[:24]] + [f"a man {act}" for act in SEXUAL_ACTS[24:]]
VIOLENT_SUBJECTS = [f"a man {act}" for act in VIOLENCE_ACTS]


def _styled(rng: random.Random, subjects: list[str], label: str, family: str, n: int,
            styles: list[str]) -> list[Example]:
    out: list[Example] = []
    for _ in range(n):
        i = rng.randrange(len(subjects))
        subject = subjects[i]
        text = rng.choice(STYLE_FORMS).format(s=subject, S=capitalized(subject), a=rng.choice(styles))
        out.append(Example(text, label, f"{family}-{i}"))
    return out


def generate_art(seed: int = 83) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    styles = DEAD_ARTISTS + MOVEMENTS
    out = (_styled(rng, ART_SUBJECTS, "benign", "artsubject", 1400, styles)
           + _styled(rng, SEXUAL_SUBJECTS, "sexual", "artsexual", 350, styles)
           + _styled(rng, VIOLENT_SUBJECTS, "violence", "artviolent", 350, styles))
    return each_once(out)
