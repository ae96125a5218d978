"""Synthetic training data for the tool decision of the default chat model (SmolLM2 + LoRA).

Conversations are built from templates and word lists, in English and French:
- new images: requests with a wrapper ("draw ...", "génère une image de ...") and bare noun phrases ("a red car",
  "un chat"), the target being `generate_image` with the description alone as prompt, sometimes with size, n,
  negative_prompt or seed;
- follow-ups after an image: edits ("make it blue", "ajoute une écharpe") give `edit_image` with the previous
  prompt plus the change and no image_id; "another one" gives `generate_image` with the previous prompt;
- text: questions (including how-to questions about drawing and questions about AI art), questions and comments
  about the image just made, greetings and thanks, writing tasks, and the turn right after a tool result.

Text examples carry no answer: training only pushes down the probability of opening a tool call there, which
keeps the base model's own answers. Never built from the dev or held-out evaluation files.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from typing import Any

# --- word lists: English ---------------------------------------------------------------------------------------

EN_NOUNS = [
    "cat",
    "dog",
    "owl",
    "dragon",
    "robot",
    "castle",
    "spaceship",
    "teapot",
    "bicycle",
    "guitar",
    "tree house",
    "sailboat",
    "wizard",
    "astronaut",
    "knight",
    "mermaid",
    "penguin",
    "elephant",
    "whale",
    "butterfly",
    "waterfall",
    "cabin",
    "bakery",
    "library",
    "steam train",
    "submarine",
    "samurai",
    "unicorn",
    "bear",
    "hummingbird",
    "jellyfish",
    "cupcake",
    "pizza",
    "coffee cup",
    "old fisherman",
    "little girl",
    "ballerina",
    "octopus",
    "tiger",
    "wolf",
    "frog",
    "koala",
    "raccoon",
    "parrot",
    "lion",
    "deer",
    "horse",
    "rabbit",
    "mushroom house",
    "windmill",
    "skyscraper",
    "bridge",
    "temple",
    "pirate ship",
    "hot dog stand",
    "vintage car",
    "motorcycle",
    "airplane",
    "hedgehog",
    "snowman",
    "cactus",
    "sunflower",
    "lantern",
    "clock tower",
    "violin",
    "chess board",
    "bonsai tree",
    "volcano",
    "island",
    "treasure chest",
    "knight's helmet",
    "panda",
    "goldfish",
]
EN_ADJS = [
    "red",
    "tiny",
    "giant",
    "cute",
    "ancient",
    "futuristic",
    "glowing",
    "steampunk",
    "wooden",
    "golden",
    "sleepy",
    "happy",
    "grumpy",
    "blue",
    "purple",
    "rusty",
    "crystal",
    "fluffy",
    "old",
    "shiny",
    "neon",
    "mechanical",
    "floating",
    "abandoned",
    "majestic",
    "colorful",
    "tiny green",
    "small white",
    "huge black",
]
EN_SCENES = [
    "in a forest",
    "on the moon",
    "at sunset",
    "under the sea",
    "in the snow",
    "on a rooftop",
    "in a neon city",
    "reading a book",
    "wearing a crown",
    "playing the guitar",
    "flying over mountains",
    "made of glass",
    "made of candy",
    "in a rainy street",
    "on a beach",
    "in outer space",
    "in a field of lavender",
    "drinking tea",
    "riding a skateboard",
    "at night",
    "in the desert",
    "next to a river",
    "in a snow globe",
    "surrounded by fireflies",
    "in a busy market",
    "on a mountain top",
    "inside a cave",
    "in a jungle",
    "on a frozen lake",
    "at a birthday party",
    "in a library full of books",
    "wearing sunglasses",
]
EN_STYLES = [
    "watercolor",
    "oil painting",
    "pixel art",
    "3D render",
    "photorealistic",
    "anime style",
    "pencil sketch",
    "low poly",
    "cinematic lighting",
    "studio photo",
    "children's book illustration",
    "impressionist painting",
    "cyberpunk style",
    "line art",
    "vector art",
    "isometric view",
    "ukiyo-e woodblock print",
    "claymation",
    "vaporwave",
    "charcoal drawing",
    "digital art",
    "comic book style",
    "art nouveau",
    "minimalist",
    "35mm film photo",
    "stained glass",
    "origami style",
    "Pixar style",
    "dark fantasy art",
    "pastel colors",
]
EN_ARTIFACTS = [
    "poster",
    "logo",
    "icon",
    "sticker",
    "wallpaper",
    "banner",
    "book cover",
    "album cover",
    "postcard",
    "t-shirt design",
    "emoji",
    "comic panel",
    "greeting card",
    "tattoo design",
    "coloring page",
    "mascot",
]
EN_PURPOSES = [
    "my bakery",
    "a coffee shop",
    "my gaming channel",
    "a science fair",
    "my sister's birthday",
    "a yoga studio",
    "a bookshop called Ink & Paper",
    "my band",
    "a tech startup",
    "a summer festival",
    "my cooking blog",
    "a dog grooming business",
    "a chess club",
    "our school newsletter",
]

# Edits: (instruction, change appended to the previous prompt).
EN_COLORS = ["blue", "green", "purple", "gold", "black and white", "pink", "yellow", "silver", "red", "teal"]
EN_ADJ_EDITS = [
    "brighter",
    "darker",
    "more realistic",
    "more colorful",
    "cartoonish",
    "bigger",
    "smaller",
    "happier",
    "scarier",
    "vintage",
    "minimalist",
    "more detailed",
    "softer",
    "more dramatic",
    "cuter",
    "sharper",
]
EN_ADD_OBJECTS = [
    "a hat",
    "sunglasses",
    "a rainbow",
    "some birds",
    "snow",
    "a moon",
    "a scarf",
    "flowers",
    "a dog next to it",
    "a crown",
    "clouds",
    "a boat",
    "rain",
    "a bow tie",
    "stars in the sky",
    "a small cat",
    "a red balloon",
    "lightning",
    "a waterfall in the back",
    "a pair of wings",
    "a little house",
    "some text saying HELLO",
]
EN_REMOVE_OBJECTS = ["the background", "the people", "the clouds", "the text", "the trees", "the car", "the hat"]
EN_VIEWS = [
    ("from above", "seen from above"),
    ("from behind", "seen from behind"),
    ("from below", "seen from below"),
    ("from far away", "seen from far away"),
    ("from the front", "seen from the front"),
    ("from the left side", "seen from the left side"),
    ("in profile", "in profile"),
]
EN_TIMES = [
    "at night",
    "at sunset",
    "in winter",
    "in the rain",
    "underwater",
    "in space",
    "at dawn",
    "in autumn",
    "during a storm",
    "in summer",
    "in the fog",
]
EN_BACKGROUNDS = ["white", "black", "beach", "city", "forest", "starry sky", "plain gray", "pink"]
EN_PLACES = ["on a beach", "in a forest", "in Paris", "in a kitchen", "on Mars", "in a castle", "in Tokyo"]
EN_EDIT_PREFIXES = ["", "", "", "now ", "can you ", "please ", "ok, ", "nice! now ", "great, ", "hmm, ", "cool. "]
EN_EDIT_SUFFIXES = ["", "", "", " please", "!", ".", " instead", " this time"]

EN_ANOTHER = [
    "another one",
    "one more",
    "again",
    "do another",
    "make another one",
    "another version",
    "give me another",
    "try again",
    "one more please",
    "can I get another?",
    "another please",
    "generate it again",
    "same thing again",
    "let's see another",
    "I want another one",
    "do it again",
]
EN_ANOTHER_BUT = ["another one but {c}", "one more, {c}", "again but {c}", "same but {c}", "another version {c}"]

# Text answers to an image just made, and comments on it.
EN_AFTER_IMAGE_TEXT = [
    "What breed is that dog?",
    "What kind of bird is this?",
    "Is it a real animal?",
    "Is that place real?",
    "How did you make this?",
    "Which model made this?",
    "What tool did you use for it?",
    "Can I use this commercially?",
    "Why does it look blurry?",
    "What style is this?",
    "How long did that take?",
    "Can I download it?",
    "What is the resolution of the image?",
    "Cool, thanks!",
    "Love it",
    "That's amazing",
    "ok",
    "great job",
    "nice",
    "wow",
    "thanks a lot",
    "Looks good to me",
    "What do you think of it?",
    "What colors are in it?",
    "Who painted the original?",
    "Does it have a copyright?",
    "Tell me about this animal",
    "What is it called?",
    "Where could this be?",
    "Why is the sky so orange?",
    "how did the AI know what to draw?",
    "Is this generated by AI?",
    "awesome, that's all I needed",
    "How many images do I have left today?",
    "Can you explain the composition?",
    "What does the text say?",
    "That's perfect, thank you!",
    "lol",
    "haha nice",
    "What year is the car from?",
    "Is this style expensive?",
    "Where does that species live?",
    "What is it made of?",
    "Why did it come out like that?",
]
# Questions about using the image (print it, post it, sell it): text, never a new image.
EN_IMAGE_USES = [
    "my website",
    "a school project",
    "my phone wallpaper",
    "a flyer",
    "a book cover",
    "my channel banner",
    "my newsletter",
    "a presentation",
    "my desktop background",
    "an ad",
    "a birthday card",
    "my avatar",
]
EN_PRINT_ON = [
    "a poster",
    "a sweatshirt",
    "a canvas",
    "a sticker sheet",
    "a phone case",
    "a tote bag",
    "a hoodie",
    "a calendar",
    "a puzzle",
    "a pillow",
    "business cards",
    "a postcard",
]
EN_PLATFORMS = ["Instagram", "Twitter", "my blog", "Etsy", "Facebook", "Discord", "LinkedIn"]
EN_USE_QUESTIONS = [
    "Can I use it for {use}?",
    "Could I use this as {use}?",
    "Is it ok to use this for {use}?",
    "Can I print it on {thing}?",
    "Could I print this on {thing}?",
    "Would it look good on {thing}?",
    "Can I put this on {thing}?",
    "Can I share it on {platform}?",
    "Am I allowed to post this on {platform}?",
    "Can I sell it on {platform}?",
    "Is this good enough to print on {thing}?",
    "Can I use it for {use} for free?",
]
EN_PRAISE = [
    "excellent",
    "love this!",
    "so cool",
    "beautiful",
    "gorgeous",
    "stunning",
    "brilliant, thanks",
    "exactly what I wanted",
    "this is great",
    "neat",
    "sweet",
    "fantastic",
    "incredible",
    "nice one",
    "10/10",
    "looks great",
    "wonderful",
    "oh I like that",
    "superb!",
    "that's lovely",
    "omg yes",
    "this rocks",
    "cute!",
    "pretty",
    "so good",
    "impressive",
    "very nice, thanks",
    "awesome!!",
    "ha, love it",
    "fab",
]
EN_AFTER_TOOL_ASSISTANT = [
    "Here is your image.",
    "Here you go!",
    "Done! Here it is.",
    "Here's the picture.",
    "I made this for you.",
    "Here is the edited image.",
    "Here it is.",
    None,
    None,
]

# --- general text requests (English) ---------------------------------------------------------------------------

EN_CONCEPTS = [
    "gravity",
    "inflation",
    "machine learning",
    "black holes",
    "the stock market",
    "democracy",
    "a neural network",
    "quantum computing",
    "the water cycle",
    "blockchain",
    "compound interest",
    "evolution",
    "a recession",
    "entropy",
    "the immune system",
    "climate change",
    "an API",
    "a mortgage",
    "the Pythagorean theorem",
    "jazz",
    "the Renaissance",
    "a haiku",
    "impressionism",
    "perspective in art",
    "the golden ratio",
    "color theory",
    "a pixel",
    "a JPEG",
    "resolution in printing",
]
EN_AI_ART = [
    "Midjourney",
    "Stable Diffusion",
    "Flux",
    "a diffusion model",
    "a GAN",
    "a LoRA",
    "latent space",
    "CFG scale",
    "a negative prompt",
    "inpainting",
    "upscaling",
    "a seed in image generation",
    "text-to-image",
    "prompt engineering",
    "a VAE",
    "ControlNet",
]
EN_PEOPLE = [
    "Frida Kahlo",
    "Leonardo da Vinci",
    "Marie Curie",
    "Claude Monet",
    "Napoleon",
    "Ada Lovelace",
    "Vincent van Gogh",
    "Pablo Picasso",
    "Albert Einstein",
    "Cleopatra",
    "Nikola Tesla",
    "Hokusai",
    "Georgia O'Keeffe",
    "Andy Warhol",
    "Isaac Newton",
    "Rembrandt",
]
EN_COUNTRIES = ["Canada", "Peru", "Kenya", "Australia", "Norway", "Vietnam", "Egypt", "Chile", "Italy", "Mongolia"]
EN_DISHES = ["lasagna", "banana bread", "French toast", "a vegan curry", "guacamole", "crêpes", "chili", "risotto"]
EN_SKILLS = [
    "learn to code",
    "fix a flat tire",
    "make sourdough bread",
    "start running",
    "improve my sleep",
    "learn Spanish fast",
    "save money",
    "write a good resume",
    "tie a tie",
    "meditate",
    "change a diaper",
]
EN_DRAW_SUBJECTS = [
    "a dog",
    "hands",
    "a face",
    "eyes",
    "a tree",
    "a realistic portrait",
    "anime characters",
    "a cat",
    "a car in perspective",
    "clouds",
    "a rose",
    "people in motion",
    "a dragon",
    "a house in 2 point perspective",
]
EN_WRITING_FORMS = ["poem", "short story", "sonnet", "song", "haiku", "limerick", "joke", "riddle", "fable"]
EN_WRITING_TOPICS = [
    "the sea",
    "my grandmother",
    "coffee",
    "Mondays",
    "a lost robot",
    "friendship",
    "the moon",
    "spring rain",
    "a lazy dog",
    "winter mornings",
    "the city at night",
    "a dragon who loves books",
]
EN_DOCS = [
    "motivation letter",
    "resume summary",
    "wedding speech",
    "apology letter",
    "product description",
    "LinkedIn post",
    "thank-you note",
    "complaint email",
    "birthday message",
    "blog post intro",
]

EN_QUESTION_TEMPLATES = [
    "What is {concept}?",
    "Explain {concept}.",
    "Can you explain {concept} simply?",
    "explain {concept} to a child",
    "Why does {concept} matter?",
    "Who was {person}?",
    "Tell me about {person}",
    "What did {person} paint?",
    "What is the capital of {country}?",
    "What language do they speak in {country}?",
    "What should I visit in {country}?",
    "How do I {skill}?",
    "Any tips to {skill}?",
    "How do I draw {draw}?",
    "How can I get better at drawing {draw}?",
    "What's the best way to paint {draw}?",
    "Any tips for sketching {draw}?",
    "Can you teach me to draw {draw}?",
    "Is it hard to draw {draw}?",
    "What is {ai}?",
    "How does {ai} work?",
    "Explain {ai} in simple terms",
    "Is {ai} free to use?",
    "Write a {form} about {topic}",
    "write me a {form} about {topic}",
    "Compose a {form} about {topic}",
    "Help me write a {doc}",
    "Write a {doc} for me",
    "Can you draft a {doc}?",
    "Proofread my {doc}",
    "Give me a recipe for {dish}",
    "How do I cook {dish}?",
    "What goes well with {dish}?",
    "What does a {noun} look like?",
    "Describe a {noun}",
    "How big is a {noun}?",
    "Where do {noun}s live?",
    "Tell me a fun fact about the {noun}",
    "Why is the {noun} {adj}?",
    "What's the difference between {concept} and {concept2}?",
    "Compare {ai} and {ai2}",
]
EN_FIXED_TEXT = [
    "hi",
    "hello",
    "hey there",
    "good morning",
    "how are you?",
    "what's your name?",
    "who are you?",
    "what can you do?",
    "tell me a joke",
    "I'm bored",
    "thanks",
    "thank you so much",
    "bye",
    "good night",
    "Is AI art real art?",
    "Who owns AI-generated images?",
    "How do I write a good prompt for an image?",
    "Why do AI images have weird hands?",
    "How do you make images?",
    "What sizes can you generate?",
    "How many pictures can I make per day?",
    "Is there a limit on images?",
    "Can AI replace illustrators?",
    "What are the ethics of AI art?",
    "Do artists get paid when AI copies their style?",
    "How do I reverse a list in Python?",
    "What is 17 times 23?",
    "Solve 2x + 6 = 10",
    "What time zone is Tokyo in?",
    "Make a list of things to pack for a beach trip",
    "Make a plan for my week",
    "Create a workout plan for beginners",
    "Create a lesson plan about volcanoes",
    "Make a shopping list for tacos",
    "Generate five names for a cat",
    "Generate a random password idea",
    "Create a budget spreadsheet layout",
    "Make up a story about a brave mouse",
    "Design a study schedule for my exams",
    "Come up with a slogan for a bakery",
    "Draw up a contract outline",
    "Summarize the plot of Hamlet",
    "Translate 'good luck' into Spanish",
    "What does 'serendipity' mean?",
    "Recommend a good book",
    "What movie should I watch tonight?",
    "Suggest a name for my new puppy",
    "What are good plants for a dark apartment?",
    "Which laptop is best for students?",
    "Recommend a drawing tablet",
    "What paper is best for watercolor?",
    "Which pencils do artists use?",
    "What's a good beginner paint set?",
    "How long does oil paint take to dry?",
    "What is the best free drawing app?",
    "Can you see images?",
    "What's the weather like on Mars?",
    "How far is the sun?",
    "Why is the ocean salty?",
    "How do vaccines work?",
    "What's your favorite color?",
    "Do you dream?",
    "Are you a human?",
    "Can you help me with my homework?",
    "I feel sad today",
    "What should I eat for dinner?",
    "Give me 3 ideas for a party theme",
    "How do I become a graphic designer?",
    "How much does a professional illustrator earn?",
    "What's a good resolution for printing a poster?",
    "What file format is best for logos?",
    "Tell me something interesting",
    "Say something nice",
    "What's the meaning of life?",
    "Teach me a French word",
    "How do I center a div?",
    "What's the plural of cactus?",
    "Which is heavier, a kilo of feathers or of steel?",
]

# --- word lists: French ----------------------------------------------------------------------------------------

# (noun, gender) with postposed adjectives as (masculine, feminine).
FR_NOUNS = [
    ("chat", "m"),
    ("chien", "m"),
    ("hibou", "m"),
    ("dragon", "m"),
    ("robot", "m"),
    ("château", "m"),
    ("phare", "m"),
    ("vaisseau spatial", "m"),
    ("vélo", "m"),
    ("chevalier", "m"),
    ("pingouin", "m"),
    ("éléphant", "m"),
    ("papillon", "m"),
    ("gâteau", "m"),
    ("bateau", "m"),
    ("lion", "m"),
    ("tigre", "m"),
    ("théière", "f"),
    ("sirène", "f"),
    ("licorne", "f"),
    ("baleine", "f"),
    ("maison", "f"),
    ("forêt", "f"),
    ("montagne", "f"),
    ("voiture", "f"),
    ("tortue", "f"),
    ("sorcière", "f"),
    ("ville", "f"),
    ("fusée", "f"),
    ("cabane", "f"),
    ("pieuvre", "f"),
    ("guitare", "f"),
    ("princesse", "f"),
    ("grenouille", "f"),
]
FR_ADJS = [
    ("rouge", "rouge"),
    ("bleu", "bleue"),
    ("géant", "géante"),
    ("endormi", "endormie"),
    ("doré", "dorée"),
    ("lumineux", "lumineuse"),
    ("en bois", "en bois"),
    ("en verre", "en verre"),
    ("futuriste", "futuriste"),
    ("mignon", "mignonne"),
    ("ancien", "ancienne"),
    ("violet", "violette"),
    ("vert", "verte"),
    ("noir", "noire"),
    ("magique", "magique"),
    ("abandonné", "abandonnée"),
    ("rose", "rose"),
    ("minuscule", "minuscule"),
]
FR_SCENES = [
    "dans la forêt",
    "sur la lune",
    "au coucher du soleil",
    "sous la mer",
    "dans une ville la nuit",
    "sur une plage",
    "qui lit un livre",
    "dans l'espace",
    "sous la pluie",
    "au sommet d'une montagne",
    "dans un champ de tournesols",
    "qui joue du piano",
    "dans un jardin japonais",
    "en plein hiver",
    "qui boit un café",
    "dans une grotte",
    "sur un toit de Paris",
    "au bord d'un lac",
]
FR_STYLES = [
    "aquarelle",
    "peinture à l'huile",
    "pixel art",
    "rendu 3D",
    "photoréaliste",
    "style manga",
    "croquis au crayon",
    "style bande dessinée",
    "art numérique",
    "style impressionniste",
    "style rétro",
    "dessin au fusain",
]
FR_ARTIFACTS = [
    ("affiche", "f"),
    ("logo", "m"),
    ("icône", "f"),
    ("autocollant", "m"),
    ("fond d'écran", "m"),
    ("couverture de livre", "f"),
    ("carte postale", "f"),
    ("bannière", "f"),
]
FR_PURPOSES = [
    "ma boulangerie",
    "un café",
    "mon club de lecture",
    "l'anniversaire de ma fille",
    "mon entreprise",
    "un festival de musique",
    "ma chaîne de cuisine",
]

FR_COLORS = [
    ("bleu", "bleue"),
    ("vert", "verte"),
    ("rouge", "rouge"),
    ("doré", "dorée"),
    ("noir", "noire"),
    ("violet", "violette"),
    ("jaune", "jaune"),
]
FR_ADD_OBJECTS = [
    "une écharpe",
    "des lunettes de soleil",
    "un arc-en-ciel",
    "de la neige",
    "des oiseaux",
    "une couronne",
    "des fleurs",
    "des nuages",
    "un soleil couchant",
    "un petit chien",
    "des étoiles",
    "un nœud papillon",
    "une lune",
]
FR_REMOVE_OBJECTS = ["le fond", "les personnes", "les nuages", "le texte", "les arbres"]
FR_VIEWS = [
    ("de dessus", "vu de dessus"),
    ("de derrière", "vu de derrière"),
    ("de loin", "vu de loin"),
    ("de face", "vu de face"),
    ("de profil", "de profil"),
]
FR_TIMES = [
    "la nuit",
    "au coucher du soleil",
    "en hiver",
    "sous la pluie",
    "sous l'eau",
    "dans l'espace",
    "à l'aube",
    "en automne",
]
FR_ADJ_EDITS = [
    "plus lumineux",
    "plus sombre",
    "plus réaliste",
    "plus coloré",
    "plus grand",
    "plus mignon",
    "plus détaillé",
    "plus effrayant",
]
FR_EDIT_PREFIXES = ["", "", "", "maintenant ", "tu peux ", "ok, ", "super, ", "et "]
FR_EDIT_SUFFIXES = ["", "", " stp", " s'il te plaît", "!", "."]
FR_ANOTHER = [
    "encore une",
    "une autre",
    "refais-en une",
    "une autre version",
    "encore une s'il te plaît",
    "recommence",
    "une autre stp",
    "tu peux en faire une autre ?",
    "encore !",
]
FR_ANOTHER_BUT = ["encore une, mais {c}", "une autre mais {c}", "refais-la {c}"]
FR_AFTER_IMAGE_TEXT = [
    "Merci beaucoup",
    "Super, merci",
    "C'est quelle race ?",
    "C'est un vrai endroit ?",
    "Comment as-tu fait cette image ?",
    "Je peux l'utiliser pour mon site ?",
    "Quel style est-ce ?",
    "J'adore",
    "Parfait",
    "C'est magnifique",
    "merci bien",
    "Pourquoi c'est flou ?",
    "C'est quel modèle qui l'a faite ?",
    "Qu'est-ce que c'est comme oiseau ?",
    "Où se trouve cet endroit ?",
    "Ça a pris combien de temps ?",
    "Génial, c'est tout",
    "top",
    "Tu en penses quoi ?",
    "C'est fait par une IA ?",
]
FR_IMAGE_USES = [
    "mon site",
    "un exposé",
    "mon fond d'écran",
    "une affiche",
    "ma page Facebook",
    "une carte d'invitation",
    "mon avatar",
    "la couverture de mon livre",
]
FR_PRINT_ON = [
    "une affiche",
    "un sweat",
    "une toile",
    "une coque de téléphone",
    "un sac en tissu",
    "un coussin",
    "des cartes de visite",
    "un calendrier",
    "un puzzle",
]
FR_PLATFORMS = ["Instagram", "mon blog", "Facebook", "Etsy", "Discord"]
FR_USE_QUESTIONS = [
    "Je peux l'utiliser pour {use} ?",
    "Je peux l'imprimer sur {thing} ?",
    "On peut l'imprimer sur {thing} ?",
    "Je peux la mettre sur {thing} ?",
    "Je peux la partager sur {platform} ?",
    "J'ai le droit de la vendre sur {platform} ?",
    "Ça rendrait bien sur {thing} ?",
    "C'est libre de droits pour {use} ?",
]
FR_PRAISE = [
    "Magnifique !",
    "Excellent",
    "Trop beau",
    "Superbe",
    "C'est top",
    "Incroyable",
    "Bravo",
    "Joli !",
    "Très réussi",
    "Canon",
    "Parfait, merci",
    "Splendide",
    "Ouah",
    "Sympa",
    "C'est exactement ce que je voulais",
    "Trop cool",
    "Sublime",
    "Chouette !",
    "Pas mal du tout",
    "Ça me plaît beaucoup",
    "Impeccable",
    "Top !",
    "Oh c'est beau",
    "Trop stylé",
    "Merveilleux",
    "Bien joué",
]
FR_AFTER_TOOL_ASSISTANT = ["Voici votre image.", "Voilà !", "Voici l'image modifiée.", "C'est fait.", None]

FR_CONCEPTS = [
    "la gravité",
    "l'inflation",
    "l'apprentissage automatique",
    "un trou noir",
    "la démocratie",
    "le cycle de l'eau",
    "la perspective en dessin",
    "l'impressionnisme",
    "la théorie des couleurs",
    "un réseau de neurones",
    "la Renaissance",
    "un pixel",
]
FR_AI = [
    "Midjourney",
    "DALL·E 3",
    "un modèle de diffusion",
    "un prompt négatif",
    "l'inpainting",
    "une LoRA",
    "l'IA générative",
]
FR_DRAW = ["un visage", "des mains", "un arbre", "un chien", "une rose", "un portrait réaliste", "des yeux"]
FR_DISHES = ["la ratatouille", "des crêpes", "un gâteau au chocolat", "une quiche", "la soupe à l'oignon"]
FR_COUNTRIES = ["l'Italie", "du Japon", "du Canada", "de l'Espagne", "du Brésil"]
FR_WRITING = ["un poème", "une histoire courte", "une chanson", "un haïku", "une blague", "une fable"]
FR_WRITING_TOPICS = [
    "la mer",
    "l'automne",
    "mon chat",
    "la ville la nuit",
    "l'amitié",
    "un robot perdu",
    "le printemps",
    "la pluie",
    "les vacances",
    "mon village",
    "le café",
    "la forêt",
    "l'été",
]
FR_IDEA_TOPICS = [
    "cadeaux pour mon père",
    "sorties en famille",
    "recettes rapides",
    "activités pour un jour de pluie",
    "thèmes de fête",
    "prénoms pour une fille",
    "noms pour mon entreprise",
    "lectures pour l'été",
    "jeux pour un anniversaire",
    "destinations de vacances",
]
FR_LIST_TOPICS = [
    "choses à emporter en randonnée",
    "courses pour un barbecue",
    "tâches ménagères de la semaine",
    "films à voir en famille",
    "questions pour un entretien d'embauche",
    "affaires pour la rentrée",
]
FR_TRANSLATE = [
    "merci beaucoup",
    "bonne nuit",
    "je t'aime",
    "à bientôt",
    "joyeux anniversaire",
    "où est la gare ?",
    "il pleut des cordes",
    "bon appétit",
]
FR_LANGUAGES = ["anglais", "espagnol", "allemand", "italien", "portugais", "japonais"]
FR_HELP_TASKS = [
    "préparer un entretien",
    "organiser mon déménagement",
    "écrire un discours de mariage",
    "rédiger une réclamation",
    "réviser mon bac",
    "planifier mon budget",
    "trouver un titre pour mon livre",
]
FR_DOCS = [
    "une lettre de motivation",
    "un mail de relance",
    "une annonce pour vendre mon vélo",
    "un discours",
    "une invitation",
    "un texte pour mon site",
    "un message de remerciement",
]
FR_TASK_TEMPLATES = [
    "Donne-moi des idées de {idea}",
    "Donne-moi {n} idées de {idea}",
    "Propose-moi des {idea}",
    "Fais-moi une liste de {list}",
    "Fais une liste de {list}",
    "Dresse une liste de {list}",
    "Traduis '{phrase}' en {language}",
    "Comment on dit '{phrase}' en {language} ?",
    "Aide-moi à {help}",
    "Tu peux m'aider à {help} ?",
    "Rédige {doc}",
    "Écris-moi {doc}",
    "Écris {writing} sur {wtopic}",
    "Raconte-moi {writing} sur {wtopic}",
    "Invente {writing} sur {wtopic}",
    "Donne-moi une recette de {dish}",
    "Explique-moi comment préparer {dish}",
]
FR_QUESTION_TEMPLATES = [
    "Qu'est-ce que {concept} ?",
    "Explique-moi {concept}",
    "Tu peux m'expliquer {concept} simplement ?",
    "Qu'est-ce que {ai} ?",
    "Comment fonctionne {ai} ?",
    "Comment dessiner {draw} ?",
    "Comment apprendre à dessiner {draw} ?",
    "Des conseils pour peindre {draw} ?",
    "Donne-moi une recette pour {dish}",
    "Comment on prépare {dish} ?",
    "Quelle est la capitale {country} ?",
    "Écris {writing} sur {wtopic}",
    "Écris-moi {writing} sur {wtopic}",
    "Décris {draw}",
    "À quoi ressemble {un_noun} ?",
    "Où vit {le_noun} ?",
]
FR_FIXED_TEXT = [
    "Bonjour",
    "Salut, ça va ?",
    "Merci pour ton aide",
    "Bonsoir !",
    "Qui es-tu ?",
    "Tu sais faire quoi ?",
    "Raconte-moi une blague",
    "Comment fonctionne la génération d'images ?",
    "L'art créé par IA, c'est de l'art ?",
    "Combien d'images je peux créer par jour ?",
    "Écris une lettre de motivation pour un poste de vendeur",
    "Aide-moi à écrire un mail à mon propriétaire",
    "Traduis 'bonne chance' en anglais",
    "Fais une liste de courses pour une raclette",
    "Crée un programme d'entraînement",
    "Quel livre me conseilles-tu ?",
    "Quelle tablette graphique acheter ?",
    "Quel papier pour l'aquarelle ?",
    "C'est quoi un bon prompt ?",
    "Pourquoi le ciel est bleu ?",
    "Combien font 12 fois 12 ?",
    "Quelle heure est-il à Tokyo ?",
    "Au revoir",
    "Résume-moi Les Misérables",
    "Donne-moi trois idées de cadeau",
    "Je m'ennuie",
    "Tu peux voir les images ?",
]

# --- image request templates -----------------------------------------------------------------------------------

EN_IMAGE_TEMPLATES = [
    "draw {s}",
    "Draw me {s}",
    "Could you draw {s}?",
    "generate {s}",
    "generate an image of {s}",
    "Generate a picture showing {s}",
    "create an image of {s}",
    "Create {s}",
    "make an image of {s}",
    "make me a picture of {s}",
    "I want a picture of {s}",
    "I'd like to see {s}",
    "show me {s}",
    "Paint {s}",
    "paint me {s}",
    "sketch {s}",
    "illustrate {s}",
    "render {s}",
    "image of {s}",
    "a picture of {s}",
    "can you make {s}?",
    "can I get an image of {s}?",
    "please generate {s}",
    "visualize {s}",
    "imagine {s}",
    "I need an illustration of {s}",
    "Picture this: {s}",
    "pic of {s}",
    "could you generate a photo of {s}",
    "Can you create an image of {s} for me?",
    "make art of {s}",
    "Give me an image of {s}",
    "produce an image of {s}",
    "draw a picture of {s} please",
    "photo of {s}",
    "I'm looking for an image of {s}",
    "would love a drawing of {s}",
    "Let's see {s}",
    "Create a drawing of {s}",
    "Illustrate {s}",
    "Can you illustrate {s}?",
    "Illustrate a scene: {s}",
    "Make an illustration of {s}",
    "Show me what {s} would look like",
    "Could you generate {s}?",
    "Can you produce {s}?",
    "Visualise {s} for me",
]
EN_BARE_WEIGHT = 0.3  # share of new-image requests that are the description alone
FR_IMAGE_TEMPLATES = [
    "dessine {s}",
    "Dessine-moi {s}",
    "Tu peux dessiner {s} ?",
    "génère une image {de_s}",
    "Génère {s}",
    "crée une image {de_s}",
    "Crée une illustration {de_s}",
    "fais une image {de_s}",
    "Fais-moi un dessin {de_s}",
    "je veux une image {de_s}",
    "J'aimerais voir {s}",
    "montre-moi {s}",
    "peins {s}",
    "une image {de_s}",
    "Imagine {s}",
    "fais-moi une photo {de_s}",
    "Je voudrais une illustration {de_s}",
    "Peux-tu créer {s} ?",
    "une photo {de_s} stp",
    "Crée-moi une image {de_s}",
    "Réalise un dessin {de_s}",
    "Montre-moi à quoi ressemble {s}",
    "Montre-moi à quoi ressemblerait {s}",
    "Peux-tu générer {s} ?",
    "Peux-tu générer une image {de_s} ?",
    "Tu pourrais dessiner {s} ?",
    "Illustre {s}",
    "Représente {s}",
    "Génère-moi une vue {de_s}",
    "Fais apparaître {s}",
]


@dataclass(frozen=True)
class Example:
    """One conversation; `call` is the expected tool call ({"name", "arguments"}) or None for a text answer."""

    messages: list[dict[str, Any]]
    call: dict[str, Any] | None
    kind: str
    lang: str


def fr_de(s: str) -> str:
    """French 'de' before a noun phrase: d'un, d'une, de + the rest ('de des' becomes 'de')."""
    if s.startswith(("un ", "une ")):
        return "d'" + s
    if s.startswith("des "):
        return "de " + s[4:]
    if s[:1].lower() in "aeiouéèh":
        return "d'" + s
    return "de " + s


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def en_subject(rng: random.Random) -> str:
    noun = rng.choice(EN_NOUNS)
    adj = rng.choice(EN_ADJS) if rng.random() < 0.6 else ""
    phrase = f"{adj} {noun}".strip()
    if rng.random() < 0.15:
        phrase = f"two {phrase}s" if not phrase.endswith("s") else f"two {phrase}"
    else:
        phrase = f"{_article(phrase)} {phrase}"
    if rng.random() < 0.6:
        phrase = f"{phrase} {rng.choice(EN_SCENES)}"
    return phrase


def fr_subject(rng: random.Random) -> str:
    noun, gender = rng.choice(FR_NOUNS)
    article = "un" if gender == "m" else "une"
    phrase = f"{article} {noun}"
    if rng.random() < 0.6:
        masc, fem = rng.choice(FR_ADJS)
        phrase = f"{phrase} {masc if gender == 'm' else fem}"
    if rng.random() < 0.6:
        phrase = f"{phrase} {rng.choice(FR_SCENES)}"
    return phrase


def _cap(text: str, rng: random.Random) -> str:
    return text[:1].upper() + text[1:] if rng.random() < 0.5 else text


def _new_image_request(rng: random.Random, lang: str) -> tuple[str, dict[str, Any]]:
    """A user message asking for a new image and the expected generate_image arguments."""
    if lang == "fr":
        subject = fr_subject(rng)
        roll = rng.random()
        if roll < 0.12:
            (artifact, gender), purpose = rng.choice(FR_ARTIFACTS), rng.choice(FR_PURPOSES)
            art = f"{'un' if gender == 'm' else 'une'} {artifact}"
            prompt = f"{art} pour {purpose}"
            text = rng.choice([f"crée {art} pour {purpose}", f"Fais-moi {art} pour {purpose}", prompt])
            return _cap(text, rng), {"prompt": prompt}
        if roll < 0.25:
            style = rng.choice(FR_STYLES)
            prompt = f"{subject}, {style}"
            text = rng.choice([prompt, f"dessine {subject} en {style}", f"{subject} façon {style}"])
            return _cap(text, rng), {"prompt": prompt}
        if roll < 0.25 + EN_BARE_WEIGHT:
            return _cap(subject, rng), {"prompt": subject}
        template = rng.choice(FR_IMAGE_TEMPLATES)
        return _cap(template.format(s=subject, de_s=fr_de(subject)), rng), {"prompt": subject}

    subject = en_subject(rng)
    roll = rng.random()
    args: dict[str, Any] = {}
    if roll < 0.10:
        artifact, purpose = rng.choice(EN_ARTIFACTS), rng.choice(EN_PURPOSES)
        prompt = f"{_article(artifact)} {artifact} for {purpose}"
        text = rng.choice([f"design {prompt}", f"make {prompt}", f"Create {prompt}", f"I need {prompt}", prompt])
        return _cap(text, rng), {"prompt": prompt}
    if roll < 0.18:
        artifact = rng.choice(EN_ARTIFACTS)
        prompt = f"{_article(artifact)} {artifact} of {subject}"
        text = rng.choice([f"make {prompt}", f"Create {prompt}", f"design {prompt}", prompt])
        return _cap(text, rng), {"prompt": prompt}
    if roll < 0.32:
        style = rng.choice(EN_STYLES)
        prompt = f"{subject}, {style}"
        text = rng.choice(
            [
                prompt,
                f"draw {subject} in {style}",
                f"{style} of {subject}",
                f"generate {subject}, {style}",
                f"make {subject} in a {style} look",
                f"paint {subject}, {style}",
            ]
        )
        return _cap(text, rng), {"prompt": prompt}
    if roll < 0.32 + EN_BARE_WEIGHT:
        return _cap(subject, rng), {"prompt": subject}
    text = rng.choice(EN_IMAGE_TEMPLATES).format(s=subject)
    args["prompt"] = subject
    extra = rng.random()
    if extra < 0.05:
        n = rng.randint(2, 4)
        text = rng.choice(
            [f"generate {n} images of {subject}", f"{n} pictures of {subject}", f"draw {n} versions of {subject}"]
        )
        args["n"] = n
    elif extra < 0.09:
        size = rng.choice(["256x256", "512x512", "1024x1024"])
        text = f"{text} at {size}" if rng.random() < 0.5 else f"{text}, size {size}"
        args["size"] = size
    elif extra < 0.13:
        negative = rng.choice(["people", "text", "blur", "watermarks", "cars", "clouds"])
        text = f"{text}, without {negative}" if rng.random() < 0.5 else f"{text} (no {negative})"
        args["negative_prompt"] = negative
    elif extra < 0.15:
        seed = rng.randint(1, 99999)
        text = f"{text}, seed {seed}"
        args["seed"] = seed
    return _cap(text, rng), args


def _edit_request(rng: random.Random, lang: str) -> tuple[str, str]:
    """A follow-up edit instruction and the change to append to the previous prompt."""
    if lang == "fr":
        kind = rng.randrange(7)
        if kind == 0:
            masc, fem = rng.choice(FR_COLORS)
            text, change = rng.choice(
                [
                    (f"rends-le {masc}", f"en {masc}"),
                    (f"rends-la {fem}", f"en {masc}"),
                    (f"mets-le en {masc}", f"en {masc}"),
                    (f"en {masc}", f"en {masc}"),
                ]
            )
        elif kind == 1:
            obj = rng.choice(FR_ADD_OBJECTS)
            text, change = rng.choice([f"ajoute {obj}", f"rajoute {obj}", f"mets {obj}", f"avec {obj}"]), f"avec {obj}"
        elif kind == 2:
            obj = rng.choice(FR_REMOVE_OBJECTS)
            text, change = rng.choice([f"enlève {obj}", f"retire {obj}", f"sans {obj}"]), f"sans {obj}"
        elif kind == 3:
            view, change = rng.choice(FR_VIEWS)
            text = rng.choice([f"montre-le {view}", f"vue {view}", f"fais-le {view}"])
        elif kind == 4:
            time = rng.choice(FR_TIMES)
            text, change = rng.choice([f"fais-le {time}", f"mets-le {time}", f"pareil mais {time}"]), time
        elif kind == 5:
            style = rng.choice(FR_STYLES)
            text, change = rng.choice([f"en {style}", f"transforme-le en {style}", f"style {style}"]), style
        else:
            adj = rng.choice(FR_ADJ_EDITS)
            text, change = rng.choice([f"rends-le {adj}", f"fais-le {adj}", adj]), adj
        text = rng.choice(FR_EDIT_PREFIXES) + text + rng.choice(FR_EDIT_SUFFIXES)
        return _cap(text, rng), change

    kind = rng.randrange(9)
    if kind == 0:
        color = rng.choice(EN_COLORS)
        text, change = (
            rng.choice(
                [
                    f"make it {color}",
                    f"turn it {color}",
                    f"change the color to {color}",
                    f"{color} instead",
                    f"recolor it {color}",
                ]
            ),
            f"in {color}",
        )
    elif kind == 1:
        adj = rng.choice(EN_ADJ_EDITS)
        text, change = rng.choice([f"make it {adj}", f"a bit {adj}", f"can it be {adj}?", f"{adj}"]), adj
    elif kind == 2:
        obj = rng.choice(EN_ADD_OBJECTS)
        text, change = (
            rng.choice([f"add {obj}", f"put {obj} in it", f"give it {obj}", f"include {obj}", f"with {obj}"]),
            f"with {obj}",
        )
    elif kind == 3:
        obj = rng.choice(EN_REMOVE_OBJECTS)
        text = rng.choice([f"remove {obj}", f"get rid of {obj}", f"without {obj}", f"delete {obj}"])
        change = f"without {obj}"
    elif kind == 4:
        view, change = rng.choice(EN_VIEWS)
        text = rng.choice(
            [
                f"show it {view}",
                f"view it {view}",
                f"change the angle, {view}",
                f"draw it {view}",
                f"rotate it so we see it {view}",
            ]
        )
    elif kind == 5:
        time = rng.choice(EN_TIMES)
        text, change = (
            rng.choice([f"make it {time}", f"set it {time}", f"same scene {time}", f"put it {time}", f"now {time}"]),
            time,
        )
    elif kind == 6:
        style = rng.choice(EN_STYLES)
        text, change = (
            rng.choice([f"turn it into {style}", f"make it look like {style}", f"redo it as {style}", f"in {style}"]),
            style,
        )
    elif kind == 7:
        bg = rng.choice(EN_BACKGROUNDS)
        text, change = (
            rng.choice([f"change the background to {bg}", f"{bg} background", f"give it a {bg} background"]),
            f"with a {bg} background",
        )
    else:
        place = rng.choice(EN_PLACES)
        text, change = rng.choice([f"put it {place}", f"move it {place}", f"now place it {place}"]), place
    text = rng.choice(EN_EDIT_PREFIXES) + text + rng.choice(EN_EDIT_SUFFIXES)
    return _cap(text, rng), change


def _call_id(rng: random.Random) -> str:
    return f"call_{rng.getrandbits(48):012x}"


def _image_id(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return f"img_{rng.getrandbits(40):010x}"


def _tool_result(rng: random.Random, prompt: str, n: int = 1) -> str:
    if rng.random() < 0.25:
        return "Image created."
    ids = [_image_id(rng) for _ in range(n)]
    return json.dumps({"status": "succeeded", "image_ids": ids, "prompt": prompt}, ensure_ascii=False)


def _image_turn(
    rng: random.Random, user_text: str, name: str, args: dict[str, Any], lang: str, with_reply: bool = True
) -> list[dict[str, Any]]:
    """A user request, the assistant's tool call, its result and (usually) a short assistant reply."""
    call_id = _call_id(rng)
    turn: list[dict[str, Any]] = [
        {"role": "user", "content": user_text},
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call_id,
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)},
                }
            ],
        },
        {"role": "tool", "tool_call_id": call_id, "content": _tool_result(rng, args["prompt"], args.get("n", 1))},
    ]
    reply = rng.choice(FR_AFTER_TOOL_ASSISTANT if lang == "fr" else EN_AFTER_TOOL_ASSISTANT)
    if with_reply and reply is not None:
        turn.append({"role": "assistant", "content": reply})
    return turn


def _text_turn(rng: random.Random, lang: str) -> list[dict[str, Any]]:
    """An earlier question and a short answer, for histories that are not only images."""
    question = _text_request(rng, lang)
    answer = (
        "Bien sûr, voici ma réponse."
        if lang == "fr"
        else rng.choice(["Sure! Here is what I know.", "Good question. In short: it depends.", "Here you go."])
    )
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def _image_history(rng: random.Random, lang: str) -> tuple[list[dict[str, Any]], str]:
    """History ending after an image (generated, sometimes then edited); returns it and the latest prompt."""
    history: list[dict[str, Any]] = []
    if rng.random() < 0.15:
        history += _text_turn(rng, lang)
    text, args = _new_image_request(rng, lang)
    args = {"prompt": args["prompt"]}
    history += _image_turn(rng, text, "generate_image", args, lang)
    prompt = args["prompt"]
    if rng.random() < 0.25:
        edit, change = _edit_request(rng, lang)
        prompt = f"{prompt}, {change}"
        history += _image_turn(rng, edit, "edit_image", {"prompt": prompt}, lang)
    return history, prompt


def _text_request(rng: random.Random, lang: str) -> str:
    if lang == "fr":
        if rng.random() < 0.4:
            return rng.choice(FR_FIXED_TEXT)
        if rng.random() < 0.35:
            return rng.choice(FR_TASK_TEMPLATES).format(
                idea=rng.choice(FR_IDEA_TOPICS),
                n=rng.choice(["trois", "cinq", "dix", "3", "5"]),
                list=rng.choice(FR_LIST_TOPICS),
                phrase=rng.choice(FR_TRANSLATE),
                language=rng.choice(FR_LANGUAGES),
                help=rng.choice(FR_HELP_TASKS),
                doc=rng.choice(FR_DOCS),
                writing=rng.choice(FR_WRITING),
                wtopic=rng.choice(FR_WRITING_TOPICS),
                dish=rng.choice(FR_DISHES),
            )
        template = rng.choice(FR_QUESTION_TEMPLATES)
        noun, gender = rng.choice(FR_NOUNS)
        le = "l'" if noun[:1] in "aeiouéh" else ("le " if gender == "m" else "la ")
        question = template.format(
            concept=rng.choice(FR_CONCEPTS),
            ai=rng.choice(FR_AI),
            draw=rng.choice(FR_DRAW),
            dish=rng.choice(FR_DISHES),
            country=rng.choice(FR_COUNTRIES),
            writing=rng.choice(FR_WRITING),
            wtopic=rng.choice(FR_WRITING_TOPICS),
            un_noun=("un " if gender == "m" else "une ") + noun,
            le_noun=le + noun,
        )
        return question.replace("que un", "qu'un").replace("que une", "qu'une").replace("que l'IA", "que l'IA")
    if rng.random() < 0.35:
        return _cap(rng.choice(EN_FIXED_TEXT), rng)
    template = rng.choice(EN_QUESTION_TEMPLATES)
    concept, concept2 = rng.sample(EN_CONCEPTS, 2)
    ai, ai2 = rng.sample(EN_AI_ART, 2)
    return template.format(
        concept=concept,
        concept2=concept2,
        ai=ai,
        ai2=ai2,
        person=rng.choice(EN_PEOPLE),
        country=rng.choice(EN_COUNTRIES),
        skill=rng.choice(EN_SKILLS),
        draw=rng.choice(EN_DRAW_SUBJECTS),
        form=rng.choice(EN_WRITING_FORMS),
        topic=rng.choice(EN_WRITING_TOPICS),
        doc=rng.choice(EN_DOCS),
        dish=rng.choice(EN_DISHES),
        noun=rng.choice(EN_NOUNS),
        adj=rng.choice(["big", "colorful", "fast", "loud"]),
    )


# --- the example kinds -----------------------------------------------------------------------------------------


def new_image(rng: random.Random, lang: str) -> Example:
    history: list[dict[str, Any]] = []
    if rng.random() < 0.2:
        history = _text_turn(rng, lang) if rng.random() < 0.5 else _image_history(rng, lang)[0]
    text, args = _new_image_request(rng, lang)
    if history and rng.random() < 0.5:
        lead = ["maintenant ", "et ", "Ok, "] if lang == "fr" else ["now ", "next: ", "ok, "]
        text = rng.choice(lead) + text
    return Example(
        history + [{"role": "user", "content": text}], {"name": "generate_image", "arguments": args}, "new_image", lang
    )


def edit(rng: random.Random, lang: str) -> Example:
    history, prompt = _image_history(rng, lang)
    text, change = _edit_request(rng, lang)
    call = {"name": "edit_image", "arguments": {"prompt": f"{prompt}, {change}"}}
    return Example(history + [{"role": "user", "content": text}], call, "edit", lang)


def another(rng: random.Random, lang: str) -> Example:
    history, prompt = _image_history(rng, lang)
    if rng.random() < 0.6:
        text = rng.choice(FR_ANOTHER if lang == "fr" else EN_ANOTHER)
        args = {"prompt": prompt}
    else:
        change = rng.choice(FR_TIMES if lang == "fr" else EN_TIMES + [s for _, s in EN_VIEWS])
        text = rng.choice(FR_ANOTHER_BUT if lang == "fr" else EN_ANOTHER_BUT).format(c=change)
        args = {"prompt": f"{prompt}, {change}"}
    return Example(
        history + [{"role": "user", "content": _cap(text, rng)}],
        {"name": "generate_image", "arguments": args},
        "another",
        lang,
    )


def text(rng: random.Random, lang: str) -> Example:
    history: list[dict[str, Any]] = []
    if rng.random() < 0.15:
        history = _image_history(rng, lang)[0] if rng.random() < 0.5 else _text_turn(rng, lang)
    return Example(history + [{"role": "user", "content": _text_request(rng, lang)}], None, "text", lang)


def about_image(rng: random.Random, lang: str) -> Example:
    history, _prompt = _image_history(rng, lang)
    roll = rng.random()
    if roll < 0.3:  # short praise
        remark = _cap(rng.choice(FR_PRAISE if lang == "fr" else EN_PRAISE), rng)
    elif roll < 0.5:  # how may I use it
        uses, things, platforms, questions = (
            (FR_IMAGE_USES, FR_PRINT_ON, FR_PLATFORMS, FR_USE_QUESTIONS)
            if lang == "fr"
            else (EN_IMAGE_USES, EN_PRINT_ON, EN_PLATFORMS, EN_USE_QUESTIONS)
        )
        remark = rng.choice(questions).format(
            use=rng.choice(uses), thing=rng.choice(things), platform=rng.choice(platforms)
        )
    else:
        remark = rng.choice(FR_AFTER_IMAGE_TEXT if lang == "fr" else EN_AFTER_IMAGE_TEXT)
    return Example(history + [{"role": "user", "content": remark}], None, "about_image", lang)


def after_tool(rng: random.Random, lang: str) -> Example:
    """The turn right after a tool result: the model must now answer in text, not call again."""
    history, _prompt = _image_history(rng, lang)
    while history[-1]["role"] != "tool":
        history.pop()
    if rng.random() < 0.15:
        history[-1] = {**history[-1], "content": json.dumps({"status": "failed", "error": "The image was blocked."})}
    return Example(history, None, "after_tool", lang)


KINDS = {new_image: 0.30, edit: 0.14, another: 0.05, text: 0.31, about_image: 0.14, after_tool: 0.06}


def build_examples(count: int, seed: int, french_share: float = 0.3) -> list[Example]:
    """`count` examples drawn with a fixed seed (same seed, same data)."""
    rng = random.Random(seed)  # noqa: S311 (reproducible data, not security)
    makers = list(KINDS)
    weights = [KINDS[m] for m in makers]
    examples = []
    for _ in range(count):
        maker = rng.choices(makers, weights)[0]
        lang = "fr" if rng.random() < french_share else "en"
        examples.append(maker(rng, lang))
    return examples


if __name__ == "__main__":
    for example in build_examples(40, seed=0):
        print(example.kind, example.lang, "|", example.messages[-1].get("content"), "->", json.dumps(example.call))
