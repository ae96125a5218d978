"""The Django-free filters: term list matching and the artist-name matcher."""

from __future__ import annotations

import pytest

from moderation.filters.artists import ArtistEntry, ArtistMatcher
from moderation.filters.terms import TermMatcher, TermRule
from moderation.filters.text import unreadable

TERMS = TermMatcher([TermRule("sex", "sexual"), TermRule("ass", "sexual"), TermRule("decapitat*", "violence"),
                     TermRule("child abuse", "sexual_minors"), TermRule("nude", "sexual"),
                     TermRule("Café Noir", "hate")])


def categories(text: str) -> set[str]:
    return {hit.category for hit in TERMS.search(text)}


def test_a_term_matches_whatever_the_case() -> None:
    assert categories("SEX on the beach") == {"sexual"}


def test_a_term_matches_through_l33t_spelling() -> None:
    assert categories("s3x and nud3") == {"sexual"}


def test_a_term_matches_when_spelled_with_spaces_or_dots() -> None:
    assert categories("n u d e portrait") == {"sexual"}
    assert categories("n.u.d.e portrait") == {"sexual"}


def test_a_term_matches_through_stretched_letters() -> None:
    assert categories("nuuuuude portrait") == {"sexual"}


def test_a_term_matches_whatever_the_accents() -> None:
    assert categories("a sign reading cafe noir") == {"hate"}
    assert categories("a sign reading CAFÉ NOÏR") == {"hate"}


def test_a_term_never_matches_inside_a_longer_word() -> None:
    assert categories("a map of Sussex, a classic class assignment, a nudeness-free essay") == set()


def test_a_wildcard_term_matches_its_endings() -> None:
    assert categories("a decapitated statue") == {"violence"}


def test_a_phrase_matches_across_extra_spaces_and_punctuation() -> None:
    assert categories("stop child -- abuse") == {"sexual_minors"}


ARTISTS = ArtistMatcher([
    ArtistEntry(1, "Greg Rutkowski", "living"), ArtistEntry(2, "Claude Monet", "deceased"),
    ArtistEntry(3, "Banksy", "living"), ArtistEntry(4, "Hayao Miyazaki", "living"),
    ArtistEntry(5, "Jane Doe", "deceased", policy="block"),
])


def refused(text: str) -> bool:
    return blocks(ARTISTS, text)


def blocks(matcher: ArtistMatcher, text: str) -> bool:
    return any(hit.blocked for hit in matcher.search(text))


def test_a_living_artists_full_name_is_refused() -> None:
    assert refused("a castle on a hill by Greg Rutkowski, 8k")


def test_a_deceased_artists_name_is_allowed() -> None:
    assert ARTISTS.search("water lilies in the style of Claude Monet")
    assert not refused("water lilies in the style of Claude Monet")


def test_a_one_word_name_counts_only_when_a_style_is_asked() -> None:
    assert refused("a wall painting in the style of Banksy")
    assert not refused("banksy is a word in this sentence")


def test_a_one_word_name_counts_as_the_author_of_a_work() -> None:
    assert refused("fantasy art by Banksy, trending")
    assert refused("a poster by banksy")
    assert refused("une peinture par Banksy")
    assert not refused("a street lit by banksy neon")  # a bare "by" is not enough for a one-word name
    assert not refused("surrounded by Banksy")


def test_a_bare_surname_counts_in_a_style_request() -> None:
    assert refused("a dragon, Rutkowski style")
    assert refused("a dragon, concept art by rutkowski")
    assert not refused("a dragon carved by rutkowski")


def test_an_opted_out_artist_is_refused_even_if_deceased() -> None:
    assert refused("a portrait by Jane Doe")


def test_a_surname_written_after_another_persons_given_name_is_someone_else() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Alexander Jansson", "living")])
    assert not blocks(matcher, "ink drawing of a hill with small round houses, Tove Jansson-like")
    assert not blocks(matcher, "a lighthouse in the style of Tove Jansson")
    assert blocks(matcher, "ink drawing of a hill, Jansson-like")
    assert blocks(matcher, "ink drawing of a hill, Alexander Jansson style")
    assert blocks(matcher, "ink drawing of a hill, Alex Jansson style")  # a short form of his given name
    # Not given names: words of works and styles, titles; and no capital (or only capitals) tells nothing.
    assert blocks(matcher, "a hill, Digital Art Jansson style")
    assert blocks(matcher, "a hill, Painter Jansson style")
    assert blocks(matcher, "a hill, tove jansson-like")
    assert blocks(matcher, "A HILL, TOVE JANSSON STYLE")


def test_a_surname_written_as_another_persons_given_name_is_someone_else() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Chris Cornelius", "living"), ArtistEntry(2, "Greg Rutkowski", "living")])
    # Session 26: the painter Cornelius Krieghoff (died 1872) is not the living Chris Cornelius.
    assert not blocks(matcher, "ville de Québec en hiver à la manière de Cornelius Krieghoff")
    assert not blocks(matcher, "Quebec in winter, Cornelius Krieghoff style")
    assert blocks(matcher, "Quebec in winter, Cornelius style")
    assert blocks(matcher, "Quebec in winter in the style of Chris Cornelius")
    # The name surname first is still theirs; words of works, styles and tags are not surnames; no capitals, or
    # only capitals, tell nothing.
    assert blocks(matcher, "a dragon in the style of Rutkowski Greg")
    assert blocks(matcher, "a dragon, Rutkowski Art, trending")
    assert blocks(matcher, "a dragon in the style of Rutkowski Trending on Artstation")
    assert blocks(matcher, "quebec in winter in the style of cornelius krieghoff")
    assert blocks(matcher, "QUEBEC IN WINTER IN THE STYLE OF CORNELIUS KRIEGHOFF")


def test_the_way_an_artist_would_do_it_asks_for_their_style() -> None:
    assert refused("a dragon over a castle, the way Rutkowski would paint it")
    assert not refused("a dragon over a castle, the way Monet would paint it")


def test_a_one_word_bracket_is_the_artists_one_word_name_unless_it_is_a_word() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Brian Donnelly (KAWS)", "living"),
                             ArtistEntry(2, "Somebody Else (Paris)", "living")])
    assert blocks(matcher, "a vinyl toy with crossed-out eyes, KAWS style")
    assert blocks(matcher, "a vinyl toy the way kaws would make it")
    assert not blocks(matcher, "kaws written on a wall")  # no style asked: a one-word name needs one
    assert not blocks(matcher, "a small cafe with striped awnings, Paris style")  # "Paris" is a word first
    assert blocks(matcher, "a small cafe in the style of Somebody Else")


def test_a_four_letter_surname_counts_unless_it_is_an_ordinary_word() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Peter Doig", "living"), ArtistEntry(2, "Somebody Wood", "living")])
    assert blocks(matcher, "a canoe on a moonlit lake, Doig style")
    assert not blocks(matcher, "a farmhouse table, wood style")  # "wood" is a word first
    assert not blocks(matcher, "a dragon, Ngai style")  # a surname no entry has


def test_a_name_alone_as_a_tag_of_the_prompt_asks_for_a_style() -> None:
    assert refused("floating castle in the clouds, hand painted, Rutkowski")
    assert refused("a castle; banksy; 4k")
    assert not refused("floating castle in the clouds, hand painted, Monet")
    assert not refused("rutkowski and friends at a picnic")  # not a tag of its own, and no style asked
    assert not refused("Banksy")  # a message that is only a name asks for no image
    assert refused("Banksy, 4k")
    matcher = ArtistMatcher([ArtistEntry(1, "Somebody Else (Paris)", "living"), ArtistEntry(2, "Opera", "living")])
    # An ordinary word as a tag is the word: a cafe in Paris, an opera house.
    assert not blocks(matcher, "a cafe terrace at dusk, Paris, Opera, 35mm")


def test_like_after_a_one_word_name_that_is_an_ordinary_word_compares_and_asks_no_style() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Haze", "living"), ArtistEntry(2, "Sharp (Aaron Goodstone)", "living"),
                             ArtistEntry(3, "Anish Kapoor", "living"), ArtistEntry(4, "Banksy", "living")])
    assert not blocks(matcher, "neon haze like a dream over the harbour")
    assert not blocks(matcher, "a blade sharp like a knife, product shot")
    assert not blocks(matcher, "a haze aesthetic wallpaper")
    # The same names asked for as a style still are; so are surnames and names that are no ordinary word.
    assert blocks(matcher, "city at night in the style of Haze")
    assert blocks(matcher, "haze style graffiti on a train")
    assert blocks(matcher, "a mirrored bean-shaped sculpture in a park, Kapoor-like")
    assert blocks(matcher, "a rat with an umbrella, banksy like")


def test_a_name_is_found_surname_first_and_with_one_letter_wrong_where_a_style_is_asked() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Takashi Murakami", "living"), ArtistEntry(2, "Greg Rutkowski", "living"),
                             ArtistEntry(3, "Banksy", "living"), ArtistEntry(4, "Claude Monet", "deceased"),
                             ArtistEntry(5, "Anna Baker", "living")])
    assert blocks(matcher, "superflat wallpaper of smiling flowers, murakami takashi")
    assert blocks(matcher, "a dragon over a village in the style of Greg Rutkowsky")
    assert blocks(matcher, "stencil graffiti of a girl with a balloon, bansky style")
    assert blocks(matcher, "a dragon, greg rutkowskii, 4k")  # a letter added, as a tag
    # A full name with one letter wrong is read as the full name is, anywhere; a one-word name needs a style asked.
    assert blocks(matcher, "a chat with greg rutkowsky about dragons") == blocks(
        matcher, "a chat with greg rutkowski about dragons")
    assert not blocks(matcher, "a chat about bansky and dragons")
    assert not blocks(matcher, "water lilies, claude monett style")  # near a deceased artist: allowed
    assert not blocks(matcher, "a loaf of bread, bakery style")  # an ordinary word is not a misspelling
    assert blocks(matcher, "an elf queen, glowing particles, by banksy, trending")  # "by" and a name: a tag


def test_a_work_after_a_name_the_weight_syntax_and_french_phrasings_ask_for_a_style() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Banksy", "living"), ArtistEntry(2, "Ilya Kuvshinov", "living"),
                             ArtistEntry(3, "Simon Stålenhag", "living"), ArtistEntry(4, "Haze", "living"),
                             ArtistEntry(5, "Claude Monet", "deceased")])
    assert blocks(matcher, "banksy stencil graffiti of a riot cop smelling a daisy")
    assert blocks(matcher, "anime girl, (kuvshinov:1.2), detailed eyes")
    assert not blocks(matcher, "a headshot, kuvshinof style")  # a bare surname must be written right
    assert not blocks(matcher, "a journal and a candle, cozy sunday vibes")  # "vibes" after a word is a mood
    assert blocks(matcher, "une station-service sous la neige façon Stålenhag")
    assert blocks(matcher, "un robot géant à la manière de Stålenhag")
    assert blocks(matcher, "stalenhag vibes: an 80s car in the suburbs")
    assert not blocks(matcher, "a haze photo of the city at dawn")  # an ordinary word before a work stays a word
    assert not blocks(matcher, "a Monet painting of water lilies")
    assert not blocks(matcher, "a chat about banksy and dragons, poster")  # no work right after the name


def test_a_firms_last_word_is_not_read_as_a_surname() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Acme Digital Studio", "living")])
    assert not any(hit.blocked for hit in matcher.search("a castle in the style of Studio Ghibli"))


VARIANTS = ArtistMatcher([
    ArtistEntry(1, "Grzegorz (Greg) Rutkowski", "living"), ArtistEntry(2, "A.R. Penck (Ralf Winkler)", "living"),
    ArtistEntry(3, "(Android) Andrew Jones", "living"), ArtistEntry(4, "Zdzisław Beksiński", "living"),
    ArtistEntry(5, "Bård Løtveit", "living"), ArtistEntry(6, "José Gómez", "living"),
    ArtistEntry(7, "Pieter Bruegel (the Elder)", "deceased"), ArtistEntry(8, "Jack Smith", "living"),
    ArtistEntry(9, "Jane Smith", "deceased"),
])


def variant_refused(text: str) -> bool:
    return any(hit.blocked for hit in VARIANTS.search(text))


def test_a_bracketed_nickname_matches_in_place_of_the_given_name() -> None:
    assert variant_refused("a castle on a cliff by Greg Rutkowski")
    assert variant_refused("Greg Rutkowski style dragon")


def test_a_bracketed_name_matches_without_its_bracket() -> None:
    assert variant_refused("a knight, Grzegorz Rutkowski, artstation")
    assert variant_refused("Andrew Jones, psychedelic portrait")


def test_a_bracketed_real_name_or_alias_matches_on_its_own() -> None:
    assert variant_refused("a painting by Ralf Winkler")
    assert variant_refused("visionary art, Android Jones style")


def test_initials_match_with_or_without_dots() -> None:
    assert variant_refused("stick figures in the style of A.R. Penck")
    assert variant_refused("stick figures in the style of AR Penck")
    assert variant_refused("stick figures in the style of a. r. penck")


def test_an_initial_for_the_given_name_counts_in_a_style_request() -> None:
    assert variant_refused("a castle by G. Rutkowski")
    assert variant_refused("G Rutkowski style")
    assert not variant_refused("G. Rutkowski signed the form")


def test_initials_shared_with_an_allowed_artist_are_not_refused() -> None:
    # "J. Smith" may be Jack (living) or Jane (deceased): the dates do not tell which.
    assert not variant_refused("a seascape in the style of J. Smith")
    assert variant_refused("a seascape in the style of Jack Smith")


def test_a_possessive_name_matches() -> None:
    assert variant_refused("a dragon in Rutkowski's style")
    assert variant_refused("a dragon in Rutkowski’s style")
    assert variant_refused("Greg Rutkowski's castle at dawn")


def test_a_name_matches_with_its_accents_and_special_letters_removed_or_kept() -> None:
    assert variant_refused("a dystopian landscape, Zdzislaw Beksinski style")
    assert variant_refused("a dystopian landscape, ZDZISŁAW BEKSIŃSKI style")
    assert variant_refused("a fjord painted by Bard Lotveit")
    assert variant_refused("a fjord painted by Bård Løtveit")
    assert variant_refused("a bull in the style of Jose Gomez")


def test_a_bracketed_title_is_no_name_of_its_own() -> None:
    assert VARIANTS.search("a peasant wedding by Pieter Bruegel")
    assert not VARIANTS.search("the elder tree by the river")


def test_a_living_artist_shown_doing_something_is_not_a_style_request() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Yoko Ono", "living"), ArtistEntry(2, "John Lennon", "deceased"),
                             ArtistEntry(3, "Nick Cave", "living"), ArtistEntry(4, "Goro Fujita", "living")])

    assert not blocks(matcher, "john lennon and yoko ono planting acorns")
    assert not blocks(matcher, "a cartoonish portrait of nick cave eating dinner, vivid colors")
    # A style asked anywhere, making art, a prompt tag or a name mid-tag-list keeps the refusal.
    assert blocks(matcher, "john lennon and yoko ono planting acorns, in the style of yoko ono")
    assert blocks(matcher, "yoko ono planting acorns, concept art by nick cave")
    assert blocks(matcher, "Goro Fujita illustrating a rabbit eating a watermelon")
    assert blocks(matcher, "a castle, yoko ono trending on artstation")
    assert blocks(matcher, "a city at night, pixiv nick cave smiling, super detailed")
    assert blocks(matcher, "a castle by yoko ono")


def test_a_term_limited_to_english_is_skipped_only_in_a_prompt_that_is_clearly_french() -> None:
    terms = TermMatcher([TermRule("son", "minors", "en"), TermRule("enfant", "minors")])
    assert [h.term for h in terms.search("un chasseur et son chien dans une forêt en automne")] == []
    assert [h.term for h in terms.search("a photo of my son playing in the garden")] == ["son"]
    # Too short or mixed to tell: the term applies (fails closed).
    assert [h.term for h in terms.search("son naked")] == ["son"]
    # A term for every language applies in both.
    assert [h.term for h in terms.search("un enfant qui joue au ballon dans le parc")] == ["enfant"]
    assert [h.term for h in terms.search("the enfant terrible of French cinema, portrait")] == ["enfant"]


def test_the_language_of_a_prompt_is_english_french_or_unknown() -> None:
    from moderation.filters.language import language_of

    assert language_of("fais-moi une photo d'un chat roux qui dort sur le radiateur") == "fr"
    assert language_of("a ginger cat asleep on the radiator, morning light") == "en"
    assert language_of("chat") is None and language_of("") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("голая женщина на пляже", True), ("新海誠風の夕焼けの空と電車", True), ("صورة قطة في الحديقة", True),
    ("a cat, 猫", False),  # one letter of another script: read as usual
    ("Tokyo Tower at night, 東京タワー", False), ("Łódź à l'aube, café crème", False), ("Ωμέγα", True),
    ("🙂🙂🙂", False), ("", False), ("4k 35mm", False),
    ("ｃａｔ ｉｎ ａ ｈａｔ", False), ("𝐚 𝐜𝐚𝐭 𝐢𝐧 𝐚 𝐡𝐚𝐭", False),  # full-width and styled Latin: fold reads them
])
def test_a_text_written_mostly_in_another_script_than_latin_is_unreadable(text: str, expected: bool) -> None:
    assert unreadable(text) is expected
