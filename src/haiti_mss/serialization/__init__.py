"""JSON for every model object, through one configured cattrs converter.

:data:`converter` is built once, here, and owns every hook: strict primitives (a string is never
read as a number, nor a number as a string, nor a bool as an int), ISO 8601 dates, enums by
value, countries as alpha-3 codes, money as decimal strings, figures as a bare number when
exact, the records of a history as a union tagged by ``"kind"``, durations as ISO 8601.

Loading is strict and lossless: every problem of a document is reported, each with its JSON
path (``$.missions[0].contingents[3].history[2].personnel``) and indices as the document is
written, in one :class:`~haiti_mss.errors.DataError`.

The package has one module per job: ``_hooks`` (the converter and its hooks), ``_writer`` (the
record writers generated from the attrs fields), ``_errors`` (cattrs' errors translated into
problems at paths), ``_migrations`` (schema versions), ``_documents`` (JSON data and datasets,
by the fast path and the detailed path) and ``_text`` (JSON text and files).
"""

from collections.abc import Callable, Mapping
from typing import Any, Final

from haiti_mss.datasets import Dataset

from . import _migrations, _text
from ._documents import from_dict, to_dict
from ._hooks import converter
from ._migrations import migrate
from ._text import dump, from_json, load, to_json

SCHEMA: Final = _migrations.SCHEMA
"""The schema version this release writes."""
READS: Final = _migrations.READS
"""The schema versions this release reads."""
MIGRATIONS: Final[Mapping[str, Callable[[dict[str, Any]], dict[str, Any]]]] = _migrations.MIGRATIONS
"""Pure dict-to-dict steps, each from one schema version to the next, applied before loading."""
MAX_FILE_SIZE: Final = _text.MAX_FILE_SIZE
"""The largest data file :func:`~haiti_mss.load` reads, 1 GiB: far above any real dataset."""

__all__ = [
    "MAX_FILE_SIZE",
    "MIGRATIONS",
    "READS",
    "SCHEMA",
    "Dataset",
    "converter",
    "dump",
    "from_dict",
    "from_json",
    "load",
    "migrate",
    "to_dict",
    "to_json",
]
