"""Charts with matplotlib: the force build-up, pledges against deployments, an indicator's series.

matplotlib is optional: ``pip install "haiti-mss[plot]"``. It is imported when a chart is drawn,
not when this module is. Each chart follows pandas and seaborn: it draws on the Axes given as
*ax*, or on the Axes of a new figure, and returns that Axes for further styling.

The numbers drawn are the values of the figures as reported. A figure that is approximate or
a bound keeps that meaning on the chart: hatching, the shape of a marker, or the sign written
before the number in a label ("~1,000", ">700").
"""

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

from ._checks import to_day
from .countries import Country
from .errors import DataError
from .figures import ZERO, Figure, Qualifier
from .indicators import Indicator
from .mandates import Mandate
from .milestones import Milestone, MilestoneKind
from .missions import Mission
from .status import Status

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "MILESTONE_KINDS",
    "OKABE_ITO",
    "force_buildup",
    "indicator_series",
    "pledged_vs_deployed",
]

OKABE_ITO: Final = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)
"""The Okabe-Ito palette: eight colours that stay distinct with the common colour blindnesses."""

MILESTONE_KINDS: Final = (
    MilestoneKind.RESOLUTION,
    MilestoneKind.TRANSITION,
    MilestoneKind.VISIT,
    MilestoneKind.DEPLOYMENT,
)
"""The kinds of milestone that :func:`force_buildup` marks unless told otherwise."""

_INSTALL: Final = (
    'haiti_mss.plot needs matplotlib, which is not installed: pip install "haiti-mss[plot]"'
)
_DAY: Final = timedelta(days=1)
_AREA_COLOURS: Final = OKABE_ITO[:7]
_SERIES_COLOURS: Final = tuple(OKABE_ITO[i] for i in (4, 0, 2, 5, 6, 1))
_OTHER_COLOUR: Final = "#BBBBBB"
_INK: Final = "#333333"
_HATCH: Final = "////"
_INEXACT: Final = "approximate or a bound, as reported"
_LONG_PERIOD: Final = 92  # days: a figure over a longer period is a total, not a level
_MARKERS: Final = {
    "exact": ("o", True, "exact"),
    "about": ("o", False, "approximate (~)"),
    "lower": ("^", True, "lower bound (≥, >): the true number may be higher"),
    "upper": ("v", True, "upper bound (≤, <): the true number may be lower"),
}


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415  # optional, and slow to import
    except ImportError as error:
        raise ImportError(_INSTALL) from error
    if ax is not None:
        return ax
    return plt.figure(figsize=size, layout="constrained").add_subplot()


def _x(days: Iterable[date]) -> list[float]:
    """Matplotlib's numbers for *days*: days since the epoch of its date converter."""
    import matplotlib as mpl  # noqa: PLC0415  # optional
    import numpy as np  # noqa: PLC0415  # comes with matplotlib

    epoch = np.datetime64(mpl.rcParams["date.epoch"], "s")
    one_day = np.timedelta64(1, "D")
    return [float((np.datetime64(day, "s") - epoch) / one_day) for day in days]


def _x1(day: date) -> float:
    return _x([day])[0]


def _date_axis(ax: Axes) -> None:
    import matplotlib.dates as mdates  # noqa: PLC0415  # optional

    ax.xaxis_date()
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _thousands(ax: Axes) -> None:
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415  # optional

    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _inexact_patch() -> Artist:
    from matplotlib.patches import Patch  # noqa: PLC0415  # optional

    return Patch(facecolor="white", edgecolor=_INK, hatch=_HATCH, label=_INEXACT)


def _window(
    mission: Mission, start: date | str | None, end: date | str | None
) -> tuple[date, date]:
    first = None if start is None else to_day(start, "start")
    last = None if end is None else to_day(end, "end")
    if first is None:
        first = min(mission.record_dates(), default=None)
    if last is None:
        last = mission.current_through
    if first is None or last is None:
        raise DataError.at(
            "start" if first is None else "end",
            f"{mission.acronym} has no records to date the chart by; pass start and end",
        )
    if last < first:
        raise DataError.at(
            "end", f"{last.isoformat()} is before start {first.isoformat()}; no days to draw"
        )
    return first, last


def _runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """The first and last index of each run of equal keys."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs.append((start, i - 1))
            start = i
    return runs


def _bands(statuses: Sequence[Status]) -> list[tuple[str, str, list[Figure]]]:
    """Deployed strength per country, largest peak first: (label, colour, figure per day).

    Countries beyond the palette share one grey band, so that no two bands look alike.
    """
    peaks: dict[Country, int | float] = {}
    for status in statuses:
        for country, figure in status.by_country.items():
            peaks[country] = max(peaks.get(country, 0), figure.value)
    countries = sorted(
        (c for c, peak in peaks.items() if peak > 0), key=lambda c: (-peaks[c], c.code)
    )
    named = (
        countries if len(countries) <= len(_AREA_COLOURS) else countries[: len(_AREA_COLOURS) - 1]
    )
    bands = [
        (country.name, colour, [status.by_country.get(country, ZERO) for status in statuses])
        for country, colour in zip(named, _AREA_COLOURS, strict=False)
    ]
    others = countries[len(named) :]
    if others:
        sums = [sum((s.by_country.get(c, ZERO) for c in others), ZERO) for s in statuses]
        bands.append((f"{len(others)} other countries", _OTHER_COLOUR, sums))
    return bands


def _levels(days: Sequence[date], near: timedelta) -> list[int]:
    """A row for each marker, so that markers closer than *near* do not overlap."""
    levels: list[int] = []
    for i, day in enumerate(days):
        close = i > 0 and day - days[i - 1] < near
        levels.append((levels[-1] + 1) % 3 if close else 0)
    return levels


def force_buildup(
    mission: Mission,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    milestone_kinds: Iterable[MilestoneKind | str] = MILESTONE_KINDS,
    ax: Axes | None = None,
) -> Axes:
    """Draw the build-up of a mission's force, day by day.

    Deployed strength is stacked by country, largest first; parts of a band that rest on an
    approximate figure or a bound are hatched. Committed strength and the total projected force
    are step lines; the planned strength and the authorised ceiling of the mandate in force are
    reference lines. The days each mandate is in force are shaded and labelled with its
    resolution; days after the records end are cross-hatched. Milestones are numbered markers,
    explained in the legend, whose labels give each figure on the last day as reported.

    Args:
        mission: The mission to draw.
        start: The first day (a date or a string such as ``"2024-06-25"``); default: the date
            of the mission's first record.
        end: The last day; default: :attr:`Mission.current_through`.
        milestone_kinds: The kinds of milestone to mark; ``()`` marks none,
            ``list(MilestoneKind)`` all.
        ax: The Axes to draw on; default: the Axes of a new figure.

    Returns:
        The Axes drawn on.

    Raises:
        DataError: *end* is before *start*, or the mission has no records to date the chart by.
        ImportError: matplotlib is not installed.
    """
    first, last = _window(mission, start, end)
    kinds = {MilestoneKind(kind) for kind in milestone_kinds}
    ax = _axes(ax, (12, 6.5))
    statuses = mission.timeline(first, last, "daily")
    x = _x([*(s.as_of for s in statuses), last + _DAY])
    handles: list[Artist] = []
    highest: list[float] = [0]

    bottom: list[float] = [0] * len(x)
    any_inexact = False
    for label, colour, figures in _bands(statuses):
        values = [f.value for f in figures]
        top = [b + v for b, v in zip(bottom, [*values, values[-1]], strict=True)]
        handles.append(
            ax.fill_between(
                x, bottom, top, step="post", color=colour, lw=0, label=f"{label}: {figures[-1]}"
            )
        )
        inexact = [not f.is_exact and f.value > 0 for f in figures]
        if any(inexact):
            any_inexact = True
            # fill_between fills from x[i] to x[i + 1] only where both are flagged.
            where = [flag or (i > 0 and inexact[i - 1]) for i, flag in enumerate([*inexact, False])]
            ax.fill_between(
                x,
                bottom,
                top,
                where=where,
                step="post",
                facecolor="none",
                edgecolor=_INK,
                hatch=_HATCH,
                lw=0,
            )
        bottom = top
    highest.append(max(bottom))
    if any_inexact:
        handles.append(_inexact_patch())

    end_status = statuses[-1]
    for name, values, style in (
        ("Committed", [s.committed.value for s in statuses], "-"),
        ("Projected force", [s.projected_force.value for s in statuses], "--"),
    ):
        figure = end_status.committed if name == "Committed" else end_status.projected_force
        (line,) = ax.plot(
            x,
            [*values, values[-1]],
            drawstyle="steps-post",
            color="black",
            ls=style,
            lw=1.5,
            label=f"{name}: {figure}",
        )
        handles.append(line)
        highest.append(max(values))
    if mission.planned_strength is not None:
        planned = mission.planned_strength
        handles.append(
            ax.axhline(
                planned.value, color=_INK, ls=":", lw=1.5, label=f"Planned strength: {planned}"
            )
        )
        highest.append(planned.value)
    ceilings = [s.ceiling.value if s.ceiling else float("nan") for s in statuses]
    if any(s.ceiling for s in statuses):
        now = f": {end_status.ceiling}" if end_status.ceiling else ""
        (line,) = ax.plot(
            x,
            [*ceilings, ceilings[-1]],
            drawstyle="steps-post",
            color=_INK,
            ls="-.",
            lw=1.5,
            label=f"Authorised ceiling{now}",
        )
        handles.append(line)
        highest.append(max(s.ceiling.value for s in statuses if s.ceiling))

    _shade_mandates(ax, statuses, x, handles)
    if mission.current_through is not None and last > mission.current_through:
        handles.append(
            ax.axvspan(
                _x1(max(first, mission.current_through + _DAY)),
                x[-1],
                facecolor="none",
                edgecolor="#999999",
                hatch="xx",
                lw=0,
                label="after the records end",
            )
        )
    milestones = [m for m in mission.milestones if m.kind in kinds and first <= m.on <= last]
    handles.extend(_mark_milestones(ax, milestones, near=(last - first + _DAY) * 0.03))

    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, max(highest) * 1.3 or 1)
    _date_axis(ax)
    _thousands(ax)
    ax.set_xlabel("Date")
    ax.set_ylabel("Personnel")
    ax.set_title(
        f"{mission.name} ({mission.acronym}): personnel, {first.isoformat()} to {last.isoformat()}"
    )
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
        fontsize=8,
        title=f"On {last.isoformat()}, as reported",
        title_fontsize=9,
        alignment="left",
    )
    return ax


def _shade_mandates(
    ax: Axes, statuses: Sequence[Status], x: Sequence[float], handles: list[Artist]
) -> None:
    mandates: list[Mandate | None] = [s.mandate for s in statuses]
    shaded = 0
    for first, last in _runs(mandates):
        mandate = mandates[first]
        if mandate is None:
            continue
        span = ax.axvspan(
            x[first],
            x[last + 1],
            color="black",
            alpha=0.05 if shaded % 2 == 0 else 0.1,
            lw=0,
            zorder=0,
            label="mandate in force (shaded)",
        )
        if not shaded:
            handles.append(span)
        shaded += 1
        ax.text(
            x[first],
            0.99,
            f" {mandate.resolution}",
            transform=ax.get_xaxis_transform(),
            ha="left",
            va="top",
            fontsize=8,
            color=_INK,
            clip_on=True,
        )


def _mark_milestones(ax: Axes, milestones: Sequence[Milestone], near: timedelta) -> list[Artist]:
    from matplotlib.lines import Line2D  # noqa: PLC0415  # optional

    keys: list[Artist] = []
    levels = _levels([m.on for m in milestones], near)
    for n, (milestone, level) in enumerate(zip(milestones, levels, strict=True), start=1):
        at = _x1(milestone.on)
        ax.axvline(at, color="#777777", lw=0.8, ls=":", zorder=1)
        ax.annotate(
            str(n),
            (at, 0.92 - 0.065 * level),
            xycoords=ax.get_xaxis_transform(),
            ha="center",
            va="center",
            fontsize=7,
            bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": _INK},
        )
        title = textwrap.shorten(milestone.title, 52, placeholder="…")
        keys.append(
            Line2D(
                [],
                [],
                ls="none",
                marker=f"${n}$",
                color="black",
                markersize=6 + 2 * (n > 9),
                label=f"{milestone.on.isoformat()}  {title}",
            )
        )
    return keys


def _per_country(status: Status) -> list[tuple[Country, Figure, Figure]]:
    """(country, committed, deployed) for each country with either, largest first."""
    totals: dict[Country, tuple[Figure, Figure]] = {}
    for c in status.contingents:
        committed, deployed = totals.get(c.country, (ZERO, ZERO))
        totals[c.country] = (committed + c.committed, deployed + c.deployed)
    rows = [(country, *pair) for country, pair in totals.items() if pair[0].value or pair[1].value]
    return sorted(rows, key=lambda r: (-max(r[1].value, r[2].value), r[0].name))


def pledged_vs_deployed(
    mission: Mission, day: date | str | None = None, *, ax: Axes | None = None
) -> Axes:
    """Draw each country's committed and deployed personnel on a day, as pairs of bars.

    Countries with neither are left out; the rest are sorted by the larger of the two. Each bar
    is labelled with its figure as reported, and bars that show an approximate figure or a bound
    are hatched.

    Args:
        mission: The mission to draw.
        day: The day (a date or a string); default: :attr:`Mission.current_through`.
        ax: The Axes to draw on; default: the Axes of a new figure.

    Returns:
        The Axes drawn on.

    Raises:
        DataError: no *day* is given and the mission has no records.
        ImportError: matplotlib is not installed.
    """
    if day is not None:
        when = to_day(day, "day")
    elif mission.current_through is not None:
        when = mission.current_through
    else:
        raise DataError.at("day", f"{mission.acronym} has no records; pass the day to draw")
    status = mission.status(when)
    rows = _per_country(status)
    ax = _axes(ax, (9, 1.6 + 0.6 * max(len(rows), 2)))
    ys = list(range(len(rows)))
    height = 0.4
    any_inexact = False
    for offset, column, colour, label in (
        (-height / 2, 1, OKABE_ITO[0], "Committed (latest pledge)"),
        (height / 2, 2, OKABE_ITO[4], "Deployed"),
    ):
        figures = [row[column] for row in rows]
        bars = ax.barh(
            [y + offset for y in ys],
            [f.value for f in figures],
            height=height,
            color=colour,
            edgecolor=_INK,
            lw=0,
            label=label,
        )
        for bar, figure in zip(bars, figures, strict=True):
            if not figure.is_exact:
                bar.set_hatch(_HATCH)
                any_inexact = True
        ax.bar_label(bars, labels=[str(f) for f in figures], padding=3, fontsize=8)
    ax.set_yticks(ys, labels=[country.name for country, _, _ in rows])
    ax.invert_yaxis()
    largest = max((max(c.value, d.value) for _, c, d in rows), default=0)
    ax.set_xlim(0, largest * 1.18 or 1)
    _thousands_x(ax)
    ax.set_xlabel("Personnel")
    ax.set_ylabel("Country")
    beyond = (
        f" (the records end on {mission.current_through.isoformat()})"
        if mission.current_through is not None and when > mission.current_through
        else ""
    )
    ax.set_title(
        f"{mission.acronym}: committed and deployed by country on {when.isoformat()}{beyond}"
    )
    if not rows:
        ax.text(
            0.5,
            0.5,
            "nothing committed or deployed",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=_INK,
        )
    handles, _ = ax.get_legend_handles_labels()
    if any_inexact:
        handles.append(_inexact_patch())
    ax.legend(handles=handles, loc="lower right", framealpha=0.9, fontsize=8)
    return ax


def _thousands_x(ax: Axes) -> None:
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415  # optional

    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _marker_kind(qualifier: Qualifier) -> str:
    if qualifier.is_lower_bound:
        return "lower"
    if qualifier.is_upper_bound:
        return "upper"
    return "exact" if qualifier is Qualifier.EXACT else "about"


def _observations(
    missions: Iterable[Mission], name: str, area: str | None
) -> dict[str, list[Indicator]]:
    """The observations of *name* by area, in date order; one of each that two missions share."""
    seen: set[tuple[object, ...]] = set()
    by_area: dict[str, list[Indicator]] = {}
    found = sorted(
        (i for m in missions for i in m.indicators if i.name == name and area in {None, i.area}),
        key=lambda i: (i.area, i.as_of),
    )
    for indicator in found:
        key = (indicator.area, indicator.as_of, indicator.period_start, indicator.value)
        if key not in seen:
            seen.add(key)
            by_area.setdefault(indicator.area, []).append(indicator)
    return by_area


def indicator_series(
    missions: Mission | Iterable[Mission],
    name: str,
    *,
    area: str | None = None,
    connect: bool | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the observations of one indicator over time, such as displacement.

    Each observation is drawn on the last day its data describes (*as_of*), labelled with its
    figure as reported. The marker says what the figure is: filled circle exact, open circle
    approximate, triangle up a lower bound, triangle down an upper bound. A bar behind the marker
    spans the period the figure covers, when it covers one. An observation that two missions
    both record is drawn once; each area is a series of its own.

    Args:
        missions: A mission, or several: the MSS and the GSF together make one series.
        name: The indicator's name, such as ``"internally displaced persons"``.
        area: Only the observations of this area; default: every area, one series each.
        connect: Whether to join the observations with a line; default: join them unless one
            covers more than a quarter, because totals over periods of different lengths
            (killings in a year, in a quarter) do not make a line.
        ax: The Axes to draw on; default: the Axes of a new figure.

    Returns:
        The Axes drawn on.

    Raises:
        KeyError: the missions have no observation of *name* (in *area*); the message lists
            the indicators they have.
        ImportError: matplotlib is not installed.
    """
    chosen = (missions,) if isinstance(missions, Mission) else tuple(missions)
    by_area = _observations(chosen, name, area)
    if not by_area:
        have = sorted({i.name for m in chosen for i in m.indicators})
        where = f" in {area}" if area is not None else ""
        raise KeyError(
            f"no indicator {name!r}{where}; the missions have: {', '.join(have) or 'none'}"
        )
    ax = _axes(ax, (10, 5))
    from matplotlib.lines import Line2D  # noqa: PLC0415  # optional: _axes has checked it is there

    every = [i for series in by_area.values() for i in series]
    units = sorted({i.unit for i in every})
    handles: list[Artist] = []
    kinds: set[str] = set()
    spans = False
    for colour, (where, series) in zip(
        itertools.cycle(_SERIES_COLOURS), by_area.items(), strict=False
    ):
        xs = _x(i.as_of for i in series)
        ys = [i.value.value for i in series]
        join = (
            connect
            if connect is not None
            else all(
                i.period_start is None or (i.as_of - i.period_start).days < _LONG_PERIOD
                for i in series
            )
        )
        handles.append(Line2D([], [], color=colour, lw=1.2 if join else 0, marker="o", label=where))
        if join:
            ax.plot(xs, ys, color=colour, lw=1.2, alpha=0.7)
        periods = [i for i in series if i.period_start is not None]
        if periods:
            spans = True
            ax.hlines(
                [i.value.value for i in periods],
                _x(i.period_start or i.as_of for i in periods),
                _x(i.as_of for i in periods),
                color=colour,
                lw=4,
                alpha=0.3,
            )
        for kind, (marker, filled, _) in _MARKERS.items():
            points = [
                (x, y)
                for x, y, i in zip(xs, ys, series, strict=True)
                if _marker_kind(i.value.qualifier) == kind
            ]
            if points:
                kinds.add(kind)
                ax.plot(
                    [p[0] for p in points],
                    [p[1] for p in points],
                    ls="none",
                    marker=marker,
                    ms=7,
                    mfc=colour if filled else "white",
                    mec=colour,
                    mew=1.5,
                    zorder=3,
                )
        for x, y, indicator in zip(xs, ys, series, strict=True):
            unit = "%" if indicator.unit == "%" else ""
            ax.annotate(
                f"{indicator.value}{unit}",
                (x, y),
                xytext=(0, 8),
                textcoords="offset points",
                ha="center",
                fontsize=8,
                color=_INK,
            )
    for kind, (marker, filled, label) in _MARKERS.items():
        if kind in kinds:
            handles.append(
                Line2D(
                    [],
                    [],
                    ls="none",
                    marker=marker,
                    ms=7,
                    color=_INK,
                    mec=_INK,
                    mfc=_INK if filled else "white",
                    label=label,
                )
            )
    if spans:
        handles.append(
            Line2D([], [], color=_INK, lw=4, alpha=0.3, label="period the figure covers")
        )
    values = [i.value.value for i in every]
    if min(values) >= 0:
        ax.set_ylim(0, max(values) * 1.15 or 1)
    if max(abs(v) for v in values) >= 1000:
        _thousands(ax)
    _date_axis(ax)
    ax.set_xlabel("Last day the data describes")
    ax.set_ylabel(", ".join(u for u in units if u).capitalize() or "Value")
    areas = f" in {', '.join(by_area)}" if len(by_area) == 1 else ""
    ax.set_title(f"{name[:1].upper()}{name[1:]}{areas}, as reported")
    ax.legend(handles=handles, loc="best", framealpha=0.9, fontsize=8)
    return ax
