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

    python -m moderation.training.build_artist_seed [SOURCES_DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from moderation.filters.text import normalize

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "moderation" / "sources" / "artists"
OUT = ROOT / "moderation" / "data" / "artists.csv"
DEATHS = ROOT / "moderation" / "data" / "artist_deaths.csv"
SNAPSHOT_YEAR = 2026
LIVING_MAX_AGE = 100


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def build(sources: Path = DEFAULT_SOURCES, deaths: Path = DEATHS) -> dict[str, dict[str, Any]]:
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
            if died:
                status = "deceased"
            elif born and born > SNAPSHOT_YEAR - LIVING_MAX_AGE:
                status = "living"
            else:
                status = "unknown"
            rows[key] = {"name": name, "born": born, "died": died, "status": status, "source": "moma"}
    with deaths.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = normalize(row["name"])
            if key not in rows:
                raise ValueError(f"{deaths.name}: {row['name']!r} is in neither list")
            rows[key].update(died=int(row["died"]), status="deceased")
    return rows


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
