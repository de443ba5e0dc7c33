"""The counting rules, on hand-computed cases."""

from datetime import date
from typing import ClassVar

import attrs
import pytest

from haiti_mss import (
    Alternative,
    Arrival,
    Authorisation,
    Contingent,
    DataError,
    Dataset,
    Departure,
    Effect,
    Figure,
    Handover,
    Mandate,
    Mission,
    Pledge,
    Record,
    StrengthReport,
    Transfer,
    contingents,
)
from haiti_mss.contingents import RECORD_TYPES

D = date


def kenya(*history):
    """A Kenyan police contingent with *history*."""
    return Contingent(country="KEN", personnel_type="police", history=list(history))


def test_six_hundred_more_bringing_the_total_to_one_thousand():
    """A pledge stores the new total; the increment is kept as a note, not added again."""
    ken = kenya(
        Pledge(on=D(2023, 7, 29), total=1000),
        Arrival(on=D(2024, 6, 25), personnel=200),
        Arrival(on=D(2024, 7, 16), personnel=200),
        Pledge(on=D(2024, 9, 21), total=1000, increment=600),
    )
    day = D(2024, 9, 21)
    assert Figure(1000) == ken.committed_on(day)
    assert Figure(400) == ken.deployed_on(day)
    assert Figure(600) == ken.outstanding_on(day)
    assert Figure(1000) == ken.projected_on(day)


def test_deployed_is_zero_before_any_record_and_steps_on_record_days():
    """Deployed holds its value between records and is 0 before the first."""
    ken = kenya(
        Arrival(on=D(2024, 6, 25), personnel=200), Arrival(on=D(2024, 7, 16), personnel=200)
    )
    assert [Figure(0), Figure(200), Figure(200), Figure(400), Figure(400)] == [
        ken.deployed_on(d)
        for d in (D(2024, 6, 24), D(2024, 6, 25), D(2024, 7, 15), D(2024, 7, 16), D(2030, 1, 1))
    ]


def test_a_strength_report_resets_the_count():
    """After a report, counting restarts from its figure; earlier movements no longer matter."""
    ken = kenya(
        Arrival(on=D(2025, 1, 1), personnel=400),
        Arrival(on=D(2025, 1, 18), personnel=217),
        StrengthReport(on=D(2025, 8, 28), personnel=Figure(700, "more_than")),
        Arrival(on=D(2025, 12, 8), personnel=230),
        Departure(on=D(2025, 12, 8), personnel=Figure(100, "about"), reason="rotation"),
    )
    assert Figure(617) == ken.deployed_on(D(2025, 8, 27))
    assert Figure(700, "more_than") == ken.deployed_on(D(2025, 8, 28))
    assert Figure(830, "about") == ken.deployed_on(D(2025, 12, 8))


def test_a_report_on_the_day_of_a_movement_already_includes_it():
    """The same-day arrival is not added on top of the report."""
    ken = kenya(
        Arrival(on=D(2024, 6, 25), personnel=200),
        Arrival(on=D(2024, 7, 16), personnel=200),
        StrengthReport(on=D(2024, 7, 16), personnel=400),
    )
    assert Figure(400) == ken.deployed_on(D(2024, 7, 16))


def test_a_report_on_a_day_lets_that_days_departures_exceed_the_previous_strength():
    """Movements on a report's day are inside the report, so they cannot make it negative."""
    ken = kenya(
        Departure(on=D(2024, 1, 1), personnel=50, reason="other"),
        StrengthReport(on=D(2024, 1, 1), personnel=10),
    )
    assert Figure(10) == ken.deployed_on(D(2024, 1, 1))


def test_a_rotation_on_one_day_keeps_the_strength_positive():
    """Arrivals count before departures within a day: a full rotation never dips below 0."""
    ken = kenya(
        Arrival(on=D(2024, 1, 1), personnel=100),
        Departure(on=D(2024, 6, 1), personnel=100, reason="rotation"),
        Arrival(on=D(2024, 6, 1), personnel=100),
    )
    assert Figure(100) == ken.deployed_on(D(2024, 6, 1))


def test_a_pledge_of_zero_is_a_withdrawal():
    """After a zero pledge nothing is committed or outstanding; what is deployed stays."""
    bgd = Contingent(
        country="BGD",
        personnel_type="military",
        history=[
            Pledge(on=D(2024, 4, 1), total=1500),
            Arrival(on=D(2024, 5, 1), personnel=10),
            Pledge(on=D(2024, 8, 1), total=0),
        ],
    )
    assert Figure(1490) == bgd.outstanding_on(D(2024, 7, 31))
    assert Figure(0) == bgd.committed_on(D(2024, 8, 1))
    assert Figure(0) == bgd.outstanding_on(D(2024, 8, 1))
    assert Figure(10) == bgd.projected_on(D(2024, 8, 1))


def test_outstanding_is_never_negative_and_projected_is_the_larger():
    """A contingent above its pledge has nothing outstanding and projects its deployed."""
    jam = Contingent(
        country="JAM",
        personnel_type="police",
        history=[Pledge(on=D(2024, 1, 1), total=30), Arrival(on=D(2024, 2, 1), personnel=40)],
    )
    assert Figure(0) == jam.outstanding_on(D(2024, 2, 1))
    assert Figure(40) == jam.projected_on(D(2024, 2, 1))


def test_projected_takes_committed_on_a_tie_with_its_qualifier():
    """max(committed, deployed) returns committed when the values are equal."""
    ken = kenya(
        Pledge(on=D(2024, 1, 1), total=200),
        Arrival(on=D(2024, 2, 1), personnel=Figure(200, "about")),
    )
    assert Figure(200) == ken.projected_on(D(2024, 2, 1))
    assert Figure(0) == ken.outstanding_on(D(2024, 2, 1))


def test_qualifiers_flow_through_the_counts():
    """About plus exact is about; outstanding of an exact pledge against ~200 is ~800."""
    ken = kenya(
        Pledge(on=D(2023, 7, 29), total=1000),
        Arrival(on=D(2024, 6, 25), personnel=Figure(200, "about")),
    )
    assert Figure(800, "about") == ken.outstanding_on("2024-06-25")


def test_a_history_that_goes_negative_is_refused_with_the_index_as_given():
    """The error names the departure by its position in the list the user gave."""
    with pytest.raises(DataError) as info:
        kenya(
            Departure(on=D(2024, 8, 1), personnel=300, reason="withdrawal"),
            Arrival(on=D(2024, 6, 25), personnel=200),
        )
    assert [("history", 0)] == [p.path for p in info.value.problems]
    assert "would leave -100 deployed on 2024-08-01" in str(info.value)


@pytest.mark.parametrize(
    ("records", "what"),
    [
        ((Pledge(on=D(2024, 1, 1), total=1), Pledge(on=D(2024, 1, 1), total=2)), "pledge"),
        (
            (
                StrengthReport(on=D(2024, 1, 1), personnel=1),
                StrengthReport(on=D(2024, 1, 1), personnel=2),
            ),
            "strength report",
        ),
    ],
)
def test_two_pledges_or_reports_on_one_day_are_refused(records, what):
    """A disagreement between sources is one record with an alternative, not two records."""
    with pytest.raises(DataError, match=f"a second {what} on 2024-01-01") as info:
        kenya(*records)
    assert [("history", 1)] == [p.path for p in info.value.problems]


def test_alternatives_are_kept_and_do_not_count():
    """The record's own value counts; the alternative stays beside it."""
    first_flight = Arrival(
        on=D(2024, 6, 25),
        personnel=Figure(200, "about"),
        alternatives=[Alternative(value=400, sources=["kenya-govt"])],
    )
    ken = kenya(first_flight)
    assert Figure(200, "about") == ken.deployed_on(D(2024, 6, 25))
    assert (Alternative(value=Figure(400), sources=("kenya-govt",)),) == ken.history[0].alternatives


def mission(*contingents, mandates=(), planned=None):
    """A hypothetical mission around *contingents*."""
    return Mission(
        name="Hypothetical Support Mission",
        acronym="HSM",
        host="HTI",
        lead="KEN",
        planned_strength=planned,
        mandates=list(mandates),
        contingents=list(contingents),
    )


def test_mission_outstanding_is_summed_per_contingent():
    """A contingent above its pledge does not offset another's shortfall."""
    over = Contingent(
        country="JAM",
        personnel_type="military",
        history=[Pledge(on=D(2024, 1, 1), total=100), Arrival(on=D(2024, 2, 1), personnel=150)],
    )
    short = kenya(Pledge(on=D(2024, 1, 1), total=1000), Arrival(on=D(2024, 2, 1), personnel=400))
    st = mission(over, short).status(D(2024, 3, 1))
    assert Figure(550) == st.deployed
    assert Figure(1100) == st.committed
    assert Figure(600) == st.outstanding  # not 1,100 - 550 = 550
    assert Figure(1150) == st.projected_force  # 150 + 1,000


def test_breakdowns_sum_to_the_totals():
    """by_country and by_personnel_type split the deployed strength."""
    st = mission(
        kenya(Arrival(on=D(2024, 1, 1), personnel=400)),
        Contingent(
            country="JAM",
            personnel_type="military",
            history=[Arrival(on=D(2024, 1, 1), personnel=20)],
        ),
        Contingent(
            country="JAM",
            personnel_type="police",
            history=[Arrival(on=D(2024, 1, 1), personnel=Figure(4, "about"))],
        ),
    ).status("2024-01-01")
    assert {"KEN": Figure(400), "JAM": Figure(24, "about")} == {
        c.code: f for c, f in st.by_country.items()
    }
    assert Figure(404, "about") == st.by_personnel_type["police"]
    assert Figure(20) == st.by_personnel_type["military"]
    assert Figure(24, "about") == st.by_country["Jamaica"]
    assert "Benin" not in st.by_country
    assert "nowhere" not in st.by_country


def test_deployment_ratio_uses_the_ceiling_then_the_planned_strength():
    """Deployed over the ceiling of the mandate in force, else over the planned strength."""
    m = mission(
        kenya(Arrival(on=D(2024, 1, 1), personnel=500)),
        mandates=[
            Mandate(resolution="S/RES/9001 (2024)", adopted=D(2024, 1, 1), expires=D(2024, 12, 31)),
            Mandate(
                resolution="S/RES/9002 (2025)",
                adopted=D(2025, 1, 1),
                expires=D(2025, 12, 31),
                ceiling=5000,
            ),
        ],
        planned=2500,
    )
    assert 0.2 == m.status("2024-06-01").deployment_ratio
    assert 0.1 == m.status("2025-06-01").deployment_ratio
    assert 0.2 == m.status("2026-06-01").deployment_ratio  # no mandate in force: planned strength
    assert mission(kenya()).status("2024-01-01").deployment_ratio is None


def test_the_records_a_day_rests_on():
    """The latest pledge, and the latest report with the movements after it, or all movements."""
    pledge = Pledge(on=D(2024, 1, 1), total=100)
    newer = Pledge(on=D(2024, 3, 1), total=200)
    first = Arrival(on=D(2024, 2, 1), personnel=50)
    report = StrengthReport(on=D(2024, 4, 1), personnel=40)
    same_day = Arrival(on=D(2024, 4, 1), personnel=10)
    later = Departure(on=D(2024, 5, 1), personnel=5, reason="rotation")
    ken = kenya(pledge, newer, first, report, same_day, later)
    assert (pledge, first) == ken.records_counted_on("2024-02-15")
    assert (first, newer) == ken.records_counted_on("2024-03-15")
    assert (newer, report, later) == ken.records_counted_on("2024-06-01")
    assert () == ken.records_counted_on("2023-12-31")


# -- a mission's life: rules 1 to 5 of docs/counting.md ------------------------------------------

FIRST = Mandate(resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
SECOND = Mandate(resolution="S/RES/2 (2030)", adopted=D(2030, 9, 30), expires=D(2031, 9, 30))


def life(acronym="OLD", mandates=(FIRST,), contingents=(), **fields):
    """A mission in Haiti led by Kenya."""
    return Mission(
        name=f"{acronym} mission",
        acronym=acronym,
        host="HTI",
        lead="KEN",
        mandates=list(mandates),
        contingents=list(contingents),
        **fields,
    )


def jamaica(*history):
    """A Jamaican military contingent with *history*."""
    return Contingent(country="JAM", personnel_type="military", history=list(history))


HANDOVER = D(2030, 10, 2)


def two_missions(transfer_ken=250, *, handover=HANDOVER):
    """OLD hands over to NEW on *handover*: Kenya 200 + 50, Jamaica 20, Benin pledged only."""
    old = life(
        contingents=[
            kenya(
                Pledge(on=D(2029, 11, 1), total=1000),
                Arrival(on=D(2030, 3, 1), personnel=200),
                Arrival(on=D(2030, 6, 1), personnel=50),
            ),
            jamaica(Arrival(on=D(2030, 3, 1), personnel=20)),
            Contingent(
                country="BEN",
                personnel_type="military",
                history=[Pledge(on=D(2029, 12, 1), total=Figure(2000, "at_most"))],
            ),
        ],
        successor="NEW",
        handover=Handover(on=handover),
    )
    new = life(
        "NEW",
        mandates=[SECOND],
        contingents=[
            kenya(
                Transfer(on=handover, personnel=transfer_ken, from_mission="OLD"),
                Departure(on=D(2030, 12, 8), personnel=100, reason="rotation"),
            ),
            jamaica(Transfer(on=handover, personnel=20, from_mission="OLD")),
        ],
    )
    return Dataset(sources=[], missions=[old, new])


def test_personnel_before_the_first_mandate_are_refused_pledges_are_not():
    """Rule 1: a mission exists from its first mandate's adoption; countries may pledge before."""
    pledged = life(contingents=[kenya(Pledge(on=D(2029, 6, 1), total=1000))])
    assert Figure(1000) == pledged.status(D(2029, 12, 31)).committed
    with pytest.raises(DataError) as info:
        life(
            contingents=[
                kenya(Pledge(on=D(2029, 6, 1), total=1000)),
                jamaica(StrengthReport(on=D(2029, 12, 31), personnel=20)),
            ]
        )
    assert [
        (
            "contingents[1].history[0]: a strength report on 2029-12-31, before OLD exists "
            "(its first mandate was adopted on 2030-01-01); only pledges may come before"
        )
    ] == [str(p) for p in info.value.problems]


def test_a_mission_ends_on_its_handover_and_counts_nobody_after():
    """Rule 2: from the handover, every figure is 0 and the status says how the mission ended."""
    old = two_missions().missions[0]
    assert D(2030, 10, 2) == old.ended_on
    last = old.status(D(2030, 10, 1))
    assert (Figure(270), Figure(3000, "at_most")) == (
        last.deployed,
        last.committed,
    )
    after = old.status(D(2030, 10, 2))
    assert (Figure(0),) * 4 == (
        after.deployed,
        after.committed,
        after.outstanding,
        after.projected_force,
    )
    assert Authorisation.SUCCEEDED == after.authorisation
    assert (after.mandate, after.deployment_ratio) == (None, None)
    assert "ended on 2030-10-02; succeeded by the NEW" in str(after)
    assert not after.extrapolated
    assert Figure(1000 + 20 + 2000, "at_most") == old.total_projected_force  # its last day


def test_a_mission_ends_with_its_last_mandate_when_the_record_covers_that_day():
    """Rule 2: no handover, but the record reaches the expiry: 0 from the next day."""
    covered = life(
        contingents=[kenya(Arrival(on=D(2030, 3, 1), personnel=200))],
        current_through=D(2031, 1, 15),
    )
    assert D(2031, 1, 1) == covered.ended_on
    assert Figure(200) == covered.status(D(2030, 12, 31)).deployed
    ended = covered.status(D(2031, 1, 1))
    assert (Figure(0), Authorisation.ENDED) == (ended.deployed, ended.authorisation)
    assert "none in force (S/RES/1 (2030) expired on 2030-12-31)" in str(ended)


def test_records_after_the_end_are_refused():
    """Rule 2: nothing happens in a mission that has ended."""
    with pytest.raises(DataError) as info:
        life(
            contingents=[kenya(Arrival(on=D(2030, 10, 2), personnel=5))],
            successor="NEW",
            handover=Handover(on=D(2030, 10, 2)),
        )
    assert [
        (
            "contingents[0].history[0]: an arrival on 2030-10-02, but OLD ended on 2030-10-02; "
            "succeeded by the NEW"
        )
    ] == [str(p) for p in info.value.problems]


def test_the_successor_takes_over_each_contingent_with_its_strength():
    """Rule 3: a transfer of the strength of the predecessor's last day; then its own records."""
    old, new = two_missions().missions
    assert {
        ("KEN", "police"): Figure(250),
        ("JAM", "military"): Figure(20),
    } == {(k[0].code, str(k[1])): t.personnel for k, t in old.transfers().items()}
    ken = new.contingent("KEN", "police")
    assert [Figure(0), Figure(250), Figure(250), Figure(150)] == [
        ken.deployed_on(day)
        for day in (D(2030, 10, 1), D(2030, 10, 2), D(2030, 12, 7), D(2031, 1, 1))
    ]
    assert Figure(0) == new.status(D(2030, 10, 2)).committed  # Kenya's pledge lapsed with OLD


def test_a_transfer_that_disagrees_with_the_predecessor_is_refused():
    """Rule 3: the strength passed on is the predecessor's, not a second figure kept by hand."""
    with pytest.raises(DataError) as info:
        two_missions(transfer_ken=240)
    assert [
        (
            "missions[1].contingents[0].history[0].personnel: is 240, but the OLD's KEN police "
            "contingent had 250 on 2030-10-01, its last day"
        )
    ] == [str(p) for p in info.value.problems]


def test_a_contingent_left_behind_is_refused():
    """Rule 3: every contingent present at the handover passes to the successor."""
    old, new = two_missions().missions
    with pytest.raises(DataError) as info:
        Dataset(sources=[], missions=[old, attrs.evolve(new, contingents=new.contingents[:1])])
    [problem] = info.value.problems
    assert str(problem).startswith(
        "missions[1].contingents: has no JAM military contingent to take over the OLD's 20 "
        "on 2030-10-02"
    )


def test_no_one_is_counted_twice_on_the_handover_day():
    """Rule 4: across the dataset, each day's people are in one mission: 270, then 270, 170."""
    dataset = two_missions()
    assert [
        (Figure(270), {"OLD": Figure(270), "NEW": Figure(0)}),
        (Figure(270), {"OLD": Figure(0), "NEW": Figure(270)}),
        (Figure(170), {"OLD": Figure(0), "NEW": Figure(170)}),
    ] == [
        (status.deployed, dict(status.by_mission))
        for status in (dataset.status(day) for day in ("2030-10-01", "2030-10-02", "2031-01-01"))
    ]


def test_after_the_edge_the_figures_are_extrapolated_and_a_later_expiry_is_unknown():
    """Rule 5: past current_through, figures carry on, marked; the expiry past it is unknown."""
    new = two_missions().missions[1]
    assert D(2030, 12, 8) == new.current_through
    inside = new.status(D(2031, 6, 1))
    assert (inside.extrapolated, inside.record_age_days) == (True, 175)
    assert inside.mandate == SECOND  # in force until its expiry, as far as the record goes
    after = new.status(D(2031, 12, 1))
    assert (Authorisation.UNKNOWN, Figure(170), True) == (
        after.authorisation,
        after.deployed,
        after.extrapolated,
    )
    assert (
        "unknown after 2031-09-30, the expiry of S/RES/2 (2030): no renewal or lapse "
        "recorded; the record ends on 2030-12-08"
    ) in str(after)


# -- what each kind of record does to the count ---------------------------------------------------


def test_each_kind_of_record_declares_its_effect():
    """Commit, add, subtract, reset: named on the class, and the fold dispatches on them."""
    assert {
        "pledge": Effect.COMMIT,
        "arrival": Effect.ADD,
        "transfer": Effect.ADD,
        "departure": Effect.SUBTRACT,
        "strength_report": Effect.RESET,
    } == {cls.kind: cls.effect for cls in RECORD_TYPES}


def test_a_kind_of_record_without_an_effect_is_refused_when_it_is_defined():
    """A new kind cannot silently count as a strength report: it must say what it does."""
    with pytest.raises(TypeError, match="Rotation must declare its effect on the count"):

        @attrs.frozen(kw_only=True)
        class Rotation(Record):
            kind: ClassVar[str] = "rotation"
            figure_field: ClassVar[str] = "personnel"
            personnel: Figure = attrs.field(default=Figure(0))


def test_a_new_kind_counts_by_the_effect_it_declares(monkeypatch):
    """A "rotation" of 100 that adds, against 400 deployed, gives 500, not 100."""

    @attrs.frozen(kw_only=True)
    class Rotation(Record):
        kind: ClassVar[str] = "rotation"
        figure_field: ClassVar[str] = "personnel"
        effect: ClassVar[Effect] = Effect.ADD
        personnel: Figure = attrs.field(default=Figure(0))

    monkeypatch.setattr(contingents, "RECORD_TYPES", (*contingents.RECORD_TYPES, Rotation))
    ken = kenya(
        Arrival(on=D(2025, 1, 1), personnel=400), Rotation(on=D(2025, 2, 1), personnel=Figure(100))
    )
    assert Figure(500) == ken.deployed_on(D(2025, 2, 1))
