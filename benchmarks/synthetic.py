"""Synthetic datasets for the benchmarks: one mission of *n* records, the same bytes every run.

The mission has 24 contingents (12 countries, police and military). Their histories run over
three years, from 2024-01-01 to 2026-12-31, and are valid by the counting rules: the strength
never goes negative, and a contingent has at most one pledge and one strength report a day.
Records come in counting order, as :func:`haiti_mss.to_json` writes them. About one figure in
ten is qualified ("about"), one record in five has a confidence, one in twenty a note, and
every record cites one of eight sources.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from typing import Any

COUNTRIES = ("KEN", "JAM", "BLZ", "BHS", "GTM", "SLV", "BEN", "TCD", "BGD", "CAN", "USA", "FRA")
TYPES = ("police", "military")
START = date(2024, 1, 1)
DAYS = 3 * 365 + 1  # 2024-01-01 to 2026-12-31
SOURCES = tuple(f"source-{i}" for i in range(8))
SEED = 20240625
_RANK = {"pledge": 0, "arrival": 1, "departure": 2, "strength_report": 3}


def _figure(rng: random.Random, value: int) -> object:
    return {"value": value, "qualifier": "about"} if rng.random() < 0.1 else value


def _history(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """*n* records over the three years, in counting order."""
    days = sorted(rng.randrange(DAYS) for _ in range(n))
    records: list[dict[str, Any]] = []
    strength = 0
    previous_day = -1
    pledged = False
    for i, day in enumerate(days):
        if day != previous_day:
            pledged = False
            previous_day = day
        roll = rng.random()
        on = (START + timedelta(days=day)).isoformat()
        if i == 0 or (roll < 0.05 and not pledged):
            record: dict[str, Any] = {
                "kind": "pledge",
                "on": on,
                "total": _figure(rng, rng.randrange(100, 3000)),
            }
            pledged = True
        elif roll < 0.10 and not _later_same_day(days, i):
            strength = rng.randrange(0, 2000)
            record = {"kind": "strength_report", "on": on, "personnel": _figure(rng, strength)}
        elif roll < 0.40 and strength > 0:
            moved = rng.randrange(1, min(strength, 200) + 1)
            strength -= moved
            reason = rng.choice(("rotation", "withdrawal", "other"))
            record = {"kind": "departure", "on": on, "personnel": moved, "reason": reason}
        else:
            moved = rng.randrange(1, 200)
            strength += moved
            record = {"kind": "arrival", "on": on, "personnel": _figure(rng, moved)}
        record["sources"] = [rng.choice(SOURCES)]
        if rng.random() < 0.2:
            record["confidence"] = rng.choice(("high", "medium", "low"))
        if rng.random() < 0.05:
            record["note"] = f"Synthetic record {i}."
        records.append(record)
    # Counting order within a day: pledges, arrivals, departures, then the strength report.
    records.sort(key=lambda record: (record["on"], _RANK[record["kind"]]))
    return records


def _later_same_day(days: list[int], i: int) -> bool:
    """Whether a record follows on the same day: a report is the day's last record."""
    return i + 1 < len(days) and days[i + 1] == days[i]


def dataset(n: int, seed: int = SEED) -> dict[str, Any]:
    """A dataset of one mission whose contingents hold about *n* records in all."""
    rng = random.Random(seed)  # noqa: S311  # reproducible data, not cryptography
    keys = [(country, kind) for country in COUNTRIES for kind in TYPES]
    contingents = []
    for j, (country, kind) in enumerate(keys):
        share = n // len(keys) + (1 if j < n % len(keys) else 0)
        contingents.append(
            {"country": country, "personnel_type": kind, "history": _history(rng, share)}
        )
    return {
        "schema": "haiti-mss/1",
        "sources": {
            source: {"publisher": f"Publisher {i}", "url": f"https://example.org/{source}"}
            for i, source in enumerate(SOURCES)
        },
        "missions": [
            {
                "name": "Synthetic Support Mission",
                "acronym": "SYN",
                "host": "HTI",
                "lead": "KEN",
                "planned_strength": 2500,
                "planned_strength_sources": [SOURCES[0]],
                "contingents": contingents,
            }
        ],
    }


def records(document: dict[str, Any]) -> int:
    """The number of history records in a synthetic document."""
    return sum(len(c["history"]) for m in document["missions"] for c in m["contingents"])


def dataset_bytes(n: int, seed: int = SEED) -> bytes:
    """:func:`dataset` as compact JSON bytes."""
    return compact(dataset(n, seed))


def compact(value: object) -> bytes:
    """*value* as compact JSON bytes, as :func:`dataset_bytes` writes a dataset."""
    return json.dumps(value, separators=(",", ":")).encode()


def contingent(n: int, seed: int = SEED) -> dict[str, Any]:
    """The first contingent of the mission of :func:`dataset`, scaled to hold *n* records.

    It is the first contingent of ``dataset(24 * n, seed)`` (Kenyan police), generated alone:
    the same records, without the 23 others.
    """
    rng = random.Random(seed)  # noqa: S311  # reproducible data, not cryptography
    return {"country": COUNTRIES[0], "personnel_type": TYPES[0], "history": _history(rng, n)}


def all_records(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every history of a synthetic document, one after the other, in the document's order."""
    return [r for m in document["missions"] for c in m["contingents"] for r in c["history"]]
