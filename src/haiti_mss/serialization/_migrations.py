"""Schema versions, and the migrations that bring an older document up to this one."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from haiti_mss._checks import show
from haiti_mss.errors import DataError

SCHEMA: Final = "haiti-mss/1"  # documented where it is public: haiti_mss.serialization

_SCHEMA_PATTERN: Final = re.compile(r"haiti-mss/(\d+)", re.ASCII)

# -- schema versions and migrations --------------------------------------------------------------


def _v0_to_v1(document: dict[str, Any]) -> dict[str, Any]:
    """haiti-mss/0 kept sources as a list of objects with an "id", and called "kind" "type"."""
    sources = document.get("sources", [])
    convertible = (
        isinstance(sources, list)
        and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in sources)
        and len({x["id"] for x in sources}) == len(sources)
    )
    table = (
        {source["id"]: {k: v for k, v in source.items() if k != "id"} for source in sources}
        if convertible
        else sources  # left as it is, for the loader to report
    )
    missions = document.get("missions", [])
    if isinstance(missions, list):
        missions = [_rename_kinds(mission) for mission in missions]
    return {**document, "schema": "haiti-mss/1", "sources": table, "missions": missions}


def _rename_kinds(mission: object) -> object:
    if not isinstance(mission, dict) or not isinstance(mission.get("contingents"), list):
        return mission
    contingents = []
    for contingent in mission["contingents"]:
        if isinstance(contingent, dict) and isinstance(contingent.get("history"), list):
            history = [
                {("kind" if k == "type" else k): v for k, v in record.items()}
                if isinstance(record, dict) and "kind" not in record
                else record  # left as it is, for the loader to report
                for record in contingent["history"]
            ]
            contingent = {**contingent, "history": history}  # noqa: PLW2901  # a new dict
        contingents.append(contingent)
    return {**mission, "contingents": contingents}


MIGRATIONS: Final[Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {
    "haiti-mss/0": _v0_to_v1,
}

READS: Final = (*MIGRATIONS, SCHEMA)


def migrate(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a document of an older schema version up to :data:`SCHEMA`.

    Raises:
        DataError: the version is missing, unknown, or newer than this release reads.
    """
    version = document.get("schema")
    while isinstance(version, str) and version in MIGRATIONS:
        document = MIGRATIONS[version](document)
        version = document.get("schema")
    if version == SCHEMA:
        return document
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
