"""The bundled dataset: what it holds, that it is cited, and what it says about the seed article.

Then what any Dataset holds: each mission the sources it cites of the table, as its file gives
them; and how loads in threads share the garbage collector.
"""

import gc
import threading
from datetime import date, timedelta
from importlib import resources

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from haiti_mss import (
    Arrival,
    Authorisation,
    Contingent,
    DataError,
    Dataset,
    Figure,
    Mission,
    Qualifier,
    Source,
    data,
    from_dict,
    from_json,
    load,
    to_dict,
    to_json,
)
from haiti_mss.data import FILE
from haiti_mss.datasets import held_sources
from haiti_mss.errors import UnknownSource
from haiti_mss.serialization import _documents
from haiti_mss.serialization._documents import gc_paused
from haiti_mss.testing import datasets, missions, sources

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
    """Both hosted by Haiti and led by Kenya; the MSS planned up to 2,500; MSS -> GSF."""
    assert ["MSS", "GSF"] == [m.acronym for m in data.missions()]
    for mission in (mss, gsf):
        assert ("HTI", "KEN") == (mission.host.code, mission.lead.code)
    assert Figure(2500, "at_most") == mss.planned_strength
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
    assert "high" == res_2793.confidence
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
    assert [
        ("KEN", "police"),
        ("JAM", "military"),
        ("JAM", "police"),
        ("BLZ", "military"),
        ("BHS", "military"),
        ("GTM", "military"),
        ("SLV", "military"),
        ("TCD", "military"),
        ("BGD", "police"),
    ] == [(c.country.code, str(c.personnel_type)) for c in gsf.contingents]
    never = [
        mss.contingent("BEN", "military"),
        gsf.contingent("TCD", "military"),
        gsf.contingent("BGD", "police"),
    ]
    for contingent in never:
        assert {"pledge"} == {r.kind for r in contingent.history}
        assert Figure(0) == contingent.deployed_on(D(2026, 4, 30))
    assert Figure(2000, "at_most") == never[0].committed_on(D(2024, 3, 1))
    assert [Figure(1500), Figure(1500)] == [c.committed_on(D(2025, 12, 9)) for c in never[1:]]
    # Chad's later pledge of 800 police and gendarmes replaces its offer of 1,500
    assert [Figure(1500), Figure(800)] == [
        never[1].committed_on(D(2026, 3, 20)),
        never[1].committed_on(D(2026, 3, 21)),
    ]


def test_kenya_is_counted_again_from_ohchrs_383(mss):
    """OHCHR's 383 Kenyans of 27 September 2024 is a strength report: the count restarts there."""
    kenya = mss.contingent("KEN", "police")
    (report,) = [r for r in kenya.history if r.on == D(2024, 9, 27)]
    assert ("strength_report", Figure(383), "medium") == (
        report.kind,
        report.figure,
        report.confidence,
    )
    assert Figure(400, "about") == kenya.deployed_on(D(2024, 9, 26))
    assert Figure(383) == kenya.deployed_on(D(2024, 9, 27))
    assert Figure(600) == kenya.deployed_on(D(2025, 1, 18))


HANDOVER = D(2025, 10, 2)


def test_the_gsf_takes_over_every_mss_contingent_present_on_its_last_day(mss, gsf):
    """The MSS hands over on 2 October 2025: each contingent present passes with its strength."""
    assert (HANDOVER, "high") == (mss.handover.on, mss.handover.confidence)
    assert {"caricom-gsf", "africanews-2025-12-09"} <= set(mss.handover.sources)
    present = {
        c.key: c.deployed_on(HANDOVER - timedelta(days=1))
        for c in mss.contingents
        if c.deployed_on(HANDOVER - timedelta(days=1)).value
    }
    assert {
        ("KEN", "police"): Figure(699, "more_than"),
        ("JAM", "military"): Figure(18),
        ("JAM", "police"): Figure(3),
        ("BLZ", "military"): Figure(2),
        ("BHS", "military"): Figure(6),
        ("GTM", "military"): Figure(150),
        ("SLV", "military"): Figure(78, "about"),
    } == {(country.code, str(kind)): figure for (country, kind), figure in present.items()}
    transfers = {}
    for contingent in gsf.contingents:
        moved = [r for r in contingent.history if r.kind == "transfer"]
        if moved:
            (transfer,) = moved
            assert (HANDOVER, "MSS") == (transfer.on, transfer.from_mission)
            assert transfer is contingent.history[0]
            transfers[contingent.key] = transfer.personnel
    assert present == transfers
    assert {k: t.personnel for k, t in mss.transfers().items()} == transfers
    belize = gsf.contingent("BLZ", "military").history[0]
    assert "low" == belize.confidence
    # nobody is counted twice, and the GSF counts nobody before it exists
    assert Figure(0) == gsf.status(HANDOVER - timedelta(days=1)).deployed
    assert mss.status(HANDOVER - timedelta(days=1)).deployed == gsf.status(HANDOVER).deployed
    for contingent in gsf.contingents:
        assert all(r.on >= HANDOVER for r in contingent.history if r.kind != "pledge")


def test_kenya_in_the_gsf(gsf):
    """230 in and about 100 out on 8 December 2025, then about 700 on the ground."""
    kenya = gsf.contingent("KEN", "police")
    assert [
        ("transfer", HANDOVER, Figure(699, "more_than")),
        ("arrival", D(2025, 12, 8), Figure(230)),
        ("departure", D(2025, 12, 8), Figure(100, "about")),
        ("strength_report", D(2025, 12, 8), Figure(700, "about")),
    ] == [(r.kind, r.on, r.figure) for r in kenya.history]
    report = kenya.history[-1]
    assert [Figure(700, "more_than")] == [a.value for a in report.alternatives]
    assert ("tengele-2025-12",) == report.alternatives[0].sources
    assert Figure(700, "about") == kenya.deployed_on(D(2025, 12, 8))


def test_the_gsf_total_in_december_2025_is_near_the_reported_thousand(gsf):
    """The records add up to about 957 on 8 December 2025; the spokesman said about 1,000."""
    day = D(2025, 12, 8)
    deployed = gsf.status(day).deployed
    assert Figure(957, "about") == deployed
    (reported,) = [
        i for i in gsf.indicators if i.name == "reported mission strength" and i.as_of == day
    ]
    assert Figure(1000, "about") == reported.value
    assert abs(deployed.value - reported.value.value) <= 0.05 * reported.value.value


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
    # 250 is for the whole contingent: it is set against the whole (200), not against a part
    assert [] == alternatives_of(mss.contingent("JAM", "military"))
    assert [] == alternatives_of(mss.contingent("JAM", "police"))
    (whole,) = [
        i for i in mss.indicators if i.name == "pledged strength, Jamaica (soldiers and police)"
    ]
    assert (Figure(200), D(2024, 9, 12), [Figure(250)], ("vocesdelsur",)) == (
        whole.value,
        whole.as_of,
        [a.value for a in whole.alternatives],
        whole.alternatives[0].sources,
    )
    # El Salvador's main body: the same reports give a range, about 60 to 70
    assert [
        (D(2025, 2, 4), "arrival", Figure(70, "about"), [Figure(60, "about")]),
    ] == alternatives_of(mss.contingent("SLV", "military"))
    same_source = []
    for contingent in mss.contingents:
        for record in contingent.history:
            for alternative in record.alternatives:
                assert alternative.sources
                if set(alternative.sources) & set(record.sources):
                    same_source.append((contingent.country.code, record.on))
    # the one alternative whose source is the record's own: the low end of a reported range
    assert [("SLV", D(2025, 2, 4))] == same_source


def test_money_milestones_and_indicators_are_there(mss, gsf):
    """Pledged, committed, deposited, spent and frozen money; milestones; indicators."""
    assert {"pledged", "committed", "deposited", "spent", "frozen"} == {
        str(c.status) for c in mss.contributions
    }
    us_2025 = [
        (str(c.status), str(c.amount))
        for c in mss.contributions
        if c.on == D(2025, 2, 4) and c.donor is not None and c.donor.code == "USA"
    ]
    assert [("committed", "15000000"), ("frozen", "13300000"), ("spent", "1700000")] == sorted(
        us_2025
    )
    titles = {(m.on, str(m.kind)) for m in mss.milestones}
    assert {
        (SEED_DAY, "visit"),
        (D(2024, 1, 26), "ruling"),
        (D(2025, 10, 2), "transition"),
    } <= titles
    names = {i.name for m in (mss, gsf) for i in m.indicators}
    assert {"internally displaced persons", "gang control of Port-au-Prince", "killings"} <= names
    assert {"injuries", "kidnappings", "killings and injuries", "pledged strength"} <= names
    assert {"personnel committed", "suspected gang members killed in operations"} <= names
    gang_control = [
        (i.as_of, i.value)
        for m in (mss, gsf)
        for i in m.indicators
        if i.name == "gang control of Port-au-Prince"
    ]
    assert [
        (D(2024, 9, 21), Figure(80, "about")),
        (D(2025, 1, 31), Figure(85)),
        (D(2025, 7, 31), Figure(90)),
        (D(2026, 2, 8), Figure(90)),
    ] == gang_control
    frozen = next(c for c in mss.contributions if str(c.status) == "frozen")
    assert ("USA", "13300000") == (frozen.donor.code, str(frozen.amount))


def test_low_confidence_facts_are_marked(mss, gsf):
    """What the record grades low, the dataset keeps only with a low confidence."""
    chad_800 = gsf.contingent("TCD", "military").history[-1]
    assert (D(2026, 3, 21), Figure(800), "low") == (
        chad_800.on,
        chad_800.total,
        chad_800.confidence,
    )
    assert all("low" == c.confidence for c in gsf.contributions)
    (february,) = [
        i
        for i in mss.indicators
        if i.name == "reported mission strength" and i.as_of == D(2025, 2, 28)
    ]
    assert (Figure(800, "about"), [Figure(900, "less_than")], "low") == (
        february.value,
        [a.value for a in february.alternatives],
        february.confidence,
    )
    # Bangladesh's type is now known (police and border security), graded medium
    bangladesh = gsf.contingent("BGD", "police").history[0]
    assert "medium" == bangladesh.confidence


def test_the_killings_of_2025_keep_both_figures(gsf):
    """'nearly 6,000' for 2025 and 'more than 8,100' for 1 January to 30 November 2025."""
    killings = {
        (i.period_start, i.as_of): i.value
        for i in gsf.indicators
        if i.name == "killings" and i.period_start == D(2025, 1, 1)
    }
    assert {
        (D(2025, 1, 1), D(2025, 11, 30)): Figure(8100, "more_than"),
        (D(2025, 1, 1), D(2025, 12, 31)): Figure(6000, "less_than"),
    } == killings


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
    # it handed over to the GSF on 2 October 2025, rather than lapsing
    assert Authorisation.SUCCEEDED == mss.status(D(2025, 10, 3)).authorisation
    (sg,) = [m for m in mss.milestones if m.on == D(2025, 2, 24)]
    assert "not a feasible option" in sg.title


# -- the totals the record gives, reproduced from the records -----------------------------------


REPORTED_TOTALS = [
    # (day, what the records add up to, the total a source reported)
    (D(2024, 7, 16), Figure(400, "about"), Figure(400, "about")),
    (D(2024, 9, 12), Figure(426, "about"), Figure(426)),
    (D(2024, 9, 27), Figure(409), Figure(430, "about")),
    (D(2024, 9, 30), Figure(409), Figure(410, "about")),
    (D(2025, 1, 4), Figure(573), Figure(590)),
    (D(2025, 1, 18), Figure(790), Figure(800, "less_than")),
    (D(2025, 2, 28), Figure(1003, "about"), Figure(800, "about")),
    (D(2025, 6, 25), Figure(999, "about"), Figure(991)),
    (D(2025, 8, 28), Figure(957, "about"), Figure(1000, "about")),
]


def test_every_reported_total_is_kept(mss):
    """Each MSS-wide total of the record is an indicator of the day it describes."""
    reported = [(i.as_of, i.value) for i in mss.indicators if i.name == "reported mission strength"]
    assert [(day, value) for day, _, value in REPORTED_TOTALS] == reported


@pytest.mark.parametrize(("day", "counted", "reported"), REPORTED_TOTALS)
def test_reported_totals_beside_the_counting_rules(mss, day, counted, reported):
    """What the records add up to on the day of each reported total, beside that total."""
    assert counted == mss.status(day).deployed
    (indicator,) = [
        i for i in mss.indicators if i.name == "reported mission strength" and i.as_of == day
    ]
    assert reported == indicator.value


@pytest.mark.parametrize("day", [D(2024, 7, 16), D(2024, 9, 12), D(2024, 9, 30)])
def test_reported_totals_are_reproduced_by_the_counting_rules(mss, day):
    """Where no source disagrees, the records add up to the total reported, within 1%."""
    deployed = mss.status(day).deployed
    (reported,) = [
        i for i in mss.indicators if i.name == "reported mission strength" and i.as_of == day
    ]
    assert abs(deployed.value - reported.value.value) <= 0.01 * reported.value.value


def test_mid_2025_is_about_one_thousand(mss):
    """'less than 1,000 (991 of 2,500)': the records give about 999 at the one-year mark."""
    deployed = mss.status(D(2025, 6, 25)).deployed
    assert Figure(999, "about") == deployed
    assert Figure(999, "about") == mss.status(D(2025, 6, 30)).deployed
    (ruto,) = [
        i
        for i in mss.indicators
        if i.name == "reported mission strength" and i.as_of == D(2025, 6, 25)
    ]
    assert Figure(991) == ruto.value
    assert abs(deployed.value - ruto.value.value) <= 0.05 * ruto.value.value
    reported = [i for i in mss.indicators if i.name == "reported mission strength"][-1]
    assert (D(2025, 8, 28), Figure(1000, "about")) == (reported.as_of, reported.value)
    assert abs(deployed.value - reported.value.value) <= 0.05 * reported.value.value


def test_a_status_after_the_records_says_it_extrapolates(mss, gsf):
    """The MSS records end at its handover, the GSF's at its last pledge; later, it extrapolates."""
    assert D(2025, 10, 2) == mss.current_through
    # the GSF's personnel records end with Chad's pledge of 800; its indicators describe to
    # February 2026 (the 1,343 of December 2025 to February 2026, published in April)
    assert D(2026, 3, 21) == gsf.current_through
    assert D(2026, 2, 28) == gsf.indicators_through
    later = gsf.status(gsf.current_through + timedelta(days=1))
    assert later.extrapolated
    assert "extrapolated" in str(later)
    assert not gsf.status(gsf.current_through).extrapolated
    # after its handover the MSS is not extrapolated: it counts nobody
    after = mss.status(mss.current_through + timedelta(days=1))
    assert (False, Figure(0), Authorisation.SUCCEEDED) == (
        after.extrapolated,
        after.deployed,
        after.authorisation,
    )


# -- a Dataset built is one its file reads back ---------------------------------------------------

ARRIVAL = Arrival(on=D(2024, 1, 1), personnel=1, sources=["a"])
CITED = Source(id="a", publisher="P")
SPARE = Source(id="spare", publisher="Q")


def citing(*sources):
    """A mission whose one record cites source "a", holding *sources*."""
    return Mission(
        name="X",
        acronym="X",
        host="HTI",
        lead="KEN",
        sources=list(sources),
        contingents=[Contingent(country="KEN", personnel_type="police", history=[ARRIVAL])],
    )


def problems(build):
    """The messages of the DataError that *build* raises."""
    with pytest.raises(DataError) as info:
        build()
    return [str(problem) for problem in info.value.problems]


def test_a_dataset_refuses_a_mission_whose_sources_its_file_could_not_give_it():
    """Missing from the table, unlike the table's, cited by nothing, or in another order."""
    assert [
        (
            "missions[0].sources[0]: unknown source id 'a': no source in the dataset's sources "
            "defines it"
        )
    ] == problems(lambda: Dataset(sources=[], missions=[citing(CITED)]))
    assert [
        (
            "missions[0].sources[0]: source 'a' is not the dataset's source of that id "
            "(sources[0]): its publisher differs"
        )
    ] == problems(
        lambda: Dataset(sources=[Source(id="a", publisher="TABLE")], missions=[citing(CITED)])
    )
    other = Source(id="a", publisher="TABLE", title="T")
    assert ["its publisher, title differ"] == [
        message.rpartition(": ")[2]
        for message in problems(lambda: Dataset(sources=[other], missions=[citing(CITED)]))
    ]
    assert [
        (
            "missions[0].sources[1]: source 'spare' is cited by no record of the X: a mission "
            "of a dataset holds only the sources it cites, as a file is read"
        )
    ] == problems(lambda: Dataset(sources=[CITED, SPARE], missions=[citing(CITED, SPARE)]))
    both = attrs.evolve(
        citing(SPARE, CITED), planned_strength=10, planned_strength_sources=["spare"]
    )
    assert [
        (
            "missions[0].sources: must be in the order of the dataset's sources, ('a', 'spare'), "
            "as a file is read"
        )
    ] == problems(lambda: Dataset(sources=[CITED, SPARE], missions=[both]))
    assert ["sources[1].id: source id 'a' is defined twice (also at sources[0])"] == problems(
        lambda: Dataset(sources=[CITED, Source(id="a", publisher="R")], missions=[])
    )


def test_what_the_reader_refuses_the_constructor_refuses():
    """A record citing an id the table lacks: refused from a file, and from the constructor."""
    document = to_dict(Dataset(sources=[CITED], missions=[citing(CITED)]))
    document["sources"] = {}
    assert [
        (
            "$.missions[0].contingents[0].history[0].sources[0]: unknown source id 'a': "
            "no source in $.sources defines it"
        )
    ] == problems(lambda: from_dict(document, Dataset))
    with pytest.raises(DataError) as info:
        Dataset(sources=[], missions=[citing(CITED)])
    assert [UnknownSource] == [type(p) for p in info.value.problems]


def test_a_dataset_holds_its_table_whole_and_each_mission_what_it_cites():
    """The table may hold sources no mission cites; a file keeps them."""
    dataset = Dataset(sources=[SPARE, CITED], missions=[citing(CITED)])
    assert dataset == from_json(to_json(dataset), Dataset)
    assert (CITED,) == held_sources(dataset.sources, {"a"})


@given(datasets())
def test_a_generated_dataset_reads_back_equal(dataset):
    """What the strategies generate, the constructor accepts and the file reads back."""
    assert dataset == from_json(to_json(dataset), Dataset)


@given(st.data())
def test_a_dataset_the_constructor_accepts_reads_back_equal(data):
    """Any table against a generated mission: refused at the mission's sources, or round trip.

    The mission may hold sources it does not cite; the table may lack some of its sources,
    hold others, define one differently, or list them in another order.
    """
    pool = data.draw(st.lists(sources(), min_size=1, max_size=5, unique_by=lambda s: s.id))
    mission = data.draw(
        missions(source_table=data.draw(st.lists(st.sampled_from(pool), unique=True)))
    )
    table = data.draw(st.permutations(data.draw(st.lists(st.sampled_from(pool), unique=True))))
    if table and data.draw(st.booleans()):
        table[0] = attrs.evolve(table[0], publisher=table[0].publisher + "!")
    try:
        dataset = Dataset(sources=table, missions=[mission])
    except DataError as error:
        refused = error.problems
    else:
        refused = ()
        assert dataset == from_json(to_json(dataset), Dataset)
    assert all(p.path[:3] == ("missions", 0, "sources") for p in refused), refused


# -- loads in threads leave the garbage collector as they found it --------------------------------


@pytest.fixture
def collector():
    """The collector's state before the test, restored after it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def in_threads(*steps):
    """Run each of *steps* in a thread of its own, and wait for all of them."""
    threads = [threading.Thread(target=step) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


WAIT = 60  # seconds: only a guard against a hang, never reached when the test passes


@pytest.mark.usefixtures("collector")
def test_a_load_that_ends_first_leaves_the_collector_off_for_one_under_way():
    """B begins while A is paused, A ends, B ends: off until B ends, then on again."""
    gc.enable()
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def a():
        with gc_paused():
            a_in.set()
            b_in.wait(WAIT)
        a_out.set()

    def b():
        a_in.wait(WAIT)
        with gc_paused():
            b_in.set()
            a_out.wait(WAIT)
            seen.append(gc.isenabled())

    in_threads(a, b)
    assert [False] == seen
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_a_load_that_finds_the_collector_paused_by_another_does_not_leave_it_off(monkeypatch):
    """The order that left it off for good: B looks while A has paused it, A ends, B pauses.

    Each call of the collector's switches in B waits, when it could, for A to end.
    """
    gc.enable()
    a_in, b_looked, a_out = threading.Event(), threading.Event(), threading.Event()

    class Collector:
        """The gc module, whose switches let A end when B calls them."""

        isenabled = staticmethod(gc.isenabled)
        enable = staticmethod(gc.enable)

        @staticmethod
        def disable():
            if threading.current_thread().name == "B":
                b_looked.set()
                a_out.wait(WAIT)
            gc.disable()

    monkeypatch.setattr(_documents, "gc", Collector)

    def a():
        with gc_paused():
            a_in.set()
            b_looked.wait(WAIT)
        a_out.set()

    def b():
        a_in.wait(WAIT)
        with gc_paused():
            b_looked.set()
            a_out.wait(WAIT)

    threads = [threading.Thread(target=a), threading.Thread(target=b, name="B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize(
    ("before", "meanwhile", "after"),
    [
        (True, None, True),
        (False, None, False),
        (False, gc.enable, True),  # seen: the collector was off
        (True, gc.disable, True),  # cannot be told from the pause: undone, as documented
    ],
)
def test_overlapping_loads_restore_the_state_before_the_first(before, meanwhile, after):
    """The last load to end restores the state the first found; a gc.enable() meanwhile stays."""
    if before:
        gc.enable()
    else:
        gc.disable()
    with gc_paused():
        with gc_paused():
            if meanwhile is not None:
                meanwhile()
        assert gc.isenabled() is (meanwhile is gc.enable)
    assert after is gc.isenabled()


@pytest.mark.usefixtures("collector")
def test_loads_in_threads_leave_the_collector_on():
    """Eight threads loading the bundled file at once, all waiting for each other to begin."""
    gc.enable()
    text = (resources.files("haiti_mss.data") / FILE).read_bytes()
    start = threading.Barrier(8)

    def load_twice():
        start.wait(WAIT)
        for _ in range(2):
            from_json(text, Dataset)

    in_threads(*[load_twice] * 8)
    assert gc.isenabled()
