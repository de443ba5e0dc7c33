"""Round trips, determinism, schema versions, files and the validate command."""

import enum
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import haiti_mss
from haiti_mss import (
    Arrival,
    Breakdown,
    Contingent,
    Country,
    DataError,
    Dataset,
    Figure,
    Mission,
    Record,
    Status,
    converter,
    dump,
    from_dict,
    from_json,
    load,
    to_dict,
    to_json,
)
from haiti_mss import testing as hst
from haiti_mss.serialization import READS, SCHEMA, migrate

FIXTURES = Path(__file__).parent / "fixtures"

STRATEGIES = [
    (hst.figures(), Figure),
    (hst.countries(), Country),
    (hst.sources(), haiti_mss.Source),
    (hst.alternatives(), haiti_mss.Alternative),
    (hst.records(), Record),
    (hst.records().map(lambda r: r), haiti_mss.Pledge),
    (hst.contingents(), haiti_mss.Contingent),
    (hst.durations(), haiti_mss.Duration),
    (hst.votes(), haiti_mss.Vote),
    (hst.mandates(), haiti_mss.Mandate),
    (hst.mandate_timelines(), haiti_mss.MandateTimeline),
    (hst.lapses(), haiti_mss.Lapse),
    (hst.contributions(), haiti_mss.Contribution),
    (hst.milestones(), haiti_mss.Milestone),
    (hst.indicators(), haiti_mss.Indicator),
    (hst.missions(), Mission),
    (hst.statuses(), Status),
    (hst.contingent_statuses(), haiti_mss.ContingentStatus),
    (hst.breakdowns(), Breakdown[Country]),
    (hst.datasets(), Dataset),
]

JSON_TYPES = (dict, list, str, int, float, bool, type(None))


def only_json_types(data):
    """Whether *data* is made of JSON's own types, exactly (no subclasses such as enums)."""
    if type(data) is dict:
        return all(type(k) is str and only_json_types(v) for k, v in data.items())
    if type(data) is list:
        return all(only_json_types(item) for item in data)
    return type(data) in JSON_TYPES


@pytest.mark.parametrize(
    ("strategy", "cls"), STRATEGIES, ids=[getattr(c, "__name__", str(c)) for _, c in STRATEGIES]
)
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_class_round_trips_through_plain_json(strategy, cls, data):
    """from_dict(to_dict(x)) == x, through JSON text too, and to_dict gives only JSON types."""
    obj = data.draw(strategy)
    target = type(obj) if cls is haiti_mss.Pledge else cls
    plain = to_dict(obj)
    assert only_json_types(plain)
    assert obj == from_dict(plain, target)
    assert obj == from_json(to_json(obj), target)
    assert obj == from_json(to_json(obj, indent=2), target)


@settings(max_examples=25)
@given(hst.datasets())
def test_json_output_is_deterministic(dataset):
    """Equal objects give the same text; a reloaded object gives the text it was read from."""
    text = to_json(dataset, indent=2)
    again = from_json(text, Dataset)
    assert text == to_json(again, indent=2)
    assert text == to_json(attrs.evolve(dataset), indent=2)


def test_exact_figures_are_bare_numbers_and_others_are_objects():
    """The data file writes what a person would: 400, or {"value": 200, "qualifier": "about"}."""
    assert 400 == to_dict(Figure(400))
    assert {"value": 200, "qualifier": "about"} == to_dict(Figure(200, "about"))
    assert Figure(200) == from_dict({"value": 200}, Figure)


def test_record_kinds_are_stable_tags():
    """Each record is written with its kind first; renaming a class would not change it."""
    assert [("pledge",), ("arrival",), ("departure",), ("strength_report",)] == [
        (cls.kind,)
        for cls in (
            haiti_mss.Pledge,
            haiti_mss.Arrival,
            haiti_mss.Departure,
            haiti_mss.StrengthReport,
        )
    ]
    record = from_dict(
        {"kind": "departure", "on": "2025-12-08", "personnel": 100, "reason": "rotation"}, Record
    )
    assert isinstance(record, haiti_mss.Departure)
    assert "kind" == next(iter(to_dict(record)))


def test_the_converter_is_the_one_the_functions_use(mission):
    """Tools built on top may use haiti_mss.converter directly."""
    assert to_dict(mission) == converter.unstructure(mission)
    assert mission == converter.structure(to_dict(mission), Mission)


def test_status_json_carries_what_the_rules_derive(mission):
    """A status's JSON adds deployed, committed, outstanding, projected force and the ratio."""
    status = mission.status("2024-09-21")
    data = to_dict(status)
    assert {"value": 426, "qualifier": "about"} == data["deployed"]
    assert 11 == data["days_until_expiry"]
    assert pytest.approx(0.1704) == data["deployment_ratio"]
    data["deployed"] = 500
    with pytest.raises(DataError, match=r"\$\.deployed: is 500, but the stored fields give"):
        from_dict(data, Status)


def test_a_breakdown_needs_its_key_type():
    """Breakdown[Country] and Breakdown[PersonnelType] load; a bare Breakdown says what to do."""
    assert {Country(code="KEN"): Figure(400)} == from_dict({"KEN": 400}, Breakdown[Country])
    with pytest.raises(DataError, match=r"Breakdown\[Country\] or Breakdown\[PersonnelType\]"):
        from_dict({"KEN": 400}, Breakdown)
    with pytest.raises(DataError, match=r"\$: must be an object, not a list"):
        from_dict([["KEN", 400]], Breakdown[Country])


def test_a_newer_schema_is_refused_and_an_older_one_migrated():
    """haiti-mss/0 is migrated on loading; a later version says to upgrade."""
    assert ("haiti-mss/0", SCHEMA) == READS
    dataset = load(FIXTURES / "haiti-mss-0.json")
    mss = dataset.mission("MSS")
    assert Figure(200, "about") == mss.contingent("KEN", "police").deployed_on("2024-07-16")
    assert ["un-sc15432", "haitilibre-2024-07-17"] == [s.id for s in dataset.sources]
    with pytest.raises(DataError, match="haiti-mss/3 is newer than this release of haiti_mss"):
        from_dict({"schema": "haiti-mss/3", "sources": {}, "missions": []}, Dataset)
    with pytest.raises(DataError, match="unknown schema version haiti-mss/00"):
        from_dict({"schema": "haiti-mss/00", "sources": {}, "missions": []}, Dataset)


def test_migrations_are_pure():
    """A migration returns a new document and leaves the one it was given as it was."""
    original = json.loads((FIXTURES / "haiti-mss-0.json").read_text(encoding="utf-8"))
    snapshot = json.dumps(original, sort_keys=True)
    migrated = migrate(original)
    assert snapshot == json.dumps(original, sort_keys=True)
    assert "haiti-mss/1" == migrated["schema"]
    assert {"un-sc15432", "haitilibre-2024-07-17"} == set(migrated["sources"])
    assert "kind" in migrated["missions"][0]["contingents"][0]["history"][0]


def test_a_dataset_finds_its_missions(mission):
    """Dataset.mission looks a mission up by acronym, and says what it has when it cannot."""
    dataset = Dataset(sources=mission.sources, missions=[mission])
    assert mission == dataset.mission("MSS")
    with pytest.raises(KeyError, match="no mission 'GSF' in this dataset; it has: MSS"):
        dataset.mission("GSF")


def test_dump_then_load_gives_the_same_dataset(tmp_path, mission):
    """A dataset written to a file reads back equal, and the file is indented JSON."""
    dataset = Dataset(sources=mission.sources, missions=[mission])
    path = tmp_path / "mss.json"
    dump(dataset, path)
    assert dataset == load(path)
    assert path.read_text(encoding="utf-8").startswith('{\n  "schema": "haiti-mss/1",')


def test_load_turns_file_problems_into_data_errors(tmp_path):
    """A missing file or one that is not UTF-8 is a DataError naming the file."""
    with pytest.raises(DataError, match=r"\$: cannot read '.*nope\.json': No such file"):
        load(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"schema": "\xff"}')
    with pytest.raises(DataError, match="the text is not UTF-8"):
        load(bad)


def run_cli(*args):
    """Run python -m haiti_mss with *args*."""
    return subprocess.run(  # noqa: S603  # our own command line, with this interpreter
        [sys.executable, "-m", "haiti_mss", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_validate_prints_a_summary_per_valid_file(tmp_path, document):
    """Each valid file gets one line; the exit code is 0."""
    path = tmp_path / "mss.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("validate", str(path), str(FIXTURES / "haiti-mss-0.json"))
    assert 0 == result.returncode, result.stderr
    assert [
        f"{path}: valid: 1 mission: MSS (4 contingents, 1 mandate); 8 sources",
        (
            f"{FIXTURES / 'haiti-mss-0.json'}: valid: 1 mission: MSS (1 contingent, 1 mandate); "
            "2 sources"
        ),
    ] == result.stdout.splitlines()


def test_validate_prints_every_problem_with_its_path(tmp_path, document):
    """An invalid file lists its problems; the exit code is 1."""
    document["missions"][0]["contingents"][0]["history"][1]["personnel"] = -3
    document["missions"][0]["contingents"][1]["history"][0]["kind"] = "troops_withdrawn"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run_cli("validate", str(path), str(tmp_path / "missing.json"))
    assert 1 == result.returncode
    assert [
        f"{path}: 2 problems",
        "  $.missions[0].contingents[0].history[1].personnel: must be >= 0 (got -3)",
        (
            "  $.missions[0].contingents[1].history[0].kind: unknown kind 'troops_withdrawn'; "
            "expected one of arrival, departure, pledge, strength_report, transfer"
        ),
        f"{tmp_path / 'missing.json'}: 1 problem",
        f"  $: cannot read '{tmp_path / 'missing.json'}': No such file or directory",
    ] == result.stdout.splitlines()


def test_validate_needs_a_file():
    """The validate command without a file is a usage error."""
    result = run_cli("validate")
    assert 2 == result.returncode
    assert "the following arguments are required: FILE" in result.stderr


def test_cli_in_process(tmp_path, document, capsys):
    """main() returns the exit code and prints what the subprocess tests see."""
    from haiti_mss.__main__ import main  # noqa: PLC0415

    path = tmp_path / "mss.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 0 == main(["validate", str(path)])
    assert "valid: 1 mission: MSS (4 contingents, 1 mandate); 8 sources" in capsys.readouterr().out
    empty = tmp_path / "empty.json"
    empty.write_text('{"schema": "haiti-mss/1", "sources": {}, "missions": []}', encoding="utf-8")
    assert 0 == main(["validate", str(empty)])
    assert f"{empty}: valid: 0 missions; 0 sources\n" == capsys.readouterr().out
    document["missions"][0]["name"] = ""
    path.write_text(json.dumps(document), encoding="utf-8")
    assert 1 == main(["validate", str(path)])
    assert "$.missions[0].name: must not be empty" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("data", "cls", "message"),
    [
        ("1.5", float, "$: must be a finite number, not a string ('1.5')"),
        (float("inf"), float, "$: must be a finite number, not a number (inf)"),
        (1, bool, "$: must be true or false, not an integer (1)"),
        (True, int, "$: must be an integer, not a boolean (True)"),
        ({1, 2}, Figure, "$: must be a number, or an object"),
        (Figure(3), Figure, "$: must be a number, or an object"),
        ([], Status, "$: must be an object, not a list"),
        (
            {"kind": "arrival", "on": "2024-01-01", "personnel": 1},
            haiti_mss.Pledge,
            "$.kind: is 'arrival', but a Pledge is 'pledge'",
        ),
    ],
)
def test_the_converter_is_strict_about_python_objects_too(data, cls, message):
    """Only JSON data is read; numbers, booleans and Python objects are not coerced."""
    with pytest.raises(DataError) as info:
        from_dict(data, cls)
    assert str(info.value).startswith(message), str(info.value)
    assert 1.5 == from_dict(1.5, float)
    assert from_dict(True, bool)  # noqa: FBT003  # the data is a bare boolean


def test_a_duplicate_resolution_is_reported_where_the_document_has_it(document):
    """The second copy of a resolution is reported at its index as written."""
    mandates = document["missions"][0]["mandates"]
    mandates.insert(0, dict(mandates[0], expires="2024-12-31"))
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [
        (
            "$.missions[0].mandates[1].resolution: S/RES/2699 (2023) appears twice "
            "(also at mandates[0])"
        )
    ] == [str(p) for p in info.value.problems]


def test_deeply_nested_data_is_a_data_error(document):
    """A structure nested past Python's recursion limit is refused, not a crash."""
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    document["missions"][0]["contingents"][0]["history"][0]["sources"] = deep
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [
        (
            "$.missions[0].contingents[0].history[0].sources[0]: "
            "must be a string, not a list ([[[[...]]]])"
        )
    ] == [str(p) for p in info.value.problems]
    with pytest.raises(DataError) as info:
        from_dict({"schema": "haiti-mss/1", "sources": {}, "missions": [{"note": deep}]}, Dataset)
    assert "$.missions[0].note: must be a string, not a list ([[[[...]]]])" == str(
        info.value.problems[-1]
    )
    mission = {"planned_strength_sources": ["nope"], "note": deep}  # searched for where "nope" is
    with pytest.raises(
        DataError, match=r"^\$\.missions\[0\]\.note(\[0\]){17}: the data is nested too deeply"
    ):
        from_dict({"schema": "haiti-mss/1", "sources": {}, "missions": [mission]}, Dataset)


@pytest.mark.parametrize(
    "missions",
    [
        "not a list",
        [5],
        [{"contingents": "none"}],
        [{"contingents": [5, {"history": "none"}, {"history": [5]}]}],
    ],
)
def test_migration_leaves_what_it_does_not_understand_for_the_loader_to_report(missions):
    """A malformed old document is migrated as far as it can be, then reported, not crashed on."""
    with pytest.raises(DataError):
        from_dict({"schema": "haiti-mss/0", "sources": [], "missions": missions}, Dataset)
    migrated = migrate({"schema": "haiti-mss/0", "sources": "odd", "missions": missions})
    assert ("haiti-mss/1", "odd") == (migrated["schema"], migrated["sources"])


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(hst.datasets(), hst.statuses(), hst.figures().map(lambda f: f + 0.5)))
def test_orjson_writes_exactly_what_the_standard_library_writes(obj):
    """With the fast extra the text is the same, byte for byte, compact or indented."""
    from haiti_mss import serialization  # noqa: PLC0415

    fast = (to_json(obj), to_json(obj, indent=2))
    try:
        original = serialization._types.fast_json  # noqa: SLF001
        serialization._types.fast_json = lambda: None  # noqa: SLF001
        plain = (to_json(obj), to_json(obj, indent=2))
    finally:
        serialization._types.fast_json = original  # noqa: SLF001
    assert plain == fast


class _RaisingList(list):
    """A list whose iteration fails: it looks like JSON data, and is not."""

    def __iter__(self):
        raise RuntimeError("iter")


class _Name(str):
    """A str subclass whose hash fails: a model holding it could not be hashed."""

    __slots__ = ()

    def __hash__(self):
        raise RuntimeError("hash")


class _Count(enum.IntEnum):
    FIVE = 5


class _Key(str):
    """A str subclass, as a key."""

    __slots__ = ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(missions=_RaisingList(d["missions"])),
            "$.missions: must be a list, not _RaisingList (a subclass of list)",
        ),
        (
            lambda d: d["missions"][0].update(name=_Name("MSS")),
            "$.missions[0].name: must be a string, not _Name (a subclass of str)",
        ),
        (
            lambda d: d["missions"][0]["contingents"][0]["history"][0].update(
                personnel=_Count.FIVE
            ),
            (
                "$.missions[0].contingents[0].history[0].personnel: must be an integer, "
                "not _Count (a subclass of int)"
            ),
        ),
        (
            lambda d: d["missions"][0].update({_Key("extra"): "a note"}),
            "$.missions[0]: a key must be a string, not _Key (a subclass of str)",
        ),
        (
            lambda d: d.update(missions=tuple(d["missions"])),
            "$.missions: must be a list, not tuple",
        ),
    ],
)
def test_from_dict_refuses_what_only_looks_like_json_data(document, change, message):
    """Only JSON's own types are JSON data: a subclass is refused where it is, unread."""
    change(document)
    with pytest.raises(DataError) as info:
        from_dict(document, Dataset)
    assert [message] == [str(p) for p in info.value.problems]


def test_an_enum_head_count_is_refused_by_every_reader():
    """An IntEnum or a bool is not a head count, in from_dict as in the constructors."""
    for value, message in (
        (_Count.FIVE, "must be an integer, not _Count (a subclass of int)"),
        (True, 'must be a number, or an object like {"value": 200, "qualifier": "about"}, '),
    ):
        data = {"kind": "arrival", "on": "2024-01-01", "personnel": value}
        with pytest.raises(DataError) as info:
            from_dict(data, Arrival)
        assert str(info.value).startswith(f"$.personnel: {message}"), str(info.value)
        with pytest.raises(DataError, match=r"^personnel: must be a "):
            Arrival(on=date(2024, 1, 1), personnel=value)
    with pytest.raises(DataError, match=r"^value: must be a finite int or float, not _Count"):
        Figure(_Count.FIVE)


def test_the_constructors_take_str_exactly():
    """A str subclass may hash or compare otherwise: a frozen model refuses it, naming it."""
    day = date(2024, 1, 1)
    with pytest.raises(DataError) as info:
        Arrival(on=day, personnel=1, note=_Name("a note"))
    assert "note: must be a string, not _Name (a subclass of str) ('a note')" == str(info.value)
    with pytest.raises(DataError) as info:
        Arrival(on=day, personnel=1, sources=[_Name("s1")])
    assert (
        "sources[0]: must be a non-empty string (got 's1', of type _Name, a subclass of str)"
        == str(info.value)
    )
    with pytest.raises(DataError) as info:
        Contingent(country="KEN", personnel_type=_Name("police"))
    assert str(info.value).startswith("personnel_type: must be one of police, military, civilian")
    assert "police" == Contingent(country="KEN", personnel_type="police").personnel_type


def test_a_number_too_large_for_a_figure_is_reported_at_its_field():
    """The converter leaves it to the field's check, which names the field; a file, its place."""
    with pytest.raises(DataError) as info:
        Arrival(on=date(2024, 1, 1), personnel=10**16)
    assert "personnel: must be at most 10**15 in size (got 10000000000000000)" == str(info.value)
    for written, where in ((10**5000, "$.personnel"), ({"value": 10**16}, "$.personnel.value")):
        with pytest.raises(DataError) as info:
            from_dict({"kind": "arrival", "on": "2024-01-01", "personnel": written}, Arrival)
        assert [where] == [p.location for p in info.value.problems]
        assert "must be at most 10**15 in size" in str(info.value)
