"""Hypothesis strategies for every haiti_mss model class, valid by construction.

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

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Final

import attrs
from hypothesis import strategies as st

from ._checks import visible
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
from .datasets import Dataset
from .figures import Figure, Qualifier
from .funding import Contribution, ContributionStatus
from .indicators import Indicator
from .mandates import Duration, Lapse, Mandate, MandateTimeline, Vote
from .milestones import Milestone, MilestoneKind
from .missions import Handover, Mission
from .sources import Alternative, Confidence, Source
from .status import Breakdown, ContingentStatus, Status

__all__ = [
    "EPOCH",
    "alternatives",
    "breakdowns",
    "contingent_statuses",
    "contingents",
    "contributions",
    "countries",
    "datasets",
    "days",
    "durations",
    "figures",
    "head_counts",
    "histories",
    "indicators",
    "lapses",
    "mandate_timelines",
    "mandates",
    "milestones",
    "missions",
    "qualifiers",
    "records",
    "sources",
    "statuses",
    "successions",
    "texts",
    "votes",
]

EPOCH: Final = date(2023, 1, 1)
"""The first day the strategies use; histories span a few years from it."""

SPAN: Final = 3 * 365

# A fixed sample keeps examples fast and readable; any alpha-3 code would do.
_CODES: Final = ("KEN", "JAM", "BLZ", "BHS", "GTM", "SLV", "BEN", "TCD", "BGD", "HTI", "USA", "CAN")
_KEYS: Final = tuple((Country(code=code), kind) for code in _CODES for kind in PersonnelType)


def texts(min_size: int = 0) -> st.SearchStrategy[str]:
    """Short text of any printable characters (no lone surrogates, which JSON cannot carry).

    With *min_size*, text that must not be empty: something in it draws (see ``visible``).
    """
    alphabet = st.characters(exclude_categories=("Cs", "Cc"))
    text = st.text(alphabet, min_size=min_size, max_size=20)
    return text.filter(visible) if min_size else text


def qualifiers() -> st.SearchStrategy[Qualifier]:
    """Any :class:`Qualifier`."""
    return st.sampled_from(Qualifier)


def figures(min_value: int = -10_000, max_value: int = 10_000) -> st.SearchStrategy[Figure]:
    """Figures with an int value in the given range and any qualifier."""
    return st.builds(Figure, st.integers(min_value, max_value), qualifiers())


def head_counts(max_value: int = 2_000) -> st.SearchStrategy[Figure]:
    """Figures that count people: a whole number from 0 to *max_value*, any qualifier."""
    return figures(0, max_value)


def days(start: date = EPOCH, span: int = SPAN) -> st.SearchStrategy[date]:
    """Days from *start* to *span* days later."""
    return st.integers(0, span).map(lambda n: start + timedelta(days=n))


def countries() -> st.SearchStrategy[Country]:
    """Countries from a small fixed sample."""
    return st.sampled_from(_CODES).map(lambda code: Country(code=code))


def _ids(source_ids: Sequence[str]) -> st.SearchStrategy[list[str]]:
    if not source_ids:
        return st.just([])
    return st.lists(st.sampled_from(source_ids), unique=True, max_size=2)


def sources(source_id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Source]:
    """Sources with an id from *source_id* (default: short ids) and optional fields."""
    return st.builds(
        Source,
        id=source_id
        if source_id is not None
        else st.from_regex(r"[a-z0-9][a-z0-9.-]{0,11}", fullmatch=True),
        publisher=texts(min_size=1),
        title=st.none() | texts(min_size=1),
        url=st.none() | st.from_regex(r"https://example\.org/[a-z0-9/]{0,10}", fullmatch=True),
        published=st.none() | days(),
        via=st.none() | texts(min_size=1),
        note=texts(),
    )


def alternatives(
    source_ids: Sequence[str] = (), value: st.SearchStrategy[Figure] | None = None
) -> st.SearchStrategy[Alternative]:
    """Alternative values, citing ids from *source_ids*."""
    return st.builds(
        Alternative,
        value=head_counts() if value is None else value,
        sources=_ids(source_ids),
        note=texts(),
    )


def _cited(source_ids: Sequence[str]) -> dict[str, st.SearchStrategy[object]]:
    return {
        "sources": _ids(source_ids),
        "confidence": st.none() | st.sampled_from(Confidence),
        "note": texts(),
        "alternatives": st.lists(alternatives(source_ids), max_size=1),
    }


def records(
    on: st.SearchStrategy[date] | None = None, source_ids: Sequence[str] = ()
) -> st.SearchStrategy[Record]:
    """One record of any kind, on its own (a single record is always a valid history)."""
    day = days() if on is None else on
    common = _cited(source_ids)
    return st.one_of(
        head_counts().flatmap(
            lambda total: st.builds(
                Pledge,
                on=day,
                total=st.just(total),
                increment=st.none() | figures(0, int(total.value)),
                **common,
            )
        ),
        st.builds(Arrival, on=day, personnel=head_counts(), **common),
        st.builds(StrengthReport, on=day, personnel=head_counts(), **common),
        st.builds(
            Departure,
            on=day,
            personnel=st.just(Figure(0)),
            reason=st.sampled_from(DepartureReason),
            **common,
        ),
    )


@st.composite
def histories(  # noqa: PLR0913  # the window of days, the start, and the sources to cite
    draw: st.DrawFn,
    max_days: int = 12,
    source_ids: Sequence[str] = (),
    *,
    first: date | None = None,
    last: date | None = None,
    start: date = EPOCH,
    initial: int = 0,
) -> tuple[Record, ...]:
    """A valid history, shuffled: on each of some days, an optional pledge, movements, report.

    Records fall on days from *start* to *last* (default: ``SPAN`` days from *start*); only
    pledges fall before *first*, the day the mission exists from. The strength starts at
    *initial*, and departures never take more people than are deployed, so it stays >= 0.
    """
    end = start + timedelta(days=SPAN) if last is None else last
    span = max(0, (end - start).days)
    day_numbers = draw(st.lists(st.integers(0, span), max_size=max_days, unique=True))
    cited = {"sources": _ids(source_ids)}
    records_: list[Record] = []
    strength = initial
    for day in (start + timedelta(days=n) for n in sorted(day_numbers)):
        if draw(st.booleans()):
            records_.append(draw(st.builds(Pledge, on=st.just(day), total=head_counts(), **cited)))
        if first is not None and day < first:
            continue  # before the mission exists, a contingent is only pledged
        for _ in range(draw(st.integers(0, 2))):
            arriving: int = draw(st.integers(0, 500))
            quality = draw(qualifiers())
            records_.append(
                draw(
                    st.builds(
                        Arrival,
                        on=st.just(day),
                        personnel=st.just(Figure(arriving, quality)),
                        **cited,
                    )
                )
            )
            strength += arriving
        if strength and draw(st.booleans()):
            leaving = draw(st.integers(0, strength))
            records_.append(
                draw(
                    st.builds(
                        Departure,
                        on=st.just(day),
                        personnel=st.just(Figure(leaving, draw(qualifiers()))),
                        reason=st.sampled_from(DepartureReason),
                        **cited,
                    )
                )
            )
            strength -= leaving
        if draw(st.integers(0, 4)) == 0:
            strength = draw(st.integers(0, 2_000))
            report = Figure(strength, draw(qualifiers()))
            records_.append(
                draw(st.builds(StrengthReport, on=st.just(day), personnel=st.just(report), **cited))
            )
    return tuple(draw(st.permutations(records_)))


def contingents(
    country: st.SearchStrategy[Country] | None = None,
    personnel_type: st.SearchStrategy[PersonnelType] | None = None,
    source_ids: Sequence[str] = (),
) -> st.SearchStrategy[Contingent]:
    """Contingents with a valid history (given in shuffled order, as users may give it)."""
    return st.builds(
        Contingent,
        country=countries() if country is None else country,
        personnel_type=st.sampled_from(PersonnelType) if personnel_type is None else personnel_type,
        history=histories(source_ids=source_ids),
        description=texts(),
    )


def durations() -> st.SearchStrategy[Duration]:
    """Durations of up to a few years."""
    small = st.integers(0, 3)
    return st.builds(Duration, years=small, months=st.integers(0, 18), weeks=small, days=small)


@st.composite
def votes(draw: st.DrawFn) -> Vote:
    """Security Council votes of at most 15 members, naming abstainers or not."""
    in_favour = draw(st.integers(0, 15))
    against = draw(st.integers(0, 15 - in_favour))
    abstentions = draw(st.integers(0, min(len(_CODES), 15 - in_favour - against)))
    abstainers = draw(st.just(()) | st.permutations(_CODES).map(lambda c: c[:abstentions]))
    return Vote(
        in_favour=in_favour, against=against, abstentions=abstentions, abstainers=abstainers
    )


@st.composite
def mandates(draw: st.DrawFn, number: int | None = None, source_ids: Sequence[str] = ()) -> Mandate:
    """A mandate for a term from its adoption, with or without a ceiling and a vote."""
    adopted = draw(days())
    symbol = number if number is not None else draw(st.integers(1, 9999))
    return Mandate.for_term(
        resolution=f"S/RES/{symbol} ({adopted.year})",
        adopted=adopted,
        term=Duration(months=draw(st.integers(1, 18)), days=draw(st.integers(0, 40))),
        ceiling=draw(st.none() | st.integers(1, 10_000)),
        vote=draw(st.none() | votes()),
        sources=draw(_ids(source_ids)),
        confidence=draw(st.none() | st.sampled_from(Confidence)),
        note=draw(texts()),
    )


@st.composite
def mandate_timelines(
    draw: st.DrawFn, max_size: int = 3, source_ids: Sequence[str] = ()
) -> MandateTimeline:
    """Timelines of mandates with distinct symbols, overlapping or with gaps between them."""
    count = draw(st.integers(0, max_size))
    return MandateTimeline(mandates=[draw(mandates(9000 + n, source_ids)) for n in range(count)])


@st.composite
def lapses(draw: st.DrawFn) -> Lapse:
    """Lapses of one day or more."""
    start = draw(days())
    return Lapse(start=start, end=start + timedelta(days=draw(st.integers(0, 60))))


def contributions(source_ids: Sequence[str] = ()) -> st.SearchStrategy[Contribution]:
    """Contributions in a few currencies, from one donor or several."""
    return st.builds(
        Contribution,
        on=days(),
        donor=st.none() | countries(),
        amount=st.decimals(0, 10**9, places=2).map(Decimal),
        currency=st.sampled_from(("USD", "CAD", "EUR", "KES")),
        status=st.sampled_from(ContributionStatus),
        qualifier=qualifiers(),
        purpose=texts(),
        sources=_ids(source_ids),
        confidence=st.none() | st.sampled_from(Confidence),
        note=texts(),
    )


def milestones(source_ids: Sequence[str] = ()) -> st.SearchStrategy[Milestone]:
    """Milestones of any kind."""
    return st.builds(
        Milestone,
        on=days(),
        title=texts(min_size=1),
        kind=st.sampled_from(MilestoneKind),
        countries=st.lists(countries(), max_size=2),
        sources=_ids(source_ids),
        confidence=st.none() | st.sampled_from(Confidence),
        note=texts(),
    )


@st.composite
def indicators(draw: st.DrawFn, source_ids: Sequence[str] = ()) -> Indicator:
    """Indicators over a period or on a day, published on or after their last day."""
    as_of = draw(days())
    return Indicator(
        name=draw(st.sampled_from(("internally displaced persons", "killings", "gang control"))),
        value=draw(figures(0, 2_000_000)),
        as_of=as_of,
        unit=draw(st.sampled_from(("", "people", "%"))),
        period_start=draw(st.none() | days(as_of - timedelta(days=120), 120)),
        published=draw(st.none() | days(as_of, 90)),
        area=draw(st.sampled_from(("Haiti", "Port-au-Prince"))),
        alternatives=draw(st.lists(alternatives(source_ids, figures(0, 10**6)), max_size=1)),
        sources=draw(_ids(source_ids)),
        confidence=draw(st.none() | st.sampled_from(Confidence)),
        note=draw(texts()),
    )


@st.composite
def missions(
    draw: st.DrawFn, max_contingents: int = 4, source_table: Sequence[Source] | None = None
) -> Mission:
    """A mission whose records cite its sources, with distinct contingents and mandates."""
    table = (
        list(source_table)
        if source_table is not None
        else draw(st.lists(sources(), max_size=3, unique_by=lambda s: s.id))
    )
    ids = [source.id for source in table]
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(_CODES), st.sampled_from(PersonnelType)),
            max_size=max_contingents,
            unique=True,
        )
    )
    planned = draw(st.none() | st.integers(1, 5_000))
    acronym = draw(st.sampled_from(("MSS", "GSF", "HSM")))
    timeline = draw(mandate_timelines(source_ids=ids))
    # Records within the mission's life: only pledges before its first mandate, none after the
    # last one expires (a later record would show the mission ended before it).
    first, last = (timeline[0].adopted, timeline.expires) if timeline.mandates else (None, None)
    return Mission(
        name=draw(texts(min_size=1)),
        acronym=acronym,
        host="HTI",
        lead=draw(countries()),
        planned_strength=planned,
        planned_strength_sources=draw(_ids(ids)) if planned is not None else [],
        mandates=timeline,
        contingents=[
            Contingent(
                country=code,
                personnel_type=kind,
                history=draw(histories(source_ids=ids, first=first, last=last)),
            )
            for code, kind in keys
        ],
        contributions=draw(st.lists(contributions(ids), max_size=2)),
        milestones=draw(st.lists(milestones(ids), max_size=2)),
        indicators=draw(st.lists(indicators(ids), max_size=2)),
        sources=table,
        successor=draw(st.none() | st.just("GSF")) if acronym != "GSF" else None,
        note=draw(texts()),
    )


@st.composite
def successions(draw: st.DrawFn) -> Dataset:
    """A dataset of two missions: the first hands over to the second, valid by the rules.

    On the handover day, every contingent present in the predecessor passes to the successor
    (:meth:`haiti_mss.Mission.transfers`), whose later records continue from that strength; the
    successor may also have contingents of its own.
    """
    table = draw(st.lists(sources(), min_size=1, max_size=3, unique_by=lambda s: s.id))
    ids = [source.id for source in table]
    adopted = draw(days(EPOCH, 200))
    term = Duration(months=draw(st.integers(6, 18)))
    first = Mandate.for_term(resolution=f"S/RES/1 ({adopted.year})", adopted=adopted, term=term)
    handover_on = draw(days(adopted + timedelta(days=1), (first.expires - adopted).days))
    keys = draw(
        st.lists(
            st.tuples(st.sampled_from(_CODES), st.sampled_from(PersonnelType)),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    before = handover_on - timedelta(days=1)
    predecessor = Mission(
        name="Predecessor",
        acronym="MSS",
        host="HTI",
        lead="KEN",
        mandates=[first],
        contingents=[
            Contingent(
                country=code,
                personnel_type=kind,
                history=draw(
                    histories(
                        6, ids, first=adopted, start=adopted - timedelta(days=60), last=before
                    )
                ),
            )
            for code, kind in keys
        ],
        successor="GSF",
        handover=Handover(on=handover_on, sources=draw(_ids(ids))),
        sources=table,
    )
    second = Mandate.for_term(
        resolution=f"S/RES/2 ({handover_on.year})",
        adopted=handover_on - timedelta(days=draw(st.integers(0, 5))),
        term=term,
    )
    passing = predecessor.transfers()
    own = draw(st.sampled_from([*(k for k in _KEYS if k not in passing)]))
    contingents_ = [
        Contingent(
            country=key[0],
            personnel_type=key[1],
            history=[
                transfer,
                *draw(
                    histories(
                        6,
                        ids,
                        start=handover_on + timedelta(days=1),
                        last=second.expires,
                        initial=int(transfer.personnel.value),
                    )
                ),
            ],
        )
        for key, transfer in passing.items()
    ]
    contingents_.append(
        Contingent(
            country=own[0],
            personnel_type=own[1],
            history=draw(histories(6, ids, first=second.adopted, last=second.expires)),
        )
    )
    successor = Mission(
        name="Successor",
        acronym="GSF",
        host="HTI",
        lead="KEN",
        mandates=[second],
        contingents=contingents_,
        sources=table,
    )
    return Dataset(sources=table, missions=[_citing_only(predecessor), _citing_only(successor)])


@st.composite
def statuses(draw: st.DrawFn) -> Status:
    """The status of a generated mission on a generated day."""
    return draw(missions()).status(draw(days(EPOCH - timedelta(days=30), SPAN + 60)))


def contingent_statuses() -> st.SearchStrategy[ContingentStatus]:
    """One contingent's numbers on a day."""
    return st.builds(
        ContingentStatus,
        country=countries(),
        personnel_type=st.sampled_from(PersonnelType),
        deployed=head_counts(),
        committed=head_counts(),
    )


def breakdowns() -> st.SearchStrategy[Breakdown[Country]]:
    """Deployed strength by country, as a status computes it."""
    return statuses().map(lambda status: status.by_country)


def datasets(max_missions: int = 2) -> st.SearchStrategy[Dataset]:
    """A dataset: one table of sources, and missions whose records cite it.

    Each mission holds the sources it cites, as a loaded dataset's missions do. With room for
    two missions, some datasets are :func:`successions`: one mission handing over to another.
    """
    independent = _datasets(max_missions)
    return st.one_of(independent, successions()) if max_missions >= 2 else independent


@st.composite
def _datasets(draw: st.DrawFn, max_missions: int) -> Dataset:
    table = draw(st.lists(sources(), max_size=4, unique_by=lambda s: s.id))
    missions_ = draw(
        st.lists(missions(source_table=table), max_size=max_missions, unique_by=lambda m: m.acronym)
    )
    return Dataset(sources=table, missions=[_citing_only(m) for m in missions_])


def _citing_only(mission: Mission) -> Mission:
    cited = {source_id for _, ids in mission.citations() for source_id in ids}
    return attrs.evolve(mission, sources=[s for s in mission.sources if s.id in cited])
