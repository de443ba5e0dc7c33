"""The counting rules, in one place.

Every number that haiti_mss reports is computed here, from dated records, by the rules that
``docs/counting.md`` states in words:

- deployed strength on day d: the latest strength report on or before d (0 if none), plus the
  arrivals and minus the departures dated after that report and on or before d; a report on the
  same day as a movement already includes it;
- committed on d: the total of the latest pledge on or before d (0 if none);
- outstanding = max(0, committed - deployed); projected = max(committed, deployed);
- mission totals are sums over contingents.

A contingent's history is folded once into two step functions (deployed and committed, each a
sorted tuple of days and the value from that day on), so that a query is a binary search.
"""

from __future__ import annotations

import enum
from bisect import bisect_right
from collections.abc import Callable, Generator, Iterable, Sequence
from datetime import date
from operator import attrgetter
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from .errors import DataError
from .figures import MAX_MAGNITUDE, ZERO, Figure, Qualifier, larger, trusted_figure

if TYPE_CHECKING:
    from .contingents import Record

K = TypeVar("K")


class Effect(enum.Enum):
    """What a kind of record does to the count; each kind of record declares one.

    The members are in the order they act within one day: commitments first and reports last,
    since a report of a day includes the day's movements; additions before subtractions, so
    that a same-day rotation never dips below zero.
    """

    COMMIT = "commit"
    """Sets the committed total, as a pledge does."""
    ADD = "add"
    """Adds personnel to the deployed strength, as an arrival or a transfer in does."""
    SUBTRACT = "subtract"
    """Takes personnel from the deployed strength, as a departure does."""
    RESET = "reset"
    """States the deployed strength, which counting restarts from, as a strength report does."""


RANK: Final = {effect: rank for rank, effect in enumerate(Effect)}
"""Each effect's place within one day, from the order of :class:`Effect`."""
_COMMIT: Final = Effect.COMMIT
_ADD: Final = Effect.ADD
_SUBTRACT: Final = Effect.SUBTRACT
_RESET: Final = Effect.RESET


def counting_order(record: Record) -> tuple[date, int]:
    """The key that sorts records in counting order: by date, and within a day by effect."""
    return record.on, RANK[type(record).effect]


def sort_history(records: Sequence[Record]) -> tuple[Record, ...]:
    """*records* in counting order, checked: by date, and within a day by kind.

    The history is folded to check it. A contingent built by its constructor folds it again
    for its first query (a converter cannot hand the fold on: cattrs calls it again, on the
    finished contingent, to compare the history with its default); the fast reader keeps the
    fold it makes as the contingent's index.

    Raises:
        DataError: the history makes the strength negative, or holds two pledges or two strength
            reports on one day. The problem's path is the record's index in *records*, as given.
    """
    keys = [counting_order(record) for record in records]
    if keys == sorted(keys):  # as written by to_json: linear time, no reordering
        order: Sequence[int] = range(len(records))
        ordered = tuple(records)
    else:
        order = sorted(range(len(records)), key=keys.__getitem__)
        ordered = tuple(records[i] for i in order)
    try:
        ContingentIndex.build(ordered)
    except _RecordProblem as problem:
        raise DataError.at(("history", order[problem.position]), problem.message) from None
    return ordered


class _RecordProblem(Exception):  # noqa: N818  # internal signal, turned into a DataError
    def __init__(self, position: int, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


@attrs.frozen
class StepSeries:
    """A value that changes on some days and holds until the next change; 0 before the first.

    Stored as plain numbers and their qualifiers, one of each per day of change; a query makes
    the :class:`Figure` of its day.
    """

    days: tuple[date, ...]
    values: tuple[float, ...]
    qualifiers: tuple[Qualifier, ...]

    def at(self, day: date) -> Figure:
        """The value on *day*."""
        i = bisect_right(self.days, day)
        return trusted_figure(self.values[i - 1], self.qualifiers[i - 1]) if i else ZERO


# The qualifier of a sum, for every pair of qualifiers: the fold adds plain numbers.
_PLUS: Final = {(a, b): a.plus(b) for a in Qualifier for b in Qualifier}
_MINUS: Final = {(a, b): a.plus(b.flipped()) for a in Qualifier for b in Qualifier}
_EXACT: Final = Qualifier.EXACT
_END: Final = (date.max, Effect.COMMIT, ZERO)
"""What the fold reads at the end of a history: no day is later, so it closes the last one."""


@attrs.frozen
class ContingentIndex:
    """A contingent's history folded into its deployed and committed step functions."""

    deployed_series: StepSeries
    committed_series: StepSeries

    @classmethod
    def build(cls, history: Sequence[Record]) -> ContingentIndex:
        """Fold a history that is in counting order (see :func:`sort_history`)."""
        fold = Fold()
        add = fold.add
        for record in history:
            record_type = type(record)
            spec = _SPECS.get(record_type) or _spec(record_type)
            add((record.on, spec[0], spec[1](record)))
        return fold.finish()

    def deployed(self, day: date) -> Figure:
        """Deployed strength on *day*."""
        return self.deployed_series.at(day)

    def committed(self, day: date) -> Figure:
        """Committed strength on *day*."""
        return self.committed_series.at(day)

    def at(self, day: date) -> tuple[Figure, Figure]:
        """``(committed, deployed)`` on *day*."""
        return self.committed_series.at(day), self.deployed_series.at(day)


class OutOfOrderError(ValueError):
    """A record, at this position in its history, comes before the one it follows."""


_SPECS: dict[type, tuple[Effect, Callable[[Record], Figure]]] = {}


def _spec(record_type: type[Record]) -> tuple[Effect, Callable[[Record], Figure]]:
    """A kind of record's effect on the count, and how to read its figure."""
    spec = (record_type.effect, attrgetter(record_type.figure_field))
    _SPECS[record_type] = spec
    return spec


class Fold:
    """A history folded one record at a time, in counting order, into a :class:`ContingentIndex`.

    ``add((day, effect, figure))`` takes the next record: its date, its :class:`Effect` on the
    count and its figure. The loader calls it as it reads each record, and
    :meth:`ContingentIndex.build` for a history already built: the rules live in one place.

    Raises (from ``add`` and :meth:`finish`):
        _RecordProblem: a second pledge or strength report on one day, or movements that
            leave the strength negative; its position is the record's index in the history.
        OutOfOrderError: a record out of counting order.
    """

    def __init__(self) -> None:
        self._steps = _fold()
        next(self._steps)
        self.add = self._steps.send

    def finish(self) -> ContingentIndex:
        """The index of the records added."""
        try:
            self._steps.send(None)
        except StopIteration as stop:
            index: ContingentIndex = stop.value
            return index
        raise AssertionError  # pragma: no cover  # _fold returns on None


def _fold() -> Generator[None, tuple[date, Effect, Figure] | None, ContingentIndex]:  # noqa: C901, PLR0912, PLR0915
    """The fold, as a generator: its state stays in local variables between records.

    A day's movements are summed in plain numbers, with the qualifier of the sum looked up in
    a table, then added to the strength when the day ends.
    """
    committed_days: list[date] = []
    committed_values: list[float] = []
    committed_qualifiers: list[Qualifier] = []
    deployed_days: list[date] = []
    deployed_values: list[float] = []
    deployed_qualifiers: list[Qualifier] = []
    value: float = 0
    qualifier = _EXACT
    day = date.min
    rank = 0
    report: Figure | None = None
    moved: float = 0
    moved_qualifier = _EXACT
    moving = False
    last_arrival = last_departure = position = -1
    while True:
        item = yield
        ended = item is None
        on, effect, figure = _END if item is None else item
        record_rank = RANK[effect]
        position += 1
        # A new day, or the end of the history, closes the day before.
        if ended or (on is not day and on != day):  # the loader shares equal dates
            if on < day:
                raise OutOfOrderError(position)
            if report is not None:
                value = report.value
                qualifier = report.qualifier
            elif moving:
                if value + moved < 0:
                    raise _negative(
                        day,
                        Figure(value, qualifier),
                        Figure(moved, moved_qualifier),
                        last_departure,
                    )
                if value + moved > MAX_MAGNITUDE:
                    raise _too_large(day, value + moved, last_arrival)
                value += moved
                if moved_qualifier is not _EXACT:
                    qualifier = _PLUS[qualifier, moved_qualifier]
            if report is not None or moving:
                deployed_days.append(day)
                deployed_values.append(value)
                deployed_qualifiers.append(qualifier)
                report = None
                moved = 0
                moved_qualifier = _EXACT
                moving = False
            if ended:
                break
            day = on
        elif record_rank < rank:
            raise OutOfOrderError(position)
        rank = record_rank
        if effect is _ADD:
            moved += figure.value
            if figure.qualifier is not _EXACT:
                moved_qualifier = _PLUS[moved_qualifier, figure.qualifier]
            moving = True
            last_arrival = position
        elif effect is _SUBTRACT:
            moved -= figure.value
            if figure.qualifier is not _EXACT:
                moved_qualifier = _MINUS[moved_qualifier, figure.qualifier]
            moving = True
            last_departure = position
        elif effect is _COMMIT:
            if committed_days and committed_days[-1] == on:
                raise _RecordProblem(position, _second("pledge", on))
            committed_days.append(on)
            committed_values.append(figure.value)
            committed_qualifiers.append(figure.qualifier)
        elif effect is _RESET:
            if report is not None:
                raise _RecordProblem(position, _second("strength report", on))
            report = figure
        else:  # pragma: no cover  # RANK[effect] above refuses anything but an Effect
            raise AssertionError(effect)
    return ContingentIndex(
        StepSeries(tuple(deployed_days), tuple(deployed_values), tuple(deployed_qualifiers)),
        StepSeries(tuple(committed_days), tuple(committed_values), tuple(committed_qualifiers)),
    )


def _negative(day: date, before: Figure, movement: Figure, position: int) -> _RecordProblem:
    """The problem of a day whose movements leave the strength negative."""
    return _RecordProblem(
        position,
        f"would leave {before + movement} deployed on {day.isoformat()} "
        f"(deployed before: {before}; movements that day: {movement})",
    )


def _too_large(day: date, value: float, position: int) -> _RecordProblem:
    """The problem of a day whose arrivals take the strength past the largest figure."""
    return _RecordProblem(
        position,
        f"would bring the strength on {day.isoformat()} to {value:,}, "
        "more than the largest figure, 10**15",
    )


def _second(what: str, day: date) -> str:
    return (
        f"a second {what} on {day.isoformat()}; "
        "record a disagreement between sources as an alternative of one record"
    )


def counted_records(history: Sequence[Record], day: date) -> tuple[Record, ...]:
    """The records of a history, in counting order, that the numbers of *day* rest on.

    The latest pledge on or before *day*, and the latest strength report on or before it with
    the arrivals and departures after it (or all of them, without a report).
    """
    known = [record for record in history if record.on <= day]
    pledges = [record for record in known if type(record).effect is _COMMIT]
    reports = [i for i, record in enumerate(known) if type(record).effect is _RESET]
    start = reports[-1] if reports else 0
    movements = [record for record in known[start:] if type(record).effect is not _COMMIT]
    return tuple(sorted(pledges[-1:] + movements, key=counting_order))


def outstanding(committed: Figure, deployed: Figure) -> Figure:
    """What is committed but not deployed: max(0, committed - deployed)."""
    return larger(ZERO, committed - deployed)


def projected(committed: Figure, deployed: Figure) -> Figure:
    """The strength a contingent is heading for: max(committed, deployed), committed on a tie."""
    return larger(committed, deployed)


def totals_by(pairs: Iterable[tuple[K, Figure]]) -> list[tuple[K, Figure]]:
    """The total of the figures of each key, largest first (then by key, for a stable order)."""
    grouped: dict[K, list[Figure]] = {}
    for key, figure in pairs:
        grouped.setdefault(key, []).append(figure)
    totals = [(key, total(figures)) for key, figures in grouped.items()]
    totals.sort(key=lambda item: (-item[1].value, str(item[0])))
    return totals


def ratio_basis(ceiling: Figure | None, planned: Figure | None) -> Figure | None:
    """What the deployment ratio divides by: the authorised ceiling, else the planned strength."""
    return ceiling if ceiling is not None else planned


def ratio(part: Figure, whole: Figure) -> tuple[float, Qualifier]:
    """*part* / *whole* and its qualifier: dividing by a bound flips it, as subtracting does."""
    return part.value / whole.value, part.qualifier.plus(whole.qualifier.flipped())


def total(figures: Iterable[Figure]) -> Figure:
    """The sum of *figures*, with the qualifier the rules give a sum; 0 for none."""
    result = ZERO
    for figure in figures:
        result += figure
    return result
