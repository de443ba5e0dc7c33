"""Schema versions, and the migrations that bring an older document up to this one."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

import attrs

from haiti_mss._checks import json_type, show
from haiti_mss.errors import DataError, Problem

SCHEMA: Final = "haiti-mss/1"  # documented where it is public: haiti_mss.serialization

_SCHEMA_PATTERN: Final = re.compile(r"haiti-mss/(\d+)", re.ASCII)

# -- schema versions and migrations --------------------------------------------------------------

Path = tuple[str | int, ...]


@attrs.frozen
class Migrated:
    """A document brought up to :data:`SCHEMA`, and where its parts are in the file as written."""

    document: dict[str, Any]
    problems: tuple[Problem, ...] = ()
    """The problems of parts that could not be converted, each at its place in the file."""
    table_unread: bool = False
    """Whether the file's sources could not be read as a table at all (see :attr:`problems`)."""
    renames: tuple[Callable[[Path], Path], ...] = ()
    """For each migration, the place in the file before it of a path in the document after it."""

    def located(self, problem: Problem) -> Problem:
        """*problem*, of the migrated document, at its place in the file as written."""
        path = problem.path
        for rename in reversed(self.renames):
            path = rename(path)
        return problem if path == problem.path else attrs.evolve(problem, path=path)


def _v0_located(document: dict[str, Any]) -> Migrated:
    """haiti-mss/0 kept sources as a list of objects with an "id", and called "kind" "type".

    The step gives the problems of the list of sources, and the places of its parts.
    """
    sources = document.get("sources", [])
    table, index, problems = _v0_table(sources)
    missions = document.get("missions", [])
    renamed: set[tuple[int, int, int]] = set()
    if isinstance(missions, list):
        missions = [_rename_kinds(mission, m, renamed) for m, mission in enumerate(missions)]

    def rename(path: Path) -> Path:
        match path:
            case ("$", "sources", str(source_id), *rest) if source_id in index:
                # The id is a key of the table, and a field of the list's objects.
                return ("$", "sources", index[source_id], *(rest or ("id",)))
            case ("$", "missions", int(m), "contingents", int(c), "history", int(h), "kind", *rest):
                if (m, c, h) in renamed:
                    return ("$", "missions", m, "contingents", c, "history", h, "type", *rest)
            case _:
                pass
        return path

    return Migrated(
        {**document, "schema": "haiti-mss/1", "sources": table, "missions": missions},
        tuple(problems),
        table_unread=not isinstance(sources, list),
        renames=(rename,),
    )


def _v0_table(sources: object) -> tuple[object, dict[str, int], list[Problem]]:
    """The table of a haiti-mss/0 list of sources, their places in it by id, and its problems.

    A value that is not a list is left as it is.
    """
    problems: list[Problem] = []
    index: dict[str, int] = {}
    if not isinstance(sources, list):
        message = f"must be a list of sources, each with its id, not {json_type(sources)}"
        return sources, index, [Problem(("$", "sources"), message)]
    table: dict[str, Any] = {}
    for i, source in enumerate(sources):
        place = ("$", "sources", i)
        if not isinstance(source, dict):
            problems.append(Problem(place, f"must be an object, not {json_type(source)}"))
        elif "id" not in source:
            problems.append(Problem((*place, "id"), "required field missing"))
        elif not isinstance(source_id := source["id"], str):
            message = f"must be a string, not {json_type(source_id)} ({show(source_id)})"
            problems.append(Problem((*place, "id"), message))
        elif source_id in index:
            message = f"{show(source_id)} appears twice (also at sources[{index[source_id]}])"
            problems.append(Problem((*place, "id"), message))
        else:
            index[source_id] = i
            table[source_id] = {k: v for k, v in source.items() if k != "id"}
    return table, index, problems


def _rename_kinds(mission: object, m: int, renamed: set[tuple[int, int, int]]) -> object:
    """*mission* with "type" as "kind"; the place of each record renamed is added to *renamed*."""
    if not isinstance(mission, dict) or not isinstance(mission.get("contingents"), list):
        return mission
    contingents = []
    for c, contingent in enumerate(mission["contingents"]):
        if isinstance(contingent, dict) and isinstance(contingent.get("history"), list):
            history = []
            for h, record in enumerate(contingent["history"]):
                if isinstance(record, dict) and "kind" not in record:
                    renamed.add((m, c, h))
                    record = {("kind" if k == "type" else k): v for k, v in record.items()}  # noqa: PLW2901  # a new dict
                history.append(record)  # one that has a kind left as it is, for the loader
            contingent = {**contingent, "history": history}  # noqa: PLW2901  # a new dict
        contingents.append(contingent)
    return {**mission, "contingents": contingents}


_LOCATED: Final[Mapping[str, Callable[[dict[str, Any]], Migrated]]] = MappingProxyType(
    {"haiti-mss/0": _v0_located}
)
"""Each step, from its version to the next, with the problems and places of what it converts."""


def _document_only(
    step: Callable[[dict[str, Any]], Migrated],
) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def migrate_step(document: dict[str, Any]) -> dict[str, Any]:
        return step(document).document

    migrate_step.__doc__ = step.__doc__
    return migrate_step


MIGRATIONS: Final[Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]]] = MappingProxyType(
    {version: _document_only(step) for version, step in _LOCATED.items()}
)
"""The steps of :data:`_LOCATED` as pure dict-to-dict functions (read-only: one table)."""

READS: Final = (*MIGRATIONS, SCHEMA)


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a document of an older schema version up to :data:`SCHEMA`.

    Raises:
        DataError: the version is missing, unknown, or newer than this release reads.
    """
    return migrated(document).document


def migrated(document: dict[str, Any]) -> Migrated:
    """:func:`migrate`, with where the parts of the migrated document are in the file as written.

    Raises:
        DataError: the version is missing, unknown, or newer than this release reads.
    """
    result = Migrated(document)
    version = document.get("schema")
    while isinstance(version, str) and version in _LOCATED:
        step = _LOCATED[version](result.document)
        result = Migrated(
            step.document,
            (*result.problems, *map(result.located, step.problems)),
            table_unread=result.table_unread or step.table_unread,
            renames=(*result.renames, *step.renames),
        )
        version = result.document.get("schema")
    if version == SCHEMA:
        return result
    reads = ", ".join(READS)
    if "schema" not in document:
        message = f"required field missing; this release reads {reads}"
    elif isinstance(version, str) and (match := _SCHEMA_PATTERN.fullmatch(version)):
        message = (
            f"{_shown(version)} is newer than this release of haiti_mss, which reads {reads}; "
            "upgrade haiti_mss to read it"
            if _later(match[1], SCHEMA.rpartition("/")[2])
            else f"unknown schema version {_shown(version)}; this release reads {reads}"
        )
    else:
        message = f"{show(version)} is not a haiti_mss schema version; this release reads {reads}"
    raise DataError.at(("$", "schema"), message)


def _later(version: str, current: str) -> bool:
    """Whether the version number written *version* is after *current*, both digits only.

    Compared as digits, not as ints: a number of thousands of digits would not convert.
    """
    first, second = version.lstrip("0") or "0", current.lstrip("0") or "0"
    return (len(first), first) > (len(second), second)


def _shown(version: str) -> str:
    """A schema version as a message names it: as written, or shortened if it is long."""
    return version if len(version) <= 50 else show(version)
