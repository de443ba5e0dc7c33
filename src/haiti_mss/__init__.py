"""A typed, source-cited model of the MSS in Haiti and its successor, the GSF.

The Multinational Security Support Mission in Haiti (MSS) and the Gang Suppression Force (GSF),
as immutable attrs classes with the counting rules that turn dated records into numbers. The
public names are re-exported here; see the documentation for the counting rules.

Serialisation (and with it cattrs) and the status of a day are imported on first use of one of
their names, so that ``import haiti_mss`` stays quick.
"""

import importlib
from typing import TYPE_CHECKING, Any

from .contingents import (
    Arrival,
    Contingent,
    Departure,
    DepartureReason,
    Effect,
    PersonnelType,
    Pledge,
    Record,
    StrengthReport,
    Transfer,
)
from .countries import Country
from .datasets import Dataset
from .errors import DataError, Problem
from .figures import Figure, Qualifier
from .funding import Contribution, ContributionStatus
from .indicators import Indicator
from .mandates import Authorisation, Duration, Lapse, Mandate, MandateTimeline, Vote
from .milestones import Milestone, MilestoneKind
from .missions import Handover, Mission
from .sources import Alternative, Confidence, Source

if TYPE_CHECKING:
    from .serialization import (
        converter,
        dump,
        from_dict,
        from_json,
        load,
        to_dict,
        to_json,
    )
    from .status import Breakdown, ContingentStatus, DatasetStatus, Status

_LAZY = {
    **dict.fromkeys(
        ("converter", "dump", "from_dict", "from_json", "load", "to_dict", "to_json"),
        "serialization",
    ),
    **dict.fromkeys(("Breakdown", "ContingentStatus", "DatasetStatus", "Status"), "status"),
}

__version__: str
"""The version of haiti_mss installed (from its metadata, read on first use)."""

__all__ = [
    "Alternative",
    "Arrival",
    "Authorisation",
    "Breakdown",
    "Confidence",
    "Contingent",
    "ContingentStatus",
    "Contribution",
    "ContributionStatus",
    "Country",
    "DataError",
    "Dataset",
    "DatasetStatus",
    "Departure",
    "DepartureReason",
    "Duration",
    "Effect",
    "Figure",
    "Handover",
    "Indicator",
    "Lapse",
    "Mandate",
    "MandateTimeline",
    "Milestone",
    "MilestoneKind",
    "Mission",
    "PersonnelType",
    "Pledge",
    "Problem",
    "Qualifier",
    "Record",
    "Source",
    "Status",
    "StrengthReport",
    "Transfer",
    "Vote",
    "converter",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "to_dict",
    "to_json",
]


def __getattr__(name: str) -> Any:  # noqa: ANN401  # the attribute asked for, of any type
    if name == "__version__":  # read from the installed metadata on first use
        from importlib.metadata import version  # noqa: PLC0415

        globals()[name] = found = version("haiti-mss")
        return found
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'haiti_mss' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
