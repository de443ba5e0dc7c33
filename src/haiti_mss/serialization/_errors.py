"""Error translation: the problems of a cattrs exception tree, each at its path."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Iterable

from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)

from haiti_mss.errors import Collector, DataError, Problem


def located(error: BaseException, path: tuple[str | int, ...]) -> DataError:
    """The problems in a cattrs exception tree, each located under *path*, as one DataError."""
    found = Collector()
    _collect(error, path, found)
    return found.error()


def _collect(error: BaseException, path: tuple[str | int, ...], found: Collector) -> None:
    if isinstance(error, IterableValidationError):
        items, without = error.group_exceptions()
        _nested(((sub, note.index) for sub, note in items), without, path, found)
    elif isinstance(error, ClassValidationError):
        fields, without = error.group_exceptions()
        _nested(((sub, note.name) for sub, note in fields), without, path, found)
    elif isinstance(error, DataError):
        found.add_error(error, *path)
    elif isinstance(error, KeyError):
        found.add([Problem(path, "required field missing")])
    else:
        found.add([Problem(path, f"invalid value ({type(error).__name__}: {error})")])


def _nested(
    located: Iterable[tuple[Exception, str | int]],
    unlocated: Iterable[Exception],
    path: tuple[str | int, ...],
    found: Collector,
) -> None:
    for sub, where in located:
        _collect(sub, (*path, where), found)
    for sub in unlocated:
        _collect(sub, path, found)
