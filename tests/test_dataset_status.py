"""The bundled dataset across its missions: the handover, no one counted twice, the edge."""

from datetime import date, timedelta

import pytest

from haiti_mss import Authorisation, Figure, data
from test_lifecycle import in_country

HANDOVER = date(2025, 10, 2)


def every_day(start, end):
    """The days from *start* to *end*, both included."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_the_missions_add_up_to_the_people_in_haiti_on_every_day():
    """From the MSS's first day to the record's edge, the missions' shares sum to the whole."""
    dataset = data.dataset()
    edge = max(m.current_through for m in dataset.missions)
    for day in every_day(date(2023, 10, 2), edge):
        status = dataset.status(day)
        assert sum(in_country(dataset, day).values()) == status.deployed.value, day
        assert status.deployed.value == sum(s.deployed.value for s in status.missions), day
        assert 0 in {s.deployed.value for s in status.missions}, day  # one mission at a time


def test_the_mss_counts_nobody_from_the_handover_on():
    """The MSS ended on 2 October 2025; from that day, its figures are 0."""
    mss = data.mss()
    assert HANDOVER == mss.ended_on
    for day in every_day(HANDOVER, date(2026, 12, 1)):
        status = mss.status(day)
        assert (Figure(0), Figure(0)) == (status.deployed, status.committed), day
    status = mss.status("2026-12-01")
    assert Authorisation.SUCCEEDED == status.authorisation
    assert not status.extrapolated
    assert "ended on 2025-10-02; succeeded by the GSF" in str(status)


def test_the_gsf_has_nothing_before_it_exists_and_takes_over_the_mss():
    """Nothing before resolution 2793; on the handover day, the MSS's six countries."""
    gsf, mss = data.gsf(), data.mss()
    assert date(2025, 9, 30) == gsf.started_on
    for day in every_day(date(2023, 10, 2), date(2025, 10, 1)):
        assert Figure(0) == gsf.status(day).deployed, day
    before = mss.status(HANDOVER - timedelta(days=1))
    after = gsf.status(HANDOVER)
    assert before.deployed == after.deployed
    present = {country: figure for country, figure in after.by_country.items() if figure.value}
    assert {c: f for c, f in before.by_country.items() if f.value} == present
    assert 6 == len(present)


def test_the_gsf_in_december_2025_is_about_the_thousand_the_sources_give():
    """About 1,000 after the December rotation (spokesman Jack Ombaka to Reuters)."""
    deployed = data.gsf().status("2025-12-08").deployed
    assert 900 <= deployed.value <= 1100


def test_benins_pledge_lapsed_with_the_mss():
    """Up to 2,000 pledged, never deployed: committed up to the end, nothing after."""
    mss = data.mss()
    assert mss.contingent("BEN", "military").committed_on(HANDOVER - timedelta(days=1)).value
    assert Figure(0) == mss.status(HANDOVER).committed


def test_a_day_after_the_edge_is_extrapolated_and_the_mandate_state_unknown():
    """On 1 December 2026 the GSF's figures are carried from its edge, and 2793 is unknown."""
    gsf = data.gsf()
    status = gsf.status("2026-12-01")
    assert status.extrapolated
    assert (date(2026, 12, 1) - gsf.current_through).days == status.record_age_days
    assert Authorisation.UNKNOWN == status.authorisation
    assert status.deployed == gsf.status(gsf.current_through).deployed
    text = str(status)
    assert f"the record ends on {gsf.current_through.isoformat()}" in text
    assert "unknown after 2026-09-30, the expiry of S/RES/2793 (2025)" in text


@pytest.mark.parametrize("day", ["2024-09-21", "2025-10-01", "2025-10-02", "2026-12-01"])
def test_data_status_is_the_dataset_status(day):
    """haiti_mss.data.status(day) is the bundled dataset's status on that day."""
    assert data.dataset().status(day) == data.status(day)
