"""The data frames: records, timeline, mandates and indicators, in each backend."""

import sys
from datetime import date, datetime

import pytest

from haiti_mss import Arrival, Contingent, Mission, data
from haiti_mss.frames import BACKENDS

D = date


@pytest.mark.parametrize("backend", BACKENDS)
def test_frames_in_each_backend(backend):
    """records, timeline, mandates and indicators frames, in pandas and in polars."""
    mss = data.mss()
    records = mss.records_frame(backend=backend)
    assert sum(len(c.history) for c in mss.contingents) == len(records)
    assert backend == type(records).__module__.split(".")[0]
    timeline = mss.timeline_frame("2024-09-01", "2025-09-01", backend=backend)
    assert 13 * len(mss.contingents) == len(timeline)
    assert [
        "date",
        "country",
        "personnel_type",
        "deployed",
        "deployed_qualifier",
        "committed",
        "committed_qualifier",
        "outstanding",
        "outstanding_qualifier",
        "projected",
        "projected_qualifier",
        "extrapolated",
    ] == list(timeline.columns)
    assert 2 == len(mss.mandates.frame(backend=backend))
    assert len(mss.indicators) == len(mss.indicators_frame(backend=backend))


@pytest.mark.parametrize("backend", BACKENDS)
def test_timeline_frame_says_which_rows_are_extrapolated(backend):
    """The extrapolated column is a boolean, true on the days after current_through."""
    import narwhals as nw  # noqa: PLC0415  # an optional extra

    mission = Mission(
        name="Example Mission",
        acronym="EXM",
        host="HTI",
        lead="KEN",
        contingents=[
            Contingent(
                country=code,
                personnel_type="police",
                history=[Arrival(on=D(2030, 1, 1), personnel=10)],
            )
            for code in ("KEN", "JAM")
        ],
        current_through=D(2030, 2, 15),
    )
    frame = nw.from_native(mission.timeline_frame("2030-01-01", "2030-04-01", backend=backend))

    assert nw.Boolean == frame.schema["extrapolated"]
    assert [False, False, False, False, True, True, True, True] == frame["extrapolated"].to_list()
    recorded = mission.timeline_frame("2030-01-01", "2030-02-15", "daily", backend=backend)
    assert not nw.from_native(recorded)["extrapolated"].any()


def test_pandas_frames_hold_dates_as_datetimes_and_missing_numbers_as_nan():
    """In pandas, without pyarrow, days are datetime64 at midnight and a missing number NaN."""
    frame = data.gsf().mandates.frame(backend="pandas")
    assert datetime(2025, 9, 30) == frame["adopted"][0]
    assert 5550.0 == frame["ceiling"][0]
    assert frame.isna()["ceiling"].tolist() == [False]
    mss = data.mss().mandates.frame(backend="pandas")
    assert mss.isna()["ceiling"].tolist() == [True, True]


def test_frame_values_and_qualifiers_agree_with_the_model():
    """A row holds the figure's value and qualifier; alternatives and sources as text."""
    frame = data.mss().records_frame(backend="polars")
    row = frame.filter(date=D(2024, 6, 25)).row(0, named=True)
    assert (200, "about", "400") == (row["value"], row["qualifier"], row["alternatives"])
    assert "kbc-swahili-ruto-haiti; diasporamessenger-2024-06-25" == row["sources"]
    indicators = data.mss().indicators_frame(backend="polars")
    share = indicators.filter(name="share of the pledged contingent deployed").row(0, named=True)
    assert (0.25, "less_than", "share") == (share["value"], share["qualifier"], share["unit"])


def test_frames_name_the_extra_when_it_is_missing(monkeypatch):
    """Without narwhals, or without a backend, the error says what to install."""
    monkeypatch.setitem(sys.modules, "narwhals", None)
    with pytest.raises(ImportError, match=r'pip install "haiti-mss\[frames\]"'):
        data.mss().records_frame()


def test_frames_check_the_backend(monkeypatch):
    """An unknown backend is a ValueError; one that is not installed an ImportError."""
    with pytest.raises(ValueError, match="backend must be one of pandas, polars"):
        data.mss().records_frame(backend="spark")
    import importlib.util  # noqa: PLC0415

    monkeypatch.setattr(importlib.util, "find_spec", lambda _: None)
    with pytest.raises(ImportError, match="the polars backend is not installed"):
        data.mss().records_frame(backend="polars")
    with pytest.raises(ImportError, match=r"need pandas or polars: pip install"):
        data.mss().records_frame()


def test_the_records_frame_has_a_column_for_every_field_of_every_kind():
    """The columns are derived from the record classes' attrs fields: none is left out."""
    import attrs  # noqa: PLC0415

    from haiti_mss.contingents import RECORD_TYPES  # noqa: PLC0415

    columns = data.gsf().records_frame(backend="polars").columns
    for cls in RECORD_TYPES:
        for field in attrs.fields(cls):
            name = {"on": "date", cls.figure_field: "value"}.get(field.name, field.name)
            assert name in columns, (cls.__name__, field.name)
    assert len(columns) == len(set(columns))


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_frames_go_to_parquet_and_back(tmp_path, backend):
    """With the frames extra (pyarrow), a frame is written to Parquet and read back the same."""
    frame = data.mss().timeline_frame("2024-06-01", "2024-12-01", backend=backend)
    path = tmp_path / "timeline.parquet"
    if backend == "pandas":
        import pandas as pd  # noqa: PLC0415

        frame.to_parquet(path)
        again = pd.read_parquet(path)
        pd.testing.assert_frame_equal(frame, again)
    else:
        import polars as pl  # noqa: PLC0415

        frame.write_parquet(path)
        assert frame.equals(pl.read_parquet(path))


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_head_counts_stay_integers(backend):
    """Counts of people are integers in both backends, nullable ones too."""
    import narwhals as nw  # noqa: PLC0415

    idps = nw.from_native(
        data.mss().indicators_frame(backend=backend, name="internally displaced persons")
    )
    assert idps.schema["value"] == nw.Int64
    pledges = nw.from_native(data.mss().records_frame(backend=backend))
    assert pledges.schema["increment"] == nw.Int64
    assert 600 in pledges["increment"].drop_nulls().to_list()
    mandates = nw.from_native(data.gsf().mandates.frame(backend=backend))
    assert mandates.schema["ceiling"] == nw.Int64


@pytest.mark.parametrize("table", ["contributions", "milestones", "sources"])
def test_frames_of_contributions_milestones_and_sources(table):
    """Each is the data package's table of that name, with its types."""
    import narwhals as nw  # noqa: PLC0415

    from haiti_mss import frames  # noqa: PLC0415
    from haiti_mss.export import TABLES  # noqa: PLC0415

    frame = nw.from_native(frames.table_frame(table, data.mss(), backend="polars"))
    (spec,) = [t for t in TABLES if t.name == table]
    assert [c.name for c in spec.columns] == frame.columns
    assert len(getattr(data.mss(), table)) == len(frame)
    with pytest.raises(KeyError, match="no table 'nope'; the tables are missions, "):
        frames.table_frame("nope")
