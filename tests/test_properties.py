"""Properties of the counting rules over generated missions (hypothesis)."""

from datetime import date, timedelta

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from haiti_mss import Arrival, Contingent, Departure, Figure, Pledge, StrengthReport, Transfer
from haiti_mss.testing import EPOCH, contingents, days, histories, missions


def fold(history, day):
    """The deployed and committed strength by the rules in words: a slow, obvious oracle."""
    on_or_before = [r for r in history if r.on <= day]
    reports = [r for r in on_or_before if isinstance(r, StrengthReport)]
    start = max((r.on for r in reports), default=None)
    deployed = next((r.personnel for r in reports if r.on == start), Figure(0))
    for record in on_or_before:
        if start is None or record.on > start:
            if isinstance(record, (Arrival, Transfer)):
                deployed = deployed + record.personnel
            elif isinstance(record, Departure):
                deployed = deployed - record.personnel
    pledges = [r for r in on_or_before if isinstance(r, Pledge)]
    committed = max(pledges, key=lambda p: p.on).total if pledges else Figure(0)
    return deployed, committed


@given(histories(), days(EPOCH - timedelta(days=30), 4 * 365))
def test_the_index_agrees_with_the_rules_as_written(history, day):
    """Binary search over the folded history gives the value of folding it by hand."""
    contingent = Contingent(country="KEN", personnel_type="police", history=history)
    deployed, committed = fold(history, day)
    assert deployed == contingent.deployed_on(day)
    assert committed == contingent.committed_on(day)
    assert deployed.value >= 0


@given(contingents(), days())
def test_projected_is_at_least_deployed_and_committed(contingent, day):
    """Projected = max(committed, deployed); outstanding = max(0, committed - deployed)."""
    projected = contingent.projected_on(day).value
    assert projected >= contingent.deployed_on(day).value
    assert projected >= contingent.committed_on(day).value
    assert contingent.outstanding_on(day).value >= 0
    assert contingent.outstanding_on(day).value == max(
        0, contingent.committed_on(day).value - contingent.deployed_on(day).value
    )


@given(missions(), days())
def test_totals_equal_the_sums_of_their_parts(mission, day):
    """Mission totals are sums over contingents and over each breakdown; 0 after its end."""
    status = mission.status(day)
    ended = mission.ended_on is not None and day >= mission.ended_on
    assert status.deployed.value == sum(f.value for f in status.by_country.values())
    assert status.deployed.value == sum(f.value for f in status.by_personnel_type.values())
    assert status.deployed.value == (
        0 if ended else sum(c.deployed_on(day).value for c in mission.contingents)
    )
    assert status.projected_force.value == (
        0 if ended else sum(c.projected_on(day).value for c in mission.contingents)
    )
    assert status.projected_force.value >= status.deployed.value
    assert status.projected_force.value >= status.committed.value
    assert status.outstanding.value >= status.committed.value - status.deployed.value


@given(missions(), days(), st.data())
def test_records_after_a_day_do_not_change_its_status(mission, day, data):
    """Adding records dated after d leaves the status on d exactly as it was.

    Without its mandates, so that the later records stay within the mission's life.
    """
    mission = attrs.evolve(mission, mandates=[], current_through=None)
    before = mission.status(day)
    extended = []
    for contingent in mission.contingents:
        last = max(day, contingent.last_record_date or day)
        later = last + timedelta(days=data.draw(st.integers(1, 400)))
        strength = contingent.deployed_on(later).value
        extra = [
            Arrival(on=later, personnel=data.draw(st.integers(0, 300))),
            Pledge(on=later, total=data.draw(st.integers(0, 3000))),
            StrengthReport(on=later + timedelta(days=1), personnel=data.draw(st.integers(0, 999))),
        ]
        if strength:
            extra.append(Departure(on=later, personnel=strength, reason="withdrawal"))
        extended.append(
            Contingent(
                country=contingent.country,
                personnel_type=contingent.personnel_type,
                history=[*contingent.history, *extra],
            )
        )
    after = attrs.evolve(mission, contingents=extended, current_through=None).status(day)
    assert before.contingents == after.contingents
    assert (before.deployed, before.committed, before.outstanding, before.projected_force) == (
        after.deployed,
        after.committed,
        after.outstanding,
        after.projected_force,
    )


@given(missions(), days(), days())
def test_mandate_in_force_covers_the_day(mission, a, b):
    """The mandate in force covers the day; days until expiry is never negative."""
    for day in (a, b):
        status = mission.status(day)
        if status.mandate is not None:
            assert status.mandate.adopted <= day <= status.mandate.expires
            assert status.days_until_expiry is not None
            assert status.days_until_expiry >= 0
            assert not any(lapse.start <= day <= lapse.end for lapse in mission.mandates.lapses)
        else:
            assert status.days_until_expiry is None


@settings(max_examples=50)
@given(histories())
def test_history_order_does_not_matter(history):
    """A history given in any order is stored in the same date order."""
    forward = Contingent(country="KEN", personnel_type="police", history=history)
    backward = Contingent(country="KEN", personnel_type="police", history=history[::-1])
    assert [r.on for r in forward.history] == sorted(r.on for r in forward.history)
    for day in {r.on for r in history}:
        assert forward.deployed_on(day) == backward.deployed_on(day)
        assert forward.committed_on(day) == backward.committed_on(day)


def test_epoch_is_a_date():
    """The strategies' first day is a plain date."""
    assert isinstance(EPOCH, date)
