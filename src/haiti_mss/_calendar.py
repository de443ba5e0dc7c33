"""Date series for timelines, built with :mod:`dateutil.rrule` on demand."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING, Final, Literal

from ._checks import show, type_name
from .errors import DataError

if TYPE_CHECKING:
    from dateutil.rrule import rrule

Frequency = Literal["daily", "weekly", "monthly", "quarterly", "yearly"]
FREQUENCIES: Final[tuple[Frequency, ...]] = ("daily", "weekly", "monthly", "quarterly", "yearly")


def series(start: date, end: date, rule: Frequency | rrule) -> tuple[date, ...]:
    """The days of *rule* from *start* to *end*, both inclusive.

    A named frequency counts from *start*: "monthly" from 31 January gives 29 February, 31 March,
    30 April (the last day of a month that is too short, never a skipped month). An
    :class:`~dateutil.rrule.rrule` is used as given, keeping its occurrences between *start* and
    *end*.
    """
    from dateutil import rrule as rr  # noqa: PLC0415  # loaded only when a series is asked for

    if end < start:
        raise DataError.at(
            "end", f"{end.isoformat()} is before start {start.isoformat()}; no dates between them"
        )
    first = datetime.combine(start, time.min)
    if isinstance(rule, rr.rrule):
        # The whole of the end day counts: an occurrence at noon on it is included.
        try:
            found = rule.between(first, datetime.combine(end, time.max), inc=True)
        except TypeError as error:  # e.g. a time zone in the rule's dtstart
            raise DataError.at("rule", f"cannot be used here: {error}") from None
        return tuple(d.date() for d in found)
    last = datetime.combine(end, time.min)
    if rule not in FREQUENCIES:
        raise DataError.at(
            "rule",
            f"must be one of {', '.join(FREQUENCIES)} or a dateutil rrule, "
            f"not {type_name(rule)} ({show(rule)})",
        )
    if rule == "daily":
        built = rr.rrule(rr.DAILY, dtstart=first, until=last)
    elif rule == "weekly":
        built = rr.rrule(rr.WEEKLY, dtstart=first, until=last)
    else:
        interval = {"monthly": 1, "quarterly": 3, "yearly": 12}[rule]
        # bymonthday up to the start's day, last one that exists: clamps 31 to 30, 29 or 28.
        days = tuple(range(min(start.day, 28), start.day + 1))
        built = rr.rrule(
            rr.MONTHLY, interval=interval, dtstart=first, until=last, bymonthday=days, bysetpos=-1
        )
    return tuple(d.date() for d in built)
