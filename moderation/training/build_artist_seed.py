"""Build moderation/data/artists.csv, the seed of the artist registry, from the public artist lists.

Sources (in ../shared/data/moderation/sources/artists/): SupaGruen's Stable Diffusion artist list (MIT,
2024: an empty death year means living) and MoMA's artist table (CC0, 2026: EndDate 0 means living or
unknown). A MoMA artist with no death year counts as living only when born within the last
`LIVING_MAX_AGE` years; otherwise the status is unknown and the dates alone block nothing.
Where both lists name the same person, SupaGruen's dates win (it was checked for these artists).

    python -m moderation.training.build_artist_seed [SOURCES_DIR]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from moderation.filters.text import normalize

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SOURCES = ROOT.parent / "shared" / "data" / "moderation" / "sources" / "artists"
OUT = ROOT / "moderation" / "data" / "artists.csv"
SNAPSHOT_YEAR = 2026
LIVING_MAX_AGE = 100


def _year(value: str) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def main(sources: Path = DEFAULT_SOURCES) -> None:
    rows: dict[str, dict[str, object]] = {}
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
            if not key or key in rows or (born is None and died is None):
                continue
            if died:
                status = "deceased"
            elif born and born > SNAPSHOT_YEAR - LIVING_MAX_AGE:
                status = "living"
            else:
                status = "unknown"
            rows[key] = {"name": name, "born": born, "died": died, "status": status, "source": "moma"}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["name", "born", "died", "status", "source"])
        writer.writeheader()
        for key in sorted(rows):
            writer.writerow({k: ("" if v is None else v) for k, v in rows[key].items()})
    print(f"{len(rows)} artists -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCES)
