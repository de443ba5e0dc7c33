"""A table of malformed documents: each is refused with the exact path of every problem."""

import copy
import json

import pytest

from haiti_mss import DataError, Dataset, Figure, from_dict, from_json
from haiti_mss.serialization import _types

M = ("missions", 0)
KEN = (*M, "contingents", 0)
JAM = (*M, "contingents", 1)
H = (*KEN, "history")
MANDATE = (*M, "mandates", 0)
SOURCE = ("sources", "radio-jambo")
DROP = object()

ARRIVAL = {"kind": "arrival", "on": "2024-07-16", "personnel": 1}
CONTRIBUTION = {
    "on": "2024-03-11",
    "donor": "USA",
    "amount": "300000000",
    "currency": "USD",
    "status": "pledged",
}
MILESTONE = {"on": "2024-09-21", "title": "Visit"}
INDICATOR = {"name": "displaced", "value": 578074, "as_of": "2024-05-31"}

# (where to change, the new value or DROP, [(path of a problem, part of its message), ...])
CASES = [
    # the document and its schema
    (("schema",), "haiti-mss/2", [("$.schema", "haiti-mss/2 is newer than this release")]),
    (("schema",), "haiti-mss/99", [("$.schema", "which reads haiti-mss/0, haiti-mss/1")]),
    (("schema",), 1, [("$.schema", "1 is not a haiti_mss schema version")]),
    (("schema",), "mss-1", [("$.schema", "'mss-1' is not a haiti_mss schema version")]),
    (("schema",), DROP, [("$.schema", "required field missing")]),
    (("extra",), 1, [("$.extra", "unknown key")]),
    (("sources",), [], [("$.sources", "must be an object from id to source, not a list")]),
    (("missions",), {}, [("$.missions", "must be a list, not an object")]),
    ((*M,), 5, [("$.missions[0]", "must be an object, not an integer")]),
    ((*M, "sources"), [], [("$.missions[0].sources", "a dataset keeps its sources at $.sources")]),
    # sources
    (SOURCE, "Radio Jambo", [("$.sources.radio-jambo", "must be an object, not a string")]),
    ((*SOURCE, "publisher"), 5, [("$.sources.radio-jambo.publisher", "must be a string")]),
    ((*SOURCE, "publisher"), "", [("$.sources.radio-jambo.publisher", "must not be empty")]),
    ((*SOURCE, "publisher"), DROP, [("$.sources.radio-jambo.publisher", "required field")]),
    ((*SOURCE, "url"), "ftp://x", [("$.sources.radio-jambo.url", "http or https URL")]),
    ((*SOURCE, "url"), 80, [("$.sources.radio-jambo.url", "must be a string, not an integer")]),
    ((*SOURCE, "published"), "2024-13-01", [("$.sources.radio-jambo.published", "not a date")]),
    ((*SOURCE, "published"), "21 Sep 2024", [("$.sources.radio-jambo.published", "YYYY-MM-DD")]),
    ((*SOURCE, "published"), "20240921", [("$.sources.radio-jambo.published", "YYYY-MM-DD")]),
    ((*SOURCE, "id"), "radio-jambo", [("$.sources.radio-jambo.id", "the id is the key")]),
    ((*SOURCE, "via"), "", [("$.sources.radio-jambo.via", "must not be empty")]),
    ((*SOURCE, "language"), "sw", [("$.sources.radio-jambo.language", "unknown key")]),
    (
        ("sources", "has space"),
        {"publisher": "P"},
        [("$.sources['has space']", "letters, digits and")],
    ),
    # the mission
    ((*M, "name"), DROP, [("$.missions[0].name", "required field missing")]),
    ((*M, "name"), 7, [("$.missions[0].name", "must be a string, not an integer (7)")]),
    ((*M, "name"), " ", [("$.missions[0].name", "must not be empty")]),
    ((*M, "acronym"), "mss", [("$.missions[0].acronym", "capital letters")]),
    ((*M, "host"), "XXX", [("$.missions[0].host", "'XXX' is not an ISO 3166-1 alpha-3")]),
    ((*M, "host"), "Haiti", [("$.missions[0].host", "'Haiti' is not an ISO 3166-1 alpha-3")]),
    ((*M, "lead"), None, [("$.missions[0].lead", "country code, not null")]),
    ((*M, "planned_strength"), "2500", [("$.missions[0].planned_strength", "not a string")]),
    ((*M, "planned_strength"), True, [("$.missions[0].planned_strength", "not a boolean")]),
    (
        (*M, "planned_strength"),
        0,
        [("$.missions[0].planned_strength", "must be a whole number > 0 (got 0)")],
    ),
    (
        (*M, "planned_strength"),
        {"value": 2500, "qualifier": "roughly"},
        [("$.missions[0].planned_strength.qualifier", "must be one of exact, about")],
    ),
    (
        (*M, "planned_strength"),
        {"value": 2500, "q": "about"},
        [("$.missions[0].planned_strength.q", "unknown key")],
    ),
    (
        (*M, "planned_strength"),
        {"qualifier": "about"},
        [("$.missions[0].planned_strength.value", "required field missing")],
    ),
    (
        (*M, "planned_strength"),
        {"value": "2500", "qualifier": "about"},
        [("$.missions[0].planned_strength.value", "must be a finite int or float")],
    ),
    (
        (*M, "planned_strength_sources"),
        "seed",
        [("$.missions[0].planned_strength_sources", "list")],
    ),
    (
        (*M, "planned_strength_sources"),
        ["nope"],
        [("$.missions[0].planned_strength_sources[0]", "unknown source id 'nope'")],
    ),
    ((*M, "successor"), "gsf", [("$.missions[0].successor", "capital letters")]),
    ((*M, "note"), None, [("$.missions[0].note", "must be a string, not null")]),
    (
        (*M, "current_through"),
        "2024-01-01",
        [("$.missions[0].current_through", "is before the latest record, dated 2024-09-21")],
    ),
    ((*M, "current_through"), "soon", [("$.missions[0].current_through", "YYYY-MM-DD")]),
    # mandates
    ((*M, "mandates"), {}, [("$.missions[0].mandates", "must be a list, not an object")]),
    ((*MANDATE, "resolution"), "2699", [("$.missions[0].mandates[0].resolution", "a symbol")]),
    ((*MANDATE, "adopted"), "2023-10-32", [("$.missions[0].mandates[0].adopted", "not a date")]),
    ((*MANDATE, "adopted"), DROP, [("$.missions[0].mandates[0].adopted", "required field")]),
    (
        (*MANDATE, "expires"),
        "2023-10-01",
        [("$.missions[0].mandates[0].expires", "expires on 2023-10-01, before it was adopted")],
    ),
    (
        (*MANDATE, "ceiling"),
        -1,
        [("$.missions[0].mandates[0].ceiling", "must be a whole number > 0 (got -1)")],
    ),
    ((*MANDATE, "ceiling"), "5,550", [("$.missions[0].mandates[0].ceiling", "not a string")]),
    (
        (*MANDATE, "vote", "in_favour"),
        16,
        [("$.missions[0].mandates[0].vote", "the Security Council has 15 members, but 18")],
    ),
    (
        (*MANDATE, "vote", "in_favour"),
        "13",
        [("$.missions[0].mandates[0].vote.in_favour", "must be an integer, not a string")],
    ),
    (
        (*MANDATE, "vote", "in_favour"),
        13.0,
        [("$.missions[0].mandates[0].vote.in_favour", "must be an integer, not a number")],
    ),
    (
        (*MANDATE, "vote", "against"),
        -1,
        [("$.missions[0].mandates[0].vote.against", "must be >= 0 (got -1)")],
    ),
    (
        (*MANDATE, "vote", "abstainers"),
        ["CHN"],
        [("$.missions[0].mandates[0].vote.abstainers", "names 1 members for 2 abstentions")],
    ),
    (
        (*MANDATE, "vote", "abstainers"),
        ["CHN", "XX"],
        [("$.missions[0].mandates[0].vote.abstainers[1]", "'XX' is not an ISO 3166-1")],
    ),
    ((*MANDATE, "vote"), "13-0-2", [("$.missions[0].mandates[0].vote", "must be an object")]),
    ((*MANDATE, "term"), "12 months", [("$.missions[0].mandates[0].term", "ISO 8601 duration")]),
    ((*MANDATE, "term"), "P", [("$.missions[0].mandates[0].term", "ISO 8601 duration")]),
    ((*MANDATE, "term"), 12, [("$.missions[0].mandates[0].term", "ISO 8601 duration")]),
    (
        (*MANDATE, "sources"),
        ["nope"],
        [("$.missions[0].mandates[0].sources[0]", "unknown source id 'nope'")],
    ),
    ((*MANDATE, "confidence"), "certain", [("$.missions[0].mandates[0].confidence", "high")]),
    # contingents
    ((*M, "contingents"), "KEN", [("$.missions[0].contingents", "must be a list, not a string")]),
    ((*KEN, "country"), "Kenya", [("$.missions[0].contingents[0].country", "alpha-3")]),
    ((*KEN, "country"), DROP, [("$.missions[0].contingents[0].country", "required field")]),
    (
        (*KEN, "personnel_type"),
        "troops",
        [("$.missions[0].contingents[0].personnel_type", "police, military, civilian (got")],
    ),
    ((*KEN, "description"), 5, [("$.missions[0].contingents[0].description", "string")]),
    ((*KEN, "unit"), "GSU", [("$.missions[0].contingents[0].unit", "unknown key")]),
    (H, {}, [("$.missions[0].contingents[0].history", "must be a list, not an object")]),
    ((*H, 0), "arrival", [("$.missions[0].contingents[0].history[0]", 'with a "kind"')]),
    (
        (*H, 0, "kind"),
        "troops_withdrawn",
        [
            (
                "$.missions[0].contingents[0].history[0].kind",
                (
                    "unknown kind 'troops_withdrawn'; expected one of arrival, departure, pledge, "
                    "strength_report"
                ),
            )
        ],
    ),
    ((*H, 0, "kind"), DROP, [("$.missions[0].contingents[0].history[0].kind", "required field")]),
    ((*H, 0, "kind"), 3, [("$.missions[0].contingents[0].history[0].kind", "unknown kind 3")]),
    ((*H, 0, "kind"), "Arrival", [("$.missions[0].contingents[0].history[0].kind", "unknown")]),
    (
        (*H, 1, "personnel"),
        -3,
        [("$.missions[0].contingents[0].history[1].personnel", "must be >= 0 (got -3)")],
    ),
    (
        (*H, 1, "personnel"),
        250.7,
        [("$.missions[0].contingents[0].history[1].personnel", "a whole number of people")],
    ),
    ((*H, 1, "personnel"), "250", [("$.missions[0].contingents[0].history[1].personnel", "str")]),
    ((*H, 1, "personnel"), None, [("$.missions[0].contingents[0].history[1].personnel", "null")]),
    ((*H, 1, "personnel"), [250], [("$.missions[0].contingents[0].history[1].personnel", "list")]),
    (
        (*H, 1, "personnel"),
        {"value": 200, "qualifier": "about", "source": "x"},
        [("$.missions[0].contingents[0].history[1].personnel.source", "unknown key")],
    ),
    ((*H, 1, "on"), "2024/07/16", [("$.missions[0].contingents[0].history[1].on", "YYYY-MM-DD")]),
    ((*H, 1, "on"), 20240716, [("$.missions[0].contingents[0].history[1].on", "an integer")]),
    ((*H, 1, "on"), None, [("$.missions[0].contingents[0].history[1].on", "not null")]),
    ((*H, 1, "sources"), "haitilibre", [("$.missions[0].contingents[0].history[1].sources", "")]),
    (
        (*H, 1, "sources"),
        [5],
        [("$.missions[0].contingents[0].history[1].sources[0]", "must be a string")],
    ),
    (
        (*H, 1, "sources"),
        ["nope", "haitilibre-2024-07-17", "gone"],
        [
            ("$.missions[0].contingents[0].history[1].sources[0]", "unknown source id 'nope'"),
            ("$.missions[0].contingents[0].history[1].sources[2]", "unknown source id 'gone'"),
        ],
    ),
    ((*H, 2, "total"), "1000", [("$.missions[0].contingents[0].history[2].total", "a string")]),
    ((*H, 2, "total"), -1000, [("$.missions[0].contingents[0].history[2].total", ">= 0")]),
    ((*H, 2, "increment"), "600", [("$.missions[0].contingents[0].history[2].increment", "str")]),
    ((*H, 2, "personnel"), 600, [("$.missions[0].contingents[0].history[2].personnel", "unknown")]),
    (
        (*H, 0, "alternatives", 0, "value"),
        -400,
        [("$.missions[0].contingents[0].history[0].alternatives[0].value", ">= 0 (got -400)")],
    ),
    (
        (*H, 0, "alternatives", 0, "sources"),
        ["nope"],
        [("$.missions[0].contingents[0].history[0].alternatives[0].sources[0]", "unknown")],
    ),
    ((*H, 0, "alternatives"), "x", [("$.missions[0].contingents[0].history[0].alternatives", "")]),
    ((*H, 0, "confidence"), "sure", [("$.missions[0].contingents[0].history[0].confidence", "")]),
    ((*H, 0, "note"), 5, [("$.missions[0].contingents[0].history[0].note", "must be a string")]),
    ((*H, 0, "via"), "AP", [("$.missions[0].contingents[0].history[0].via", "unknown key")]),
    (
        (*H, 1),
        {"kind": "departure", "on": "2024-07-16", "personnel": 1},
        [("$.missions[0].contingents[0].history[1].reason", "required field missing")],
    ),
    (
        (*H, 1),
        {"kind": "departure", "on": "2024-07-16", "personnel": 1, "reason": "deserted"},
        [("$.missions[0].contingents[0].history[1].reason", "rotation, withdrawal, fatality")],
    ),
    (
        (*H, 1),
        {"kind": "departure", "on": "2024-07-16", "personnel": 1000, "reason": "withdrawal"},
        [("$.missions[0].contingents[0].history[1]", "would leave ~-800 deployed on 2024-07-16")],
    ),
    (
        (*H, 0),
        {"kind": "strength_report", "on": "2024-06-25", "personnel": 200, "extra": 1},
        [("$.missions[0].contingents[0].history[0].extra", "unknown key")],
    ),
    (
        (*JAM, "history", 0),
        {"kind": "departure", "on": "2024-09-13", "personnel": 30, "reason": "rotation"},
        [("$.missions[0].contingents[1].history[0]", "would leave -30 deployed on 2024-09-13")],
    ),
    (
        (*JAM, "personnel_type"),
        "police",
        [("$.missions[0].contingents[2]", "a second JAM police contingent (the first is")],
    ),
    # the other records of a mission
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "amount": 1.5}],
        [("$.missions[0].contributions[0].amount", "as a string")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "amount": "lots"}],
        [("$.missions[0].contributions[0].amount", "not a decimal")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "amount": "-1"}],
        [("$.missions[0].contributions[0].amount", ">= 0")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "amount": "NaN"}],
        [("$.missions[0].contributions[0].amount", "not a decimal number")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "currency": "KSH"}],
        [("$.missions[0].contributions[0].currency", "ISO 4217")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "status": "promised"}],
        [("$.missions[0].contributions[0].status", "pledged, committed, deposited, spent, frozen")],
    ),
    (
        (*M, "contributions"),
        [{**CONTRIBUTION, "donor": "United States"}],
        [("$.missions[0].contributions[0].donor", "alpha-3")],
    ),
    (
        (*M, "contributions"),
        [{k: v for k, v in CONTRIBUTION.items() if k != "donor"}],
        [("$.missions[0].contributions[0].donor", "required field")],
    ),
    (
        (*M, "milestones"),
        [{**MILESTONE, "title": ""}],
        [("$.missions[0].milestones[0].title", "must not be empty")],
    ),
    (
        (*M, "milestones"),
        [{**MILESTONE, "kind": "party"}],
        [("$.missions[0].milestones[0].kind", "visit, ruling")],
    ),
    (
        (*M, "milestones"),
        [{**MILESTONE, "countries": "KEN"}],
        [("$.missions[0].milestones[0].countries", "must be a list")],
    ),
    (
        (*M, "milestones"),
        [{**MILESTONE, "countries": ["KEN", "Narnia"]}],
        [("$.missions[0].milestones[0].countries[1]", "alpha-3")],
    ),
    (
        (*M, "indicators"),
        [{**INDICATOR, "published": "2024-05-01"}],
        [("$.missions[0].indicators[0].published", "before the data's as_of")],
    ),
    (
        (*M, "indicators"),
        [{**INDICATOR, "value": "578,074"}],
        [("$.missions[0].indicators[0].value", "not a string")],
    ),
    (
        (*M, "indicators"),
        [{**INDICATOR, "period_start": "2024-06-01"}],
        [("$.missions[0].indicators[0].period_start", "after as_of")],
    ),
    (
        (*M, "indicators"),
        [{**INDICATOR, "sources": ["nope"]}],
        [("$.missions[0].indicators[0].sources[0]", "unknown source id")],
    ),
    # every problem of a figure written as an object, and a figure too large for its place
    (
        (*H, 0, "personnel"),
        {"value": "x", "qualifier": "bogus"},
        [
            ("$.missions[0].contingents[0].history[0].personnel.value", "finite int or float"),
            ("$.missions[0].contingents[0].history[0].personnel.qualifier", "must be one of"),
        ],
    ),
    (
        (*H, 0, "personnel"),
        10**16,
        [("$.missions[0].contingents[0].history[0].personnel", "at most 10**15 in size")],
    ),
    (
        (*MANDATE, "vote", "in_favour"),
        -9999999999999999999,
        [("$.missions[0].mandates[0].vote.in_favour", "must be >= 0")],
    ),
]


def _apply(document, where, value):
    """Set (or with DROP, delete) the node at *where* in *document*."""
    *parents, last = where
    node = document
    for key in parents:
        node = node[key]
    if value is DROP:
        del node[last]
    elif isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value


def _problems(error):
    return [(problem.location, problem.message) for problem in error.problems]


def _case_id(case):
    where, value, _ = case
    shown = "DROP" if value is DROP else json.dumps(value)[:30]
    return ".".join(map(str, where)) + "=" + shown


def test_the_table_has_over_a_hundred_distinct_documents(document):
    """The table below is long enough to mean something, and no two cases are the same."""
    mutated = []
    for where, value, _ in CASES:
        copy_ = copy.deepcopy(document)
        _apply(copy_, where, value)
        mutated.append(json.dumps(copy_, sort_keys=True))
    assert len(set(mutated)) == len(CASES) >= 100


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_each_problem_is_reported_at_its_path(document, case):
    """The DataError lists exactly the expected problems, each at its exact JSON path."""
    where, value, expected = case
    _apply(document, where, value)
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    actual = _problems(info.value)
    assert [path for path, _ in expected] == [path for path, _ in actual], actual
    for (_, fragment), (_, message) in zip(expected, actual, strict=True):
        assert fragment in message


def test_every_problem_of_a_document_is_listed_at_once(document):
    """Problems in several places, and several in one object, all come back in one error."""
    _apply(document, (*H, 1, "personnel"), -3)
    _apply(document, (*H, 1, "on"), "2024-02-30")
    _apply(document, (*H, 0, "kind"), "troops_withdrawn")
    _apply(document, (*JAM, "country"), "XXX")
    _apply(document, (*MANDATE, "ceiling"), 0)
    _apply(document, (*MANDATE, "confidence"), "certain")
    _apply(document, (*SOURCE, "url"), "www")
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [
        "$.sources.radio-jambo.url",
        "$.missions[0].mandates[0].ceiling",
        "$.missions[0].mandates[0].confidence",
        "$.missions[0].contingents[0].history[0].kind",
        "$.missions[0].contingents[0].history[1].on",
        "$.missions[0].contingents[0].history[1].personnel",
        "$.missions[0].contingents[1].country",
    ] == [path for path, _ in _problems(info.value)]


def test_two_invalid_fields_of_one_object_are_both_reported(document):
    """Attrs stops at the first failing validator; the loader still reports every field."""
    _apply(document, (*H, 2, "total"), -1)
    _apply(document, (*H, 2, "increment"), "many")
    _apply(document, (*H, 2, "confidence"), "sure")
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [
        "$.missions[0].contingents[0].history[2].confidence",
        "$.missions[0].contingents[0].history[2].total",
        "$.missions[0].contingents[0].history[2].increment",
    ] == [path for path, _ in _problems(info.value)]


def test_history_indices_are_as_written_not_as_sorted(document):
    """A history written out of date order is reported with the indices of the document."""
    history = document["missions"][0]["contingents"][0]["history"]
    history.reverse()  # pledge, arrival 07-16, arrival 06-25
    history.insert(
        0, {"kind": "departure", "on": "2024-06-01", "personnel": 5, "reason": "rotation"}
    )
    history[2]["personnel"] = -1
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [("$.missions[0].contingents[0].history[2].personnel", "must be >= 0 (got -1)")] == (
        _problems(info.value)
    )
    history[2]["personnel"] = 200
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert ["$.missions[0].contingents[0].history[0]"] == [p for p, _ in _problems(info.value)]
    assert "would leave -5 deployed on 2024-06-01" in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"schema": "haiti-mss/1",}', "$: invalid JSON at line 1, column 26: Expecting property"),
        ('{"schema": "haiti-mss/1"\n "sources": {}}', "$: invalid JSON at line 2, column 2"),
        ("", "$: invalid JSON at line 1, column 1: Expecting value"),
        ("[1, 2", "$: invalid JSON at line 1, column 6"),
        ('{"a": NaN}', "$: invalid JSON: NaN is not a JSON number"),
        ('{"a": -Infinity}', "$: invalid JSON: -Infinity is not a JSON number"),
        ('{"a": 1, "a": 2}', "$: the key 'a' appears twice in one object"),
        ("[" * 100_000, f"${'[0]' * 20}: the JSON is nested too deeply"),
        (
            '{"a": [1, {"b\\"": ' + "[" * 100_000,
            f"$.a[1]['b\"']{'[0]' * 17}: the JSON is nested too deeply",
        ),
    ],
)
def test_malformed_json_is_a_data_error_with_line_and_column(text, message):
    """JSON syntax errors, duplicate keys and non-standard numbers are DataErrors."""
    with pytest.raises(DataError) as info:
        from_json(text, Dataset)
    assert str(info.value).startswith(message), str(info.value)


def test_bytes_are_read_as_utf8_with_or_without_a_bom(document):
    """UTF-8 bytes load, a byte-order mark is skipped, and other bytes are refused."""
    text = json.dumps(document, ensure_ascii=False)
    expected = from_json(text, Dataset)
    assert expected == from_json(text.encode(), Dataset)
    assert expected == from_json("\ufeff".encode() + text.encode(), Dataset)
    assert expected == from_json("\ufeff" + text, Dataset)
    with pytest.raises(
        DataError, match=r"\$: the text is not UTF-8 \(invalid start byte at byte 0\)"
    ):
        from_json(b"\xff" + text.encode(), Dataset)
    with pytest.raises(DataError, match="must be JSON text"):
        from_json(12, Dataset)  # type: ignore[arg-type]


def test_the_top_level_must_be_an_object():
    """A list or a number where the document belongs is refused at $."""
    for data in ([], 5, None, "haiti-mss/1"):
        with pytest.raises(DataError, match=r"^\$: must be an object"):
            from_dict(data, Dataset)


def test_a_repeated_key_is_reported_at_the_object_that_repeats_it(document):
    """A key written twice is reported at its object's path, however deep, each object once."""
    document["missions"][0]["contingents"][0]["history"][0]["note"] = "__NOTE__"
    text = json.dumps(document, indent=2)
    text = text.replace('"host": "HTI"', '"host": "HTI", "host": "HTI", "host": "HTI"')
    text = text.replace('"note": "__NOTE__"', '"note": "a", "note": {"x": 1, "x": 2}')
    with pytest.raises(DataError) as info:
        from_json(text, Dataset)
    assert [
        ("$.missions[0]", "the key 'host' appears 3 times in one object"),
        ("$.missions[0].contingents[0].history[0]", "the key 'note' appears twice in one object"),
        # in the copy that a parser would drop: reported all the same
        ("$.missions[0].contingents[0].history[0].note", "the key 'x' appears twice in one object"),
    ] == _problems(info.value)


def _v0(sources, history=()):
    """A haiti-mss/0 document: its sources as a list, and one contingent's history."""
    contingent = {"country": "KEN", "personnel_type": "police", "history": list(history)}
    mission = {
        "name": "X",
        "acronym": "X",
        "host": "HTI",
        "lead": "KEN",
        "mandates": [
            {"resolution": "S/RES/1 (2024)", "adopted": "2024-01-01", "expires": "2025-01-01"}
        ],
        "contingents": [contingent],
    }
    return {"schema": "haiti-mss/0", "sources": sources, "missions": [mission]}


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        (
            [{"id": "a", "publisher": "p"}, {"id": 5, "publisher": "q"}],
            [("$.sources[1].id", "must be a string, not an integer (5)")],
        ),
        (
            [{"id": "a", "publisher": "p"}, {"id": "a", "publisher": "q"}],
            [("$.sources[1].id", "'a' appears twice (also at sources[0])")],
        ),
        (["a"], [("$.sources[0]", "must be an object, not a string")]),
        ({"a": {"publisher": "p"}}, [("$.sources", "must be a list of sources")]),
        (
            [{"id": "a", "publisher": "p"}, {"id": "b", "publisher": ""}],
            [("$.sources[1].publisher", "must not be empty")],
        ),
        ([{"id": "a b", "publisher": "p"}], [("$.sources[0].id", "must be a source id")]),
    ],
)
def test_an_old_document_is_reported_in_its_own_terms(sources, expected):
    """haiti-mss/0 lists its sources, each with an id: its problems are at their places there."""
    with pytest.raises(DataError) as info:
        from_json(json.dumps(_v0(sources)), Dataset)
    actual = _problems(info.value)
    assert [path for path, _ in expected] == [path for path, _ in actual], actual
    for (_, fragment), (_, message) in zip(expected, actual, strict=True):
        assert fragment in message


def test_an_old_record_is_reported_at_its_type_where_the_file_says_type():
    """haiti-mss/0 called a record's "kind" its "type": a problem with it is at ".type"."""
    history = [
        {"type": "pledge", "on": "2024-01-02", "total": 5},
        {"type": "troops", "on": "2024-01-03", "personnel": 1},
        {"on": "2024-01-04", "personnel": 1},
        {"type": "arrival", "on": "2024-01-05", "personnel": -1},
    ]
    with pytest.raises(DataError) as info:
        from_dict(_v0([], history), Dataset)
    h = "$.missions[0].contingents[0].history"
    assert [f"{h}[1].type", f"{h}[2].type", f"{h}[3].personnel"] == [
        path for path, _ in _problems(info.value)
    ]


def test_a_figure_written_as_an_object_has_every_problem_listed():
    """A bad value and a bad qualifier: two problems, not the first of them."""
    with pytest.raises(DataError) as info:
        from_dict({"value": "x", "qualifier": "bogus", "extra": 1}, Figure)
    assert ["$.value", "$.qualifier", "$.extra"] == [path for path, _ in _problems(info.value)]


def test_an_integer_outside_64_bits_gets_one_message_from_every_reader(document):
    """Orjson reads -9999999999999999999 as a float: it is an integer in the file all the same."""
    assert _types.fast_json() is not None  # the test extra installs orjson: both readers are used
    document["missions"][0]["mandates"][0]["vote"]["in_favour"] = "__N__"
    text = json.dumps(document).replace('"__N__"', "-9999999999999999999")
    expected = [
        (
            "$.missions[0].mandates[0].vote.in_favour",
            "must be >= 0 (got -9999999999999999999)",
        )
    ]
    for read in (lambda: from_json(text, Dataset), lambda: from_dict(json.loads(text), Dataset)):
        with pytest.raises(DataError) as info:
            read()
        assert expected == _problems(info.value)


def test_long_keys_and_unknown_ids_are_cut_in_messages(document):
    """A megabyte of key or id gives a message of a few hundred characters, as a value does."""
    long = "x" * 10**6
    document["missions"][0][long] = 1
    document["sources"][long] = {"publisher": ""}
    document["missions"][0]["contingents"][0]["history"][0]["sources"] = ["y" * 10**6]
    for read in (
        lambda: from_json(json.dumps(document), Dataset),
        lambda: from_dict(document, Dataset),
    ):
        with pytest.raises(DataError) as info:
            read()
        assert 3 == len(info.value.problems)
        assert all(len(str(problem)) < 400 for problem in info.value.problems), info.value
        assert "'xxxxxxxxxxxxxxxxxxxxxx...xxxxxxxxxxxxxxxxxxxxxxx'" in str(info.value)
