"""A mission evaluated on one day: :class:`Status` and the parts it is made of."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from functools import cached_property
from types import MappingProxyType
from typing import Any, Final, Generic, TypeVar, cast

import attrs

from . import _counting
from ._checks import (
    as_tuple,
    instance_of,
    is_acronym,
    is_date,
    is_optional_date,
    is_text,
    show,
    tuple_of,
    type_name,
)
from .contingents import PersonnelType
from .countries import Country
from .errors import DataError
from .figures import Figure
from .indicators import Indicator
from .mandates import Authorisation, Mandate

__all__ = ["Breakdown", "ContingentStatus", "DatasetStatus", "Status"]

_DAY: Final = timedelta(days=1)

K = TypeVar("K", Country, PersonnelType)


def _is_entries(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    tuple_of(tuple, "(key, Figure) pairs")(_, attribute, value)
    first: dict[object, int] = {}
    for i, entry in enumerate(cast("tuple[tuple[object, ...], ...]", value)):
        if len(entry) != 2 or not isinstance(entry[1], Figure):  # a pair
            raise DataError.at((attribute.name, i), f"must be a (key, Figure) pair (got {entry!r})")
        key = entry[0]
        if not isinstance(key, Country | PersonnelType):
            raise DataError.at(
                (attribute.name, i, 0),
                f"must be a Country or a PersonnelType, not {type_name(key)} ({show(key)})",
            )
        j = first.setdefault(key, i)
        if j != i:  # a mapping has one figure per key
            raise DataError.at(
                (attribute.name, i, 0), f"{show(key)} is the key of {attribute.name}[{j}] too"
            )


@attrs.frozen(eq=False, repr=False)
class Breakdown(Mapping[K, Figure], Generic[K]):
    """A read-only mapping from countries or personnel types to figures, largest first.

    Keys may be looked up by object or, for countries, by code or name; personnel types by
    their value. Each key appears once. It compares equal to any mapping with the same items,
    as a dict does, and hashes by its items.

    >>> b = Breakdown(((Country(code="KEN"), Figure(400, "about")),))
    >>> b["KEN"], b["Kenya"]
    (Figure(400, 'about'), Figure(400, 'about'))
    >>> b == {Country(code="KEN"): Figure(400, "about")}
    True
    """

    entries: tuple[tuple[K, Figure], ...] = attrs.field(validator=_is_entries)

    @cached_property
    def _lookup(self) -> Mapping[K, Figure]:
        return MappingProxyType(dict(self.entries))

    def __getitem__(self, key: K | str) -> Figure:
        # A str finds a PersonnelType key directly (StrEnum members hash and compare as their
        # value); for a country, it is read as a code or a name.
        lookup: Mapping[object, Figure] = self._lookup  # type: ignore[assignment]  # wider keys
        if key in lookup:
            return lookup[key]
        if isinstance(key, str) and not isinstance(key, PersonnelType):
            try:
                country = Country.of(key)
            except DataError:
                pass
            else:
                if country in lookup:
                    return lookup[country]
        raise KeyError(key)

    def __iter__(self) -> Iterator[K]:
        return (key for key, _ in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]  # any key may be asked about
        except (KeyError, TypeError):
            return False
        return True

    def __hash__(self) -> int:
        return hash(frozenset(self.entries))

    def __repr__(self) -> str:
        return f"Breakdown({dict(self.entries)!r})"

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        rows = ((_html.text(key), _html.figure(figure)) for key, figure in self.entries)
        return _html.table(("", "personnel"), rows)


def _breakdown(pairs: Iterable[tuple[K, Figure]]) -> Breakdown[K]:
    return Breakdown(tuple(_counting.totals_by(pairs)))


@attrs.frozen(kw_only=True)
class ContingentStatus:
    """One contingent's numbers on a day."""

    country: Country = attrs.field(validator=instance_of(Country))
    personnel_type: PersonnelType = attrs.field(validator=instance_of(PersonnelType))
    deployed: Figure = attrs.field(validator=instance_of(Figure))
    committed: Figure = attrs.field(validator=instance_of(Figure))

    @property
    def outstanding(self) -> Figure:
        """max(0, committed - deployed)."""
        return _counting.outstanding(self.committed, self.deployed)

    @property
    def projected(self) -> Figure:
        """max(committed, deployed)."""
        return _counting.projected(self.committed, self.deployed)


def _to_contingent_statuses(value: Iterable[ContingentStatus]) -> tuple[ContingentStatus, ...]:
    return as_tuple(value)


def _to_indicators(value: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class Status:
    """Everything about a mission on one day, as :meth:`Mission.status` computes it.

    The stored fields are the per-contingent numbers and the mandate; the totals, breakdowns and
    ratio are derived from them by the counting rules, so they always agree. ``str(status)`` is
    a short report.
    """

    mission: str = attrs.field(validator=is_text)
    mission_name: str = attrs.field(validator=is_text)
    as_of: date = attrs.field(validator=is_date)
    current_through: date | None = attrs.field(validator=is_optional_date)
    contingents: tuple[ContingentStatus, ...] = attrs.field(
        converter=_to_contingent_statuses, validator=tuple_of(ContingentStatus)
    )
    authorisation: Authorisation = attrs.field(validator=instance_of(Authorisation))
    mandate: Mandate | None = attrs.field(validator=attrs.validators.optional(instance_of(Mandate)))
    planned_strength: Figure | None = attrs.field(
        validator=attrs.validators.optional(instance_of(Figure))
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=_to_indicators, validator=tuple_of(Indicator)
    )
    last_mandate: Mandate | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of(Mandate))
    )
    """The mission's last mandate, when none is in force because it has expired."""
    ended_on: date | None = attrs.field(default=None, validator=is_optional_date)
    """The day the mission ended, when ``as_of`` is on or after it: then every figure is 0."""
    successor: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(is_acronym)
    )
    """The acronym of the mission's successor, if it has one."""

    @cached_property
    def deployed(self) -> Figure:
        """Personnel deployed, summed over contingents."""
        return _counting.total(c.deployed for c in self.contingents)

    @cached_property
    def committed(self) -> Figure:
        """Personnel committed by the latest pledges, summed over contingents."""
        return _counting.total(c.committed for c in self.contingents)

    @cached_property
    def outstanding(self) -> Figure:
        """Pledged but not yet deployed, summed per contingent (not committed - deployed)."""
        return _counting.total(c.outstanding for c in self.contingents)

    @cached_property
    def projected_force(self) -> Figure:
        """The total projected force: the sum over contingents of max(committed, deployed)."""
        return _counting.total(c.projected for c in self.contingents)

    @cached_property
    def by_country(self) -> Breakdown[Country]:
        """Deployed strength per country, largest first."""
        return _breakdown([(c.country, c.deployed) for c in self.contingents])

    @cached_property
    def by_personnel_type(self) -> Breakdown[PersonnelType]:
        """Deployed strength per personnel type, largest first."""
        return _breakdown([(c.personnel_type, c.deployed) for c in self.contingents])

    @property
    def ceiling(self) -> Figure | None:
        """The authorised ceiling of the mandate in force, if it sets one."""
        return self.mandate.ceiling if self.mandate else None

    @property
    def ratio_basis(self) -> Figure | None:
        """What :attr:`deployment_ratio` divides by: the ceiling, else the planned strength.

        None once the mission has ended: it has no strength to plan for.
        """
        if self.ended_on is not None:
            return None
        return _counting.ratio_basis(self.ceiling, self.planned_strength)

    @property
    def deployment_ratio(self) -> float | None:
        """Deployed / authorised ceiling, or / planned strength where no ceiling applies."""
        basis = self.ratio_basis
        return None if basis is None else _counting.ratio(self.deployed, basis)[0]

    @property
    def days_until_expiry(self) -> int | None:
        """Days from ``as_of`` to the expiry of the mandate in force; ``None`` if none is."""
        return self.mandate.days_until_expiry(self.as_of) if self.mandate else None

    @property
    def extrapolated(self) -> bool:
        """Whether the figures are extrapolated, ``as_of`` being after the edge of the record.

        The figures of a day after the mission's recorded end are not extrapolated; they are 0.
        """
        return (
            self.current_through is not None
            and self.as_of > self.current_through
            and self.ended_on is None
        )

    @property
    def record_age_days(self) -> int | None:
        """How many days ``as_of`` is after the edge of the record; None if it is not after it."""
        if self.current_through is None or self.as_of <= self.current_through:
            return None
        return (self.as_of - self.current_through).days

    def __str__(self) -> str:
        return "\n".join(_report_lines(self))

    def __repr__(self) -> str:
        return (
            f"Status({self.mission} on {self.as_of.isoformat()}: deployed {self.deployed}, "
            f"committed {self.committed}, outstanding {self.outstanding}, "
            f"projected force {self.projected_force})"
        )

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        mandate = _mandate_line(self)
        ratio = self.deployment_ratio
        rows = [
            ("mandate", _html.text(mandate)),
            ("deployed", _html.figure(self.deployed)),
            ("committed", _html.figure(self.committed)),
            ("outstanding", _html.figure(self.outstanding)),
            ("projected force", _html.figure(self.projected_force)),
        ]
        share = _share(self)
        if ratio is not None and share is not None:
            rows.append(("deployed share", _html.text(share)))
        caption = _html.text(f"{self.mission_name} ({self.mission}) on {self.as_of.isoformat()}")
        life = _life_line(self)
        if life:
            rows.insert(0, ("record", _html.text(life)))
        if self.extrapolated:
            caption += _html.text(f" (extrapolated from {self.current_through})")
        contingents = _html.table(
            ("country", "personnel", "deployed", "committed", "outstanding", "projected"),
            (
                (
                    _html.text(c.country),
                    _html.text(c.personnel_type),
                    _html.figure(c.deployed),
                    _html.figure(c.committed),
                    _html.figure(c.outstanding),
                    _html.figure(c.projected),
                )
                for c in self.contingents
            ),
        )
        return _html.pairs(rows, caption=caption) + contingents


def _life_line(status: Status) -> str:
    """What the report says of the mission's end or of the edge of the record, if anything."""
    if status.ended_on is not None:
        return f"the {status.mission} {_ended_words(status)}; every figure is 0 from that day"
    if status.extrapolated:
        assert status.current_through is not None  # noqa: S101  # extrapolated implies it
        days = status.record_age_days
        return (
            f"the figures are extrapolated: the record ends on "
            f"{status.current_through.isoformat()}, {days} day{'s' * (days != 1)} before this "
            "day, and they are its last, carried forward"
        )
    return ""


def end_words(ended_on: date, successor: str | None, *, handed_over: bool) -> str:
    """How a mission ended, in words: "ended on 2025-10-02; succeeded by the GSF".

    *ended_on* is the first day without the mission: the day of its handover, or the day after
    its last mandate's last day.
    """
    if handed_over:
        return f"ended on {ended_on.isoformat()}; succeeded by the {successor}"
    return f"ended after {(ended_on - _DAY).isoformat()}, when its last mandate expired"


def _ended_words(status: Status) -> str:
    assert status.ended_on is not None  # noqa: S101  # only called for an ended mission
    handed_over = status.authorisation is Authorisation.SUCCEEDED
    return end_words(status.ended_on, status.successor, handed_over=handed_over)


def _share(status: Status) -> str | None:
    """The deployed share of the ceiling or planned strength in words, with its qualifier.

    ``"~17.0% of the planned strength of ≤2,500"``; ``"0%"`` when nobody is deployed.
    """
    basis = status.ratio_basis
    if basis is None:
        return None
    ratio, qualifier = _counting.ratio(status.deployed, basis)
    percent = "0%" if ratio == 0 else f"{qualifier.symbol}{ratio:.1%}"
    what = "authorised ceiling" if status.ceiling is not None else "planned strength"
    return f"{percent} of the {what} of {basis}"


def _report_lines(status: Status) -> Iterator[str]:
    yield f"{status.mission_name} ({status.mission}): status on {status.as_of.isoformat()}"
    life = _life_line(status)
    if life:
        yield f"  Note: {life[0].upper()}{life[1:]}."
    yield f"  Mandate:         {_mandate_line(status)}"
    share = _share(status)
    yield f"  Deployed:        {status.deployed}{f' ({share})' if share else ''}"
    yield f"  Committed:       {status.committed}"
    yield f"  Outstanding:     {status.outstanding}"
    yield f"  Projected force: {status.projected_force}"
    deployed = [(k, v) for k, v in status.by_country.items() if v.value]
    if deployed:
        yield "  Deployed by country:"
        yield from (f"    {country!s:<28} {figure}" for country, figure in deployed)
        yield "  Deployed by personnel type:"
        yield from (
            f"    {kind!s:<28} {figure}"
            for kind, figure in status.by_personnel_type.items()
            if figure.value
        )
    if status.indicators:
        yield "  Latest indicators:"
        yield from (f"    {indicator}" for indicator in status.indicators)


def _mandate_line(status: Status) -> str:
    mandate = status.mandate
    if mandate is not None:
        days = status.days_until_expiry
        left = "last day" if days == 0 else f"{days} day{'s' * (days != 1)} left"
        return f"{mandate.resolution}, in force until {mandate.expires.isoformat()} ({left})"
    last = status.last_mandate
    state = status.authorisation
    if state is Authorisation.UNKNOWN and last is not None:
        through = status.current_through.isoformat() if status.current_through else "no records"
        return (
            f"unknown after {last.expires.isoformat()}, the expiry of {last.resolution}: "
            f"no renewal or lapse recorded; the record ends on {through}"
        )
    if state is Authorisation.ENDED and last is not None:
        return f"none in force ({last.resolution} expired on {last.expires.isoformat()})"
    if state is Authorisation.SUCCEEDED and status.ended_on is not None:
        return f"none in force (the mission {_ended_words(status)})"
    return {
        Authorisation.NOT_YET: "none yet (before the first resolution)",
        Authorisation.LAPSED: "none in force (lapsed between resolutions)",
        Authorisation.ENDED: "none in force (the last mandate has expired)",
        Authorisation.SUCCEEDED: "none in force (handed over to its successor)",
        Authorisation.UNKNOWN: "unknown: no renewal or lapse recorded",
        Authorisation.NONE: "none recorded",
    }[state]


def _to_statuses(value: Iterable[Status]) -> tuple[Status, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True)
class DatasetStatus:
    """Every mission of a dataset on one day: the personnel in the host country, and each share.

    :meth:`Dataset.status <haiti_mss.Dataset.status>` computes it. A person is counted by one
    mission at a time (on a handover day, by the successor), so the personnel in the host
    country is the sum of the missions' deployed figures.
    """

    as_of: date = attrs.field(validator=is_date)
    missions: tuple[Status, ...] = attrs.field(converter=_to_statuses, validator=tuple_of(Status))

    def __attrs_post_init__(self) -> None:
        for i, status in enumerate(self.missions):
            if status.as_of != self.as_of:
                raise DataError.at(
                    ("missions", i, "as_of"),
                    f"is {status.as_of.isoformat()}, not the day {self.as_of.isoformat()}",
                )

    @cached_property
    def deployed(self) -> Figure:
        """The personnel of all the missions in the host country."""
        return _counting.total(status.deployed for status in self.missions)

    @cached_property
    def by_mission(self) -> Mapping[str, Figure]:
        """Each mission's share of :attr:`deployed`, by acronym, in the dataset's order."""
        return MappingProxyType({status.mission: status.deployed for status in self.missions})

    @cached_property
    def by_country(self) -> Breakdown[Country]:
        """Deployed strength per country, over all the missions, largest first."""
        return _breakdown(
            [(c.country, c.deployed) for status in self.missions for c in status.contingents]
        )

    @property
    def extrapolated(self) -> bool:
        """Whether any mission's figures are extrapolated past the edge of its record."""
        return any(status.extrapolated for status in self.missions)

    def __str__(self) -> str:
        shares = ", ".join(f"{status.mission} {status.deployed}" for status in self.missions)
        lines = [f"Personnel deployed on {self.as_of.isoformat()}: {self.deployed} ({shares})"]
        lines += (
            f"  {status.mission}: {life}"
            for status in self.missions
            if (life := _life_line(status))
        )
        return "\n".join(lines)

    def __repr__(self) -> str:
        shares = ", ".join(f"{status.mission}={status.deployed}" for status in self.missions)
        return f"DatasetStatus({self.as_of.isoformat()}: {self.deployed}; {shares})"
