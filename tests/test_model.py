"""Constructing the model: what notebook users may type, and what is refused."""

import enum
import json
import re
from datetime import date, datetime
from decimal import Decimal
from types import MappingProxyType

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import haiti_mss
from haiti_mss import (
    Alternative,
    Arrival,
    Breakdown,
    Confidence,
    Contingent,
    Contribution,
    Country,
    DataError,
    Dataset,
    Departure,
    DepartureReason,
    Duration,
    Figure,
    Indicator,
    Lapse,
    Mandate,
    MandateTimeline,
    Milestone,
    Mission,
    PersonnelType,
    Pledge,
    Problem,
    Record,
    Source,
    StrengthReport,
    Vote,
    from_json,
    to_json,
)
from haiti_mss._checks import is_money
from haiti_mss.schema import data_file_schema

D = date
SOURCE = Source(
    id="ap-2024-06-25", publisher="Associated Press", title="Kenyan police land in Haiti"
)


def make_mission(**changes):
    """A small valid mission, with *changes* applied to its fields."""
    fields = {
        "name": "Hypothetical Support Mission",
        "acronym": "HSM",
        "host": "HTI",
        "lead": "Kenya",
        "planned_strength": 2500,
        "mandates": [
            Mandate(resolution="S/RES/2699 (2023)", adopted=D(2023, 10, 2), expires=D(2024, 10, 2))
        ],
        "contingents": [
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[Arrival(on=D(2024, 6, 25), personnel=200, sources=["ap-2024-06-25"])],
            )
        ],
        "sources": [SOURCE],
    }
    return Mission(**(fields | changes))


def bare(**fields):
    """A mission with nothing in it but *fields*."""
    return Mission(name="Hypothetical", acronym="HSM", host="HTI", lead="KEN", **fields)


def test_constructors_accept_what_a_notebook_user_types():
    """Lists become tuples, names and codes become Countries, strings become enums."""
    c = Contingent(
        country="Kenya",
        personnel_type="police",
        history=[
            Departure(on=D(2024, 7, 1), personnel=1, reason="fatality"),
            Arrival(on=D(2024, 6, 25), personnel=200),
        ],
    )
    assert Country(code="KEN") == c.country
    assert PersonnelType.POLICE is c.personnel_type
    assert isinstance(c.history, tuple)
    assert [Arrival, Departure] == [type(r) for r in c.history]
    assert DepartureReason.FATALITY is c.history[1].reason  # type: ignore[attr-defined]
    assert Figure(200) == c.history[0].figure
    m = make_mission(host="Haiti", lead="KE")
    assert ("HTI", "KEN") == (m.host.code, m.lead.code)
    assert Figure(2500) == m.planned_strength


def test_country_lookup():
    """Codes, alpha-2 codes and names (any case) find the country; str shows name and code."""
    assert (
        Country(code="BHS")
        == Country.of("bahamas")
        == Country.of("BS")
        == Country.of(Country(code="BHS"))
    )
    assert "Bahamas (BHS)" == str(Country(code="BHS"))
    with pytest.raises(DataError, match="'Atlantis' is not a known country code or name"):
        Country.of("Atlantis")
    with pytest.raises(DataError, match="must be a country code or name, not int"):
        Country.of(404)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="code: 'KE' is not an ISO 3166-1 alpha-3 country code"):
        Country(code="KE")
    with pytest.raises(DataError, match="code: must be a string, not int"):
        Country(code=404)  # type: ignore[arg-type]


@pytest.mark.parametrize("code", ["ken", "Ken", "kEN"])
def test_codes_are_only_valid_in_capitals(code):
    """Pycountry ignores case; a stored code must still be one that ISO writes."""
    with pytest.raises(DataError, match="is not an ISO 3166-1 alpha-3 country code"):
        Country(code=code)
    assert Country(code="KEN") == Country.of(code)  # a name-or-code lookup may ignore case


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Arrival(on=D(2024, 6, 25), personnel=-3), "personnel: must be >= 0 (got -3)"),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=2.5),
            "personnel: must be a whole number of people (got 2.5)",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel="200"),
            "personnel: must be a Figure or a number, not str ('200')",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=True),
            "personnel: must be a Figure or a number, not bool (True)",
        ),
        (
            lambda: Arrival(on="2024-06-25", personnel=1),
            "on: must be a datetime.date, not str ('2024-06-25')",
        ),
        (
            lambda: Arrival(on=datetime(2024, 6, 25), personnel=1),
            "on: must be a datetime.date, not datetime",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, sources="ap"),
            "sources: must be a list of strings, not a single string ('ap')",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, sources=["ap", ""]),
            "sources[1]: must be a non-empty string (got '')",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, sources=[7]),
            "sources[0]: must be a non-empty string (got 7)",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, confidence="sure"),
            "confidence: must be one of high, medium, low (got 'sure')",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, note=None),
            "note: must be a string, not NoneType (None)",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, alternatives=[400]),
            "alternatives[0]: must be a Alternative, not int (400)",
        ),
        (
            lambda: Arrival(on=D(2024, 6, 25), personnel=1, alternatives=[Alternative(value=-1)]),
            "alternatives[0].value: must be >= 0 (got -1)",
        ),
        (lambda: Pledge(on=D(2024, 9, 21), total=-600), "total: must be >= 0 (got -600)"),
        (
            lambda: Pledge(on=D(2024, 9, 21), total=1000, increment="600"),
            "increment: must be a Figure or a number, not str ('600')",
        ),
        (
            lambda: Departure(on=D(2024, 1, 1), personnel=1, reason="deserted"),
            "reason: must be one of rotation, withdrawal, fatality, other (got 'deserted')",
        ),
        (
            lambda: StrengthReport(on=D(2024, 1, 1), personnel=Figure(-1, "about")),
            "personnel: must be >= 0 (got ~-1)",
        ),
        (
            lambda: Contingent(country="Atlantis", personnel_type="police"),
            "country: 'Atlantis' is not a known country code or name",
        ),
        (
            lambda: Contingent(country=404, personnel_type="police"),
            "country: must be a country code or name, not int (404)",
        ),
        (
            lambda: Contingent(country="KEN", personnel_type="troops"),
            "personnel_type: must be one of police, military, civilian (got 'troops')",
        ),
        (
            lambda: Contingent(country="KEN", personnel_type="police", history=[1]),
            (
                "history[0]: must be a Pledge, Arrival, Transfer, Departure or StrengthReport, "
                "not int (1)"
            ),
        ),
        (
            lambda: Contingent(country="KEN", personnel_type="police", history=5),
            (
                "history: must be a list of Pledge, Arrival, Transfer, Departure or "
                "StrengthReport, not int (5)"
            ),
        ),
        (
            lambda: Source(id="has space", publisher="AP", title="t"),
            (
                "id: must be a source id: letters, digits and . _ : / - only, "
                "starting with a letter or digit (got 'has space')"
            ),
        ),
        (
            lambda: Source(id="ap", publisher=" ", title="t"),
            "publisher: must not be empty or invisible (got ' ')",
        ),
        (
            lambda: Source(id="ap", publisher="AP", title="t", url="www.example.org"),
            "url: must be an http or https URL (got 'www.example.org')",
        ),
        (
            lambda: Mandate(
                resolution="S/RES/1 (2020)", adopted=D(2020, 1, 1), expires=D(2021, 1, 1), ceiling=0
            ),
            "ceiling: must be a whole number > 0 (got 0)",
        ),
        (
            lambda: Mandate(
                resolution="S/RES/1 (2020)",
                adopted=D(2020, 1, 1),
                expires=D(2021, 1, 1),
                vote="13-0-2",
            ),
            "vote: must be a Vote, not str ('13-0-2')",
        ),
        (lambda: Duration(months=-1), "months: must be >= 0 (got -1)"),
        (lambda: Duration(months=1.5), "months: must be an int, not float (1.5)"),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount=1.5, currency="USD", status="pledged"
            ),
            "amount: must be a Decimal, an int or a decimal string, not float (1.5)",
        ),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount="-5", currency="USD", status="pledged"
            ),
            "amount: must be a finite amount >= 0 (got '-5')",
        ),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount="lots", currency="USD", status="pledged"
            ),
            "amount: 'lots' is not a decimal number written like \"1500000.00\"",
        ),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount=1, currency="KSH", status="pledged"
            ),
            "currency: 'KSH' is not an ISO 4217 currency code",
        ),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount=1, currency="USD", status="promised"
            ),
            "status: must be one of pledged, committed, deposited, spent, frozen (got 'promised')",
        ),
        (
            lambda: Milestone(on=D(2024, 1, 26), title="", kind="ruling"),
            "title: must not be empty or invisible (got '')",
        ),
        (
            lambda: Milestone(on=D(2024, 1, 26), title="t", countries="KEN"),
            "countries: must be a list of countries, not a single string",
        ),
        (
            lambda: Indicator(
                name="idps", value=1, as_of=D(2024, 5, 31), period_start=D(2024, 6, 1)
            ),
            "period_start: 2024-06-01 is after as_of 2024-05-31",
        ),
        (
            lambda: Indicator(name="idps", value=1, as_of=D(2024, 5, 31), published=D(2024, 5, 1)),
            "published: 2024-05-01 is before the data's as_of 2024-05-31",
        ),
        (
            lambda: make_mission(acronym="Mss"),
            "acronym: must be capital letters, digits or '-', like 'MSS' (got 'Mss')",
        ),
        (
            lambda: make_mission(planned_strength=0),
            "planned_strength: must be a whole number > 0 (got 0)",
        ),
        (
            lambda: make_mission(contingents=[None]),
            "contingents[0]: must be a Contingent, not NoneType (None)",
        ),
    ],
)
def test_invalid_input_names_the_field_and_the_value(build, message):
    """Every invalid construction is a DataError (a ValueError) whose message names both."""
    with pytest.raises(DataError) as info:
        build()
    assert isinstance(info.value, ValueError)
    assert str(info.value).startswith(message), str(info.value)


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


def test_record_is_only_a_base_class():
    """A bare Record has no figure: building one is refused."""
    with pytest.raises(DataError, match="Record is not a kind of record: build a Pledge"):
        Record(on=D(2024, 1, 1))


def test_a_mission_lists_every_problem_at_once():
    """Duplicates, unknown source ids and a too-early current_through, each with its path."""
    ken = Contingent(
        country="KEN",
        personnel_type="police",
        history=[Arrival(on=D(2024, 6, 25), personnel=1, sources=["nope"])],
    )
    with pytest.raises(DataError) as info:
        make_mission(
            contingents=[ken, ken],
            sources=[SOURCE, SOURCE],
            milestones=[
                Milestone(on=D(2024, 9, 21), title="Visit", sources=["ap-2024-06-25", "gone"])
            ],
            current_through=D(2024, 6, 1),
        )
    assert [
        (
            "contingents[1]: a second KEN police contingent (the first is contingents[0]); "
            "one country has one contingent per personnel type"
        ),
        "sources[1].id: source id 'ap-2024-06-25' is defined twice (also at sources[0])",
        (
            "contingents[0].history[0].sources[0]: unknown source id 'nope': "
            "no source in the mission defines it"
        ),
        (
            "contingents[1].history[0].sources[0]: unknown source id 'nope': "
            "no source in the mission defines it"
        ),
        "milestones[0].sources[1]: unknown source id 'gone': no source in the mission defines it",
        "current_through: 2024-06-01 is before the latest record, dated 2024-06-25",
    ] == [str(p) for p in info.value.problems]


def test_unresolved_sources_are_found_everywhere_they_can_be_named():
    """Alternatives, mandates, contributions and indicators are checked too."""
    with pytest.raises(DataError) as info:
        make_mission(
            contingents=[
                Contingent(
                    country="KEN",
                    personnel_type="police",
                    history=[
                        Arrival(
                            on=D(2024, 6, 25),
                            personnel=200,
                            alternatives=[Alternative(value=400, sources=["x1"])],
                        )
                    ],
                )
            ],
            mandates=[
                Mandate(
                    resolution="S/RES/2699 (2023)",
                    adopted=D(2023, 10, 2),
                    expires=D(2024, 10, 2),
                    sources=["x2"],
                )
            ],
            contributions=[
                Contribution(
                    on=D(2024, 3, 11),
                    donor="USA",
                    amount=1,
                    currency="USD",
                    status="pledged",
                    sources=["x3"],
                )
            ],
            indicators=[
                Indicator(
                    name="idps",
                    value=1,
                    as_of=D(2024, 5, 31),
                    sources=["x4"],
                    alternatives=[Alternative(value=2, sources=["x5"])],
                )
            ],
        )
    assert [
        ("contingents", 0, "history", 0, "alternatives", 0, "sources", 0),
        ("mandates", 0, "sources", 0),
        ("contributions", 0, "sources", 0),
        ("indicators", 0, "sources", 0),
        ("indicators", 0, "alternatives", 0, "sources", 0),
    ] == [p.path for p in info.value.problems]


def test_planned_strength_sources_must_resolve_even_without_a_planned_strength():
    """Every source id must resolve, wherever it is named."""
    with pytest.raises(DataError, match=r"planned_strength_sources\[0\]: unknown source id"):
        bare(planned_strength_sources=["nope"])


def test_a_mission_cannot_succeed_itself():
    """The successor names another mission."""
    with pytest.raises(DataError, match="successor: HSM cannot succeed itself"):
        bare(successor="HSM")


def test_uncited_records_and_unused_sources_are_listed():
    """The dataset check: what names no source, and which sources nothing names."""
    spare = Source(id="spare", publisher="Reuters", title="Unused")
    m = make_mission(sources=[SOURCE, spare])
    assert ("planned_strength_sources", "mandates[0]") == m.uncited()
    assert (spare,) == m.unused_sources()


def test_current_through_defaults_to_the_latest_personnel_record():
    """Without a stated day, the edge is the latest history record, adoption or handover.

    A later milestone, contribution or indicator does not move it: it says nothing of the
    personnel.
    """
    m = make_mission(
        milestones=[
            Milestone(on=D(2024, 9, 21), title="Visit", kind="visit", sources=["ap-2024-06-25"])
        ]
    )
    assert D(2024, 6, 25) == m.current_through
    assert D(2024, 6, 25) == m.contingents[0].last_record_date
    assert D(2025, 1, 1) == make_mission(current_through=D(2025, 1, 1)).current_through
    empty = Mission(name="Empty", acronym="E", host="HTI", lead="KEN")
    assert empty.current_through is None
    assert Figure(0) == empty.total_projected_force


def test_contingent_and_source_lookup():
    """Lookups take codes or names; a miss says what the mission has."""
    m = make_mission()
    assert m.contingents[0] == m.contingent("Kenya", "police")
    assert m.contingents[0] == m.contingent(Country(code="KEN"), PersonnelType.POLICE)
    with pytest.raises(KeyError, match="HSM has no BEN military contingent; it has: KEN police"):
        m.contingent("BEN", "military")
    with pytest.raises(KeyError, match="has no Atlantis police contingent"):
        m.contingent("Atlantis", "police")
    with pytest.raises(KeyError, match="has no KEN navy contingent"):
        m.contingent("KEN", "navy")
    assert SOURCE == m.source("ap-2024-06-25")
    with pytest.raises(KeyError, match="defines no source 'x'"):
        m.source("x")


@pytest.mark.parametrize(
    "text", ["2024-09-21", "21 Sep 2024", "September 21, 2024", "21 September 2024", "2024/09/21"]
)
def test_queries_read_dates_as_people_write_them(text):
    """Query methods take a date or a string that dateutil reads as a complete day."""
    ken = make_mission().contingent("KEN", "police")
    assert Figure(200) == ken.deployed_on(text)
    assert D(2024, 9, 21) == make_mission().status(text).as_of
    assert D(2024, 9, 21) == make_mission().status(datetime(2024, 9, 21, 15, 30)).as_of


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Sep 2024", "incomplete or ambiguous"),
        ("21 Sep", "has no four-digit year"),
        ("24-09-21", "has no four-digit year"),
        ("03/04/2025", "incomplete or ambiguous"),
        ("2019-02-30", "day is out of range for month"),
        ("yesterday", "'yesterday' has no four-digit year"),
        ("the day after 21 Sep 2024", "cannot read 'the day after 21 Sep 2024' as a date"),
        ("", "'' has no four-digit year"),
        (20240921, "must be a date or a date string, not int"),
    ],
)
def test_queries_refuse_dates_they_would_have_to_guess(text, message):
    """An incomplete, ambiguous or impossible date is a DataError naming the argument."""
    with pytest.raises(DataError, match=message) as info:
        make_mission().status(text)
    assert str(info.value).startswith("as_of: ")


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


def public_instances():
    """One instance of every public class that has instances."""
    m = make_mission(
        contributions=[
            Contribution(on=D(2024, 3, 11), donor="USA", amount=1, currency="USD", status="pledged")
        ],
        milestones=[Milestone(on=D(2024, 9, 21), title="Visit")],
        indicators=[Indicator(name="idps", value=1, as_of=D(2024, 5, 31))],
    )
    st = m.status("2024-09-21")
    return [
        Figure(1),
        Country(code="KEN"),
        SOURCE,
        Alternative(value=1),
        Pledge(on=D(2024, 1, 1), total=1),
        m.contingents[0].history[0],
        Departure(on=D(2024, 1, 1), personnel=0, reason="rotation"),
        StrengthReport(on=D(2024, 1, 1), personnel=1),
        m.contingents[0],
        m.mandates[0],
        m.mandates,
        Duration(months=12),
        Vote(in_favour=15),
        Lapse(start=D(2024, 1, 1), end=D(2024, 1, 2)),
        m.contributions[0],
        m.milestones[0],
        m.indicators[0],
        m,
        st,
        st.contingents[0],
        st.by_country,
        Problem(("a",), "b"),
    ]


@pytest.mark.parametrize("obj", public_instances(), ids=lambda o: type(o).__name__)
def test_every_public_class_refuses_attribute_assignment(obj):
    """Frozen: no field can be reassigned, and no new attribute can be added."""
    field = attrs.fields(type(obj))[0].name
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(obj, field, None)
    with pytest.raises((attrs.exceptions.FrozenInstanceError, AttributeError)):
        obj.brand_new = 1  # type: ignore[union-attr]


@pytest.mark.parametrize("obj", public_instances(), ids=lambda o: type(o).__name__)
def test_every_public_class_is_hashable_and_equal_by_value(obj):
    """Frozen values hash, and a copy with the same fields is equal."""
    assert hash(obj) == hash(attrs.evolve(obj))
    assert obj == attrs.evolve(obj)


def mutable_parts(obj, path="obj", seen=None):
    """The paths of the dicts, lists, sets and bytearrays reachable from *obj*.

    Reached through every field and every cached value (computed here), tuple, frozenset and
    read-only mapping.
    """
    seen = set() if seen is None else seen
    if isinstance(obj, dict | list | set | bytearray):
        yield path
        return
    if isinstance(obj, str | bytes | int | float | Decimal | date | enum.Enum) or obj is None:
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, tuple | frozenset):
        parts = ((f"{path}[{i}]", item) for i, item in enumerate(obj))
    elif isinstance(obj, MappingProxyType):
        parts = ((f"{path}[{k!r}]", v) for k, v in obj.items())
        yield from (p for key in obj for p in mutable_parts(key, f"{path}.keys()", seen))
    else:
        names = [n for c in type(obj).__mro__ for n in getattr(c, "__slots__", ())]
        parts = ((f"{path}.{n}", getattr(obj, n)) for n in names if n != "__weakref__")
    for where, part in parts:
        yield from mutable_parts(part, where, seen)


def test_no_mutable_state_is_reachable_from_a_public_object():
    """Every cache of a frozen object is read-only: changing one would change its answers."""
    m = make_mission()
    m.contingent("KEN", "police")
    st = m.status("2024-09-21")
    st.by_country["KEN"]
    dataset = Dataset(sources=[SOURCE], missions=[m])
    for obj in [*public_instances(), m, st, dataset, dataset.status("2024-09-21")]:
        assert [] == list(mutable_parts(obj)), type(obj).__name__


def test_a_missions_lookup_of_contingents_cannot_be_changed():
    """Its index of contingents by key is read-only; the answers stay those of its fields."""
    m = make_mission(
        contingents=[
            *make_mission().contingents,
            Contingent(country="JAM", personnel_type="military"),
        ]
    )
    kenya = m.contingent("KEN", "police")
    with pytest.raises(TypeError):
        m._contingents_by_key[kenya.key] = m.contingents[1]  # noqa: SLF001
    assert m.contingents[0] == m.contingent("KEN", "police")


def test_every_model_class_is_exported_and_keyword_only():
    """All public classes are importable from haiti_mss; model classes take keywords only."""
    positional = {Figure, Breakdown, Problem}
    for name in haiti_mss.__all__:
        cls = getattr(haiti_mss, name)
        if attrs.has(cls) and cls not in positional:
            assert all(a.kw_only for a in attrs.fields(cls) if a.init), name
    assert sorted(haiti_mss.__all__) == haiti_mss.__all__


def test_contributions_are_exact_decimal_money():
    """Amounts keep every digit; a string or an int becomes a Decimal."""
    c = Contribution(
        on=D(2024, 2, 28), donor="CAN", amount="75833135", currency="CAD", status="pledged"
    )
    assert Decimal(75833135) == c.amount
    assert "CAN pledged 75,833,135 CAD on 2024-02-28" == str(c)
    several = Contribution(
        on=D(2024, 12, 31),
        donor=None,
        amount=Decimal("110.3"),
        currency="USD",
        status="deposited",
        confidence=Confidence.MEDIUM,
    )
    assert "Several donors deposited 110.3 USD on 2024-12-31" == str(several)


def test_currencies_are_only_valid_in_capitals():
    """'usd' is not an ISO 4217 code."""
    with pytest.raises(DataError, match="currency: 'usd' is not an ISO 4217 currency code"):
        Contribution(on=D(2024, 1, 1), donor="USA", amount=1, currency="usd", status="pledged")


def test_money_is_never_negative_and_prints_plainly():
    """'-0' is refused, as a string and as a Decimal; the largest amount prints in full."""
    with pytest.raises(DataError, match=r"amount: must be a finite amount >= 0 \(got '-0'\)"):
        Contribution(on=D(2024, 1, 1), donor="USA", amount="-0", currency="USD", status="pledged")
    with pytest.raises(DataError, match=r"amount: must be a finite amount >= 0 \(got Decimal"):
        Contribution(
            on=D(2024, 1, 1), donor="USA", amount=Decimal("-0"), currency="USD", status="pledged"
        )
    largest = Contribution(
        on=D(2024, 1, 1), donor="USA", amount="9" * 30 + ".999999", currency="USD", status="pledged"
    )
    assert f"USA pledged {10**30 - 1:,}.999999 USD on 2024-01-01" == str(largest)


MONEY = {"on": "2024-01-01", "donor": "CAN", "currency": "CAD", "status": "pledged"}


@pytest.mark.parametrize(
    "amount", ["0", "0.5", "1.50", "250", "1500000.00", "0.000000", "0.000001", "9" * 30]
)
def test_an_amount_is_written_back_as_it_was_read(amount):
    """Money in the one form a data file writes is read and written back byte for byte.

    The same string, given to the constructor, makes the same contribution.
    """
    fields = {"on": "2024-01-01", "donor": "CAN", "amount": amount, "currency": "CAD"}
    document = json.dumps({**fields, "status": "pledged"}, separators=(",", ":"))
    contribution = from_json(document, Contribution)
    assert Decimal(amount).as_tuple() == contribution.amount.as_tuple()
    assert document == to_json(contribution)
    assert contribution == Contribution(**{**json.loads(document), "on": D(2024, 1, 1)})


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (" 250", "' 250' is not a decimal number written like"),
        ("250 ", "'250 ' is not a decimal number written like"),
        ("250\n", "'250\\n' is not a decimal number written like"),
        ("1_000", "'1_000' is not a decimal number written like"),
        ("1,000", "'1,000' is not a decimal number written like"),
        ("\u0661\u0662\u0663", "'١٢٣' is not a decimal number written like"),
        ("\uff11\uff12", "'\uff11\uff12' is not a decimal number written like"),
        ("+5", "'+5' is not a decimal number written like"),
        ("5.", "'5.' is not a decimal number written like"),
        (".5", "'.5' is not a decimal number written like"),
        ("1e3", "'1e3' is not a decimal number written like"),
        ("1E+999999999", "'1E+999999999' is not a decimal number written like"),
        ("NaN", "'NaN' is not a decimal number written like"),
        ("Infinity", "'Infinity' is not a decimal number written like"),
        ("", "'' is not a decimal number written like"),
        ("00012", "must be written without leading zeros (got '00012')"),
        ("00.5", "must be written without leading zeros (got '00.5')"),
        ("-5", "must be a finite amount >= 0 (got '-5')"),
        ("1" * 31, "must have at most 30 digits before the point and 6 after it (got '111"),
        ("1.0000000", "must have at most 30 digits before the point and 6 after it (got '1.0"),
        pytest.param(
            "1" * 10**6,
            "must have at most 30 digits before the point and 6 after it (got '111",
            id="a million digits",
        ),
    ],
)
def test_an_amount_in_any_other_form_is_refused(amount, message):
    """Spaces, separators, other digits, signs, exponents and leading zeros are not read as money.

    Each is a DataError at the amount's path, from the file as from the constructor, and the
    JSON Schema refuses what the loader refuses.
    """
    with pytest.raises(DataError) as loading:
        from_json(json.dumps({**MONEY, "amount": amount}), Contribution)
    (problem,) = loading.value.problems
    assert str(problem).startswith("$.amount: " + message), str(problem)
    with pytest.raises(DataError) as building:
        Contribution(**{**MONEY, "on": D(2024, 1, 1), "amount": amount})
    assert str(building.value).startswith("amount: " + message)
    assert MONEY_SCHEMA.fullmatch(amount) is None


MONEY_SCHEMA = re.compile(is_money.schema["pattern"].removeprefix("^").removesuffix("$"))
"""The schema's pattern of money as ECMA-262 reads it: its '$' is the end of the text only."""


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        (Decimal("1E+3"), "must be written without an exponent (got Decimal('1E+3'))"),
        (Decimal("1E+999999999"), "must be written without an exponent (got Decimal('1E+99"),
        (Decimal("1E-7"), "must have at most 30 digits before the point and 6 after it"),
        (Decimal("1E-999999999"), "must have at most 30 digits before the point and 6 after"),
        (Decimal(10**30), "must have at most 30 digits before the point and 6 after it"),
        (10**30, "must have at most 30 digits before the point and 6 after it"),
        pytest.param(
            10**5000,
            "must have at most 30 digits before the point and 6 after it (got an integer",
            id="an int of 5,001 digits",
        ),
        (-3, "must be a finite amount >= 0 (got Decimal('-3'))"),
        (Decimal("NaN"), "must be a finite amount >= 0 (got Decimal('NaN'))"),
        (Decimal("Infinity"), "must be a finite amount >= 0 (got Decimal('Infinity'))"),
        (True, "must be a Decimal, an int or a decimal string, not bool (True)"),
    ],
)
def test_an_amount_a_file_cannot_hold_is_refused_by_the_constructor(amount, message):
    """A Decimal with an exponent or too many digits is refused, not rounded or written out.

    So every amount prints in a few dozen characters, and writes as it was given.
    """
    with pytest.raises(DataError) as info:
        Contribution(**{**MONEY, "on": D(2024, 1, 1), "amount": amount})
    assert str(info.value).startswith("amount: " + message)


@given(
    st.integers(0, 6).flatmap(
        lambda places: st.decimals(0, Decimal("9" * 30), places=places, allow_nan=False)
    )
)
def test_every_amount_the_constructor_takes_is_written_as_it_is_read(amount):
    """Any amount within the bounds, any number of places, writes in the one form and back.

    So str() of such a Decimal, which the writer writes, never uses an exponent.
    """
    contribution = Contribution(**{**MONEY, "on": D(2024, 1, 1), "amount": amount})
    text = to_json(contribution)
    assert MONEY_SCHEMA.fullmatch(str(amount))
    assert amount.as_tuple() == from_json(text, Contribution).amount.as_tuple()
    assert text == to_json(from_json(text, Contribution))


def test_the_schema_pattern_of_money_is_the_loaders_rule():
    """The JSON Schema's pattern and the loader accept the same amounts, bounds included."""
    for amount in ["0", "10", "1.5", "0.05", "9" * 30, "9" * 30 + "." + "9" * 6]:
        assert MONEY_SCHEMA.fullmatch(amount), amount
        assert str(is_money.read(amount)) == amount
    for amount in ["01", "1.", "-1", "9" * 31, "1." + "0" * 7, "1e3", "\u0663", "1\n"]:
        assert not MONEY_SCHEMA.fullmatch(amount), amount
        with pytest.raises(DataError):
            is_money.read(amount)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("XXX", "'XXX' is not a currency: it is ISO 4217's code for no currency"),
        ("XTS", "'XTS' is not a currency: it is ISO 4217's code for testing"),
    ],
)
def test_codes_that_name_no_currency_are_refused(code, message):
    """ISO 4217's codes for "no currency" and for testing are not the currency of any money.

    The loader and the JSON Schema refuse them too; other X codes (gold, the SDR) are units of
    value a contribution may be in.
    """
    with pytest.raises(DataError) as building:
        Contribution(on=D(2024, 1, 1), donor="USA", amount=1, currency=code, status="pledged")
    assert "currency: " + message == str(building.value)
    with pytest.raises(DataError) as loading:
        from_json(json.dumps({**MONEY, "amount": "1", "currency": code}), Contribution)
    assert "$.currency: " + message == str(loading.value)
    currency = data_file_schema()["$defs"]["Contribution"]["properties"]["currency"]
    assert code in currency["not"]["enum"]
    for other in ("XAU", "XDR"):
        assert (
            other
            == Contribution(
                **{**MONEY, "on": D(2024, 1, 1), "amount": 1, "currency": other}
            ).currency
        )


def test_dated_collections_are_stored_in_date_order():
    """Contributions, milestones and indicators given in any order are kept sorted by date."""
    late, early = Milestone(on=D(2025, 9, 30), title="b"), Milestone(on=D(2024, 1, 26), title="a")
    assert (early, late) == make_mission(milestones=[late, early]).milestones


def test_data_error_pickles_and_requires_a_problem():
    """DataError survives pickling with its problems; an empty one is a programming error."""
    import pickle  # noqa: PLC0415

    error = DataError.at(("history", 2, "personnel"), "must be >= 0 (got -3)")
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301
    assert error.problems == copy.problems
    assert "history[2].personnel: must be >= 0 (got -3)" == str(copy)
    with pytest.raises(ValueError, match="at least one problem"):
        DataError([])
    assert "whole input" == str(Problem((), "whole input"))


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Source(id="ap", publisher="AP", title="t", via=" "), "via: must not be empty"),
        (lambda: Country.of(""), "'' is not a known country code or name"),
        (
            lambda: Contribution(
                on=D(2024, 1, 1), donor="USA", amount=1, currency=840, status="pledged"
            ),
            "currency: must be a string, not int (840)",
        ),
        (lambda: Duration.parse(12), "Duration.parse needs a string, not int"),
        (lambda: MandateTimeline(mandates=[1]), "mandates[0]: must be a Mandate, not int (1)"),
        (lambda: make_mission(mandates=[1]), "mandates[0]: must be a Mandate, not int (1)"),
        (lambda: make_mission(milestones=[1]), "milestones[0]: must be a Milestone, not int (1)"),
        (lambda: make_mission(mandates="S/RES/2699 (2023)"), "mandates: must be a list of Mandate"),
    ],
)
def test_more_invalid_input(build, message):
    """Optional texts, empty names, non-string codes and wrong collection items."""
    with pytest.raises(DataError) as info:
        build()
    assert str(info.value).startswith(message), str(info.value)


def test_a_duration_adds_only_to_plain_dates():
    """Adding a Duration to a date gives a date; a datetime is refused, not truncated."""
    with pytest.raises(TypeError):
        datetime(2024, 1, 1) + Duration(months=1)  # type: ignore[operator]


def test_breakdown_lookups():
    """Breakdowns answer `in`, len and lookups by object, code and name."""
    st = make_mission().status("2024-09-21")
    assert "KEN" in st.by_country
    assert Country(code="KEN") in st.by_country
    assert "JAM" not in st.by_country
    assert 1 == len(st.by_country)
    assert Figure(200) == st.by_personnel_type[PersonnelType.POLICE]
    assert PersonnelType.CIVILIAN not in st.by_personnel_type


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


def test_a_breakdown_has_one_figure_per_key():
    """A key given twice is refused, as are keys that are not countries or personnel types.

    So equal breakdowns hash equal: a breakdown equals a dict with its items, in any order.
    """
    kenya, jamaica = Country(code="KEN"), Country(code="JAM")
    with pytest.raises(DataError) as info:
        Breakdown(((kenya, Figure(1)), (jamaica, Figure(3)), (kenya, Figure(2))))
    assert "entries[2][0]: Country(code='KEN') is the key of entries[0] too" == str(info.value)
    with pytest.raises(DataError) as info:
        Breakdown(((PersonnelType.POLICE, Figure(1)), ("police", Figure(2))))  # type: ignore[arg-type]
    assert "entries[1][0]: must be a Country or a PersonnelType, not str ('police')" == str(
        info.value
    )
    with pytest.raises(DataError, match=r"entries\[0\]\[0\]: must be a Country or a Pers"):
        Breakdown((([1], Figure(1)),))  # type: ignore[arg-type]
    one = Breakdown(((kenya, Figure(1)), (jamaica, Figure(3))))
    other = Breakdown(((jamaica, Figure(3)), (kenya, Figure(1))))
    assert (one == other, hash(one) == hash(other)) == (True, True)
    assert one != Breakdown(((kenya, Figure(1)),))


def test_a_country_code_is_a_str_exactly():
    """A str subclass, an enum member among them, is refused, not looked up by its hash."""

    class Unhashable(str):
        __slots__ = ()

        def __hash__(self):
            raise RuntimeError("hash")

    code = enum.Enum("Code", {"KEN": "KEN"}, type=str)
    for value in (Unhashable("KEN"), code.KEN):
        with pytest.raises(
            DataError, match=r"^code: must be a string, not \w+ \(a subclass of str\)"
        ):
            Country(code=value)
