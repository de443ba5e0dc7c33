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

import enum
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from typing import Any, Final

import attrs

from . import _counting
from ._checks import (
    are_texts,
    by_value,
    check_unicode,
    enum_checked,
    is_date,
    is_str,
    read_iso_date,
    to_texts,
)
from .contingents import (
    RECORD_TYPES,
    Contingent,
    PersonnelType,
    Record,
    is_head_count,
)
from .countries import Country, is_alpha3
from .figures import MAX_MAGNITUDE, Figure, Qualifier, to_figure, trusted_figure
from .sources import Confidence, are_alternatives, to_alternatives, to_confidence

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


def _kind(cls: type[Record]) -> tuple[Any, ...]:
    """How to read one kind of record, derived from its attrs fields.

    Its class, its effect on the count, its figure's key, how many keys a record has that gives
    every field the loop reads, how many of them it must have, the setter of its figure, and
    the fields the loop does not read itself: the required enums, as (key, setter, members by
    value), and the optional fields set to their defaults. A kind with a field the loop cannot
    vouch for (another validator or converter, a required field of another type) is read by
    the detailed path, record by record: its last item is then False.
    """
    trusted = True
    enums: list[tuple[str, Callable[[object, object], None], Mapping[str, enum.Enum]]] = []
    defaults: list[tuple[Callable[[object, object], None], Any]] = []
    for field in attrs.fields(cls):
        known = _READ_BY_THE_LOOP.get(field.name)
        if field.name == cls.figure_field:
            known = (is_head_count, to_figure)
        if known is not None:
            validator, converter = known
            if field.name == "confidence":
                trusted &= enum_checked(field.validator) is Confidence
            else:
                trusted &= field.validator is validator
            trusted &= field.converter is converter
        elif field.default is attrs.NOTHING:
            checked = enum_checked(field.validator)
            if checked is None:
                trusted = False
            else:
                enums.append((field.name, _slot(cls, field.name), by_value(checked)))
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]  # attrs types it so
            trusted = False
        else:
            defaults.append((_slot(cls, field.name), field.default))
    required = 3 + len(enums)  # kind, on, the figure and the enums
    return (
        cls,
        cls.effect,
        cls.figure_field,
        required + len(_OPTIONAL_KEYS),
        required,
        _slot(cls, cls.figure_field),
        tuple(enums),
        tuple(defaults),
        trusted,
    )


_OPTIONAL_KEYS: Final = ("sources", "confidence", "note")
_READ_BY_THE_LOOP: Final[dict[str, tuple[object, object]]] = {
    "on": (is_date, None),
    "sources": (are_texts, to_texts),
    "alternatives": (are_alternatives, to_alternatives),
    "confidence": (None, to_confidence),
    "note": (is_str, None),
}
"""The fields the loop reads, with the validator and converter whose checks it makes."""
_KINDS: Final = {cls.kind: _kind(cls) for cls in RECORD_TYPES}
_CONFIDENCES: Final = by_value(Confidence)
_TYPES: Final = by_value(PersonnelType)
_QUALIFIERS: Final = by_value(Qualifier)
_CONTINGENT_KEYS: Final = frozenset(("country", "personnel_type", "history", "description"))
_CONTINGENT_DEFAULTS: Final = tuple(
    (_slot(Contingent, field.name), field.default)
    for field in attrs.fields(Contingent)
    if field.name not in _CONTINGENT_KEYS
)
"""The fields of a contingent that the reader does not read: a document that has one is read
by the detailed path; one that has none gets their defaults."""
if any(isinstance(default, attrs.Factory) for _, default in _CONTINGENT_DEFAULTS):  # type: ignore[arg-type]
    raise TypeError(
        "a field of Contingent with a factory default needs a place in the reader"
    )  # pragma: no cover
_CONTINGENT_CHECKS: Final[Callable[[Contingent], None] | None] = getattr(
    Contingent, "__attrs_post_init__", None
)
_FIGURE_KEYS: Final = frozenset(("value", "qualifier"))
_NO_SOURCES: Final[tuple[str, ...]] = ()
_NOT_FOLDED: Final = _counting.ContingentIndex.build(())
_ABSENT: Final = object()

_set_on = _slot(Record, "on")
_set_sources = _slot(Record, "sources")
_set_alternatives = _slot(Record, "alternatives")
_set_confidence = _slot(Record, "confidence")
_set_note = _slot(Record, "note")
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
        for set_default, default in _CONTINGENT_DEFAULTS:
            set_default(contingent, default)
        ids.update(source_id for sources in cited.values() for source_id in sources)
        _set_source_ids(contingent, frozenset(ids))
        if _CONTINGENT_CHECKS is not None:
            _CONTINGENT_CHECKS(contingent)  # the constructor's checks across fields
        return contingent

    def records(self, data: object) -> tuple[Record, ...]:
        """A list of records read on its own, in the order given.

        A list of records is not a history: it keeps its order, and is not folded.
        """
        records, _ = self._history(data, {}, set(), keep_order=True)
        return records

    def _history(  # noqa: C901, PLR0912, PLR0915  # one loop, with every check of a record in it
        self,
        data: object,
        cited: dict[tuple[str, ...], tuple[str, ...]],
        ids: set[str],
        *,
        keep_order: bool = False,
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
        in_order = not keep_order  # a list kept in its order is not folded
        for item in data:
            if type(item) is not dict:
                raise NotFast
            cls, effect, field, keys, required, set_figure, enums, defaults, trusted = kinds[
                item["kind"]
            ]
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
            # The keys besides kind, date, figure (and enums): the sources, if given, alone?
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
            if (
                len(item) != keys - (listed is _ABSENT) - (note == "") - (confidence is None)
                or not trusted
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
                for key, set_member, members in enums:
                    set_member(record, members[item[key]])
                for set_default, default in defaults:
                    set_default(record, default)
                record.__attrs_post_init__()  # the checks across fields, as the constructor's
            append(record)
            if in_order:
                try:
                    add((on, effect, figure))
                except _counting.OutOfOrderError:
                    in_order = False  # valid: it is sorted, then folded, below
        if keep_order:
            return tuple(records), _NOT_FOLDED
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
        """A date written YYYY-MM-DD, read as the detailed path reads it, and shared."""
        if type(text) is not str:
            raise NotFast
        day = read_iso_date(text)
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
