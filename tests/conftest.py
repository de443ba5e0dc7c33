"""Shared fixtures: a valid document built from the example mission."""

import copy
import runpy
from pathlib import Path

import pytest

from haiti_mss import Dataset, Mission, to_dict

ROOT = Path(__file__).parent.parent


def example_mission() -> Mission:
    """The mission of examples/seed_day.py: four contingents, a mandate, eight sources."""
    return runpy.run_path(str(ROOT / "examples" / "seed_day.py"))["MSS"]


_MISSION = example_mission()
_DOCUMENT = to_dict(Dataset(sources=_MISSION.sources, missions=[_MISSION]))


@pytest.fixture
def mission() -> Mission:
    """The example mission."""
    return _MISSION


@pytest.fixture
def document() -> dict:
    """A fresh copy of the example mission as a dataset document, free to mutate."""
    return copy.deepcopy(_DOCUMENT)
