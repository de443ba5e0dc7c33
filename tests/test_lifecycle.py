"""A mission's life across a dataset: the handover, and no one counted twice (rules 1 to 4)."""

from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from haiti_mss import Figure, Transfer
from haiti_mss.testing import days, successions
from test_properties import fold


def in_country(dataset, day):
    """The personnel of each (country, personnel type) in the host country on *day*, by hand.

    People who pass from a mission to its successor stay where they are: for each contingent,
    the predecessor's records before the handover and the successor's records, without the
    transfers, folded as one history; a mission's records count only while it exists.
    """
    handovers = {
        m.successor: m for m in dataset.missions if m.handover is not None
    }  # successor acronym -> predecessor
    people = {}
    for mission in dataset.missions:
        predecessor = handovers.get(mission.acronym)
        for contingent in mission.contingents:
            history = [r for r in contingent.history if not isinstance(r, Transfer)]
            if predecessor is not None and any(isinstance(r, Transfer) for r in contingent.history):
                before = predecessor.contingent(contingent.country, contingent.personnel_type)
                history = [*before.history, *history]
            elif mission.ended_on is not None and day >= mission.ended_on:
                continue  # ended, and its people (if any) went on in the successor
            elif mission.handover is not None and contingent.key in mission.transfers():
                continue  # counted with the successor's contingent
            people[contingent.key] = people.get(contingent.key, 0) + fold(history, day)[0].value
    return people


@given(successions(), st.data())
def test_no_one_is_counted_twice_across_a_handover(dataset, data):
    """On every day, the missions' deployed figures add up to the people in the country."""
    predecessor = dataset.missions[0]
    handover = predecessor.handover.on
    drawn = data.draw(st.lists(days(handover - timedelta(days=400), 800), max_size=6))
    for day in [*drawn, handover - timedelta(days=1), handover]:
        status = dataset.status(day)
        by_hand = in_country(dataset, day)
        assert sum(by_hand.values()) == status.deployed.value
        assert status.deployed.value == sum(s.deployed.value for s in status.missions)
        assert status.by_mission["MSS"] == status.missions[0].deployed
        if day >= handover:
            assert Figure(0) == predecessor.status(day).deployed
            assert Figure(0) == predecessor.status(day).committed


@given(successions())
def test_the_successor_continues_from_the_strength_handed_over(dataset):
    """Each contingent present on the predecessor's last day holds that strength the next."""
    predecessor, successor = dataset.missions
    handover = predecessor.handover.on
    for key, transfer in predecessor.transfers().items():
        before = predecessor.contingent(*key).deployed_on(handover - timedelta(days=1))
        after = successor.contingent(*key)
        assert before == transfer.personnel
        assert Figure(0) == after.deployed_on(handover - timedelta(days=1))
        assert before == after.deployed_on(handover)
