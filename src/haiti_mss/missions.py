"""A multinational mission and everything recorded about it: :class:`Mission`."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Iterator
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

from ._calendar import Frequency, series
from ._checks import (
    are_texts,
    as_tuple,
    instance_of,
    is_optional_date,
    is_str,
    is_text,
    matches,
    to_day,
    to_texts,
    tuple_of,
)
from .contingents import Contingent, PersonnelType, Record
from .countries import Country, is_country, to_country
from .errors import DataError, Problem, format_path
from .figures import ZERO, Figure, is_optional_strength, to_optional_figure
from .funding import Contribution
from .indicators import Indicator
from .mandates import MandateTimeline, mandates_html, to_timeline
from .milestones import Milestone
from .sources import Source

if TYPE_CHECKING:
    from dateutil.rrule import rrule

    from .status import Status

__all__ = ["Mission"]

T = TypeVar("T", Contribution, Milestone, Indicator)
_ACRONYM: Final = re.compile(r"[A-Z][A-Z0-9-]*")
_is_acronym = matches(_ACRONYM, "capital letters, digits or '-', like 'MSS'")


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


def _other_dates(mission: Mission) -> Iterator[date]:
    """The dates of the records that are not in a history: :meth:`record_dates` without them."""
    yield from (mandate.adopted for mandate in mission.mandates)
    yield from (item.on for item in mission.contributions)
    yield from (item.on for item in mission.milestones)
    for indicator in mission.indicators:
        yield indicator.as_of
        if indicator.published is not None:
            yield indicator.published


def _latest_record(mission: Mission) -> date | None:
    try:
        # A history is in date order: its last record is its latest.
        last = (contingent.last_record_date for contingent in mission.contingents)
        return max(
            (*(day for day in last if day is not None), *_other_dates(mission)), default=None
        )
    except (AttributeError, TypeError):
        return None  # a field is invalid: its validator, which runs next, reports it


@attrs.frozen(kw_only=True)
class Mission:
    """A multinational mission: its mandates, contingents, money, events, indicators and sources.

    Every collection takes a list and is stored as a tuple; contingents keep their order,
    the dated collections are stored in date order. Every source id that a record names must be
    defined in *sources*; *planned_strength_sources* cite the planned strength.
    *current_through* is the last day the records describe; it defaults to the date of the
    latest record.

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
    acronym: str = attrs.field(validator=_is_acronym)
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
        default=None, validator=attrs.validators.optional(_is_acronym)
    )
    current_through: date | None = attrs.field(
        default=attrs.Factory(_latest_record, takes_self=True), validator=is_optional_date
    )
    note: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        problems = [*self._duplicates(), *self._unresolved_sources()]
        if self.successor == self.acronym:
            problems.append(Problem(("successor",), f"{self.acronym} cannot succeed itself"))
        latest = _latest_record(self)
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
        ids: dict[str, int] = {}
        for i, source in enumerate(self.sources):
            if source.id in ids:
                yield Problem(
                    ("sources", i, "id"),
                    f"source id {source.id!r} is defined twice (also at sources[{ids[source.id]}])",
                )
            ids.setdefault(source.id, i)

    def _unresolved_sources(self) -> Iterator[Problem]:
        known = {source.id for source in self.sources}
        # Only the histories that cite an unknown id are searched for where they cite it.
        suspects = {i for i, c in enumerate(self.contingents) if not c.source_ids <= known}
        for path, cited in self._citations(suspects):
            for k, source_id in enumerate(cited):
                if source_id not in known:
                    yield Problem(
                        (*path, k),
                        f"unknown source id {source_id!r}: no source in the mission defines it",
                    )

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
        used = {source_id for _, cited in self.citations() for source_id in cited}
        return tuple(source for source in self.sources if source.id not in used)

    def record_dates(self) -> Iterator[date]:
        """The dates of all records: history, adoptions, contributions, milestones, indicators."""
        for contingent in self.contingents:
            yield from (record.on for record in contingent.history)
        yield from _other_dates(self)

    @cached_property
    def _contingents_by_key(self) -> dict[tuple[Country, PersonnelType], Contingent]:
        return {contingent.key: contingent for contingent in self.contingents}

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
        """The mission on day *as_of*: a date, or a string such as "2024-09-21" or "21 Sep 2024"."""
        from .status import ContingentStatus, Status  # noqa: PLC0415  # loaded on first use

        day = to_day(as_of, "as_of")
        return Status(
            mission=self.acronym,
            mission_name=self.name,
            as_of=day,
            current_through=self.current_through,
            contingents=tuple(
                ContingentStatus(
                    country=c.country,
                    personnel_type=c.personnel_type,
                    deployed=c.deployed_on(day),
                    committed=c.committed_on(day),
                )
                for c in self.contingents
            ),
            authorisation=self.mandates.authorisation_on(day),
            mandate=self.mandates.in_force_on(day),
            planned_strength=self.planned_strength,
            indicators=self.indicators_known_on(day),
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
            f"{len(self.contingents)} contingents, {len(self.mandates)} mandates, "
            f"{len(self.sources)} sources; records to {through}{successor}"
        )

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        day = self.current_through
        rows = (
            (
                _html.text(c.country),
                _html.text(c.personnel_type),
                _html.figure(c.committed_on(day)) if day else "",
                _html.figure(c.deployed_on(day)) if day else "",
                _html.text(len(c.history)),
                _html.cited(list(dict.fromkeys(i for r in c.history for i in r.sources))),
            )
            for c in self.contingents
        )
        headers = ("country", "personnel", "committed", "deployed", "records", "sources")
        caption = _html.text(self) + (f" &#8212; on {_html.text(day)}" if day else "")
        return _html.table(headers, rows, caption=caption) + mandates_html(self.mandates)

    def records_frame(self, backend: str | None = None) -> Any:  # noqa: ANN401  # the backend's type
        """Every record of every contingent, one row each (needs the ``frames`` extra).

        Args:
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import records_frame  # noqa: PLC0415  # an optional extra

        return records_frame(self, backend)

    def timeline_frame(
        self,
        start: date | str,
        end: date | str,
        rule: Frequency | rrule = "monthly",
        backend: str | None = None,
    ) -> Any:  # noqa: ANN401  # the backend's type
        """The counts of each contingent on each day of *rule* (needs the ``frames`` extra).

        Args:
            start: the first day.
            end: the last day, inclusive.
            rule: as for :meth:`timeline`.
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import timeline_frame  # noqa: PLC0415  # an optional extra

        return timeline_frame(self, start, end, rule, backend)

    def indicators_frame(self, backend: str | None = None) -> Any:  # noqa: ANN401  # the backend's type
        """Every indicator, one row each (needs the ``frames`` extra).

        Args:
            backend: "pandas" or "polars"; by default, whichever is installed.
        """
        from .frames import indicators_frame  # noqa: PLC0415  # an optional extra

        return indicators_frame(self, backend)

    @property
    def total_projected_force(self) -> Figure:
        """The total projected force on ``current_through``; 0 for a mission without records."""
        if self.current_through is None:
            return ZERO
        return self.status(self.current_through).projected_force
