"""The resource battery: every hostile case of fuzz/hostile.py, at two sizes, without a clock.

What a test can check without timing: nothing but a DataError escapes; the memory a run
allocates (tracemalloc's peak) stays within a stated factor of its input; a refusal's message is
bounded, however many problems the input has; and the work grows linearly, counted as the calls
the run makes (sys.setprofile) at ten times the size. Calls do not count the work inside one C
call (a regular expression, ``x in list``): the time of each case at 10^4 to 10^6 is measured by
``benchmarks/refusal.py``, and its figures are in docs/reliability.md.
"""

import sys
import tracemalloc
from typing import Final

import pytest
from hostile import CASES, Case

from haiti_mss import DataError
from haiti_mss.errors import MAX_PROBLEMS

SIZE: Final = 100
"""The smaller size; each case runs at it and at ten times it."""

MEMORY_FACTOR: Final = 60
"""A run allocates at most this many times the size of its input (in bytes or characters) ..."""

MEMORY_FLOOR: Final = 10_000_000
"""... plus this much: an empty mission costs more than its two characters, and the detailed
path's account of a bad mandate some 7 kB while it reads the list, up to the 1,000 problems
at which it stops (so that 1,000 bad mandates peak at about 7 MB)."""

MESSAGE_LIMIT: Final = (MAX_PROBLEMS + 1) * 400
"""A refusal's message: at most MAX_PROBLEMS problems of a few hundred characters each, and a
last line that counts the rest."""


def _outcome(case: Case, raw: object) -> DataError | None:
    """Run *case* on *raw*: the DataError it raises, or None if it accepts the input."""
    try:
        case.run(raw)
    except DataError as error:
        return error
    return None


def _calls(case: Case, raw: object) -> int:
    """The number of calls, of Python and C functions, that a run of *case* makes."""
    count = 0

    def profile(*_: object) -> None:
        nonlocal count
        count += 1

    sys.setprofile(profile)
    try:
        _outcome(case, raw)
    finally:
        sys.setprofile(None)
    return count


def _peak(case: Case, raw: object) -> int:
    """The most memory allocated at once during a run of *case*, in bytes."""
    tracemalloc.start()
    try:
        _outcome(case, raw)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("n", [SIZE, 10 * SIZE])
def test_only_a_data_error_escapes_and_its_message_is_bounded(case, n):
    """However large the hostile input, the outcome is an object or a short DataError."""
    error = _outcome(case, case.build(n))
    if error is not None:
        assert error.problems
        assert len(error.problems) <= MAX_PROBLEMS
        assert len(str(error)) <= MESSAGE_LIMIT


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_memory_of_a_run_is_within_a_factor_of_its_input(case):
    """Tracemalloc's peak, at ten times the smaller size, against the input's length."""
    raw = case.build(10 * SIZE)
    assert _peak(case, raw) <= MEMORY_FACTOR * case.size(10 * SIZE, raw) + MEMORY_FLOOR


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_the_work_of_a_run_grows_linearly(case):
    """Ten times the input makes at most fifteen times the calls (a quadratic run makes 100)."""
    small, large = _calls(case, case.build(SIZE)), _calls(case, case.build(10 * SIZE))
    assert large <= 15 * small
