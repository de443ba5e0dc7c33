"""How objects show themselves in notebooks, and the data frames."""

import sys
from datetime import date, datetime

import pytest

from haiti_mss import (
    Arrival,
    Contingent,
    Figure,
    Indicator,
    Mandate,
    MandateTimeline,
    Mission,
    Source,
    data,
)
from haiti_mss.frames import BACKENDS

D = date


@pytest.fixture
def hostile():
    """A mission whose texts try to inject HTML."""
    return Mission(
        name="<script>alert(1)</script> Mission",
        acronym="HSM",
        host="HTI",
        lead="KEN",
        contingents=[
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[Arrival(on=D(2030, 1, 1), personnel=Figure(200, "about"), sources=["x"])],
            )
        ],
        sources=[Source(id="x", publisher="<b>bold</b>", title="<script>x</script>")],
    )


def test_reprs_are_short_and_readable():
    """A mission, a contingent, a timeline and a status fit on a line."""
    mss = data.mss()
    assert repr(mss).startswith(
        "Mission(acronym='MSS', name='Multinational Security Support Mission', "
    )
    assert (
        "Contingent(country='KEN', personnel_type='police', "
        "history=<12 records, 2024-01-26 to 2025-09-23>)" == repr(mss.contingent("KEN", "police"))
    )
    assert "MandateTimeline(S/RES/2699 (2023), S/RES/2751 (2024))" == repr(mss.mandates)
    assert (
        "Status(MSS on 2024-09-21: deployed ~426, committed ≤3,250, outstanding ~2,824, "
        "projected force ≤3,250)"
    ) == repr(mss.status("2024-09-21"))
    assert "Kenya (KEN) police: 12 records, 2024-01-26 to 2025-09-23" == str(
        mss.contingent("KEN", "police")
    )
    assert "no mandates" == str(MandateTimeline())
    assert "Contingent(country='BEN', personnel_type='military', history=<0 records>)" == repr(
        Contingent(country="BEN", personnel_type="military")
    )


def test_str_of_a_timeline_lists_mandates_and_lapses():
    """One line a mandate, then one a lapse."""
    timeline = MandateTimeline(
        mandates=[
            Mandate(resolution="S/RES/9001 (2030)", adopted=D(2030, 1, 1), expires=D(2030, 6, 30)),
            Mandate(
                resolution="S/RES/9002 (2030)",
                adopted=D(2030, 7, 10),
                expires=D(2031, 7, 9),
                ceiling=5550,
            ),
        ]
    )
    assert [
        "S/RES/9001 (2030): 2030-01-01 to 2030-06-30",
        "S/RES/9002 (2030): 2030-07-10 to 2031-07-09, ceiling 5,550",
        "lapse: 2030-07-01 to 2030-07-09",
    ] == str(timeline).splitlines()


@pytest.mark.parametrize(
    "shown",
    [
        lambda m: m,
        lambda m: m.contingents[0],
        lambda m: m.status("2030-01-01"),
        lambda m: m.status("2030-01-01").deployed,
        lambda m: m.mandates,
    ],
    ids=["Mission", "Contingent", "Status", "Figure", "MandateTimeline"],
)
def test_html_is_escaped(hostile, shown):
    """Every _repr_html_ escapes what it shows: a <script> in the data renders as text."""
    html = shown(hostile)._repr_html_()
    assert html.startswith(("<table", "<span"))
    assert "<script>" not in html
    assert "<b>" not in html


def test_html_shows_qualifiers_and_source_counts(hostile):
    """Figures keep their qualifier; records show how many sources they cite, ids on hover."""
    html = hostile.contingents[0]._repr_html_()
    assert '<span title="about">~200</span>' in html
    assert '<span title="x">1</span>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Mission" in hostile._repr_html_()


def test_html_of_a_status_says_when_it_extrapolates():
    """A status after the records says so in its caption; the share of the basis is shown."""
    html = data.gsf().status("2026-12-01")._repr_html_()
    edge = data.gsf().current_through.isoformat()
    assert f"(extrapolated from {edge})" in html
    assert f"the figures are extrapolated: the record ends on {edge}" in html
    ended = data.mss().status("2026-01-01")._repr_html_()
    assert "extrapolated" not in ended
    assert "the MSS ended on 2025-10-02; succeeded by the GSF" in ended
    assert "deployed share" in data.mss().status("2024-09-21")._repr_html_()


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


def test_indicator_percentages_print_without_a_space():
    """80% reads as 80%, not 80 %."""
    gang = Indicator(name="gang control", value=80, unit="%", as_of=D(2024, 9, 21))
    assert "gang control: 80% (as of 2024-09-21)" == str(gang)
