"""A data file's contents: :class:`Dataset`, its sources and its missions.

A dataset is what a data file holds: a table of sources, and the missions whose records cite
them. Across its missions it checks what no mission can check alone: that acronyms are
distinct, that each mission holds the sources of the table it cites (``held_sources``:
what a file can say), that no successors go round in a circle, and that a mission's handover
to its successor passes on every contingent (``Mission.transfers``). Reading and writing it is
the business of :mod:`haiti_mss.serialization`.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

import attrs

from ._checks import as_tuple, counted, show, to_day, tuple_of
from .errors import DataError, Problem, UnknownSource
from .missions import Mission, duplicate_sources, handover_problems, to_sources
from .sources import Source

if TYPE_CHECKING:
    from .status import DatasetStatus

__all__ = ["Dataset", "held_sources"]


def _to_missions(value: Iterable[Mission]) -> tuple[Mission, ...]:
    return as_tuple(value)


def held_sources(table: Iterable[Source], cited: Container[str]) -> tuple[Source, ...]:
    """The sources a mission of a dataset holds: those of *table* whose ids it *cited*.

    They are in the order of the table. A data file gives a mission no sources of its own, only
    the ids its records cite: this is what a mission holds when it is read, and what a
    :class:`Dataset` requires of a mission built in Python, so that its file reads back equal.
    """
    return tuple(source for source in table if source.id in cited)


@attrs.frozen(kw_only=True, repr=False)
class Dataset:
    """A data file: its sources, stored once by id, and its missions.

    In the file, ``"sources"`` is an object from id to source, and each mission names the ids of
    the sources its records rest on. Loaded, each mission holds the sources it cites; built,
    it must hold just those (``held_sources``), and the table defines each id once.

    Successors may not go round in a circle. A successor, or a transfer's predecessor, that
    the dataset does not hold is not checked: a dataset may hold a part of the record.
    """

    sources: tuple[Source, ...] = attrs.field(converter=to_sources, validator=tuple_of(Source))
    missions: tuple[Mission, ...] = attrs.field(converter=_to_missions, validator=tuple_of(Mission))

    def __attrs_post_init__(self) -> None:
        first: dict[str, int] = {}
        problems = list(duplicate_sources(self.sources))
        for i, mission in enumerate(self.missions):
            if mission.acronym in first:
                message = (
                    f"{mission.acronym} is the acronym of missions[{first[mission.acronym]}] too"
                )
                problems.append(Problem(("missions", i, "acronym"), message))
            first.setdefault(mission.acronym, i)
        if not problems:
            for i, mission in enumerate(self.missions):
                problems += (p.within("missions", i) for p in self._source_problems(mission))
            problems += _circles(self.missions)
        if not problems:
            problems += handover_problems(self.missions)
        if problems:
            raise DataError(problems)

    def _source_problems(self, mission: Mission) -> Iterator[Problem]:
        """What keeps *mission* from holding the sources it cites of the table, as read.

        Each source of the mission must be the table's source of its id, cited by the mission,
        and in the table's order; at paths from the mission.
        """
        cited = mission.source_ids
        if mission.sources == held_sources(self.sources, cited):
            return
        table = {source.id: (j, source) for j, source in enumerate(self.sources)}
        found = False
        for k, source in enumerate(mission.sources):
            path = ("sources", k)
            if source.id not in cited:
                yield Problem(
                    path,
                    f"source {show(source.id)} is cited by no record of the {mission.acronym}: "
                    "a mission of a dataset holds only the sources it cites, as a file is read",
                )
            elif source.id not in table:
                yield UnknownSource.of(path, source.id, "the dataset's sources")
            elif source != table[source.id][1]:
                j, defined = table[source.id]
                differ = [
                    a.name
                    for a in attrs.fields(Source)
                    if getattr(source, a.name) != getattr(defined, a.name)
                ]
                yield Problem(
                    path,
                    f"source {show(source.id)} is not the dataset's source of that id "
                    f"(sources[{j}]): its {', '.join(differ)} "
                    f"{'differ' if len(differ) > 1 else 'differs'}",
                )
            else:
                continue
            found = True
        if not found:  # the same sources, in another order
            ids = tuple(source.id for source in held_sources(self.sources, cited))
            yield Problem(
                ("sources",),
                f"must be in the order of the dataset's sources, {show(ids)}, as a file is read",
            )

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


def _circles(missions: tuple[Mission, ...]) -> Iterator[Problem]:
    """Successors that lead back to a mission: one problem per circle, at its first mission."""
    index = {mission.acronym: i for i, mission in enumerate(missions)}
    done: set[str] = set()
    for mission in missions:
        chain: list[str] = []
        acronym: str | None = mission.acronym
        while acronym in index and acronym not in done:
            done.add(acronym)
            chain.append(acronym)
            acronym = missions[index[acronym]].successor
        if acronym in chain:  # this walk came round to a mission it passed
            circle = chain[chain.index(acronym) :]
            start = min(circle, key=index.__getitem__)
            at = circle.index(start)
            names = " -> ".join(f"the {name}" for name in [*circle[at:], *circle[:at], start])
            yield Problem(
                ("missions", index[start], "successor"),
                f"{names}: a mission cannot succeed itself, even through others",
            )
