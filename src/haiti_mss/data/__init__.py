"""The bundled dataset: the MSS and the GSF, every figure with its sources.

The data file, ``haiti-mss.json`` beside this module, is read with the same strict loader as any
user's file, once per process, on first use.

>>> from haiti_mss import data
>>> mss = data.mss()
>>> mss.name, mss.successor
('Multinational Security Support Mission', 'GSF')
>>> print(mss.status("2024-09-21").mandate.resolution)
S/RES/2699 (2023)

The personnel of both missions on a day, each person counted once:

>>> print(data.status("2025-10-02").by_mission["MSS"])
0
"""

from __future__ import annotations

import functools
from datetime import date
from importlib import resources

from haiti_mss.datasets import Dataset
from haiti_mss.missions import Mission
from haiti_mss.serialization import from_json
from haiti_mss.sources import Source
from haiti_mss.status import DatasetStatus

__all__ = ["dataset", "gsf", "missions", "mss", "sources", "status"]

FILE = "haiti-mss.json"
"""The name of the data file in this package."""


@functools.cache
def dataset() -> Dataset:
    """The whole bundled dataset, parsed once per process."""
    text = resources.files("haiti_mss.data").joinpath(FILE).read_bytes()
    return from_json(text, Dataset)


def missions() -> tuple[Mission, ...]:
    """Both missions, the MSS and then the GSF."""
    return dataset().missions


def mss() -> Mission:
    """The Multinational Security Support Mission, 2023-2025."""
    return dataset().mission("MSS")


def gsf() -> Mission:
    """The Gang Suppression Force, its successor from 2 October 2025."""
    return dataset().mission("GSF")


def sources() -> tuple[Source, ...]:
    """Every source the dataset cites, in the order of its table."""
    return dataset().sources


def status(as_of: date | str) -> DatasetStatus:
    """Both missions on day *as_of*: the personnel deployed, and each mission's share."""
    return dataset().status(as_of)
