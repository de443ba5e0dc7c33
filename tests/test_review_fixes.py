"""Edge cases of construction and queries that a review found, each pinned down."""

import re
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from dateutil.rrule import DAILY, rrule

from haiti_mss import (
    Arrival,
    Breakdown,
    Contingent,
    Contribution,
    Country,
    DataError,
    Departure,
    Duration,
    Figure,
    Mandate,
    Mission,
    Pledge,
    Record,
    StrengthReport,
    Vote,
)

D = date


def bare(**fields):
    """A mission with nothing in it but *fields*."""
    return Mission(name="Hypothetical", acronym="HSM", host="HTI", lead="KEN", **fields)


@pytest.mark.parametrize("code", ["ken", "Ken", "kEN"])
def test_codes_are_only_valid_in_capitals(code):
    """Pycountry ignores case; a stored code must still be one that ISO writes."""
    with pytest.raises(DataError, match="is not an ISO 3166-1 alpha-3 country code"):
        Country(code=code)
    assert Country(code="KEN") == Country.of(code)  # a name-or-code lookup may ignore case


def test_currencies_are_only_valid_in_capitals():
    """'usd' is not an ISO 4217 code."""
    with pytest.raises(DataError, match="currency: 'usd' is not an ISO 4217 currency code"):
        Contribution(on=D(2024, 1, 1), donor="USA", amount=1, currency="usd", status="pledged")


def test_planned_strength_sources_must_resolve_even_without_a_planned_strength():
    """Every source id must resolve, wherever it is named."""
    with pytest.raises(DataError, match=r"planned_strength_sources\[0\]: unknown source id"):
        bare(planned_strength_sources=["nope"])


def test_a_mission_cannot_succeed_itself():
    """The successor names another mission."""
    with pytest.raises(DataError, match="successor: HSM cannot succeed itself"):
        bare(successor="HSM")


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


def test_for_term_names_starts_and_refuses_terms_past_the_calendar():
    """A bad start date is reported as 'starts'; a term past 9999 is a DataError at 'term'."""
    with pytest.raises(DataError, match=r"starts: must be a datetime\.date, not str"):
        Mandate.for_term(
            resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), term="P1Y", starts="2030-02-01"
        )
    with pytest.raises(DataError, match=r"adopted: must be a datetime\.date"):
        Mandate.for_term(resolution="S/RES/9001 (2030)", adopted="2030-01-01", term="P1Y")
    with pytest.raises(DataError, match="term: P10000Y from 2030-01-01 runs past the year 9999"):
        Mandate.for_term(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), term="P10000Y")
    with pytest.raises(DataError, match="years: must be at most 10,000"):
        Duration.parse("P100000000Y")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Figure.parse("٣"),
        lambda: Duration.parse("١٢ months"),
        lambda: Mandate(
            resolution="S/RES/٢٦٩٩ (2023)", adopted=D(2023, 10, 2), expires=D(2024, 10, 2)
        ),
    ],
)
def test_only_ascii_digits_are_numbers(build):
    """Digits of other scripts are refused rather than read."""
    with pytest.raises(DataError):
        build()


def test_figures_are_bounded_and_format_like_text():
    """Values above 10**15 are refused; f-strings pad the rendered figure; floats add."""
    with pytest.raises(DataError, match=r"value: must be at most 10\*\*15 in size"):
        Figure(10**16)
    with pytest.raises(DataError, match="is too large a figure"):
        Figure.parse("9" * 5000)
    assert "[  ~1,000]" == f"[{Figure(1000, 'about'):>8}]"
    assert Figure(1.5, "about") == Figure(1, "about") + 0.5
    assert Figure(1.5, "at_most") == 2.5 - Figure(1, "at_least")


@pytest.mark.parametrize(
    ("increment", "message"),
    [
        (1200, "increment: 1,200 more cannot bring the total to 1,000"),
        (-600, "increment: must be >= 0 (got -600)"),
        (2.5, "increment: must be a whole number of people (got 2.5)"),
    ],
)
def test_a_pledge_increment_is_part_of_its_total(increment, message):
    """'600 more, bringing the total to 1,000' cannot add more than the total."""
    with pytest.raises(DataError, match=re.escape(message)):
        Pledge(on=D(2024, 9, 21), total=1000, increment=increment)


def test_strengths_and_ceilings_are_whole_numbers():
    """A planned strength or a ceiling counts people."""
    with pytest.raises(
        DataError, match=r"planned_strength: must be a whole number > 0 \(got 2,500.5\)"
    ):
        bare(planned_strength=2500.5)
    with pytest.raises(DataError, match="ceiling: must be a whole number > 0"):
        Mandate(
            resolution="S/RES/1 (2020)",
            adopted=D(2020, 1, 1),
            expires=D(2021, 1, 1),
            ceiling=5550.5,
        )


def test_nothing_is_named_twice():
    """An abstainer or a source id named twice is a mistake in the data."""
    with pytest.raises(DataError, match="abstainers: names a member twice"):
        Vote(in_favour=13, abstentions=2, abstainers=["CHN", "CHN"])
    with pytest.raises(DataError, match=r"sources\[1\]: 'ap' is named twice"):
        Arrival(on=D(2024, 1, 1), personnel=1, sources=["ap", "ap"])


def test_money_is_never_negative_and_prints_plainly():
    """'-0' is refused; an amount in exponent form prints in full."""
    with pytest.raises(DataError, match=r"amount: must be a finite amount >= 0 \(got -0\)"):
        Contribution(on=D(2024, 1, 1), donor="USA", amount="-0", currency="USD", status="pledged")
    thousand = Contribution(
        on=D(2024, 1, 1), donor="USA", amount="1e3", currency="USD", status="pledged"
    )
    assert Decimal(1000) == thousand.amount
    assert "USA pledged 1,000 USD on 2024-01-01" == str(thousand)


def test_record_is_only_a_base_class():
    """A bare Record has no figure: building one is refused."""
    with pytest.raises(DataError, match="Record is not a kind of record: build a Pledge"):
        Record(on=D(2024, 1, 1))


def test_breakdown_is_a_mapping_in_equality_hash_and_repr():
    """A Breakdown equals a dict with its items, hashes, and shows its items."""
    kenya = Country(code="KEN")
    b = Breakdown(((kenya, Figure(400)),))
    assert {kenya: Figure(400)} == b
    assert hash(b) == hash(Breakdown(((kenya, Figure(400)),)))
    assert "Breakdown({Country(code='KEN'): Figure(400)})" == repr(b)
    assert [1] not in b
    with pytest.raises(DataError, match=r"entries\[0\]: must be a \(key, Figure\) pair"):
        Breakdown((("KEN", 400),))
    with pytest.raises(DataError, match="entries: must be a list of"):
        Breakdown("abc")  # type: ignore[arg-type]


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


def test_same_day_mandates_are_ordered_by_symbol():
    """Two mandates adopted and expiring on the same days are stored in a fixed order."""
    a = Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    b = Mandate(resolution="S/RES/9002 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    assert bare(mandates=[b, a]).mandates == bare(mandates=[a, b]).mandates
    assert b == bare(mandates=[b, a]).mandates.in_force_on(D(2030, 6, 1))


def test_the_index_is_built_on_first_query():
    """Construction checks the history; the index for queries is built when first needed."""
    ken = Contingent(
        country="KEN",
        personnel_type="police",
        history=[
            Arrival(on=D(2030, 1, 1), personnel=5),
            Departure(on=D(2030, 2, 1), personnel=5, reason="withdrawal"),
            StrengthReport(on=D(2030, 3, 1), personnel=7),
        ],
    )
    assert [Figure(5), Figure(0), Figure(7)] == [
        ken.deployed_on(d) for d in ("2030-01-01", "2030-02-01", "2030-03-01")
    ]
