"""Session 20: 4 artists MoMA's table (2026) lists with no end date died before it was published (born 1951-1960
by it, so counted as living by the seed's age rule); their styles are allowed under the policy
(moderation/data/artist_deaths.csv): deaths from the public record, known to the engineer, not checked against a
source on this machine (the 1,137 living entries born in those years were read; names the engineer was unsure of
stay living). A fresh database gets them from artists.csv in 0002; this updates a database seeded before, as 0005,
0008, 0009 and 0011 did: only rows still as seeded (from the lists, no death year) change, so a staff edit is kept
and an opt-out stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {"Tunga": 2016, "Axel Kasseböhmer": 2017, "Tom Slaughter": 2014, "Lori Ellison": 2015}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0012_french_minor_terms")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
