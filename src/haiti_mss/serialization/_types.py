"""What JSON calls the values of the model.

The record kinds by tag, the enums by value, and orjson if it is installed.
"""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from typing import Any, Final, TypeVar

from haiti_mss._checks import by_value
from haiti_mss.contingents import RECORD_TYPES, DepartureReason, PersonnelType
from haiti_mss.figures import Qualifier
from haiti_mss.funding import ContributionStatus
from haiti_mss.mandates import Authorisation
from haiti_mss.milestones import MilestoneKind
from haiti_mss.sources import Confidence

T = TypeVar("T")

KINDS: Final = {cls.kind: cls for cls in RECORD_TYPES}
ENUMS: Final = (
    Authorisation,
    Confidence,
    ContributionStatus,
    DepartureReason,
    MilestoneKind,
    PersonnelType,
    Qualifier,
)

EXACT: Final = Qualifier.EXACT
VALUES: Final[Mapping[enum.Enum, str]] = {
    member: value for enum_type in ENUMS for value, member in by_value(enum_type).items()
}
"""The value of every member of the enums: quicker to look up than ``.value``."""


@functools.cache
def fast_json() -> Any:
    """orjson, if the ``fast`` extra is installed; imported on first use, not with haiti_mss."""
    try:
        import orjson  # noqa: PLC0415
    except ImportError:  # pragma: no cover  # the test extra installs it
        return None
    return orjson


def is_json_data(data: object) -> bool:
    """Whether *data* holds only what a JSON parser builds: then the fast path may read it.

    orjson, with the fast extra, walks it in C, refusing subclasses, dates, dataclasses and
    any other object (without the extra, nothing is vouched for). What it still writes
    natively (tuples, enum members, floats that are not finite) the fast path requires to be
    what JSON builds, or hands to the detailed path.
    """
    orjson = fast_json()
    if orjson is None:
        return False  # pragma: no cover  # the test extra installs it
    option = (
        orjson.OPT_PASSTHROUGH_SUBCLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_DATACLASS
    )
    try:
        orjson.dumps(data, option=option, default=_not_json)
    except orjson.JSONEncodeError:
        return False
    return True


def _not_json(value: object) -> object:
    raise TypeError(type(value).__name__)
