"""The one error type of haiti_mss: :class:`DataError`, and the :class:`Problem` it lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

import attrs

__all__ = ["DataError", "Problem", "UnknownSource"]


@attrs.frozen
class Problem:
    """One thing wrong with some input, and where it is.

    *path* is the location of the problem inside the object or document that was checked, as a
    sequence of field names and indices, outermost first; it is empty for a problem with the whole
    input.

    >>> str(Problem(("history", 2, "personnel"), "must be >= 0 (got -3)"))
    'history[2].personnel: must be >= 0 (got -3)'
    """

    path: tuple[str | int, ...]
    message: str

    @property
    def location(self) -> str:
        """The path written as a person reads it, like ``history[2].personnel``."""
        return format_path(self.path)

    def within(self, *outer: str | int) -> Problem:
        """The same problem seen from an object that holds this one at *outer*."""
        return attrs.evolve(self, path=(*outer, *self.path))

    def __str__(self) -> str:
        location = self.location
        return f"{location}: {self.message}" if location else self.message


@attrs.frozen
class UnknownSource(Problem):
    """A source id that no source of its table defines: one message, wherever it is found.

    >>> str(UnknownSource.of(("sources", 0), "nope", "the mission"))
    "sources[0]: unknown source id 'nope': no source in the mission defines it"
    """

    @classmethod
    def of(cls, path: tuple[str | int, ...], source_id: str, table: str) -> UnknownSource:
        """The problem of *source_id*, cited at *path*, which no source in *table* defines."""
        from ._checks import show  # noqa: PLC0415  # _checks imports this module

        return cls(path, f"unknown source id {show(source_id)}: no source in {table} defines it")


def format_path(path: Iterable[str | int], root: str = "") -> str:
    """Write *path* as ``root.field[index].field``.

    >>> format_path(("missions", 0, "contingents", 3), root="$")
    '$.missions[0].contingents[3]'

    A key that is not a plain name is quoted: ``$.sources['has space']``; a key longer than
    50 characters is cut, as :func:`~haiti_mss._checks.show` cuts values.
    """
    text = root
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif isinstance(part, str) and len(part) > _LONGEST_KEY:
            from ._checks import show  # noqa: PLC0415  # _checks imports this module

            text += f"[{show(part)}]"
        elif not isinstance(part, str) or not _PLAIN_KEY.fullmatch(part):
            text += f"[{part!r}]"  # a key that is not a plain name, or not a string at all
        else:
            text += f".{part}" if text else part
    return text


_LONGEST_KEY: Final = 50
_PLAIN_KEY: Final = re.compile(r"[-$A-Za-z0-9_][A-Za-z0-9_-]*")


class DataError(ValueError):
    """Input that haiti_mss refuses: every problem found, each with where it is.

    A ``DataError`` is a :class:`ValueError`. Its ``problems`` list every problem that was
    found, not just the first, and its message shows one problem per line.

    >>> from haiti_mss import Arrival
    >>> from datetime import date
    >>> Arrival(on=date(2024, 6, 25), personnel=-3)
    Traceback (most recent call last):
    ...
    haiti_mss.errors.DataError: personnel: must be >= 0 (got -3)
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            msg = "a DataError needs at least one problem"
            raise ValueError(msg)
        self.problems = tuple(problems)
        super().__init__()

    def __str__(self) -> str:
        # Written when asked for, not when raised: an error may be caught and re-located many
        # times on its way out, and may hold a million problems.
        return "\n".join(map(str, self.problems))

    def __repr__(self) -> str:
        count = len(self.problems)
        return f"DataError(<{count} problem{'s' * (count != 1)}: {self.problems[0]}>)"

    @classmethod
    def at(cls, where: str | int | tuple[str | int, ...], message: str) -> DataError:
        """A ``DataError`` with one problem at *where* (a field name, an index or a path)."""
        path = where if isinstance(where, tuple) else (where,)
        return cls([Problem(path, message)])

    def within(self, *outer: str | int) -> DataError:
        """The same problems seen from an object that holds the checked one at *outer*."""
        return DataError([p.within(*outer) for p in self.problems])

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))
