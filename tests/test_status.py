"""Status: the report, the timeline, extrapolation and indicators."""

from datetime import UTC, date, datetime

import attrs
import pytest
from dateutil.rrule import DAILY, WEEKLY, rrule

from haiti_mss import (
    Arrival,
    Authorisation,
    Contingent,
    Country,
    DataError,
    Figure,
    Indicator,
    Mandate,
    Mission,
    Pledge,
)
from test_model import bare

D = date


@pytest.fixture
def mission():
    """A hypothetical mission with two contingents, two mandates and two indicators."""
    return Mission(
        name="Hypothetical Support Mission",
        acronym="HSM",
        host="HTI",
        lead="KEN",
        planned_strength=2500,
        mandates=[
            Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 6, 30)),
            Mandate(
                resolution="S/RES/9002 (2030)",
                adopted=D(2030, 7, 10),
                expires=D(2031, 7, 9),
                ceiling=5550,
            ),
        ],
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[
                    Pledge(on=D(2030, 1, 5), total=1000),
                    Arrival(on=D(2030, 2, 1), personnel=Figure(400, "about")),
                ],
            ),
            Contingent(
                country="JAM",
                personnel_type="military",
                history=[Arrival(on=D(2030, 3, 1), personnel=24)],
            ),
            Contingent(
                country="BEN",
                personnel_type="military",
                history=[Pledge(on=D(2030, 1, 5), total=2000)],
            ),
        ],
        indicators=[
            Indicator(
                name="displaced",
                value=500,
                as_of=D(2030, 1, 31),
                published=D(2030, 2, 20),
                unit="people",
            ),
            Indicator(
                name="displaced",
                value=Figure(700, "more_than"),
                as_of=D(2030, 4, 30),
                published=D(2030, 5, 20),
                unit="people",
            ),
        ],
    )


def test_status_report(mission):
    """str(status) is a short report with qualifiers, the mandate and the breakdowns."""
    expected = """\
Hypothetical Support Mission (HSM): status on 2030-06-20
  Mandate:         S/RES/9001 (2030), in force until 2030-06-30 (10 days left)
  Deployed:        ~424 (~17.0% of the planned strength of 2,500)
  Committed:       3,000
  Outstanding:     ~2,600
  Projected force: 3,024
  Deployed by country:
    Kenya (KEN)                  ~400
    Jamaica (JAM)                24
  Deployed by personnel type:
    police                       ~400
    military                     24
  Latest indicators:
    displaced: >700 people (as of 2030-04-30, published 2030-05-20)"""
    assert expected == str(mission.status("2030-06-20"))


def test_the_report_qualifies_a_ratio_by_both_of_its_figures():
    """Exactly 500 of about 2,500 is about 20%."""
    mission = bare(
        planned_strength=Figure(2500, "about"),
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[Arrival(on=D(2030, 1, 1), personnel=500)],
            )
        ],
    )
    assert "Deployed:        500 (~20.0% of the planned strength of ~2,500)" in str(
        mission.status("2030-01-01")
    )


def test_status_between_mandates_and_against_a_ceiling(mission):
    """During a lapse there is no mandate; under the second, the ratio uses its ceiling."""
    lapse = mission.status(D(2030, 7, 5))
    assert (None, None, Authorisation.LAPSED) == (
        lapse.mandate,
        lapse.days_until_expiry,
        lapse.authorisation,
    )
    assert "none in force (lapsed between resolutions)" in str(lapse)
    assert "of the planned strength of 2,500" in str(lapse)
    later = mission.status(D(2030, 7, 10))
    assert Figure(5550) == later.ceiling
    assert pytest.approx(424 / 5550) == later.deployment_ratio
    assert "of the authorised ceiling of 5,550" in str(later)
    assert "(364 days left)" in str(later)
    assert "(last day)" in str(mission.status(D(2031, 7, 9)))
    assert "(1 day left)" in str(mission.status(D(2031, 7, 8)))


def test_status_before_the_first_and_after_the_last_mandate(mission):
    """Before any resolution and after the last, the report says so."""
    assert "none yet (before the first resolution)" in str(mission.status(D(2029, 1, 1)))
    # The last mandate expires after the record's edge (2030-07-10): its state is unknown.
    unknown = mission.status(D(2031, 8, 1))
    assert Authorisation.UNKNOWN == unknown.authorisation
    assert unknown.last_mandate is not None
    expires = unknown.last_mandate.expires.isoformat()
    assert (
        f"unknown after {expires}, the expiry of {unknown.last_mandate.resolution}: "
        "no renewal or lapse recorded; the record ends on 2030-07-10"
    ) in str(unknown)
    assert unknown.deployed == mission.status(mission.current_through).deployed
    # A record that reaches the expiry shows the end: no mandate, and every figure 0.
    covered = attrs.evolve(mission, current_through=D(2031, 8, 1))
    ended = covered.status(D(2031, 8, 1))
    assert Authorisation.ENDED == ended.authorisation
    assert f"none in force ({ended.last_mandate.resolution} expired on {expires})" in str(ended)
    assert (Figure(0), Figure(0)) == (ended.deployed, ended.committed)
    bare = Mission(name="Bare", acronym="B", host="HTI", lead="KEN")
    assert "none recorded" in str(bare.status(D(2030, 1, 1)))


def test_a_status_after_the_records_says_it_extrapolates(mission):
    """Past current_through, the report warns that it extrapolates from that day."""
    assert D(2030, 7, 10) == mission.current_through
    assert not mission.status(D(2030, 7, 10)).extrapolated
    later = mission.status(D(2032, 1, 1))
    assert later.extrapolated
    assert 540 == later.record_age_days
    assert (
        "Note: The figures are extrapolated: the record ends on 2030-07-10, 540 days before "
        "this day, and they are its last, carried forward."
    ) in str(later)


def test_indicators_known_on_a_day_are_the_latest_published(mission):
    """An observation counts from its publication, not from the day its data describe."""
    assert () == mission.status(D(2030, 2, 19)).indicators
    assert (mission.indicators[0],) == mission.status(D(2030, 2, 20)).indicators
    assert (mission.indicators[1],) == mission.status(D(2030, 6, 1)).indicators


def test_total_projected_force_is_as_of_current_through(mission):
    """The mission's total projected force is the status on its last record day."""
    assert Figure(3024) == mission.total_projected_force


def test_monthly_timeline_clamps_to_the_end_of_short_months(mission):
    """From 31 January, monthly steps land on the last day of shorter months."""
    days = [st.as_of for st in mission.timeline("2030-01-31", "2030-05-31")]
    assert [D(2030, 1, 31), D(2030, 2, 28), D(2030, 3, 31), D(2030, 4, 30), D(2030, 5, 31)] == days


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("daily", [D(2030, 1, 1), D(2030, 1, 2), D(2030, 1, 3)]),
        ("weekly", [D(2030, 1, 1)]),
        ("monthly", [D(2030, 1, 1)]),
    ],
)
def test_timeline_rules_include_both_ends(mission, rule, expected):
    """Start and end are both inclusive."""
    assert expected == [st.as_of for st in mission.timeline(D(2030, 1, 1), D(2030, 1, 3), rule)]


def test_timeline_quarterly_yearly_and_a_custom_rrule(mission):
    """Named frequencies count from start; an rrule is used as given, between start and end."""
    assert [D(2030, 1, 1), D(2030, 4, 1), D(2030, 7, 1)] == [
        st.as_of for st in mission.timeline("2030-01-01", "2030-09-30", "quarterly")
    ]
    assert [D(2028, 2, 29), D(2029, 2, 28), D(2030, 2, 28)] == [
        st.as_of for st in mission.timeline("2028-02-29", "2030-03-01", "yearly")
    ]
    mondays = rrule(WEEKLY, dtstart=D(2029, 12, 30), byweekday=0)
    assert [D(2030, 1, 7), D(2030, 1, 14)] == [
        st.as_of for st in mission.timeline("2030-01-01", "2030-01-20", mondays)
    ]


def test_a_rrule_timeline_includes_the_whole_end_day():
    """An occurrence at noon on the end day is inside 'start to end, both inclusive'."""
    noon = rrule(DAILY, dtstart=datetime(2030, 1, 1, 12))
    days = [s.as_of for s in bare().timeline("2030-01-01", "2030-01-03", noon)]
    assert [D(2030, 1, 1), D(2030, 1, 2), D(2030, 1, 3)] == days


def test_a_rrule_that_cannot_be_compared_with_plain_dates_is_a_data_error():
    """A time zone in the rule's start cannot be compared with a calendar day."""
    aware = rrule(DAILY, dtstart=datetime(2030, 1, 1, tzinfo=UTC))
    with pytest.raises(DataError, match="rule: cannot be used here"):
        bare().timeline("2030-01-01", "2030-01-03", aware)


def test_timeline_refuses_a_backwards_range_and_an_unknown_rule(mission):
    """Mistakes in the arguments are DataErrors naming the argument."""
    with pytest.raises(DataError, match="end: 2030-01-01 is before start 2030-02-01"):
        mission.timeline("2030-02-01", "2030-01-01")
    with pytest.raises(
        DataError, match="rule: must be one of daily, weekly, monthly, quarterly, yearly"
    ):
        mission.timeline("2030-01-01", "2030-02-01", "fortnightly")  # type: ignore[arg-type]


def test_breakdowns_are_mappings_sorted_largest_first(mission):
    """by_country is ordered by deployed strength, then by name; absent keys raise KeyError."""
    st = mission.status(D(2030, 6, 1))
    assert ["KEN", "JAM", "BEN"] == [c.code for c in st.by_country]
    assert 3 == len(st.by_country)
    assert Figure(0) == st.by_country["Benin"]
    with pytest.raises(KeyError):
        st.by_country["FRA"]
    with pytest.raises(KeyError):
        st.by_personnel_type["navy"]


def test_a_breakdowns_lookup_cannot_be_changed(mission):
    """by_country's look-up table is read-only: its answers stay those of its entries."""
    by_country = mission.status(D(2030, 6, 1)).by_country
    kenya = by_country["KEN"]
    with pytest.raises(TypeError):
        by_country._lookup[Country(code="KEN")] = Figure(999_999)  # noqa: SLF001
    assert (kenya, dict(by_country.entries)) == (by_country["KEN"], dict(by_country.items()))
