"""A multinational mission and everything recorded about it: :class:`Mission`."""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType
from typing import TYPE_CHECKING, Final, Literal, TypeVar, overload

import attrs

from ._calendar import Frequency, series
from ._checks import (
    are_texts,
    as_tuple,
    counted,
    instance_of,
    is_acronym,
    is_date,
    is_optional_date,
    is_str,
    is_text,
    optional_member_of,
    show,
    to_day,
    to_texts,
    tuple_of,
)
from .contingents import Contingent, Effect, PersonnelType, Record, Transfer
from .countries import Country, is_country, to_country
from .errors import DataError, Problem, UnknownSource, format_path
from .figures import ZERO, Figure, is_optional_strength, to_optional_figure
from .funding import Contribution
from .indicators import Indicator
from .mandates import Authorisation, MandateTimeline, mandates_html, to_timeline
from .milestones import Milestone
from .sources import Confidence, Source, to_confidence

if TYPE_CHECKING:
    import pandas as pd
    import polars as pl
    from dateutil.rrule import rrule

    from .frames import Frame
    from .status import Status

__all__ = ["Handover", "Mission", "duplicate_sources", "handover_problems"]

T = TypeVar("T", Contribution, Milestone, Indicator)
_DAY: Final = timedelta(days=1)


def _by_date(value: Iterable[T], cls: type[T]) -> tuple[T, ...]:
    items = as_tuple(value)
    if isinstance(items, tuple) and all(isinstance(item, cls) for item in items):
        return tuple(sorted(items, key=lambda item: item.on))
    return items  # the validator reports what is not a *cls*


def to_contributions(value: Iterable[Contribution]) -> tuple[Contribution, ...]:
    """Converter: contributions in any order become a tuple in date order."""
    return _by_date(value, Contribution)


def to_milestones(value: Iterable[Milestone]) -> tuple[Milestone, ...]:
    """Converter: milestones in any order become a tuple in date order."""
    return _by_date(value, Milestone)


def to_indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    """Converter: indicators in any order become a tuple in order of the day they describe."""
    return _by_date(value, Indicator)


def to_contingents(value: Iterable[Contingent]) -> tuple[Contingent, ...]:
    """Converter: a list of contingents becomes a tuple, in the order given."""
    return as_tuple(value)


def to_sources(value: Iterable[Source]) -> tuple[Source, ...]:
    """Converter: a list of sources becomes a tuple, in the order given."""
    return as_tuple(value)


def _cited(
    item: Record | Contribution | Milestone | Indicator, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], tuple[str, ...]]]:
    yield (*path, "sources"), item.sources
    for a, alternative in enumerate(getattr(item, "alternatives", ())):
        yield (*path, "alternatives", a, "sources"), alternative.sources


def _life_dates(mission: Mission) -> Iterator[date]:
    """The dates of the records of a mission's life outside its histories: mandates, handover."""
    yield from (mandate.adopted for mandate in mission.mandates)
    if mission.handover is not None:
        yield mission.handover.on


def _other_dates(mission: Mission) -> Iterator[date]:
    """The dates of the records that are not in a history: :meth:`record_dates` without them."""
    yield from _life_dates(mission)
    yield from (item.on for item in mission.contributions)
    yield from (item.on for item in mission.milestones)
    for indicator in mission.indicators:
        yield indicator.as_of
        if indicator.published is not None:
            yield indicator.published


def _latest_personnel_record(mission: Mission) -> date | None:
    """The latest date of the records that the personnel figures rest on (the default edge)."""
    try:
        # A history is in date order: its last record is its latest.
        last = (contingent.last_record_date for contingent in mission.contingents)
        return max((*(day for day in last if day is not None), *_life_dates(mission)), default=None)
    except (AttributeError, TypeError):
        return None  # a field is invalid: its validator, which runs next, reports it


def _a(kind: str) -> str:
    """A record's kind with its article: "an arrival", "a strength report"."""
    words = kind.replace("_", " ")
    return f"{'an' if words[0] in 'aeiou' else 'a'} {words}"


@attrs.frozen(kw_only=True)
class Handover:
    """The day a mission hands over to its successor, and the sources that say so.

    From day *on*, the personnel of the mission are counted in its successor (each contingent
    present passes with its strength, as a :class:`~haiti_mss.Transfer` in the successor's
    history), and the mission counts nobody: it has ended.

    >>> Handover(on=date(2025, 10, 2), sources=["caricom-gsf"]).on
    datetime.date(2025, 10, 2)
    """

    on: date = attrs.field(validator=is_date)
    sources: tuple[str, ...] = attrs.field(default=(), converter=to_texts, validator=are_texts)
    confidence: Confidence | None = attrs.field(
        default=None, converter=to_confidence, validator=optional_member_of(Confidence)
    )
    note: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class Mission:
    """A multinational mission: its mandates, contingents, money, events, indicators and sources.

    Every collection takes a list and is stored as a tuple; contingents keep their order,
    the dated collections are stored in date order. Every source id that a record names must be
    defined in *sources*; *planned_strength_sources* cite the planned strength.

    The mission exists from the adoption of its first mandate (:attr:`started_on`) to its end
    (:attr:`ended_on`): the day of its *handover* to its *successor*, or the day after its
    last mandate expires when the record covers that day. Before it exists, its contingents
    may hold pledges only; from its end on, it counts nobody, and its histories hold nothing.

    *current_through* is the edge of the record: the last day its personnel records describe.
    It defaults to the latest date of its histories, mandate adoptions and handover; a later
    day's figures are extrapolated from it. Contributions, milestones and indicators may be
    later (see :attr:`indicators_through`).

    >>> from haiti_mss import Arrival, Mandate, Pledge
    >>> mission = Mission(
    ...     name="Example Support Mission",
    ...     acronym="ESM",
    ...     host="HTI",
    ...     lead="KEN",
    ...     planned_strength=2500,
    ...     mandates=[
    ...         Mandate(
    ...             resolution="S/RES/2699 (2023)",
    ...             adopted=date(2023, 10, 2),
    ...             expires=date(2024, 10, 2),
    ...         )
    ...     ],
    ...     contingents=[
    ...         Contingent(
    ...             country="KEN",
    ...             personnel_type="police",
    ...             history=[
    ...                 Pledge(on=date(2023, 7, 29), total=1000),
    ...                 Arrival(on=date(2024, 6, 25), personnel=Figure(200, "about")),
    ...             ],
    ...         )
    ...     ],
    ... )
    >>> st = mission.status("2024-09-21")
    >>> st.deployed, st.committed, st.outstanding, st.days_until_expiry
    (Figure(200, 'about'), Figure(1000), Figure(800, 'about'), 11)
    >>> round(st.deployment_ratio, 2)
    0.08
    """

    name: str = attrs.field(validator=is_text)
    acronym: str = attrs.field(validator=is_acronym)
    host: Country = attrs.field(converter=to_country, validator=is_country)
    lead: Country = attrs.field(converter=to_country, validator=is_country)
    planned_strength: Figure | None = attrs.field(
        default=None, converter=to_optional_figure, validator=is_optional_strength
    )
    planned_strength_sources: tuple[str, ...] = attrs.field(
        default=(), converter=to_texts, validator=are_texts
    )
    mandates: MandateTimeline = attrs.field(
        factory=MandateTimeline, converter=to_timeline, validator=instance_of(MandateTimeline)
    )
    contingents: tuple[Contingent, ...] = attrs.field(
        default=(), converter=to_contingents, validator=tuple_of(Contingent)
    )
    contributions: tuple[Contribution, ...] = attrs.field(
        default=(), converter=to_contributions, validator=tuple_of(Contribution)
    )
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(), converter=to_milestones, validator=tuple_of(Milestone)
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=to_indicators, validator=tuple_of(Indicator)
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=to_sources, validator=tuple_of(Source)
    )
    successor: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(is_acronym)
    )
    handover: Handover | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Handover))
    )
    current_through: date | None = attrs.field(
        default=attrs.Factory(_latest_personnel_record, takes_self=True),
        validator=is_optional_date,
    )
    note: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        problems = [*self._duplicates(), *self._unresolved_sources(), *self._life_problems()]
        if self.successor == self.acronym:
            problems.append(Problem(("successor",), f"{self.acronym} cannot succeed itself"))
        latest = _latest_personnel_record(self)
        if (
            latest is not None
            and self.current_through is not None
            and self.current_through < latest
        ):
            problems.append(
                Problem(
                    ("current_through",),
                    f"{self.current_through.isoformat()} is before the latest record, "
                    f"dated {latest.isoformat()}",
                )
            )
        if problems:
            raise DataError(problems)

    def _life_problems(self) -> Iterator[Problem]:  # noqa: C901  # a check of each rule of a life
        """Records outside the mission's life, and a handover that cannot be."""
        start, end = self.started_on, self.ended_on
        handover = self.handover
        if handover is not None:
            if self.successor is None:
                yield Problem(("handover",), "a handover needs a successor: name it in 'successor'")
            if start is not None and handover.on < start:
                yield Problem(
                    ("handover", "on"),
                    f"{handover.on.isoformat()} is before {self.acronym} exists: its first "
                    f"mandate was adopted on {start.isoformat()}",
                )
        for i, contingent in enumerate(self.contingents):
            history = contingent.history
            for j, record in enumerate(history):  # pledges come first within a day
                if start is None or record.on >= start:
                    break
                if type(record).effect is not Effect.COMMIT:
                    yield Problem(
                        ("contingents", i, "history", j),
                        f"{_a(record.kind)} on {record.on.isoformat()}, before {self.acronym} "
                        f"exists (its first mandate was adopted on {start.isoformat()}); only "
                        "pledges may come before",
                    )
            for j in range(len(history) - 1, -1, -1):  # the history is in date order
                record = history[j]
                if end is None or record.on < end:
                    break
                yield Problem(
                    ("contingents", i, "history", j),
                    f"{_a(record.kind)} on {record.on.isoformat()}, but {self.acronym} "
                    f"{self._end_words()}",
                )
            for j, record in enumerate(history):
                if isinstance(record, Transfer) and record.from_mission == self.acronym:
                    yield Problem(
                        ("contingents", i, "history", j, "from_mission"),
                        f"{self.acronym} cannot take over its own personnel",
                    )

    @property
    def started_on(self) -> date | None:
        """The day the mission began to exist, its first mandate's adoption; None without one."""
        return self.mandates[0].adopted if self.mandates else None

    @property
    def ended_on(self) -> date | None:
        """The first day without the mission, or None while the record shows it going on.

        That is the day of its ``handover``, or else the day after its last mandate
        expires when ``current_through`` reaches that last day (a renewal would then be in
        the record). A mandate that expires after the record's edge leaves the end unknown.
        """
        if self.handover is not None:
            return self.handover.on
        if not self.mandates or self.current_through is None:
            return None
        expires = self.mandates.expires
        return expires + _DAY if self.current_through >= expires else None

    @property
    def last_day(self) -> date | None:
        """The last day the record covers on which the mission existed; None without records."""
        if self.current_through is None:
            return None
        end = self.ended_on
        if end is not None and self.current_through >= end:
            return end - _DAY
        return self.current_through

    @property
    def indicators_through(self) -> date | None:
        """The last day the mission's indicators describe (their ``as_of``); None without any."""
        return max((indicator.as_of for indicator in self.indicators), default=None)

    def exists_on(self, day: date | str) -> bool:
        """Whether the mission exists on *day*: from its first mandate's adoption to its end.

        A mission without mandates has no recorded start, and exists until its end.
        """
        d = to_day(day, "day")
        start, end = self.started_on, self.ended_on
        return (start is None or start <= d) and (end is None or d < end)

    def authorisation_on(self, day: date | str) -> Authorisation:
        """Where *day* stands in the mission's life and its mandate timeline.

        :attr:`~Authorisation.SUCCEEDED` from the handover on; :attr:`~Authorisation.UNKNOWN`
        after the last mandate's expiry when that expiry falls after the edge of the record;
        otherwise what the mandate timeline says.
        """
        d = to_day(day, "day")
        if self.handover is not None and d >= self.handover.on:
            return Authorisation.SUCCEEDED
        state = self.mandates.authorisation_on(d)
        if (
            state is Authorisation.ENDED
            and self.current_through is not None
            and self.mandates.expires > self.current_through
        ):
            return Authorisation.UNKNOWN
        return state

    def _end_words(self) -> str:
        """How the mission ended, in words, as its status says it."""
        from .status import end_words  # noqa: PLC0415  # loaded on first use

        end = self.ended_on
        assert end is not None  # noqa: S101  # only said of a mission that has ended
        return end_words(end, self.successor, handed_over=self.handover is not None)

    def transfers(self) -> dict[tuple[Country, PersonnelType], Transfer]:
        """The transfers its successor's histories hold, one per contingent present at the end.

        Each is dated the day of the ``handover``, carries the strength the contingent had
        on the day before, and cites the handover's sources. Empty without a handover.
        """
        handover = self.handover
        if handover is None:
            return {}
        last = handover.on - _DAY
        passing: dict[tuple[Country, PersonnelType], Transfer] = {}
        for contingent in self.contingents:
            strength = contingent.deployed_on(last)
            if strength.value:
                passing[contingent.key] = Transfer(
                    on=handover.on,
                    personnel=strength,
                    from_mission=self.acronym,
                    sources=handover.sources,
                    confidence=handover.confidence,
                )
        return passing

    def _duplicates(self) -> Iterator[Problem]:
        first: dict[tuple[Country, PersonnelType], int] = {}
        for i, contingent in enumerate(self.contingents):
            key = contingent.key
            if key in first:
                yield Problem(
                    ("contingents", i),
                    f"a second {key[0].code} {key[1]} contingent (the first is contingents"
                    f"[{first[key]}]); one country has one contingent per personnel type",
                )
            first.setdefault(key, i)
        yield from duplicate_sources(self.sources)

    def _unresolved_sources(self) -> Iterator[Problem]:
        known = {source.id for source in self.sources}
        # Only the histories that cite an unknown id are searched for where they cite it.
        suspects = {i for i, c in enumerate(self.contingents) if not c.source_ids <= known}
        for path, cited in self._citations(suspects):
            for k, source_id in enumerate(cited):
                if source_id not in known:
                    yield UnknownSource.of((*path, k), source_id, "the mission")

    def citations(self) -> Iterator[tuple[tuple[str | int, ...], tuple[str, ...]]]:
        """Every list of source ids in the mission, as ``(path to the list, ids)``."""
        return self._citations(range(len(self.contingents)))

    def _citations(
        self, histories: Container[int]
    ) -> Iterator[tuple[tuple[str | int, ...], tuple[str, ...]]]:
        """Like :meth:`citations`, searching only the histories of the contingents *histories*."""
        if self.planned_strength is not None or self.planned_strength_sources:
            yield ("planned_strength_sources",), self.planned_strength_sources
        for i, contingent in enumerate(self.contingents):
            if i not in histories:
                continue
            for j, record in enumerate(contingent.history):
                yield from _cited(record, ("contingents", i, "history", j))
        for i, mandate in enumerate(self.mandates):
            yield ("mandates", i, "sources"), mandate.sources
        if self.handover is not None:
            yield ("handover", "sources"), self.handover.sources
        for name in ("contributions", "milestones", "indicators"):
            for i, item in enumerate(getattr(self, name)):
                yield from _cited(item, (name, i))

    def uncited(self) -> tuple[str, ...]:
        """The paths of figures and records that name no source (alternatives included).

        An empty tuple means everything is cited, as the bundled dataset requires.
        """
        return tuple(
            format_path(path[:-1] if path[-1] == "sources" else path)
            for path, cited in self.citations()
            if not cited
        )

    def unused_sources(self) -> tuple[Source, ...]:
        """The sources that no record names."""
        used = self.source_ids
        return tuple(source for source in self.sources if source.id not in used)

    @cached_property
    def source_ids(self) -> frozenset[str]:
        """The ids of the sources that the mission cites anywhere (see :meth:`citations`)."""
        ids = {source_id for _, cited in self._citations(()) for source_id in cited}
        for contingent in self.contingents:
            ids |= contingent.source_ids  # kept by the contingent: its history is read once
        return frozenset(ids)

    def record_dates(self) -> Iterator[date]:
        """The dates of all records: history, adoptions, contributions, milestones, indicators."""
        for contingent in self.contingents:
            yield from (record.on for record in contingent.history)
        yield from _other_dates(self)

    @cached_property
    def _contingents_by_key(self) -> Mapping[tuple[Country, PersonnelType], Contingent]:
        return MappingProxyType({contingent.key: contingent for contingent in self.contingents})

    def contingent(self, country: Country | str, personnel_type: PersonnelType | str) -> Contingent:
        """The contingent of *country* (code, name or Country) and *personnel_type*.

        Raises:
            KeyError: the mission has no such contingent; the message lists those it has.
        """
        try:
            key = (Country.of(country), PersonnelType(personnel_type))
        except ValueError:
            key = None
        if key is None or key not in self._contingents_by_key:
            have = ", ".join(f"{c.code} {t}" for c, t in self._contingents_by_key) or "none"
            msg = f"{self.acronym} has no {country!s} {personnel_type!s} contingent; it has: {have}"
            raise KeyError(msg)
        return self._contingents_by_key[key]

    def source(self, source_id: str) -> Source:
        """The source with id *source_id*.

        Raises:
            KeyError: no source has that id.
        """
        for source in self.sources:
            if source.id == source_id:
                return source
        raise KeyError(f"{self.acronym} defines no source {source_id!r}")

    def status(self, as_of: date | str) -> Status:
        """The mission on day *as_of*: a date, or a string such as "2024-09-21" or "21 Sep 2024".

        From the mission's end on, every figure is 0 and the status says how it ended.
        """
        from .status import ContingentStatus, Status  # noqa: PLC0415  # loaded on first use

        day = to_day(as_of, "as_of")
        end = self.ended_on
        ended = end is not None and day >= end
        authorisation = self.authorisation_on(day)
        return Status(
            mission=self.acronym,
            mission_name=self.name,
            as_of=day,
            current_through=self.current_through,
            contingents=tuple(
                ContingentStatus(
                    country=c.country,
                    personnel_type=c.personnel_type,
                    deployed=ZERO if ended else c.deployed_on(day),
                    committed=ZERO if ended else c.committed_on(day),
                )
                for c in self.contingents
            ),
            authorisation=authorisation,
            mandate=(
                self.mandates.in_force_on(day) if authorisation is Authorisation.IN_FORCE else None
            ),
            planned_strength=self.planned_strength,
            indicators=self.indicators_known_on(day),
            last_mandate=(
                max(self.mandates, key=lambda m: m.expires)
                if authorisation in {Authorisation.ENDED, Authorisation.UNKNOWN}
                else None
            ),
            ended_on=end if ended else None,
            successor=self.successor,
        )

    def indicators_known_on(self, day: date | str) -> tuple[Indicator, ...]:
        """The latest published observation of each indicator (by name and area) on *day*."""
        d = to_day(day, "day")
        latest: dict[tuple[str, str], Indicator] = {}
        for indicator in self.indicators:
            if (indicator.published or indicator.as_of) <= d:
                latest[indicator.name, indicator.area] = indicator
        return tuple(latest.values())

    def timeline(
        self, start: date | str, end: date | str, rule: Frequency | rrule = "monthly"
    ) -> tuple[Status, ...]:
        """A :class:`Status` on each day of *rule* from *start* to *end*, both inclusive.

        *rule* is "daily", "weekly", "monthly" (the default), "quarterly", "yearly", or a
        :class:`dateutil.rrule.rrule`.
        """
        days = series(to_day(start, "start"), to_day(end, "end"), rule)
        return tuple(self.status(day) for day in days)

    def __repr__(self) -> str:
        return (
            f"Mission(acronym={self.acronym!r}, name={self.name!r}, "
            f"contingents=<{len(self.contingents)}>, mandates={self.mandates!r}, "
            f"sources=<{len(self.sources)}>, current_through={self.current_through!r})"
        )

    def __str__(self) -> str:
        through = self.current_through.isoformat() if self.current_through else "no records"
        successor = f"; succeeded by the {self.successor}" if self.successor else ""
        return (
            f"{self.name} ({self.acronym}) in {self.host.name}, led by {self.lead.name}: "
            f"{counted(len(self.contingents), 'contingent')}, "
            f"{counted(len(self.mandates), 'mandate')}, "
            f"{counted(len(self.sources), 'source')}; records to {through}{successor}"
        )

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        day = self.last_day
        rows = (
            (
                _html.text(c.country),
                _html.text(c.personnel_type),
                _committed_html(c, day),
                _html.figure(c.deployed_on(day)) if day else "",
                _html.text(len(c.history)),
                _html.cited(list(dict.fromkeys(i for r in c.history for i in r.sources))),
            )
            for c in self.contingents
        )
        headers = ("country", "personnel", "committed", "deployed", "records", "sources")
        caption = _html.text(self) + (f" &#8212; on {_html.text(day)}" if day else "")
        return _html.table(headers, rows, caption=caption) + mandates_html(self.mandates)

    @overload
    def records_frame(self, backend: Literal["pandas"]) -> pd.DataFrame: ...
    @overload
    def records_frame(self, backend: Literal["polars"]) -> pl.DataFrame: ...
    @overload
    def records_frame(self, backend: str | None = None) -> Frame: ...
    def records_frame(self, backend: str | None = None) -> Frame:
        """Every record of every contingent, one row each (needs the ``frames`` extra).

        Args:
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import records_frame  # noqa: PLC0415  # an optional extra

        return records_frame(self, backend)

    @overload
    def timeline_frame(
        self,
        start: date | str,
        end: date | str,
        rule: Frequency | rrule = "monthly",
        *,
        backend: Literal["pandas"],
    ) -> pd.DataFrame: ...
    @overload
    def timeline_frame(
        self,
        start: date | str,
        end: date | str,
        rule: Frequency | rrule = "monthly",
        *,
        backend: Literal["polars"],
    ) -> pl.DataFrame: ...
    @overload
    def timeline_frame(
        self,
        start: date | str,
        end: date | str,
        rule: Frequency | rrule = "monthly",
        backend: str | None = None,
    ) -> Frame: ...
    def timeline_frame(
        self,
        start: date | str,
        end: date | str,
        rule: Frequency | rrule = "monthly",
        backend: str | None = None,
    ) -> Frame:
        """The counts of each contingent on each day of *rule* (needs the ``frames`` extra).

        Its boolean column ``extrapolated`` marks the days after the edge of the record (see
        :func:`haiti_mss.frames.timeline_frame` for every column).

        Args:
            start: the first day.
            end: the last day, inclusive.
            rule: as for :meth:`timeline`.
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import timeline_frame  # noqa: PLC0415  # an optional extra

        return timeline_frame(self, start, end, rule, backend)

    @overload
    def indicators_frame(
        self, backend: Literal["pandas"], *, name: str | None = None
    ) -> pd.DataFrame: ...
    @overload
    def indicators_frame(
        self, backend: Literal["polars"], *, name: str | None = None
    ) -> pl.DataFrame: ...
    @overload
    def indicators_frame(self, backend: str | None = None, *, name: str | None = None) -> Frame: ...
    def indicators_frame(self, backend: str | None = None, *, name: str | None = None) -> Frame:
        """Every indicator, one row each (needs the ``frames`` extra).

        Args:
            backend: "pandas" or "polars"; by default, whichever is installed.
            name: Only the indicators of this name, such as ``"killings"``.
        """
        from .frames import indicators_frame  # noqa: PLC0415  # an optional extra

        return indicators_frame(self, backend, name=name)

    @property
    def total_projected_force(self) -> Figure:
        """The total projected force on :attr:`last_day`; 0 for a mission without records.

        For a mission that has ended, that is its last day before the end.
        """
        if self.last_day is None:
            return ZERO
        return self.status(self.last_day).projected_force


def _committed_html(contingent: Contingent, day: date | None) -> str:
    """A contingent's committed strength on *day* for the mission's table, or why there is none."""
    from . import _html  # noqa: PLC0415  # only notebooks need it

    if not any(record.effect is Effect.COMMIT for record in contingent.history):
        return "<em>no pledge recorded</em>"
    return _html.figure(contingent.committed_on(day)) if day else ""


def duplicate_sources(sources: Sequence[Source]) -> Iterator[Problem]:
    """The sources of *sources* whose id an earlier one has, at paths from ``("sources",)``."""
    ids: dict[str, int] = {}
    for i, source in enumerate(sources):
        first = ids.setdefault(source.id, i)
        if first != i:
            yield Problem(
                ("sources", i, "id"),
                f"source id {show(source.id)} is defined twice (also at sources[{first}])",
            )


def handover_problems(missions: Sequence[Mission]) -> Iterator[Problem]:
    """What is wrong with the handovers between *missions*, at paths from ``("missions", i)``.

    A mission that hands over to a successor in *missions* must pass on every contingent
    present on its last day: the successor's contingent holds one :class:`Transfer` from it,
    dated the handover, of the strength :meth:`Mission.transfers` computes. A transfer must
    come from a mission that hands over to this one on its day. A mission named but not in
    *missions* cannot be checked, and is not.
    """
    index = {mission.acronym: i for i, mission in enumerate(missions)}
    passing = {m.acronym: m.transfers() for m in missions if m.handover is not None}
    found: set[tuple[int, int, str]] = set()  # (mission, contingent, the mission it came from)
    transfers = [
        problem
        for s, successor in enumerate(missions)
        for c in range(len(successor.contingents))
        for problem in _transfer_problems(missions, index, passing, (s, c), found)
    ]
    for i, mission in enumerate(missions):
        if mission.handover is not None and mission.successor in index:
            yield from _handover_problems(missions, (i, index[mission.successor]), passing, found)
    yield from transfers


def _handover_problems(
    missions: Sequence[Mission],
    pair: tuple[int, int],
    passing: dict[str, dict[tuple[Country, PersonnelType], Transfer]],
    found: set[tuple[int, int, str]],
) -> Iterator[Problem]:
    """What a successor lacks to take over the personnel of its predecessor.

    *pair* is (predecessor, successor); *found* holds the transfers the histories hold.
    """
    i, s = pair
    mission, successor = missions[i], missions[s]
    assert mission.handover is not None  # noqa: S101  # only called for a handover
    day = mission.handover.on
    if successor.started_on is not None and day < successor.started_on:
        yield Problem(
            ("missions", i, "handover", "on"),
            f"{day.isoformat()} is before the {successor.acronym} exists "
            f"(its first mandate was adopted on {successor.started_on.isoformat()})",
        )
    keys = {contingent.key: c for c, contingent in enumerate(successor.contingents)}
    for key, expected in passing[mission.acronym].items():
        what = f"the {mission.acronym}'s {expected.personnel} on {day.isoformat()}"
        if key not in keys:
            yield Problem(
                ("missions", s, "contingents"),
                f"has no {key[0].code} {key[1]} contingent to take over {what}: "
                f"add one whose history holds {expected!r}",
            )
        elif (s, keys[key], mission.acronym) not in found:
            yield Problem(
                ("missions", s, "contingents", keys[key], "history"),
                f"holds no transfer of {what}, the day it handed over (missions[{i}]): "
                f"add {expected!r}",
            )


def _transfer_problems(
    missions: Sequence[Mission],
    index: dict[str, int],
    passing: dict[str, dict[tuple[Country, PersonnelType], Transfer]],
    where: tuple[int, int],
    found: set[tuple[int, int, str]],
) -> Iterator[Problem]:
    """The problems of the transfers in contingent *c* of mission *s*, *where* = (s, c).

    Each transfer's (s, c, the mission it comes from) is added to *found*.
    """
    s, c = where
    successor = missions[s]
    key = successor.contingents[c].key
    seen: set[str] = set()
    for j, record in enumerate(successor.contingents[c].history):
        if not isinstance(record, Transfer):
            continue
        path = ("missions", s, "contingents", c, "history", j)
        origin = record.from_mission
        if origin in seen:
            yield Problem(path, f"a second transfer from the {origin}")
            continue
        seen.add(origin)
        found.add((s, c, origin))
        if origin not in index:
            continue  # a mission the dataset does not hold: nothing to check it against
        predecessor = missions[index[origin]]
        handover = predecessor.handover
        if handover is None or predecessor.successor != successor.acronym:
            yield Problem(
                (*path, "from_mission"),
                f"the {origin} (missions[{index[origin]}]) records no handover to the "
                f"{successor.acronym}",
            )
            continue
        if record.on != handover.on:
            yield Problem(
                (*path, "on"),
                f"is {record.on.isoformat()}, but the {origin} handed over on "
                f"{handover.on.isoformat()}",
            )
            continue
        expected = passing[origin].get(key)
        strength = expected.personnel if expected is not None else ZERO
        if record.personnel != strength:
            yield Problem(
                (*path, "personnel"),
                f"is {record.personnel}, but the {origin}'s {key[0].code} {key[1]} contingent "
                f"had {strength} on {(handover.on - _DAY).isoformat()}, its last day",
            )
