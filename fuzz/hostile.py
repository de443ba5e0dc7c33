"""Hostile inputs of any size, one per kind of finding of issue 15, for the resource battery.

Each case builds an input of size *n* (records, ids, characters, digits...) and runs it through
the public reader or query it attacks. The tests (``tests/test_resources.py``) run every case at
small sizes and check what can be checked without a clock: that nothing but a DataError
escapes, that the memory the run allocates (tracemalloc) stays within a stated factor of the
input, that a refusal's message is bounded, and that the work (the number of calls made) grows
linearly. ``benchmarks/refusal.py`` runs the same cases at 10^4 to 10^6 for time and memory.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, Final

import attrs

from haiti_mss import Dataset, Duration, Figure, data, from_dict, from_json

_MSS: Final = data.mss()
START: Final = date(2000, 1, 1)


def _document(missions: list[dict[str, object]], sources: dict[str, Any] | None = None) -> bytes:
    return json.dumps(
        {"schema": "haiti-mss/1", "sources": sources or {}, "missions": missions}
    ).encode()


def _mission(**fields: object) -> dict[str, object]:
    return {"name": "X", "acronym": "X", "host": "HTI", "lead": "KEN", **fields}


def _contingent(history: list[dict[str, Any]]) -> dict[str, Any]:
    return {"country": "KEN", "personnel_type": "police", "history": history}


def _dataset(raw: bytes | str) -> object:
    return from_json(raw, Dataset)


def bad_records(n: int) -> bytes:
    """One contingent of *n* records, each with two problems (a day and a count)."""
    bad = {"kind": "arrival", "on": "2024-13-01", "personnel": -1}
    return _document([_mission(contingents=[_contingent([bad] * n)])])


_GOOD: Final = {"kind": "arrival", "on": "2024-06-25", "personnel": 1}


def one_bad_record_after_valid_ones(n: int) -> bytes:
    """*n* valid records, then one bad one: found late, after the fast path read the others."""
    bad = {"kind": "arrival", "on": "2024-13-01", "personnel": -1}
    return _document([_mission(contingents=[_contingent([*[_GOOD] * n, bad])])])


def bad_mandates(n: int) -> bytes:
    """*n* mandates, each without its expiry."""
    mandate = {"resolution": "S/RES/1 (2024)", "adopted": "2024-01-01"}
    return _document([_mission(mandates=[mandate] * n)])


def bad_sources(n: int) -> bytes:
    """A table of *n* sources, each with an empty publisher."""
    return _document([], {f"s{i}": {"publisher": ""} for i in range(n)})


def empty_missions(n: int) -> bytes:
    """*n* missions with none of their required fields."""
    return _document([{}] * n)


def unknown_source_ids(n: int) -> bytes:
    """*n* records, each citing a source that no table defines."""
    history = [{**_GOOD, "sources": [f"s{i}"]} for i in range(n)]
    return _document([_mission(contingents=[_contingent(history)])])


def many_ids_in_one_record(n: int) -> bytes:
    """One record citing *n* sources, all defined."""
    sources = {f"s{i}": {"publisher": "P"} for i in range(n)}
    record = {"kind": "arrival", "on": "2024-06-25", "personnel": 1, "sources": list(sources)}
    return _document([_mission(contingents=[_contingent([record])])], sources)


def duplicate_contingents(n: int) -> bytes:
    """*n* contingents of one country and personnel type."""
    return _document([_mission(contingents=[_contingent([])] * n)])


def duplicate_keys(n: int) -> bytes:
    """A mission object with its name given *n* times."""
    return (
        b'{"schema": "haiti-mss/1", "sources": {}, "missions": [{' + b'"name": "X", ' * n + b"}]}"
    )


def repeated_key_beside_deep_lists(n: int) -> bytes:
    """A repeated key, and beside it *n* numbers 400 lists deep: the repeat is searched for."""
    deep = b"[" * 400 + b",".join([b"0"] * n) + b"]" * 400
    return b'{"schema": "haiti-mss/1", "schema": "haiti-mss/1", "missions": ' + deep + b"}"


def deep_nesting(n: int) -> bytes:
    """A note nested *n* lists deep."""
    return b'{"schema": "haiti-mss/1", "sources": {}, "missions": ' + b"[" * n + b"]" * n + b"}"


def deep_python_lists(n: int) -> dict[str, object]:
    """Python data, not JSON text: a mission's note nested *n* lists deep."""
    deep: list[object] = []
    for _ in range(n):
        deep = [deep]
    return {"schema": "haiti-mss/1", "sources": {}, "missions": [{"note": deep}]}


def long_unknown_id(n: int) -> bytes:
    """A record citing one undefined source whose id is *n* characters long."""
    record = {"kind": "arrival", "on": "2024-06-25", "personnel": 1, "sources": ["x" * n]}
    return _document([_mission(contingents=[_contingent([record])])])


def long_text_value(n: int) -> bytes:
    """A mission's host given as *n* characters: no such country."""
    return _document([_mission(host="K" * n)])


def many_digits(n: int) -> bytes:
    """A head count of *n* digits."""
    return _document([_mission(contingents=[_contingent([])])]).replace(
        b'"history": []',
        b'"history": [{"kind": "arrival", "on": "2024-06-25", "personnel": 1' + b"0" * n + b"}]",
    )


def many_mandates(n: int) -> bytes:
    """*n* valid mandates in a row, a day each, from 2000-01-01."""
    mandates = [
        {
            "resolution": f"S/RES/{1 + i} ({(START + timedelta(days=i)).year})",
            "adopted": (START + timedelta(days=i)).isoformat(),
            "expires": (START + timedelta(days=i + 1)).isoformat(),
        }
        for i in range(n)
    ]
    return _document([_mission(mandates=mandates)])


def _many_mandates_queried(raw: bytes) -> object:
    mission = from_json(raw, Dataset).missions[0]
    return mission.status(mission.mandates[-1].adopted)


def money_digits(n: int) -> bytes:
    """A contribution whose amount has *n* digits."""
    contribution = {
        "on": "2024-06-25",
        "donor": "USA",
        "amount": "1" + "0" * n,
        "currency": "USD",
        "status": "pledged",
    }
    return _document([_mission(contributions=[contribution])])


def _from_dict(raw: bytes) -> object:
    return from_dict(json.loads(raw), Dataset)


def _from_python(document: dict[str, object]) -> object:
    return from_dict(document, Dataset)


@attrs.frozen
class Case:
    """A hostile input of size *n*, and the reader or query it is given to."""

    name: str
    build: Callable[[int], object]
    run: Callable[[Any], object]
    max_n: int = 10**6
    """The largest size the benchmark builds (some inputs grow as n squared, or are strings of
    n digits that the parser itself reads in quadratic time)."""
    length: Callable[[int], int] | None = None
    """The length of the input of size n as JSON text, if it is not text itself."""

    def size(self, n: int, built: object) -> int:
        """The length of *built*, the input of size *n*, in characters of JSON text."""
        if self.length is not None:
            return self.length(n)
        return len(built)  # type: ignore[arg-type]  # bytes or a str


CASES: Final = (
    Case("bad records", bad_records, _dataset),
    Case("bad records, from_dict", bad_records, _from_dict),
    Case("one bad record after valid ones", one_bad_record_after_valid_ones, _dataset),
    Case("empty missions", empty_missions, _dataset),
    Case("bad mandates", bad_mandates, _dataset),
    Case("bad sources", bad_sources, _dataset),
    Case("unknown source ids", unknown_source_ids, _dataset),
    Case("many source ids in one record", many_ids_in_one_record, _dataset),
    Case("duplicate contingents", duplicate_contingents, _dataset),
    Case("duplicate keys", duplicate_keys, _dataset),
    Case("a repeated key beside deep lists", repeated_key_beside_deep_lists, _dataset),
    Case("deep nesting", deep_nesting, _dataset),
    Case(
        "deep nesting, from_dict of Python lists",
        deep_python_lists,
        _from_python,
        length=lambda n: 2 * n + 60,
    ),
    Case("a long unknown source id", long_unknown_id, _dataset),
    Case("a long country code", long_text_value, _dataset),
    Case("a head count of many digits", many_digits, _dataset, max_n=10**5),
    Case("many mandates, then a status", many_mandates, _many_mandates_queried),
    Case("money of many digits", money_digits, _dataset),
    Case("Duration.parse of a long text", lambda n: "a" * n, Duration.parse),
    Case("Figure.parse of a long text", lambda n: "1," * n + "000", Figure.parse),
    Case("a query date of many digits", lambda n: "2024 " + "1" * n, _MSS.status),
)
"""Every case, by name."""
