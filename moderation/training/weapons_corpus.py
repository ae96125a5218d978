"""Training prompts about weapons in use, fights and attacks, with benign counterparts (fixed seed).

The gap this fills (`ngram-lr-2` found 85% of the dev file's violence prompts): violence there is often a weapon
in use rather than an injury ("a sniper aiming at an enemy's head", "a cartoon animal firing a machine gun at
people", "a punch to a man's face", "tanks attacking a city"), done by anyone (fictional characters, animals,
objects, celebrities), and described with words such as "violent", "aggressive", "lethal" or "combat" that
the earlier corpora rarely used. Its benign twins share the same actors, weapons and moods but not the act:
weapons at rest or in sport, cooking with knives, war films, history, video games, air shows, "killer heels",
"shoot a photo", a "bath bomb", a "violent storm"; and everyday acts that share words with crime and drugs
(a locksmith at a door, a ski mask on the slopes, a pipe by the fire, a needle in a pincushion).

Written for Atelier: nothing is copied from an evaluation set (the dev file's prompts were read to name the
gap, never as templates). Families: one act (violent or benign) or one scene each, so `corpus.split_of` holds
whole acts out of training, in every wording and with every actor.
"""

from __future__ import annotations

import random

from moderation.training.corpus import STYLES, Example

ACTORS = [
    "a cowboy", "a gangster in a pinstripe suit", "a cyborg", "a space marine", "a mercenary", "a cartoon rabbit",
    "a teddy bear", "a giant banana with arms", "a penguin", "an action movie hero", "a pop star",
    "a famous rapper", "a bodybuilder", "an anime heroine", "a viking", "a ninja", "a spartan warrior",
    "a knight", "a pirate captain", "an alien", "a clown", "a goose", "a robot", "a biker", "a cop",
    "a soldier", "a militia fighter", "a hitman", "a vigilante", "a superhero", "a supervillain", "an old monk",
    "a grandmother", "a politician", "a businessman", "a samurai", "a gladiator", "a tribal warrior",
    "a cartoon cat", "a famous actor", "a wrestler", "a video game character", "a teenager", "a woman",
    "a man", "a muscular man", "a young woman", "a medieval archer", "a sheriff", "a bounty hunter",
    "a stormy-eyed detective", "a zombie hunter", "a wizard", "a frog in a tiny helmet", "a tattooed man",
]
SETTINGS = [
    "in a dark alley", "on a city street", "in a crowded market", "in a neon-lit cyberpunk city",
    "in a desert town", "in a school courtyard", "in a forest clearing", "on a rooftop", "in a warehouse",
    "in a saloon", "on a battlefield", "in a subway station", "in a shopping mall", "in a castle courtyard",
    "in a jungle", "on a beach", "in a parking garage", "in an office", "at a wedding", "in a park",
    "on a snowy mountain pass", "inside a church", "in a village square", "on a spaceship deck",
]
# A weapon or a body used against someone, an attack, a fight meant to hurt: violence.
VIOLENT_ACTS = [
    "firing a machine gun into a crowd of people", "shooting at people running for cover",
    "aiming a pistol at a man's head, finger on the trigger", "emptying a revolver into a rival",
    "spraying bullets across the street as bodies fall", "blasting enemies apart with a shotgun",
    "lining up a lethal head shot through a sniper scope", "gunning down enemy soldiers in a trench",
    "shooting a man point-blank", "throwing a grenade at a group of soldiers",
    "launching rockets at apartment blocks full of people", "burning enemies alive with a flamethrower",
    "swinging a sword to cut down a screaming enemy", "killing a monster with an axe, dark blood spraying",
    "running a spear through an enemy warrior", "stabbing a guard in the neck with a dagger",
    "charging at a man with a knife raised to strike", "punching a man so hard his teeth fly out",
    "delivering a brutal kick to a man's head", "smashing a man's face into a table",
    "beating a rival with a crowbar", "attacking passers-by with a baseball bat",
    "wrecking a room in a violent rage, smashing everything with a sledgehammer",
    "firing a tank shell into a crowded square", "zapping a man with a taser as he writhes in pain",
    "fighting to the death with knives", "executing a kneeling prisoner with a rifle",
    "pistol-whipping a terrified shopkeeper", "opening fire from a moving car",
    "holding a gun to a hostage's head", "shooting a fleeing man in the back",
    "hurling a molotov cocktail at riot police", "clubbing protesters with a baton until they bleed",
    "choking an opponent with a chain", "slamming a man's head against a wall",
    "attacking a crowd with a chainsaw", "firing a laser rifle at fleeing civilians",
    "shooting arrows into soldiers on a wall, men falling", "whipping a prisoner in chains",
    "violently shaking and hitting a crying woman", "strangling a man with a wire",
    "mowing down enemies with a minigun", "blowing up a bus with a bomb",
    "cutting a man down with a katana in one strike", "kicking a fallen man again and again",
]
# The same actors with weapons at rest, in sport, at work or in fiction about the past: benign.
BENIGN_ACTS = [
    "cleaning a rifle at a workbench", "polishing an old sword", "sharpening a kitchen knife to cook dinner",
    "with a pistol in its holster, leaning on a fence", "posing with a trophy", "practising archery at a straw target",
    "signing autographs for fans", "playing a shooter video game on a couch", "reading a history book about the war",
    "watching a war film with a bowl of popcorn", "laying flowers at a war memorial", "saluting at a parade",
    "training on a heavy bag in a boxing gym", "sparring with pads in a martial arts class",
    "chopping firewood with an axe", "carving a roast chicken with a knife", "dicing onions with a chef's knife",
    "taking photos with a big camera", "shooting a photo of the sunset", "juggling colourful balls",
    "holding a water pistol at a summer party", "firing a starting pistol at a running race",
    "fencing in white gear at a tournament", "dancing in killer heels", "dropping a bath bomb into a warm bath",
    "watching a violent storm from a window", "carrying a toy sword at a costume party",
    "cosplaying a video game hero with a foam blaster", "teaching a self-defence class with padded gloves",
    "visiting a tank at a war museum", "waving at jets at an air show", "reenacting a medieval fair joust",
    "filming a scene on the set of a war movie", "painting toy soldiers for a board game",
    "aiming a camera at a bird in a tree", "shooting hoops in the driveway", "hunting for seashells",
    "blowing out birthday candles", "smashing a piñata at a birthday party", "throwing darts at a pub",
    "slicing a watermelon with a big knife", "cutting a wedding cake with a ceremonial sword",
    "firing clay pots in a kiln", "exploding with laughter at a joke", "launching a paper plane",
    "playing laser tag with friends", "holding a crossbow at a museum's armoury exhibit",
]
# Everyday acts that share words with crime or drugs (a lock, a window, a mask, cash, smoke, powder, a needle):
# benign. They teach that an unfamiliar ordinary act is not a risk by default.
EVERYDAY_ACTS = [
    "unlocking the front door with a key", "changing the lock on a customer's door", "lighting a cigar at a wedding",
    "vaping on a balcony", "mixing chemicals in a school lab", "pouring white flour into a bowl",
    "counting cash at a bank counter", "carrying a heavy bag to the car", "climbing through the window of a tree house",
    "wearing a ski mask on the slopes", "hiding easter eggs in the garden", "sneaking up to surprise a friend",
    "breaking a bar of chocolate in two", "shaving with a straight razor", "giving a vaccine to a cat at the vet",
    "growing tomatoes in a greenhouse", "taking a pill with a glass of water", "selling paintings at a flea market",
    "rolling out pizza dough", "smoking fish over a fire", "sniffing a rose", "injecting marinade into a turkey",
    "hotwiring a toy robot for a science fair", "picking a lock in an escape room game", "burning a CD of old songs",
    "shooting an arrow at a hay bale", "hunting for mushrooms in the woods", "crushing garlic with a knife",
    "sticking a needle into a pincushion", "trading cards with a friend", "counting pills into a weekly organiser",
    "blowing smoke rings from a pipe", "raiding the fridge at midnight", "stealing a glance at the cake",
]
FORMS = [
    "{A} {act} {s}{st}", "A scene of {a} {act} {s}{tail}", "Close-up of {a} {act}{tail}",
    "{A} {act}, {s}, dramatic lighting, highly detailed", "Create an image of {a} {act}.{tail}",
    "portrait of {a} {act}, intense expression, detailed comic art panel{tail}",
    "A dramatic scene depicting {a} {act} {s}{tail}", "{A} in full gear {act} {s}{st}",
    "An intense, action-packed image of {a} {act}{tail}", "{A} {act}. The atmosphere is tense.{st}",
    "photo of {a} {act} {s}, cinematic{tail}", "draw {a} {act}", "{A} {act} in an anime style{tail}",
    "A movie still: {a} {act} {s}{tail}", "{A}, {act}, with a fierce and focused expression{st}",
]
# Tails a violent prompt may add: they name the violence. Neutral tails are shared by both labels.
VIOLENT_TAILS = ["", "", ", emphasizing the violence", ", weapon violence theme", ", brutal and violent",
                 ", a violent, chaotic scene", ", showing the pain and fear of the victims", ", deadly and menacing",
                 ", aggressive, lethal action", ", intense combat, gore", ". The violence is shown in detail."]
NEUTRAL_TAILS = ["", "", "", ", dramatic atmosphere", ", cinematic lighting", ", vivid colours", ", high detail",
                 ", intense mood", ", epic composition", ". The scene is full of energy.", ", sharp focus"]
# Attacks, war and terror as whole scenes; and scenes of war, history and sport that are fine.
ATTACK_SCENES = [
    "Tanks shell the city, apartment blocks burning as soldiers fire into the streets.",
    "An airliner flies into a burning skyscraper while people below run in panic.",
    "A terrorist attack on a packed stadium, people fleeing the gunfire.",
    "Drones drop bombs on a crowded market, stalls and people blown apart.",
    "A missile strikes a school, smoke and screaming children in the rubble.",
    "Militia fighters execute villagers lined up against a wall.",
    "Rioters beat a policeman with poles while he lies on the ground.",
    "Police fire into a crowd of protesters, bodies on the pavement.",
    "Armed men storm a concert hall and open fire on the audience.",
    "A nuclear bomb explodes over a city, people turned to ash.",
    "Soldiers bayonet wounded enemies in a muddy trench.",
    "Pirates cut down the crew of a merchant ship with cutlasses, blood on the deck.",
    "A gang war in the street, men shooting at each other from behind cars.",
    "Helicopter gunships strafe a village as families run.",
    "A crowd lynches a man in the town square.",
    "Two armies clash, swords hacking through armour and flesh.",
]
CALM_SCENES = [
    "Veterans march in a parade, medals shining, crowds waving flags.",
    "A museum hall of medieval armour and swords behind glass.",
    "A history painting of a general on horseback before a battle, in a gilded frame.",
    "An old war film poster with soldiers silhouetted against a sunset.",
    "Children climb on a retired tank in a war museum park.",
    "Fighter jets trail coloured smoke at an air show.",
    "Two boxers touch gloves before the first round, the referee between them.",
    "A karate student breaks a wooden board at a belt exam.",
    "Olympic archers aim at targets on a sunny field.",
    "A biathlete skis through the snow with a rifle on her back.",
    "A sushi chef slices salmon with a long knife at the counter.",
    "Gamers at a tournament play a fantasy battle game on big screens.",
    "A war memorial covered in poppies on a grey morning.",
    "Reenactors in Roman armour march at a history festival.",
    "A photographer shoots a fashion model in a studio, flashes firing.",
    "A fireworks display explodes over the harbour.",
]
SCENE_FORMS = ["{s}", "{s}{st}", "Draw this: {s}", "A realistic image. {s}", "{s} Highly detailed.",
               "Generate an image: {s}", "Illustration: {s}"]


def _compose(rng: random.Random, act: str, tails: list[str]) -> str:
    a = rng.choice(ACTORS)
    text = rng.choice(FORMS).format(a=a, A=a[0].upper() + a[1:], act=act, s=rng.choice(SETTINGS),
                                    st=rng.choice(STYLES), tail=rng.choice(tails))
    return text


def generate_weapons(seed: int = 29) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []
    for _ in range(2600):
        i = rng.randrange(len(VIOLENT_ACTS))
        out.append(Example(_compose(rng, VIOLENT_ACTS[i], VIOLENT_TAILS + NEUTRAL_TAILS), "violence", f"weapon-{i}"))
    for _ in range(2600):
        i = rng.randrange(len(BENIGN_ACTS))
        out.append(Example(_compose(rng, BENIGN_ACTS[i], NEUTRAL_TAILS), "benign", f"weaponben-{i}"))
    for _ in range(1400):
        i = rng.randrange(len(EVERYDAY_ACTS))
        out.append(Example(_compose(rng, EVERYDAY_ACTS[i], NEUTRAL_TAILS), "benign", f"everyday-{i}"))
    for scenes, label, family in ((ATTACK_SCENES, "violence", "attack"), (CALM_SCENES, "benign", "calm")):
        for _ in range(500):
            i = rng.randrange(len(scenes))
            out.append(Example(rng.choice(SCENE_FORMS).format(s=scenes[i], st=rng.choice(STYLES)), label,
                               f"{family}-{i}"))
    return out
