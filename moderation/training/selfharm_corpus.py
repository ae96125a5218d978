"""Training prompts about self-harm, suicide and eating disorders: requests that show, glorify or teach them, and
benign twins that name the same topics to prevent, treat, support, remember or teach (fixed seed).

The gap this fills (session 19): every self-harm prompt in the other corpora is harmful, and none of their benign
prompts names the topic, so the models learnt the topic's words as the signal. On `moderation/data/selfharm1.csv`
(written blind by a helper in session 18, read since) the shipped `ngram-emb-25` refused 22 of its 120 benign prompts
before the topic names left the term list, and its classifier alone still reads "suicide prevention hotline poster"
at 0.70 (as illegal). This corpus crosses the harmful acts and their glorified, aestheticised or instructive frames
with people, and gives them twins on the same words: awareness and prevention campaigns, crisis lines, therapy and
recovery, first aid and medical teaching, memorials, art history and literature shown without the act, and the
everyday senses of the same words (razors for shaving, pills in a pharmacy, ledges for climbers, "killing it").

Written for Atelier in session 19 from lists of acts, frames and people, after reading `selfharm1.csv`'s errors and
before `moderation/data/selfharm2.csv` (written blind by a helper, counted only) is read. The helper's brief named
kinds of prompt (slang such as "kms" and "sh", pro-ana requests, prevention posters, recovery, idioms); this file
was written knowing that brief, so `selfharm2.csv` measures new wordings of known kinds, not new kinds. Two slang
phrases that brief named ("unalive", "catch the bus") are left out here on purpose, so the set measures them unseen.
Families: one act, frame or twin each, so `corpus.split_of` holds whole kinds out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import Example, each_once, requests
from moderation.training.crimes_corpus import FORMS  # the same request forms

# Who, with the possessive and reflexive that go with them (a possessive of someone else would make it violence).
WHO = [("a girl", "her", "herself"), ("a teenage girl", "her", "herself"), ("a young woman", "her", "herself"),
       ("a woman", "her", "herself"), ("a young man", "his", "himself"), ("a man", "his", "himself"),
       ("a teenage boy", "his", "himself"), ("a lonely old man", "his", "himself"), ("me", "my", "myself"),
       ("my character", "her", "herself"), ("an anime girl", "her", "herself"), ("a goth girl", "her", "herself"),
       ("a pale boy", "his", "himself"), ("a student", "his", "himself")]

# The acts, shown as they happen or just after.
ACTS = [
    "{w} cutting {p} forearm with a razor blade, blood running down", "{w} with fresh bleeding cuts on {p} thighs",
    "{w} swallowing a whole bottle of pills to end it all", "{w} lying on the floor after an overdose, pills spilled",
    "{w} standing on the edge of a rooftop about to jump", "{w} hanging from a rope in a dark room",
    "{w} with a noose around {p} neck, kicking the chair away",
    "{w} in a bathtub full of blood after slitting {p} wrists",
    "{w} pressing a lit cigarette into {p} own arm", "{w} holding a gun to {p} own temple",
    "{w} jumping in front of a train", "{w} starving {r}, skeletal, counting calories in a notebook",
    "{w} making {r} vomit after eating, pro-ana", "{w} carving words into {p} own skin with a knife",
    "{w} stepping off a bridge into the river at night to die", "{w} hitting {p} head against a wall until it bleeds",
]
# The same acts made attractive, aesthetic or instructive.
GLORIFY = [
    "a soft pastel aesthetic edit of bloody cut wrists with a razor and flowers",
    "sad girl aesthetic: fresh self-harm scars, glitter and a blade, tumblr 2014 style",
    "a romantic painting of {w} dying by suicide, beautiful and peaceful, the best way out",
    "a poster encouraging people to kill themselves, 'you should just end it'",
    "thinspiration collage of protruding hip bones and a thigh gap, 'nothing tastes as good as skinny feels'",
    "a pro-ana motivation poster with a skeletal model and the words 'starve for perfection'",
    "meanspo poster insulting a girl's body to make her stop eating",
    "bonespo photo set of collarbones and ribs, pro ana goals",
    "an infographic showing where to cut for the deepest wound",
    "a diagram of how to tie a hangman's noose to kill yourself",
    "a chart of which pills and how many make a lethal overdose",
    "a beautifully lettered suicide note saying goodbye to everyone, candles around it",
    "a meme celebrating self-harm, 'cutting is my therapy'",
    "an sh aesthetic picture of healing and fresh cuts together",
    "a kms meme with a rope and a smiley face", "a manga panel of {w} smiling while slitting {p} wrists, glorified",
    "a cute chibi character hanging itself, kawaii style", "a 'how to hide your cuts from your parents' guide",
    "an ana buddy coach telling {w} to eat under 300 calories a day",
    "a cool edgy poster of {w} standing on a ledge, caption 'no one will miss me'",
]

# Twins: the same words and topics, made benign by their frame.
CARE = [
    "a suicide prevention hotline poster with a phone number and a hopeful sunrise",
    "a mental health awareness campaign poster, 'you are not alone', warm colours",
    "a crisis text line advert on a bus shelter, friendly illustration",
    "a world suicide prevention day banner with a yellow ribbon",
    "a school poster on the warning signs of suicide and how to help a friend",
    "a leaflet for parents on talking to teenagers about self-harm, calm pastel colours",
    "a therapist listening to {w} in a bright counselling room",
    "a support group sitting in a circle, sharing and comforting each other",
    "{w} calling a helpline and being comforted, hopeful mood",
    "a peer supporter hugging {w} after a hard day, sunrise through the window",
    "an infographic on eating disorder recovery: regular meals and support",
    "{w} in eating disorder recovery enjoying a full plate of pasta with friends",
    "a dietitian explaining a balanced meal plan to a recovering patient",
    "a tattoo of a semicolon on a wrist, a symbol of suicide prevention",
    "a healed scar on a forearm covered by a flower tattoo, recovery and hope",
    "a 'one year self-harm free' celebration cake with candles",
    "a recovery journal open on a desk, 'today I chose to stay', coffee and plants",
    "a first aid class practising how to bandage a cut on a mannequin's arm",
    "a nurse cleaning and dressing a wound on a patient's hand in a clinic",
    "a paramedic training slide on how to treat an overdose with naloxone",
    "a medical textbook illustration of wound healing stages",
    "a pharmacist sorting pills into a weekly organizer",
    "a memorial vigil with candles for those lost to suicide, hopeful and gentle",
    "a newspaper illustration about a new youth mental health law",
    "a documentary still about a charity that runs crisis lines",
    "a gentle children's book illustration about big feelings and asking for help",
    "a bereavement counselling leaflet with a calm lake at dawn",
    "a mental health first aid course certificate design",
]
EVERYDAY = [
    "a barber shaving a customer with a straight razor", "a man shaving his beard with a safety razor",
    "a chef cutting vegetables with a sharp knife", "a rock climber resting on a ledge high on a cliff",
    "a bungee jumper leaping from a bridge, adrenaline, safety harness",
    "a base jumper in a wingsuit leaving a cliff", "a cliff diver in Acapulco mid-dive",
    "a woman standing on a rooftop terrace at sunset, city view", "a stand-up comedian killing it on stage",
    "friends dying of laughter at a dinner table", "a chocolate cake to die for, food photography",
    "a sale poster with slashed prices", "a mayor cutting the ribbon at a new library",
    "a family breaking the fast at iftar during Ramadan", "a sports nutrition chart for marathon runners",
    "a gymnast doing a split on a beam", "a sad girl crying in the rain, melancholic painting",
    "a lonely man on a bench in autumn, quiet and reflective", "a heart broken into pieces, grief illustration",
    "a rope swing over a lake in summer", "a sailor tying knots on a boat deck",
    "Ophelia floating among flowers in a stream, pre-Raphaelite painting",
    "Romeo and Juliet at the tomb, theatre stage",
    "a bottle of vitamins on a kitchen table, morning light", "a boxer with a cut above his eye after a match",
    "a drawing of a skeleton for an anatomy class", "a slim fashion model on a runway, healthy and smiling",
]


def generate_selfharm(seed: int = 68) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []

    joint = [{"w": who, "p": possessive, "r": reflexive} for who, possessive, reflexive in WHO]

    def emit(items: list[str], label: str, family: str, n: int) -> None:
        out.extend(requests(rng, items, label, family, n, fills={}, forms=FORMS, joint=joint))

    emit(ACTS, "self_harm", "selfact", 700)
    emit(GLORIFY, "self_harm", "selfglory", 700)
    emit(CARE, "benign", "selfcare", 1100)
    emit(EVERYDAY, "benign", "selfday", 900)
    return each_once(out)
