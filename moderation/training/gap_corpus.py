"""Training prompts for violence shown as a scene without an act and for more distinct illegal acts, with hard
negatives that share their words (fixed seed).

The gaps this fills (`ngram-emb-5`, named in its model card, no dev prompt read or copied here):
- violence depicted as a still life or an aftermath, with nobody acting: severed parts, corpses and gore shown
  as objects, blood pooled or smeared in a place. The MiniLM head read such scenes as benign (our hard
  negatives taught it that red liquids are harmless), and the earlier corpora had few of them;
- illegal activity with acts the corpora lacked: drug synthesis and pill pressing, counterfeiting beyond
  banknotes, trafficking of people, guns and animals, burglary tools, poaching, fraud and scams, breaking into
  accounts and computers, and other thefts; also the gear of these acts laid out without anyone using it.
Hard negatives share the words and the look but not the harm: red paint, ketchup, wine, fruit juice, theatre
and film make-up, a butcher's counter and cookbook meat, history paintings of battles, anatomy models, props;
a legal pharmacy, locksmith training, wildlife photography and rangers, a national mint, IT support, customs
officers, a pawnbroker.

Used only by `train_classifier --gap-corpus`: the candidates trained with it (`ngram-emb-6`, `6b`) failed the
rule set beforehand and were not shipped (moderation/model/MODEL_CARD.md).

Written for Atelier. English only, like the other corpora. Families: one item each (a scene, an act, a
twin), so `corpus.split_of` holds whole items out of training, in every wording.
"""

from __future__ import annotations

import random

from moderation.training.corpus import PEOPLE, STYLES, Example, capitalized

# --- violence without an act: things and places after the harm --------------------------------------------------

GORE_STILLS = [
    "a severed arm lying in tall grass", "a decapitated head resting on a wooden table",
    "a limbless torso in an old bathtub", "bloated corpses washed up on a riverbank",
    "a body bag with a bloody hand hanging out of the zip", "a chest freezer packed with human body parts",
    "cut-off fingers floating in a glass jar", "a mangled corpse trapped in the wreck of a car",
    "human entrails spread across a stone altar", "a hacked-off foot on the railway tracks",
    "brain matter splattered across a windshield", "a headless body slumped in an armchair",
    "a row of heads on spikes outside a castle gate", "a gouged-out eyeball on a dinner plate",
    "a skinned human face hanging from a hook", "a bucket filled with blood and pulled teeth",
    "a necklace of cut-off human ears", "a human corpse hanging from a meat hook in a cold room",
    "a child's teddy bear lying beside a dead body on the road", "a bathtub filled to the brim with blood",
    "dead bodies wrapped in plastic sheeting in a car boot", "a ribcage torn open with the organs showing",
    "a mutilated dog nailed to a barn door", "a human body half dissolved in a barrel of acid",
    "a puddle of blood with a spent bullet casing in it", "a chainsaw dripping with human gore on a garage floor",
    "a body floating face down in a swimming pool, the water turned red around it",
    "a mutilated body on a steel morgue table under a bright lamp", "a wall of human skulls with flesh still on them",
    "a charred corpse behind the wheel of a burnt-out car", "a bloody hammer next to a caved-in skull",
    "a meat cleaver stuck in a bloody human head", "a trail of severed fingers along a hallway",
    "a wedding dress soaked in fresh blood and torn by stab holes", "a victim's scalp nailed to a tree",
    "a jar of human teeth with bloody roots", "a cut-out tongue on a saucer",
    "a ditch piled with the bodies of executed men", "red water swirling down a drain with clumps of hair and flesh",
    "a shredded body tangled in barbed wire", "a body cut in two across railway tracks",
    "a crushed human head under a truck tyre", "a bloodied baseball bat with hair stuck to it",
    "a rotting corpse with flies crawling on its face", "a human body impaled on a wooden stake",
    "a murdered family lying on their living room floor", "a dead soldier whose face was blown off",
    "a bowl filled with human eyes", "a severed hand still gripping a phone",
    "gore-soaked sheets heaped in a motel bathtub", "a blood-covered kitchen floor with drag marks to the door",
    "guts hanging from a ceiling fan in a dark room", "a heap of human limbs behind a field hospital tent",
    "a headless corpse propped against a tree", "a basement wall smeared with handprints of blood and a body below",
    "the lower half of a body sticking out of a ruined house", "a suitcase full of dismembered body parts",
    "a stomach slit open with the intestines spilling onto the floor",
    "a blood-caked axe leaning against a body in the snow", "skin peeled from a corpse and stretched on a frame",
]
GORE_SHORT = ["severed head still life", "body parts in a freezer", "corpse photography", "pool of human blood",
              "dead bodies piled up", "gore aftermath", "dismembered body", "blood-soaked crime scene",
              "human remains, gore", "mutilated corpse close-up", "decapitated body", "guts on the floor"]
# Red liquids, meat, make-up, battle art, props and anatomy: the look of the stills above, harmless.
STILL_TWINS = [
    "a pool of red paint under a tipped-over paint can", "ketchup spilled across a diner table",
    "red wine spilled on a white tablecloth", "a knocked-over glass of red wine soaking into a rug",
    "a theatre make-up artist painting a fake wound on an actor's cheek",
    "a film make-up artist gluing silicone scars onto an actor",
    "a butcher's counter with beef cuts, pork chops and sausages",
    "a cookbook photo of a rack of lamb on a wooden board", "a whole raw chicken on a cutting board, ready to roast",
    "sides of beef hanging in a butcher's cold room", "a fish market with whole tuna laid on ice",
    "a history painting of the battle of Waterloo in a museum", "a faded tapestry of a medieval battle",
    "a Renaissance battle painting with horses, lances and banners", "a museum diorama of a Napoleonic battle",
    "a bowl of cherries with juice running over the table", "beetroot juice staining a wooden chopping board",
    "tomato sauce splattered on a stove top", "pomegranate seeds scattered on a marble counter",
    "red rose petals scattered across a bathroom floor", "a bathtub filled with red rose petals",
    "raspberry coulis dripping down a cheesecake", "red nail polish spilled on a white dressing table",
    "a plastic skeleton hanging in a Halloween shop", "an anatomy model of the human torso in a classroom",
    "a medical school skeleton on a stand", "a mannequin's arm lying in a shop storeroom",
    "a porcelain doll with a missing arm on a shelf", "a blood donation bag hanging beside a smiling donor",
    "a lab technician pipetting blood samples into tubes", "steak tartare with an egg yolk on a plate",
    "a spilled bottle of hot sauce on a kitchen floor",
    "food colouring dropped into a glass of water for a science lesson",
    "a painter's palette smeared with crimson and scarlet", "red autumn leaves floating on a pond",
    "a bronze statue of a fallen soldier at a war memorial",
    "a stained glass window of Saint George slaying the dragon",
    "a zombie walk parade, people in costume make-up", "prop knives and bottles of fake blood on a film set table",
    "a vampire costume with plastic fangs on a hanger", "a chef deboning a chicken in a restaurant kitchen",
    "a fishmonger gutting a salmon at the market", "a mounted deer head on a hunting lodge wall",
    "a whale skeleton in a natural history museum", "a paleontologist brushing dinosaur bones in the sand",
    "rust stains running down a concrete wall", "a strawberry smoothie spilled on the counter",
    "cranberry sauce in a bowl at a thanksgiving dinner", "lipstick marks on the rim of a wine glass",
    "the morning after a party: confetti, spilled wine and empty bottles",
    "a street covered in crushed tomatoes at a tomato festival",
    "a paintball arena splattered with red and blue paint", "a medieval armour suit displayed in a castle hall",
    "a beef stew with chunks of meat in a cast iron pot", "a red velvet cake cut open on a plate",
]
STILL_FORMS = [
    "{x}{st}", "Still life of {x}{st}", "A photograph of {x}{st}", "{X}, close-up, {light}", "Macro photo: {x}",
    "{X}, nobody in the frame{st}", "An eerie painting of {x}", "The aftermath: {x}{st}", "Wide shot of {x}, {light}",
    "{X}. The camera lingers on the details.", "Generate a picture of {x}", "Paint {x} in dark colours",
    "{X}, seen from above{st}", "An unsettling still of {x}, {light}", "{X} in the morning light",
]
GORE_ONLY_FORMS = ["Crime scene photo: {x}", "Forensic photo of {x}{st}", "Horror film still: {x}, {light}"]
LIGHTS = ["harsh flash", "cold blue light", "soft window light", "flickering neon", "low key lighting",
          "golden hour", "overcast daylight", "candle light", "fluorescent light", "moonlight"]

# --- illegal acts the corpora lacked --------------------------------------------------------------------------

CRIME_ACTS = [
    # drugs made, cut and moved
    "pressing fentanyl into fake pills with a pill press", "soaking coca leaves in barrels of gasoline to make paste",
    "distilling a designer drug in a garage lab full of tubing", "cutting heroin with baking soda on a kitchen scale",
    "packing bricks of cocaine into a fishing boat's hull", "bagging ecstasy pills to sell at a rave",
    "dealing ketamine out of a food delivery bag", "flying a drone to drop drugs and phones into a prison yard",
    # counterfeiting
    "minting fake gold coins in a backyard forge", "sewing fake luxury logos onto cheap handbags",
    "bleaching small banknotes to reprint them as hundreds", "cloning credit cards with a magnetic stripe writer",
    "printing fake vaccination certificates to sell", "bottling counterfeit medicine under a famous brand's label",
    "refilling branded whisky bottles with cheap spirit to sell as the real thing",
    # trafficking and smuggling
    "locking migrant workers in a container and keeping their passports", "smuggling migrants under a lorry's floor",
    "selling smuggled assault rifles out of a car boot", "loading stolen cars into shipping containers",
    "smuggling exotic parrots stuffed into plastic tubes", "smuggling cartons of cigarettes in a spare tyre",
    # burglary and theft
    "laying out lock picks and a glass cutter before a break-in",
    "opening a neighbour's door with a bump key while they are away",
    "cutting a shop's alarm wire before breaking in", "opening a parked car with a slim jim to steal it",
    "drilling into an office safe at night", "climbing a drainpipe to burgle a flat",
    "stealing a keyless car with a relay box", "siphoning diesel from parked trucks at night",
    "stripping copper cable from railway lines", "snatching a pedigree puppy from a garden",
    "ramming a stolen tractor into a cash machine", "fencing stolen jewellery at a pawn shop",
    "shoplifting with a foil-lined bag", "swapping price tags in a supermarket to pay less",
    # poaching and nature crime
    "sawing the horn off a drugged rhino", "setting wire snares for leopards in a nature reserve",
    "cutting the fins off live sharks on a fishing boat", "catching songbirds in mist nets to sell",
    "fishing with dynamite on a coral reef", "digging up protected cacti to sell abroad",
    "stuffing live pangolins into sacks for smugglers", "felling protected rainforest trees at night",
    "dumping asbestos in a country lane",
    # fraud and scams
    "running a fake charity and pocketing the donations", "rolling back a used car's odometer before selling it",
    "pitching a Ponzi scheme to a room of retirees", "billing a company for work never done with fake invoices",
    "selling a flat he does not own to a buyer", "claiming a dead relative's pension every month",
    "sending phishing emails dressed up as a bank", "fixing a football match for betting money",
    "selling fake lottery tickets on the street", "cheating at a casino table with marked cards",
    "trading shares on a secret tip from a company insider", "taking a cash kickback for a building permit",
    # breaking into accounts and computers
    "breaking into someone's email account with a stolen password", "taking over a stranger's social media account",
    "locking a hospital's computers with ransomware for bitcoin", "swapping a victim's SIM card to empty his bank",
    "stealing a shop's database of customer passwords", "watching a neighbour through his hacked wifi camera",
    # other
    "racing stolen cars through city streets at night", "running a dog fighting ring in a basement for bets",
    "lending cash at a loan shark's rates and threatening late payers", "digging a tunnel to escape from prison",
]
CRIME_SHORT = ["pill press drugs", "fake pills", "card cloning", "counterfeit medicine", "people smuggling",
               "gun running", "burglary tools", "safe cracking", "fuel theft", "rhino horn poaching",
               "shark finning", "phishing scam", "ponzi scheme", "account hacking", "ransomware attack",
               "insider trading", "dog fighting ring", "illegal logging", "wildlife trafficking", "odometer fraud"]
# The gear of these acts, laid out with nobody using it.
CRIME_STILLS = [
    "a kitchen table with a pill press, blue powder and stacks of blister packs",
    "a garage drug lab: glass flasks, tubing, jerrycans of solvent and gas masks",
    "fake banknotes drying on a washing line in a basement",
    "lock picks, a crowbar and gloves laid out beside a floor plan of a house",
    "rhino horns and ivory on a smuggler's table with bundles of cash",
    "a laptop showing a list of stolen bank logins and passwords",
    "boxes of fake designer trainers stacked in a warehouse for shipping",
    "a hidden compartment in a car door full of taped packages of powder",
    "an office computer screen with a ransom note demanding bitcoin",
    "forged passports and ID cards fanned out beside a laminator",
    "a card skimmer glued over a cash machine's slot", "bags of weed and a pocket scale next to a school gate",
    "crates of smuggled rifles under a tarpaulin in a barn",
    "a sack of dead songbirds and mist nets in a poacher's car",
]
CRIME_FORMS = [
    "{P} {a}{st}", "A candid photo of {p} {a} {s}", "Security camera still of {p} {a}", "Comic panel: {p} {a} {s}",
    "Documentary photo, {p} {a}, {s}", "{P} caught {a} {s}{st}", "Render {p} {a}", "A tense scene where {p} is {a}",
    "{P}, {s}, {a}. Realistic.", "Picture {p} {a} {s}{st}", "{P} secretly {a}{st}", "Illustrate {p} {a} {s}",
]
CRIME_PLACES = ["in a back room", "behind a closed shop", "in a dim garage", "at night", "in a rented flat",
                "on a quiet country road", "in a harbour warehouse", "in a small office", "near a busy station",
                "in a shed", "at the edge of a forest", "in a cramped kitchen", "in a hotel room", "at a marina"]
# The same trades, tools, animals and screens, done legally.
CRIME_TWINS = [
    "a hospital pharmacy technician preparing labelled doses", "a pharmacy shelf of cold medicines with price tags",
    "a chemistry student heating a flask over a Bunsen burner in class",
    "a locksmith apprentice practising on a clear training lock",
    "a locksmith cutting a spare key at his counter",
    "a wildlife photographer with a long lens watching a rhino at dawn",
    "park rangers removing old wire snares from a reserve", "a vet treating an injured pangolin at a rescue centre",
    "a marine biologist tagging a shark from a research boat", "a birdwatcher with binoculars in a marsh",
    "the national mint's press striking new coins", "a newspaper printing press running at night",
    "a museum exhibition about famous art forgeries",
    "a security trainer teaching office staff to spot phishing emails",
    "an IT helpdesk worker resetting a colleague's password", "a woman checking her own bank app on the bus",
    "customs officers inspecting a shipping container", "a border guard checking passports at a checkpoint",
    "a sniffer dog checking luggage at an airport", "a mechanic reading a car's mileage at a service",
    "a charity volunteer shaking a collection tin", "a financial adviser explaining a pension plan to a couple",
    "a farmer growing oyster mushrooms in a dark shed", "a baker dusting powdered sugar over pastries",
    "a bartender pouring whisky from a labelled bottle", "a lorry driver refuelling at a motorway station",
    "railway workers laying new copper cable", "a dog groomer brushing a pedigree puppy",
    "a go-kart race on an outdoor track", "forestry workers felling marked trees with a permit",
    "a pawnbroker examining a watch with a loupe", "a tailor sewing labels into shirts at a workshop",
    "a supermarket clerk changing price tags on a shelf", "children playing cops and robbers in a garden",
    "a magician doing card tricks at a casino show", "a courtroom sketch of a fraud trial",
    "a documentary crew filming elephants in a reserve", "a drone filming a wedding from above",
    "a clerk laminating ID badges for new staff", "a security researcher presenting at a conference",
    "a fisherman releasing a trout back into the river", "a gardener potting cacti at a nursery",
    "a recycling centre sorting old electronics", "a safe on display in a bank museum",
    "a tow truck driver loading a broken-down car", "a bird ringer gently holding a songbird for a survey",
]
TWIN_FORMS = [
    "{x}{st}", "A candid photo of {x}", "Documentary photo, {x}", "Comic panel: {x}", "Render {x}",
    "Picture {x}{st}", "Illustrate {x}", "{X}. Realistic.", "A photograph of {x}{st}", "{X}, {light}",
]


def _still(rng: random.Random, item: str, forms: list[str]) -> str:
    return rng.choice(forms).format(x=item, X=capitalized(item), st=rng.choice(STYLES), light=rng.choice(LIGHTS))


def _crime(rng: random.Random, act: str) -> str:
    p = rng.choice(PEOPLE)
    return rng.choice(CRIME_FORMS).format(p=p, P=capitalized(p), a=act, s=rng.choice(CRIME_PLACES),
                                          st=rng.choice(STYLES))


def generate_gaps(seed: int = 53) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    out: list[Example] = []
    for _ in range(1500):
        i = rng.randrange(len(GORE_STILLS))
        out.append(Example(_still(rng, GORE_STILLS[i], STILL_FORMS + GORE_ONLY_FORMS), "violence", f"gapgore-{i}"))
    for _ in range(1800):
        i = rng.randrange(len(CRIME_ACTS))
        out.append(Example(_crime(rng, CRIME_ACTS[i]), "illegal", f"gapcrime-{i}"))
    for _ in range(350):
        i = rng.randrange(len(CRIME_STILLS))
        out.append(Example(_still(rng, CRIME_STILLS[i], STILL_FORMS), "illegal", f"gapcrimestill-{i}"))
    for _ in range(1200):
        i = rng.randrange(len(STILL_TWINS))
        out.append(Example(_still(rng, STILL_TWINS[i], STILL_FORMS), "benign", f"gapstilltwin-{i}"))
    for _ in range(1100):
        i = rng.randrange(len(CRIME_TWINS))
        out.append(Example(_still(rng, CRIME_TWINS[i], TWIN_FORMS), "benign", f"gapcrimetwin-{i}"))
    for items, label, family in ((GORE_SHORT, "violence", "gapgoreshort"), (CRIME_SHORT, "illegal", "gapcrimeshort")):
        for _ in range(150):
            i = rng.randrange(len(items))
            out.append(Example(f"{items[i]}{rng.choice(STYLES)}", label, f"{family}-{i}"))
    return out
