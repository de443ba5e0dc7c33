"""The fast path of the loader: contingents built from JSON data in one pass over each history.

The detailed path (cattrs, with every problem of a document collected and located) costs about
twenty times what parsing the JSON does. Valid documents do not need its bookkeeping, so the
loader first tries this path, which makes the same checks but stops at the first doubt, by
raising :class:`NotFast` or whatever exception the data causes; the loader then reads the
mission again by the detailed path, which reports every problem. An error message loses
nothing, and a valid document is read five to seven times faster (``docs/performance.md``).

What makes this path fast:

- one loop per history, with the checks of each field written out in it;
- objects built without their ``__init__``: the values are checked here, so the converters and
  validators would only check them again;
- equal values stored once: a date, a figure or a list of source ids that many records share is
  one object, which also makes a loaded dataset smaller;
- the history folded once, into the contingent's index, which is the check that its strength
  never goes negative.

A record that this path does not read itself (one with alternatives or a pledge increment) is
handed to the detailed path's hook for one record. Everything that is not a history goes through
the detailed path too: it is small.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any, Final

from . import _counting
from ._checks import check_unicode
from .contingents import (
    Arrival,
    Contingent,
    Departure,
    DepartureReason,
    PersonnelType,
    Pledge,
    Record,
    StrengthReport,
    Transfer,
)
from .countries import Country, is_alpha3
from .figures import MAX_MAGNITUDE, Figure, Qualifier, trusted_figure
from .sources import Confidence

__all__ = ["NotFast", "Reader"]


class NotFast(Exception):  # noqa: N818  # a signal to take the detailed path, not an error
    """This path cannot vouch for the data: the detailed path must read it."""


def _slot(cls: type, name: str) -> Callable[[object, object], None]:
    """The setter of the slot *name* of *cls*: it stores a value without ``__setattr__``."""
    for klass in cls.__mro__:
        if name in vars(klass):
            setter: Callable[[object, object], None] = vars(klass)[name].__set__
            return setter
    raise AttributeError(name)  # pragma: no cover  # the names below are the models' fields


def _kind(
    cls: type[Record], extra: tuple[str, ...] = ()
) -> tuple[type[Record], _counting.Effect, str, int, int, Callable[[object, object], None]]:
    """How to read one kind of record.

    Its class, its effect on the count, its figure's key, how many keys a record has that gives
    every field the loop reads, how many of them it must have, and the setter of its figure.
    """
    required = ("kind", "on", cls.figure_field, *extra)
    optional = ("sources", "confidence", "note")
    return (
        cls,
        cls.effect,
        cls.figure_field,
        len(required) + len(optional),
        len(required),
        _slot(cls, cls.figure_field),
    )


_KINDS: Final = {
    "pledge": _kind(Pledge),
    "arrival": _kind(Arrival),
    "departure": _kind(Departure, ("reason",)),
    "strength_report": _kind(StrengthReport),
    "transfer": _kind(Transfer, ("from_mission",)),
}
_CONFIDENCES: Final = {member.value: member for member in Confidence}
_REASONS: Final = {member.value: member for member in DepartureReason}
_TYPES: Final = {member.value: member for member in PersonnelType}
_QUALIFIERS: Final = {member.value: member for member in Qualifier}
_CONTINGENT_KEYS: Final = frozenset(("country", "personnel_type", "history", "description"))
_FIGURE_KEYS: Final = frozenset(("value", "qualifier"))
_NO_SOURCES: Final[tuple[str, ...]] = ()
_ABSENT: Final = object()

_set_on = _slot(Record, "on")
_set_sources = _slot(Record, "sources")
_set_alternatives = _slot(Record, "alternatives")
_set_confidence = _slot(Record, "confidence")
_set_note = _slot(Record, "note")
_set_reason = _slot(Departure, "reason")
_set_increment = _slot(Pledge, "increment")
_set_country = _slot(Contingent, "country")
_set_personnel_type = _slot(Contingent, "personnel_type")
_set_history = _slot(Contingent, "history")
_set_description = _slot(Contingent, "description")
_set_index = _slot(Contingent, "_index")
_set_source_ids = _slot(Contingent, "source_ids")


class Reader:
    """Reads the contingents of one mission, sharing equal values between them.

    *known* are the source ids the document defines; *read_record* reads one record by the
    detailed path, raising on any problem. Every method raises :class:`NotFast`, or whatever
    exception the data causes, when the data is not what it can vouch for.
    """

    def __init__(self, known: AbstractSet[str], read_record: Callable[[object], Record]) -> None:
        self._known = known
        self._read_record = read_record
        self._dates: dict[str, date] = {}
        self._figures: dict[object, Figure] = {}
        self._sources: dict[tuple[str, ...], tuple[str, ...]] = {}

    def contingent(self, data: object) -> Contingent:
        """A contingent from its JSON object, with its index and the ids it cites."""
        if type(data) is not dict or not data.keys() <= _CONTINGENT_KEYS:
            raise NotFast
        code = data["country"]
        personnel_type = _TYPES[data["personnel_type"]]
        description = data.get("description", "")
        if type(code) is not str or not is_alpha3(code) or not _is_text(description):
            raise NotFast
        cited: dict[tuple[str, ...], tuple[str, ...]] = {}
        ids: set[str] = set()
        history, index = self._history(data.get("history", []), cited, ids)
        contingent: Contingent = object.__new__(Contingent)
        _set_country(contingent, Country(code=code))
        _set_personnel_type(contingent, personnel_type)
        _set_history(contingent, history)
        _set_description(contingent, description)
        _set_index(contingent, index)
        ids.update(source_id for sources in cited.values() for source_id in sources)
        _set_source_ids(contingent, frozenset(ids))
        return contingent

    def _history(  # noqa: C901, PLR0912, PLR0915  # one loop, with every check of a record in it
        self, data: object, cited: dict[tuple[str, ...], tuple[str, ...]], ids: set[str]
    ) -> tuple[tuple[Record, ...], _counting.ContingentIndex]:
        """The records of a history, in counting order, and their fold.

        *cited* maps each list of source ids, as written, to the tuple the records share; the
        ids cited by the records read by the detailed path are added to *ids*.
        """
        if type(data) is not list:
            raise NotFast
        kinds = _KINDS
        dates = self._dates
        figures = self._figures
        new = object.__new__
        records: list[Record] = []
        append = records.append
        fold = _counting.Fold()
        add = fold.add
        in_order = True
        for item in data:
            if type(item) is not dict:
                raise NotFast
            cls, effect, field, keys, required, set_figure = kinds[item["kind"]]
            text = item["on"]
            on = dates.get(text) or self._date(text)
            value = item[field]
            figure = (figures.get(value) if type(value) is int else None) or self._figure(value)
            listed = item.get("sources", _ABSENT)
            if type(listed) is list:
                key = tuple(listed)
                sources = cited.get(key)
                if sources is None:
                    sources = cited[key] = self._source_ids(key)
            elif listed is _ABSENT:
                sources = _NO_SOURCES
            else:
                raise NotFast
            # The keys besides kind, date, figure (and reason): the sources, if given, alone?
            if len(item) - required == (listed is not _ABSENT):
                confidence = None
                note = ""
            else:
                confidence = item.get("confidence", _ABSENT)
                if confidence is _ABSENT:
                    confidence = None
                elif confidence is not None:
                    confidence = _CONFIDENCES[confidence]
                note = item.get("note", _ABSENT)
                if note is _ABSENT:
                    note = ""
                elif not _is_text(note):
                    raise NotFast
            # Every key was read above, or the record has one that this loop does not read.
            # A transfer (a handful per handover) is read by the detailed path too.
            if (
                len(item) != keys - (listed is _ABSENT) - (note == "") - (confidence is None)
                or cls is Transfer
            ):
                record = self._other(item, ids)
            else:
                record = new(cls)
                _set_on(record, on)
                _set_sources(record, sources)
                _set_alternatives(record, ())
                _set_confidence(record, confidence)
                _set_note(record, note)
                set_figure(record, figure)
                if cls is Departure:
                    _set_reason(record, _REASONS[item["reason"]])
                elif cls is Pledge:
                    _set_increment(record, None)  # a pledge with one is read by _other
            append(record)
            if in_order:
                try:
                    add((on, effect, figure))
                except _counting.OutOfOrderError:
                    in_order = False  # valid: it is sorted, then folded, below
        if in_order:
            return tuple(records), fold.finish()
        history = tuple(sorted(records, key=_counting.counting_order))
        return history, _counting.ContingentIndex.build(history)

    def _other(self, item: dict[str, Any], ids: set[str]) -> Record:
        """A record that the loop does not read itself, read by the detailed path.

        The ids it cites, its alternatives' included, are added to *ids*.
        """
        record = self._read_record(item)
        cited = {*record.sources}
        for alternative in record.alternatives:
            cited.update(alternative.sources)
        if not cited <= self._known:
            raise NotFast
        ids |= cited
        return record

    def _date(self, text: str) -> date:
        """A date written YYYY-MM-DD: the one form that the date writes back as it was read."""
        day = date.fromisoformat(text)  # a TypeError if not a str, a ValueError if not a date
        if day.isoformat() != text:
            raise NotFast
        self._dates[text] = day
        return day

    def _figure(self, data: object) -> Figure:
        """A head count: a whole number >= 0, bare or with its qualifier."""
        if type(data) is int:
            if not 0 <= data <= MAX_MAGNITUDE:
                raise NotFast
            figure = self._figures[data] = trusted_figure(data)
            return figure
        if type(data) is not dict or not data.keys() <= _FIGURE_KEYS:
            raise NotFast
        value = data["value"]
        qualifier = _QUALIFIERS[data.get("qualifier", "exact")]
        if type(value) is not int or not 0 <= value <= MAX_MAGNITUDE:
            raise NotFast
        key = (value, qualifier)
        shared = self._figures.get(key)
        if shared is None:
            shared = self._figures[key] = trusted_figure(value, qualifier)
        return shared

    def _source_ids(self, listed: tuple[Any, ...]) -> tuple[str, ...]:
        """A record's list of source ids, checked: known, distinct, and text."""
        shared = self._sources.get(listed)
        if shared is not None:
            return shared
        if len(set(listed)) != len(listed):
            raise NotFast
        for source_id in listed:
            if source_id not in self._known or not _is_text(source_id) or not source_id.strip():
                raise NotFast
        self._sources[listed] = listed
        return listed


def _is_text(value: object) -> bool:
    """Whether *value* is a string of valid Unicode (no lone surrogate)."""
    if type(value) is not str:
        return False
    try:
        check_unicode(value, ())
    except ValueError:
        return False
    return True
