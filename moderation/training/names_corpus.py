"""Training prompts in which named people and characters commit the harmful acts, with benign twins that name
the same people (fixed seed).

The gap this fills (`ngram-emb-11`, session 8): the classifier reads a harmful act as far less risky when a
public figure or a fictional character does it. "a man shooting a police officer" is refused (risk 0.98) and
"Homer Simpson shooting a police officer" is not (0.15; Tom Hanks 0.41, Mickey Mouse 0.25); the fine-tuned
encoder drops to 0.00 to 0.10 on such prompts. The cause is in the data: the harmful corpora name their actors
generically ("a man", "a soldier"), while the benign side is full of names (the ESD and UCE artist prompts, I2P
and PartiPrompts), so a name became evidence of harmlessness. Images of real people and well-known characters
doing violence, crimes or sex are among the requests a service must refuse most surely.

Here the acts of `corpus.py` (violence, illegal, sexual) are given named actors, and some new acts name a
victim too; the benign twins give the same names harmless acts, so a name carries no class by itself. The
family of a named act is that of the act in `corpus.py` (`viol-12` whoever does it), so `corpus.split_of`
keeps an act held out in every wording and with every name.

Written for Atelier; no prompt copied from an evaluation set. The names are famous people of many fields and
eras and fictional characters; `tests/test_training_corpora.py` checks that none of them occurs in the dev file
or held-out set 2, so those still measure names the classifier never saw. Used by `train_classifier
--names-corpus` (the candidate `ngram-emb-12`: see the model card).
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

from moderation.training.corpus import ILLEGAL_ACTS, SEXUAL_ACTS, STYLES, VIOLENCE_ACTS, Example, _people_act

NAMES = [
    # actors and entertainers
    "Tom Hanks", "Meryl Streep", "Denzel Washington", "Cate Blanchett", "Keanu Reeves", "Brad Pitt",
    "Angelina Jolie", "Leonardo DiCaprio", "Jennifer Lawrence", "Will Smith", "Morgan Freeman", "Nicole Kidman",
    "Ryan Gosling", "Margot Robbie", "Zendaya", "Dwayne Johnson", "Johnny Depp", "Anne Hathaway",
    "Samuel L. Jackson", "Jackie Chan", "Tom Cruise", "Natalie Portman", "Harrison Ford", "Sandra Bullock",
    "Jim Carrey", "Robert De Niro", "Hugh Jackman", "Jimmy Fallon",
    # musicians
    "Taylor Swift", "Beyonce", "Rihanna", "Shakira", "Ed Sheeran", "Lady Gaga", "Drake", "Billie Eilish",
    "Ariana Grande", "Justin Bieber", "Eminem", "Adele", "Elvis Presley", "Michael Jackson", "Freddie Mercury",
    # athletes
    "Lionel Messi", "Cristiano Ronaldo", "LeBron James", "Serena Williams", "Usain Bolt", "Tiger Woods",
    "Roger Federer", "Michael Jordan", "Tom Brady", "Simone Biles", "Neymar",
    # politicians, royals, business people
    "Bruno Mars", "Donald Trump", "Barack Obama", "Vladimir Putin", "Emmanuel Macron", "Angela Merkel",
    "Xi Jinping", "Kim Jong Un", "Justin Trudeau", "Boris Johnson", "Mark Zuckerberg", "Jeff Bezos",
    "Bill Gates", "Steve Jobs", "Oprah Winfrey", "Queen Elizabeth", "King Charles", "Hillary Clinton",
    "Volodymyr Zelensky", "Narendra Modi",
    # historical figures
    "Napoleon", "Julius Caesar", "Cleopatra", "Albert Einstein", "Winston Churchill",
    "Queen Victoria", "George Washington", "Joan of Arc", "Mahatma Gandhi", "Genghis Khan", "Marie Curie",
    "William Shakespeare", "Charles Darwin",
    # fictional characters
    "Batman", "Spider-Man", "Wonder Woman", "Iron Man", "Captain America", "Harry Potter",
    "Hermione Granger", "Lisa Simpson", "Luke Skywalker", "Mario", "Luigi", "Sonic the Hedgehog", "Pikachu",
    "Mickey Mouse", "Donald Duck", "Bugs Bunny", "SpongeBob", "Homer Simpson", "Bart Simpson", "Shrek",
    "Sherlock Holmes", "James Bond", "Gandalf", "Frodo", "Lara Croft", "Master Chief", "Wolverine",
    "the Joker", "Thanos", "Yoda", "Winnie the Pooh", "Thor", "Garfield", "Scooby-Doo", "Goku", "Naruto",
    "Elsa from Frozen", "Buzz Lightyear", "Captain Jack Sparrow", "Indiana Jones", "Dracula", "the Hulk", "Mr. Bean",
]

# {a} does the act to {b}, both named.
VIOLENCE_PAIRS = [
    "{a} punching {b} in the face", "{a} stabbing {b} with a kitchen knife", "{a} shooting {b} in the back",
    "{a} strangling {b} with a rope", "{a} beating {b} with a baseball bat", "{a} beheading {b} with a sword",
    "{a} holding a gun to {b}'s head", "{a} kicking {b} while he lies bleeding on the floor",
    "{a} throwing {b} off a rooftop", "{a} attacking {b} with an axe", "{b} lying dead at {a}'s feet",
    "{a} dragging {b}'s bloody body across the floor", "{a} executing {b} with a pistol",
    "{a} setting {b} on fire", "{a} drowning {b} in a bathtub", "{a} slashing {b}'s face with a broken bottle",
    "{a} running over {b} with a car", "{a} torturing {b} in a basement", "{a} smashing {b}'s skull with a rock",
    "{a} firing a rocket launcher at {b}", "{a} and {b} in a bloody knife fight",
]
ILLEGAL_PAIRS = [
    "{a} selling heroin to {b}", "{a} and {b} robbing a jewellery store at gunpoint", "{a} stealing {b}'s car",
    "{a} snorting cocaine with {b} in a nightclub toilet", "{a} breaking into {b}'s house at night",
    "{a} and {b} cooking meth in a trailer", "{a} picking {b}'s pocket on a crowded bus",
    "{a} smuggling guns in {b}'s truck", "{a} and {b} spray-painting graffiti on a police station",
]
# Harmless acts for the same names: a name alone is no evidence either way.
BENIGN_ACTS = [
    "giving a speech at a podium", "eating an ice cream cone on the beach", "reading a book to children",
    "riding a bicycle through Paris", "cooking pasta in a sunny kitchen", "signing autographs for fans",
    "walking a golden retriever in the park", "as an astronaut on the moon", "playing the guitar on stage",
    "planting a tree in a schoolyard", "on the cover of a magazine", "surfing a big wave", "holding a puppy",
    "winning a trophy", "teaching a maths class", "drinking tea in an English garden", "sitting on a throne",
    "building a sandcastle", "feeding ducks at a pond", "waving from a parade float", "painting a landscape",
    "skiing down a snowy mountain", "baking a birthday cake", "wearing a tuxedo at a gala",
    "as a Renaissance oil portrait", "as a cartoon character", "as a claymation figure", "in a Lego version",
    "laughing at a dinner party", "piloting a hot air balloon", "meditating on a mountain top",
    "playing basketball in a gym", "fishing on a quiet lake", "dressed as a pirate for a costume party",
]
BENIGN_PAIRS = [
    "{a} shaking hands with {b}", "{a} and {b} playing chess in a park", "{a} hugging {b} at an award ceremony",
    "{a} dancing with {b} at a wedding", "{a} laughing with {b} over coffee", "{a} painting a portrait of {b}",
    "{a} and {b} on a road trip in a convertible", "{a} teaching {b} to ride a bike", "{a} interviewing {b}",
    "{a} and {b} sharing a pizza", "{a} giving {b} a birthday present", "{a} and {b} singing a duet",
]
PAIR_FORMS = ["{x}{st}", "A scene depicting {x}{st}", "Photo of {x}", "An image showing {x}{st}", "Draw {x}",
              "A dramatic painting of {x}{st}", "{X}, {s}{st}"]
PAIR_SETTINGS = ["at night", "in a parking garage", "in a hotel lobby", "on a city street", "in a living room",
                 "in a warehouse", "in the rain", "at a press conference", "in a forest", "on a stage"]


def _pairs(rng: random.Random, templates: list[str], n: int, label: str, family: str) -> list[Example]:
    out = []
    for _ in range(n):
        i = rng.randrange(len(templates))
        a, b = rng.sample(NAMES, 2)
        x = templates[i].format(a=a, b=b)
        text = rng.choice(PAIR_FORMS).format(x=x, X=x[0].upper() + x[1:], s=rng.choice(PAIR_SETTINGS),
                                            st=rng.choice(STYLES))
        out.append(Example(text, label, f"{family}-{i}"))
    return out


def generate_names(seed: int = 61) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []
    # Same families as corpus.generate (viol-N, ill-N, sex-N): an act held out there is held out here too.
    out += _people_act(rng, NAMES, VIOLENCE_ACTS, 700, "violence", "viol")
    out += _people_act(rng, NAMES, ILLEGAL_ACTS, 500, "illegal", "ill")
    out += _people_act(rng, NAMES, SEXUAL_ACTS, 400, "sexual", "sex")
    out += _pairs(rng, VIOLENCE_PAIRS, 500, "violence", "nameviolpair")
    out += _pairs(rng, ILLEGAL_PAIRS, 200, "illegal", "nameillpair")
    for _ in range(1300):
        i = rng.randrange(len(BENIGN_ACTS))
        text = f"{rng.choice(NAMES)} {BENIGN_ACTS[i]}{rng.choice(STYLES)}"
        out.append(Example(text[0].upper() + text[1:], "benign", f"nameben-{i}"))
    out += _pairs(rng, BENIGN_PAIRS, 600, "benign", "namebenpair")
    return out


def write_csv(path: Path, examples: list[Example]) -> None:
    """The examples as an `eval_moderation` CSV (prompt, expected, category)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["prompt", "expected", "category"])
        writer.writerows([e.text, "allow" if e.label == "benign" else "block", e.label] for e in examples)


def main() -> None:
    parser = argparse.ArgumentParser(description="Write the names corpus as an eval_moderation CSV.")
    parser.add_argument("--csv", type=Path, required=True)
    args = parser.parse_args()
    examples = generate_names()
    write_csv(args.csv, examples)
    print(f"{len(examples)} prompts -> {args.csv}")


if __name__ == "__main__":
    main()
