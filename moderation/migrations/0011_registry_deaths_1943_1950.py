"""Session 19: 12 artists MoMA's table (2026) lists with no end date died before it was published (born 1943-1950
by it, so counted as living by the seed's age rule); their styles are allowed under the policy
(moderation/data/artist_deaths.csv): deaths from the public record, known to the engineer, not checked against a
source on this machine. A fresh database gets them from artists.csv in 0002; this updates a database seeded before,
as 0005, 0008 and 0009 did: only rows still as seeded (from the lists, no death year) change, so a staff edit is
kept and an opt-out stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {
    "Dan Friedman": 1995, "Edward Dwurnik": 2018, "Glenn Branca": 2018, "Michael Sorkin": 2020, "Mick Rock": 2021,
    "Norbert Schwontkowski": 2013, "Peter Weibel": 2023, "Ronnie Cutrone": 2013, "Sam Shepard": 2017,
    "Ingeborg Strobl": 2017, "Alan Aldridge": 2017, "Yusuf Arakkal": 2016,
}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0010_self_harm_topic_terms")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
