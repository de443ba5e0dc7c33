"""Security Council mandates and their timeline: :class:`Mandate`, :class:`MandateTimeline`.

A mandate is one Security Council decision that authorises a mission until a date. The
timeline answers which mandate is in force on a day, how many days it has left, and where the
authorisation lapsed between two mandates.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from functools import cached_property
from heapq import heappop, heappush
from typing import TYPE_CHECKING, Any, Final, Literal, Self, overload

import attrs

from ._checks import (
    LAST_DAY,
    are_texts,
    as_tuple,
    check_date,
    instance_of,
    is_count,
    is_date,
    is_str,
    matches,
    optional_member_of,
    show,
    to_day,
    to_texts,
    tuple_of,
    type_name,
)
from .countries import Country, are_countries, to_countries
from .errors import DataError, Problem
from .figures import Figure, is_optional_strength, to_optional_figure
from .sources import Confidence, to_confidence

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    from dateutil.relativedelta import relativedelta

    from .frames import Frame

__all__ = ["Authorisation", "Duration", "Lapse", "Mandate", "MandateTimeline", "Vote"]

_ISO_DURATION: Final = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?", re.IGNORECASE | re.ASCII
)
_NUMBERS: Final = {
    word: n
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"a": 1, "an": 1}
_WORDS: Final = re.compile(r"(\d+|[a-z]+)[\s-]+(year|month|week|day)s?", re.IGNORECASE | re.ASCII)
_UNIT_FIELDS: Final = {"year": "years", "month": "months", "week": "weeks", "day": "days"}


LONGEST_DURATION: Final = 100
"""The longest duration text read: "twenty years, twenty months, twenty weeks and twenty days"
has 57 characters. Longer text is refused unread, as reading it would take time that grows
with the square of its length."""


def _at_most_10000(_: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if value > 10_000:
        raise DataError.at(attribute.name, f"must be at most 10,000 (got {show(value)})")


@attrs.frozen(kw_only=True)
class Duration:
    """A calendar period: years, months, weeks and days, as a mandate's term is written.

    It is our own frozen value (a :class:`~dateutil.relativedelta.relativedelta` is mutable);
    :meth:`to_relativedelta` builds the dateutil object on demand, and adding a duration to a
    date uses it, so months end where calendars say they do.

    >>> Duration.parse("twelve months")
    Duration(years=0, months=12, weeks=0, days=0)
    >>> str(Duration(months=12))
    'P12M'
    >>> date(2024, 1, 31) + Duration(months=1)
    datetime.date(2024, 2, 29)
    """

    years: int = attrs.field(default=0, validator=[is_count, _at_most_10000])
    months: int = attrs.field(default=0, validator=[is_count, _at_most_10000])
    weeks: int = attrs.field(default=0, validator=[is_count, _at_most_10000])
    days: int = attrs.field(default=0, validator=[is_count, _at_most_10000])

    @classmethod
    def parse(cls, text: str) -> Self:
        """Read an ISO 8601 duration ("P12M", "P1Y6M") or words ("twelve months", "1 year").

        Raises:
            DataError: *text* is neither, or is longer than 100 characters.
        """
        if not isinstance(text, str):
            raise DataError.at((), f"Duration.parse needs a string, not {type_name(text)}")
        if len(text) > LONGEST_DURATION:
            raise DataError.at(
                (),
                f"{show(text)} is too long to be a duration ({len(text):,} characters; "
                f"at most {LONGEST_DURATION})",
            )
        stripped = text.strip()
        match = _ISO_DURATION.fullmatch(stripped)
        if match and any(match.groups()):
            years, months, weeks, days = (int(g or 0) for g in match.groups())
            return cls(years=years, months=months, weeks=weeks, days=days)
        parts: dict[str, int] = {}
        position = 0
        for found in _WORDS.finditer(stripped):
            between = stripped[position : found.start()].strip(" ,").lower()
            count_text, unit = found[1].lower(), _UNIT_FIELDS[found[2].lower()]
            count = int(count_text) if count_text.isdigit() else _NUMBERS.get(count_text)
            if between not in {"", "and"} or count is None or unit in parts:
                break
            parts[unit] = count
            position = found.end()
        else:
            if parts and not stripped[position:].strip():
                return cls(**parts)
        raise DataError.at(
            (), f"cannot read {show(text)} as a duration; write it like 'P12M' or 'twelve months'"
        )

    def to_relativedelta(self) -> relativedelta:
        """A new :class:`~dateutil.relativedelta.relativedelta` for this duration."""
        from dateutil.relativedelta import relativedelta  # noqa: PLC0415  # loaded when needed

        return relativedelta(years=self.years, months=self.months, weeks=self.weeks, days=self.days)

    def __radd__(self, other: date) -> date:
        if type(other) is not date:
            return NotImplemented
        try:
            result: date = other + self.to_relativedelta()
        except (OverflowError, ValueError):  # past the year 9999: OverflowError for days
            raise DataError.at(
                (), f"{other.isoformat()} + {self} is past 9999-12-31, the end of the calendar"
            ) from None
        return result

    def __str__(self) -> str:
        text = "".join(
            f"{n}{unit}"
            for n, unit in zip(
                (self.years, self.months, self.weeks, self.days), "YMWD", strict=True
            )
            if n
        )
        return f"P{text or '0D'}"


@attrs.frozen(kw_only=True)
class Vote:
    """How the Security Council voted: in favour, against, abstaining.

    *abstainers* may name the members that abstained; when given, there must be as many as
    *abstentions*.

    >>> str(Vote(in_favour=13, against=0, abstentions=2, abstainers=["CHN", "RUS"]))
    '13-0-2'
    """

    in_favour: int = attrs.field(validator=is_count)
    against: int = attrs.field(default=0, validator=is_count)
    abstentions: int = attrs.field(default=0, validator=is_count)
    abstainers: tuple[Country, ...] = attrs.field(
        default=(), converter=to_countries, validator=are_countries
    )

    def __attrs_post_init__(self) -> None:
        counts = (self.in_favour, self.against, self.abstentions)
        cast = sum(counts)
        if cast > 15:  # a count may be huge: shown as show() describes it
            raise DataError.at(
                (),
                f"the Security Council has 15 members, but {show(cast)} votes are recorded "
                f"({'-'.join(map(show, counts))})",
            )
        if len(set(self.abstainers)) != len(self.abstainers):
            raise DataError.at("abstainers", "names a member twice")
        if self.abstainers and len(self.abstainers) != self.abstentions:
            raise DataError.at(
                "abstainers",
                f"names {len(self.abstainers)} members for {self.abstentions} abstentions",
            )

    @property
    def unanimous(self) -> bool:
        """Whether all 15 members voted in favour."""
        return self.in_favour == 15

    def __str__(self) -> str:
        return f"{self.in_favour}-{self.against}-{self.abstentions}"


_RESOLUTION: Final = re.compile(r"S/RES/\d+ \(\d{4}\)", re.ASCII)


@attrs.frozen(kw_only=True)
class Mandate:
    """One Security Council decision that authorises a mission.

    The mission is authorised from *adopted* to *expires*, both inclusive; *expires* is the date
    the resolution names. *ceiling* is the authorised personnel ceiling, or ``None`` where the
    resolution sets none. *term* keeps the period the resolution states, when it states one;
    :meth:`for_term` computes *expires* from it.

    >>> m = Mandate(
    ...     resolution="S/RES/2699 (2023)", adopted=date(2023, 10, 2), expires=date(2024, 10, 2)
    ... )
    >>> m.in_force_on(date(2024, 10, 2)), m.days_until_expiry(date(2024, 9, 21))
    (True, 11)
    """

    resolution: str = attrs.field(
        validator=matches(_RESOLUTION, "a symbol like 'S/RES/2699 (2023)'")
    )
    adopted: date = attrs.field(validator=is_date)
    expires: date = attrs.field(validator=is_date)
    ceiling: Figure | None = attrs.field(
        default=None,
        converter=to_optional_figure,
        validator=is_optional_strength,
    )
    vote: Vote | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Vote))
    )
    term: Duration | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Duration))
    )
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        if self.expires < self.adopted:
            raise DataError.at(
                "expires",
                f"{self.resolution} expires on {self.expires.isoformat()}, "
                f"before it was adopted on {self.adopted.isoformat()}",
            )

    @classmethod
    def for_term(
        cls,
        *,
        resolution: str,
        adopted: date,
        term: Duration | str,
        starts: date | None = None,
        **fields: Any,  # noqa: ANN401  # passed on to the constructor, which checks them
    ) -> Self:
        """A mandate for *term* from *starts* (default: the adoption date).

        A renewal adopted before the current mandate runs out usually counts its term from the
        old expiry date: pass that as *starts*.

        >>> Mandate.for_term(
        ...     resolution="S/RES/2751 (2024)",
        ...     adopted=date(2024, 9, 30),
        ...     term="twelve months",
        ...     starts=date(2024, 10, 2),
        ... ).expires
        datetime.date(2025, 10, 2)
        """
        try:
            duration = term if isinstance(term, Duration) else Duration.parse(term)
        except DataError as error:
            raise error.within("term") from None
        check_date(adopted, "adopted")
        start = adopted if starts is None else starts
        check_date(start, "starts")
        try:
            expires: date | None = start + duration
        except DataError:
            expires = None
        if expires is None or expires > LAST_DAY:
            raise DataError.at(
                "term",
                f"{duration} from {start.isoformat()} runs past {LAST_DAY.isoformat()}, "
                "the last day haiti_mss holds",
            )
        return cls(
            resolution=resolution,
            adopted=adopted,
            expires=expires,
            term=duration,
            **fields,
        )

    def in_force_on(self, day: date | str) -> bool:
        """Whether *day* falls between adoption and expiry, both inclusive."""
        d = to_day(day, "day")
        return self.adopted <= d <= self.expires

    def days_until_expiry(self, day: date | str) -> int:
        """Days from *day* to the expiry date: 0 on the last day of the mandate."""
        return (self.expires - to_day(day, "day")).days


@attrs.frozen(kw_only=True)
class Lapse:
    """Days without a mandate between two mandates: *start* and *end* inclusive."""

    start: date = attrs.field(validator=is_date)
    end: date = attrs.field(validator=is_date)

    @property
    def days(self) -> int:
        """How many days the lapse lasted."""
        return (self.end - self.start).days + 1


class Authorisation(enum.StrEnum):
    """Where a day stands in a mission's mandate timeline."""

    NOT_YET = "not_yet"
    """Before the first mandate was adopted."""
    IN_FORCE = "in_force"
    """A mandate is in force."""
    LAPSED = "lapsed"
    """Between two mandates, after one expired and before the next was adopted."""
    ENDED = "ended"
    """After the last mandate expired."""
    SUCCEEDED = "succeeded"
    """From the day the mission handed over to its successor (see ``Mission.handover``)."""
    UNKNOWN = "unknown"
    """After the last mandate's expiry, when that expiry falls after the edge of the record.

    The record cannot tell an expiry from a renewal it has not seen
    (see ``Mission.authorisation_on``)."""
    NONE = "none"
    """The timeline holds no mandates."""


def to_mandates(value: Iterable[Mandate]) -> tuple[Mandate, ...]:
    """Converter: mandates in any order become a tuple ordered by adoption, then expiry.

    Raises:
        DataError: a resolution appears twice; the path is its index as given.
    """
    mandates = as_tuple(value)
    if isinstance(mandates, tuple) and all(isinstance(m, Mandate) for m in mandates):
        seen: dict[str, int] = {}
        problems: list[Problem] = []
        for i, mandate in enumerate(mandates):
            if mandate.resolution in seen:
                problems.append(
                    Problem(
                        ("mandates", i, "resolution"),
                        f"{mandate.resolution} appears twice "
                        f"(also at mandates[{seen[mandate.resolution]}])",
                    )
                )
            seen.setdefault(mandate.resolution, i)
        if problems:
            raise DataError(problems)
        return tuple(sorted(mandates, key=lambda m: (m.adopted, m.expires, m.resolution)))
    return mandates  # the validator reports what is not a mandate


@attrs.frozen(kw_only=True)
class MandateTimeline:
    """The mandates of a mission, ordered by adoption.

    On a day, the mandate in force is the latest-adopted one whose period covers the day (of
    two adopted on the same day, the one that runs longer). Days after one mandate expires and
    before the next is adopted are a :class:`Lapse`; after the last mandate expires, the
    authorisation has ended.

    >>> timeline = MandateTimeline(
    ...     mandates=[
    ...         Mandate(
    ...             resolution="S/RES/1 (2030)", adopted=date(2030, 1, 1), expires=date(2030, 6, 30)
    ...         ),
    ...         Mandate(
    ...             resolution="S/RES/2 (2030)", adopted=date(2030, 7, 10), expires=date(2031, 7, 9)
    ...         ),
    ...     ]
    ... )
    >>> timeline.lapses
    (Lapse(start=datetime.date(2030, 7, 1), end=datetime.date(2030, 7, 9)),)
    >>> print(timeline.in_force_on("2030-07-10").resolution)
    S/RES/2 (2030)
    """

    mandates: tuple[Mandate, ...] = attrs.field(
        default=(), converter=to_mandates, validator=tuple_of(Mandate)
    )

    @cached_property
    def _segments(self) -> tuple[tuple[date, ...], tuple[Mandate | None, ...]]:
        # The days on which the mandate in force can change, and the mandate from each of them on,
        # in one sweep over those days. The mandates are in the order of the rule (adoption, then
        # expiry, then symbol), so the one in force is the last adopted so far that has not
        # expired: a heap of the adopted ones by position, last on top, drops the expired ones
        # when they come to the top (once expired, a mandate stays expired).
        mandates = self.mandates
        starts = sorted({m.adopted for m in mandates} | {m.expires + _DAY for m in mandates})
        in_force: list[Mandate | None] = []
        adopted: list[int] = []  # positions, negated: heapq keeps the smallest on top
        following = 0
        for day in starts:
            while following < len(mandates) and mandates[following].adopted <= day:
                heappush(adopted, -following)
                following += 1
            while adopted and mandates[-adopted[0]].expires < day:
                heappop(adopted)
            in_force.append(mandates[-adopted[0]] if adopted else None)
        return tuple(starts), tuple(in_force)

    def in_force_on(self, day: date | str) -> Mandate | None:
        """The mandate in force on *day*, or ``None``."""
        starts, in_force = self._segments
        i = bisect_right(starts, to_day(day, "day"))
        return in_force[i - 1] if i else None

    def authorisation_on(self, day: date | str) -> Authorisation:
        """Whether *day* is before, within, between or after the mandates."""
        d = to_day(day, "day")
        if not self.mandates:
            return Authorisation.NONE
        if self.in_force_on(d) is not None:
            return Authorisation.IN_FORCE
        if d < self.mandates[0].adopted:
            return Authorisation.NOT_YET
        if d > self.expires:
            return Authorisation.ENDED
        return Authorisation.LAPSED

    @property
    def expires(self) -> date:
        """The last day any mandate covers.

        Raises:
            DataError: the timeline holds no mandates.
        """
        if not self.mandates:
            raise DataError.at("mandates", "the timeline holds no mandates")
        return max(m.expires for m in self.mandates)

    @cached_property
    def lapses(self) -> tuple[Lapse, ...]:
        """The gaps between mandates, first and last day inclusive."""
        starts, in_force = self._segments
        return tuple(
            Lapse(start=start, end=starts[i + 1] - _DAY)
            for i, (start, mandate) in enumerate(zip(starts, in_force, strict=True))
            if mandate is None and i + 1 < len(starts)
        )

    def __repr__(self) -> str:
        return f"MandateTimeline({', '.join(m.resolution for m in self.mandates)})"

    def __str__(self) -> str:
        lines = [
            f"{m.resolution}: {m.adopted.isoformat()} to {m.expires.isoformat()}"
            + (f", ceiling {m.ceiling}" if m.ceiling is not None else "")
            + (f", vote {m.vote}" if m.vote is not None else "")
            for m in self.mandates
        ]
        lines += [
            f"lapse: {lapse.start.isoformat()} to {lapse.end.isoformat()}" for lapse in self.lapses
        ]
        return "\n".join(lines) or "no mandates"

    def _repr_html_(self) -> str:
        return mandates_html(self.mandates)

    @overload
    def frame(self, backend: Literal["pandas"]) -> pd.DataFrame: ...
    @overload
    def frame(self, backend: Literal["polars"]) -> pl.DataFrame: ...
    @overload
    def frame(self, backend: str | None = None) -> Frame: ...
    def frame(self, backend: str | None = None) -> Frame:
        """The mandates as a data frame, one row each (needs the ``frames`` extra).

        Args:
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import mandates_frame  # noqa: PLC0415  # an optional extra

        return mandates_frame(self, backend)

    def __len__(self) -> int:
        return len(self.mandates)

    def __iter__(self) -> Iterator[Mandate]:
        return iter(self.mandates)

    @overload
    def __getitem__(self, index: int) -> Mandate: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Mandate, ...]: ...
    def __getitem__(self, index: int | slice) -> Mandate | tuple[Mandate, ...]:
        return self.mandates[index]


_DAY: Final = timedelta(days=1)


def mandates_html(mandates: Iterable[Mandate]) -> str:
    """Mandates as an HTML table, for notebooks."""
    from . import _html  # noqa: PLC0415  # only notebooks need it

    rows = (
        (
            _html.text(m.resolution),
            _html.text(m.adopted),
            _html.text(m.expires),
            _html.figure(m.ceiling) if m.ceiling is not None else "none",
            _html.text(m.vote) if m.vote is not None else "",
            _html.cited(m.sources),
        )
        for m in mandates
    )
    headers = ("resolution", "adopted", "in force until", "ceiling", "vote", "sources")
    return _html.table(headers, rows)


def to_timeline(value: MandateTimeline | Iterable[Mandate]) -> MandateTimeline:
    """Converter for a mission's mandates: a timeline, or mandates in any order."""
    if isinstance(value, MandateTimeline):
        return value
    return MandateTimeline(mandates=value)
