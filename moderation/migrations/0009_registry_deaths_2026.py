"""Session 18: 63 artists MoMA's table (2026) lists with no end date died before it was published (all born
1927-1942 by it, so counted as living by the seed's age rule); their styles are allowed under the policy
(moderation/data/artist_deaths.csv): deaths from the public record, known to the engineer, not checked against a
source on this machine. A fresh database gets them from artists.csv in 0002; this updates a database seeded before,
as 0005 and 0008 did: only rows still as seeded (from the lists, no death year) change, so a staff edit is kept and
an opt-out stays refused."""

from django.db import migrations

from moderation.migrations._registry import record_deaths

DEATHS = {
    "Tom Phillips": 2022, "Alan Fletcher": 2006, "Alvin Lucier": 2021, "Alain Tanner": 2022,
    "Alfred Hrdlicka": 2009, "Bill Cunningham/The New York Times": 2016, "Enrico Castellani": 2017,
    "Franz Gertsch": 2022, "George Lois": 2022, "Gillian Ayres": 2018, "Jack Lenor Larsen": 2020,
    "Luigi Colani": 2019, "Paul Virilio": 2018, "Ron Galella": 2022, "Shuntaro Tanikawa": 2024,
    "Vittorio Gregotti": 2020, "Dieter Schnebel": 2018, "Elizabeth Blackadder": 2021, "Sylvano Bussotti": 2021,
    "Achille Perilli": 2021, "Ugo Gregoretti": 2019, "Vicente Rojo": 2021, "Rafael Coronel": 2019,
    "Torun Bülow-Hübe": 2004, "Georg Gerster": 2019, "Oswald Oberhuber": 2020, "Bernard Rancillac": 2021,
    "Pierrette Bloch": 2017, "Jacqueline S. Casey": 1992, "Jhoon Rhee": 2018, "Leonard French": 2017,
    "Helen Mayer Harrison": 2018, "Newton Harrison": 2022, "Brian O'Doherty": 2022, "Alasdair Gray": 2019,
    "Andrei Voznesensky": 2010, "Bernardo Bertolucci": 2018, "Billy Apple": 2021, "Billy Name": 2016,
    "Breyten Breytenbach": 2024, "Eduardo Arroyo": 2018, "Getulio Alviani": 2018, "Gregory Gillespie": 2000,
    "Harvey Pekar": 2010, "Jean-Michel Folon": 2005, "Jef Geys": 2018, "Jon Hassell": 2021, "Kasper König": 2024,
    "Mark Boyle": 2005, "Michael Nesmith": 2021, "On Kawara": 2014, "Peter Schjeldahl": 2022,
    "Robert Freeman": 2019, "Ruy Ohtake": 2021, "Vladimir Borissovitch Yankilevsky": 2018, "Walter Stöhrer": 2000,
    "Robert Abel": 2001, "Richard Foreman": 2025, "Afra Scarpa": 2011, "Adolfo Natalini": 2020,
    "Cristiano Toraldo di Francia": 2019, "Massimo Morozzi": 2014, "Jürgen Flimm": 2023,
}


def apply(apps, schema_editor):
    record_deaths(apps, DEATHS)


class Migration(migrations.Migration):
    dependencies = [("moderation", "0008_more_artist_deaths")]
    operations = [migrations.RunPython(apply, migrations.RunPython.noop)]
