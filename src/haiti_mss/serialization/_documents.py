"""Documents: any object to and from JSON data, and a dataset with its table of sources.

Each mission is read by the fast path first, and by the detailed path when that cannot vouch
for it.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Generator
from typing import Any, Final, cast

import attrs
from cattrs.preconf.json import JsonConverter

from haiti_mss import _fastload
from haiti_mss._checks import check_keys, json_type, not_json, too_deep
from haiti_mss.contingents import RECORD_TYPES, Contingent, Record
from haiti_mss.datasets import Dataset, held_sources
from haiti_mss.errors import Collector, DataError, Problem, UnknownSource
from haiti_mss.missions import Mission
from haiti_mss.sources import Source

from . import _types
from ._errors import located
from ._hooks import converter
from ._migrations import SCHEMA, migrated
from ._types import T


def _structure_or_problems(data: object, cls: Any, path: tuple[str | int, ...]) -> Any:
    """Structure *data* as *cls*, or raise a DataError whose paths start at *path*."""
    try:
        return converter.structure(data, cls)
    except RecursionError:  # pragma: no cover  # the models nest a few levels deep only
        raise
    except Exception as error:  # noqa: BLE001  # every failure of the input becomes a DataError
        raise located(error, path) from None


# -- datasets ------------------------------------------------------------------------------------


def _unstructure_dataset(dataset: Dataset, made: JsonConverter) -> dict[str, Any]:
    sources = {}
    for source in dataset.sources:
        fields = made.unstructure(source)
        del fields["id"]
        sources[source.id] = fields
    missions = []
    for mission in dataset.missions:
        fields = made.unstructure(mission)
        fields.pop("sources", None)
        missions.append(fields)
    return {"schema": SCHEMA, "sources": sources, "missions": missions}


def _structure_dataset(data: object, *, fast: bool) -> Dataset:
    """A dataset from its JSON data; with *fast*, each mission is tried by the fast path first."""
    if not isinstance(data, dict):
        raise DataError.at("$", f"must be an object, not {json_type(data)}")
    migration = migrated(data)
    document = migration.document
    problems = Collector()
    problems.add(migration.problems)
    try:
        check_keys(document, {"schema", "sources", "missions"}, set())
    except DataError as error:
        problems.add_error(error, "$")
    raw_sources = document.get("sources", {})
    sources = {} if migration.table_unread else _table(raw_sources, problems)
    # Ids of invalid sources are known too: their records are not reported a second time.
    readable = isinstance(raw_sources, dict) and not migration.table_unread
    known = set(raw_sources) if readable else None
    missions = document.get("missions", [])
    if not isinstance(missions, list):
        problems.add([Problem(("$", "missions"), f"must be a list, not {json_type(missions)}")])
        missions = []
    built = []
    for i, raw in enumerate(missions):
        if problems.full:
            problems.stop()  # enough to refuse it: the rest is not checked
            break
        path = ("$", "missions", i)
        mission = _read_mission(raw, path, sources, known, problems, fast=fast)
        if mission is not None:
            built.append(mission)
    if problems:
        found = problems.error()
        raise DataError(list(map(migration.located, found.problems)), found.more)
    try:
        return Dataset(sources=list(sources.values()), missions=built)
    except DataError as error:
        located_problems = [migration.located(p.within("$")) for p in error.problems]
        raise DataError(located_problems, error.more) from None


def _read_mission(  # noqa: PLR0913  # a mission, and the state of the document it is read in
    raw: object,
    path: tuple[str | int, ...],
    table: dict[str, Source],
    known: set[str] | None,
    problems: Collector,
    *,
    fast: bool,
) -> Mission | None:
    """The mission *raw* of a document, or None; its problems are added to *problems*.

    *table* holds the document's valid sources, *known* the ids of all of them (None if the
    table cannot be read). With *fast*, the mission is read by the fast path first
    (``haiti_mss._fastload``); if that path cannot vouch for it, the detailed path reads it
    and reports every problem.
    """
    if not isinstance(raw, dict):
        problems.add([Problem(path, f"must be an object, not {json_type(raw)}")])
        return None
    if "sources" in raw:
        problems.add(
            [Problem((*path, "sources"), "unknown key: a dataset keeps its sources at $.sources")]
        )
        return None
    if fast and not problems and known is not None:
        try:
            return _fast_mission(raw, table)
        except _Refused as refused:  # by the checks across its fields, as the detailed path would
            problems.add_error(refused.error, *path)
            return None
        except Exception:  # noqa: BLE001, S110  # any other problem: the detailed path says where
            pass
    return _detailed_mission(raw, path, table, known, problems)


def _detailed_mission(
    raw: dict[str, Any],
    path: tuple[str | int, ...],
    table: dict[str, Source],
    known: set[str] | None,
    problems: Collector,
) -> Mission | None:
    """The mission *raw* read by the detailed path (see :func:`_read_mission`), or None."""
    cited = _cited_ids(raw)
    if known is not None and not cited <= known:
        _report_unknown(raw, path, known, problems)
    if problems.full:
        problems.stop()  # enough to refuse the document: the mission is not checked further
        return None
    used = [converter.unstructure(source) for source in held_sources(table.values(), cited)]
    try:
        return cast("Mission", _structure_or_problems({**raw, "sources": used}, Mission, path))
    except DataError as error:
        # The ids a mission cannot resolve were reported above, against $.sources, or are
        # those of invalid sources, reported where they are defined.
        if cited <= table.keys():
            problems.add_error(error)
        else:
            problems.add(p for p in error.problems if not isinstance(p, UnknownSource))
            if error.more != 0:
                problems.stop()  # some of the problems not listed may be such ids: not counted
        return None


class _Refused(Exception):  # noqa: N818  # it carries a DataError, which is the error
    """The fast path read every field of a mission, and the checks across them refuse it.

    The detailed path would build the same mission from the same values and meet the same
    problems: they are reported as they are, and the mission is not read again.
    """

    def __init__(self, error: DataError) -> None:
        super().__init__()
        self.error = error


def _fast_mission(
    raw: dict[str, Any], table: dict[str, Source], sources: list[Source] | None = None
) -> Mission:
    """A mission by the fast path: each history read in one pass (see ``haiti_mss._fastload``).

    The mission holds the sources of *table* it cites, or *sources* when they are given (a
    mission read on its own holds the sources its document lists).

    Raises:
        _Refused: every field is read, and the checks across them refuse the mission.
        NotFast: or any other exception, when the mission has a problem or anything else that
            the fast path does not vouch for.
    """
    listed = raw.get("contingents", [])
    if type(listed) is not list:
        raise _fastload.NotFast
    reader = _fastload.Reader(table.keys(), _structure_one_record)
    contingents = [reader.contingent(item) for item in listed]
    rest = {key: value for key, value in raw.items() if key != "contingents"}
    cited = _cited_ids(rest)
    if not cited <= table.keys():
        raise _fastload.NotFast
    for contingent in contingents:
        cited |= contingent.source_ids
    held = held_sources(table.values(), cited) if sources is None else sources
    used = [converter.unstructure(source) for source in held]
    mission = converter.structure({**rest, "sources": used}, Mission)
    if not contingents:
        return mission
    fields = attrs.asdict(mission, recurse=False)  # every field of a Mission is an argument
    fields["contingents"] = contingents
    if "current_through" not in raw:
        del fields["current_through"]  # its default: the latest record, now with the histories
    try:
        return Mission(**fields)
    except DataError as error:
        raise _Refused(error) from None


_READ_ALONE: Final = frozenset((Mission, Contingent, Record, *RECORD_TYPES))
"""The classes read on their own by the fast path (with ``tuple[Record, ...]``)."""


def _fast_alone(data: object, cls: type[T]) -> T:
    """A mission, a contingent, a record or a tuple of records read on its own, by the fast path.

    A mission's document lists its sources; the records of a contingent or of a list may cite
    any id.

    Raises:
        NotFast: or any other exception, when the fast path cannot vouch for the data.
    """
    if cls == tuple[Record, ...]:
        return cast("T", _fastload.Reader(None, _structure_one_record).records(data))
    if cls is Record or cls in RECORD_TYPES:
        (record,) = _fastload.Reader(None, _structure_one_record).records([data])
        if cls is not Record and type(record) is not cls:
            raise _fastload.NotFast  # another kind: the detailed path says what is wrong
        return cast("T", record)
    if type(data) is not dict:
        raise _fastload.NotFast
    if cls is Contingent:
        return cast("T", _fastload.Reader(None, _structure_one_record).contingent(data))
    listed = data.get("sources", [])
    if type(listed) is not list:
        raise _fastload.NotFast
    sources = [converter.structure(item, Source) for item in listed]
    table = {source.id: source for source in sources}
    if len(table) != len(sources):
        raise _fastload.NotFast  # a source defined twice: the detailed path says where
    rest = {key: value for key, value in data.items() if key != "sources"}
    return cast("T", _fast_mission(rest, table, sources))


def _structure_one_record(data: object) -> Record:
    return converter.structure(data, Record)


def _table(value: object, problems: Collector) -> dict[str, Source]:
    """The sources table of a document: source objects by id."""
    if not isinstance(value, dict):
        message = f"must be an object from id to source, not {json_type(value)}"
        problems.add([Problem(("$", "sources"), message)])
        return {}
    table = {}
    for source_id, fields in value.items():
        if problems.full:
            problems.stop()  # enough to refuse the document: the rest is not checked
            break
        path = ("$", "sources", source_id)
        if not isinstance(fields, dict):
            problems.add([Problem(path, f"must be an object, not {json_type(fields)}")])
            continue
        if "id" in fields:
            problems.add([Problem((*path, "id"), "unknown key: the id is the key of the table")])
            continue
        try:
            table[source_id] = _structure_or_problems({"id": source_id, **fields}, Source, path)
        except DataError as error:
            id_path = (*path, "id")  # the key of the table is the id: it is the source's path
            relocated = [
                Problem(path, p.message) if p.path == id_path else p for p in error.problems
            ]
            problems.add_error(DataError(relocated, error.more))
    return table


def _cited_ids(value: object) -> set[str]:
    """The source ids cited anywhere in *value*, found in one pass without paths."""
    lists = []
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(sub, _CONTAINERS):
                    continue
                if key in _CITING and isinstance(sub, list):
                    lists.append(sub)
                else:
                    pending.append(sub)
        elif isinstance(item, list):
            pending += item
    return {source_id for ids in lists for source_id in ids if isinstance(source_id, str)}


def _report_unknown(
    value: object, path: tuple[str | int, ...], known: set[str], problems: Collector
) -> None:
    """Add to *problems* each source id cited in *value* that is not *known*, at its path.

    It stops when *problems* is full: the caller checks no further.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if problems.full:
                return
            if key in _CITING and isinstance(item, list):
                _report_unknown_ids(item, (*path, key), known, problems)
            else:
                _report_unknown(item, (*path, key), known, problems)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if problems.full:
                return
            _report_unknown(item, (*path, i), known, problems)


def _report_unknown_ids(
    ids: list[Any], path: tuple[str | int, ...], known: set[str], problems: Collector
) -> None:
    """Add to *problems* each id of the list *ids* that is not *known*, until it is full."""
    for k, source_id in enumerate(ids):
        if isinstance(source_id, str) and source_id not in known:
            if problems.full:
                return
            problems.add([UnknownSource.of((*path, k), source_id, "$.sources")])


_CITING: Final = frozenset(("sources", "planned_strength_sources"))
"""The keys of the lists of source ids, wherever they are in a mission."""
_CONTAINERS: Final = (dict, list)


def to_dict(obj: object) -> Any:
    """*obj* as JSON data: dicts, lists, strings, numbers, booleans and None.

    >>> from haiti_mss import Arrival, Figure
    >>> from datetime import date
    >>> to_dict(Arrival(on=date(2024, 6, 25), personnel=Figure(200, "about")))
    {'kind': 'arrival', 'on': '2024-06-25', 'personnel': {'value': 200, 'qualifier': 'about'}}
    """
    return unstructure(obj, converter)


def unstructure(obj: object, made: JsonConverter) -> Any:
    """*obj* as *made* writes it: :func:`to_dict`, with the converter as an argument."""
    if isinstance(obj, Dataset):
        return _unstructure_dataset(obj, made)
    return made.unstructure(obj)


def from_dict(data: object, cls: type[T]) -> T:
    """Build a *cls* from JSON data, strictly: the inverse of :func:`to_dict`.

    Data that holds only what a JSON parser builds (dicts with string keys, lists, strings,
    numbers, booleans and None, none of them a subclass) is read as :func:`from_json` reads
    it, by the fast path first. A subclass of one of them (an enum member, a str subclass) is
    refused where it is, unread, and the error then lists the subclasses only; but orjson
    vouches for enum members, so one that equals a value the fast path looks up (a record's
    kind, a confidence, a date or a list of source ids read before) is read as that value, and
    nothing of it is kept. Data holding any other Python object, such as a date or a tuple, is
    read by the detailed path, which refuses it and reports every problem.

    Raises:
        DataError: every problem in *data*, each with its JSON path.
    """
    if not _types.is_json_data(data):
        _refuse_subclasses(data)
        return from_data(data, cls, parsed=False)
    try:
        return from_data(data, cls, parsed=True)
    except Exception:
        _refuse_subclasses(data)  # orjson writes enum members as JSON: one may be the cause
        raise


def _refuse_subclasses(data: object) -> None:
    """Raise a :class:`DataError` at each subclass of a JSON type in *data*, if it holds one."""
    subclassed = [problem.within("$") for problem in not_json(data)]
    if subclassed:
        raise DataError(subclassed) from None


def from_data(data: object, cls: type[T], *, parsed: bool) -> T:
    """:func:`from_dict`; with *parsed*, *data* holds only what a JSON parser builds."""
    try:
        with gc_paused():
            if cls is Dataset:
                return cast("T", _structure_dataset(data, fast=parsed))
            if parsed and (cls in _READ_ALONE or cls == tuple[Record, ...]):
                try:
                    return _fast_alone(data, cls)
                except _Refused as refused:  # as the detailed path would be
                    raise refused.error.within("$") from None
                except Exception:  # noqa: BLE001, S110  # the detailed path below says where
                    pass
            return cast("T", _structure_or_problems(data, cls, ("$",)))
    except RecursionError:
        raise DataError.at(("$", *too_deep(data)), "the data is nested too deeply") from None


_pauses_lock: Final = threading.RLock()  # reentrant: a finalizer run by a collection may load
_pauses = 0
"""How many :func:`gc_paused` blocks are under way, in all threads."""
_was_enabled = False
"""Whether the collector was enabled when the first of them began."""


@contextlib.contextmanager
def gc_paused() -> Generator[None]:
    """No garbage collection while a large graph of new objects is built, in which none is garbage.

    Collections triggered by the allocations would traverse the growing graph again and again
    for nothing. The collector is a setting of the whole process, so the pauses of all threads
    are counted together: the first to begin turns the collector off, and the last to end turns
    it on again if it was on when the first began. Loads that overlap thus leave it as they
    found it. Changes made meanwhile by other code: a ``gc.enable()`` stays (the collector was
    off, so it is seen); a ``gc.disable()`` cannot be told from the pause and is undone when the
    last load ends, if the collector was on before.
    """
    global _pauses, _was_enabled  # noqa: PLW0603  # the state of the process's collector
    with _pauses_lock:
        if not _pauses:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _pauses_lock:
            _pauses -= 1
            if not _pauses and _was_enabled:
                gc.enable()
