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

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from .errors import DataError
from .figures import ZERO, Figure, Qualifier, larger

if TYPE_CHECKING:
    from .contingents import Record

K = TypeVar("K")

# Within one day, pledges come first and strength reports last: a report includes the day's
# movements. Arrivals precede departures so that a same-day rotation never dips below zero.
_RANK: Final = {"pledge": 0, "arrival": 1, "departure": 2, "strength_report": 3}


def sort_history(records: Sequence[Record]) -> tuple[Record, ...]:
    """*records* in counting order, checked: by date, and within a day by kind.

    Raises:
        DataError: the history makes the strength negative, or holds two pledges or two strength
            reports on one day. The problem's path is the record's index in *records*, as given.
    """
    order = sorted(range(len(records)), key=lambda i: (records[i].on, _RANK[records[i].kind]))
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
    """A value that changes on some days and holds until the next change; 0 before the first."""

    days: tuple[date, ...]
    values: tuple[Figure, ...]

    def at(self, day: date) -> Figure:
        """The value on *day*."""
        i = bisect_right(self.days, day)
        return self.values[i - 1] if i else ZERO


@attrs.frozen
class ContingentIndex:
    """A contingent's history folded into its deployed and committed step functions."""

    deployed_series: StepSeries
    committed_series: StepSeries

    @classmethod
    def build(cls, history: Sequence[Record]) -> ContingentIndex:
        """Fold a history that is already in counting order (see :func:`sort_history`)."""
        deployed = _Steps()
        committed = _Steps()
        strength = ZERO
        for day, positions in groupby(range(len(history)), key=lambda i: history[i].on):
            report, movement, last_departure = _one_day(history, positions, committed)
            if report is not None:
                strength = report
            elif movement is not None:
                after = strength + movement
                if after.value < 0:
                    raise _RecordProblem(
                        last_departure,
                        f"would leave {after} deployed on {day.isoformat()} "
                        f"(deployed before: {strength}; movements that day: {movement})",
                    )
                strength = after
            else:
                continue
            deployed.add(day, strength)
        return cls(deployed.freeze(), committed.freeze())

    def deployed(self, day: date) -> Figure:
        """Deployed strength on *day*."""
        return self.deployed_series.at(day)

    def committed(self, day: date) -> Figure:
        """Committed strength on *day*."""
        return self.committed_series.at(day)

    def at(self, day: date) -> tuple[Figure, Figure]:
        """``(committed, deployed)`` on *day*."""
        return self.committed_series.at(day), self.deployed_series.at(day)


def _one_day(
    history: Sequence[Record], positions: Iterable[int], committed: _Steps
) -> tuple[Figure | None, Figure | None, int]:
    """Read one day's records: add its pledge to *committed*; return its report and movement."""
    report: Figure | None = None
    movement: Figure | None = None
    last_departure = -1
    for i in positions:
        record = history[i]
        if record.kind == "pledge":
            if committed.days and committed.days[-1] == record.on:
                raise _RecordProblem(i, _second("pledge", record.on))
            committed.add(record.on, record.figure)
        elif record.kind == "strength_report":
            if report is not None:
                raise _RecordProblem(i, _second("strength report", record.on))
            report = record.figure
        elif record.kind == "arrival":
            movement = (movement or ZERO) + record.figure
        else:
            movement = (movement or ZERO) - record.figure
            last_departure = i
    return report, movement, last_departure


class _Steps:
    """A step function being built, one day at a time."""

    def __init__(self) -> None:
        self.days: list[date] = []
        self.values: list[Figure] = []

    def add(self, day: date, value: Figure) -> None:
        self.days.append(day)
        self.values.append(value)

    def freeze(self) -> StepSeries:
        return StepSeries(tuple(self.days), tuple(self.values))


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
    pledges = [record for record in known if record.kind == "pledge"]
    reports = [i for i, record in enumerate(known) if record.kind == "strength_report"]
    start = reports[-1] if reports else 0
    movements = [record for record in known[start:] if record.kind != "pledge"]
    return tuple(sorted(pledges[-1:] + movements, key=lambda r: (r.on, _RANK[r.kind])))


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
