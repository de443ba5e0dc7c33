"""A mission's life across a dataset: the handover, and no one counted twice (rules 1 to 4)."""

from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from haiti_mss import (
    Arrival,
    Contingent,
    DataError,
    Dataset,
    DatasetStatus,
    Figure,
    Handover,
    Mandate,
    Mission,
    Transfer,
)
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
        if mission.ended_on is not None and day >= mission.ended_on:
            continue  # ended: its people, if any, went on in its successor
        predecessor = handovers.get(mission.acronym)
        for contingent in mission.contingents:
            history = [r for r in contingent.history if not isinstance(r, Transfer)]
            if mission.handover is not None and contingent.key in mission.transfers():
                continue  # counted with the successor's contingent, which takes it over
            if predecessor is not None and any(isinstance(r, Transfer) for r in contingent.history):
                before = predecessor.contingent(contingent.country, contingent.personnel_type)
                history = [*before.history, *history]
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


# -- what the rules refuse, each at its path ------------------------------------------------------

D = date
OLD_MANDATE = Mandate(resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
NEW_MANDATE = Mandate(resolution="S/RES/2 (2030)", adopted=D(2030, 9, 30), expires=D(2031, 9, 30))


def kenya(*history):
    """A Kenyan police contingent."""
    return Contingent(country="KEN", personnel_type="police", history=list(history))


def mission(acronym, mandate, *contingents, **fields):
    """A mission in Haiti with one mandate."""
    return Mission(
        name=acronym,
        acronym=acronym,
        host="HTI",
        lead="KEN",
        mandates=[mandate],
        contingents=list(contingents),
        **fields,
    )


OLD = mission(
    "OLD",
    OLD_MANDATE,
    kenya(Arrival(on=D(2030, 3, 1), personnel=200)),
    successor="NEW",
    handover=Handover(on=D(2030, 10, 2)),
)


def problems(build):
    """The messages of the DataError that *build* raises."""
    with pytest.raises(DataError) as info:
        build()
    return [str(problem) for problem in info.value.problems]


def test_a_handover_needs_a_successor_and_a_mission_that_exists():
    """A handover names no successor, or falls before the mission's first mandate."""
    assert [
        "handover: a handover needs a successor: name it in 'successor'",
        (
            "handover.on: 2029-12-01 is before OLD exists: its first mandate was adopted on "
            "2030-01-01"
        ),
    ] == problems(lambda: mission("OLD", OLD_MANDATE, handover=Handover(on=D(2029, 12, 1))))


def test_a_mission_cannot_take_over_its_own_personnel():
    """A transfer names another mission."""
    own = kenya(Transfer(on=D(2030, 3, 1), personnel=5, from_mission="OLD"))
    assert [
        "contingents[0].history[0].from_mission: OLD cannot take over its own personnel"
    ] == problems(lambda: mission("OLD", OLD_MANDATE, own))


def test_records_after_an_end_by_expiry_are_refused():
    """A record beyond the record-covered expiry says when and how the mission ended."""
    assert [
        (
            "contingents[0].history[1]: an arrival on 2031-01-05, but OLD ended after "
            "2030-12-31, when its last mandate expired"
        )
    ] == problems(
        lambda: mission(
            "OLD",
            OLD_MANDATE,
            kenya(Arrival(on=D(2030, 3, 1), personnel=1), Arrival(on=D(2031, 1, 5), personnel=1)),
        )
    )


def test_what_a_dataset_refuses_of_a_handover():
    """Too early for the successor; a transfer missing, doubled, misdated or from nowhere."""
    late = attrs.evolve(NEW_MANDATE, adopted=D(2030, 10, 3))
    missing = mission("NEW", late, kenya(Arrival(on=D(2030, 10, 5), personnel=1)))
    assert [
        (
            "missions[0].handover.on: 2030-10-02 is before the NEW exists (its first mandate "
            "was adopted on 2030-10-03)"
        ),
        (
            "missions[1].contingents[0].history: holds no transfer of the OLD's 200 on "
            "2030-10-02, the day it handed over (missions[0]): add Transfer(on=datetime.date(2030,"
            " 10, 2), sources=(), alternatives=(), confidence=None, note='', "
            "personnel=Figure(200), from_mission='OLD')"
        ),
    ] == problems(lambda: Dataset(sources=[], missions=[OLD, missing]))
    transfer = Transfer(on=D(2030, 10, 2), personnel=200, from_mission="OLD")
    doubled = mission("NEW", NEW_MANDATE, kenya(transfer, transfer))
    assert ["missions[1].contingents[0].history[1]: a second transfer from the OLD"] == problems(
        lambda: Dataset(sources=[], missions=[OLD, doubled])
    )
    misdated = attrs.evolve(transfer, on=D(2030, 10, 3))
    assert [
        (
            "missions[1].contingents[0].history[0].on: is 2030-10-03, but the OLD handed over "
            "on 2030-10-02"
        ),
    ] == problems(
        lambda: Dataset(sources=[], missions=[OLD, mission("NEW", NEW_MANDATE, kenya(misdated))])
    )
    no_handover = attrs.evolve(OLD, successor=None, handover=None, current_through=None)
    assert [
        (
            "missions[1].contingents[0].history[0].from_mission: the OLD (missions[0]) records "
            "no handover to the NEW"
        )
    ] == problems(
        lambda: Dataset(
            sources=[], missions=[no_handover, mission("NEW", NEW_MANDATE, kenya(transfer))]
        )
    )


def test_a_mission_not_in_the_dataset_is_not_checked():
    """A successor or a predecessor that the dataset does not hold cannot be checked.

    A dataset may hold a part of the record: the MSS alone names the GSF as its successor.
    """
    transfer = Transfer(on=D(2030, 10, 2), personnel=7, from_mission="OLD")
    alone = Dataset(sources=[], missions=[mission("NEW", NEW_MANDATE, kenya(transfer))])
    assert Figure(7) == alone.status("2030-10-02").deployed
    assert Figure(200) == Dataset(sources=[], missions=[OLD]).status("2030-10-01").deployed
    assert {} == attrs.evolve(OLD, successor=None, handover=None).transfers()


def test_successors_that_go_round_in_a_circle_are_refused():
    """MSS -> GSF -> MSS, or a longer circle: one problem, at the first of its missions.

    A mission that leads into the circle without being in it is not blamed.
    """
    a = mission("A", OLD_MANDATE, successor="B")
    b = mission("B", NEW_MANDATE, successor="A")
    assert [
        (
            "missions[0].successor: the A -> the B -> the A: a mission cannot succeed itself, "
            "even through others"
        )
    ] == problems(lambda: Dataset(sources=[], missions=[a, b]))
    c = mission("C", NEW_MANDATE, successor="A")
    into = mission("D", OLD_MANDATE, successor="B")
    b_to_c = attrs.evolve(b, successor="C")
    assert [
        (
            "missions[1].successor: the A -> the B -> the C -> the A: a mission cannot succeed "
            "itself, even through others"
        )
    ] == problems(lambda: Dataset(sources=[], missions=[into, a, b_to_c, c]))
    chain = Dataset(sources=[], missions=[into, b_to_c, attrs.evolve(c, successor=None)])
    assert ["B", "C", None] == [m.successor for m in chain.missions]


def test_a_dataset_status_of_one_day():
    """All its statuses are of its day; by country over the missions; extrapolated if any is."""
    new = mission(
        "NEW",
        NEW_MANDATE,
        kenya(
            Transfer(on=D(2030, 10, 2), personnel=200, from_mission="OLD"),
            Arrival(on=D(2030, 11, 1), personnel=50),
        ),
    )
    both = Dataset(sources=[], missions=[OLD, new])
    status = both.status("2031-01-01")
    assert {"KEN": Figure(250)} == {c.code: f for c, f in status.by_country.items() if f.value}
    assert status.extrapolated
    assert "DatasetStatus(2031-01-01: 250; OLD=0, NEW=250)" == repr(status)
    assert not both.status("2030-10-15").extrapolated
    with pytest.raises(DataError, match=r"missions\[0\]\.as_of: is 2030-10-15, not the day"):
        DatasetStatus(as_of=D(2031, 1, 1), missions=[OLD.status("2030-10-15")])
