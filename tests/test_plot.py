"""Charts: each one renders from the bundled data and has the artists it promises."""

import bisect
import math
import runpy
import subprocess
import sys
from datetime import date
from pathlib import Path
from xml.etree import ElementTree as ET

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import matplotlib.units as munits
import pytest
from hypothesis import HealthCheck, given, settings
from matplotlib.collections import FillBetweenPolyCollection
from matplotlib.container import BarContainer
from matplotlib.text import Annotation

import haiti_mss
from haiti_mss import (
    Arrival,
    Contingent,
    DataError,
    Figure,
    Indicator,
    Milestone,
    Mission,
    Pledge,
    data,
    plot,
    testing,
)

ROOT = Path(__file__).parent.parent
MAKE_CHARTS = ROOT / "docs" / "make_charts.py"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    """Every test starts and ends without open figures."""
    plt.close("all")
    yield
    plt.close("all")


def render(ax, path):
    """Save the figure of *ax* as a PNG and return its bytes."""
    ax.figure.savefig(path)
    return path.read_bytes()


def legend_labels(ax):
    """The texts of the legend of *ax*."""
    return [text.get_text() for text in ax.get_legend().get_texts()]


def drawn_texts(ax):
    """The texts drawn on *ax*, the source line under it left out."""
    return [t.get_text() for t in ax.texts if t.get_gid() != plot.SOURCE_LINE]


def footer(ax):
    """The text under the chart: the milestones it numbers, and its source line."""
    (text,) = [t.get_text() for t in ax.texts if t.get_gid() == plot.SOURCE_LINE]
    return text


def numbered(ax):
    """The numbers of the milestone markers."""
    return [
        a.get_text()
        for a in ax.texts
        if isinstance(a, Annotation) and a.get_gid() != plot.SOURCE_LINE
    ]


def small_mission(**fields):
    """A mission with one Kenyan contingent and no mandates, dated 2030."""
    defaults = {
        "name": "Example Mission",
        "acronym": "EXM",
        "host": "HTI",
        "lead": "KEN",
        "contingents": [
            Contingent(
                country="KEN",
                personnel_type="police",
                history=[
                    Pledge(on=date(2030, 1, 1), total=100),
                    Arrival(on=date(2030, 2, 1), personnel=60),
                ],
            )
        ],
    }
    return Mission(**(defaults | fields))


def extrapolated(ax):
    """The artists that mark the days after the edge of the record, and the line at the edge."""
    children = ax.get_children()
    return (
        [a for a in children if a.get_gid() == "extrapolated"],
        [a for a in children if a.get_gid() == "edge of the record"],
    )


def span(band):
    """The first and last x of a band drawn by axvspan."""
    return band.get_x(), band.get_x() + band.get_width()


def test_import_does_not_load_matplotlib():
    """Importing the package, its charts module and its data leaves matplotlib unloaded."""
    code = (
        "import sys, haiti_mss, haiti_mss.plot, haiti_mss.data; print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(  # noqa: S603  # this interpreter, our own code
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "False" == result.stdout.strip()


def test_force_buildup_of_the_mss(tmp_path):
    """The MSS build-up to its last day: six countries stacked, lines, mandates, 7 milestones."""
    mss = data.mss()
    ax = plot.force_buildup(mss)

    assert render(ax, tmp_path / "mss.png").startswith(PNG)
    assert (
        "Multinational Security Support Mission (MSS): personnel, 2023-09-20 to 2025-10-01"
        == ax.get_title()
    )
    assert ("Date", "Personnel") == (ax.get_xlabel(), ax.get_ylabel())
    assert [
        "Deployed: ~956",
        "Kenya: >699",
        "Guatemala: 150",
        "El Salvador: ~78",
        "Jamaica: 21",
        "Bahamas: 6",
        "Belize: 2",
        "approximate or a bound, as reported",
        "Committed: ≤3,628",
        "Projected force, the same every day: ≤3,628",
        "Planned strength: ≤2,500",
        "mandate in force (shaded)",
    ] == legend_labels(ax)
    lines = footer(ax).splitlines()
    assert [
        "1  2023-10-02  Resolution 2699 (2023) authorises the MSS",
        "2  2024-06-25  The first Kenyan contingent lands in Port-au-Prince",
    ] == lines[:2]
    assert (
        "7  2025-09-30  Resolution 2793 (2025) turns the MSS into the Gang Suppression Force"
        in lines
    )
    assert (
        "Source: haiti_mss dataset 0.1.0.dev0, compiled from 93 public sources; "
        "the MSS ended on 2025-10-02; succeeded by the GSF. Figures as reported."
    ).replace("0.1.0.dev0", haiti_mss.__version__) == lines[-1]
    # The last day of the MSS: it handed over to the GSF on 2025-10-02.
    assert "On 2025-10-01, as reported" == ax.get_legend().get_title().get_text()
    assert [str(n) for n in range(1, 8)] == numbered(ax)
    bands = [c for c in ax.collections if isinstance(c, FillBetweenPolyCollection)]
    # Six bands, and hatching over Kenya's and El Salvador's approximate figures.
    assert 8 == len(bands)
    assert 2 == sum(band.get_hatch() == "////" for band in bands)
    assert {"S/RES/2699 (2023)", "S/RES/2751 (2024)"} == {
        t.get_text().strip() for t in ax.texts if t.get_text().startswith(" S/RES")
    }
    colours = {mpl.colors.to_hex(b.get_facecolor()[0]) for b in bands if b.get_hatch() is None}
    assert {colour.lower() for colour in plot.OKABE_ITO[:6]} == colours


def test_force_buildup_uses_a_date_axis():
    """The x axis holds matplotlib dates from the first day to the day after the last."""
    ax = plot.force_buildup(data.mss(), "2024-06-01", date(2024, 12, 31))

    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert munits.registry[date] is ax.xaxis.get_converter()
    assert (mdates.date2num(date(2024, 6, 1)), mdates.date2num(date(2025, 1, 1))) == ax.get_xlim()


def test_force_buildup_of_the_gsf_draws_the_ceiling():
    """The ceiling of resolution 2793 (2025) is a step line from the day of its adoption."""
    ax = plot.force_buildup(data.gsf())

    (ceiling,) = [line for line in ax.get_lines() if line.get_label().startswith("Authorised")]
    assert "Authorised ceiling: 5,550" == ceiling.get_label()
    x, y = ceiling.get_data()
    adopted = mdates.date2num(date(2025, 9, 30))
    assert all(math.isnan(v) for v, at in zip(y, x, strict=True) if at < adopted)
    assert {5550} == {v for v, at in zip(y, x, strict=True) if at >= adopted}
    assert "Planned strength" not in " ".join(legend_labels(ax))


def test_force_buildup_options():
    """Milestone kinds choose the markers."""
    mss = data.mss()
    ax = plot.force_buildup(mss, "2024-09-01", "2025-09-30", milestone_kinds=["visit"])

    assert ["1"] == numbered(ax)
    assert "1  2024-09-21  President Ruto visits Port-au-Prince and pledges 600 more police" in (
        footer(ax).splitlines()
    )
    assert [] == numbered(plot.force_buildup(mss, milestone_kinds=()))
    with pytest.raises(ValueError, match="'speech' is not a valid MilestoneKind"):
        plot.force_buildup(mss, milestone_kinds=["speech"])


def test_force_buildup_shows_a_lapse_unshaded_and_a_ceiling_ending():
    """Between two mandates nothing is shaded; a ceiling that ended says so in the legend."""
    from haiti_mss import Mandate  # noqa: PLC0415

    mission = small_mission(
        mandates=[
            Mandate(
                resolution="S/RES/9001 (2030)",
                adopted=date(2030, 1, 1),
                expires=date(2030, 1, 31),
                ceiling=200,
            ),
            Mandate(
                resolution="S/RES/9002 (2030)", adopted=date(2030, 2, 10), expires=date(2030, 2, 20)
            ),
        ]
    )
    ax = plot.force_buildup(mission, end="2030-03-01")

    shaded = [p for p in ax.patches if not p.get_label()]
    assert 2 == len(shaded)
    assert "Authorised ceiling (none on this day)" in legend_labels(ax)


def test_force_buildup_marks_the_days_after_the_records():
    """Past current_through the chart is cross-hatched, with a line and a label at the edge."""
    mission = small_mission(current_through=date(2030, 2, 15))
    ax = plot.force_buildup(mission, end="2030-04-30")

    (band,), (edge,) = extrapolated(ax)
    first_day_after = mdates.date2num(date(2030, 2, 16))
    assert pytest.approx((first_day_after, mdates.date2num(date(2030, 5, 1)))) == span(band)
    assert band.get_hatch() == "x"
    assert [first_day_after, first_day_after] == list(edge.get_xdata())
    assert "extrapolated after 2030-02-15" in [t.get_text().strip() for t in ax.texts]
    assert (
        "extrapolated after 2030-02-15:\nthe last recorded values, carried forward"
        in legend_labels(ax)
    )
    assert "On 2030-04-30, extrapolated from 2030-02-15" == ax.get_legend().get_title().get_text()


def test_force_buildup_marks_nothing_within_the_records():
    """A window that ends on current_through has no band, no line, and says "as reported"."""
    mission = small_mission(current_through=date(2030, 2, 15))
    ax = plot.force_buildup(mission, end="2030-02-15")

    assert ([], []) == extrapolated(ax)
    assert not any(label.startswith("extrapolated") for label in legend_labels(ax))
    assert "On 2030-02-15, as reported" == ax.get_legend().get_title().get_text()


def test_force_buildup_wholly_after_the_records():
    """A window that starts after current_through is cross-hatched throughout, with no edge."""
    mission = small_mission(current_through=date(2030, 2, 15))
    ax = plot.force_buildup(mission, "2030-03-01", "2030-03-31")

    (band,), edges = extrapolated(ax)
    assert [] == edges
    assert pytest.approx(ax.get_xlim()) == span(band)


def test_force_buildup_of_the_bundled_data_after_its_records():
    """The GSF drawn past its records marks the days after current_through."""
    gsf = data.gsf()
    ax = plot.force_buildup(gsf, end="2026-09-01")

    bands, _ = extrapolated(ax)
    assert bands
    assert any(
        label.startswith(f"extrapolated after {gsf.current_through}") for label in legend_labels(ax)
    )


def test_force_buildup_groups_countries_beyond_the_palette():
    """Nine countries make six bands of their own and one grey band for the other three."""
    codes = ["KEN", "JAM", "BLZ", "BHS", "GTM", "SLV", "BEN", "TCD", "BGD"]
    mission = small_mission(
        contingents=[
            Contingent(
                country=code,
                personnel_type="police",
                history=[Arrival(on=date(2030, 1, 1), personnel=100 - i)],
            )
            for i, code in enumerate(codes)
        ]
    )
    ax = plot.force_buildup(mission, end="2030-01-10")

    assert [
        "Kenya: 100",
        "Jamaica: 99",
        "Belize: 98",
        "Bahamas: 97",
        "Guatemala: 96",
        "El Salvador: 95",
        "3 other countries: 279",
    ] == legend_labels(ax)[1:8]


def test_force_buildup_without_records_or_days():
    """A chart needs days: a mission without records needs start and end; end follows start."""
    empty = Mission(name="Empty", acronym="EMP", host="HTI", lead="KEN")
    with pytest.raises(DataError, match="start: EMP has no records"):
        plot.force_buildup(empty)
    with pytest.raises(DataError, match="end: EMP has no records"):
        plot.force_buildup(empty, start="2030-01-01")
    with pytest.raises(DataError, match="end: 2030-01-01 is before start 2030-02-01"):
        plot.force_buildup(small_mission(), "2030-02-01", "2030-01-01")

    ax = plot.force_buildup(empty, "2030-01-01", "2030-01-31")
    assert (0, 1) == ax.get_ylim()
    assert ["Deployed: 0", "Committed: 0", "Projected force, the same every day: 0"] == (
        legend_labels(ax)
    )


def test_pledged_vs_deployed_of_the_mss(tmp_path):
    """Two bars for each of seven countries, labelled as reported, bounds hatched."""
    ax = plot.pledged_vs_deployed(data.mss())

    assert render(ax, tmp_path / "bars.png").startswith(PNG)
    assert "MSS: committed and deployed by country on 2025-10-01" == ax.get_title()
    assert ("Personnel", "Country") == (ax.get_xlabel(), ax.get_ylabel())
    committed, deployed = ax.containers
    assert isinstance(committed, BarContainer)
    assert [7, 7] == [len(committed.patches), len(deployed.patches)]
    assert ["Committed (latest pledge)", "Deployed"] == [
        committed.get_label(),
        deployed.get_label(),
    ]
    countries = [t.get_text() for t in ax.get_yticklabels()]
    assert [
        "Benin",
        "Kenya",
        "Jamaica",
        "Bahamas",
        "Guatemala",
        "El Salvador",
        "Belize",
    ] == countries
    assert [2000, 1000, 200, 150, 150, 78, 50] == [bar.get_width() for bar in committed]
    labels = drawn_texts(ax)
    assert ["≤2,000", "1,000", "200", "150", "150", "78", "50"] == labels[:7]
    assert ["0", ">699", "21", "6", "150", "~78", "2"] == labels[7:]
    assert ["////", None, None, None, None, None, None] == [b.get_hatch() for b in committed]
    assert [
        "Committed (latest pledge)",
        "Deployed",
        "approximate or a bound, as reported",
    ] == legend_labels(ax)


def test_pledged_vs_deployed_on_a_day():
    """On a given day, as a string; after the records end, the chart says so."""
    gsf = data.gsf()
    before = plot.pledged_vs_deployed(gsf, "2025-10-02")
    after = plot.pledged_vs_deployed(gsf, "1 Sep 2026")

    # The day the GSF took over the six countries of the MSS.
    assert {"Kenya", "Guatemala", "El Salvador", "Jamaica", "Bahamas", "Belize"} == {
        t.get_text() for t in before.get_yticklabels()
    }
    assert ([], []) == extrapolated(before)
    assert after.get_title().startswith("GSF: committed and deployed by country on 2026-09-01\n")
    assert f"(extrapolated from {gsf.current_through}," in after.get_title()
    assert extrapolated(after)[0]


def test_pledged_vs_deployed_after_the_records():
    """On a day after current_through the chart is cross-hatched; the title and legend say so."""
    mission = small_mission(current_through=date(2030, 2, 15))
    ax = plot.pledged_vs_deployed(mission, "2030-03-01")

    (cover,), edges = extrapolated(ax)
    assert [] == edges
    assert ((0, 0), 1, 1) == (cover.get_xy(), cover.get_width(), cover.get_height())
    assert ax.transAxes == cover.get_transform() - cover.get_patch_transform()  # the whole Axes
    assert (
        "EXM: committed and deployed by country on 2030-03-01\n"
        "(extrapolated from 2030-02-15, the last day the records describe)"
    ) == ax.get_title()
    assert (
        "extrapolated after 2030-02-15:\nthe last recorded values, carried forward"
        in legend_labels(ax)
    )
    recorded = plot.pledged_vs_deployed(mission, "2030-02-15")
    assert ([], []) == extrapolated(recorded)
    assert "EXM: committed and deployed by country on 2030-02-15" == recorded.get_title()
    assert ["Committed (latest pledge)", "Deployed"] == legend_labels(recorded)


def test_pledged_vs_deployed_with_nothing_to_draw():
    """Before any pledge the chart says so; without records a day must be given."""
    ax = plot.pledged_vs_deployed(small_mission(), "2029-12-31")

    assert [0, 0] == [len(c.patches) for c in ax.containers]
    assert "nothing committed or deployed" in [t.get_text() for t in ax.texts]
    empty = Mission(name="Empty", acronym="EMP", host="HTI", lead="KEN")
    with pytest.raises(DataError, match="day: EMP has no records; pass the day to draw"):
        plot.pledged_vs_deployed(empty)


def test_indicator_series_of_displacement(tmp_path):
    """Seven observations of the MSS and the GSF, joined, with markers by qualifier."""
    ax = plot.indicator_series(data.missions(), "internally displaced persons")

    assert render(ax, tmp_path / "idps.png").startswith(PNG)
    assert "Internally displaced persons in Haiti, as reported" == ax.get_title()
    assert ("Last day the data describes", "People") == (ax.get_xlabel(), ax.get_ylabel())
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert [
        "~315,000",
        "362,551",
        "578,074",
        ">700,000",
        "1,041,000",
        "~1,300,000",
        ">1,400,000",
    ] == drawn_texts(ax)
    joined, *markers = ax.get_lines()
    assert ("-", 7) == (joined.get_linestyle(), len(joined.get_xdata()))
    assert [("o", "#0072B2", 3), ("o", "white", 2), ("^", "#0072B2", 2)] == [
        (line.get_marker(), line.get_markerfacecolor(), len(line.get_xdata())) for line in markers
    ]
    assert [
        "Haiti",
        "exact",
        "approximate (~)",
        "lower bound (≥, >): the true number may be higher",
        "period the figure covers",
    ] == legend_labels(ax)


def test_indicator_series_of_killings_is_not_joined():
    """Totals over years and quarters are not joined, unless asked."""
    apart = plot.indicator_series(data.missions(), "killings")
    joined = plot.indicator_series(data.missions(), "killings", connect=True)

    assert 0 == sum(line.get_linestyle() == "-" for line in apart.get_lines())
    assert 1 == sum(line.get_linestyle() == "-" for line in joined.get_lines())
    # "Nearly 6,000" in 2025 is an upper bound, and the key says what that means.
    assert "upper bound (≤, <): the true number may be lower" in legend_labels(apart)


def test_indicator_series_of_one_mission_and_areas():
    """One mission is enough; each area is a series; percentages keep their sign."""
    mission = small_mission(
        indicators=[
            Indicator(
                name="gang control", value=Figure(80, "about"), unit="%", as_of=date(2030, 1, 1)
            ),
            Indicator(
                name="gang control",
                value=Figure(90, "at_most"),
                unit="%",
                as_of=date(2030, 6, 1),
                area="Port-au-Prince",
            ),
        ]
    )
    ax = plot.indicator_series(mission, "gang control")

    assert "Gang control, as reported" == ax.get_title()
    assert ["~80%", "≤90%"] == sorted(drawn_texts(ax))
    assert {"Haiti", "Port-au-Prince", "upper bound (≤, <): the true number may be lower"} <= set(
        legend_labels(ax)
    )
    assert "%" == ax.get_ylabel()
    only = plot.indicator_series([mission], "gang control", area="Port-au-Prince")
    assert "Gang control in Port-au-Prince, as reported" == only.get_title()
    twice = plot.indicator_series([mission, mission], "gang control")
    assert 2 == len(drawn_texts(twice))  # an observation both missions record is drawn once


def test_indicator_series_of_negative_values_without_unit():
    """A series below zero keeps matplotlib's limits; without a unit the axis says "Value"."""
    mission = small_mission(
        indicators=[
            Indicator(name="net change", value=-5, as_of=date(2030, 1, 1)),
            Indicator(name="net change", value=3, as_of=date(2030, 2, 1)),
        ]
    )
    ax = plot.indicator_series(mission, "net change")

    assert "Value" == ax.get_ylabel()
    assert ax.get_ylim()[0] < -5


def test_indicator_series_of_an_unknown_name():
    """An unknown name raises KeyError, listing the indicators there are."""
    with pytest.raises(KeyError, match=r"no indicator 'idps'; the missions have: .*killings"):
        plot.indicator_series(data.missions(), "idps")
    with pytest.raises(
        KeyError, match="no indicator 'killings' in Jacmel; the missions have: none"
    ):
        plot.indicator_series([small_mission()], "killings", area="Jacmel")


def test_dollar_signs_are_text():
    """A "$" in a milestone title or a name is drawn as itself, not as mathematics."""
    mission = small_mission(
        name="A $5 mission for $10",
        milestones=[
            Milestone(on=date(2030, 1, 5), kind="deployment", title="Pledges of $1 and $2")
        ],
        indicators=[Indicator(name="cost in $ and $", value=1, as_of=date(2030, 1, 5))],
    )
    charts = [
        plot.force_buildup(mission),
        plot.indicator_series(mission, "cost in $ and $"),
    ]

    for ax in charts:
        ax.figure.canvas.draw()
    assert r"A \$5 mission for \$10" in charts[0].get_title()
    assert r"1  2030-01-05  Pledges of \$1 and \$2" in footer(charts[0])


@pytest.mark.parametrize(
    "draw",
    [
        lambda ax: plot.force_buildup(data.mss(), ax=ax),
        lambda ax: plot.pledged_vs_deployed(data.gsf(), ax=ax),
        lambda ax: plot.indicator_series(data.missions(), "killings", ax=ax),
    ],
    ids=["force_buildup", "pledged_vs_deployed", "indicator_series"],
)
def test_charts_draw_on_the_axes_given(draw):
    """With ax=, a chart draws on that Axes, returns it and opens no figure."""
    figure, (left, right) = plt.subplots(1, 2)

    assert right is draw(right)
    assert [figure] == [plt.figure(n) for n in plt.get_fignums()]
    assert right.get_title()
    assert not left.get_title()


@pytest.mark.parametrize(
    "draw",
    [
        lambda: plot.force_buildup(data.mss()),
        lambda: plot.pledged_vs_deployed(data.mss()),
        lambda: plot.indicator_series(data.mss(), "killings"),
    ],
    ids=["force_buildup", "pledged_vs_deployed", "indicator_series"],
)
def test_missing_matplotlib(monkeypatch, draw):
    """Without matplotlib, each chart raises ImportError naming the extra to install."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)

    with pytest.raises(ImportError, match=r'pip install "haiti-mss\[plot\]"'):
        draw()


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mission=testing.missions())
def test_any_mission_draws(mission):
    """Any valid mission draws all three charts; only the documented DataError escapes."""
    if mission.current_through is None:
        with pytest.raises(DataError, match="has no records"):
            plot.force_buildup(mission)
        with pytest.raises(DataError, match="has no records"):
            plot.pledged_vs_deployed(mission)
    else:
        plot.force_buildup(mission)
        plot.pledged_vs_deployed(mission)
    for name in {i.name for i in mission.indicators}:
        plot.indicator_series(mission, name)
    plt.close("all")


def test_make_charts_writes_one_png_per_chart(tmp_path):
    """docs/make_charts.py draws every chart of docs/notebooks.md into the directory given."""
    names = runpy.run_path(str(MAKE_CHARTS))["CHARTS"]
    subprocess.run(  # noqa: S603  # this interpreter, our own script
        [sys.executable, str(MAKE_CHARTS), str(tmp_path)], capture_output=True, check=True
    )

    assert {f"{name}.png" for name in names} == {p.name for p in tmp_path.iterdir()}
    for path in tmp_path.iterdir():
        assert path.read_bytes().startswith(PNG)
    notebooks = (ROOT / "docs" / "notebooks.md").read_text()
    assert all(f"(_static/charts/{name}.png)" in notebooks for name in names)


def test_killings_over_years_and_quarters_are_drawn_a_month():
    """A year's total and a quarter's on one scale: each divided by the months it covers."""
    ax = plot.indicator_series(data.missions(), "killings")
    assert ax.get_title().endswith(
        "as reported: a month, on average over the period each figure covers"
    )
    assert "People per month" == ax.get_ylabel()
    texts = drawn_texts(ax)
    assert "371" in texts  # 4,451 in 2023: 4,451 / 12
    assert "<500" in texts  # "nearly 6,000" in 2025, an upper bound kept as one
    totals = plot.indicator_series(data.missions(), "killings", per_month=False)
    assert {"4,451", "<6,000"} <= set(drawn_texts(totals))
    assert "People" == totals.get_ylabel()


def test_a_country_without_a_pledge_is_labelled_so():
    """The GSF took over contingents whose pledges were made to the MSS: none is recorded."""
    ax = plot.pledged_vs_deployed(data.gsf())
    committed = drawn_texts(ax)[: len(ax.containers[0].patches)]
    assert ["1,500", "800", "no pledge recorded"] == committed[:3]


@pytest.mark.parametrize(
    ("draw", "edge"),
    [
        (lambda: plot.force_buildup(data.gsf()), "the GSF's records run to 2026-03-21"),
        (lambda: plot.pledged_vs_deployed(data.mss()), "the MSS ended on 2025-10-02"),
        (lambda: plot.indicator_series(data.missions(), "killings"), "the MSS ended on 2025-10-02"),
    ],
    ids=["force_buildup", "pledged_vs_deployed", "indicator_series"],
)
def test_every_chart_carries_a_source_line(draw, edge):
    """The dataset and its version, the number of sources, and how far the record goes."""
    line = footer(draw()).splitlines()[-1]
    assert line.startswith(f"Source: haiti_mss dataset {haiti_mss.__version__}, compiled from ")
    assert edge in line


def test_controls_in_names_are_drawn_as_escapes(tmp_path):
    """An escape sequence, a bell or a direction override in data is drawn as its escape.

    The SVG of each chart is well-formed XML: a control character cannot be written in it.
    """
    hostile = "\x1b[2J\x07\u202e\x0b"
    mission = small_mission(
        name=f"Mission {hostile}",
        milestones=[Milestone(on=date(2030, 1, 5), kind="deployment", title=f"visit {hostile}")],
        indicators=[
            Indicator(
                name=f"displaced {hostile}",
                value=1,
                as_of=date(2030, 1, 5),
                area=f"Jacmel {hostile}",
                unit=f"people {hostile}",
            )
        ],
    )
    shown = r"\x1b[2J\x07\u202e\x0b"
    charts = [
        plot.force_buildup(mission),
        plot.pledged_vs_deployed(mission),
        plot.indicator_series(mission, f"displaced {hostile}"),
    ]

    assert f"Mission {shown} (EXM)" in charts[0].get_title()
    assert f"1  2030-01-05  visit {shown}" in footer(charts[0]).splitlines()
    assert f"Displaced {shown} in Jacmel {shown}, as reported" == charts[2].get_title()
    assert f"People {shown.lower()}" == charts[2].get_ylabel()  # the unit, capitalised
    assert [f"Jacmel {shown}"] == legend_labels(charts[2])[:1]
    for n, ax in enumerate(charts):
        path = tmp_path / f"{n}.svg"
        ax.figure.savefig(path, format="svg")
        svg = path.read_text(encoding="utf-8")
        ET.fromstring(svg)  # noqa: S314  # our own chart; raises unless well-formed
        assert not any(c in svg for c in "\x1b\x07\u202e\x0b")


def step_values(line, days):
    """The value a step line drawn with drawstyle steps-post shows on each of *days*."""
    xs, ys = (list(v) for v in line.get_data())
    return [ys[bisect.bisect_right(xs, mdates.date2num(day)) - 1] for day in days]


def test_force_buildup_draws_each_day_as_the_status_of_the_day():
    """Drawn at the days of change, each line shows every day's figure of the daily status."""
    mss = data.mss()
    ax = plot.force_buildup(mss, "2024-06-01", "2025-10-01")
    days = [date.fromordinal(n) for n in range(date(2024, 6, 1).toordinal(), 739526)]
    statuses = [mss.status(day) for day in days]
    lines = {line.get_label().split(":")[0]: line for line in ax.get_lines()}

    assert [s.deployed.value for s in statuses] == step_values(lines["Deployed"], days)
    assert [s.committed.value for s in statuses] == step_values(lines["Committed"], days)
    projected = lines["Projected force, the same every day"]
    assert [s.projected_force.value for s in statuses] == step_values(projected, days)


def test_force_buildup_over_centuries_draws_a_point_per_change(tmp_path):
    """Records that run to 9998-12-31 are drawn at their days of change, not at 2.9 million days.

    Every line and band has a point for each day a record, a mandate or the edge of the
    record can change a figure, however many days lie between them.
    """
    from haiti_mss import Mandate  # noqa: PLC0415

    mandate = Mandate(
        resolution="S/RES/9001 (2030)", adopted=date(2030, 1, 1), expires=date(2030, 12, 31)
    )
    for through in (date(2130, 1, 1), date(9998, 12, 31)):
        mission = small_mission(mandates=[mandate], current_through=through)
        ax = plot.force_buildup(mission, end=through)

        lines = [line for line in ax.get_lines() if line.get_label()[0] in "DCP"]
        bands = [c for c in ax.collections if isinstance(c, FillBetweenPolyCollection)]

        # 2030-01-01 (the first day, adopted, pledged), 2030-02-01 (the arrival), 2031-01-01
        # (the day after the mandate expires), and the end of the last step.
        assert ["Deployed: 0", "Committed: 0", "Projected force, the same every day: 0"] == [
            line.get_label() for line in lines
        ]
        assert {4} == {len(line.get_xdata()) for line in lines}
        assert [date(2030, 2, 1), date(2031, 1, 1)] == [
            mdates.num2date(x).date() for x in lines[0].get_xdata()[1:3]
        ]
        assert all(len(band.get_paths()[0].vertices) < 20 for band in bands)
        ax.figure.savefig(tmp_path / "chart.svg", format="svg")
    assert mdates.date2num(date(9999, 1, 1)) == ax.get_xlim()[1]
