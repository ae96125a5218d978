"""Training prompts for chat use, written for Atelier (templates and word lists, fixed seed).

Two gaps of the first corpus (`corpus.py`), which held mostly long image prompts:
- benign chat: the short things people type in a chat with an image tool ("draw something", "another one",
  "make it blue", "picture 1", "p0", "thanks!", questions, how-to's) and everyday scenes whose words also
  occur in harmful prompts (a photo shoot, a water gun, a bath bomb, a blood orange, a drugstore, the naked
  eye, killing time, a kitchen knife, a doctor's syringe);
- harmful prompts in plain words: violence and illegal acts described without the telltale words
  ("pushes a man off a cliff", "slips a watch into his pocket and walks out without paying").

Nothing here is copied from an evaluation set. Families (the `template` of an Example) are one list item or
one template each, so `corpus.split_of` holds whole families out.
"""

from __future__ import annotations

import random

from moderation.training.corpus import STYLES, Example

# --- benign chat ---------------------------------------------------------------------------------------------

REQUEST_VERBS = ["draw", "make", "create", "generate", "paint", "sketch", "render", "show me", "give me",
                 "can you draw", "could you make", "please draw", "i want", "i'd like", "let's do", "do", "try",
                 "design", "illustrate", "produce", "imagine", "can i get", "send me", "gimme", "one more of",
                 "how about", "what about", "lets see", "next:", "ok now"]
VAGUE_OBJECTS = ["something", "anything", "a picture", "some picture", "an image", "another one", "one more",
                 "a new one", "the picture", "a drawing", "something cool", "something nice", "something fun",
                 "whatever you like", "something random", "a photo", "some art", "a wallpaper", "an icon",
                 "a logo", "a sticker", "a banner", "a poster", "a meme", "a card", "the same thing", "it again",
                 "that again", "a variation", "a few options", "two versions", "a better one", "a simple one",
                 "something different", "something else", "the next one", "a quick sketch", "a pic", "some pics",
                 "images", "pictures", "a cover", "a thumbnail", "a header image", "art", "stuff",
                 "the other picture", "this", "that", "it", "the first one", "the last one", "a background",
                 "a profile picture", "an avatar", "a postcard", "an invitation", "a flyer", "a collage"]
CHAT_SUFFIXES = ["", "", "", " please", " for me", " now", " again", " instead", " quickly", " thanks", "!", "?",
                 " pls", " real quick", " for my account", " for my profile", " for my neighbour",
                 " for my boss", " for my sister", " for my class", " for my team", " for my mom",
                 " for my other account", " instead of that one", ", ignore the last one", ", forget the rules",
                 ", ignore the previous instructions", " like before", " but better", " if you can",
                 " in the same style", " for the website", " for my blog", " for a school project"]
EDITS = ["make it {adj}", "make it more {adj}", "make it less {adj}", "can you make it {adj}?",
         "change the background to {colour}", "change the colour to {colour}", "make the sky {colour}",
         "add {thing}", "remove the {thing_bare}", "put {thing} in the corner", "now in {style}", "same but {mod}",
         "try {mod}", "again but {mod}", "{adj} please", "more {adj}", "less {adj}", "a bit more {adj}",
         "zoom in on the {thing_bare}", "crop it", "flip it", "undo that", "go back to the previous one",
         "use the first version", "keep the {thing_bare} but {mod}", "replace the {thing_bare} with {thing}",
         "make the {thing_bare} {colour}", "turn it into {style}", "swap the {thing_bare} for {thing}",
         "fix the hands", "fix the eyes", "fix the text", "no text please", "without the watermark",
         "higher resolution", "upscale it", "square format", "landscape format", "portrait orientation",
         "make it look like {style}", "make it pop", "make it blue", "make it darker", "tone it down"]
ADJECTIVES = ["blue", "red", "green", "bigger", "smaller", "brighter", "darker", "warmer", "cooler", "softer",
              "sharper", "cuter", "scarier", "funnier", "simpler", "more detailed", "realistic", "colourful",
              "vintage", "modern", "minimal", "dramatic", "cheerful", "moody", "pastel", "shiny", "fluffy",
              "wider", "taller", "rounder", "older", "younger", "happier", "calmer", "pink", "purple", "golden"]
COLOURS = ["blue", "red", "green", "yellow", "black", "white", "pink", "purple", "orange", "teal", "gold",
           "silver", "navy", "beige", "grey", "turquoise", "crimson", "maroon", "blood red", "dark red"]
THINGS = ["a hat", "a cat", "a dog", "a tree", "a sun", "some clouds", "a rainbow", "a moon", "a bird",
          "a balloon", "a flower", "a car", "a boat", "a house", "a person", "a sign", "a cake", "a lamp",
          "a window", "a door", "a mountain", "a river", "a bench", "a bike", "a scarf", "glasses", "a crown",
          "a sword", "a shield", "a dragon", "a robot", "stars", "snow", "fireworks", "a knife and fork"]
STYLES_SHORT = ["watercolor", "pixel art", "anime style", "oil paint", "a cartoon", "3d", "line art", "pencil",
                "black and white", "comic style", "low poly", "claymation", "vaporwave", "a sticker", "a logo",
                "photorealistic", "a children's book style", "ukiyo-e", "art deco", "stained glass"]
MODS = ["at night", "in winter", "with more people", "without people", "from above", "closer up", "from the side",
        "with a sunset", "in the rain", "in summer", "with a white background", "in 4k", "without text",
        "with a smile", "facing left", "in a forest", "at the beach", "in space", "underwater", "in the city"]
REFERENCES = ["picture {n}", "image {n}", "option {n}", "number {n}", "the {ord} one", "{ord} one please",
              "p{n}", "v{n}", "#{n}", "img {n}", "pic {n}", "version {n}", "style {n}", "variant {l}", "{l}{n}",
              "take {n}", "redo {n}", "more like {n}", "{n}", "go with {n}", "i like {n}", "{n} is good",
              "use seed {n}", "{w}x{h}", "{n} images", "upscale {n}", "u{n}", "v{n} please", "{l}", "{n}!",
              "{n} and {m}", "{n} or {m}?", "the {ord}", "{ord}", "nr {n}", "no. {n}", "pick {n}", "#{n} pls",
              "p{n} again", "{l}{n} {l}{m}", "{n}/{m}", "{n}:{m}", "aspect {n}:{m}", "seed {w}", "ok {n}",
              "image_{w}", "IMG_{w}", "{l}-{n}", "q{n}", "x{n}", "{n}x", "{n}{l}", "{l}{l}{n}"]
ORDINALS = ["first", "second", "third", "fourth", "last", "middle", "left", "right", "top", "bottom", "other",
            "previous", "next", "1st", "2nd", "3rd", "4th"]
SINGLE_WORDS = [
    "hello", "hi", "hey", "yes", "no", "ok", "okay", "sure", "thanks", "cool", "nice", "great", "perfect", "wow",
    "lol", "haha", "hmm", "again", "more", "continue", "next", "stop", "wait", "help", "why", "what", "how",
    "cat", "dog", "tree", "house", "car", "sky", "sea", "ocean", "flower", "sunset", "mountain", "city", "forest",
    "robot", "dragon", "castle", "bird", "fish", "horse", "apple", "pizza", "coffee", "book", "music", "space",
    "moon", "star", "rain", "snow", "winter", "summer", "autumn", "spring", "love", "happy", "sad", "dream",
    "portrait", "landscape", "abstract", "logo", "icon", "anime", "cartoon", "photo", "painting", "sketch",
    "blue", "red", "green", "black", "white", "colour", "color", "picture", "image", "drawing", "art", "style",
    "shoot", "kill", "knife", "gun", "blood", "bomb", "drug", "naked", "shot", "strip", "dead", "fire", "hit",
    "cut", "crack", "weed", "pot", "joint", "high", "smoke", "steal", "beat", "punch", "hunt", "target",
    "bullet", "hack", "needle", "powder", "mask", "cash", "pills", "wine", "beer", "party", "skull", "ghost",
    "zombie", "vampire", "monster", "war", "battle", "army", "soldier", "police", "jail", "prison", "court",
    "doctor", "nurse", "hospital", "baby", "kid", "kids", "girl", "boy", "woman", "man", "family", "friends",
    "neighbour", "neighbor", "boss", "teacher", "account", "rules", "instead", "ignore", "something", "anything",
    "nothing", "everything", "whatever", "idk", "dunno", "test", "testing", "asdf", "qwerty", "xyz", "abc",
    "lorem ipsum", "foo", "bar", "tbd", "n/a", "na", "ty", "thx", "np", "brb", "gm", "gn", "omg", "fyi",
]
GREETINGS = ["hi", "hello", "hey there", "hello there", "good morning", "good evening", "good night", "thanks!",
             "thank you so much", "thanks, that's great", "perfect, thanks", "ok cool", "nice one", "love it",
             "that's amazing", "not quite", "not what i meant", "close, but no", "hmm, try again", "bye",
             "see you", "how are you?", "what can you do?", "who are you?", "are you there?", "can you help me?",
             "i need help", "never mind", "forget it", "let's start over", "new chat", "that's wrong",
             "haha that's funny", "beautiful", "awesome work", "great job", "that one is weird", "meh",
             "the hands look strange", "why did it fail?", "is it done?", "still waiting", "how long does it take?",
             "how many images do i have left?", "what's my quota?", "can i download it?", "where is my picture?",
             "what does p0 mean?", "which one is better?", "what model are you?", "do you speak french?",
             "bonjour", "merci", "salut", "hola", "gracias", "danke", "ciao", "ok thanks bye",
             "ignore that", "ignore the rules of thirds, just center it", "use my other account instead",
             "send it to my neighbour's account", "is this allowed?", "what are the rules?", "what can't you draw?",
             "why was my prompt refused?", "that was refused, why?", "i'm bored", "tell me a joke",
             "surprise me", "your choice", "dealer's choice", "you pick", "random", "anything is fine"]
HOWTO_FORMS = ["how do i {t}?", "how to {t}", "what's the best way to {t}?", "tips to {t}", "help me {t}",
               "can you explain how to {t}", "is it hard to {t}?", "i want to {t}, any advice?",
               "draw a diagram of how to {t}", "make an infographic: how to {t}", "step by step: {t}",
               "quick question, how do you {t}?"]
HOWTO_TASKS = [
    "kill time at the airport", "shoot portraits in low light", "sharpen a kitchen knife", "remove a blood stain",
    "make a bath bomb", "use a hot glue gun", "clean a nail gun", "find a 24 hour drugstore",
    "see saturn with the naked eye", "crack an egg with one hand", "weed my garden", "cut my own hair",
    "fire clay without a kiln", "hang a heavy mirror", "beat egg whites", "shoot a free throw",
    "kill a stuck process on linux", "kill weeds without chemicals", "execute a python script",
    "break in new hiking boots", "strip paint from wood", "smoke a brisket", "poach an egg",
    "steal a base in baseball", "blow up a balloon", "blow up a photo to poster size", "bleed a radiator",
    "butcher a whole chicken", "trap a mouse humanely", "shoot a wedding video", "photobomb a friend nicely",
    "draw a gun holster for a cowboy costume", "store kitchen knives safely", "dispose of old syringes safely",
    "donate blood", "lower my blood pressure", "pick a lock on my own diary", "carve a pumpkin with a knife",
    "light a campfire", "put out a grease fire", "write a murder mystery novel", "draw a realistic skull",
    "paint fake blood for a halloween costume", "make a zombie costume", "play paintball safely",
    "hunt for easter eggs", "shoot clay pigeons", "clean a fish", "use a sewing needle", "roll sushi",
    "make a joint compound for drywall", "grow tomatoes in pots", "get high scores in tetris",
    "hack together a quick prototype", "crack my knuckles safely", "beat the heat in summer",
    "draw a dead tree", "paint a stormy sea", "take a good selfie", "draw hands", "draw a face",
    "shade with a pencil", "mix paint colours", "choose a font", "make a logo", "write a prompt",
    "get better pictures", "use the image tool", "edit a photo", "remove the background", "print a poster"]
RISKY_WORD_SCENES = [
    "a photographer at a fashion photo shoot", "a photo shoot in a sunflower field", "a wedding photo shoot",
    "kids with water guns at a pool party", "a neon water gun on the grass", "a hot glue gun on a craft table",
    "a nail gun on a wooden roof", "a staple gun and a stack of posters", "a spray gun painting a car",
    "a chef's knife next to chopped onions", "a butter knife on a breakfast plate", "a pocket knife on a camping table",
    "a knife block in a modern kitchen", "a doctor with a syringe giving a child a vaccine",
    "a vet giving a puppy an injection", "a nurse drawing blood at a blood drive", "a blood donation van",
    "sliced blood oranges on a plate", "a glass of blood orange juice", "a bath bomb fizzing in a bathtub",
    "colourful bath bombs in a gift box", "a photobomb at a wedding", "a corner drugstore at night",
    "shelves of a drugstore with shampoo", "stars visible to the naked eye", "a naked cake with berries",
    "a shot of espresso", "a flu shot at the pharmacy", "a screenshot of a phone", "a comic strip about a dog",
    "a strip mall at dusk", "a killer whale breaching", "a dead end road sign", "a phone with a dead battery",
    "a smoked salmon bagel", "a pot of soup on the stove", "a joint of roast beef", "a cracked phone screen",
    "a cracked egg in a pan", "a fencing duel", "kids playing laser tag", "a paintball field",
    "a toy sword and a cardboard shield", "a bullet journal with stickers", "archery target practice",
    "a fire drill at school", "firefighters putting out a house fire", "a mousetrap with a piece of cheese",
    "a needle and thread", "pine needles in the snow", "powdered sugar on donuts", "baby powder and a towel",
    "a cash register in a bakery", "a face mask hanging on a hook", "a crowbar in a toolbox",
    "an ambulance parked outside a hospital", "a pill organizer on a kitchen table", "a prescription bottle",
    "a wine tasting in a vineyard", "friends killing time at a bus stop", "a dog killing it at the agility course",
    "a bomb-proof lunchbox for kids", "a sniper drone toy", "a ninja costume for a school play",
    "a horror movie poster with a haunted doll", "a skull candle on a shelf", "a day of the dead altar",
    "a bloodhound sniffing a trail", "a bloodstone gemstone ring", "a red carpet", "a shooting range sign",
    "a water pistol duel in the garden", "a cap gun toy from the 1950s", "a glue stick and scissors",
    "a kitchen scale weighing flour", "a bag of flour spilled on the counter", "sugar cubes on a saucer",
    "a chemistry teacher with a beaker", "a hospital drip stand", "a dentist with a drill",
    "a tattoo needle and ink", "a haircut with scissors", "a barber with a straight razor",
    "a lumberjack chopping wood with an axe", "a butcher cutting steaks", "a fisherman gutting a fish",
    "a hunter's cabin in the woods", "a cowboy with a revolver in a western film poster",
    "a police dog at the airport", "a prison break board game", "a heist movie poster with cartoon robbers",
    "a bank vault in a museum", "a detective's evidence board", "a courtroom sketch",
    "a boxing match poster", "a wrestling match on tv", "a karate tournament", "a sumo wrestler",
    "a medieval battle reenactment", "a war museum with old tanks", "a memorial for fallen soldiers",
    "a naked eye view of the milky way", "a nude lipstick shade", "a bare tree in winter", "bare feet on sand",
    "a strip of film negatives", "a stripped-down engine", "a hit song on the radio", "a hit piñata at a party",
    "a punch bowl at a party", "a fruit punch", "a pot roast", "high tide at the harbour", "a high five",
    "weeds growing between bricks", "a joint venture meeting", "a crack in a wall", "a smoke detector",
    "a smokehouse in the countryside", "a stolen kiss in the rain", "a bank heist escape room for families",
    "a pharmacy with a green cross", "a doctor holding a vaccine needle", "a cocktail called zombie",
    "a drink called bloody mary", "a shooting star", "a shotgun wedding cake topper", "a gunmetal grey car",
    "a bombshell hairstyle", "a bomber jacket", "a drug-free school sign", "a dope skateboard trick",
    "a nurse bandaging a child's scraped knee", "a doctor putting a broken arm in a cast",
    "a paramedic helping a cyclist", "a plaster on a small cut on a finger", "a sunburned face at the beach",
    "a black eye makeup tutorial for halloween",
    "a carpenter holding a nail gun", "a chef holding a meat cleaver over a chicken", "a magician's knife-throwing act",
    "a hunter in orange carrying a rifle across a field", "a knife sharpener at a market", "an axe stuck in a log",
    "a broken bottle on the beach, litter", "a crossbow at a medieval fair", "a flare gun in a boat's safety kit",
    "a stuntman falling onto crash mats", "a war photographer's camera", "a police officer at a road checkpoint",
    "a wounded knight in a children's storybook", "an actor playing a pirate waving a cutlass",
    "a bruised banana", "a skinned knee on a playground", "a scar on an old sailor's cheek",
    "logs burning in a fireplace", "a burning candle on a windowsill", "firefighters hosing down a burning shed",
    "a bonfire on the beach with friends", "a forest fire seen from a plane", "a burnt toast in a toaster",
    "a fire engine racing to a fire", "a fire pit in a backyard", "a burning sunset over the sea",
    "a fizzing vitamin tablet in water", "a spa basket with soaps and bath salts", "a bubble bath with candles",
    "a glass of fizzy lemonade", "shower gel and a loofah on a shelf", "a soap shop with colourful bars",
]
SCENE_FORMS = ["{s}", "{s}{st}", "draw {s}", "a picture of {s}", "can you make {s}?", "generate {s}{st}",
               "a photo of {s}", "an illustration of {s}", "i need {s} for my blog", "{s}, please",
               "show me {s}", "make me {s}{st}", "{S}. The scene is calm and ordinary.",
               "A detailed image of {s}, soft natural light."]
THIRD_PARTIES = ["my neighbour", "my neighbor", "my boss", "my sister", "my brother", "my mom", "my dad",
                 "my teacher", "my coworker", "my best friend", "my wife", "my husband", "my girlfriend",
                 "my boyfriend", "my grandma", "my classmate", "my roommate", "the new kid at school", "my ex",
                 "my colleague Sarah", "my friend Emma", "my son", "my daughter", "our mayor", "my team"]
KIND_FOR_OTHERS = ["a birthday card for {t}", "a thank-you card for {t}", "a retirement card for {t}",
                   "a portrait of {t} as a superhero", "a cartoon of {t} and me hiking", "a get well card for {t}",
                   "a picture of {t}'s dog", "a farewell card for {t}", "a poster for {t}'s bake sale",
                   "a logo for {t}'s bakery", "a painting for {t}'s living room", "a gift for {t}",
                   "a funny hat for {t}'s avatar", "make the picture for {t} instead",
                   "make the picture for {t}'s account instead", "send this to {t}", "one for {t} too",
                   "{t} wants one too", "{t} loves cats, draw one for her", "a wedding invitation for {t}",
                   "{t} asked for a dragon", "a drawing of {t} as a knight", "a card to cheer up {t}",
                   "draw {t} as a cartoon chef", "a caricature of {t} for the office party, friendly"]


def _refs(rng: random.Random) -> str:
    form = rng.choice(REFERENCES)
    return form.format(n=rng.randint(0, 12), m=rng.randint(0, 12), ord=rng.choice(ORDINALS),
                       l=rng.choice("abcdpqvxuz"), w=rng.randint(100, 9999), h=rng.choice([512, 768, 1024]))


def benign_chat(rng: random.Random) -> list[Example]:
    out: list[Example] = []
    for _ in range(1400):
        i = rng.randrange(len(VAGUE_OBJECTS))
        text = f"{rng.choice(REQUEST_VERBS)} {VAGUE_OBJECTS[i]}{rng.choice(CHAT_SUFFIXES)}"
        out.append(Example(text, "benign", f"chatreq-{i}"))
    for _ in range(1200):
        i = rng.randrange(len(EDITS))
        thing = rng.choice(THINGS)
        text = EDITS[i].format(adj=rng.choice(ADJECTIVES), colour=rng.choice(COLOURS), thing=thing,
                               thing_bare=thing.split(" ", 1)[-1], style=rng.choice(STYLES_SHORT),
                               mod=rng.choice(MODS))
        out.append(Example(text + rng.choice(["", "", "", " please", "!", " thanks"]), "benign", f"chatedit-{i}"))
    for _ in range(900):
        form = rng.choice(REFERENCES)
        out.append(Example(_refs(rng), "benign", f"chatref-{REFERENCES.index(form)}"))
    for i, word in enumerate(SINGLE_WORDS):
        for variant in (word, word.capitalize(), f"{word}?", f"{word}!", f"{word} {word}"):
            out.append(Example(variant, "benign", f"chatword-{i}"))
    for i, line in enumerate(GREETINGS):
        for variant in (line, line.capitalize(), line.upper(), f"{line} :)"):
            out.append(Example(variant, "benign", f"chatgreet-{i}"))
    for _ in range(900):
        i = rng.randrange(len(HOWTO_TASKS))
        out.append(Example(rng.choice(HOWTO_FORMS).format(t=HOWTO_TASKS[i]), "benign", f"chathow-{i}"))
    for _ in range(2200):
        i = rng.randrange(len(RISKY_WORD_SCENES))
        s = RISKY_WORD_SCENES[i]
        text = rng.choice(SCENE_FORMS).format(s=s, S=s[0].upper() + s[1:], st=rng.choice(STYLES))
        out.append(Example(text, "benign", f"chatscene-{i}"))
    for _ in range(700):
        i = rng.randrange(len(KIND_FOR_OTHERS))
        out.append(Example(KIND_FOR_OTHERS[i].format(t=rng.choice(THIRD_PARTIES)), "benign", f"chatkind-{i}"))
    return out


# --- harmful prompts in plain words --------------------------------------------------------------------------

PLAIN_PEOPLE = ["a man", "a woman", "a figure", "someone", "a guy", "two men", "a teenager", "a masked man",
                "a hooded figure", "an older man", "a young woman", "a group of men", "a stranger", "a soldier",
                "a police officer", "a father", "a husband", "a gang", "a tall man in a grey coat", "a boy"]
VIOLENCE_PLAIN = [
    "pushing a man off the edge of a cliff", "holding a pillow over a sleeping man's face until he goes still",
    "pinning a woman to the floor and hitting her again and again", "dragging a limp body into the trunk of a car",
    "hitting a kneeling man over the head with a shovel", "forcing a man's head underwater until he stops moving",
    "smashing a bottle over a man's head", "tying a man to a chair and breaking his fingers one by one",
    "throwing acid in a woman's face", "driving a truck into a crowd of people at a market",
    "setting a man on fire in the street", "pouring gasoline over a tied-up man", "cutting off a man's ear",
    "slashing a stranger's face with a broken bottle", "beating a dog with a metal pipe",
    "hammering nails into a man's hands", "throwing a grenade into a crowded room",
    "firing into a crowd of protesters", "hanging a man from a tree by his neck", "crushing a man's hand in a door",
    "tightening a rope around a woman's neck", "stamping on a man's face until it caves in",
    "hitting a child with a belt until he screams", "shoving a woman down the stairs",
    "pressing a hot iron onto a prisoner's back", "drowning a cat in a bucket",
    "dropping a heavy stone onto a man's head", "breaking a man's legs with a baseball bat",
    "tearing a man apart with bare hands", "leaving a man tied to the railway tracks as a train comes",
    "cutting a man open on a table while he is awake", "pulling out a prisoner's teeth with pliers",
    "shooting a man who is begging on his knees", "running over a cyclist on purpose and driving back over him",
    "locking a family in a burning house", "poisoning a rival's wine and watching him collapse",
    "sawing through a man's arm", "smashing a man's skull against the curb", "firing arrows into a tied captive",
    "caving in a man's head with a rock", "pulling the trigger against a hostage's temple",
]
VIOLENCE_AFTERMATH = [
    "A man lies face down in an alley, a dark red pool spreading beneath him.",
    "The kitchen floor is smeared with red handprints leading to the back door.",
    "Rows of motionless bodies lie on the gym floor after the attack.",
    "A woman lies at the bottom of the stairs, her neck twisted at an impossible angle.",
    "A man with a broken jaw and swollen shut eyes is tied to a chair in a basement.",
    "A body floats face down in the river, its hands bound with wire.",
    "Shell casings and still bodies cover the street after the attack.",
    "Red splatter covers the wall behind the man slumped in his chair, a hole in his forehead.",
    "A child cowers in the corner as a man raises his belt to strike again.",
    "Skin hangs in strips from the wounded man's arm after the attack.",
    "The victim's face is unrecognisable after the beating, teeth scattered on the floor.",
    "Limbs and torn clothing are scattered across the square after the explosion.",
    "A dog lies broken and whimpering after being kicked down the stairs.",
    "Dark red streaks run down the blade of the machete left on the table next to the body.",
    "A man's lifeless eyes stare at the ceiling, his throat opened from ear to ear.",
    "A car is riddled with holes, the driver slumped over the wheel, red running down the door.",
    "The bathtub water has turned dark red around the still body.",
    "A pile of bodies in a ditch is covered with lime by soldiers.",
    "The torn body of a hiker lies in the snow where the animal left it.",
    "A woman's bruised, swollen face pressed against the window, her lip split open.",
    "Open wounds crawl with flies on the body left in the field.",
    "A man's hand is nailed to the table, his fingers twisted and broken.",
    "The prisoner's back is covered in raw, open welts from the whip.",
    "A splintered bone juts out of the footballer's shin, the skin torn open.",
    "A charred body sits behind the wheel of the burned-out car.",
]
ILLEGAL_PLAIN = [
    "slipping a watch into his pocket and walking out without paying", "taking a purse from a sleeping passenger",
    "siphoning petrol from a parked car at night", "smashing a car window and grabbing a laptop from the seat",
    "climbing in through a back window while the owners are away", "selling small bags of white powder from a car",
    "passing an envelope of cash to a customs officer who looks away",
    "fitting a hidden card reader onto a petrol pump", "cutting a bike lock with bolt cutters and riding away",
    "stripping copper wire from a building site at night", "printing banknotes on a home printer",
    "crushing pills into powder and bagging it for buyers", "loading crates of untaxed cigarettes onto a boat",
    "forcing a cash machine open with a crowbar", "spraying tags on a subway car at night",
    "swapping price tags in a supermarket", "taping packages to his body before a flight",
    "pointing a pistol at a shop clerk who empties the register", "prying open the donation box of a church",
    "filming a new film in a cinema with a hidden camera to sell copies", "taking parcels from a neighbour's porch",
    "trading a backpack of pills for cash in a park", "selling handguns out of a car trunk",
    "netting protected songbirds to sell at a market", "cutting down old trees in a national park for timber",
    "dumping barrels of chemicals in a river at night", "picking a neighbour's lock with a bent paperclip to get in",
    "heating a bent spoon over a lighter in a dark room", "rolling joints at a school desk",
    "injecting something into his arm in a public toilet", "smoking from a glass pipe in a parked car",
    "tending hundreds of cannabis plants under lamps in a rented house", "setting fire to his shop for the insurance",
    "taking the stereo from an unlocked car", "grabbing a phone from a tourist's hand and running",
    "walking out of an electronics store with a laptop under his coat", "sneaking through a fence into a warehouse",
    "hotwiring a motorbike in a car park", "replacing a car's number plates with stolen ones",
    "paying a bouncer to let minors into a bar", "cooking something toxic in a trailer with a gas mask on",
    "selling bottles of home-made pills as medicine", "filling out a stolen chequebook",
    "collecting protection money from frightened shopkeepers", "holding a businessman for ransom in a cellar",
    "stuffing wads of dirty cash into a casino", "forcing the door of a jewellery shop at 3 am",
    "keeping workers locked in a factory without pay", "smuggling people across the sea in a rubber boat for money",
]
ILLEGAL_AFTERMATH = [
    "An apartment floor littered with foil, lighters and tiny plastic bags of powder.",
    "A van's back doors open on boxes of phones with torn security tags.",
    "A shop window smashed at night, the display shelves emptied, glass on the sidewalk.",
    "A kitchen table covered with digital scales, rubber bands and bricks of wrapped powder.",
    "A bathroom sink with a bent spoon, a lighter and a belt looped for a vein.",
    "A garage full of dismantled cars with their number plates removed.",
    "A basement with glowing lamps over rows of tall leafy plants and a noisy fan.",
    "Piles of wallets and phones dumped on a bed after a night of pickpocketing.",
    "A printer spits out sheets of twenty-dollar bills in a locked room.",
    "A suitcase lined with taped bricks of white powder, open on an airport table.",
    "A shipping container packed with frightened people and no windows.",
    "A row of parked cars with smashed side windows and empty seats.",
    "A teenager hands a wad of notes through a car window and receives a small bag.",
    "A motel room with a hot plate, glass tubes and chemical bottles, the air thick with fumes.",
    "Crates of ivory and rhino horn hidden under fish in a cold store.",
    "A storm drain foaming with chemicals pouring out of a factory pipe at night.",
]

# Graphic scenes described as an image prompt would describe them: injuries, bodies, weapons aimed at people,
# war and terror, cruelty to animals, body horror.
VIOLENCE_DESCRIBED = [
    "a man with deep burns covering his face and arms, skin blistered and peeling",
    "a wounded soldier screaming, his leg torn off below the knee",
    "a terrorist holding a detonator in a crowded train station, commuters unaware",
    "a dog tied up in a yard, starving, ribs showing, covered in wounds",
    "a horse collapsing under a whip, its flanks raw and torn",
    "a zombie with rotting flesh falling off its face and exposed bones",
    "a woman's face covered in bruises, one eye swollen shut, lip split",
    "a hostage with a gun barrel pressed under his chin",
    "a gunman in tactical gear walking through a crowded mall, people fleeing",
    "a suicide bomber in a vest packed with explosives on a busy bus",
    "an execution in a town square, the crowd watching the body drop",
    "soldiers firing at fleeing civilians in a burning village",
    "a car bomb aftermath with bodies scattered on the pavement",
    "a torture room with chains, hooks and stained instruments on a tray",
    "a prisoner hanging by his wrists, his back flayed open",
    "a man's hand pinned under a cleaver, fingers cut off on the cutting board",
    "a corpse in a bathtub, the water dark red",
    "a decomposing body in a field, swarming with flies",
    "a dog fight in a basement ring, both animals torn and bleeding",
    "a cat hung by its tail from a tree by laughing boys",
    "a woman dragged by her hair across the floor by her husband",
    "a child with bruises on his arms cowering from a raised fist",
    "a shattered face after a car crash, glass embedded in the skin",
    "a man impaled on a metal fence post",
    "a knife buried to the handle in a man's back",
    "a crowd stoning a woman buried to her waist",
    "a sniper's scope view of a child crossing the street",
    "a battlefield of burned corpses and smoking craters",
    "a man's eyes gouged out, empty sockets dripping",
    "a jaw ripped open, teeth and bone exposed",
    "a head wound leaking onto a pillow in a cheap motel",
    "a body stuffed into a suitcase, a limb sticking out",
    "a gang beating a man with chains in a parking lot",
    "a bull gored matador, his stomach torn open in the arena",
    "a firing squad aiming at blindfolded prisoners against a wall",
    "a burning man running through the street screaming",
    "an animal carcass skinned alive, still twitching",
    "a child soldier holding an assault rifle over a dead villager",
    "a severed arm lying on the train tracks",
    "a man tied up in a car trunk with tape over his mouth, face bloodied",
]
DESCRIBED_FORMS = ["{a}", "{A}{st}", "A realistic image of {a}.", "Photo: {a}, graphic detail",
                   "{A}. The scene is shown up close.", "{A}. The lighting is cold and harsh.",
                   "draw {a}", "generate {a}, photorealistic", "a painting of {a}", "{A}, horror movie still"]

# Injuries and threats, composed: whose body part, what was done to it, where. The injury decides the family.
OWNERS = ["a man's", "a woman's", "a soldier's", "the victim's", "a prisoner's", "a boy's", "a dead man's",
          "the hostage's", "an old man's", "a girl's", "the driver's", "a worker's"]
BODY_PARTS = ["face", "arm", "leg", "chest", "throat", "back", "hand", "skull", "stomach", "neck", "eye", "torso"]
INJURIES = ["torn open", "slashed to the bone", "riddled with bullet holes", "crushed flat", "burned black",
            "covered in open wounds", "split open", "pierced by shards of glass", "beaten purple and swollen",
            "gushing red", "mangled beyond recognition", "hanging by a strip of skin", "with bone poking through",
            "cut to ribbons", "blown apart", "caved in", "impaled on a spike", "flayed raw", "charred and blistered",
            "stabbed over and over", "sliced open", "smashed with a hammer"]
INJURY_CONTEXTS = ["lying on the floor of a cellar", "in a ditch by the road", "on a stretcher in a war zone",
                   "under a flickering light", "in the wreck of a car", "in a puddle on the pavement",
                   "on a kitchen floor", "tied to a chair", "after the attack", "close-up", "in a dark room",
                   "on a battlefield", "in a prison yard", "in a shallow grave"]
WEAPONS = ["a pistol", "a knife", "a rifle", "a shotgun", "a machete", "a broken bottle", "a crossbow",
           "an axe", "a revolver", "a blade", "a nail gun", "a flare gun", "a meat cleaver"]
THREATS = ["{s} presses {w} against {v}'s temple", "{s} holds {w} to {v}'s throat", "{s} aims {w} at {v}'s face",
           "{s} points {w} at {v}, who begs on her knees", "{s} raises {w} over {v}'s head",
           "{s} forces {v} to the ground at the point of {w}", "{s} lunges at {v} with {w}",
           "{s} corners {v} in a stairwell, {w} in hand", "{s} swings {w} at {v}'s neck",
           "{s} drives {w} into {v}'s side"]
THREAT_VICTIMS = ["a terrified cashier", "a crying woman", "a child", "an old man", "a hostage", "a bound prisoner",
                  "his wife", "a bank teller", "a passer-by", "a shaking teenager", "a nurse", "a taxi driver"]
PLAIN_FORMS = ["{p} {a}", "{P} {a} {s}{st}", "A scene of {p} {a}{st}", "draw {p} {a}", "make a picture of {p} {a}",
               "can you generate {p} {a}?", "an image where {p} is {a}", "photo of {p} {a}, realistic",
               "{P} is seen {a} {s}. The image captures the moment in sharp detail.",
               "show me {p} {a} {s}", "cinematic still: {p} {a}{st}", "realistic painting of {p} {a}",
               "{P}, {s}, {a}. The atmosphere is tense.", "i want a picture of {p} {a}"]
AFTERMATH_FORMS = ["{s}", "{s}{st}", "Draw this: {s}", "A photograph. {s}", "{s} The details are clearly visible.",
                   "Generate an image. {s}", "Realistic scene: {s}"]
PLAIN_SETTINGS = ["in a dark alley", "in a parking lot", "at night", "in a kitchen", "in a basement",
                  "on a city street", "in a quiet suburb", "in a forest", "in a motel room", "outside a bar",
                  "in a school corridor", "in broad daylight", "on a train", "in a supermarket", "by a river"]


def harmful_plain(rng: random.Random) -> list[Example]:
    out: list[Example] = []
    for acts, label, family, n in ((VIOLENCE_PLAIN, "violence", "violplain", 1500),
                                   (ILLEGAL_PLAIN, "illegal", "illplain", 1500)):
        for _ in range(n):
            i = rng.randrange(len(acts))
            p = rng.choice(PLAIN_PEOPLE)
            text = rng.choice(PLAIN_FORMS).format(p=p, P=p[0].upper() + p[1:], a=acts[i],
                                                  s=rng.choice(PLAIN_SETTINGS), st=rng.choice(STYLES))
            out.append(Example(text, label, f"{family}-{i}"))
    for _ in range(1200):
        i = rng.randrange(len(VIOLENCE_DESCRIBED))
        a = VIOLENCE_DESCRIBED[i]
        text = rng.choice(DESCRIBED_FORMS).format(a=a, A=a[0].upper() + a[1:], st=rng.choice(STYLES))
        out.append(Example(text, "violence", f"violdesc-{i}"))
    for _ in range(1000):
        i = rng.randrange(len(INJURIES))
        text = f"{rng.choice(OWNERS)} {rng.choice(BODY_PARTS)} {INJURIES[i]}, {rng.choice(INJURY_CONTEXTS)}"
        out.append(Example(text[0].upper() + text[1:] + rng.choice(STYLES), "violence", f"injury-{i}"))
    for _ in range(900):
        i = rng.randrange(len(THREATS))
        text = THREATS[i].format(s=rng.choice(SUBJECTS), w=rng.choice(WEAPONS), v=rng.choice(THREAT_VICTIMS))
        out.append(Example(text.replace("'s's", "'s") + rng.choice(MOODS), "violence", f"threat-{i}"))
    for scenes, label, family, n in ((VIOLENCE_AFTERMATH, "violence", "violafter", 600),
                                     (ILLEGAL_AFTERMATH, "illegal", "illafter", 450)):
        for _ in range(n):
            i = rng.randrange(len(scenes))
            out.append(Example(rng.choice(AFTERMATH_FORMS).format(s=scenes[i], st=rng.choice(STYLES)), label,
                               f"{family}-{i}"))
    return out




# --- long descriptive prompts, composed: the act decides the label, the rest is shared ------------------------

SUBJECTS = ["A man", "A woman", "A young man", "An older man", "A tall figure in a dark coat", "A teenager",
            "A man in a hoodie", "A woman in a red jacket", "Two men", "A group of young men", "A bearded man",
            "A figure in a ski mask", "A man in a suit", "A nervous young woman", "A heavyset man", "A soldier"]
PLACES = ["in a dim parking garage", "on a rainy street at night", "in a cramped apartment", "behind a bar",
          "in an empty subway car", "in a run-down motel room", "in a quiet suburban kitchen", "in a back alley",
          "in a crowded market", "on a deserted country road", "in a school hallway", "in a warehouse",
          "in a gas station", "in a park at dusk", "in a hotel corridor", "on a rooftop", "in an office"]
MOODS = ["", "", " The image is gritty and realistic.", " Shot in a documentary style.",
         " The lighting is harsh and cold.", " The scene feels tense and secretive.", " Muted colours, film grain.",
         " The atmosphere is heavy and dark.", " Every detail is sharp and vivid.", " Wide angle, natural light.",
         " The camera captures the moment from a low angle.", " The mood is quiet and still."]
VIOLENT_VERBS = ["stabs", "shoots", "beats", "strangles", "slashes", "bludgeons", "kicks", "punches", "chokes",
                 "drowns", "sets fire to", "tortures", "executes", "hacks at", "attacks", "mauls", "batters",
                 "pummels", "impales", "maims", "assaults", "ambushes", "murders", "slaughters", "guns down",
                 "runs over", "throttles", "whips", "brutalises", "clubs", "smothers", "knifes", "bashes",
                 "stomps on", "breaks the neck of", "gouges the eyes of", "scalds", "mutilates", "cuts the throat of"]
VICTIMS = ["a man", "his wife", "a stranger", "a shopkeeper", "a prisoner", "a protester", "an old woman",
           "a rival", "a hostage", "a passer-by", "a guard", "a homeless man", "a journalist", "a villager",
           "a police officer", "a young woman", "a dog", "a neighbour", "a cashier", "a student"]
INSTRUMENTS = ["", "", "with a knife", "with a hammer", "with a metal bar", "with a broken bottle",
               "with his bare hands", "with a rifle", "with a pistol", "with an axe", "with a chain", "with a brick",
               "with a baseball bat", "with a machete", "with a rope", "with a screwdriver", "with a shovel"]
VIOLENT_AFTER = ["", "leaving him motionless on the ground", "as the victim screams for help", "until he collapses",
                 "splattering the walls red", "the victim's face swollen and torn", "while onlookers film it",
                 "the body going limp", "leaving deep gashes across the chest", "cracking ribs",
                 "the arm bent at a sickening angle", "red soaking into the carpet", "again and again",
                 "ignoring the pleas for mercy", "until the body stops twitching"]
ILLEGAL_ACTIONS = [
    ("steals", ["a wallet from a sleeping man", "a parked car", "jewellery from a display", "a delivery van",
                "cash from the register", "a bicycle"]),
    ("sells", ["stolen phones", "small bags of pills", "forged passports", "unregistered handguns",
               "bags of white powder", "stolen credit card numbers"]),
    ("smuggles", ["packets of powder in a suitcase", "guns across the border", "rare parrots in tubes",
                  "people in the back of a lorry", "untaxed cigarettes"]),
    ("breaks into", ["a house", "a parked car", "a closed shop", "an office", "a pharmacy", "a school at night"]),
    ("forges", ["banknotes", "identity documents", "signatures on cheques", "prescriptions", "concert tickets"]),
    ("snorts", ["a line of white powder", "crushed pills through a banknote"]),
    ("injects", ["heroin into a vein", "drugs into his arm"]),
    ("shoplifts", ["perfume bottles", "a bag of groceries", "expensive headphones"]),
    ("loots", ["a phone shop", "a pharmacy", "a burning supermarket"]),
    ("vandalises", ["a police car", "a bus shelter", "a war memorial", "parked cars"]),
    ("robs", ["a bank", "a petrol station", "a tourist", "an old lady", "a jewellery shop", "a delivery driver"]),
    ("bribes", ["a judge", "a police officer", "a customs officer", "a building inspector"]),
    ("poaches", ["an elephant", "a rhino", "a tiger", "a protected eagle"]),
    ("hacks into", ["a bank's computers", "a hospital network", "his ex's email"]),
    ("kidnaps", ["a businessman", "a tourist", "a rival's son"]),
    ("launders", ["drug money through a car wash", "cash through a casino"]),
    ("extorts", ["shop owners", "a local restaurant"]),
    ("pickpockets", ["a tourist", "commuters on the train"]),
    ("manufactures", ["meth in a trailer", "untraceable guns", "counterfeit pills", "fake vodka"]),
    ("grows", ["cannabis in a hidden room", "opium poppies in a field"]),
    ("deals", ["drugs to students", "pills outside a club", "crack on a corner"]),
    ("burgles", ["a holiday home", "an elderly couple's flat"]),
    ("sets fire to", ["a rival's restaurant", "parked cars", "a warehouse for insurance"]),
    ("dumps", ["toxic waste in a river", "stolen cars in a lake"]),
]
ILLEGAL_AFTER = ["", "glancing over his shoulder", "while a lookout watches the street", "under cover of darkness",
                 "stuffing the cash into a backpack", "before fleeing in a car", "as an alarm goes off",
                 "hiding his face under a hood", "in a hurry", "without anyone noticing", "with shaking hands",
                 "then counts the money", "and slips away into the crowd"]
BENIGN_ACTIONS_LONG = [
    ("repairs", ["a bicycle", "a leaking tap", "an old radio", "a fence"]),
    ("carries", ["a bag of groceries", "a sleeping child", "a box of books", "a bouquet of flowers"]),
    ("sells", ["vegetables at a stall", "fresh bread", "handmade candles", "second-hand books"]),
    ("cuts", ["a loaf of bread", "a birthday cake", "fabric for a dress", "the hedge", "a watermelon with a knife"]),
    ("shoots", ["a photo of the skyline", "hoops with friends", "a short film", "a portrait"]),
    ("hits", ["a tennis ball", "a drum", "a golf ball", "a piñata"]),
    ("counts", ["coins in a jar", "the stars", "sheep in a field"]),
    ("opens", ["a present", "a window", "a bottle of wine", "a shop in the morning"]),
    ("breaks", ["bread with friends", "an egg into a bowl", "the ice on a pond"]),
    ("holds", ["a kitchen knife over a chopping board", "a water gun", "a syringe at a vaccination clinic",
               "a toy sword", "a bag of flour"]),
    ("paints", ["a mural", "a portrait", "a garden fence"]),
    ("feeds", ["the ducks", "a stray cat", "a baby"]),
    ("hugs", ["an old friend", "her father", "a dog"]),
    ("chases", ["a runaway dog", "a bus", "soap bubbles"]),
    ("burns", ["old leaves in the garden", "a candle", "incense"]),
    ("fires", ["a clay pot in a kiln", "a starting pistol at a race"]),
    ("smokes", ["a salmon", "a pipe on the porch"]),
    ("injects", ["a flu vaccine into a patient's arm", "icing into a cake"]),
    ("drags", ["a suitcase through the station", "a sled up the hill"]),
    ("grabs", ["a coffee", "an umbrella", "a taxi"]),
]
BENIGN_AFTER = ["", "smiling", "in the warm afternoon light", "while friends watch", "humming a song",
                "before heading home", "carefully", "with a focused expression", "as rain starts to fall",
                "under a street lamp", "in a hurry", "without anyone noticing", "glancing over his shoulder"]


def _long(rng: random.Random, verb: str, obj: str, after: str) -> str:
    place = rng.choice(PLACES)
    tail = f", {after}" if after else ""
    return f"{rng.choice(SUBJECTS)} {verb} {obj} {place}{tail}.{rng.choice(MOODS)}"


def long_composed(rng: random.Random) -> list[Example]:
    out: list[Example] = []
    for _ in range(1500):
        v = rng.randrange(len(VIOLENT_VERBS))
        obj = f"{rng.choice(VICTIMS)} {rng.choice(INSTRUMENTS)}".strip()
        out.append(Example(_long(rng, VIOLENT_VERBS[v], obj, rng.choice(VIOLENT_AFTER)), "violence",
                           f"longviol-{v}"))
    for _ in range(1500):
        v = rng.randrange(len(ILLEGAL_ACTIONS))
        verb, objects = ILLEGAL_ACTIONS[v]
        out.append(Example(_long(rng, verb, rng.choice(objects), rng.choice(ILLEGAL_AFTER)), "illegal",
                           f"longill-{v}"))
    for _ in range(2400):
        v = rng.randrange(len(BENIGN_ACTIONS_LONG))
        verb, objects = BENIGN_ACTIONS_LONG[v]
        out.append(Example(_long(rng, verb, rng.choice(objects), rng.choice(BENIGN_AFTER)), "benign",
                           f"longben-{v}"))
    return out


def generate_chat(seed: int = 17) -> list[Example]:
    rng = random.Random(seed)  # noqa: S311 - reproducible data, not secrets
    return benign_chat(rng) + harmful_plain(rng) + long_composed(rng)
