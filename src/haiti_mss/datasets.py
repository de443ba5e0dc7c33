"""A data file's contents: :class:`Dataset`, its sources and its missions.

A dataset is what a data file holds: a table of sources, and the missions whose records cite
them. Across its missions it checks what no mission can check alone: that acronyms are
distinct and that a mission's handover to its successor passes on every contingent
(``Mission.transfers``). Reading and writing it is the business of
:mod:`haiti_mss.serialization`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ._checks import as_tuple, counted, to_day, tuple_of
from .errors import DataError, Problem
from .missions import Mission, handover_problems, to_sources
from .sources import Source

if TYPE_CHECKING:
    from .status import DatasetStatus

__all__ = ["Dataset"]


def _to_missions(value: Iterable[Mission]) -> tuple[Mission, ...]:
    return as_tuple(value)


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """A data file: its sources, stored once by id, and its missions.

    In the file, ``"sources"`` is an object from id to source, and each mission names the ids of
    the sources its records rest on. Loaded, each mission holds the sources it cites.
    """

    sources: tuple[Source, ...] = attrs.field(converter=to_sources, validator=tuple_of(Source))
    missions: tuple[Mission, ...] = attrs.field(converter=_to_missions, validator=tuple_of(Mission))

    def __attrs_post_init__(self) -> None:
        first: dict[str, int] = {}
        problems: list[Problem] = []
        for i, mission in enumerate(self.missions):
            if mission.acronym in first:
                message = (
                    f"{mission.acronym} is the acronym of missions[{first[mission.acronym]}] too"
                )
                problems.append(Problem(("missions", i, "acronym"), message))
            first.setdefault(mission.acronym, i)
        if not problems:
            problems += handover_problems(self.missions)
        if problems:
            raise DataError(problems)

    def __repr__(self) -> str:
        return f"Dataset(sources=<{len(self.sources)}>, missions={self.missions!r})"

    def _repr_html_(self) -> str:
        from . import _html  # noqa: PLC0415  # only notebooks need it

        rows = (
            (
                _html.text(m.acronym),
                _html.text(m.name),
                _html.text(m.started_on or ""),
                _html.text(m.ended_on or ""),
                _html.text(len(m.contingents)),
                _html.text(sum(len(c.history) for c in m.contingents)),
                _html.text(m.current_through or ""),
                _html.text(m.successor or ""),
            )
            for m in self.missions
        )
        headers = (
            "mission", "name", "from", "ended", "contingents", "records", "records to", "successor"
        )  # fmt: skip
        caption = _html.text(
            f"{counted(len(self.missions), 'mission')}, {counted(len(self.sources), 'source')}"
        )
        return _html.table(headers, rows, caption=caption)

    def status(self, as_of: date | str) -> DatasetStatus:
        """Every mission on day *as_of*: the personnel deployed, and each mission's share."""
        from .status import DatasetStatus  # noqa: PLC0415  # loaded on first use

        day = to_day(as_of, "as_of")
        return DatasetStatus(as_of=day, missions=[mission.status(day) for mission in self.missions])

    def mission(self, acronym: str) -> Mission:
        """The mission with this acronym ("MSS", "GSF").

        Raises:
            KeyError: no mission has it; the message lists those there are.
        """
        for mission in self.missions:
            if mission.acronym == acronym:
                return mission
        have = ", ".join(m.acronym for m in self.missions) or "none"
        raise KeyError(f"no mission {acronym!r} in this dataset; it has: {have}")
