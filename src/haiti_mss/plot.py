"""Charts with matplotlib: the force build-up, pledges against deployments, an indicator's series.

matplotlib is optional: ``pip install "haiti-mss[plot]"``. It is imported when a chart is drawn,
not when this module is. Each chart follows pandas and seaborn: it draws on the Axes given as
*ax*, or on the Axes of a new figure, and returns that Axes for further styling.

The numbers drawn are the values of the figures as reported. A figure that is approximate or
a bound keeps that meaning on the chart: hatching, the shape of a marker, or the sign written
before the number in a label ("~1,000", ">700").
"""

# matplotlib's type stubs leave **kwargs untyped, so that every Axes method is "partially
# unknown" to pyright; the arguments we pass are checked all the same.
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import itertools
import textwrap
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final, TypedDict

from ._checks import counted, shown, to_day
from .contingents import Effect
from .countries import Country
from .errors import DataError
from .figures import ZERO, Figure, Qualifier
from .indicators import Indicator
from .mandates import Mandate
from .milestones import Milestone, MilestoneKind
from .missions import Mission
from .status import Status, end_words

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes

__all__ = [
    "MILESTONE_KINDS",
    "OKABE_ITO",
    "SOURCE_LINE",
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
"""The Okabe-Ito palette, eight colours that stay distinct with the common colour blindnesses."""

MILESTONE_KINDS: Final = (
    MilestoneKind.RESOLUTION,
    MilestoneKind.TRANSITION,
    MilestoneKind.VISIT,
    MilestoneKind.DEPLOYMENT,
)
"""The kinds of milestone that :func:`force_buildup` marks unless told otherwise."""

SOURCE_LINE: Final = "haiti_mss-source"
"""The ``gid`` of the text under each chart: its milestones, and where its figures come from."""

_INSTALL: Final = (
    'haiti_mss.plot needs matplotlib, which is not installed: pip install "haiti-mss[plot]"'
)
_DAY: Final = timedelta(days=1)
_BAND_COLOURS: Final = OKABE_ITO[:7]
_SERIES_COLOURS: Final = tuple(OKABE_ITO[i] for i in (4, 0, 2, 5, 6, 1))
_OTHERS: Final = "#BBBBBB"
_INK: Final = "#333333"
_HATCH: Final = "////"
_EXTRAPOLATED_HATCH: Final = "#999999"
_INEXACT: Final = "approximate or a bound, as reported"
_LONG_PERIOD: Final = 92  # days: a figure over a longer period is a total, not a level
_MARKERS: Final = {  # marker, filled, meaning
    "exact": ("o", True, "exact"),
    "about": ("o", False, "approximate (~)"),
    "lower": ("^", True, "lower bound (≥, >): the true number may be higher"),
    "upper": ("v", True, "upper bound (≤, <): the true number may be lower"),
}


def force_buildup(
    mission: Mission,
    start: date | str | None = None,
    end: date | str | None = None,
    *,
    milestone_kinds: Iterable[MilestoneKind | str] = MILESTONE_KINDS,
    ax: Axes | None = None,
) -> Axes:
    """Draw the build-up of a mission's force, day by day.

    Deployed strength is stacked by country, largest first, with the total as a line; the
    parts of a band that rest on an approximate figure or a bound are hatched. Committed
    strength and the total projected force are step lines; the planned strength and the
    authorised ceiling of the mandate in force are reference lines. The days each mandate is in
    force are shaded and labelled with its resolution. The days after the edge of the record,
    whose figures are extrapolated (:attr:`~haiti_mss.Status.extrapolated`), are washed out
    and cross-hatched in grey, from a line at the edge labelled with its date. Milestones are
    numbered markers, listed in the legend. The legend gives each number on the last day, as
    reported or extrapolated. Each figure is drawn from one day on which it may change to the
    next, so that the points drawn are as many as the records, however many days they span.

    Args:
        mission: The mission to draw.
        start: The first day (a date, or a string such as ``"2024-06-25"``); default: the date
            of the mission's first record.
        end: The last day; default: the mission's last day in the record
            (:attr:`~haiti_mss.Mission.last_day`: ``current_through``, or the day before its
            end).
        milestone_kinds: The kinds of milestone to mark: :data:`MILESTONE_KINDS` by default;
            ``()`` marks none and ``list(MilestoneKind)`` marks all.
        ax: The Axes to draw on; default: the Axes of a new figure.

    Returns:
        The Axes drawn on.

    Raises:
        DataError: *end* is before *start*, or the mission has no records to date the chart by.
        ValueError: *milestone_kinds* holds something that is not a :class:`MilestoneKind`.
        ImportError: matplotlib is not installed.
    """
    first, last = _window(mission, start, end)
    kinds = {MilestoneKind(kind) for kind in milestone_kinds}
    ax = _axes(ax, (12, 6.5))
    statuses = [mission.status(day) for day in _days_of_change(mission, first, last)]
    # Each step ends where the next begins, the last on the day after the last (a day of the
    # data or of a query is at most 9998-12-31: the day after it is a date too).
    x = _x([*(s.as_of for s in statuses), last + _DAY])
    handles, tops = _stack(ax, x, statuses)
    lines, highest = _lines(ax, x, statuses, mission.planned_strength)
    handles += lines
    handles += _shade_mandates(ax, x, statuses)
    handles += _mark_extrapolated(ax, x, statuses)
    milestones = [m for m in mission.milestones if m.kind in kinds and first <= m.on <= last]
    handles += _mark_milestones(ax, milestones, near=(last - first + _DAY) * 0.03)
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, max(*tops, highest) * 1.3 or 1)
    _date_axis(ax)
    _thousands(ax, "y")
    ax.set_xlabel("Date")
    ax.set_ylabel("Personnel")
    ax.set_title(
        f"{_plain(mission.name)} ({mission.acronym}): personnel, {first.isoformat()} to {last}"
    )
    _legend(ax, handles, title=f"On {last.isoformat()}, {_as_reported(statuses[-1])}")
    _source_line(ax, [mission], above=_milestone_lines(milestones))
    return ax


def pledged_vs_deployed(
    mission: Mission, day: date | str | None = None, *, ax: Axes | None = None
) -> Axes:
    """Draw each country's committed and deployed personnel on a day, as pairs of bars.

    Countries with neither are left out; the others are sorted by the larger of the two. Each
    bar is labelled with its figure as reported, and bars that show an approximate figure or a
    bound are hatched; a country whose histories hold no pledge is labelled "no pledge
    recorded", not committed 0. On a day after the edge of the record, whose figures are
    extrapolated, the whole chart is washed out and cross-hatched in grey, and its title names
    the edge.

    Args:
        mission: The mission to draw.
        day: The day (a date, or a string such as ``"2024-09-21"``); default:
            the mission's last day in the record (:attr:`~haiti_mss.Mission.last_day`).
        ax: The Axes to draw on; default: the Axes of a new figure.

    Returns:
        The Axes drawn on.

    Raises:
        DataError: no *day* is given and the mission has no records.
        ImportError: matplotlib is not installed.
    """
    if day is not None:
        when = to_day(day, "day")
    elif mission.last_day is not None:
        when = mission.last_day
    else:
        raise DataError.at("day", f"{mission.acronym} has no records; pass the day to draw")
    status = mission.status(when)
    rows = _per_country(status)
    pledging = {
        c.country for c in mission.contingents if any(r.effect is Effect.COMMIT for r in c.history)
    }
    ax = _axes(ax, (10, 1.6 + 0.6 * max(len(rows), 2)))
    ys = list(range(len(rows)))
    columns = ((OKABE_ITO[0], "Committed (latest pledge)"), (OKABE_ITO[4], "Deployed"))
    inexact = False
    for offset, figures, (colour, label) in zip(
        (-0.2, 0.2), ([c for _, c, _ in rows], [d for _, _, d in rows]), columns, strict=True
    ):
        bars = ax.barh(
            [y + offset for y in ys],
            [f.value for f in figures],
            height=0.4,
            color=colour,
            edgecolor=_INK,
            lw=0,
            label=label,
        )
        for bar, figure in zip(bars.patches, figures, strict=True):
            if not figure.is_exact:
                bar.set_hatch(_HATCH)
                inexact = True
        labels = [str(f) for f in figures]
        if offset < 0:  # the committed bars: 0 where no pledge is recorded is not a pledge of 0
            labels = [
                label if country in pledging else "no pledge recorded"
                for label, (country, _, _) in zip(labels, rows, strict=True)
            ]
        ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    ax.set_yticks(ys, labels=[country.name for country, _, _ in rows])
    ax.invert_yaxis()
    largest = max((max(c.value, d.value) for _, c, d in rows), default=0)
    ax.set_xlim(0, largest * 1.15 or 1)
    _thousands(ax, "x")
    ax.set_xlabel("Personnel")
    ax.set_ylabel("Country")
    beyond = (
        f"\n({_as_reported(status)}, the last day the records describe)"
        if status.extrapolated
        else ""
    )
    ax.set_title(f"{mission.acronym}: committed and deployed by country on {when}{beyond}")
    if not rows:
        ax.text(0.5, 0.5, "nothing committed or deployed", transform=ax.transAxes, ha="center")
    # Swatches of their own: a container's default entry copies its first bar, hatched or not.
    handles = [_swatch(colour, label) for colour, label in columns]
    if inexact:
        handles.append(_swatch("white", _INEXACT, hatch=_HATCH))
    if status.extrapolated:
        from matplotlib.patches import Rectangle  # noqa: PLC0415  # optional

        ax.add_patch(Rectangle((0, 0), 1, 1, transform=ax.transAxes, **_extrapolated_style(status)))
        handles.append(_extrapolated_key(status))
    _legend(ax, handles)
    _source_line(ax, [mission])
    return ax


def indicator_series(  # noqa: PLR0913  # the options are keyword-only
    missions: Mission | Iterable[Mission],
    name: str,
    *,
    area: str | None = None,
    connect: bool | None = None,
    per_month: bool | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the observations of one indicator over time, such as displacement.

    Each observation is drawn on the last day its data describes (*as_of*) and labelled with
    its figure as reported. The marker says what the figure is: a filled circle an exact one,
    an open circle an approximate one, a triangle up a lower bound and a triangle down an upper
    bound. A bar behind the marker spans the period the figure covers, when it covers one. An
    observation that two missions both record is drawn once; each area is a series of its own.

    Args:
        missions: A mission, or several: the MSS and the GSF together make one series.
        name: The indicator's name, such as ``"internally displaced persons"``.
        area: Only the observations of this area; default: every area, one series each.
        connect: Whether to join a series' observations with a line; default: join them
            unless one covers more than a quarter, because totals over periods of different
            lengths (killings in a year, in a quarter) do not make a line.
        per_month: Whether to draw each total over a period as a rate, its value divided by
            the months the period covers (a year's total and a quarter's are then on one
            scale); default: when the figures cover periods of different lengths, some longer
            than a quarter (levels counted over a short window, such as displacement, are not
            divided).
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
        where = "" if area is None else f" in {area}"
        msg = f"no indicator {name!r}{where}; the missions have: {', '.join(have) or 'none'}"
        raise KeyError(msg)
    ax = _axes(ax, (11, 5))
    handles: list[Artist] = []
    kinds: set[str] = set()
    every = [i for series in by_area.values() for i in series]
    # Totals over periods of different lengths, some longer than a quarter (killings in a
    # year and in a quarter), are put on one scale; levels observed over a short window
    # (displacement counted over a month) are not.
    lengths = {_months(i) for i in every if i.period_start is not None}
    totals = any(_months(i) * _MONTH_DAYS > _LONG_PERIOD for i in every if i.period_start)
    rates = per_month if per_month is not None else len(lengths) > 1 and totals
    for colour, (where, series) in zip(
        itertools.cycle(_SERIES_COLOURS), by_area.items(), strict=False
    ):
        join = connect
        if join is None:
            join = all(
                i.period_start is None or (i.as_of - i.period_start).days < _LONG_PERIOD
                for i in series
            )
        handles.append(_series(ax, series, colour, join=join, label=_plain(where), rates=rates))
        kinds |= {_marker_kind(i.value.qualifier) for i in series}
    handles += _indicator_keys(kinds, periods=any(i.period_start for i in every))
    values = [_height(i, rates=rates) for i in every]
    if min(values) >= 0:
        ax.set_ylim(0, max(values) * 1.15 or 1)
    if max(abs(v) for v in values) >= 1000:
        _thousands(ax, "y")
    _date_axis(ax)
    ax.set_xlabel("Last day the data describes")
    units = sorted({i.unit for i in every if i.unit})
    label = _plain(", ".join(units).capitalize()) or "Value"
    ax.set_ylabel(f"{label} per month" if rates else label)
    areas = f" in {next(iter(by_area))}" if len(by_area) == 1 else ""
    rate = ": a month, on average over the period each figure covers" if rates else ""
    ax.set_title(_plain(f"{name[:1].upper()}{name[1:]}{areas}, as reported{rate}"))
    _legend(ax, handles)
    _source_line(ax, chosen)
    return ax


def _source_line(ax: Axes, missions: Sequence[Mission], above: Sequence[str] = ()) -> None:
    """A line under the chart that says where its figures come from, to publish with it.

    The lines *above* it (the milestones the chart numbers) come first.
    """
    from . import __version__  # noqa: PLC0415  # read from the metadata when asked for

    ids = {source.id for mission in missions for source in mission.sources}
    edges = [_edge(m) for m in missions if m.current_through is not None]
    sources = counted(len(ids), "public source")
    text = (
        f"Source: haiti_mss dataset {__version__}, compiled from {sources}"
        f"{''.join('; ' + edge for edge in edges)}. Figures as reported."
    )
    ax.annotate(
        _plain("\n".join([*above, *([""] if above else []), text])),
        (0, 0),
        gid=SOURCE_LINE,
        xycoords="axes fraction",
        xytext=(0, -42),
        textcoords="offset points",
        va="top",
        ha="left",
        fontsize=7,
        color="#555555",
    )


def _edge(mission: Mission) -> str:
    """How far the record of *mission* goes, for the source line."""
    ended = mission.ended_on
    if ended is not None and mission.last_day == ended - _DAY:
        handed_over = mission.handover is not None
        return (
            f"the {mission.acronym} {end_words(ended, mission.successor, handed_over=handed_over)}"
        )
    through = mission.current_through.isoformat() if mission.current_through else "no day"
    return f"the {mission.acronym}'s records run to {through}, later days are extrapolated"


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    try:
        import matplotlib.pyplot as plt  # noqa: PLC0415  # optional, and slow to import
    except ImportError as error:
        raise ImportError(_INSTALL) from error
    if ax is not None:
        return ax
    return plt.figure(figsize=size, layout="constrained").add_subplot()


def _plain(text: str) -> str:
    """*text* as matplotlib shows it literally: a pair of ``$`` would start mathematics.

    Controls and format characters are written as escapes: an SVG file cannot hold them.
    """
    return shown(text).replace("$", r"\$")


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
    # matplotlib.dates has no type hints.
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def _thousands(ax: Axes, which: str) -> None:
    from matplotlib.ticker import StrMethodFormatter  # noqa: PLC0415  # optional

    axis = ax.yaxis if which == "y" else ax.xaxis
    axis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))


def _legend(ax: Axes, handles: Sequence[Artist], title: str | None = None) -> None:
    """A legend beside the Axes, where it cannot cover the data."""
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
        fontsize=8,
        title=title,
        title_fontsize=9,
        alignment="left",
    )


def _swatch(colour: str, label: str, *, hatch: str | None = None, alpha: float = 1) -> Artist:
    """A legend entry for an area of *colour*."""
    from matplotlib.patches import Patch  # noqa: PLC0415  # optional

    width = 0 if hatch is None else 0.8
    return Patch(facecolor=colour, edgecolor=_INK, lw=width, hatch=hatch, alpha=alpha, label=label)


def _window(
    mission: Mission, start: date | str | None, end: date | str | None
) -> tuple[date, date]:
    first = min(mission.record_dates(), default=None) if start is None else to_day(start, "start")
    last = mission.last_day if end is None else to_day(end, "end")
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


def _days_of_change(mission: Mission, first: date, last: date) -> list[date]:
    """The first day of the window and each later day in it on which a drawn figure may change.

    Strength, pledges, the mandate in force and the mission's life change only on the day of a
    record, the day after a mandate expires, and the day after the edge of the record; each
    figure holds from one of these days to the next. The chart draws these days, not every day:
    its work is that of the records, not of the days between them (millions, for a record that
    runs to the year 9999).
    """
    ends = (*(m.expires for m in mission.mandates), mission.current_through)
    after = (day + _DAY for day in ends if day is not None)
    changes = (*mission.record_dates(), *after)
    return sorted({first, *(day for day in changes if first < day <= last)})


def _bands(statuses: Sequence[Status]) -> list[tuple[str, str, list[Figure]]]:
    """Deployed strength per country, largest peak first: (name, colour, figure per day).

    Countries beyond the palette share one grey band, so that no two bands look alike.
    """
    peaks: dict[Country, float] = {}
    for status in statuses:
        for country, figure in status.by_country.items():
            peaks[country] = max(peaks.get(country, 0), figure.value)
    countries = sorted((c for c, p in peaks.items() if p > 0), key=lambda c: (-peaks[c], c.code))
    if len(countries) > len(_BAND_COLOURS):
        named, others = countries[: len(_BAND_COLOURS) - 1], countries[len(_BAND_COLOURS) - 1 :]
    else:
        named, others = countries, []
    bands = [
        (country.name, colour, [s.by_country.get(country, ZERO) for s in statuses])
        for country, colour in zip(named, _BAND_COLOURS, strict=False)
    ]
    if others:
        sums = [sum((s.by_country.get(c, ZERO) for c in others), ZERO) for s in statuses]
        bands.append((counted(len(others), "other country", "other countries"), _OTHERS, sums))
    return bands


def _stack(
    ax: Axes, x: Sequence[float], statuses: Sequence[Status]
) -> tuple[list[Artist], list[float]]:
    """Deployed strength stacked by country; the legend entries and the top of the stack."""
    handles: list[Artist] = []
    bottom = [0.0] * len(x)
    hatched = False
    for name, colour, figures in _bands(statuses):
        # A step is drawn from each day to the next: the last day's value is repeated at x[-1].
        top = [b + f.value for b, f in zip(bottom, [*figures, figures[-1]], strict=True)]
        handles.append(
            ax.fill_between(
                x, bottom, top, step="post", color=colour, lw=0, label=f"{name}: {figures[-1]}"
            )
        )
        inexact = [not f.is_exact and f.value > 0 for f in figures]
        if any(inexact):
            hatched = True
            # fill_between fills from x[i] to x[i + 1] where both are flagged.
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
    (total,) = ax.plot(
        x,
        bottom,
        drawstyle="steps-post",
        color=_INK,
        lw=1,
        label=f"Deployed: {statuses[-1].deployed}",
    )
    return [
        total,
        *handles,
        *([_swatch("white", _INEXACT, hatch=_HATCH)] if hatched else []),
    ], bottom


def _lines(
    ax: Axes, x: Sequence[float], statuses: Sequence[Status], planned: Figure | None
) -> tuple[list[Artist], float]:
    """Committed, projected, planned and authorised strength; the legend entries, the highest."""
    last = statuses[-1]
    handles: list[Artist] = []
    highest = 0.0
    # The projected force is often the committed strength: a thin dashed line on a thick pale
    # one shows both, and where they are the same on every day, the legend says so.
    committed = [s.committed for s in statuses]
    projected = [s.projected_force for s in statuses]
    same = committed == projected
    for label, figures, colour, width, style in (
        ("Committed", committed, "#AAAAAA", 3.5, "-"),
        (
            "Projected force" + (", the same every day" if same else ""),
            projected,
            "black",
            1.3,
            "--",
        ),
    ):
        values = [f.value for f in figures]
        (line,) = ax.plot(
            x,
            [*values, values[-1]],
            drawstyle="steps-post",
            color=colour,
            lw=width,
            ls=style,
            label=f"{label}: {figures[-1]}",
        )
        handles.append(line)
        highest = max(highest, *values)
    if planned is not None:
        label = f"Planned strength: {planned}"
        handles.append(ax.axhline(planned.value, color=_INK, ls=":", lw=1.5, label=label))
        highest = max(highest, planned.value)
    if any(s.ceiling for s in statuses):
        ceilings = [s.ceiling.value if s.ceiling else float("nan") for s in statuses]
        now = f": {last.ceiling}" if last.ceiling else " (none on this day)"
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
        highest = max(highest, *(s.ceiling.value for s in statuses if s.ceiling))
    return handles, highest


def _runs(keys: Sequence[object]) -> list[tuple[int, int]]:
    """The first and last index of each run of equal keys."""
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            runs.append((start, i - 1))
            start = i
    return runs


def _shade_mandates(ax: Axes, x: Sequence[float], statuses: Sequence[Status]) -> list[Artist]:
    """Shade the days of each mandate in force, alternately light and lighter, and label them."""
    mandates: list[Mandate | None] = [s.mandate for s in statuses]
    shaded = 0
    for first, last in _runs(mandates):
        mandate = mandates[first]
        if mandate is None:
            continue
        ax.axvspan(
            x[first], x[last + 1], color="black", alpha=(0.05, 0.1)[shaded % 2], lw=0, zorder=0
        )
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
        shaded += 1
    if not shaded:
        return []
    return [_swatch("black", "mandate in force (shaded)", alpha=0.1)]


class _AreaStyle(TypedDict):
    facecolor: tuple[float, float, float, float]
    edgecolor: str
    hatch: str
    lw: float
    zorder: float
    gid: str
    label: str


def _extrapolated_style(status: Status) -> _AreaStyle:
    """How an area after the edge of the record is drawn: washed out, cross-hatched in grey."""
    return {
        "facecolor": (1, 1, 1, 0.5),
        "edgecolor": _EXTRAPOLATED_HATCH,
        "hatch": "x",
        "lw": 0,
        "zorder": 2.5,  # above the bands and lines, below the labels
        "gid": "extrapolated",
        "label": _extrapolated_label(status),
    }


def _extrapolated_label(status: Status) -> str:
    assert status.current_through is not None  # noqa: S101  # extrapolated implies it
    return f"extrapolated after {status.current_through.isoformat()}"


def _extrapolated_key(status: Status) -> Artist:
    """The legend entry of an extrapolated area."""
    from matplotlib.patches import Patch  # noqa: PLC0415  # optional

    return Patch(
        facecolor="white",
        edgecolor=_EXTRAPOLATED_HATCH,
        hatch="xx",
        lw=0.8,
        label=f"{_extrapolated_label(status)}:\nthe last recorded values, carried forward",
    )


def _as_reported(status: Status) -> str:
    """How a day's figures were obtained: as reported, or carried forward from the records."""
    if status.extrapolated:
        assert status.current_through is not None  # noqa: S101  # extrapolated implies it
        return f"extrapolated from {status.current_through.isoformat()}"
    return "as reported"


def _mark_extrapolated(ax: Axes, x: Sequence[float], statuses: Sequence[Status]) -> list[Artist]:
    """Wash out and cross-hatch the days after the edge of the record; a line at the edge."""
    flags = [s.extrapolated for s in statuses]
    runs = [(first, last) for first, last in _runs(flags) if flags[first]]
    for first, last in runs:
        ax.axvspan(x[first], x[last + 1], **_extrapolated_style(statuses[first]))
        if first > 0:  # the edge is in the window
            ax.axvline(x[first], color=_INK, lw=1.5, zorder=2.6, gid="edge of the record")
            ax.text(
                x[first],
                0.01,
                f" {_extrapolated_label(statuses[first])} ",
                transform=ax.get_xaxis_transform(),
                rotation=90,
                ha="left",
                va="bottom",
                fontsize=8,
                color=_INK,
                bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"},
                zorder=2.7,
                clip_on=True,
            )
    return [_extrapolated_key(statuses[runs[0][0]])] if runs else []


def _levels(days: Sequence[date], near: timedelta) -> list[int]:
    """A row for each marker, so that markers closer than *near* do not overlap."""
    levels: list[int] = []
    for i, day in enumerate(days):
        close = i > 0 and day - days[i - 1] < near
        levels.append((levels[-1] + 1) % 3 if close else 0)
    return levels


def _mark_milestones(ax: Axes, milestones: Sequence[Milestone], near: timedelta) -> list[Artist]:
    """A dotted line and a numbered circle at each milestone; they are listed under the chart."""
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
    return []


def _milestone_lines(milestones: Sequence[Milestone]) -> list[str]:
    """The numbered milestones, for under the chart: each title in full, wrapped."""
    lines: list[str] = []
    for n, milestone in enumerate(milestones, start=1):
        # Shown before it is wrapped: wrapping would make a vertical tab or a return a space.
        wrapped = textwrap.wrap(f"{n}  {milestone.on.isoformat()}  {shown(milestone.title)}", 150)
        lines += [wrapped[0], *(f"      {line}" for line in wrapped[1:])]
    return lines


def _per_country(status: Status) -> list[tuple[Country, Figure, Figure]]:
    """(country, committed, deployed) for each country with either, largest first."""
    totals: dict[Country, tuple[Figure, Figure]] = {}
    for c in status.contingents:
        committed, deployed = totals.get(c.country, (ZERO, ZERO))
        totals[c.country] = (committed + c.committed, deployed + c.deployed)
    rows = [(country, c, d) for country, (c, d) in totals.items() if c.value or d.value]
    return sorted(rows, key=lambda r: (-max(r[1].value, r[2].value), r[0].name))


def _observations(
    missions: Iterable[Mission], name: str, area: str | None
) -> dict[str, list[Indicator]]:
    """The observations of *name* by area, in date order; once each, if two missions share one."""
    found = sorted(
        (i for m in missions for i in m.indicators if i.name == name and area in {None, i.area}),
        key=lambda i: (i.area, i.as_of),
    )
    seen: set[tuple[object, ...]] = set()
    by_area: dict[str, list[Indicator]] = {}
    for indicator in found:
        key = (indicator.area, indicator.as_of, indicator.period_start, indicator.value)
        if key not in seen:
            seen.add(key)
            by_area.setdefault(indicator.area, []).append(indicator)
    return by_area


def _marker_kind(qualifier: Qualifier) -> str:
    if qualifier.is_lower_bound:
        return "lower"
    if qualifier.is_upper_bound:
        return "upper"
    return "exact" if qualifier is Qualifier.EXACT else "about"


_MONTH_DAYS: Final = 365.25 / 12


def _months(indicator: Indicator) -> float:
    """How many months the period of *indicator* covers, both ends included."""
    start = indicator.period_start or indicator.as_of
    return ((indicator.as_of - start).days + 1) / _MONTH_DAYS


def _height(indicator: Indicator, *, rates: bool) -> float:
    """What the chart draws of *indicator*: its value, or with *rates*, its value a month."""
    value = float(indicator.value.value)
    return value / _months(indicator) if rates and indicator.period_start else value


def _series(  # noqa: PLR0913  # the options are keyword-only
    ax: Axes, series: Sequence[Indicator], colour: str, *, join: bool, label: str, rates: bool
) -> Artist:
    """One area's observations: markers by qualifier, labels, period bars, a line if *join*.

    With *rates*, a total over a period is drawn as its value a month, and labelled so.
    """
    from matplotlib.lines import Line2D  # noqa: PLC0415  # optional

    xs = _x(i.as_of for i in series)
    ys = [_height(i, rates=rates) for i in series]
    if join:
        ax.plot(xs, ys, color=colour, lw=1.2, alpha=0.7)
    periods = [i for i in series if i.period_start is not None]
    ax.hlines(
        [_height(i, rates=rates) for i in periods],
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
            ax.plot(
                [x for x, _ in points],
                [y for _, y in points],
                ls="none",
                marker=marker,
                ms=7,
                mfc=colour if filled else "white",
                mec=colour,
                mew=1.5,
                zorder=3,
            )
    for x, y, indicator in zip(xs, ys, series, strict=True):
        text = f"{indicator.value}{'%' if indicator.unit == '%' else ''}"
        if rates and indicator.period_start is not None:
            text = f"{indicator.value.qualifier.symbol}{y:,.0f}"
        ax.annotate(
            text,
            (x, y),
            xytext=(0, 8),
            textcoords="offset points",
            ha="center",
            fontsize=8,
            color=_INK,
        )
    return Line2D([], [], color=colour, lw=1.2 if join else 0, marker="o", label=label)


def _indicator_keys(kinds: set[str], *, periods: bool) -> list[Artist]:
    """Legend entries that explain the marker shapes used, and the period bars."""
    from matplotlib.lines import Line2D  # noqa: PLC0415  # optional

    keys: list[Artist] = [
        Line2D(
            [],
            [],
            ls="none",
            marker=marker,
            ms=7,
            color=_INK,
            mfc=_INK if filled else "white",
            label=meaning,
        )
        for kind, (marker, filled, meaning) in _MARKERS.items()
        if kind in kinds
    ]
    if periods:
        keys.append(Line2D([], [], color=_INK, lw=4, alpha=0.3, label="period the figure covers"))
    return keys
