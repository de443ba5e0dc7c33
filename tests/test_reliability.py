"""Adversarial input, lossless round trips, invariants, sharing between threads, safe loading."""

import contextlib
import copy
import json
import os
import pickle
import runpy
import threading
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Final

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from haiti_mss import (
    Arrival,
    Contingent,
    DataError,
    Dataset,
    Departure,
    Duration,
    Figure,
    Mission,
    Pledge,
    Problem,
    Source,
    StrengthReport,
    Vote,
    _fastload,
    data,
    dump,
    from_dict,
    from_json,
    load,
    to_json,
)
from haiti_mss import testing as hst
from haiti_mss.errors import MAX_PROBLEMS
from haiti_mss.serialization import MIGRATIONS, READS, _documents, _hooks

D = date
ROOT = Path(__file__).parent.parent


# -- adversarial input ------------------------------------------------------------------------


def test_a_50_megabyte_string_is_read_as_text(document):
    """A very long note loads, and an error that echoes a long value stays short."""
    document["missions"][0]["note"] = "x" * 50_000_000
    mission = from_json(json.dumps(document), Dataset).mission("MSS")
    assert 50_000_000 == len(mission.note)
    document["missions"][0]["host"] = "X" * 50_000_000
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Dataset)
    assert len(str(info.value)) < 200


def test_a_million_element_list_is_refused_with_its_first_problems_listed(document):
    """A list of a million wrong items is refused: the first MAX_PROBLEMS, each located."""
    document["missions"][0]["contingents"][0]["history"] = [7] * 1_000_000
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Dataset)
    problems = info.value.problems
    assert MAX_PROBLEMS == len(problems)
    assert None is info.value.more
    assert "$.missions[0].contingents[0].history[999]" == problems[-1].location


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"value": ' + "9" * 5000 + "}", "$: invalid JSON: Exceeds the limit (4300 digits)"),
        ('{"value": 1e999}', "$.value: must be a finite int or float, not float (inf)"),
        ('{"value": 99999999999999999}', "$.value: must be at most 10**15 in size"),
        ('"\\ud800"', "$: must be a number, or an object"),
        ("\ufeff" + '{"value": 1}', None),
        ('{"value": 1, "value": 2}', "$: the key 'value' appears twice in one object"),
        ('{"value": NaN}', "$: invalid JSON: NaN is not a JSON number"),
        ('{"value": Infinity}', "$: invalid JSON: Infinity is not a JSON number"),
        ("[" * 50_000 + "]" * 50_000, f"${'[0]' * 20}: the JSON is nested too deeply"),
    ],
)
def test_hostile_json(text, message):
    """Huge numbers, infinities, lone surrogates, a BOM, duplicate keys, deep nesting."""
    if message is None:
        assert Figure(1) == from_json(text, Figure)
        return
    with pytest.raises(DataError) as info:
        from_json(text, Figure)
    assert str(info.value).startswith(message), str(info.value)


def test_a_lone_surrogate_in_text_is_refused_where_it_is(document):
    """Text that no file can hold is refused at its path, not written out later."""
    document["sources"]["radio-jambo"]["note"] = "\ud800"
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Dataset)
    assert [
        "$.sources.radio-jambo.note: must be valid Unicode text (a lone surrogate at position 0)"
    ] == [str(p) for p in info.value.problems]
    with pytest.raises(DataError, match=r"sources\[0\]: must be valid Unicode text"):
        Arrival(on=D(2024, 1, 1), personnel=1, sources=["\udfff"])


# -- lossless round trips ---------------------------------------------------------------------


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(hst.datasets())
def test_dump_of_load_is_the_normal_form_byte_for_byte(tmp_path_factory, dataset):
    """A file in normal form reads and writes back to the same bytes."""
    folder = tmp_path_factory.mktemp("round")
    first, second = folder / "first.json", folder / "second.json"
    dump(dataset, first)
    dump(load(first), second)
    assert first.read_bytes() == second.read_bytes()
    assert dataset == load(second)


def test_the_bundled_data_file_is_in_normal_form(tmp_path):
    """The shipped file is what dump writes, byte for byte: an edit is rewritten by dump."""
    shipped = ROOT / "src" / "haiti_mss" / "data" / "haiti-mss.json"
    dump(load(shipped), tmp_path / "normal.json")
    assert shipped.read_bytes() == (tmp_path / "normal.json").read_bytes()


def test_a_history_of_a_hundred_thousand_records_round_trips(tmp_path):
    """load(dump(x)) == x for a mission with 10^5 records."""
    start = D(2000, 1, 1)
    history = []
    for n in range(50_000):
        history.append(Arrival(on=start + timedelta(days=n), personnel=3, sources=["s"]))
        history.append(
            Departure(on=start + timedelta(days=n), personnel=2, reason="rotation", sources=["s"])
        )
    mission = Mission(
        name="Long",
        acronym="LONG",
        host="HTI",
        lead="KEN",
        contingents=[Contingent(country="KEN", personnel_type="police", history=history)],
        sources=[Source(id="s", publisher="Generated")],
    )
    path = tmp_path / "long.json"
    dump(Dataset(sources=mission.sources, missions=[mission]), path)
    loaded = load(path).mission("LONG")
    assert loaded == mission
    assert Figure(50_000) == loaded.contingent("KEN", "police").deployed_on(D(2200, 1, 1))


# -- invariants of the counting rules ---------------------------------------------------------


@settings(max_examples=60)
@given(hst.contingents(), st.data())
def test_a_report_equal_to_the_computed_strength_changes_nothing(contingent, data_):
    """Stating the strength that the records already give changes no count on any day."""
    day = data_.draw(hst.days())
    computed = contingent.deployed_on(day)
    if any(r.on == day and r.kind == "strength_report" for r in contingent.history):
        return
    reported = attrs.evolve(
        contingent,
        history=[*contingent.history, StrengthReport(on=day, personnel=computed)],
    )
    for other in [day, *(r.on for r in contingent.history), day + timedelta(days=1)]:
        assert contingent.deployed_on(other) == reported.deployed_on(other)
        assert contingent.committed_on(other) == reported.committed_on(other)


@settings(max_examples=40)
@given(hst.missions(), hst.days(), st.randoms())
def test_results_do_not_depend_on_the_order_records_were_given_in(mission, day, random):
    """Shuffling every history gives the same status."""
    shuffled = []
    for contingent in mission.contingents:
        history = list(contingent.history)
        random.shuffle(history)
        shuffled.append(attrs.evolve(contingent, history=history))
    again = attrs.evolve(mission, contingents=shuffled)
    before, after = mission.status(day), again.status(day)
    assert (before.deployed, before.committed, before.outstanding, before.projected_force) == (
        after.deployed,
        after.committed,
        after.outstanding,
        after.projected_force,
    )


# -- immutability and sharing ------------------------------------------------------------------


def test_many_threads_share_one_mission():
    """The cached indexes give every thread the answer a single thread gets."""
    mission = data.mss()
    fresh = from_json(to_json(mission), Mission)  # no index built yet
    days = [D(2024, 6, 1) + timedelta(days=n) for n in range(0, 500, 7)]
    expected = [mission.status(d).deployed for d in days]
    results: list[list[Figure]] = []
    barrier = threading.Barrier(16)

    def work() -> None:
        barrier.wait()
        results.append([fresh.status(d).deployed for d in days])

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 16 == len(results)
    assert all(expected == result for result in results)


@pytest.mark.parametrize(
    "obj",
    [
        data.mss(),
        data.gsf(),
        data.dataset(),
        data.mss().status("2024-09-21"),
        data.mss().status("2024-09-21").by_country,
        data.mss().mandates,
        Figure(5, "about"),
    ],
    ids=["MSS", "GSF", "Dataset", "Status", "Breakdown", "MandateTimeline", "Figure"],
)
def test_pickle_and_deepcopy_preserve_equality(obj):
    """Copies are equal to the original, and answer the same."""
    for copied in (pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj)):  # noqa: S301
        assert obj == copied
        assert hash(obj) == hash(copied)


# -- safe loading ------------------------------------------------------------------------------


def test_loading_evaluates_nothing(tmp_path, document):
    """Code-like text in a file stays text: no import, no evaluation, no network."""
    document["sources"]["radio-jambo"]["note"] = "__import__('os').system('touch pwned')"
    document["sources"]["radio-jambo"]["title"] = "<script>alert(1)</script>"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    dataset = load(path)
    source = next(s for s in dataset.sources if s.id == "radio-jambo")
    assert "__import__('os').system('touch pwned')" == source.note
    assert "<script>alert(1)</script>" == source.title
    assert not (tmp_path / "pwned").exists()
    page = runpy.run_path(str(ROOT / "docs" / "make_dataset_page.py"), run_name="not_main")
    assert r"\<script\>alert\(1\)\<\/script\>" == page["cell"](source.title)  # literal text


def test_a_script_address_is_refused(document):
    """A source address must be http or https: javascript: and data: are refused."""
    for url in ("javascript:alert(1)", "data:text/html,<b>x</b>"):
        document["sources"]["radio-jambo"]["url"] = url
        with pytest.raises(DataError, match=r"radio-jambo\.url: must be an http or https URL"):
            from_json(json.dumps(document), Dataset)


def test_loading_opens_files_read_only(tmp_path, monkeypatch, document):
    """Loading reads its file and never opens it for writing."""
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    path.chmod(0o444)
    opened = []
    original = os.open

    def spy(name, flags, *args, **kwargs):
        opened.append(flags)
        return original(name, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    assert load(path).mission("MSS")
    assert opened
    assert all(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC) == 0 for flags in opened)


def test_a_pledge_reloads_as_a_pledge():
    """Structured as its own class, a record keeps its kind."""
    pledge = Pledge(on=D(2024, 1, 1), total=5)
    assert pledge == from_json(to_json(pledge), Pledge)


def test_an_old_document_with_a_source_without_id_is_reported_not_crashed_on():
    """Found by the fuzzer: a haiti-mss/0 source without an id broke the migration."""
    document = {"schema": "haiti-mss/0", "sources": [{"published": "2024-07-17"}], "missions": []}
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Dataset)
    assert ["$.sources[0].id: required field missing"] == [str(p) for p in info.value.problems]


def test_a_path_through_a_key_that_is_not_a_string_is_written_as_python_writes_it():
    """from_dict takes Python data too, whose keys may be anything."""
    with pytest.raises(DataError) as info:
        from_json("{}", Dataset)  # a baseline: a document without its parts
    assert "$.schema" == info.value.problems[0].location
    from haiti_mss import from_dict  # noqa: PLC0415

    with pytest.raises(DataError) as info:
        from_dict({"schema": "haiti-mss/1", "sources": {None: {}}, "missions": []}, Dataset)
    assert "$.sources[None]" == info.value.problems[0].location


def test_to_json_writes_what_orjson_cannot():
    """Text orjson refuses (a lone surrogate in plain data) is written by the standard library."""
    expected = json.dumps({"note": "\ud800"}, ensure_ascii=False, separators=(",", ":"))
    assert expected == to_json({"note": "\ud800"})


def test_a_data_error_has_a_short_repr():
    """The repr names the first problem and how many there are, however many."""
    error = DataError.at(("history", 2), "must be >= 0 (got -3)")
    assert "DataError(<1 problem: history[2]: must be >= 0 (got -3)>)" == repr(error)
    assert repr(DataError([error.problems[0]] * 3)).startswith("DataError(<3 problems: ")


def test_two_missions_with_one_acronym_are_refused(document):
    """A dataset's missions are found by acronym, so each has its own."""
    document["missions"].append(document["missions"][0])
    with pytest.raises(DataError) as info:
        from_json(json.dumps(document), Dataset)
    assert ["$.missions[1].acronym: MSS is the acronym of missions[0] too"] == [
        str(p) for p in info.value.problems
    ]


@pytest.mark.parametrize(
    ("old", "message"),
    [
        (
            {
                "sources": [{"id": "a", "publisher": "x"}, {"id": "a", "publisher": "y"}],
                "missions": [],
            },
            "$.sources[1].id: 'a' appears twice (also at sources[0])",
        ),
        (
            {
                "sources": [],
                "missions": [
                    {
                        "name": "X",
                        "acronym": "X",
                        "host": "HTI",
                        "lead": "KEN",
                        "contingents": [
                            {
                                "country": "KEN",
                                "personnel_type": "police",
                                "history": [
                                    {
                                        "type": "arrival",
                                        "kind": "pledge",
                                        "on": "2024-01-01",
                                        "total": 1,
                                    }
                                ],
                            }
                        ],
                    }
                ],
            },
            "$.missions[0].contingents[0].history[0].type: unknown key",
        ),
    ],
)
def test_migration_does_not_settle_what_the_old_document_leaves_open(old, message):
    """Duplicate source ids, or both 'type' and 'kind', are reported, not resolved silently."""
    with pytest.raises(DataError) as info:
        from_json(json.dumps({"schema": "haiti-mss/0", **old}), Dataset)
    assert str(info.value).startswith(message), str(info.value)


def test_a_file_larger_than_the_limit_is_refused_unread(monkeypatch, tmp_path):
    """A file over MAX_FILE_SIZE is refused by its size, before a byte of it is read."""
    from haiti_mss import serialization  # noqa: PLC0415

    monkeypatch.setattr(serialization._text, "MAX_FILE_SIZE", 1000)  # noqa: SLF001
    large = tmp_path / "large.json"
    large.write_bytes(b" " * 1001)
    with pytest.raises(DataError, match="is larger than 1,000 bytes; not read"):
        load(large)
    small = tmp_path / "small.json"
    small.write_text('{"schema": "haiti-mss/1", "sources": {}, "missions": []}', encoding="utf-8")
    assert () == load(small).missions


HUGE: Final = 10**5000
ABOUT: Final = "(got an integer of about 5,001 digits)"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Figure(HUGE), f"value: must be at most 10**15 in size {ABOUT}"),
        (
            lambda: Arrival(on=date(2024, 1, 1), personnel=HUGE),
            f"must be at most 10**15 in size {ABOUT}",
        ),
        (
            lambda: Vote(in_favour=-HUGE),
            "in_favour: must be >= 0 (got a negative integer of about 5,001 digits)",
        ),
        (lambda: Duration(years=HUGE), f"years: must be at most 10,000 {ABOUT}"),
        (lambda: Duration.parse("P" + "9" * 5000 + "M"), "is too long to be a duration"),
        (lambda: Duration.parse("9" * 5000 + " months"), "is too long to be a duration"),
    ],
    ids=["Figure", "Arrival", "Vote", "Duration", "Duration.parse", "Duration.parse words"],
)
def test_integers_past_python_s_limit_are_data_errors(make, message):
    """An integer of 5,000 digits is refused by a DataError that describes it: no ValueError."""
    with pytest.raises(DataError) as refused:
        make()
    assert message in str(refused.value)
    assert len(str(refused.value)) < 200


def test_a_schema_version_of_thousands_of_digits_is_newer_not_a_crash():
    """The version is compared as digits; the message shortens it."""
    document = {"schema": "haiti-mss/" + "9" * 5000, "sources": {}, "missions": []}
    with pytest.raises(DataError, match="is newer than this release") as refused:
        from_json(json.dumps(document), Dataset)
    assert len(str(refused.value)) < 200
    document["schema"] = "haiti-mss/0" + "0" * 5000 + "1"  # no version is written so
    with pytest.raises(DataError, match="unknown schema version 'haiti-mss/000") as refused:
        from_json(json.dumps(document), Dataset)
    assert len(str(refused.value)) < 200


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("a\x00b.json", "$: cannot read 'a\\x00b.json': embedded null byte"),
        (3, "$: load takes a path, as a str or a pathlib.Path, not int"),
        (None, "$: load takes a path, as a str or a pathlib.Path, not NoneType"),
        (b"/etc/hostname", "$: load takes a path, as a str or a pathlib.Path, not bytes"),
    ],
)
def test_load_of_what_is_not_a_path_is_a_data_error(path, message):
    """Not a TypeError or a ValueError from the file system."""
    with pytest.raises(DataError) as refused:
        load(path)
    assert message == str(refused.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("21 Sep 0001", "the year 0001 is read as 2001"),
        ("21 Sep 0099", "the year 0099 is read as 1999"),
        ("1999 21 Sep 2024", "names more than one year (1999, 2024)"),
        ("2024 " + "1" * 300_000, "is too long to be a date"),
    ],
)
def test_query_dates_are_read_as_written_or_refused(text, message):
    """A year is never guessed, nor one of two dropped; a long string is not parsed at all."""
    with pytest.raises(DataError) as refused:
        data.mss().status(text)
    assert message in str(refused.value)
    assert date(2024, 9, 21) == data.mss().status("21 Sep 2024").as_of


@pytest.mark.parametrize(
    "name", ["\u200b", "\u2800", "\u3164", "\ufeff", "\u200e", "\x00", "\u180e", "\u115f", "\u3000"]
)
def test_text_with_nothing_visible_is_not_a_name(document, name):
    """A zero-width space, a direction mark, a filler or a control is no name, in a file or not."""
    document["missions"][0]["name"] = name
    with pytest.raises(DataError, match=r"\$\.missions\[0\]\.name: must not be empty or invisible"):
        from_json(json.dumps(document), Dataset)
    with pytest.raises(DataError, match="publisher: must not be empty or invisible"):
        Source(id="x", publisher=name)
    assert "Haïti\u200b" == Source(id="x", publisher="Haïti\u200b").publisher  # visible, kept


def test_refused_codes_do_not_stay_in_the_caches(document):
    """A refused document's long code is not kept: only what could be a code is cached."""
    from haiti_mss import countries, funding  # noqa: PLC0415

    caches = (countries._cached_name_of, countries._cached_code_for, funding._cached_currency)  # noqa: SLF001
    before = [cache.cache_info().currsize for cache in caches]
    for i in range(20):
        long = f"{i:02d}" + "Q" * 100_000
        bad = copy.deepcopy(document)
        bad["missions"][0]["host"] = long
        bad["missions"][0]["contributions"] = [
            {
                "on": "2024-03-11",
                "donor": "USA",
                "amount": "1",
                "currency": long,
                "status": "pledged",
            }
        ]
        with pytest.raises(DataError, match="host"):
            from_json(json.dumps(bad), Dataset)
        with pytest.raises(DataError, match="country"):
            Contingent(country=long, personnel_type="police")
    assert before == [cache.cache_info().currsize for cache in caches]


# -- issue 15, f01, f05, f24: many problems, files that are not files, the size before reading --


def _bad_document(document, kind, n):
    """*document* with *n* bad items of *kind*: the refusals of benchmarks/refusal.py."""
    mission = document["missions"][0]
    history = mission["contingents"][0]["history"]
    if kind == "bad records":
        history[:] = [{"kind": "arrival", "on": "2024-13-01", "personnel": -1}] * n
    elif kind == "empty missions":
        document["missions"] = [{}] * n
    elif kind == "unknown source ids":
        history[:] = [{"kind": "arrival", "on": "2024-06-25", "personnel": 1, "sources": ["x"]}] * n
    elif kind == "duplicate contingents":
        mission["contingents"] = [{"country": "KEN", "personnel_type": "police"}] * n
    elif kind == "bad mandates":
        mission["mandates"] = [{"resolution": "S/RES/1", "adopted": "2024-01-01"}] * n
    elif kind == "bad sources":
        document["sources"] = {f"s{i}": {"publisher": ""} for i in range(n)}
    return document


KINDS: Final = (
    "bad records",
    "empty missions",
    "unknown source ids",
    "duplicate contingents",
    "bad mandates",
    "bad sources",
)


@pytest.mark.parametrize("kind", KINDS)
def test_a_document_with_many_problems_lists_the_first_and_says_there_are_more(document, kind):
    """Ten times the cap's bad items: MAX_PROBLEMS listed, then an honest word on the rest."""
    text = json.dumps(_bad_document(document, kind, 10 * MAX_PROBLEMS))
    with pytest.raises(DataError) as refused:
        from_json(text, Dataset)
    error = refused.value
    assert MAX_PROBLEMS == len(error.problems)
    lines = str(error).splitlines()
    assert MAX_PROBLEMS + 1 == len(lines)
    if error.more is None:  # checking stopped: no number is given for what was not checked
        expected = (
            "and perhaps more: checking stopped at 1,000 problems, and the rest was not checked"
        )
    else:  # counted: every duplicate after the first is one
        assert ("duplicate contingents", 10 * MAX_PROBLEMS - 1) == (
            kind,
            len(error.problems) + error.more,
        )
        expected = f"and {error.more:,} more problems"
    assert expected == lines[-1] == error.omitted
    with pytest.raises(DataError) as again:
        from_dict(json.loads(text), Dataset)
    assert (error.problems, error.more) == (again.value.problems, again.value.more)


def test_the_problems_past_the_cap_are_counted_exactly_where_they_are_given():
    """A DataError given more problems than it lists counts them; re-located, it keeps the count."""
    error = DataError(Problem(("history", i), "must be >= 0") for i in range(2_500))
    assert (MAX_PROBLEMS, 1_500) == (len(error.problems), error.more)
    assert "DataError(<2,500 problems: history[0]: must be >= 0>)" == repr(error)
    outer = error.within("contingents", 3)
    assert ("contingents", 3, "history", 0) == outer.problems[0].path
    assert 1_500 == outer.more
    copied = pickle.loads(pickle.dumps(error))  # noqa: S301  # our own error, just written
    assert (error.problems, error.more) == (copied.problems, copied.more)
    stopped = DataError(error.problems, None)
    assert "DataError(<1,000+ problems: history[0]: must be >= 0>)" == repr(stopped)
    assert None is pickle.loads(pickle.dumps(stopped)).more  # noqa: S301  # as above
    assert "" == DataError.at("x", "wrong").omitted


def test_refusing_a_large_document_takes_memory_in_proportion_to_it(document):
    """The peak while 100,000 bad records are refused is within 20 times the text's size.

    Before the cap, every problem was built, with its exception and its path: about 140 times.
    """
    import tracemalloc  # noqa: PLC0415

    text = json.dumps(_bad_document(document, "bad records", 100_000)).encode()
    tracemalloc.start()
    try:
        with pytest.raises(DataError):
            from_json(text, Dataset)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * len(text)


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    """load() of a FIFO with no writer is a DataError naming it, not a wait for ever."""
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            load(fifo)
        except BaseException as error:  # noqa: BLE001  # whatever it is, the test shows it
            outcome.append(error)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(60)  # not a measure of speed: a guard, so that a failure does not hang the run
    assert not reader.is_alive(), "load() of a FIFO is waiting for a writer"
    (error,) = outcome
    assert isinstance(error, DataError)
    assert f"$: {str(fifo)!r} is a pipe, not a data file; not read" == str(error)


@pytest.mark.parametrize(
    ("path", "kind"), [("/dev/zero", "a device"), ("/dev/null", "a device"), (".", "a directory")]
)
def test_what_is_not_a_regular_file_is_refused_unread(path, kind):
    """/dev/zero never ends and /dev/null is empty: neither is read, nor is a directory."""
    with pytest.raises(DataError) as refused:
        load(path)
    assert f"$: {path!r} is {kind}, not a data file; not read" == str(refused.value)


def test_a_file_that_grows_while_it_is_read_is_refused(tmp_path, monkeypatch):
    """The size is taken before reading; a file found longer than that is not cut short."""
    path = tmp_path / "growing.json"
    path.write_text('{"schema": "haiti-mss/1", "sources": {}, "missions": []}', encoding="utf-8")
    original = os.fstat

    def smaller(descriptor):
        status = original(descriptor)
        return os.stat_result((*status[:6], status.st_size - 10, *status[7:]))

    monkeypatch.setattr(os, "fstat", smaller)
    with pytest.raises(DataError, match="grew while it was read; not read"):
        load(path)


@pytest.mark.parametrize("alone", [True, False], ids=["a mission alone", "a dataset"])
def test_a_mission_refused_by_its_checks_across_fields_is_not_read_twice(document, alone):
    """The fast path's refusal, by the checks across a mission's fields, is the detailed path's."""
    mission = document["missions"][0]
    mission["contingents"].append(copy.deepcopy(mission["contingents"][0]))
    data = (
        {**mission, "sources": [{"id": i, **s} for i, s in document["sources"].items()]}
        if alone
        else document
    )
    cls = Mission if alone else Dataset
    with pytest.raises(DataError) as fast:
        from_json(json.dumps(data), cls)
    with _detailed_path_only(), pytest.raises(DataError) as detailed:
        from_dict(data, cls)
    where = "$" if alone else "$.missions[0]"
    expected = (
        f"{where}.contingents[4]: a second KEN police contingent (the first is contingents[0])"
    )
    assert str(fast.value).startswith(expected)
    assert (fast.value.problems, fast.value.more) == (detailed.value.problems, detailed.value.more)


@contextlib.contextmanager
def _detailed_path_only():
    """While missions, records and lists of them are read by the detailed path alone."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_documents, "_fast_mission", _not_fast)
        patch.setattr(_documents, "_fast_alone", _not_fast)
        patch.setattr(_hooks, "is_json_data", lambda _: False)  # no record is read fast
        yield


def _not_fast(*_):
    raise _fastload.NotFast


def test_the_valid_records_of_a_history_with_a_problem_are_read_as_the_fast_path_reads_them(
    document,
):
    """Read again by the detailed path, a bad history's problems are the same, however read."""
    history = document["missions"][0]["contingents"][0]["history"]
    source = history[0].get("sources", [])
    history += [
        {"kind": "arrival", "on": "2024-07-01", "personnel": 5, "sources": source},
        {"kind": "arrival", "on": "2024-07-02", "personnel": {"value": 7, "qualifier": "about"}},
        {"kind": "arrival", "on": "2024-07-03", "personnel": 2, "alternatives": [{"value": 3}]},
        {"kind": "arrival", "on": "2024-07-04", "personnel": -1},
        {"kind": "departure", "on": "2024-07-05", "personnel": 1, "reason": "gone"},
        {"kind": "arrival", "on": "2024-07-06", "personnel": 1, "confidence": "high", "note": "n"},
    ]
    fast = _refused_both_ways(document)
    at = "$.missions[0].contingents[0].history"
    expected = [f"{at}[{len(history) - 3}].personnel", f"{at}[{len(history) - 2}].reason"]
    assert expected == [p.location for p in fast.problems]


def _refused_both_ways(document):
    """The DataError of *document* read as it is, which the detailed path alone gives too."""
    with pytest.raises(DataError) as read:
        from_json(json.dumps(document), Dataset)
    with _detailed_path_only(), pytest.raises(DataError) as detailed:
        from_dict(document, Dataset)
    assert (read.value.problems, read.value.more) == (detailed.value.problems, detailed.value.more)
    return read.value


@pytest.mark.parametrize("digits", ["-9999999999999999999", "18446744073709551616"])
def test_an_integer_past_64_bits_is_read_as_the_standard_library_reads_it(digits):
    """Text with a run of 19 digits, which orjson may read as a float, is not read by orjson."""
    text = '{"value": ' + digits + ', "qualifier": "about"}'
    with pytest.raises(DataError) as fast:
        from_json(text, Figure)
    with pytest.raises(DataError) as detailed:
        from_dict(json.loads(text), Figure)
    assert str(detailed.value) == str(fast.value)


@pytest.mark.parametrize("bad", [[0], [999, 1000], [1999, 2000, 2499], list(range(1500, 2500))])
def test_the_problems_of_a_long_bad_history_are_at_their_places_however_it_is_read(document, bad):
    """However a long bad history is read, its problems are the same, at their places.

    The detailed path gives runs of a bad history to the fast reader: no problem is lost at
    the edge of a run, and the cap counts across runs (at the cap, the rest is not checked).
    """
    history = document["missions"][0]["contingents"][0]["history"]
    good = {"kind": "arrival", "on": "2024-07-01", "personnel": 1}
    history[:] = [{**good, "personnel": -1} if i in bad else good for i in range(2500)]
    read = _refused_both_ways(document)
    at = "$.missions[0].contingents[0].history"
    listed = bad[:MAX_PROBLEMS]
    assert [f"{at}[{i}].personnel" for i in listed] == [p.location for p in read.problems]
    assert (None if len(bad) >= MAX_PROBLEMS else 0) == read.more


def test_a_stop_short_of_the_cap_says_so_without_naming_the_cap():
    """Checking may stop before 1,000 problems are listed; the last line then says only that."""
    error = DataError([Problem(("$",), "one")], None)
    assert str(error).endswith(
        "and perhaps more: checking stopped here, and the rest was not checked"
    )
    many = DataError([Problem(("$", i), "bad") for i in range(MAX_PROBLEMS)], None)
    assert f"checking stopped at {MAX_PROBLEMS:,} problems" in str(many)


def test_a_path_whose_fspath_is_not_a_path_is_a_data_error():
    """os.PathLike whose __fspath__ returns an int: a DataError, not a TypeError."""

    class Odd(os.PathLike):
        def __fspath__(self):
            return 3

    with pytest.raises(DataError, match=r"^\$: load takes a path: "):
        load(Odd())


def test_repeated_keys_deep_in_a_document_are_found_in_linear_memory():
    """A repeat beside deep nesting: each place costs the same, and the problems are capped."""
    nested = "[" * 400 + ",".join(["0"] * 10_000) + "]" * 400
    text = '{"a": 1, "a": 2, "b": ' + nested + "}"
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match="appears twice"):
            from_json(text, Dataset)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * len(text)  # a path copied per element took 1,700 times the text
    repeats = "{" + ", ".join(f'"k{i}": {{"x": 1, "x": 2}}' for i in range(2 * MAX_PROBLEMS)) + "}"
    with pytest.raises(DataError) as error:
        from_json(repeats, Dataset)
    assert (MAX_PROBLEMS, MAX_PROBLEMS) == (len(error.value.problems), error.value.more)


def test_the_migrations_are_one_read_only_table():
    """READS and the messages come from the same steps that migrate: no table to add to."""
    assert (*MIGRATIONS, "haiti-mss/1") == READS
    with pytest.raises(TypeError):
        MIGRATIONS["haiti-mss/00"] = lambda document: document  # type: ignore[index]
