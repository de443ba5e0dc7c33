"""A long-running fuzzer for haiti_mss's readers, with atheris (libFuzzer).

Run it with ``python fuzz/fuzz_haiti_mss.py fuzz/corpus -max_total_time=1800``. The property:
for any input, each reader returns a valid object or raises DataError; anything else (another
exception, a hang past -timeout, memory past -rss_limit_mb) is a finding. A dataset that loads
must load the same by the detailed path alone: a fast path that accepts what the detailed path
refuses, or builds something else, is a finding too. See docs/reliability.md for the last run.
"""

import contextlib
import io
import json
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from haiti_mss import (
        DataError,
        Dataset,
        Figure,
        Mission,
        _fastload,
        data,
        from_dict,
        from_json,
        load,
        serialization,
    )
    from haiti_mss.__main__ import main

MSS = data.mss()
FILE = os.path.join(tempfile.mkdtemp(), "fuzz.json")  # noqa: PTH118  # plain os, no pathlib cost


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogatepass") if raw.isascii() else raw.decode("utf-8", "replace")


def _dataset(raw: bytes) -> None:
    fast = from_json(raw, Dataset)
    fast_mission = serialization._documents._fast_mission  # noqa: SLF001  # the path compared
    serialization._documents._fast_mission = _not_fast  # noqa: SLF001
    try:
        detailed = from_json(raw, Dataset)
    except DataError as error:
        msg = f"the fast path accepts what the detailed path refuses: {error}"
        raise AssertionError(msg) from error
    finally:
        serialization._documents._fast_mission = fast_mission  # noqa: SLF001
    if detailed != fast:
        msg = "the fast and the detailed paths read the dataset differently"
        raise AssertionError(msg)


def _not_fast(*_: object) -> Mission:
    raise _fastload.NotFast


def _mission(raw: bytes) -> None:
    from_json(raw, Mission)


def _figure(raw: bytes) -> None:
    Figure.parse(_text(raw))


def _query_date(raw: bytes) -> None:
    MSS.status(_text(raw))


def _data(raw: bytes) -> None:
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        return  # not JSON: from_dict takes data, and this is no data
    from_dict(document, Dataset)


def _file(raw: bytes) -> None:
    with open(FILE, "wb") as file:  # noqa: PTH123
        file.write(raw)
    load(FILE)


def _validate(raw: bytes) -> None:
    with open(FILE, "wb") as file:  # noqa: PTH123
        file.write(raw)
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["validate", FILE])
    if code not in {0, 1}:
        msg = f"validate exited {code}"
        raise AssertionError(msg)


READERS = (_dataset, _mission, _figure, _query_date, _data, _file, _validate)


def one_input(raw: bytes) -> None:
    """Feed *raw* to one of the readers, chosen by its first byte."""
    if not raw:
        return
    try:
        READERS[raw[0] % len(READERS)](raw[1:])
    except DataError as error:
        if not error.problems:
            msg = "a DataError with no problems"
            raise AssertionError(msg) from error


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
