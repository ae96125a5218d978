"""Session 21: 3 artists MoMA's table (2026) lists with no end date died before it was published (born 1961-1980
by it, so counted as living by the seed's age rule); their styles are allowed under the policy
(moderation/data/artist_deaths.csv): deaths from the public record, not checked against a source on this machine
(a helper read the 2,109 living MoMA entries born in those years and named these three; the engineer knows them
too; names either was unsure of stay living). A fresh database gets them from artists.csv in 0002; this updates a
database seeded before, as 0005, 0008, 0009, 0011 and 0013 did: only rows still as seeded (from the lists, no
death year) change, so a staff edit is kept and an opt-out stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {"Frank Kozik": 2023, "Grenville Davey": 2022, "Leonor Caraballo": 2015}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0014_registry_extra")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
