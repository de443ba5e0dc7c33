"""The loader's fast path: it reads what the detailed path reads, the same, or hands over."""

import contextlib
import gc
import json
import pickle
import random
import subprocess
import sys
from datetime import date
from importlib import resources

import attrs
import pytest
from cattrs.gen import make_dict_unstructure_fn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haiti_mss import (
    Arrival,
    Contingent,
    DataError,
    Dataset,
    Departure,
    Figure,
    Indicator,
    Mission,
    Pledge,
    Record,
    StrengthReport,
    Vote,
    data,
    from_dict,
    from_json,
    serialization,
    to_dict,
    to_json,
)
from haiti_mss import _counting as counting
from haiti_mss import testing as hst
from haiti_mss.contingents import RECORD_TYPES
from haiti_mss.figures import MAX_MAGNITUDE, trusted_figure


@pytest.fixture
def fast_missions(monkeypatch):
    """The missions that the fast path read, recorded as it returns them."""
    read = []
    original = serialization._documents._fast_mission  # noqa: SLF001  # the path under test

    def spy(raw, table):
        mission = original(raw, table)
        read.append(mission.acronym)
        return mission

    monkeypatch.setattr(serialization._documents, "_fast_mission", spy)  # noqa: SLF001
    return read


def detailed(text, cls=Dataset):
    """*text* read by the detailed path alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serialization._documents, "_fast_mission", _refuse)  # noqa: SLF001
        return from_json(text, cls)


def _refuse(*_):
    raise AssertionError


def assert_same(fast, slow):
    """Equal datasets, whose contingents also answer every query alike."""
    assert slow == fast
    for fast_mission, slow_mission in zip(fast.missions, slow.missions, strict=True):
        for fast_c, slow_c in zip(fast_mission.contingents, slow_mission.contingents, strict=True):
            assert slow_c.source_ids == fast_c.source_ids
            for record in slow_c.history:
                for day in (record.on, date.fromordinal(record.on.toordinal() - 1)):
                    assert slow_c.deployed_on(day) == fast_c.deployed_on(day)
                    assert slow_c.committed_on(day) == fast_c.committed_on(day)


def synthetic(n=300, seed=0):
    """A document of one mission whose history holds every kind of record, in counting order."""
    rng = random.Random(seed)  # noqa: S311  # test data, not secrets
    history = [{"kind": "pledge", "on": "2024-01-01", "total": 1000, "sources": ["a"]}]
    strength = 0
    for i in range(n):
        on = date.fromordinal(date(2024, 1, 2).toordinal() + i // 3).isoformat()
        if i % 3 == 2 and strength:
            moved = rng.randrange(1, strength + 1)
            strength -= moved
            history.append(
                {"kind": "departure", "on": on, "personnel": moved, "reason": "rotation"}
            )
        else:
            moved = rng.randrange(1, 50)
            strength += moved
            figure = {"value": moved, "qualifier": "about"} if i % 7 == 0 else moved
            history.append({"kind": "arrival", "on": on, "personnel": figure, "sources": ["b"]})
    history.append(
        {"kind": "strength_report", "on": "2030-01-01", "personnel": 5, "confidence": "low"}
    )
    return {
        "schema": "haiti-mss/1",
        "sources": {"a": {"publisher": "A"}, "b": {"publisher": "B"}},
        "missions": [
            {
                "name": "Test Mission",
                "acronym": "TM",
                "host": "HTI",
                "lead": "KEN",
                "contingents": [{"country": "KEN", "personnel_type": "police", "history": history}],
            }
        ],
    }


def test_the_bundled_dataset_is_read_by_the_fast_path_as_the_detailed_path_reads_it(
    fast_missions,
):
    """Every mission of the bundled file takes the fast path, and comes out the same."""
    text = resources.files(data).joinpath(data.FILE).read_bytes()
    fast = from_json(text, Dataset)
    assert [m.acronym for m in fast.missions] == fast_missions
    assert_same(fast, detailed(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hst.datasets())
def test_any_valid_dataset_reads_the_same_by_both_paths(dataset):
    """Alternatives, increments, qualifiers, notes: the fast path agrees with the detailed one."""
    text = to_json(dataset)
    fast = from_json(text, Dataset)
    assert_same(fast, detailed(text))
    assert dataset == fast


def test_a_history_out_of_order_is_sorted_by_the_fast_path(fast_missions):
    """Records in any order are valid; the fast path sorts and folds them."""
    document = synthetic()
    history = document["missions"][0]["contingents"][0]["history"]
    random.Random(1).shuffle(history)  # noqa: S311  # test data
    text = json.dumps(document)
    fast = from_json(text, Dataset)
    assert fast_missions == ["TM"]
    assert_same(fast, detailed(text))
    days = [record.on for record in fast.missions[0].contingents[0].history]
    assert sorted(days) == days


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"note": ""}, {}),
        ({"confidence": None}, {}),
        ({"sources": []}, {}),
        ({"alternatives": [{"value": 40, "sources": ["b"]}]}, None),
    ],
)
def test_records_with_uncommon_keys_are_read_the_same(fast_missions, record, expected):
    """An explicit default, or alternatives, take the detailed hook for that record alone."""
    document = synthetic(n=10)
    document["missions"][0]["contingents"][0]["history"][1].update(record)
    text = json.dumps(document)
    fast = from_json(text, Dataset)
    assert fast_missions == ["TM"]
    assert_same(fast, detailed(text))
    written = to_dict(fast.missions[0].contingents[0].history[1])
    assert (expected if expected is not None else record).items() <= written.items()


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "promise"},
        {"on": "2024-1-02"},
        {"on": "20240102"},
        {"on": 20240102},
        {"personnel": -1},
        {"personnel": True},
        {"personnel": 1.5},
        {"personnel": MAX_MAGNITUDE + 1},
        {"personnel": {"value": 3, "qualifier": "roughly"}},
        {"personnel": {"value": 3, "extra": 1}},
        {"sources": ["a", "a"]},
        {"sources": ["nowhere"]},
        {"sources": "a"},
        {"sources": [["a"]]},
        {"confidence": "certain"},
        {"confidence": ["high"]},
        {"note": 3},
        {"note": "\ud800"},
        {"colour": "blue"},
        {"personnel": 10**6},  # more than are deployed: the strength goes negative
    ],
)
def test_what_the_fast_path_refuses_the_detailed_path_reports(fast_missions, change):
    """A bad record sends the mission to the detailed path, whose error names the place."""
    document = synthetic(n=10)
    history = document["missions"][0]["contingents"][0]["history"]
    departure = next(i for i, r in enumerate(history) if r["kind"] == "departure")
    history[departure].update(change)
    text = json.dumps(document)
    with pytest.raises(DataError) as caught:
        from_json(text, Dataset)
    assert fast_missions == []
    assert str(caught.value).startswith("$.missions[0].contingents[0].history[")
    with pytest.raises(DataError) as slow:
        detailed(text)
    assert slow.value.problems == caught.value.problems


@pytest.mark.parametrize(
    "text",
    [
        '{"value":1,"value":2}',  # compact, as haiti_mss writes
        '{"value": 1,\n "value": 2}',  # written by hand
        '{"value": 1, "qualifier": "ab\\u003aout", "value": 2}',  # an escaped colon
    ],
)
def test_duplicate_keys_are_refused_whichever_parser_reads_them(text):
    """Where orjson keeps the last of two equal keys, haiti_mss still refuses them."""
    with pytest.raises(DataError, match="the key 'value' appears twice in one object"):
        from_json(text, Figure)


def test_an_escaped_colon_is_read():
    """Text that orjson cannot be checked on is read by the standard library instead."""
    assert from_json('{"value": 1, "qualifier": "\\u0061bout"}', Figure) == Figure(1, "about")
    document = synthetic(n=3)
    document["sources"]["a"]["note"] = "see: below"
    text = json.dumps(document)
    escaped = text.replace("see:", "see\\u003a")
    assert escaped != text
    assert from_json(escaped, Dataset) == from_json(text, Dataset)


@pytest.mark.parametrize("enabled", [True, False])
def test_garbage_collection_is_left_as_it_was(enabled):
    """Loading pauses the collector, and leaves it on or off as it found it, even on error."""
    was = gc.isenabled()
    try:
        if not enabled:
            gc.disable()
        from_json(json.dumps(synthetic(n=5)), Dataset)
        assert gc.isenabled() is enabled
        with pytest.raises(DataError):
            from_json("[", Dataset)
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()


def test_a_contingent_read_by_the_fast_path_is_folded_once(monkeypatch):
    """The fold that checks a history as it is read is kept as the contingent's index.

    A contingent built by its constructor folds its history to check it, and again for its
    first query: a converter cannot hand the fold on (cattrs calls it again on the finished
    contingent, to compare the history with its default).
    """
    contingent = Contingent(
        country="KEN",
        personnel_type="police",
        history=[
            Arrival(on=date(2024, 6, 25), personnel=200),
            Pledge(on=date(2023, 7, 29), total=1000),
            Departure(on=date(2024, 7, 1), personnel=20, reason="rotation"),
            StrengthReport(on=date(2024, 8, 1), personnel=Figure(400, "about")),
        ],
    )
    text = to_json(contingent)
    calls = []
    original = counting.ContingentIndex.build.__func__

    def counting_build(cls, history):
        calls.append(len(history))
        return original(cls, history)

    monkeypatch.setattr(counting.ContingentIndex, "build", classmethod(counting_build))
    again = from_json(text, Contingent)
    assert again.deployed_on("2024-07-02") == Figure(180)
    assert again.deployed_on("2024-08-02") == Figure(400, "about")
    assert [] == calls  # folded by the reader's loop, as it read the records in order
    assert again == contingent


def test_the_fold_requires_counting_order():
    """ContingentIndex.build reads a history in counting order; another order is an error."""
    history = (Arrival(on=date(2024, 2, 1), personnel=1), Arrival(on=date(2024, 1, 1), personnel=1))
    with pytest.raises(counting.OutOfOrderError):
        counting.ContingentIndex.build(history)
    same_day = (
        StrengthReport(on=date(2024, 1, 1), personnel=1),
        Arrival(on=date(2024, 1, 1), personnel=1),
    )
    with pytest.raises(counting.OutOfOrderError):
        counting.ContingentIndex.build(same_day)


def test_a_trusted_figure_is_still_refused_beyond_the_largest_size():
    """trusted_figure skips the checks, except the one on size, which a sum can exceed."""
    assert trusted_figure(5, Figure(5, "about").qualifier) == Figure(5, "about")
    with pytest.raises(DataError, match="at most 10\\*\\*15"):
        trusted_figure(2 * MAX_MAGNITUDE)


@settings(max_examples=200, deadline=None)
@given(hst.records(source_ids=["a", "b:c"]))
def test_a_record_is_written_as_cattrs_would_write_it(record):
    """The hand-written record writer gives what cattrs generates, key order included."""
    generated = make_dict_unstructure_fn(
        type(record), serialization.converter, _cattrs_omit_if_default=True
    )
    expected = {"kind": record.kind, **generated(record)}
    assert list(expected.items()) == list(to_dict(record).items())


def test_importing_haiti_mss_loads_only_the_models():
    """Heavy and optional modules load when first needed, not with the package."""
    script = (
        "import sys, haiti_mss; "
        "print(sorted(m for m in ('cattrs', 'pycountry', 'orjson', 'pandas', 'polars', "
        "'matplotlib', 'dateutil.parser', 'haiti_mss.serialization', 'haiti_mss.status') "
        "if m in sys.modules))"
    )
    result = subprocess.run(  # noqa: S603  # this interpreter, a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_the_lazy_names_are_the_modules_own():
    """haiti_mss.Status and haiti_mss.from_json are the objects of their modules, and listed."""
    import haiti_mss  # noqa: PLC0415  # the package's attributes are under test
    from haiti_mss import status  # noqa: PLC0415

    assert haiti_mss.Status is status.Status
    assert haiti_mss.from_json is serialization.from_json
    assert {"Status", "from_json", "Mission"} <= set(dir(haiti_mss))
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        _ = haiti_mss.Nothing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hst.datasets())
def test_to_json_writes_what_the_standard_library_writes_of_to_dict(dataset):
    """Dates and source ids handed to orjson as they are come out as the JSON data says."""
    data = to_dict(dataset)
    for indent, separators in ((None, (",", ":")), (2, (",", ": ")), (4, (",", ": "))):
        expected = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
        assert expected == to_json(dataset, indent=indent)


def test_a_dataset_with_floats_is_written_by_the_standard_library():
    """A float figure sends the text to the standard library, dates and all."""
    document = synthetic(n=3)
    document["missions"][0]["planned_strength"] = 2500
    dataset = from_json(json.dumps(document), Dataset)
    mission = dataset.missions[0]
    indicator = Indicator(
        name="share", as_of=date(2024, 1, 1), value=Figure(0.25), unit="ratio", sources=["a"]
    )
    dataset = attrs.evolve(dataset, missions=[attrs.evolve(mission, indicators=[indicator])])
    text = to_json(dataset)
    assert '"value":0.25' in text
    assert '"on":"2024-01-02"' in text
    assert from_json(text, Dataset) == dataset


@pytest.mark.parametrize(
    "text",
    [
        '{"in_favour": 18446744073709551616}',
        '{"in_favour":\n 100000000000000000000000}',
    ],
)
def test_an_integer_past_64_bits_is_read_as_an_integer(text):
    """Orjson would read it as a float: the standard library reads it, and says what it is."""
    with pytest.raises(DataError) as caught:
        from_json(text, Vote)
    number = text.rpartition(" ")[2].rstrip("}")
    assert number in str(caught.value)


def test_from_dict_takes_the_detailed_path_for_objects_that_only_look_like_json():
    """A Python object equal to a JSON string is not one: from_dict refuses it."""

    class Alias:
        def __init__(self, text):
            self.text = text

        def __hash__(self):
            return hash(self.text)

        def __eq__(self, other):
            return other == self.text

    document = synthetic(n=3)
    document["missions"][0]["contingents"][0]["history"][1]["kind"] = Alias("arrival")
    with pytest.raises(DataError, match=r"history\[1\]\.kind: unknown kind"):
        from_dict(document, Dataset)


def test_from_dict_of_json_data_takes_the_fast_path(fast_missions):
    """Data that only holds what a JSON parser builds is read by from_dict as by from_json."""
    document = synthetic(n=300)
    dataset = from_dict(document, Dataset)
    assert [dataset.missions[0].acronym] == fast_missions
    assert_same(dataset, detailed(json.dumps(document)))


class _Text(str):
    """A str subclass: equal to its text, and not what a JSON parser builds."""

    __slots__ = ()


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("history", 1, "on"), date(2024, 1, 3)),
        (("history", 1, "note"), _Text("a note")),
        (("history", 1, "sources"), ("s1",)),
        (("history", 1, "kind"), _Text("arrival")),
        (("description",), _Text("a contingent")),
    ],
)
def test_from_dict_reads_python_objects_by_the_detailed_path(fast_missions, where, value):
    """Not JSON data: a date object, a str subclass, a tuple; the detailed path reads it."""
    document = synthetic(n=3)
    place = document["missions"][0]["contingents"][0]
    *parents, last = where
    for key in parents:
        place = place[key]
    place[last] = value
    with contextlib.suppress(DataError):
        from_dict(document, Dataset)
    assert [] == fast_missions


def test_arrivals_past_the_largest_figure_are_refused_at_load():
    """A strength beyond 10**15 is refused where the arrival is, not when it is queried."""
    document = synthetic(n=0)
    history = document["missions"][0]["contingents"][0]["history"]
    history[1:1] = [
        {"kind": "arrival", "on": "2024-01-02", "personnel": MAX_MAGNITUDE},
        {"kind": "arrival", "on": "2024-01-03", "personnel": 1},
    ]
    with pytest.raises(DataError, match=r"history\[2\]: would bring the strength on 2024-01-03"):
        from_json(json.dumps(document), Dataset)


def _mission(document):
    return document["missions"][0]


def _contingent(document):
    return _mission(document)["contingents"][0]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: _mission(d).update(contingents={"KEN": []}),
        lambda d: _mission(d).update(planned_strength=10, planned_strength_sources=["nowhere"]),
        lambda d: _mission(d)["contingents"].append(["KEN", "police"]),
        lambda d: _contingent(d).update(colour="blue"),
        lambda d: _contingent(d).update(country="Kenya"),
        lambda d: _contingent(d).update(description="\ud800"),
        lambda d: _contingent(d).update(history={"0": []}),
        lambda d: _contingent(d)["history"][1].update(
            alternatives=[{"value": 3, "sources": ["nowhere"]}]
        ),
        lambda d: _contingent(d)["history"][1].update(personnel={"value": 1.5}),
        lambda d: _contingent(d)["history"].append(
            {"kind": "arrival", "on": "2031-01-01", "personnel": MAX_MAGNITUDE}
        ),
    ],
)
def test_what_the_fast_path_refuses_in_a_mission_the_detailed_path_reports(fast_missions, change):
    """A bad mission, contingent or record is reported by the detailed path, as it always was."""
    document = synthetic(n=6)
    _contingent(document)["history"].append(
        {"kind": "arrival", "on": "2030-06-01", "personnel": MAX_MAGNITUDE - 10}
    )
    change(document)
    text = json.dumps(document)
    with pytest.raises(DataError) as caught:
        from_json(text, Dataset)
    assert fast_missions == []
    with pytest.raises(DataError) as slow:
        detailed(text)
    assert slow.value.problems == caught.value.problems


def test_text_with_a_lone_surrogate_is_refused_by_the_standard_library():
    """A str that is not Unicode cannot go to orjson; the standard library reads and refuses it."""
    with pytest.raises(DataError, match=r"qualifier: .*\\ud800"):
        from_json('{"value": 1, "qualifier": "\ud800"}', Figure)


def test_an_unpickled_contingent_folds_its_history_when_first_asked():
    """The index is not pickled: it is built again on the first query."""
    contingent = data.mss().contingent("KEN", "police")
    copy = pickle.loads(pickle.dumps(contingent))  # noqa: S301  # our own object
    assert copy == contingent
    assert copy.deployed_on("2025-01-01") == contingent.deployed_on("2025-01-01")


@settings(max_examples=60)
@given(st.one_of(hst.missions(), hst.successions().map(lambda d: d.missions[1]), hst.contingents()))
def test_a_mission_or_a_contingent_on_its_own_reads_the_same_by_both_paths(obj):
    """from_json of a Mission or a Contingent takes the fast path, and agrees with from_dict."""
    cls = type(obj)
    text = to_json(obj)
    fast = serialization._documents._fast_alone(json.loads(text), cls)  # noqa: SLF001
    assert obj == fast == from_json(text, cls) == from_dict(json.loads(text), cls)
    assert to_json(fast) == text


def test_a_bad_mission_on_its_own_is_explained_by_the_detailed_path():
    """The fast path refuses what it cannot vouch for; the detailed path says where."""
    document = json.loads(to_json(data.mss()))
    document["contingents"][0]["history"][2]["personnel"] = -5
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Mission)
    assert ["$.contingents[0].history[2].personnel: must be >= 0 (got -5)"] == [
        str(p) for p in info.value.problems
    ]
    document = json.loads(to_json(data.mss()))
    document["sources"].append(document["sources"][0])
    with pytest.raises(DataError, match=r"sources\[\d+\]\.id: source id .* is defined twice"):
        from_json(json.dumps(document), Mission)


@settings(max_examples=60)
@given(hst.histories())
def test_a_list_of_records_on_its_own_keeps_its_order_by_both_paths(history):
    """A tuple of records comes back as it was written, in its order, by the fast path too.

    A list of records is not a history: it is neither sorted nor folded.
    """
    ordered = Contingent(country="KEN", personnel_type="police", history=history).history
    for records in (ordered, history):
        text = to_json(records)
        read = from_json(text, tuple[Record, ...])
        assert records == read == from_dict(json.loads(text), tuple[Record, ...])
        fast = serialization._documents._fast_alone(json.loads(text), tuple[Record, ...])  # noqa: SLF001
        assert records == fast


@settings(max_examples=60)
@given(hst.records())
def test_a_record_on_its_own_reads_the_same_by_both_paths(record):
    """from_json of one record, as Record or as its kind, takes the fast path, and agrees."""
    text = to_json(record)
    fast = serialization._documents._fast_alone(json.loads(text), type(record))  # noqa: SLF001
    assert record == fast == from_json(text, Record) == from_json(text, type(record))
    assert record == from_dict(json.loads(text), type(record))
    other = next(cls for cls in RECORD_TYPES if cls is not type(record))
    with pytest.raises(DataError, match=r"\$\.kind: is '\w+', but a \w+ is '\w+'"):
        from_json(text, other)
