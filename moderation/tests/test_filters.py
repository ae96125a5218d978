"""The Django-free filters: term list matching and the artist-name matcher."""

from __future__ import annotations

from moderation.filters.artists import ArtistEntry, ArtistMatcher
from moderation.filters.terms import TermMatcher, TermRule

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
    return any(hit.blocked for hit in ARTISTS.search(text))


def test_a_living_artists_full_name_is_refused() -> None:
    assert refused("a castle on a hill by Greg Rutkowski, 8k")


def test_a_deceased_artists_name_is_allowed() -> None:
    assert ARTISTS.search("water lilies in the style of Claude Monet")
    assert not refused("water lilies in the style of Claude Monet")


def test_a_one_word_name_counts_only_when_a_style_is_asked() -> None:
    assert refused("a wall painting in the style of Banksy")
    assert not refused("banksy is a word in this sentence")


def test_a_bare_surname_counts_in_a_style_request() -> None:
    assert refused("a dragon, Rutkowski style")


def test_an_opted_out_artist_is_refused_even_if_deceased() -> None:
    assert refused("a portrait by Jane Doe")


def test_a_firms_last_word_is_not_read_as_a_surname() -> None:
    matcher = ArtistMatcher([ArtistEntry(1, "Acme Digital Studio", "living")])
    assert not any(hit.blocked for hit in matcher.search("a castle in the style of Studio Ghibli"))
