"""Mandates, their timeline, lapses, durations and votes."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from haiti_mss import (
    Authorisation,
    DataError,
    Dataset,
    Duration,
    Lapse,
    Mandate,
    MandateTimeline,
    Mission,
    Vote,
    from_dict,
    from_json,
    to_json,
)
from haiti_mss import testing as hst
from haiti_mss._checks import FIRST_DAY, LAST_DAY, is_date
from test_model import bare

D = date
RES_2699 = Mandate(resolution="S/RES/2699 (2023)", adopted=D(2023, 10, 2), expires=D(2024, 10, 2))
RES_2751 = Mandate(resolution="S/RES/2751 (2024)", adopted=D(2024, 9, 30), expires=D(2025, 10, 2))


def test_a_renewal_adopted_before_expiry_takes_over_on_adoption():
    """Where two mandates overlap, the later-adopted one is in force."""
    timeline = MandateTimeline(mandates=[RES_2751, RES_2699])
    assert RES_2699 == timeline.in_force_on("2024-09-21")
    assert RES_2751 == timeline.in_force_on("2024-09-30")
    assert RES_2751 == timeline.in_force_on("2024-10-03")
    assert () == timeline.lapses
    assert (RES_2699, RES_2751) == timeline.mandates


def test_days_until_expiry_on_the_seed_day():
    """On 21 September 2024, the MSS mandate had 11 days left; 0 on its last day."""
    assert 11 == RES_2699.days_until_expiry("21 Sep 2024")
    assert 0 == RES_2699.days_until_expiry(D(2024, 10, 2))
    assert RES_2699.in_force_on(D(2024, 10, 2))
    assert not RES_2699.in_force_on(D(2024, 10, 3))


def test_a_gap_between_mandates_is_a_lapse_and_after_the_last_the_authorisation_ends():
    """Lapse days are inclusive; days after the last expiry are not a lapse."""
    first = Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 6, 30))
    second = Mandate(resolution="S/RES/9002 (2030)", adopted=D(2030, 7, 10), expires=D(2031, 7, 9))
    timeline = MandateTimeline(mandates=[first, second])
    assert (Lapse(start=D(2030, 7, 1), end=D(2030, 7, 9)),) == timeline.lapses
    assert 9 == timeline.lapses[0].days
    assert timeline.in_force_on(D(2030, 7, 5)) is None
    assert [
        Authorisation.NOT_YET,
        Authorisation.IN_FORCE,
        Authorisation.LAPSED,
        Authorisation.IN_FORCE,
        Authorisation.ENDED,
    ] == [
        timeline.authorisation_on(d)
        for d in (D(2029, 12, 31), D(2030, 6, 30), D(2030, 7, 1), D(2030, 7, 10), D(2031, 7, 10))
    ]
    assert Authorisation.NONE == MandateTimeline().authorisation_on(D(2030, 1, 1))


def test_a_mandate_inside_a_longer_one_gives_way_back_when_it_expires():
    """The in-force mandate is the latest-adopted one that covers the day, not the latest."""
    long = Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    short = Mandate(resolution="S/RES/9002 (2030)", adopted=D(2030, 3, 1), expires=D(2030, 3, 31))
    timeline = MandateTimeline(mandates=[long, short])
    assert short == timeline.in_force_on(D(2030, 3, 15))
    assert long == timeline.in_force_on(D(2030, 4, 1))


def test_timeline_is_a_sequence_of_mandates():
    """len, iteration and indexing work as for the tuple it holds."""
    timeline = MandateTimeline(mandates=[RES_2751, RES_2699])
    assert 2 == len(timeline)
    assert [RES_2699, RES_2751] == list(timeline)
    assert RES_2751 == timeline[1]
    assert (RES_2699,) == timeline[:1]
    assert D(2025, 10, 2) == timeline.expires


def test_an_empty_timeline_has_no_expiry():
    """Asking when nothing expires is an error, not a made-up date."""
    with pytest.raises(DataError, match="no mandates"):
        _ = MandateTimeline().expires


def test_a_mandate_that_expires_before_adoption_is_refused():
    """The message names both dates."""
    with pytest.raises(
        DataError, match=r"expires: S/RES/2699 \(2023\) expires on 2023-10-01, before"
    ):
        Mandate(resolution="S/RES/2699 (2023)", adopted=D(2023, 10, 2), expires=D(2023, 10, 1))


def test_the_same_resolution_twice_is_refused():
    """Each resolution appears once in a timeline."""
    with pytest.raises(
        DataError, match=r"mandates\[1\]\.resolution: S/RES/2699 \(2023\) appears twice"
    ):
        MandateTimeline(mandates=[RES_2699, RES_2699])


@pytest.mark.parametrize("symbol", ["2699", "S/RES/2699", "S/RES/2699(2023)", "s/res/2699 (2023)"])
def test_a_resolution_symbol_is_checked(symbol):
    """Symbols are written as the UN writes them."""
    with pytest.raises(DataError, match="resolution: must be a symbol like"):
        Mandate(resolution=symbol, adopted=D(2023, 10, 2), expires=D(2024, 10, 2))


def test_for_term_counts_a_twelve_month_term_with_relativedelta():
    """The expiry is the start plus the term, as dateutil's relativedelta counts months."""
    renewal = Mandate.for_term(
        resolution="S/RES/2751 (2024)",
        adopted=D(2024, 9, 30),
        term="twelve months",
        starts=D(2024, 10, 2),
    )
    assert RES_2751.expires == renewal.expires
    assert Duration(months=12) == renewal.term
    first = Mandate.for_term(resolution="S/RES/2699 (2023)", adopted=D(2023, 10, 2), term="P12M")
    assert D(2024, 10, 2) == first.expires


def test_for_term_names_the_term_when_it_cannot_be_read():
    """A term that is not a duration is a DataError at 'term'."""
    with pytest.raises(DataError, match="term: cannot read 'a while' as a duration"):
        Mandate.for_term(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), term="a while")


def test_for_term_names_starts_and_refuses_terms_past_the_calendar():
    """A bad start date is reported as 'starts'; a term past 9999 is a DataError at 'term'."""
    with pytest.raises(DataError, match=r"starts: must be a datetime\.date, not str"):
        Mandate.for_term(
            resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), term="P1Y", starts="2030-02-01"
        )
    with pytest.raises(DataError, match=r"adopted: must be a datetime\.date"):
        Mandate.for_term(resolution="S/RES/9001 (2030)", adopted="2030-01-01", term="P1Y")
    with pytest.raises(
        DataError, match="term: P10000Y from 2030-01-01 runs past 9998-12-31, the last day"
    ):
        Mandate.for_term(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), term="P10000Y")
    with pytest.raises(DataError, match="years: must be at most 10,000"):
        Duration.parse("P100000000Y")


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("P12M", Duration(months=12)),
        ("P1Y6M", Duration(years=1, months=6)),
        ("P2W", Duration(weeks=2)),
        ("P10D", Duration(days=10)),
        ("twelve months", Duration(months=12)),
        ("12 months", Duration(months=12)),
        ("one year", Duration(years=1)),
        ("a year and six months", Duration(years=1, months=6)),
        ("6 months, 15 days", Duration(months=6, days=15)),
        ("nine-month", Duration(months=9)),
    ],
)
def test_duration_parse(text, duration):
    """ISO 8601 and plain English terms."""
    assert duration == Duration.parse(text)


@pytest.mark.parametrize(
    "text", ["", "P", "twelve", "months", "12 fortnights", "1 year 1 year", "soon"]
)
def test_duration_parse_refuses_what_it_cannot_read(text):
    """No guessing."""
    with pytest.raises(DataError, match="as a duration"):
        Duration.parse(text)


def test_duration_is_our_own_frozen_value():
    """A Duration builds a fresh relativedelta on demand and prints as ISO 8601."""
    term = Duration(years=1, months=2, weeks=1, days=3)
    assert relativedelta(years=1, months=2, days=10) == term.to_relativedelta()
    assert term.to_relativedelta() is not term.to_relativedelta()
    assert "P1Y2M1W3D" == str(term)
    assert "P0D" == str(Duration())
    assert hash(term) == hash(Duration(years=1, months=2, weeks=1, days=3))
    assert D(2024, 2, 29) == D(2024, 1, 31) + Duration(months=1)


def test_votes():
    """A vote prints as in-against-abstain and is checked against the 15 members."""
    vote = Vote(in_favour=13, abstentions=2, abstainers=["China", "RUS"])
    assert "13-0-2" == str(vote)
    assert not vote.unanimous
    assert Vote(in_favour=15).unanimous
    assert ("CHN", "RUS") == tuple(c.code for c in vote.abstainers)
    with pytest.raises(DataError, match="15 members, but 16 votes"):
        Vote(in_favour=15, abstentions=1)
    with pytest.raises(DataError, match="abstainers: names 1 members for 2 abstentions"):
        Vote(in_favour=13, abstentions=2, abstainers=["CHN"])
    with pytest.raises(DataError, match=r"abstainers\[1\]: 'Atlantis' is not a known country"):
        Vote(in_favour=13, abstentions=2, abstainers=["CHN", "Atlantis"])


def test_of_two_mandates_adopted_on_one_day_the_longer_is_in_force():
    """A same-day tie goes to the mandate that runs longer, whatever the order given."""
    short = Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 3, 31))
    long = Mandate(resolution="S/RES/9002 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    for order in ([short, long], [long, short]):
        timeline = MandateTimeline(mandates=order)
        assert long == timeline.in_force_on(D(2030, 2, 1))
        assert long == timeline.in_force_on(D(2030, 5, 1))


def test_same_day_mandates_are_ordered_by_symbol():
    """Two mandates adopted and expiring on the same days are stored in a fixed order."""
    a = Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    b = Mandate(resolution="S/RES/9002 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    assert bare(mandates=[b, a]).mandates == bare(mandates=[a, b]).mandates
    assert b == bare(mandates=[b, a]).mandates.in_force_on(D(2030, 6, 1))


def test_a_repeated_resolution_is_reported_where_it_was_given():
    """Mandates given out of order: the second copy's index is its place in the list given."""
    later = Mandate(resolution="S/RES/2 (2031)", adopted=D(2031, 1, 1), expires=D(2031, 12, 31))
    first = Mandate(resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 12, 31))
    with pytest.raises(DataError) as info:
        MandateTimeline(mandates=[later, first, attrs.evolve(first, expires=D(2030, 6, 30))])
    assert ["mandates[2].resolution: S/RES/1 (2030) appears twice (also at mandates[1])"] == [
        str(p) for p in info.value.problems
    ]


def _in_force_by_the_rule(mandates, day):
    """The mandate in force on *day* as the rule says it, by looking at every mandate."""
    covering = [m for m in mandates if m.adopted <= day <= m.expires]
    return max(covering, key=lambda m: (m.adopted, m.expires, m.resolution), default=None)


def _check_against_the_rule(timeline):
    """Every day from before the first adoption to after the last expiry, and the lapses."""
    if not timeline.mandates:
        assert () == timeline.lapses
        return
    first = min(m.adopted for m in timeline)
    last = max(m.expires for m in timeline)
    lapses, gap = [], None
    for n in range(-2, (last - first).days + 3):
        day = first + timedelta(days=n)
        expected = _in_force_by_the_rule(timeline.mandates, day)
        assert expected == timeline.in_force_on(day), day
        if expected is None and first < day <= last:
            gap = gap or day
        elif gap is not None:
            lapses.append(Lapse(start=gap, end=day - timedelta(days=1)))
            gap = None
    assert tuple(lapses) == timeline.lapses


@given(hst.mandate_timelines(max_size=8))
def test_the_mandate_in_force_is_the_rule_s_on_every_day(timeline):
    """On generated timelines, the indexed answers agree with the rule applied to each day."""
    _check_against_the_rule(timeline)


@st.composite
def _crowded_timelines(draw):
    """Up to a dozen mandates within two months: ties, nesting, gaps of a day."""
    spans = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=12))
    start = D(2030, 1, 1)
    return MandateTimeline(
        mandates=[
            Mandate(
                resolution=f"S/RES/{9000 + i} (2030)",
                adopted=start + timedelta(days=offset),
                expires=start + timedelta(days=offset + length),
            )
            for i, (offset, length) in enumerate(spans)
        ]
    )


@given(_crowded_timelines())
def test_crowded_timelines_follow_the_rule(timeline):
    """Same-day adoptions, mandates inside others and one-day gaps agree with the rule too."""
    _check_against_the_rule(timeline)


def test_twenty_thousand_mandates_give_the_right_answers():
    """A long timeline is indexed in one sweep (once quadratic): every lapse and mandate found."""
    count, start = 20_000, D(1900, 1, 1)
    mandates = [
        Mandate(
            resolution=f"S/RES/{i} (2000)",
            adopted=start + timedelta(days=3 * i),
            expires=start + timedelta(days=3 * i + 1),
        )
        for i in range(count)
    ]
    mandates.append(  # in force for the first ten days, and a tie to keep the order
        Mandate(resolution="S/RES/99999 (1900)", adopted=start, expires=start + timedelta(days=9))
    )
    timeline = MandateTimeline(mandates=reversed(mandates))
    in_force = timeline.in_force_on
    assert mandates[-1] == in_force(start)
    assert mandates[-1] == in_force(start + timedelta(days=5))
    assert mandates[3] == in_force(start + timedelta(days=9))
    assert mandates[4] == in_force(start + timedelta(days=12))
    assert mandates[count - 1] == in_force(start + timedelta(days=3 * count - 2))
    assert in_force(start + timedelta(days=3 * count - 1)) is None
    expected = tuple(
        Lapse(start=start + timedelta(days=3 * i + 2), end=start + timedelta(days=3 * i + 2))
        for i in range(3, count - 1)
    )
    assert expected == timeline.lapses
    assert count + 1 + len(expected) == len(str(timeline).splitlines())


HELD = "must be a day from 0002-01-01 to 9998-12-31"


def test_the_days_held_run_from_0002_to_9998():
    """A date of data outside the days held is refused by every reader and by the schema."""
    assert (D(2, 1, 1), D(9998, 12, 31)) == (FIRST_DAY, LAST_DAY)
    with pytest.raises(
        DataError,
        match=r"^expires: must be a day from 0002-01-01 to 9998-12-31 \(got 9999-12-31\)$",
    ):
        Mandate(resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), expires=date.max)
    with pytest.raises(DataError, match=r"^adopted: must be a day from .* \(got 0001-12-31\)$"):
        Mandate(resolution="S/RES/1 (2030)", adopted=D(1, 12, 31), expires=D(2030, 1, 1))
    with pytest.raises(DataError, match=r"^end: must be a day from 0002-01-01 to 9998-12-31"):
        Lapse(start=D(2030, 1, 1), end=date.max)
    mandate = {"resolution": "S/RES/1 (2030)", "adopted": "2030-01-01", "expires": "9999-01-01"}
    with pytest.raises(DataError, match=r"^\$\.expires: must be a day from 0002-01-01"):
        from_dict(mandate, Mandate)
    pattern = is_date.schema["pattern"]
    years = [y for y in range(10_000) if re.fullmatch(pattern, f"{y:04}-01-01")]
    assert list(range(FIRST_DAY.year, LAST_DAY.year + 1)) == years


def test_a_data_file_with_a_mandate_expiring_9999_12_31_is_refused_where_it_says_so():
    """The bundled file with its last mandate open-ended: refused at load, not broken later."""
    document = json.loads(
        (Path(__file__).parent.parent / "src/haiti_mss/data/haiti-mss.json").read_text("utf-8")
    )
    document["missions"][0]["mandates"][-1]["expires"] = "9999-12-31"
    document["missions"][0]["contingents"][0]["history"][0]["on"] = "0001-01-01"
    with pytest.raises(DataError) as refused:
        from_json(json.dumps(document), Dataset)
    last = len(document["missions"][0]["mandates"]) - 1
    assert [
        f"$.missions[0].contingents[0].history[0].on: {HELD} (got 0001-01-01)",
        f"$.missions[0].mandates[{last}].expires: {HELD} (got 9999-12-31)",
    ] == sorted(str(p) for p in refused.value.problems)


def test_every_query_serves_a_mandate_on_the_last_day_held():
    """A mission authorised to the last day, its record reaching it: every query answers."""
    last = Mandate(resolution="S/RES/2 (2031)", adopted=D(2031, 1, 1), expires=LAST_DAY)
    first = Mandate(resolution="S/RES/1 (2030)", adopted=FIRST_DAY, expires=D(2030, 12, 30))
    mission = bare(mandates=[last, first], current_through=LAST_DAY)
    timeline = mission.mandates
    assert last == timeline.in_force_on(LAST_DAY)
    assert first == timeline.in_force_on(FIRST_DAY)
    assert (Lapse(start=D(2030, 12, 31), end=D(2030, 12, 31)),) == timeline.lapses
    assert "lapse: 2030-12-31 to 2030-12-31" == str(timeline).splitlines()[-1]
    assert Authorisation.IN_FORCE == timeline.authorisation_on("9998-12-31")
    assert LAST_DAY == timeline.expires
    assert 0 == last.days_until_expiry(LAST_DAY)
    assert D(9999, 1, 1) == mission.ended_on  # the first day without it, past the days held
    assert LAST_DAY == mission.last_day
    assert mission.exists_on(LAST_DAY)
    assert Authorisation.IN_FORCE == mission.authorisation_on(LAST_DAY)
    status = mission.status(LAST_DAY)
    assert (last, 0) == (status.mandate, status.days_until_expiry)
    assert "9998-12-31" in str(status)
    assert "9998-12-31" in status._repr_html_()
    assert mission == from_json(to_json(mission), Mission)
    assert 3 == len(mission.timeline(D(9998, 10, 31), LAST_DAY))


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (lambda m: m.status("9999-12-31"), "as_of: must be a day from 0002-01-01 to 9998-12-31"),
        (lambda m: m.status(date.min), r"as_of: must be a day .* \(got 0001-01-01\)"),
        (lambda m: m.mandates.in_force_on(date.max), "day: must be a day from 0002-01-01"),
        (
            lambda m: m.mandates.authorisation_on(datetime.max.replace(tzinfo=UTC)),
            r"day: .* \(got 9999-12-31\)",
        ),
        (lambda m: m.mandates[0].in_force_on("31 Dec 9999"), "day: must be a day from"),
        (lambda m: m.mandates[0].days_until_expiry(date.max), "day: must be a day from"),
        (lambda m: m.timeline("2030-01-01", "9999-01-01"), "end: must be a day from"),
    ],
    ids=["status", "status min", "in_force_on", "authorisation_on", "string", "days", "timeline"],
)
def test_a_query_day_outside_the_days_held_is_refused(query, message):
    """Queries take the days that data may hold, and say so of any other day."""
    mission = bare(mandates=[RES_2699])
    with pytest.raises(DataError, match=message):
        query(mission)


def test_a_term_past_the_days_held_is_refused_at_term():
    """Terms from a start near the end of the calendar: a DataError, never an OverflowError."""
    assert D(9999, 1, 1) == D(9998, 12, 31) + Duration(days=1)  # arithmetic is not limited
    for term in (Duration(days=1), Duration(years=10_000)):
        with pytest.raises(DataError, match=r"^9999-12-31 \+ P\w+ is past 9999-12-31, the end"):
            _ = date.max + term
    with pytest.raises(
        DataError, match=r"^term: P1D from 9998-12-31 runs past 9998-12-31, the last day"
    ):
        Mandate.for_term(resolution="S/RES/1 (9998)", adopted=LAST_DAY, term="P1D")
    with pytest.raises(DataError, match=r"^term: P2M from 9998-11-01 runs past 9998-12-31"):
        Mandate.for_term(
            resolution="S/RES/1 (9998)", adopted=D(9998, 1, 1), term="P2M", starts=D(9998, 11, 1)
        )
    with pytest.raises(DataError, match=r"^starts: must be a day from 0002-01-01"):
        Mandate.for_term(
            resolution="S/RES/1 (9998)", adopted=D(9998, 1, 1), term="P1M", starts=date.max
        )
    with pytest.raises(DataError, match=r"^adopted: must be a day from 0002-01-01"):
        Mandate.for_term(resolution="S/RES/1 (9999)", adopted=date.max, term="P1D")
    assert LAST_DAY == (
        Mandate.for_term(resolution="S/RES/1 (9998)", adopted=D(9998, 12, 1), term="P30D").expires
    )


@pytest.mark.parametrize("length", [101, 20_000, 1_000_000])
def test_a_duration_longer_than_100_characters_is_refused_unread(length):
    """Reading words once took time that grew with the square of the length: now refused."""
    text = "a" * length
    message = re.escape(f"is too long to be a duration ({length:,} characters; at most 100)")
    with pytest.raises(DataError, match=rf"^'a+\.\.\.a*' {message}"):
        Duration.parse(text)
    with pytest.raises(DataError, match=rf"^term: 'a+\.\.\.a*' {message}"):
        Mandate.for_term(resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), term=text)


def test_a_duration_of_100_characters_is_read():
    """The limit counts the text as given, spaces and leading zeros included."""
    assert Duration(months=12) == Duration.parse("twelve months".ljust(100))
    assert Duration(months=12) == Duration.parse("P" + "0" * 96 + "12M")
    mandate = {
        "resolution": "S/RES/1 (2030)",
        "adopted": "2030-01-01",
        "expires": "2030-12-31",
        "term": "P" + "0" * 97 + "12M",
    }
    with pytest.raises(DataError, match=r"^\$\.term: 'P0+\.\.\.0*12M' is too long"):
        from_dict(mandate, Mandate)


HUGE = 10**5000


@pytest.mark.parametrize(
    "make",
    [
        lambda: Duration(days=-HUGE),
        lambda: Duration(weeks=HUGE),
        lambda: Duration.parse("P" + "9" * 98 + "D"),
        lambda: Vote(in_favour=1, against=HUGE),
        lambda: Vote(in_favour=1, abstentions=HUGE),
        lambda: Mandate(
            resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 2, 1), ceiling=HUGE
        ),
        lambda: Mandate.for_term(
            resolution="S/RES/1 (2030)", adopted=D(2030, 1, 1), term="9" * 90 + " months"
        ),
    ],
    ids=["days", "weeks", "parse", "against", "abstentions", "ceiling", "for_term"],
)
def test_huge_integers_in_durations_votes_and_mandates_are_data_errors(make):
    """An integer of thousands of digits (or a term of 90) is described, not written out."""
    with pytest.raises(DataError) as refused:
        make()
    assert "digits" in str(refused.value)
    assert len(str(refused.value)) < 200
