"""Error translation: the problems of a cattrs exception tree, each at its path."""

# Raw JSON data is untyped by nature: after an isinstance check, a dict's items are unknown.
# pyright: reportUnknownVariableType=false, reportUnknownArgumentType=false
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cattrs.errors import (
    ClassValidationError,
    IterableValidationError,
)

from haiti_mss.errors import DataError, Problem


def problems_in(error: BaseException, path: tuple[str | int, ...]) -> Iterator[Problem]:
    """The problems in a cattrs exception tree, each located under *path*."""
    if isinstance(error, IterableValidationError):
        items, without = error.group_exceptions()
        yield from _nested(((sub, note.index) for sub, note in items), without, path)
    elif isinstance(error, ClassValidationError):
        fields, without = error.group_exceptions()
        yield from _nested(((sub, note.name) for sub, note in fields), without, path)
    elif isinstance(error, DataError):
        yield from (problem.within(*path) for problem in error.problems)
    elif isinstance(error, KeyError):
        yield Problem(path, "required field missing")
    else:
        yield Problem(path, f"invalid value ({type(error).__name__}: {error})")


def _nested(
    located: Iterable[tuple[Exception, str | int]],
    unlocated: Iterable[Exception],
    path: tuple[str | int, ...],
) -> Iterator[Problem]:
    for sub, where in located:
        yield from problems_in(sub, (*path, where))
    for sub in unlocated:
        yield from problems_in(sub, path)
