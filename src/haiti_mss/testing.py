"""Hypothesis strategies for haiti_mss objects, valid by construction.

For property tests of code built on haiti_mss. Needs :mod:`hypothesis` (the ``test`` extra).
Every strategy builds its objects through their constructors, so the library's own checks run
on each example: ``hypothesis.strategies.from_type`` would bypass the validators.

>>> from hypothesis import given
>>> @given(contingents())
... def test_projected_is_never_below_deployed(contingent):
...     day = contingent.last_record_date or date(2024, 1, 1)
...     assert contingent.projected_on(day).value >= contingent.deployed_on(day).value
>>> test_projected_is_never_below_deployed()
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from hypothesis import strategies as st

from .contingents import (
    Arrival,
    Contingent,
    Departure,
    DepartureReason,
    PersonnelType,
    Pledge,
    Record,
    StrengthReport,
)
from .countries import Country
from .figures import Figure, Qualifier
from .mandates import Duration, Mandate
from .missions import Mission

__all__ = [
    "contingents",
    "countries",
    "days",
    "figures",
    "head_counts",
    "histories",
    "mandates",
    "missions",
    "qualifiers",
]

EPOCH: Final = date(2023, 1, 1)
"""The first day the strategies use; histories span a few years from it."""

# A fixed sample keeps examples fast and readable; any alpha-3 code would do.
_CODES: Final = ("KEN", "JAM", "BLZ", "BHS", "GTM", "SLV", "BEN", "TCD", "BGD", "HTI", "USA", "CAN")


def qualifiers() -> st.SearchStrategy[Qualifier]:
    """Any :class:`Qualifier`."""
    return st.sampled_from(Qualifier)


def figures(min_value: int = -10_000, max_value: int = 10_000) -> st.SearchStrategy[Figure]:
    """Figures with an int value in the given range and any qualifier."""
    return st.builds(Figure, st.integers(min_value, max_value), qualifiers())


def head_counts(max_value: int = 2_000) -> st.SearchStrategy[Figure]:
    """Figures that count people: a whole number from 0 to *max_value*, any qualifier."""
    return figures(0, max_value)


def days(start: date = EPOCH, span: int = 3 * 365) -> st.SearchStrategy[date]:
    """Days from *start* to *span* days later."""
    return st.integers(0, span).map(lambda n: start + timedelta(days=n))


def countries() -> st.SearchStrategy[Country]:
    """Countries from a small fixed sample."""
    return st.sampled_from(_CODES).map(lambda code: Country(code=code))


@st.composite
def histories(draw: st.DrawFn, max_days: int = 12) -> tuple[Record, ...]:
    """A valid history: on each of some days, an optional pledge, movements and report.

    Departures never take more people than are deployed, so the strength stays >= 0.
    """
    day_numbers = draw(st.lists(st.integers(0, 3 * 365), max_size=max_days, unique=True))
    records: list[Record] = []
    strength = 0
    for day in (EPOCH + timedelta(days=n) for n in sorted(day_numbers)):
        if draw(st.booleans()):
            records.append(Pledge(on=day, total=draw(head_counts())))
        for _ in range(draw(st.integers(0, 2))):
            arriving = draw(head_counts(500))
            records.append(Arrival(on=day, personnel=arriving))
            strength += arriving.value  # type: ignore[assignment]  # head counts are ints
        if strength and draw(st.booleans()):
            leaving = draw(st.integers(0, strength))
            reason = draw(st.sampled_from(DepartureReason))
            quality = draw(qualifiers())
            records.append(Departure(on=day, personnel=Figure(leaving, quality), reason=reason))
            strength -= leaving
        if draw(st.integers(0, 4)) == 0:
            strength = draw(st.integers(0, 2_000))
            records.append(StrengthReport(on=day, personnel=Figure(strength, draw(qualifiers()))))
    return tuple(draw(st.permutations(records)))


def contingents(
    country: st.SearchStrategy[Country] | None = None,
    personnel_type: st.SearchStrategy[PersonnelType] | None = None,
) -> st.SearchStrategy[Contingent]:
    """Contingents with a valid history (given in shuffled order, as users may give it)."""
    return st.builds(
        Contingent,
        country=country or countries(),
        personnel_type=personnel_type or st.sampled_from(PersonnelType),
        history=histories(),
    )


@st.composite
def mandates(draw: st.DrawFn, count: int = 3) -> tuple[Mandate, ...]:
    """Up to *count* mandates with distinct symbols, possibly overlapping or with gaps."""
    result: list[Mandate] = []
    for number in range(1, draw(st.integers(0, count)) + 1):
        adopted = draw(days())
        term = Duration(months=draw(st.integers(1, 18)), days=draw(st.integers(0, 40)))
        ceiling = draw(st.none() | st.integers(1, 10_000))
        result.append(
            Mandate.for_term(
                resolution=f"S/RES/{9000 + number} ({adopted.year})",
                adopted=adopted,
                term=term,
                ceiling=ceiling,
            )
        )
    return tuple(result)


@st.composite
def missions(draw: st.DrawFn, max_contingents: int = 4) -> Mission:
    """A mission with distinct contingents, mandates and a planned strength or none."""
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(_CODES), st.sampled_from(PersonnelType)),
            max_size=max_contingents,
            unique=True,
        )
    )
    contingents_ = [
        Contingent(country=code, personnel_type=kind, history=draw(histories()))
        for code, kind in keys
    ]
    return Mission(
        name="Hypothetical Support Mission",
        acronym="HSM",
        host="HTI",
        lead="KEN",
        planned_strength=draw(st.none() | st.integers(1, 5_000)),
        mandates=draw(mandates()),
        contingents=contingents_,
    )
