"""A country's personnel in a mission, and the dated records of its history.

A :class:`Contingent` is one country's personnel of one :class:`PersonnelType` in a mission. Its
history is a date-ordered tuple of records: a :class:`Pledge` of a total strength, an
:class:`Arrival` or :class:`Departure` of personnel, a :class:`Transfer` of personnel from the
mission handing over, and a :class:`StrengthReport` that states the strength on a day
(:data:`RECORD_TYPES`; each declares its :class:`~haiti_mss.Effect` on the count). The rules
that turn the history into numbers live in one module, ``haiti_mss._counting``, and are
explained in ``docs/counting.md``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import Any, ClassVar, Final

import attrs

from . import _counting
from ._checks import (
    Rule,
    are_texts,
    as_tuple,
    is_acronym,
    is_date,
    is_int,
    is_str,
    member,
    member_of,
    optional_member_of,
    to_day,
    to_texts,
    tuple_of,
)
from ._counting import Effect
from .countries import Country, is_country, to_country
from .errors import DataError
from .figures import (
    MAX_MAGNITUDE,
    Figure,
    figure_schema,
    is_figure,
    is_optional_figure,
    parse_figure,
    to_figure,
    to_optional_figure,
)
from .sources import Alternative, Confidence, are_alternatives, to_alternatives, to_confidence

__all__ = [
    "Arrival",
    "Contingent",
    "Departure",
    "DepartureReason",
    "Effect",
    "PersonnelType",
    "Pledge",
    "Record",
    "StrengthReport",
    "Transfer",
]


class PersonnelType(enum.StrEnum):
    """The kind of personnel a contingent sends."""

    POLICE = "police"
    MILITARY = "military"
    CIVILIAN = "civilian"


class DepartureReason(enum.StrEnum):
    """Why personnel left the mission."""

    ROTATION = "rotation"
    WITHDRAWAL = "withdrawal"
    FATALITY = "fatality"
    OTHER = "other"


def check_head_count(value: Figure, where: str | int | tuple[str | int, ...]) -> None:
    """Raise unless *value* is a whole, non-negative number of people."""
    if not is_int(value.value):
        raise DataError.at(where, f"must be a whole number of people (got {value})")
    if value.value < 0:
        raise DataError.at(where, f"must be >= 0 (got {value})")


def _check_head_count(value: object) -> None:
    is_figure.check(value)
    check_head_count(value, ())  # type: ignore[arg-type]  # a Figure, checked above


is_head_count: Final[Rule[Figure]] = Rule(
    _check_head_count,
    parse_figure,
    figure_schema({"type": "integer", "minimum": 0, "maximum": MAX_MAGNITUDE}),
)
"""Rule: a :class:`Figure` whose value is a whole number of people, >= 0."""


def to_personnel_type(value: PersonnelType | str) -> PersonnelType:
    """Converter: a :class:`PersonnelType` or its value."""
    return member(PersonnelType, value)


def to_reason(value: DepartureReason | str) -> DepartureReason:
    """Converter: a :class:`DepartureReason` or its value."""
    return member(DepartureReason, value)


@attrs.frozen(kw_only=True)
class Record:
    """What every dated record of a contingent's history has.

    *sources* are ids of sources that the mission defines; *alternatives* keep the values that
    other sources reported for the record's figure (see :attr:`figure`); *confidence* grades the
    fact; *note* says in words what the record cannot.
    """

    kind: ClassVar[str] = "record"
    """The tag of the kind in a data file."""
    figure_field: ClassVar[str] = ""
    """The name of the field that holds the record's figure."""
    effect: ClassVar[Effect]
    """What the record does to the count; every kind of record declares it."""

    def __init_subclass__(cls, **kwargs: Any) -> None:  # noqa: ANN401  # passed on as given
        super().__init_subclass__(**kwargs)
        if not isinstance(getattr(cls, "effect", None), Effect):
            msg = f"{cls.__name__} must declare its effect on the count: an Effect"
            raise TypeError(msg)

    on: date = attrs.field(validator=is_date)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    alternatives: tuple[Alternative, ...] = attrs.field(
        default=(), converter=to_alternatives, validator=are_alternatives
    )
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        if type(self) not in RECORD_TYPES:
            raise DataError.at(
                (),
                f"{type(self).__name__} is not a kind of record: build a {record_kinds()}",
            )
        for i, alternative in enumerate(self.alternatives):
            check_head_count(alternative.value, ("alternatives", i, "value"))

    @property
    def figure(self) -> Figure:
        """The record's number, that is the pledged total or the personnel moved or counted."""
        value: Figure = getattr(self, self.figure_field)
        return value


@attrs.frozen(kw_only=True)
class Pledge(Record):
    """On day *on*, the country commits a *total* strength for the contingent.

    A later pledge replaces an earlier one, so *total* is the whole commitment: news that says
    "600 more, bringing the total to 1,000" is ``Pledge(total=1000, increment=600)``. A pledge of
    0 is a withdrawal.

    >>> Pledge(on=date(2024, 9, 21), total=1000, increment=600).total
    Figure(1000)
    """

    kind: ClassVar[str] = "pledge"
    figure_field: ClassVar[str] = "total"
    effect: ClassVar[Effect] = Effect.COMMIT

    total: Figure = attrs.field(converter=to_figure, validator=is_head_count)
    increment: Figure | None = attrs.field(
        default=None, converter=to_optional_figure, validator=is_optional_figure
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.increment is not None:
            check_head_count(self.increment, "increment")
            if self.increment.value > self.total.value:
                raise DataError.at(
                    "increment", f"{self.increment} more cannot bring the total to {self.total}"
                )


@attrs.frozen(kw_only=True)
class Arrival(Record):
    """On day *on*, *personnel* arrive in the host country.

    >>> Arrival(on=date(2024, 6, 25), personnel=200).personnel
    Figure(200)
    """

    kind: ClassVar[str] = "arrival"
    figure_field: ClassVar[str] = "personnel"
    effect: ClassVar[Effect] = Effect.ADD

    personnel: Figure = attrs.field(converter=to_figure, validator=is_head_count)


@attrs.frozen(kw_only=True)
class Transfer(Record):
    """On day *on*, *personnel* pass to this mission from the mission *from_mission*.

    It records a handover (see ``Mission.handover``): the personnel were already in the host
    country, in the mission that this one succeeds, and from this day on they are counted here.
    It counts as an arrival in the successor's history; the predecessor counts nobody from the
    day of the handover on. A dataset checks that *personnel* is the strength the predecessor's
    contingent had on the day before (:meth:`Mission.transfers` computes it).

    >>> Transfer(on=date(2025, 10, 2), personnel=Figure(150), from_mission="MSS").from_mission
    'MSS'
    """

    kind: ClassVar[str] = "transfer"
    figure_field: ClassVar[str] = "personnel"
    effect: ClassVar[Effect] = Effect.ADD

    personnel: Figure = attrs.field(converter=to_figure, validator=is_head_count)
    from_mission: str = attrs.field(validator=is_acronym)


@attrs.frozen(kw_only=True)
class Departure(Record):
    """On day *on*, *personnel* leave, for a :class:`DepartureReason`.

    >>> Departure(on=date(2025, 12, 8), personnel=100, reason="rotation").reason
    <DepartureReason.ROTATION: 'rotation'>
    """

    kind: ClassVar[str] = "departure"
    figure_field: ClassVar[str] = "personnel"
    effect: ClassVar[Effect] = Effect.SUBTRACT

    personnel: Figure = attrs.field(converter=to_figure, validator=is_head_count)
    reason: DepartureReason = attrs.field(converter=to_reason, validator=member_of(DepartureReason))


@attrs.frozen(kw_only=True)
class StrengthReport(Record):
    """A source states the contingent's strength on day *on*; counting starts again from it.

    A report on the same day as an arrival or departure already includes it.

    >>> StrengthReport(on=date(2025, 8, 28), personnel=Figure(700, "more_than")).personnel
    Figure(700, 'more_than')
    """

    kind: ClassVar[str] = "strength_report"
    figure_field: ClassVar[str] = "personnel"
    effect: ClassVar[Effect] = Effect.RESET

    personnel: Figure = attrs.field(converter=to_figure, validator=is_head_count)


def _records(count: int) -> str:
    return f"{count} record{'s' * (count != 1)}"


def _span(history: tuple[Record, ...]) -> str:
    if not history:
        return ""
    return f", {history[0].on.isoformat()} to {history[-1].on.isoformat()}"


RECORD_TYPES: tuple[type[Record], ...] = (Pledge, Arrival, Transfer, Departure, StrengthReport)
"""The kinds of record a history may hold, in the order they count within one day."""


def to_history(value: Iterable[Record]) -> tuple[Record, ...]:
    """Converter for a history: records in any order become a tuple in counting order.

    Raises:
        DataError: the history is inconsistent (see :func:`haiti_mss._counting.sort_history`).
    """
    records = as_tuple(value)
    if not isinstance(records, tuple) or not all(isinstance(r, RECORD_TYPES) for r in records):
        return records  # the validator reports what is not a record
    return _counting.sort_history(records)


def record_kinds() -> str:
    """The classes of :data:`RECORD_TYPES` in words: "Pledge, Arrival, ... or StrengthReport"."""
    *most, last = (cls.__name__ for cls in RECORD_TYPES)
    return f"{', '.join(most)} or {last}" if most else last


def is_history(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a tuple of records of the kinds in :data:`RECORD_TYPES`."""
    tuple_of(RECORD_TYPES, record_kinds())(instance, attribute, value)


@attrs.frozen(kw_only=True)
class Contingent:
    """One country's personnel of one type in a mission, and its dated history.

    The history may be given in any order and as a list; it is stored as a tuple in date order
    (within a day: pledges, arrivals, departures, then strength reports). A history that would
    make the strength negative, or that holds two pledges or two strength reports on one day,
    is refused.

    >>> ken = Contingent(
    ...     country="Kenya",
    ...     personnel_type="police",
    ...     history=[
    ...         Arrival(on=date(2024, 7, 16), personnel=200),
    ...         Pledge(on=date(2023, 7, 29), total=1000),
    ...         Arrival(on=date(2024, 6, 25), personnel=200),
    ...     ],
    ... )
    >>> [record.kind for record in ken.history]
    ['pledge', 'arrival', 'arrival']
    >>> ken.deployed_on("2024-07-01"), ken.outstanding_on("2024-07-01")
    (Figure(200), Figure(800))
    """

    country: Country = attrs.field(converter=to_country, validator=is_country)
    personnel_type: PersonnelType = attrs.field(
        converter=to_personnel_type, validator=member_of(PersonnelType)
    )
    history: tuple[Record, ...] = attrs.field(
        default=(), converter=to_history, validator=is_history
    )
    description: str = attrs.field(default="", validator=is_str)

    @cached_property
    def _index(self) -> _counting.ContingentIndex:
        return _counting.ContingentIndex.build(self.history)

    @cached_property
    def source_ids(self) -> frozenset[str]:
        """The ids of the sources that the history cites, its records' alternatives included."""
        ids = {source_id for record in self.history for source_id in record.sources}
        ids.update(
            source_id
            for record in self.history
            for alternative in record.alternatives
            for source_id in alternative.sources
        )
        return frozenset(ids)

    def __repr__(self) -> str:
        kind = self.personnel_type.value
        history = f"<{_records(len(self.history))}{_span(self.history)}>"
        return (
            f"Contingent(country={self.country.code!r}, personnel_type={kind!r}, history={history})"
        )

    def __str__(self) -> str:
        history = f"{_records(len(self.history))}{_span(self.history)}"
        return f"{self.country} {self.personnel_type}: {history}"

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        rows = (
            (
                _html.text(record.on),
                _html.text(record.kind.replace("_", " ")),
                _html.figure(record.figure),
                _html.text("; ".join(str(a.value) for a in record.alternatives)),
                _html.cited(record.sources),
            )
            for record in self.history
        )
        headers = ("date", "record", "figure", "other sources say", "sources")
        return _html.table(headers, rows, caption=_html.text(self))

    @property
    def key(self) -> tuple[Country, PersonnelType]:
        """``(country, personnel_type)``, unique within a mission."""
        return (self.country, self.personnel_type)

    @property
    def last_record_date(self) -> date | None:
        """The date of the latest record, or ``None`` for an empty history."""
        return self.history[-1].on if self.history else None

    def deployed_on(self, day: date | str) -> Figure:
        """The contingent's deployed strength on *day* (see ``docs/counting.md``)."""
        return self._index.deployed(to_day(day, "day"))

    def committed_on(self, day: date | str) -> Figure:
        """The total of the latest pledge on or before *day*; 0 if none."""
        return self._index.committed(to_day(day, "day"))

    def records_counted_on(self, day: date | str) -> tuple[Record, ...]:
        """The records that the numbers of *day* rest on: what to cite for them."""
        return _counting.counted_records(self.history, to_day(day, "day"))

    def outstanding_on(self, day: date | str) -> Figure:
        """What is committed but not deployed on *day*: max(0, committed - deployed)."""
        return _counting.outstanding(*self._index.at(to_day(day, "day")))

    def projected_on(self, day: date | str) -> Figure:
        """The strength the contingent is heading for on *day*: max(committed, deployed)."""
        return _counting.projected(*self._index.at(to_day(day, "day")))
