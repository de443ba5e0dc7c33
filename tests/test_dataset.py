"""The bundled dataset: what it holds, that it is cited, and what it says about the seed article."""

from datetime import date, timedelta

import pytest

from haiti_mss import Authorisation, Figure, Qualifier, data, load
from haiti_mss.data import FILE

D = date
SEED_DAY = D(2024, 9, 21)


@pytest.fixture(scope="module")
def mss():
    """The bundled MSS."""
    return data.mss()


@pytest.fixture(scope="module")
def gsf():
    """The bundled GSF."""
    return data.gsf()


def test_the_file_is_parsed_once_and_loads_with_the_public_loader():
    """data.* share one parse; the same file read by load() is equal to it."""
    assert data.dataset() is data.dataset()
    assert data.dataset().missions == data.missions()
    path = data.__file__.replace("__init__.py", FILE)
    assert data.dataset() == load(path)


def test_every_record_is_cited_and_every_source_is_used():
    """No record without a source; no source without a record."""
    for mission in data.missions():
        assert () == mission.uncited(), mission.acronym
        assert () == mission.unused_sources(), mission.acronym
    cited = {i for m in data.missions() for _, ids in m.citations() for i in ids}
    assert {s.id for s in data.sources()} == cited


def test_the_two_missions(mss, gsf):
    """Both hosted by Haiti and led by Kenya; the MSS planned about 2,500; MSS -> GSF."""
    assert ["MSS", "GSF"] == [m.acronym for m in data.missions()]
    for mission in (mss, gsf):
        assert ("HTI", "KEN") == (mission.host.code, mission.lead.code)
    assert Figure(2500, "about") == mss.planned_strength
    assert "GSF" == mss.successor
    assert gsf.successor is None


def test_the_mandates(mss, gsf):
    """Resolutions 2699 and 2751 for the MSS, 2793 with its ceiling of 5,550 for the GSF."""
    assert [
        ("S/RES/2699 (2023)", D(2023, 10, 2), D(2024, 10, 2), "13-0-2", None),
        ("S/RES/2751 (2024)", D(2024, 9, 30), D(2025, 10, 2), "15-0-0", None),
    ] == [(m.resolution, m.adopted, m.expires, str(m.vote), m.ceiling) for m in mss.mandates]
    (res_2793,) = gsf.mandates
    assert ("S/RES/2793 (2025)", D(2025, 9, 30), "12-0-3", Figure(5550)) == (
        res_2793.resolution,
        res_2793.adopted,
        str(res_2793.vote),
        res_2793.ceiling,
    )
    assert ["CHN", "PAK", "RUS"] == [c.code for c in res_2793.vote.abstainers]
    assert "5,500 uniformed (military and police) and 50 civilians" in res_2793.note
    assert () == mss.mandates.lapses


def test_the_contingents(mss, gsf):
    """The six contributors of the MSS, and the pledges that never became deployments."""
    assert [
        ("KEN", "police"),
        ("JAM", "military"),
        ("JAM", "police"),
        ("BLZ", "military"),
        ("BHS", "military"),
        ("GTM", "military"),
        ("SLV", "military"),
        ("BEN", "military"),
    ] == [(c.country.code, str(c.personnel_type)) for c in mss.contingents]
    never = [
        mss.contingent("BEN", "military"),
        gsf.contingent("TCD", "military"),
        gsf.contingent("BGD", "military"),
    ]
    for contingent in never:
        assert {"pledge"} == {r.kind for r in contingent.history}
        assert Figure(0) == contingent.deployed_on(D(2026, 2, 8))
    assert Figure(2000, "at_most") == never[0].committed_on(D(2024, 3, 1))
    assert [Figure(1500), Figure(1500)] == [c.committed_on(D(2025, 12, 9)) for c in never[1:]]


def alternatives_of(contingent):
    """(date, kind, own figure, [alternative figures]) for each record with alternatives."""
    return [
        (r.on, r.kind, r.figure, [a.value for a in r.alternatives])
        for r in contingent.history
        if r.alternatives
    ]


def test_disagreements_between_sources_are_kept(mss):
    """200 vs 400 on the first flight; 144 vs 200 in February 2025; Jamaica 200 vs 250."""
    assert [
        (D(2024, 6, 25), "arrival", Figure(200, "about"), [Figure(400)]),
        (D(2025, 2, 6), "arrival", Figure(144), [Figure(200)]),
    ] == alternatives_of(mss.contingent("KEN", "police"))
    jamaica = mss.contingent("JAM", "military").committed_on(SEED_DAY) + mss.contingent(
        "JAM", "police"
    ).committed_on(SEED_DAY)
    assert Figure(200) == jamaica
    assert [(D(2024, 9, 12), "pledge", Figure(170), [Figure(250)])] == alternatives_of(
        mss.contingent("JAM", "military")
    )
    for contingent in mss.contingents:
        for record in contingent.history:
            for alternative in record.alternatives:
                assert alternative.sources
                assert not set(alternative.sources) & set(record.sources)


def test_money_milestones_and_indicators_are_there(mss, gsf):
    """Pledged, deposited and frozen money; the visit, the ruling, the transition; indicators."""
    assert {"pledged", "deposited", "frozen"} == {str(c.status) for c in mss.contributions}
    titles = {(m.on, str(m.kind)) for m in mss.milestones}
    assert {
        (SEED_DAY, "visit"),
        (D(2024, 1, 26), "ruling"),
        (D(2025, 10, 2), "transition"),
    } <= titles
    names = {i.name for m in (mss, gsf) for i in m.indicators}
    assert {"internally displaced persons", "gang control of Port-au-Prince", "killings"} <= names
    frozen = next(c for c in mss.contributions if str(c.status) == "frozen")
    assert ("USA", "13300000") == (frozen.donor.code, str(frozen.amount))


def test_low_confidence_facts_are_marked(gsf):
    """What the record grades low, the dataset keeps only with a low confidence."""
    bangladesh = gsf.contingent("BGD", "military").history[0]
    assert "low" == bangladesh.confidence
    assert all("low" == c.confidence for c in gsf.contributions)


# -- the seed article's claims, on its day ------------------------------------------------------


def test_seed_kenya_committed_one_thousand_with_about_four_hundred_deployed(mss):
    """'600 more, bringing the total to about 1,000': Kenya committed 1,000, ~400 there."""
    kenya = mss.contingent("KEN", "police")
    assert Figure(1000) == kenya.committed_on(SEED_DAY)
    assert Figure(400, "about") == kenya.deployed_on(SEED_DAY)
    assert Figure(600, "about") == kenya.outstanding_on(SEED_DAY)


def test_seed_less_than_a_quarter_of_the_planned_contingent(mss):
    """O'Neill: 'less than a quarter of its planned contingent' - about 17% of 2,500."""
    status = mss.status(SEED_DAY)
    assert status.deployment_ratio is not None
    assert status.deployment_ratio < 0.25
    assert Figure(426, "about") == status.deployed
    (claim,) = [
        i for i in status.indicators if i.name == "share of the pledged contingent deployed"
    ]
    assert Figure(0.25, "less_than") == claim.value


def test_seed_mandate_expires_early_october_eleven_days_on(mss):
    """'its mandate is set to expire in early October': 2 October 2024, 11 days later."""
    status = mss.status(SEED_DAY)
    assert "S/RES/2699 (2023)" == status.mandate.resolution
    assert D(2024, 10, 2) == status.mandate.expires
    assert 11 == status.days_until_expiry


def test_seed_gangs_control_about_eighty_percent_of_the_capital(mss):
    """'approximately 80% of the territory'."""
    (share,) = [
        i for i in mss.status(SEED_DAY).indicators if i.name == "gang control of Port-au-Prince"
    ]
    assert (Figure(80, "about"), "%") == (share.value, share.unit)


def test_seed_578000_displaced_is_data_to_31_may_2024(mss):
    """The seed's 'more than 578,000 as of August' is IOM round 7: data 24 April to 31 May 2024."""
    (idps,) = [
        i for i in mss.status(SEED_DAY).indicators if i.name == "internally displaced persons"
    ]
    assert (Figure(578_074), D(2024, 4, 24), D(2024, 5, 31), D(2024, 6, 20)) == (
        idps.value,
        idps.period_start,
        idps.as_of,
        idps.published,
    )
    (seed_reading,) = idps.alternatives
    assert (Figure(578_000, Qualifier.MORE_THAN), ("seed-oant-2024-09",)) == (
        seed_reading.value,
        seed_reading.sources,
    )


# -- where the record corrects the seed ---------------------------------------------------------


def daily(mission, start, end):
    """The status of *mission* on every day from *start* to *end*."""
    return mission.timeline(start, end, "daily")


def test_the_force_never_reached_2500_and_peaked_near_1000(mss):
    """'could bring the total force to around 2,500': it never did; it peaked near 1,000."""
    statuses = daily(mss, D(2024, 6, 1), mss.current_through)
    peak = max(s.deployed.value for s in statuses)
    assert peak < 2500
    assert 950 <= peak <= 1050
    assert all(s.deployed.value < s.planned_strength.value for s in statuses)


def test_the_mandate_was_renewed_to_2_october_2025(mss):
    """The vote at the end of the month renewed the MSS, unanimously, to 2 October 2025."""
    after = mss.status(D(2024, 10, 3))
    assert "S/RES/2751 (2024)" == after.mandate.resolution
    assert D(2025, 10, 2) == after.mandate.expires
    assert after.mandate.vote.unanimous


def test_the_gsf_came_instead_of_a_un_peacekeeping_operation(mss):
    """The speculated transition to a UN peacekeeping operation did not happen."""
    assert "GSF" == mss.successor
    assert Authorisation.ENDED == mss.status(D(2025, 10, 3)).authorisation
    (sg,) = [m for m in mss.milestones if m.on == D(2025, 2, 24)]
    assert "not a feasible option" in sg.title


# -- the totals the record gives, reproduced from the records -----------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [(D(2024, 9, 12), 426), (D(2025, 1, 4), 590)],
)
def test_reported_totals_are_reproduced_by_the_counting_rules(mss, day, expected):
    """The sum of the individual records equals the totals the sources reported."""
    deployed = mss.status(day).deployed
    assert Figure(expected, "about") == deployed
    (reported,) = [
        i for i in mss.indicators if i.name == "reported mission strength" and i.as_of == day
    ]
    assert expected == reported.value.value


def test_mid_2025_is_about_one_thousand(mss):
    """'less than 1,000 (991 of 2,500)': the records give at most 999 at the end of June 2025."""
    deployed = mss.status(D(2025, 6, 30)).deployed
    assert Figure(999, "at_most") == deployed
    reported = [i for i in mss.indicators if i.name == "reported mission strength"][-1]
    assert Figure(1000, "about") == reported.value
    assert abs(deployed.value - reported.value.value) <= 0.05 * reported.value.value


def test_a_status_after_the_records_says_it_extrapolates(mss, gsf):
    """The MSS records end when its authorisation lapsed; a later status says so."""
    assert D(2025, 10, 2) == mss.current_through
    assert D(2026, 2, 8) == gsf.current_through
    later = mss.status(mss.current_through + timedelta(days=1))
    assert later.extrapolated
    assert "extrapolates from that day" in str(later)
    assert not mss.status(mss.current_through).extrapolated
