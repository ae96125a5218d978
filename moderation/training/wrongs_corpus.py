"""Training prompts that glorify named killers and regimes, and quieter illegal acts (environmental crime,
bribery, fraud by phone, fencing, hit and run), each with benign twins on the same names and objects (fixed seed).

The gap this fills (session 19), read on sets already used:
- held-out set 13's six violence misses under `ngram-emb-25` glorify a perpetrator named as a person (a serial
  killer as a "cool icon", a mass murderer "honoured as a hero", camp guards "proud" at a gas chamber) or an attack
  as a celebration. `attacks_corpus.py` names attacks by their event only, never their authors, and no training
  prompt names a regime's crimes;
- held-out set 2's illegal misses fell from 4 to 9 with `ngram-emb-25`: the quiet crimes (a crew clear-cutting a
  protected forest, a tanker draining oil into a lake, an official pocketing an envelope, a poacher in a
  protected river, a grandson scam, a hit and run). `warnings_corpus.py` taught some of their names ("illegal
  logging", "poaching") in benign frames only.
This corpus crosses ways of glorifying with named perpetrators, and quiet crimes with people, and gives both twins
that name the same people to judge, remember or teach, and the same objects at lawful work. Written for Atelier in
session 19 after reading those misses, before held-out set 14 (written blind in session 18, counted only) is read.
No prompt of an evaluation set is used (tested). Families: one frame, act or twin each, so `corpus.split_of`
holds whole kinds out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import Example, each_once, requests
from moderation.training.crimes_corpus import FORMS  # the same request forms

# Perpetrators as users name them.
PERPETRATORS = [
    "Jeffrey Dahmer", "Ted Bundy", "Anders Breivik", "Adolf Hitler", "the SS", "Charles Manson",
    "John Wayne Gacy", "Osama bin Laden", "the ISIS executioners", "Pol Pot's Khmer Rouge", "the Unabomber",
    "Timothy McVeigh", "the Christchurch shooter", "the Columbine shooters", "Dylann Roof", "the Zodiac killer",
    "Jack the Ripper", "the Nazi camp guards", "Richard Ramirez", "the Isla Vista killer",
]
GLORIFY = [
    "{x} as a cool icon, aesthetic edit with hearts", "a patriotic poster honouring {x} as a national hero",
    "fan art of {x} with sparkles, a legend and a role model", "{x} painted as a saint with a golden halo",
    "a t-shirt design celebrating the kills of {x}", "a meme praising {x}, 'he did nothing wrong'",
    "a recruitment poster: 'be like {x}', finish the job", "a shrine to {x} with candles and the word 'legend'",
    "{x} smiling proudly over the bodies of his victims", "a heroic bronze statue of {x} crushing his victims",
    "a glowing tribute poster, 'we need more men like {x}'", "a cute anime edit of {x} with his victims' blood",
    "a birthday card celebrating {x}'s massacre", "a fan poster ranking the kill count of {x}, epic and proud",
    "{x} as a romantic heartthrob, girls swooning over his crimes", "a victory poster celebrating the work of {x}",
]
REGIME = [
    "proud guards posing at the gas chamber door, a glory poster", "a cheerful poster celebrating the gas chambers",
    "a victory parade celebrating the extermination of a people",
    "a poster praising the death camps as a job well done",
    "a happy propaganda poster of a mass grave, 'the final solution worked'",
    "soldiers laughing and cheering while burning a village with the families inside",
    "a celebratory painting of a genocide, the killers crowned with laurels",
]
JUDGE = [
    "a documentary still about the trial of {x}, sober tone", "a history textbook illustration about the crimes of {x}",
    "a museum exhibit on the victims of {x}, visitors reading the panels",
    "a courtroom sketch of {x} hearing the verdict",
    "a true crime book cover about the investigation into {x}, no gore, dark blue tones",
    "a memorial to the victims of {x}, flowers and candles", "a news illustration: {x} sentenced to life in prison",
    "a detective's evidence board in the hunt for {x}, strings and photos",
    "a survivor of {x} speaking to students in a school hall", "a podcast cover about how police caught {x}",
    "an actor playing a detective who caught {x}, film still", "a historian's lecture slide on the fall of {x}",
]
REMEMBER = [
    "the Auschwitz memorial with flowers on the rails, winter light",
    "Holocaust remembrance day candles in a synagogue",
    "a history class visiting a concentration camp memorial", "the Nuremberg trials, courtroom painting, sober tone",
    "a museum of the Khmer Rouge years, visitors reading the panels", "the Rwanda genocide memorial with photographs",
    "a survivor's tattooed number on an old arm, holding a grandchild's hand, hope",
]

PEOPLE = ["a man", "a crew", "two men", "a woman", "a businessman", "a gang", "a worker", "an official",
          "a contractor", "a trucker", "a farmer", "a company"]
QUIET_CRIMES = [
    "{x} illegally clear-cutting a protected rainforest at night", "{x} secretly dumping toxic waste into a river",
    "{x} pouring barrels of used oil into a stream behind a factory",
    "{x} setting wire snares for leopards in a national park",
    "{x} dynamiting a coral reef to catch fish", "{x} taking a bribe in an envelope under the table",
    "{x} slipping cash to a building inspector to pass a failed inspection",
    "{x} speeding away after hitting a cyclist, leaving him on the road",
    "{x} phoning old ladies pretending to be their grandson in jail who needs bail money",
    "{x} selling stolen phones from the boot of a car", "{x} stripping stolen cars for parts in a chop shop",
    "{x} smuggling exotic birds stuffed into plastic tubes in a suitcase",
    "{x} selling counterfeit concert tickets outside a stadium", "{x} cooking the books to hide stolen millions",
    "{x} packing migrants into a sealed truck for a fee", "{x} selling pistols with filed-off serial numbers",
    "{x} driving drunk, weaving across lanes with a beer in hand", "{x} fitting stolen catalytic converters to resell",
    "{x} rigging a public tender for a kickback", "{x} burning a protected forest to clear land for cattle",
    "{x} hunting rhinos for their horns at night", "{x} stealing copper cable from a railway line",
]
LAWFUL = [
    "{x} doing a licensed harvest of planted pines, safety helmets", "{x} testing river water samples near a factory",
    "volunteers cleaning up an oil spill on a beach", "{x} removing snares as a park ranger in a national park",
    "{x} surveying a coral reef as a marine biologist", "{x} shaking hands to close a business deal in an office",
    "{x} checking a new house with a clipboard as a building inspector",
    "{x} stopping to help a cyclist after a crash, calling an ambulance",
    "{x} video calling a grandmother on her birthday", "{x} selling an old phone at a flea market",
    "{x} fitting new parts in a tidy garage", "{x} showing parrots at a licensed bird fair",
    "{x} scanning tickets at a stadium gate", "{x} reviewing the accounts with a client, spreadsheets",
    "{x} driving a bus of tourists across a border checkpoint", "{x} cleaning a hunting rifle in a licensed gun shop",
    "{x} driving friends home as the designated driver", "{x} presenting a bid at a public tender meeting",
    "{x} doing a controlled burn with firefighters to prevent wildfires", "{x} guarding rhinos as a ranger at dawn",
    "{x} repairing a railway line at night, orange vests", "{x} herding cattle on a ranch at sunset",
]


def generate_wrongs(seed: int = 70) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []

    def emit(items: list[str], label: str, family: str, n: int, fill: list[str]) -> None:
        out.extend(requests(rng, items, label, family, n, fills={"x": fill}, forms=FORMS))

    emit(GLORIFY, "violence", "heroise", 800, PERPETRATORS)
    emit(REGIME, "violence", "regime", 300, [""])
    emit(JUDGE, "benign", "judge", 800, PERPETRATORS)
    emit(REMEMBER, "benign", "remember", 300, [""])
    emit(QUIET_CRIMES, "illegal", "quiet", 1000, PEOPLE)
    emit(LAWFUL, "benign", "lawful", 1000, PEOPLE)
    return each_once(out)
