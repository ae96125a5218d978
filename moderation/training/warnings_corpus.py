"""Benign prompts that name a crime to fight it, report it, teach it or show it lawfully (fixed seed).

The gap this fills (session 16): held-out set 10 (blind until session 16, all English, 83 hard negatives among its
135 benign prompts) showed that the shipped model refuses 10 of its benign prompts, and the candidate
`ngram-emb-20` 15: nearly all name a crime in order to warn against it, report it, exhibit it or enforce the
law ("anti-poaching campaign poster", "museum exhibit on the history of counterfeit money", "infographic on how to
protect your card from skimmers", "anti-scam poster for seniors", "news illustration of a drug bust", "Crime
Stoppers poster"), or show a lawful trade next to one (a gun shop, a locksport meet, tickets scanned at a gate).
The fine-tuned encoder head scores these at 0.9 and above: the corpora teach it the crimes' topics, and hardly any
benign prompt names a crime. This corpus crosses the crimes' objects with the frames that make them benign;
`crimes_corpus.py` and `instructions_corpus.py` keep the same objects in the frames that make them crimes.

Written for Atelier in session 16 after reading set 10's false positives (so set 10 is not blind to these kinds
any more; none of its prompts is used, tested). Held-out set 11 (`moderation/data/heldout11.csv`) was written by
a helper who saw neither this file nor set 10. Families: one frame each, so `corpus.split_of` holds whole frames
out, and the crimes are shared by every frame.
"""

from __future__ import annotations

import random

from moderation.training.corpus import Example, each_once, requests
from moderation.training.crimes_corpus import FORMS  # the same request forms

# The crimes, named as a noun phrase.
CRIMES = [
    "counterfeit money", "fake banknotes", "card skimmers", "phishing emails", "phishing text messages",
    "gift card scams", "romance scams", "crypto investment scams", "fake charity appeals", "identity theft",
    "pickpockets", "shoplifting", "car theft", "catalytic converter theft", "bike theft", "burglary",
    "poaching", "the ivory trade", "wildlife trafficking", "illegal logging", "illegal fishing",
    "drug trafficking", "fentanyl", "drunk driving", "counterfeit designer goods", "fake medicines sold online",
    "ransomware", "online fraud", "money laundering", "human trafficking", "forged documents", "smuggling",
    "ghost guns", "illegal fireworks", "graffiti vandalism", "ticket touts", "insurance fraud", "tax evasion",
]
# The frames that make a crime's name benign: warning, reporting, teaching, exhibiting, enforcing the law.
FRAMES = [
    "an awareness poster warning people about {c}",
    "a campaign poster against {c}",
    "an infographic on how to protect yourself from {c}",
    "a leaflet for seniors on how to avoid {c}",
    "a news illustration of police announcing arrests for {c}",
    "a press photo of officers displaying items seized in a case of {c}",
    "a museum exhibit on the history of {c}, visitors reading the panels",
    "a documentary still about the fight against {c}",
    "a classroom slide teaching teenagers about the dangers of {c}",
    "a training session teaching bank staff to spot {c}",
    "a tip line poster asking the public to report {c}",
    "a charity campaign against {c}, hopeful tone",
    "a newspaper front page about a crackdown on {c}",
    "an editorial cartoon criticising {c}",
    "a courtroom sketch of a trial for {c}",
    "a researcher presenting a study on {c} at a conference",
    "a public service announcement about {c}, friendly characters",
    "a checklist poster: five signs of {c}",
    "a book cover for a non-fiction investigation into {c}",
    "a customs officer explaining {c} to travellers at an airport display",
    "a podcast cover about true stories of {c}",
    "a university lecture on the economics of {c}, chalkboard",
]
# Lawful trades and hobbies that sit next to the crimes' objects.
LAWFUL = [
    "a hunting and sporting goods shop, shotguns racked behind the till",
    "a licensed firearms dealer checking a buyer's papers",
    "a clay pigeon shooting club on a sunday morning, shooters in ear defenders",
    "hobbyists at a lock-picking club table, clear acrylic training padlocks",
    "a locksmith opening a car for its owner who locked the keys inside",
    "ushers checking tickets at a theatre door",
    "a wine expert inspecting an old bottle's cork and label at a cellar sale",
    "an auction house expert examining a painting under uv light",
    "a field of red poppies in Flanders, remembrance day",
    "a pharmacist explaining a prescription to a patient",
    "a police officer writing a parking ticket",
    "a bank teller counting cash at the counter",
    "a coin collector examining old banknotes with a loupe",
    "a penetration tester presenting findings to a company's it team",
    "a hunter with a licence and an orange vest in autumn woods",
    "a fireworks technician setting up a licensed display",
    "a sniffer dog team training at the airport",
    "a jeweller appraising a diamond with a loupe",
    "a forensic accountant going through ledgers",
    "a vintage wanted poster from the wild west in a museum",
    "a prison museum tour, old cells and a guide",
    "a legal cannabis shop in Canada with a budtender",
    "a naloxone training class at a community centre",
    "a scrap yard buying old car parts, weighing scales",
]


def generate_warnings(seed: int = 63) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    return each_once(requests(rng, FRAMES, "benign", "warning", 1700, fills={"c": CRIMES}, forms=FORMS)
                     + requests(rng, LAWFUL, "benign", "lawful", 600, fills={}, forms=FORMS))
