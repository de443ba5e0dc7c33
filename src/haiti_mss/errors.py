"""The one error type of haiti_mss: :class:`DataError`, and the :class:`Problem` it lists."""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import islice
from typing import Final

import attrs

__all__ = ["MAX_PROBLEMS", "DataError", "Problem", "UnknownSource"]

MAX_PROBLEMS: Final = 1_000
"""The most problems a :class:`~haiti_mss.DataError` lists, as a compiler stops after so many.

Past them, the error counts the others it was given (its ``more``); a reader that finds this
many stops checking, and says so (``more`` is None), rather than spend a bad document's full
price on problems nobody reads.
"""


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

    A ``DataError`` is a :class:`ValueError`. Its ``problems`` list the problems that were
    found, not just the first, up to :data:`~haiti_mss.errors.MAX_PROBLEMS` of them, and its
    message shows one problem per line. Its ``more`` counts the problems found and not listed;
    it is None when checking stopped at that many, and the rest of the input, which may hold
    more, was not checked. The message's last line then says so.

    >>> from haiti_mss import Arrival
    >>> from datetime import date
    >>> Arrival(on=date(2024, 6, 25), personnel=-3)
    Traceback (most recent call last):
    ...
    haiti_mss.errors.DataError: personnel: must be >= 0 (got -3)
    >>> error = DataError([Problem((i,), "must be >= 0") for i in range(1_500)])
    >>> len(error.problems), error.more
    (1000, 500)
    >>> str(error).splitlines()[-2:]
    ['[999]: must be >= 0', 'and 500 more problems']
    """

    problems: tuple[Problem, ...]
    more: int | None

    def __init__(self, problems: Iterable[Problem], more: int | None = 0) -> None:
        given = iter(problems)
        self.problems = tuple(islice(given, MAX_PROBLEMS))
        if not self.problems:
            msg = "a DataError needs at least one problem"
            raise ValueError(msg)
        unlisted = sum(1 for _ in given)  # counted, not kept: memory stays bounded
        self.more = None if more is None else more + unlisted
        super().__init__()

    @property
    def omitted(self) -> str:
        """What ``problems`` leave out, as a sentence; empty when they list every problem."""
        if self.more is None and len(self.problems) < MAX_PROBLEMS:
            return "and perhaps more: checking stopped here, and the rest was not checked"
        if self.more is None:
            return (
                f"and perhaps more: checking stopped at {MAX_PROBLEMS:,} problems, "
                "and the rest was not checked"
            )
        if self.more:
            return f"and {self.more:,} more problem{'s' * (self.more != 1)}"
        return ""

    def __str__(self) -> str:
        # Written when asked for, not when raised: an error may be caught and re-located many
        # times on its way out.
        lines = [*map(str, self.problems), self.omitted]
        return "\n".join(lines if lines[-1] else lines[:-1])

    def __repr__(self) -> str:
        count = len(self.problems) + (self.more or 0)
        more = "+" if self.more is None else ""
        first = self.problems[0]
        return f"DataError(<{count:,}{more} problem{'s' * (count != 1)}: {first}>)"

    @classmethod
    def at(cls, where: str | int | tuple[str | int, ...], message: str) -> DataError:
        """A ``DataError`` with one problem at *where* (a field name, an index or a path)."""
        path = where if isinstance(where, tuple) else (where,)
        return cls([Problem(path, message)])

    def within(self, *outer: str | int) -> DataError:
        """The same problems seen from an object that holds the checked one at *outer*."""
        return DataError([p.within(*outer) for p in self.problems], self.more)

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...], int | None]]:
        return (type(self), (self.problems, self.more))


class Collector:
    """The problems of one input, gathered from its parts, as a :class:`DataError` lists them.

    It keeps :data:`MAX_PROBLEMS` problems and counts the rest. A reader checks :attr:`full`
    before each part and, when it is, calls :meth:`stop` instead of checking what remains.
    """

    __slots__ = ("_more", "_problems")

    def __init__(self) -> None:
        self._problems: list[Problem] = []
        self._more: int | None = 0

    def __bool__(self) -> bool:
        return bool(self._problems)

    @property
    def full(self) -> bool:
        """Whether :data:`MAX_PROBLEMS` problems were found: enough to stop checking."""
        return len(self._problems) >= MAX_PROBLEMS or self._more is None

    def add(self, problems: Iterable[Problem]) -> None:
        """Add *problems*: those past :data:`MAX_PROBLEMS` are counted."""
        room = MAX_PROBLEMS - len(self._problems)
        given = iter(problems)
        self._problems += islice(given, max(room, 0))
        unlisted = sum(1 for _ in given)
        if self._more is not None:
            self._more += unlisted

    def add_error(self, error: DataError, *outer: str | int) -> None:
        """Add the problems of *error*, seen from *outer*, and what it says it left out."""
        self.add(p.within(*outer) for p in error.problems)
        if error.more is None:
            self._more = None
        elif self._more is not None:
            self._more += error.more

    def stop(self) -> None:
        """Checking stops here: the rest of the input, which may hold more, is not checked."""
        self._more = None

    def error(self) -> DataError:
        """The :class:`DataError` of the problems added (at least one)."""
        return DataError(self._problems, self._more)

    def raise_any(self) -> None:
        """Raise :meth:`error` if a problem was added."""
        if self._problems:
            raise self.error()
