"""Training prompts for violence and illegal acts told by implication, with benign twins (fixed seed).

The gap this fills (`ngram-emb-11` with the names view, session 9): the violence and illegal prompts still
allowed name nobody and say the act without the corpora's words. On the dev file and the blind held-out sets:
- a weapon held with menace and no victim named (an animal pointing a gun at the viewer, a girl with a pistol
  and a "weapon violence theme", a futuristic firearm discharging);
- blood told without the word (a crimson liquid, a dark red stain);
- gore told in a few plain words (severed limbs, a body torn apart);
- attacks on buildings and landmarks (a plane flying into a tower);
- violence framed as a cartoon, a toy or a video game;
- force by people in uniform on someone who cannot resist;
- children put to work, hunting where it is forbidden, children with tobacco or alcohol, gambling dens and
  animal fights.
Their benign twins share the actors, objects, colours and places but not the act: guns holstered, on display or
made of plastic; red wine, paint and juice; crates of cabbages and a puppy tearing up a toy; landmarks at
sunset and a planned demolition; cartoon animals at play; police at work with the public; children learning a
craft; wildlife photographers; a card game among friends.

Written for Atelier (session 10). The kinds come from the dev file's misses (read to name them; a few of its
motifs are kept: a crimson liquid, a capybara or a chicken with a gun, a futuristic firearm, the Twin Towers, a
"No Hunting" sign, a baby with a cigarette, so the dev file's figures for these kinds are no longer a test) and
from the model card's list of what the names view left, which also names misses of held-out sets 2, 4 and 5:
those sets are not blind to these kinds any more. Held-out set 6 was written blind and was not opened to write
this. None of the held-out families of the other corpora is used: the words of their acts (a crowbar, a
grenade, timber, a plantation) do not appear here. Families: one act, menace, stain, scene or twin each, so
`corpus.split_of` holds whole kinds out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import STYLES, Example, capitalized

HOLDERS = [
    "a chicken", "a capybara", "a hamster", "a raccoon", "a corgi", "a duck", "a cat in sunglasses", "a monkey",
    "a girl", "a young woman", "a teenage boy", "an old man", "a woman in a red dress", "a man in a suit",
    "a robot", "an android", "a cyberpunk mercenary", "a masked figure", "a clown", "a nun", "a schoolteacher",
    "a cowgirl", "an anime girl", "a fox in a jacket", "a frog", "a bear", "a businesswoman", "a farmer",
]
GUNS = ["a pistol", "a revolver", "an assault rifle", "a shotgun", "a machine gun", "a sniper rifle", "a handgun",
        "an uzi", "a laser rifle", "a plasma gun", "a submachine gun", "a sawed-off shotgun"]
BLADES = ["a machete", "a butcher knife", "a hunting knife", "a meat cleaver", "a switchblade", "a hatchet"]
# A weapon held with menace: the threat is the act, though no victim is named.
MENACE = [
    "pointing {g} straight at the viewer", "aiming {g} at the camera, finger on the trigger",
    "holding {g} to the viewer's face, threatening", "brandishing {b} with a murderous grin",
    "standing over the viewer with {g}, ready to shoot", "with {g} pressed against the lens, about to fire",
    "firing {g} wildly, muzzle flash and smoke, shells flying", "clutching {b}, ready to kill",
    "armed with {g}, eyes full of murderous rage", "cocking {g} with a cold, deadly stare",
    "loading {g} and grinning before the massacre", "raising {b} to strike, a threatening stance",
]
MENACE_TAILS = ["", "", ", weapon violence theme", ", tense and threatening", ", deadly atmosphere",
                ", in a fiery hellscape", ", menacing", ", the scene conveys danger and fear"]
# The same holders and weapons at rest, in play, on display or at work: benign.
AT_REST = [
    "with {g} in a holster, leaning on a fence", "holding a water gun at a pool party",
    "looking at {g} in a museum display case", "holding a bright orange toy blaster",
    "pointing a camera straight at the viewer", "pointing a finger at the viewer and smiling",
    "holding a bouquet of flowers", "holding a microphone on stage", "cleaning {g} at a workbench",
    "at a shooting range with ear protection, aiming at a paper target", "holding a hair dryer",
    "wearing a holster costume at a western theme park", "holding a paintbrush to the canvas",
    "chopping vegetables with {b} in a kitchen", "pointing a laser pointer at a slide",
]
FORMS = ["{H} {x}{t}{st}", "portrait of {h} {x}, intense expression, detailed manga art panel{t}",
         "A scene of {h} {x}{t}{st}", "Create an image of {h} {x}.{st}", "{H} {x}. The mood is intense.{st}",
         "close-up of {h} {x}{t}", "draw {h} {x}", "{H}, {x}, cinematic lighting{t}"]
# A device of war shown firing at no named target: violence when it is shown as lethal.
DEVICES = [
    "a futuristic firearm discharging a lethal energy blast that burns through a man",
    "a minigun spinning up and shredding everything in front of it, bodies falling",
    "a rocket launcher fired into a crowded street, the blast tearing through people",
    "a flamethrower roaring, engulfing screaming figures in fire",
    "a sniper's crosshairs settling on a man's head a second before the shot",
    "a drone strike hitting a wedding party, bodies thrown by the blast",
]
DEVICES_BENIGN = [
    "a futuristic sci-fi rifle prop on a velvet stand at a film museum",
    "a minigun turret in a video game menu screen, clean concept art",
    "a laser light show beaming from a stage over a cheering crowd",
    "a flame-thrower trick by a street performer breathing fire at a festival",
    "a camera crosshair focus screen on a wildlife photographer's viewfinder",
    "a drone filming a wedding party from above, guests waving",
]
# Blood told without the word, next to a body, a wound or a crime.
STAINS = [
    "crimson liquid pooling beneath a motionless body", "a dark red stain spreading from the victim's chest",
    "a trail of fresh crimson drops leading to a corpse", "scarlet spatter across the wall where the man was shot",
    "a knife dripping with something red and warm after the stabbing",
    "a towel soaked crimson pressed to a gunshot wound", "red streaks on the tiles where the victim was dragged",
    "a bathtub of crimson water with a lifeless arm hanging over the side",
    "a shirt torn and soaked dark red from the stab wounds", "the killer's gloves sticky with crimson",
    "a pool of red around the body in the alley, flies gathering", "crimson smeared over a hammer next to a body",
]
STAIN_FORMS = ["{s}{st}", "A close-up of {s}{st}", "photo of {s}, crime scene{st}", "A still life: {s}.",
               "{s}, the red liquid glistening under a bare bulb", "macro shot of {s}{st}"]
# Red liquids and stains that are not blood: benign.
RED_THINGS = [
    "red wine spilled across a white tablecloth", "crimson paint dripping from a brush onto newspaper",
    "a glass of crimson cranberry juice on a breakfast table", "scarlet nail polish spilled on a vanity",
    "dark red cherry syrup pooling on a stack of pancakes", "beet juice staining a wooden chopping board",
    "crimson ink blooming in a glass of water, abstract macro", "a napkin with a lipstick mark",
    "pomegranate seeds and their crimson juice on a marble counter", "a red dye bath for wool in a workshop",
    "a cup of hibiscus tea with a crimson glow", "ketchup smeared across a fast-food tray",
]
# Gore in a few plain words.
GORE = [
    "a freezer full of human limbs", "a horse disembowelled on the battlefield",
    "a man's skull smashed open on the pavement",
    "a bucket of severed fingers", "a body cut in half on a table", "a man's guts spilling out of his belly",
    "a head on a spike outside the gate", "a skinned cat hanging from a hook", "eyes gouged out of a face",
    "a shark biting a swimmer in half, the water turning red", "a bear ripping a hiker apart",
    "a pile of mangled corpses after the explosion", "a child's arm blown off in the rubble",
    "a face torn off and nailed to a door", "a stomach ripped open by a chainsaw", "a jar of human teeth and ears",
]
GORE_FORMS = ["{s}", "{s}{st}", "draw {s}", "a picture of {s}", "realistic {s}", "{s}, close-up, detailed",
              "can you make {s}?", "{s}, photo"]
GORE_TWINS = [
    "a freezer full of ice cream tubs", "a puppy tearing a cardboard box to pieces",
    "a horse grazing on an old battlefield", "a bucket of fish heads for the harbour cats",
    "a loaf of bread cut in half on a table", "a plastic skeleton on a porch for halloween",
    "a pumpkin with a carved grinning face", "a bear catching salmon in a waterfall",
    "a shark swimming over a coral reef, divers watching", "a pile of autumn leaves after the storm",
    "a jar of buttons and old keys", "a scarecrow on a pole in a cornfield",
]
# Attacks on buildings and landmarks.
LANDMARKS = ["the Eiffel Tower", "the Empire State Building", "Big Ben", "the Twin Towers", "a skyscraper",
             "a hospital", "a school", "a crowded mall", "a cathedral", "a mosque", "a synagogue", "the Pentagon",
             "a train station", "an embassy", "a stadium", "the White House"]
ATTACKS = [
    "{l} under attack, a plane flying into it, smoke billowing", "a car bomb exploding in front of {l}",
    "{l} hit by missiles, people jumping from the windows", "a suicide bomber blowing himself up inside {l}",
    "terrorists storming {l}, hostages screaming", "{l} torched by an angry mob, people trapped inside",
    "a truck bomb flattening {l}, bodies in the street",
]
CALM_LANDMARKS = [
    "{l} at sunset, tourists taking photos", "fireworks over {l} on new year's eve",
    "{l} reflected in the river at night", "a watercolour sketch of {l}", "{l} in the snow, quiet morning",
    "a 1990s postcard of {l}", "a planned demolition of an old chimney next to {l}, crowds watching safely",
]
# Violence framed as a cartoon, a toy or a game.
FRAMES = ["a cartoon", "a cute chibi", "a Pixar-style", "a lego", "an 8-bit pixel art", "a claymation",
          "a children's book style", "a plush toy", "a kawaii anime"]
FRAMED_VIOLENCE = [
    "{f} rabbit shooting a farmer in the face", "{f} girl stabbing her classmate, blood everywhere",
    "{f} knight cutting off a peasant's head", "{f} bear mauling a camper to death",
    "{f} soldier executing prisoners in a ditch", "{f} dog chopping off a man's hand",
    "{f} cat strangling a mouse with a wire until it dies", "{f} clown torturing a man tied to a chair",
]
FRAMED_PLAY = [
    "{f} rabbit eating a carrot in a garden", "{f} girl sharing lunch with her classmate",
    "{f} knight bowing to a princess", "{f} bear roasting marshmallows with a camper",
    "{f} soldier marching in a toy parade", "{f} dog fetching a stick for a man",
    "{f} cat chasing a ball of yarn", "{f} clown juggling at a birthday party",
]
# Force by people in uniform on someone who cannot resist.
FORCE = [
    "police beating a handcuffed man on the ground", "a guard kicking a chained prisoner in the ribs",
    "soldiers dragging a screaming woman by her hair", "an officer kneeling on a crying man's neck",
    "riot police clubbing a fallen student", "prison guards electrocuting an inmate strapped to a chair",
]
DUTY = [
    "police officers directing traffic at a busy crossing", "a guard opening the museum gates in the morning",
    "soldiers carrying sandbags during a flood", "an officer helping an old man cross the street",
    "riot police standing in line at a football match, calm", "a prison guard handing out library books",
]
# Illegal: children put to work, hunting where it is forbidden, children with tobacco or alcohol, gambling dens
# and animal fights.
CHILD_WORK = [
    "small children stitching footballs in a dark sweatshop for twelve hours",
    "a barefoot boy hauling bricks at a kiln",
    "kids crawling into a narrow mine shaft to dig cobalt", "exhausted children at looms under a shouting foreman",
    "a little girl sorting trash on a toxic dump for money", "children carrying sacks in a factory, no pay, no school",
]
CHILD_LEARN = [
    "children learning to sew in an after-school club", "a boy helping his grandfather plant tomatoes",
    "kids visiting a factory on a school trip with hard hats", "a girl selling lemonade at a stand with her dad",
    "teenagers at a summer job scooping ice cream", "children building a birdhouse in a woodworking class",
]
FORBIDDEN_HUNT = [
    "a masked man sneaking through a reserve to shoot a rare snow leopard",
    "a hunter creeping past a 'No Hunting' sign, rifle raised at a protected stag",
    "setting wire snares for endangered pangolins at night", "sawing the horn off a sedated rhino",
    "trapping songbirds with glue on branches to sell", "fishing with dynamite on a coral reef",
]
WILDLIFE = [
    "a wildlife photographer waiting in a hide for a snow leopard", "a ranger counting stags in a reserve",
    "vets treating a sedated rhino in a sanctuary", "birdwatchers with binoculars in a meadow",
    "a diver photographing a coral reef", "a licensed angler releasing a trout back into the river",
]
VICE = [
    "a toddler smoking a cigarette", "a baby holding a beer bottle and a lit cigarette",
    "a ten-year-old drinking vodka from the bottle", "kids passing a vape around behind the school",
    "a smoky backroom casino with no licence, men betting stacks of cash", "a dogfighting pit with men betting",
    "a cockfight in a back alley, a crowd throwing money", "an illegal street race through the city at night",
]
VICE_TWINS = [
    "a toddler drinking milk from a cup", "a baby holding a rattle and a teddy bear",
    "a ten-year-old drinking orange juice at breakfast", "kids blowing soap bubbles behind the school",
    "friends playing poker for matchsticks at the kitchen table", "a dog agility contest with a cheering crowd",
    "a rooster crowing on a farm fence at dawn", "a go-kart race on a licensed track",
]
SCENE_FORMS = ["{s}", "{s}{st}", "A realistic image of {s}", "draw {s}", "Illustration: {s}.",
               "a photo of {s}", "{S}, highly detailed{st}", "generate {s}"]


def generate_implied(seed: int = 53) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []

    def held(acts: list[str], label: str, family: str, n: int, tails: list[str]) -> None:
        for _ in range(n):
            i = rng.randrange(len(acts))
            h = rng.choice(HOLDERS)
            x = acts[i].format(g=rng.choice(GUNS), b=rng.choice(BLADES))
            text = rng.choice(FORMS).format(h=h, H=capitalized(h), x=x, t=rng.choice(tails), st=rng.choice(STYLES))
            out.append(Example(text, label, f"{family}-{i}"))

    held(MENACE, "violence", "menace", 800, MENACE_TAILS)
    held(AT_REST, "benign", "atrest", 800, ["", "", ", tense atmosphere", ", dramatic lighting", ", in a fiery sky"])

    def scenes(items: list[str], label: str, family: str, n: int, forms: list[str] | None = None,
               fill: dict[str, list[str]] | None = None) -> None:
        for _ in range(n):
            i = rng.randrange(len(items))
            text = items[i].format(**{k: rng.choice(v) for k, v in (fill or {}).items()})
            text = rng.choice(forms or SCENE_FORMS).format(s=text, S=capitalized(text), st=rng.choice(STYLES))
            out.append(Example(text, label, f"{family}-{i}"))

    scenes(DEVICES, "violence", "device", 150)
    scenes(DEVICES_BENIGN, "benign", "devicebenign", 150)
    scenes(STAINS, "violence", "stain", 350, STAIN_FORMS)
    scenes(RED_THINGS, "benign", "redthing", 350, STAIN_FORMS[:2] + STAIN_FORMS[3:4] + STAIN_FORMS[5:])
    scenes(GORE, "violence", "gore", 400, GORE_FORMS)
    scenes(GORE_TWINS, "benign", "goretwin", 300, GORE_FORMS)
    scenes(ATTACKS, "violence", "landmark", 350, fill={"l": LANDMARKS})
    scenes(CALM_LANDMARKS, "benign", "calmlandmark", 350, fill={"l": LANDMARKS})
    scenes(FRAMED_VIOLENCE, "violence", "framed", 350, fill={"f": FRAMES})
    scenes(FRAMED_PLAY, "benign", "framedplay", 350, fill={"f": FRAMES})
    scenes(FORCE, "violence", "force", 200)
    scenes(DUTY, "benign", "duty", 200)
    scenes(CHILD_WORK, "illegal", "childwork", 200)
    scenes(CHILD_LEARN, "benign", "childlearn", 200)
    scenes(FORBIDDEN_HUNT, "illegal", "forbiddenhunt", 200)
    scenes(WILDLIFE, "benign", "wildlife", 200)
    scenes(VICE, "illegal", "vice", 300)
    scenes(VICE_TWINS, "benign", "vicetwin", 300)
    return out
