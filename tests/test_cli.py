"""The status report on the command line, run as a user runs it: python -m haiti_mss."""

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date

import attrs
import pytest

from haiti_mss import Arrival, Contingent, Mission, Pledge, Status, data, from_dict
from haiti_mss.__main__ import _timeline, main


@attrs.frozen
class Result:
    """What a run of the command line gave."""

    returncode: int
    stdout: str
    stderr: str


@pytest.fixture(params=["subprocess", "in-process"])
def run(request, capsys):
    """Run the command line as a user does (a subprocess), and in this process (for coverage)."""

    def in_subprocess(*args):
        done = subprocess.run(  # noqa: S603  # our own command line, with this interpreter
            [sys.executable, "-m", "haiti_mss", *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def in_process(*args):
        try:
            code = main(list(args))
        except SystemExit as exit_:
            code = int(exit_.code or 0)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return in_subprocess if request.param == "subprocess" else in_process


def test_the_default_is_the_status_of_the_latest_mission_today(run):
    """With no options: today's status of the mission in force, or else the latest one."""
    result = run()
    assert 0 == result.returncode, result.stderr
    first = result.stdout.splitlines()[0]
    assert first == f"Gang Suppression Force (GSF): status on {date.today().isoformat()}"  # noqa: DTZ011
    gsf = data.gsf()
    age = (date.today() - gsf.current_through).days  # noqa: DTZ011
    assert (
        f"  Note: The figures are extrapolated: the record ends on "
        f"{gsf.current_through.isoformat()}, {age} days before this day"
    ) in result.stdout
    assert "no renewal or lapse recorded" in result.stdout


def test_the_default_mission_is_the_one_in_force_on_the_day(capsys):
    """On a day of the MSS's mandate, the MSS is reported; after the transition, the GSF."""
    assert 0 == main([], today=date(2024, 9, 21))
    assert capsys.readouterr().out.startswith("Multinational Security Support Mission (MSS)")
    assert 0 == main([], today=date(2025, 12, 10))
    assert capsys.readouterr().out.startswith("Gang Suppression Force (GSF)")


def test_as_of_and_mission(run):
    """--as-of reads the day as people write it; --mission picks the mission."""
    result = run("--as-of", "21 Sep 2024", "--mission", "MSS")
    assert 0 == result.returncode, result.stderr
    lines = result.stdout.splitlines()
    assert "Multinational Security Support Mission (MSS): status on 2024-09-21" == lines[0]
    assert "  Mandate:         S/RES/2699 (2023), in force until 2024-10-02 (11 days left)" in lines
    assert "  Deployed:        ~426 (~17.0% of the planned strength of ≤2,500)" in lines
    assert "    Kenya (KEN)                  ~400" in lines
    assert any(line.startswith("    gang control of Port-au-Prince: ~80%") for line in lines)


def test_json_prints_the_status_as_json(run):
    """--json prints the Status, which loads back equal to the one the library computes."""
    result = run("--json", "--as-of", "2025-01-04", "--mission", "MSS")
    assert 0 == result.returncode, result.stderr
    document = json.loads(result.stdout)
    assert 573 == document["deployed"]
    assert (False, None) == (document["extrapolated"], document["record_age_days"])
    assert data.mss().status("2025-01-04") == from_dict(document, Status)


def test_json_marks_an_extrapolated_status(run):
    """After the record's edge, --json says the figures are extrapolated, and from how long."""
    result = run("--json", "--as-of", "2026-12-01", "--mission", "GSF")
    assert 0 == result.returncode, result.stderr
    document = json.loads(result.stdout)
    gsf = data.gsf()
    assert document["extrapolated"] is True
    assert (date(2026, 12, 1) - gsf.current_through).days == document["record_age_days"]
    assert "unknown" == document["authorisation"]
    assert gsf.status("2026-12-01") == from_dict(document, Status)


def test_timeline_prints_a_monthly_table(run):
    """--timeline START END prints one row a month with the counts and the mandate."""
    result = run("--timeline", "2024-06-01", "2024-09-01", "--mission", "MSS")
    assert 0 == result.returncode, result.stderr
    assert [
        "Multinational Security Support Mission (MSS), monthly from 2024-06-01 to 2024-09-01",
        "date            deployed   committed outstanding   projected  record        mandate",
        (
            "2024-06-01             0      ≤3,000      ≤3,000      ≤3,000"
            "                S/RES/2699 (2023)"
        ),
        (
            "2024-07-01          ~200      ≤3,000      ~2,800      ≤3,000"
            "                S/RES/2699 (2023)"
        ),
        (
            "2024-08-01          ~400      ≤3,000      ~2,600      ≤3,000"
            "                S/RES/2699 (2023)"
        ),
        (
            "2024-09-01          ~400      ≤3,000      ~2,600      ≤3,000"
            "                S/RES/2699 (2023)"
        ),
    ] == result.stdout.splitlines()


def test_timeline_marks_the_rows_after_the_records():
    """Each row after current_through says "extrapolated", and a closing line names the day."""
    mission = Mission(
        name="Example Mission",
        acronym="EXM",
        host="HTI",
        lead="KEN",
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[
                    Pledge(on=date(2030, 1, 1), total=100),
                    Arrival(on=date(2030, 2, 1), personnel=60),
                ],
            )
        ],
        current_through=date(2030, 2, 15),
    )
    lines = list(_timeline(mission, date(2030, 1, 1), date(2030, 4, 1)))

    assert [
        "date            deployed   committed outstanding   projected  record        mandate",
        "2030-01-01             0         100         100         100                none",
        "2030-02-01            60         100          40         100                none",
        "2030-03-01            60         100          40         100  extrapolated  none",
        "2030-04-01            60         100          40         100  extrapolated  none",
        (
            "extrapolated: the records run to 2030-02-15; "
            "later rows carry the last recorded values forward"
        ),
    ] == lines[1:]
    assert not any(
        "extrapolated" in line for line in _timeline(mission, date(2030, 1, 1), date(2030, 2, 15))
    )


def test_timeline_of_the_bundled_data_after_its_records(run):
    """A timeline of the GSF past its records marks the later rows, and only those."""
    result = run("--timeline", "2026-01-01", "2026-09-01", "--mission", "GSF")
    assert 0 == result.returncode, result.stderr
    gsf = data.gsf()
    *rows, closing = result.stdout.splitlines()[2:]
    assert [gsf.status(row[:10]).extrapolated for row in rows] == [
        "  extrapolated  " in row for row in rows
    ]
    assert "  extrapolated  " in rows[-1]
    assert closing.startswith(f"extrapolated: the records run to {gsf.current_through};")


def test_sources_cites_every_figure(run):
    """--sources lists what each figure rests on, then each source in full."""
    result = run("--as-of", "2024-09-21", "--mission", "MSS", "--sources")
    assert 0 == result.returncode, result.stderr
    lines = result.stdout.splitlines()
    cited = lines[lines.index("Sources:") :]
    assert (
        "  KEN police: kbc-swahili-ruto-haiti, diasporamessenger-2024-06-25, "
        "haitilibre-2024-07-17, ap-wsoctv-2024-09-21, tuko-600-police, seed-oant-2024-09"
    ) in cited
    assert "  S/RES/2699 (2023): un-sc15432, unscr-2699" in cited
    assert (
        "  planned strength: scr-wib-2024-11-19, efe-dominicantoday-2024-04, seed-oant-2024-09"
    ) in cited
    assert (
        '  [un-sc15432] United Nations, "Security Council Authorizes MSS ... Initial Period of One '
        'Year, by Vote of 13 in Favour with 2 Abstentions", 2023-10-02, '
        "https://press.un.org/2023/sc15432.doc.htm"
    ) in cited
    ids = [line.split("]")[0][3:] for line in cited if line.startswith("  [")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--as-of", "2024-13-01"],
            (
                "python -m haiti_mss: error: --as-of: '2024-13-01' is not a date: "
                "month must be in 1..12"
            ),
        ),
        (["--as-of", "Sep 2024"], "python -m haiti_mss: error: --as-of: 'Sep 2024' is incomplete"),
        (["--as-of", "soon"], "python -m haiti_mss: error: --as-of: 'soon' has no four-digit year"),
        (["--mission", "UNMIH"], "python -m haiti_mss: error: argument --mission: invalid choice"),
        (["--bogus"], "python -m haiti_mss: error: unrecognized arguments: --bogus"),
        (["--timeline", "2024-01-01"], "python -m haiti_mss: error: argument --timeline: expected"),
        (["--timeline", "2025-01-01", "2024-01-01"], "error: end: 2024-01-01 is before start"),
        (["--timeline", "2024-01-01", "later"], "error: END: 'later' has no four-digit year"),
        (["--timeline", "2025-13", "2026-01"], "error: START: '2025-13' is not a month"),
        (["--as-of", ""], "error: --as-of: '' has no four-digit year"),
        (["--as-of", "2025-06"], "error: --as-of: '2025-06' is incomplete"),
    ],
)
def test_bad_options_are_a_one_line_error_and_exit_2(run, args, message):
    """A mistake on the command line is one line on stderr, and exit status 2."""
    result = run(*args)
    assert 2 == result.returncode
    assert "" == result.stdout
    assert 1 == len(result.stderr.splitlines()), result.stderr
    assert message in result.stderr


def test_control_characters_in_data_are_shown_not_obeyed(run, tmp_path, document):
    """An escape sequence in a file is printed as text, never sent to the terminal."""
    document["missions"][0]["acronym"] = "\x1b[2J"
    path = tmp_path / "doc\x07.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(path))
    assert 1 == result.returncode
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "acronym: must be capital letters" in result.stdout
    assert "\\x1b[2J" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--json", "--sources"], "--sources cites the figures of the report"),
        (["--timeline", "2024-01-01", "2024-03-01", "--sources"], "not with --json or --timeline"),
        (["--json", "validate", "x.json"], "the options of the report do not apply to validate"),
        (["--as-of", "", "validate", "x.json"], "the options of the report do not apply"),
        (["--timeline", "2024-01", "2024-03", "validate", "x.json"], "do not apply to validate"),
        (["--timeline", "2024-01", "2024-03", "export", "out"], "do not apply to export"),
        (
            ["--as-of", "2025-01-01", "--timeline", "2025-01", "2025-03"],
            "--as-of is the day of one report; a timeline runs from START to END",
        ),
        (["--csv"], "--csv writes the timeline's table: give --timeline START END"),
        (["--json", "--csv", "--timeline", "2025-01", "2025-03"], "not allowed with argument"),
    ],
)
def test_options_that_do_not_go_together_are_refused(run, args, message):
    """Rather than ignored, or mixed into JSON that no longer parses."""
    result = run(*args)
    assert 2 == result.returncode
    assert message in result.stderr


def test_the_mission_is_chosen_by_the_day_asked_about(run):
    """A timeline is of the mission of its start; a day before any mandate, of the first one."""
    table = run("--timeline", "2024-01-01", "2024-03-01")
    assert table.stdout.startswith("Multinational Security Support Mission (MSS), monthly")
    early = run("--as-of", "2023-06-01")
    assert early.stdout.startswith("Multinational Security Support Mission (MSS): status on")
    assert "none yet (before the first resolution)" in early.stdout


def test_a_closed_pipe_is_not_an_error():
    """A reader that stops early (| head -1) ends the command quietly, with no traceback."""
    long_table = "--mission MSS --timeline 1950-01 2049-12"  # more than a pipe holds
    done = subprocess.run(  # noqa: S602  # a fixed shell pipeline, to close the pipe early
        f"{sys.executable} -m haiti_mss {long_table} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("Multinational Security Support Mission (MSS)")


def test_version(run):
    """--version prints the installed version, which haiti_mss.__version__ holds too."""
    import haiti_mss  # noqa: PLC0415

    result = run("--version")
    expected = f"python -m haiti_mss {haiti_mss.__version__}\n"
    assert (0, expected) == (result.returncode, result.stdout)
    assert haiti_mss.__version__[0].isdigit()


def test_the_mission_is_named_in_any_case(run):
    """--mission gsf is --mission GSF."""
    assert (
        run("--mission", "gsf", "--as-of", "2025-12-08").stdout
        == run("--mission", "GSF", "--as-of", "2025-12-08").stdout
    )


def test_a_timeline_takes_months_and_prints_json_or_csv(run):
    """YYYY-MM is the month's first day; --json prints each day's status, --csv a table."""
    months = run("--mission", "MSS", "--timeline", "2024-06", "2024-09")
    days = run("--mission", "MSS", "--timeline", "2024-06-01", "2024-09-01")
    assert (0, days.stdout) == (months.returncode, months.stdout)
    statuses = json.loads(
        run("--mission", "MSS", "--timeline", "2024-06", "2024-09", "--json").stdout
    )
    expected = data.mss().timeline("2024-06-01", "2024-09-01")
    assert list(expected) == [from_dict(status, Status) for status in statuses]
    table = run("--mission", "GSF", "--timeline", "2026-02", "2026-05", "--csv").stdout
    rows = list(csv.DictReader(io.StringIO(table)))
    assert ["2026-02-01", "2026-03-01", "2026-04-01", "2026-05-01"] == [r["date"] for r in rows]
    gsf = data.gsf()
    for row in rows:
        status = gsf.status(row["date"])
        assert str(status.deployed.value) == row["deployed"]
        assert status.deployed.qualifier.value == row["deployed_qualifier"]
        assert str(status.extrapolated).lower() == row["extrapolated"]
    assert ["false", "false", "true", "true"] == [r["extrapolated"] for r in rows]


def test_output_the_terminal_cannot_encode_is_written_in_ascii():
    """With a cp1252 terminal, "≤" is written "<=", not a UnicodeEncodeError."""
    done = subprocess.run(  # our own command line, with this interpreter
        [sys.executable, "-m", "haiti_mss", "--as-of", "2024-09-21", "--mission", "MSS"],
        capture_output=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert (0, b"") == (done.returncode, done.stderr)
    text = done.stdout.decode("cp1252")
    assert "Committed:       <=3,250" in text
    assert "\u2264" not in text


def test_the_validate_summary_counts_in_words(run, tmp_path, document):
    """Singular and plural as English has them: "1 mission", "1 mandate", "4 contingents"."""
    path = tmp_path / "one.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(path))
    expected = f"{path}: valid: 1 mission: MSS (4 contingents, 1 mandate); 8 sources\n"
    assert (0, expected) == (result.returncode, result.stdout)
    document["missions"][0]["contingents"][0]["history"][0]["on"] = "2023-13-01"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert run("validate", str(path)).stdout.startswith(f"{path}: 1 problem\n")


def test_direction_and_format_characters_are_shown_not_obeyed(run, tmp_path, document):
    """A right-to-left override, a zero-width space or a BOM in a name is written as its escape.

    "nosuch\u202egnp.json" would show as "nosuchnoj.png" on a terminal.
    """
    hidden = "\u202e\u2066\u200b\u200f\u061c\ufeff\U000e0041"
    escaped = r"\u202e\u2066\u200b\u200f\u061c\ufeff\U000e0041"
    path = tmp_path / f"doc{hidden}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    valid = run("validate", str(path))
    document["missions"][0]["acronym"] = hidden
    path.write_text(json.dumps(document), encoding="utf-8")
    invalid = run("validate", str(path))

    name = f"{tmp_path}/doc{escaped}.json"
    summary = f"{name}: valid: 1 mission: MSS (4 contingents, 1 mandate); 8 sources\n"
    assert (0, summary) == (valid.returncode, valid.stdout)
    assert invalid.stdout.startswith(f"{name}: 1 problem\n")
    for result in (valid, invalid):
        assert not any(c in result.stdout for c in hidden)


def test_an_error_on_stderr_shows_controls_as_escapes(run):
    """What the user typed is echoed in an error with its controls and direction marks shown."""
    result = run("--json", "--bogus\x1b[2J\u202e")
    assert 2 == result.returncode
    assert "unrecognized arguments: --bogus\\x1b[2J\\u202e" in result.stderr
    assert "\x1b" not in result.stderr
    assert "\u202e" not in result.stderr


@pytest.mark.parametrize(
    ("start", "end", "span"),
    [
        ("0002-01-01", "9998-12-31", "0002-01-01 to 9998-12-31 runs over 119,964"),
        ("1950-01", "2050-01", "1950-01-01 to 2050-01-01 runs over 1,201"),
    ],
)
def test_a_timeline_of_more_than_a_century_is_refused(run, start, end, span):
    """A timeline runs over at most 1,200 calendar months; a longer one is refused, not drawn."""
    result = run("--timeline", start, end, "--json")
    assert (2, "") == (result.returncode, result.stdout)
    assert (
        f"error: END: {span} calendar months; a timeline runs over at most 1,200 (a century)\n"
    ) in result.stderr
    assert 0 == run("--timeline", "1950-01", "2049-12", "--csv").returncode


def test_validate_says_how_many_problems_it_does_not_list(run, tmp_path, document):
    """Past MAX_PROBLEMS, the count says "at least", and the last line says why."""
    from haiti_mss.errors import MAX_PROBLEMS  # noqa: PLC0415

    bad = {"kind": "arrival", "on": "2024-06-25", "personnel": -1}
    document["missions"][0]["contingents"][0]["history"] = [bad] * (3 * MAX_PROBLEMS)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    result = run("validate", str(path))
    lines = result.stdout.splitlines()
    assert (1, f"{path}: at least 1,000 problems") == (result.returncode, lines[0])
    assert MAX_PROBLEMS + 2 == len(lines)
    expected = (
        "  and perhaps more: checking stopped at 1,000 problems, and the rest was not checked"
    )
    assert expected == lines[-1]
