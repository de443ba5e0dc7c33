"""The Frictionless data package: valid by the frictionless library, and read back as it was."""

import csv
import json
from datetime import date, timedelta

import attrs
import pandas as pd
import pytest
from frictionless import validate

from haiti_mss import DataError, Source, data
from haiti_mss.__main__ import main
from haiti_mss.contingents import RECORD_TYPES
from haiti_mss.export import MOST_DAYS, TABLES, export_package, table_rows

THROUGH = date(2026, 12, 1)


@pytest.fixture(scope="module")
def package(tmp_path_factory):
    """The bundled dataset's package, its daily tables to 2026-12-01."""
    folder = tmp_path_factory.mktemp("package")
    export_package(folder, data.dataset(), through=THROUGH)
    return folder


def rows(package, table):
    """The rows of *table* in *package*, as dicts of strings."""
    with (package / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_package_is_valid_by_frictionless(package):
    """Types, constraints, primary and foreign keys: frictionless finds nothing wrong."""
    report = validate(package / "datapackage.json")
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_a_broken_foreign_key_is_found(package, tmp_path):
    """The keys are declared: a record whose contingent is gone is an error."""
    for path in package.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    lines = (tmp_path / "contingents.csv").read_text(encoding="utf-8").splitlines()
    (tmp_path / "contingents.csv").write_text("\n".join([lines[0], *lines[2:]]) + "\n", "utf-8")
    report = validate(tmp_path / "datapackage.json")
    assert not report.valid
    assert {"foreign-key"} == {error for (error,) in report.flatten(["type"])}


def test_every_column_is_described(package):
    """datapackage.json describes every column of every table, in the order of the CSV."""
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert [t.name for t in TABLES] == [r["name"] for r in descriptor["resources"]]
    for resource in descriptor["resources"]:
        header = (package / resource["path"]).read_text(encoding="utf-8").split("\n", 1)[0]
        fields = resource["schema"]["fields"]
        assert header.split(",") == [field["name"] for field in fields]
        assert all(field["description"] and field["type"] for field in fields)
    assert "CC-BY-4.0" == descriptor["licenses"][0]["name"]


def test_the_records_table_holds_every_record_and_every_field(package):
    """One row per record, read back in pandas with the figures and sources as written."""
    frame = pd.read_csv(package / "records.csv", keep_default_na=False)
    records = [(m, c, r) for m in data.missions() for c in m.contingents for r in c.history]
    assert len(records) == len(frame)
    for (mission, contingent, record), row in zip(records, frame.itertuples(), strict=True):
        assert (mission.acronym, contingent.country.code) == (row.mission, row.country)
        assert (record.on.isoformat(), record.kind) == (row.date, row.kind)
        assert (record.figure.value, record.figure.qualifier.value) == (
            row.value,
            row.value_qualifier,
        )
        assert "; ".join(record.sources) == row.sources
    names = {name for cls in RECORD_TYPES for name in attrs.fields_dict(cls)}
    names -= {"on", "alternatives", *(cls.figure_field for cls in RECORD_TYPES)}
    assert names <= set(frame.columns)


def test_the_strength_table_is_what_the_counting_rules_give(package):
    """Each contingent on each day its mission exists, extrapolated after its record ends."""
    table = rows(package, "strength")
    by_mission = {m.acronym: m for m in data.missions()}
    for row in table[::97]:  # a sample of days across both missions
        mission = by_mission[row["mission"]]
        status = mission.status(row["date"])
        (contingent,) = (
            c
            for c in status.contingents
            if c.country.code == row["country"] and c.personnel_type.value == row["personnel_type"]
        )
        assert str(contingent.deployed.value) == row["deployed"]
        assert contingent.deployed.qualifier.value == row["deployed_qualifier"]
        assert str(contingent.projected.value) == row["projected"]
        assert str(status.extrapolated).lower() == row["extrapolated"]
    gsf = by_mission["GSF"]
    days = [r["date"] for r in table if r["mission"] == "GSF"]
    assert (gsf.started_on.isoformat(), THROUGH.isoformat()) == (min(days), max(days))
    extrapolated = {
        r["date"] > gsf.current_through.isoformat() for r in table if r["extrapolated"] == "true"
    }
    assert {True} == extrapolated
    mss = by_mission["MSS"]
    assert max(r["date"] for r in table if r["mission"] == "MSS") == mss.last_day.isoformat()


def test_the_un_shaped_table_adds_up_to_the_missions_totals(package):
    """On each month's last day, the contributors' totals add up to the mission's deployed."""
    frame = pd.read_csv(package / "un_contributions.csv", keep_default_na=False)
    assert {""} == set(frame["female"].astype(str)) == set(frame["male"].astype(str))
    for (day, acronym), group in frame.groupby(["date", "mission"]):
        status = data.dataset().mission(acronym).status(day)
        assert status.deployed.value == group["total"].sum()
        assert date.fromisoformat(day).day in {28, 29, 30, 31}
    assert {"2024-09-30", "2025-12-31"} <= set(frame["date"])


def test_the_command_line_writes_the_package(tmp_path, capsys):
    """Python -m haiti_mss export DIR, to --through, or to today."""
    assert 0 == main(["export", str(tmp_path / "p"), "--through", "2025-01-31"])
    out = capsys.readouterr().out
    assert out.startswith(f"{tmp_path / 'p'}: datapackage.json and 11 tables: missions, ")
    strength = rows(tmp_path / "p", "strength")
    assert "2025-01-31" == max(r["date"] for r in strength)
    assert 0 == main(["export", str(tmp_path / "q")], today=date(2025, 3, 1))
    assert "2025-03-01" == max(r["date"] for r in rows(tmp_path / "q", "strength"))
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(tmp_path / "r"), "--through", "soon"])
    assert 2 == exit_.value.code
    with pytest.raises(SystemExit):
        main(["--json", "export", str(tmp_path / "s")])


def test_frictionless_validate_on_the_command_line(package):
    """`frictionless validate datapackage.json`, as a user runs it, finds every table valid."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    done = subprocess.run(  # noqa: S603  # this interpreter, a library the tests install
        [sys.executable, "-m", "frictionless", "validate", str(package / "datapackage.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert 0 == done.returncode, done.stdout[-2000:]
    assert 11 == done.stdout.count("VALID") - done.stdout.count("INVALID")


def test_daily_tables_of_more_than_a_century_are_refused_before_anything_is_written(tmp_path):
    """A day far in the future would make millions of rows; it is refused, and named."""
    first = min(m.started_on for m in data.missions() if m.started_on is not None)
    last_allowed = first + timedelta(days=MOST_DAYS - 1)
    missions = next(table for table in TABLES if table.name == "missions")
    assert list(table_rows(missions, through=last_allowed))  # the last day allowed: no refusal
    with pytest.raises(DataError) as error:
        export_package(tmp_path / "p", through=last_allowed + timedelta(days=1))
    assert str(error.value).startswith("through: ")
    assert "the daily tables run over at most 36,525 (a century)" in str(error.value)
    assert not (tmp_path / "p").exists()
    with pytest.raises(SystemExit) as exit_:
        main(["export", str(tmp_path / "q"), "--through", "9998-12-31"])
    assert 2 == exit_.value.code


def test_a_mission_alone_keeps_every_source_it_holds():
    """A mission given alone may hold a source that nothing in it cites: its table lists it."""
    mss = data.mss()
    spare = Source(id="spare", publisher="Unused")
    mine = attrs.evolve(mss, sources=[*mss.sources, spare])
    (sources,) = (table for table in TABLES if table.name == "sources")
    listed = list(table_rows(sources, mine))
    assert [*mss.sources, spare] == listed
    assert list(table_rows(sources, mss)) == list(mss.sources)
