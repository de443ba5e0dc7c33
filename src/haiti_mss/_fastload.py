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
from ._checks import Rule, enum_checked
from .contingents import RECORD_TYPES, Contingent, Record, is_head_count
from .countries import Country
from .figures import Figure, to_figure

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


def _rule(cls: type, name: str) -> Rule[Any]:
    """The rule of field *name* of *cls*: the loop reads the field by it.

    Raises:
        TypeError: the field's validator is not a rule (see ``haiti_mss._checks.Rule``), so the
            loop could not make its check; give the field a rule, or take it out of the loop.
    """
    validator = attrs.fields_dict(cls)[name].validator
    if not isinstance(validator, Rule):  # pragma: no cover  # every field the loop reads has one
        raise TypeError(f"{cls.__name__}.{name} has no rule for the fast reader to read it by")
    return validator


def _kind(cls: type[Record]) -> tuple[Any, ...]:
    """How to read one kind of record, derived from its attrs fields.

    Its class, its effect on the count, its figure's key, how many keys a record has that gives
    every field the loop reads, how many of them it must have, the setter of its figure, and
    the fields the loop does not read itself: the required enums, as (key, setter, members by
    value), and the optional fields set to their defaults. A kind whose fields the loop reads
    are not checked by the rules it reads them with (those of :class:`Record`), or with a field
    the loop cannot vouch for (another validator, a factory default), is read by the detailed
    path, record by record: its last item is then False.
    """
    trusted = True
    enums: list[tuple[str, Callable[[object, object], None], Mapping[str, enum.Enum]]] = []
    defaults: list[tuple[Callable[[object, object], None], Any]] = []
    for field in attrs.fields(cls):
        if field.name == cls.figure_field:
            trusted &= field.validator is _FIGURE_RULE and field.converter is to_figure
        elif field.name in _READ_BY_THE_LOOP:
            trusted &= _same_field(field, _RECORD_FIELDS[field.name])
        elif field.default is attrs.NOTHING:
            members = enum_checked(field.validator)
            if members is None:
                trusted = False
            else:
                enums.append((field.name, _slot(cls, field.name), members))
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


def _members(cls: type, name: str) -> Mapping[str, enum.Enum]:
    """The members by value of the enum that field *name* of *cls* holds (see :func:`_rule`)."""
    members = enum_checked(attrs.fields_dict(cls)[name].validator)
    if members is None:  # pragma: no cover  # the enum fields the loop reads have a rule
        raise TypeError(f"{cls.__name__}.{name} has no rule of enum members")
    return members


def _same_field(field: attrs.Attribute[Any], base: attrs.Attribute[Any]) -> bool:
    """Whether *field* of a kind of record is checked and converted as *base*, of Record, is."""
    return field.validator is base.validator and field.converter is base.converter


_RECORD_FIELDS: Final = {field.name: field for field in attrs.fields(Record)}
_OPTIONAL_KEYS: Final = ("sources", "confidence", "note")
_READ_BY_THE_LOOP: Final = ("on", "sources", "alternatives", "confidence", "note")
"""The fields of :class:`Record` the loop reads, each by the rule of Record's field."""
_FIGURE_RULE: Final = is_head_count
"""The rule of every kind's figure that the loop reads (its converter is ``to_figure``)."""
_read_date: Final[Callable[[object], date]] = _rule(Record, "on").read
_read_sources: Final[Callable[[object], tuple[str, ...]]] = _rule(Record, "sources").read
_read_note: Final[Callable[[object], str]] = _rule(Record, "note").read
_read_figure: Final[Callable[[object], Figure]] = _FIGURE_RULE.read
_read_country: Final[Callable[[object], Country]] = _rule(Contingent, "country").read
_read_description: Final[Callable[[object], str]] = _rule(Contingent, "description").read
_CONFIDENCES: Final = _members(Record, "confidence")
_TYPES: Final = _members(Contingent, "personnel_type")
_KINDS: Final = {cls.kind: _kind(cls) for cls in RECORD_TYPES}
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

    *known* are the source ids the document defines, or None where any id may be cited (a
    contingent or a list of records read on its own); *read_record* reads one record by the
    detailed path, raising on any problem. Every method raises :class:`NotFast`, or whatever
    exception the data causes, when the data is not what it can vouch for.
    """

    def __init__(
        self, known: AbstractSet[str] | None, read_record: Callable[[object], Record]
    ) -> None:
        self._known = known
        self._read_record = read_record
        self._dates: dict[str, date] = {}
        self._figures: dict[object, Figure] = {}
        self._sources: dict[tuple[str, ...], tuple[str, ...]] = {}

    def contingent(self, data: object) -> Contingent:
        """A contingent from its JSON object, with its index and the ids it cites."""
        if type(data) is not dict or not data.keys() <= _CONTINGENT_KEYS:
            raise NotFast
        country = _read_country(data["country"])
        personnel_type = _TYPES[data["personnel_type"]]
        description = _read_description(data.get("description", ""))
        cited: dict[tuple[str, ...], tuple[str, ...]] = {}
        ids: set[str] = set()
        history, index = self._history(data.get("history", []), cited, ids)
        contingent: Contingent = object.__new__(Contingent)
        _set_country(contingent, country)
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
                    sources = cited[key] = self._source_ids(listed, key)
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
                note = "" if note is _ABSENT else _read_note(note)
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
        if self._known is not None and not cited <= self._known:
            raise NotFast
        ids |= cited
        return record

    def _date(self, text: str) -> date:
        """A date written YYYY-MM-DD, read by the rule of :attr:`Record.on`, and shared."""
        day = self._dates[text] = _read_date(text)
        return day

    def _figure(self, data: object) -> Figure:
        """A head count, bare or with its qualifier, read by the rule of the figures, and shared.

        Equal figures are one object: they are looked up by their value and qualifier as
        written, when both are of the JSON type that the rule accepts (so that ``1.0`` or
        ``true`` is never taken for ``1``).
        """
        key: object = None
        if type(data) is int:
            key = data
        elif type(data) is dict and data.keys() <= _FIGURE_KEYS:
            value = data.get("value")
            qualifier = data.get("qualifier", "exact")
            if type(value) is int and type(qualifier) is str:
                key = (value, qualifier)
        shared = self._figures.get(key) if key is not None else None
        if shared is None:
            shared = _read_figure(data)
            if key is not None:
                self._figures[key] = shared
        return shared

    def _source_ids(self, listed: list[Any], key: tuple[Any, ...]) -> tuple[str, ...]:
        """A record's list of source ids, read by the rule of :attr:`Record.sources`: and known."""
        shared = self._sources.get(key)
        if shared is not None:
            return shared
        ids: tuple[str, ...] = _read_sources(listed)
        if self._known is not None and not self._known >= set(ids):
            raise NotFast  # the detailed path says which is unknown, in its one message
        self._sources[key] = ids
        return ids
