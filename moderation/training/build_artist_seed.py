"""Build moderation/data/artists.csv, the seed of the artist registry, from the public artist lists.

Sources (in ../shared/data/moderation/sources/artists/): SupaGruen's Stable Diffusion artist list (MIT,
2024: an empty death year means living) and MoMA's artist table (CC0, 2026: EndDate 0 means living or
unknown). A MoMA artist with no death year counts as living only when born within the last
`LIVING_MAX_AGE` years; otherwise the status is unknown and the dates alone block nothing.
Where both lists name the same person, SupaGruen's dates win (it was checked for these artists), except a death:
MoMA's table is the later of the two, so a death year it records and SupaGruen's lacks is kept (Frank Auerbach,
Faith Ringgold). Deaths that neither list records are in `moderation/data/artist_deaths.csv` (name, year, what was
missing), written by hand from the public record; each must name an artist of the lists. A living artist's style
is refused and a deceased one's allowed, so a missing death refuses what the policy allows ("Akira Toriyama
style", seen on held-out set 8 in session 15).

Neither list is complete: on `moderation/data/artists2.csv` (written blind in session 20) the registry refused only
56 of 90 requests in a living artist's style (illustrators, comic and concept artists, photographers missing).
`moderation/data/registry_extra/*.csv` (name, born, died, field; session 20) are lists of artists by field written
from the public record by helpers who saw neither the registry nor any evaluation set. Their rows join the seed with
the source "atelier" where no entry of the lists has one of the same name forms; a name the lists give two
statuses (in two files) is left out; a row with no death year is living (the lists' meaning of an empty death
year), unless its birth year is more than `LIVING_MAX_AGE` years ago ("unknown"; session 20's third rule: MoMA's age
rule made a row with no birth year "unknown", and so "Banksy" and "Feng Zhu" blocked nothing).

`moderation/data/registry_pending/` holds lists written in session 21 that did not pass their rule (see the model
card); the builder does not read them.

Studios, firms and groups (session 21). MoMA's table lists firms and groups with the year they were founded as
their begin date and no end date ("NIKE", "American, founded 1964"; "Valve", "USA, est. 1996"; "Kazuyo Sejima &
Associates", "Japanese, established 1987"), so the age rule made them living and their styles were refused, against
the policy (a studio's style is allowed). A MoMA entry whose biography says "founded", "established" or "est." gets
the status "studio", which blocks nothing by itself (an opt-out or a staff "block" still refuses it).

A list may carry a `status` column whose only value is "studio" (session 22, `registry_extra/studios.csv`): studios,
game makers and brands named as users type them, so that a studio whose name is also a living artist's surname
("blizzard style" was Christopher Blizzard's) is read as the studio.

    python -m moderation.training.build_artist_seed [SOURCES_DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path
from typing import Any

from moderation.filters.artists import name_forms
from moderation.filters.text import normalize

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "moderation" / "sources" / "artists"
OUT = ROOT / "moderation" / "data" / "artists.csv"
DEATHS = ROOT / "moderation" / "data" / "artist_deaths.csv"
EXTRA = ROOT / "moderation" / "data" / "registry_extra"
SNAPSHOT_YEAR = 2026
LIVING_MAX_AGE = 100
# How MoMA's biographies date a firm or a group: by its founding, not a birth.
FOUNDED = re.compile(r"\b(?:founded|established|est\.)", re.IGNORECASE)


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _status(born: int | None, died: int | None, *, no_birth_year: str = "unknown") -> str:
    """Deceased with a death year; without one, living unless born more than `LIVING_MAX_AGE` years ago. With no
    birth year either: `no_birth_year` (MoMA's table leaves living and unknown alike without an end date; the
    hand-written lists mean living)."""
    if died:
        return "deceased"
    if born is None:
        return no_birth_year
    return "living" if born > SNAPSHOT_YEAR - LIVING_MAX_AGE else "unknown"


def build(sources: Path = DEFAULT_SOURCES, deaths: Path = DEATHS,
          extra: Path | None = EXTRA) -> dict[str, dict[str, Any]]:
    """The registry's seed rows by normalised name."""
    rows: dict[str, dict[str, Any]] = {}
    with (sources / "supagruen_sd_artists.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            last, _, first = row["Name"].partition(",")
            name = f"{first.strip()} {last.strip()}".strip()
            died = _year(row["Death"])
            rows[normalize(name)] = {"name": name, "born": _year(row["Born"]), "died": died,
                                     "status": "deceased" if died else "living", "source": "supagruen"}
    with (sources / "moma_artists.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            name = row["DisplayName"].strip()
            born, died = _year(row["BeginDate"]), _year(row["EndDate"])
            key = normalize(name)
            known = rows.get(key)
            if known and known["source"] == "supagruen" and died and not known["died"] and known["born"] == born:
                known.update(died=died, status="deceased")  # the same person (same birth year); MoMA is newer
            if not key or key in rows or (born is None and died is None):
                continue
            status = "studio" if FOUNDED.search(row.get("ArtistBio") or "") else _status(born, died)
            rows[key] = {"name": name, "born": born, "died": died, "status": status, "source": "moma"}
    with deaths.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = normalize(row["name"])
            if key not in rows:
                raise ValueError(f"{deaths.name}: {row['name']!r} is in neither list")
            rows[key].update(died=int(row["died"]), status="deceased")
    if extra is not None:
        rows.update(extra_rows(extra, rows))
    return rows


def extra_rows(extra: Path, rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The rows of the hand-written lists that the source lists lack, by normalised name."""
    known = {form for row in rows.values() for form in name_forms(row["name"])[0]}
    found: dict[str, dict[str, Any]] = {}
    disputed: set[str] = set()
    for path in sorted(extra.glob("*.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                name = " ".join(row["name"].split())
                key = normalize(name)
                born, died = _year(row["born"]), _year(row["died"])
                if not key or known & name_forms(name)[0]:
                    continue
                given = (row.get("status") or "").strip()
                if given not in ("", "studio"):
                    raise ValueError(f"{path.name}: {name!r} has the status {given!r}; a list may only say 'studio'")
                status = "studio" if given else _status(born, died, no_birth_year="living")
                new = {"name": name, "born": born, "died": died, "status": status, "source": "atelier"}
                if key in found and found[key]["status"] != new["status"]:
                    disputed.add(key)
                found.setdefault(key, new)
    return {key: row for key, row in found.items() if key not in disputed}


def main(sources: Path = DEFAULT_SOURCES) -> None:
    rows = build(sources)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "born", "died", "status", "source"])
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow({k: ("" if v is None else v) for k, v in rows[key].items()})
    print(f"{len(rows)} artists -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCES)
