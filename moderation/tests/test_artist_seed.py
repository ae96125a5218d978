"""The artist registry's seed (moderation/training/build_artist_seed.py) and the deaths it must not miss: a
deceased artist's style is allowed, so a death missing from the lists refuses what the policy allows."""

from __future__ import annotations

import csv
import re
import uuid
from pathlib import Path

import pytest

from chatsite.accounts.models import User
from moderation.filters.artists import ArtistEntry, ArtistMatcher
from moderation.filters.text import normalize
from moderation.models import Artist, ArtistPolicy, ArtistStatus, RulesVersion
from moderation.services import Stage, prompt_moderate
from moderation.training.build_artist_seed import DEATHS, DEFAULT_SOURCES, build

DATA = Path(__file__).resolve().parents[1] / "data"


def _sources(tmp_path: Path, supagruen: list[tuple[str, str, str]], moma: list[tuple[str, ...]]) -> Path:
    with (tmp_path / "supagruen_sd_artists.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Name", "Born", "Death"])
        writer.writerows(supagruen)
    with (tmp_path / "moma_artists.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["DisplayName", "BeginDate", "EndDate", "ArtistBio"])
        writer.writerows(row if len(row) == 4 else (*row, "") for row in moma)
    return tmp_path


def _deaths(tmp_path: Path, rows: list[tuple[str, int]]) -> Path:
    path = tmp_path / "deaths.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "died", "note"])
        writer.writerows((name, died, "test") for name, died in rows)
    return path


def test_a_death_in_moma_wins_over_an_older_living_entry_of_the_same_person(tmp_path: Path) -> None:
    sources = _sources(tmp_path, supagruen=[("Auerbach, Frank", "1931", ""), ("Martin, Charles", "1952", ""),
                                            ("Monet, Claude", "1840", "1926")],
                       moma=[("Frank Auerbach", "1931", "2024"), ("Charles Martin", "1878", "1934"),
                             ("Claude Monet", "1840", "1926")])
    rows = build(sources, _deaths(tmp_path, []))
    assert rows[normalize("Frank Auerbach")] == {"name": "Frank Auerbach", "born": 1931, "died": 2024,
                                                      "status": "deceased", "source": "supagruen"}
    # Another person of the same name (another birth year) lends no death.
    assert rows[normalize("Charles Martin")]["status"] == "living" and rows[normalize("Charles Martin")]["died"] is None
    assert rows[normalize("Claude Monet")]["died"] == 1926


def test_a_moma_entry_dated_by_its_founding_is_a_studio_whose_style_is_allowed(tmp_path: Path) -> None:
    sources = _sources(tmp_path, supagruen=[], moma=[
        ("Valve", "1996", "0", "USA, est. 1996"), ("NIKE", "1964", "0", "American, founded 1964"),
        ("Kazuyo Sejima & Associates", "1987", "0", "Japanese, established 1987"),
        ("Estella Painter", "1990", "0", "American, born 1990")])
    rows = build(sources, _deaths(tmp_path, []), None)
    assert {row["name"]: row["status"] for row in rows.values()} == {
        "Valve": "studio", "NIKE": "studio", "Kazuyo Sejima & Associates": "studio", "Estella Painter": "living"}


def test_the_deaths_file_corrects_an_entry_and_refuses_a_name_in_neither_list(tmp_path: Path) -> None:
    sources = _sources(tmp_path, supagruen=[("Toriyama, Akira", "1955", "")], moma=[("Arata Isozaki", "1931", "")])
    rows = build(sources, _deaths(tmp_path, [("Akira Toriyama", 2024), ("Arata Isozaki", 2022)]))
    toriyama = rows[normalize("Akira Toriyama")]
    assert (toriyama["status"], toriyama["died"]) == ("deceased", 2024)
    assert rows[normalize("Arata Isozaki")]["status"] == "deceased"
    with pytest.raises(ValueError, match="Somebody Unknown"):
        build(sources, _deaths(tmp_path, [("Somebody Unknown", 2020)]))


def test_the_hand_written_lists_add_only_the_artists_the_sources_lack(tmp_path: Path) -> None:
    sources = _sources(tmp_path, supagruen=[("Rutkowski, Greg", "1988", "")], moma=[("Claude Monet", "1840", "1926")])
    extra = tmp_path / "extra"
    extra.mkdir()
    for name, listed in [("a.csv", [("Greg Rutkowski", "1988", "2020"), ("Jean Giraud (Moebius)", "1938", "2012"),
                                    ("Karla Ortiz", "1991", ""), ("Old Painter", "1890", ""),
                                    ("Disputed Person", "1970", ""), ("Banksy", "", "")]),
                         ("b.csv", [("Disputed Person", "1970", "2001"), ("Karla  Ortiz", "1991", "")])]:
        with (extra / name).open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name", "born", "died", "field"])
            writer.writerows((*row, "test") for row in listed)
    rows = build(sources, _deaths(tmp_path, []), extra)
    # A name the sources know keeps their entry (a list does not overrule it).
    assert rows[normalize("Greg Rutkowski")]["status"] == "living"
    assert rows[normalize("Jean Giraud (Moebius)")] == {"name": "Jean Giraud (Moebius)", "born": 1938, "died": 2012,
                                                        "status": "deceased", "source": "atelier"}
    assert rows[normalize("Karla Ortiz")]["status"] == "living"  # twice with one status: once
    assert rows[normalize("Old Painter")]["status"] == "unknown"  # no death year, born too long ago
    assert rows[normalize("Banksy")]["status"] == "living"  # no death year and no birth year: living, as listed
    assert normalize("Disputed Person") not in rows  # two statuses: left out
    without = build(sources, _deaths(tmp_path, []), None)
    assert without.keys() == {normalize("Greg Rutkowski"), normalize("Claude Monet")}


def test_a_list_may_name_studios_whose_style_is_allowed_and_nothing_else(tmp_path: Path) -> None:
    sources = _sources(tmp_path, supagruen=[], moma=[("Christopher Blizzard", "1973", "")])
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "studios.csv").write_text("name,born,died,field,status\nBlizzard,1991,,game maker,studio\n"
                                       "Karla Ortiz,1991,,painter,\n", encoding="utf-8")
    rows = build(sources, _deaths(tmp_path, []), extra)
    assert rows[normalize("Blizzard")]["status"] == "studio"
    assert rows[normalize("Karla Ortiz")]["status"] == "living"  # an empty status: the dates decide
    assert rows[normalize("Christopher Blizzard")]["status"] == "living"
    entries = [ArtistEntry(id=i, name=r["name"], status=r["status"]) for i, r in enumerate(rows.values())]
    matcher = ArtistMatcher(entries)
    assert not any(h.blocked for h in matcher.search("hearthstone card art, blizzard style, a dwarf tavern keeper"))
    assert any(h.blocked for h in matcher.search("a portrait in the style of Christopher Blizzard"))
    (extra / "studios.csv").write_text("name,born,died,field,status\nSomeone,1991,,painter,living\n", encoding="utf-8")
    with pytest.raises(ValueError, match="may only say 'studio'"):
        build(sources, _deaths(tmp_path, []), extra)


def test_the_shipped_seed_has_every_death_of_the_deaths_file() -> None:
    with DEATHS.open(encoding="utf-8") as fh:
        deaths = {row["name"]: int(row["died"]) for row in csv.DictReader(fh)}
    with (DATA / "artists.csv").open(encoding="utf-8") as fh:
        seed = {row["name"]: row for row in csv.DictReader(fh)}
    assert len(deaths) >= 8
    for name, died in deaths.items():
        assert seed[name]["status"] == "deceased" and int(seed[name]["died"]) == died, name


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Akira Toriyama", "Frank Auerbach", "Vivienne Westwood", "Frank O. Gehry",
                                  "Fumihiko Maki", "Ron Galella", "Shuntaro Tanikawa", "Jürgen Flimm"])
def test_the_style_of_an_artist_who_died_after_the_lists_is_allowed(user: User, name: str) -> None:
    assert Artist.objects.get(name=name).status == ArtistStatus.DECEASED  # seeded so by the data migration
    assert prompt_moderate(user=user, text=f"a little blue dragon flying on a yellow cloud, {name} style",
                           stage=Stage.TOOL_PROMPT).allowed
    # A living artist's style is still refused.
    verdict = prompt_moderate(user=user, text="a little blue dragon flying on a yellow cloud, Hayao Miyazaki style",
                              stage=Stage.TOOL_PROMPT)
    assert verdict.categories == ("living_artist",)


@pytest.mark.django_db
def test_the_deaths_migration_updates_a_database_seeded_before_it_and_keeps_staff_edits(user: User) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("moderation.migrations.0005_artist_deaths")
    # A database seeded before it: Akira Toriyama living; staff had opted Frank Auerbach's estate out and given
    # Arata Isozaki a year by hand.
    Artist.objects.filter(name="Akira Toriyama").update(status=ArtistStatus.LIVING, died=None)
    Artist.objects.filter(name="Frank Auerbach").update(status=ArtistStatus.LIVING, died=None,
                                                        policy=ArtistPolicy.BLOCK)
    Artist.objects.filter(name="Arata Isozaki").update(status=ArtistStatus.LIVING, died=1999)
    RulesVersion.objects.filter(pk=1).update(artists_token=uuid.uuid4())  # as if seeded so: a process compiles it
    text = "a harbour at dawn, Akira Toriyama style"
    assert not prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed
    token = RulesVersion.objects.get(pk=1).artists_token
    migration.apply(apps, None)
    assert RulesVersion.objects.get(pk=1).artists_token != token
    assert Artist.objects.get(name="Akira Toriyama").died == 2024
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed  # the running cache is renewed
    auerbach = Artist.objects.get(name="Frank Auerbach")
    assert auerbach.status == ArtistStatus.DECEASED and auerbach.is_refused  # the opt-out still refuses
    assert Artist.objects.get(name="Arata Isozaki").died == 1999  # a staff edit is kept


@pytest.mark.django_db
def test_the_second_deaths_migration_updates_a_database_seeded_before_it_and_keeps_an_opt_out(user: User) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("moderation.migrations.0008_more_artist_deaths")
    # Seeded before it: Frank O. Gehry living; Paco Rabanne's house had opted out.
    Artist.objects.filter(name="Frank O. Gehry").update(status=ArtistStatus.LIVING, died=None)
    Artist.objects.filter(name="Paco Rabanne").update(status=ArtistStatus.LIVING, died=None, policy=ArtistPolicy.BLOCK)
    RulesVersion.objects.filter(pk=1).update(artists_token=uuid.uuid4())
    text = "a concert hall of folded steel ribbons, Frank O. Gehry style"
    assert not prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed
    migration.apply(apps, None)
    assert Artist.objects.get(name="Frank O. Gehry").died == 2025
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed  # the running cache is renewed
    rabanne = Artist.objects.get(name="Paco Rabanne")
    assert rabanne.status == ArtistStatus.DECEASED and rabanne.is_refused  # the opt-out still refuses


@pytest.mark.django_db
def test_every_death_of_the_file_reaches_a_database_seeded_before_it_with_its_year() -> None:
    from importlib import import_module

    migrations = [import_module(f"moderation.migrations.{m}") for m in (
        "0005_artist_deaths", "0008_more_artist_deaths", "0009_registry_deaths_2026", "0011_registry_deaths_1943_1950",
        "0013_registry_deaths_1951_1960", "0015_registry_deaths_1961_1980")]
    with DEATHS.open(encoding="utf-8") as fh:
        in_file = {row["name"]: int(row["died"]) for row in csv.DictReader(fh)}
    assert set(in_file) <= set().union(*(m.DEATHS for m in migrations))
    assert all(in_file[name] == year for name, year in migrations[-1].DEATHS.items())


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "living", "opted_out", "staff", "text", "died"), [
    ("0009_registry_deaths_2026", "Ron Galella", "Luigi Colani", "On Kawara",
     "a paparazzo's night photograph of a film star leaving a restaurant, Ron Galella style", 2022),
    ("0011_registry_deaths_1943_1950", "Glenn Branca", "Mick Rock", "Sam Shepard",
     "an album cover of a guitar orchestra in a dark loft, Glenn Branca style", 2018),
    ("0013_registry_deaths_1951_1960", "Tunga", "Tom Slaughter", "Lori Ellison",
     "an installation of braided copper hair hanging from a gallery ceiling, Tunga style", 2016),
    ("0015_registry_deaths_1961_1980", "Frank Kozik", "Grenville Davey", "Leonor Caraballo",
     "a gig poster of a smoking bunny in day-glo colours, Frank Kozik style", 2023),
])
def test_a_deaths_migration_updates_a_database_seeded_before_it_and_keeps_an_opt_out_and_a_staff_year(
        user: User, name: str, living: str, opted_out: str, staff: str, text: str, died: int) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module(f"moderation.migrations.{name}")
    # Seeded before it: one artist living; another's estate had opted out; staff gave a third a year by hand.
    Artist.objects.filter(name=living).update(status=ArtistStatus.LIVING, died=None)
    Artist.objects.filter(name=opted_out).update(status=ArtistStatus.LIVING, died=None, policy=ArtistPolicy.BLOCK)
    Artist.objects.filter(name=staff).update(status=ArtistStatus.LIVING, died=1999)
    RulesVersion.objects.filter(pk=1).update(artists_token=uuid.uuid4())
    assert not prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed
    migration.apply(apps, None)
    assert Artist.objects.get(name=living).died == died
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed  # the running cache is renewed
    refused = Artist.objects.get(name=opted_out)
    assert refused.status == ArtistStatus.DECEASED and refused.is_refused  # the opt-out still refuses
    assert Artist.objects.get(name=staff).died == 1999  # a staff edit is kept


def test_the_shipped_seed_is_what_the_builder_makes_of_the_sources_deaths_and_lists() -> None:
    if not (DEFAULT_SOURCES / "moma_artists.csv").exists():
        pytest.skip("the source lists are not beside the project")
    with (DATA / "artists.csv").open(encoding="utf-8") as fh:
        seed = {normalize(r["name"]): {k: (int(v) if k in ("born", "died") and v else v or None) for k, v in r.items()}
                for r in csv.DictReader(fh)}
    assert seed == build()
    assert sum(r["source"] == "atelier" for r in seed.values()) > 0


@pytest.mark.django_db
def test_the_studio_migration_allows_a_firms_style_on_a_database_seeded_before_and_keeps_an_opt_out(user: User) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module("moderation.migrations.0016_artist_studio_status")
    assert Artist.objects.get(name="Valve").status == ArtistStatus.STUDIO  # a fresh database has it from 0002
    # Seeded before: firms living; the CAMP collective had opted out; staff had set Pentagram to living by hand.
    Artist.objects.filter(name__in=["Valve", "NIKE"]).update(status=ArtistStatus.LIVING)
    Artist.objects.filter(name="CAMP").update(status=ArtistStatus.LIVING, policy=ArtistPolicy.BLOCK)
    Artist.objects.filter(name="Pentagram").update(status=ArtistStatus.LIVING, source="staff")
    RulesVersion.objects.filter(pk=1).update(artists_token=uuid.uuid4())
    valve = "a game screenshot of a crowbar in a lab corridor, Valve style"
    assert not prompt_moderate(user=user, text=valve, stage=Stage.TOOL_PROMPT).allowed
    migration.apply(apps, None)
    assert prompt_moderate(user=user, text=valve, stage=Stage.TOOL_PROMPT).allowed  # the running cache is renewed
    assert prompt_moderate(user=user, text="white sneakers on a pedestal, Nike style", stage=Stage.TOOL_PROMPT).allowed
    camp = Artist.objects.get(name="CAMP")
    assert camp.status == ArtistStatus.STUDIO and camp.is_refused  # the opt-out still refuses
    assert not prompt_moderate(user=user, text="a river at dusk, CAMP style", stage=Stage.TOOL_PROMPT).allowed
    assert Artist.objects.get(name="Pentagram").status == ArtistStatus.LIVING  # a staff edit is kept


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["0014_registry_extra", "0017_registry_prompted", "0018_registry_studios"])
def test_the_lists_migration_adds_their_artists_to_a_database_seeded_before_and_keeps_an_opt_out(
        user: User, name: str) -> None:
    from importlib import import_module

    from django.apps import apps

    migration = import_module(f"moderation.migrations.{name}")
    with (DATA / "artists.csv").open(encoding="utf-8") as fh:
        listed = [r for r in csv.DictReader(fh) if r["source"] == "atelier"]
    living = next(r["name"] for r in listed if r["status"] == "living" and re.fullmatch(r"[A-Z][a-z]+ [A-Z][a-z]{4,}",
                                                                                          r["name"]))
    opted_out = next(r["name"] for r in listed if r["status"] == "deceased")
    # Seeded before the lists: none of their rows; the estate of a listed artist had asked to be blocked.
    Artist.objects.filter(source="atelier").delete()
    Artist.objects.create(name=opted_out, status=ArtistStatus.DECEASED, policy=ArtistPolicy.BLOCK, source="opt-out")
    RulesVersion.objects.filter(pk=1).update(artists_token=uuid.uuid4())
    text = f"a quiet harbour at dusk in the style of {living}"
    assert prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed
    migration.apply(apps, None)
    assert not prompt_moderate(user=user, text=text, stage=Stage.TOOL_PROMPT).allowed  # the running cache is renewed
    assert Artist.objects.filter(source="atelier").count() == len(listed) - 1
    assert Artist.objects.get(name=opted_out).policy == ArtistPolicy.BLOCK  # kept, and not added twice
    migration.apply(apps, None)  # a second run adds nothing
    assert Artist.objects.filter(source="atelier").count() == len(listed) - 1
