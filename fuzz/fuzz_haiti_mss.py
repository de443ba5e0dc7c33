"""A long-running fuzzer for haiti_mss, with atheris (libFuzzer).

Run it with ``python fuzz/fuzz_haiti_mss.py fuzz/corpus -max_total_time=1800``. The first byte of
an input picks a target; the rest is its input. The property: for any input, each target
returns a valid object or raises DataError; anything else (another exception, a hang past
-timeout, memory past -rss_limit_mb) is a finding. The targets:

- the readers: ``from_json`` of a Dataset and a Mission, ``Figure.parse``, query dates,
  ``from_dict`` of parsed JSON, ``load`` and ``python -m haiti_mss validate`` of a file;
- the constructors of the model's classes, given values the input draws;
- ``from_dict`` given Python objects that only look like JSON (tuples, subclasses of str, int,
  list and dict, booleans and IntEnums where numbers belong);
- the command line, given arguments the input draws;
- the renderings of a dataset that loads: ``str``, HTML, JSON and charts.

More properties make a finding: a dataset that loads must load the same by the detailed path
alone; an object that a constructor or ``from_dict`` accepts must survive ``to_json`` and
``from_json`` equal, and hash; HTML and SVG must hold no control character. See
docs/reliability.md for the last run. The tests (tests/test_fuzz.py) replay the seed corpus and
random inputs through the same targets, without atheris.
"""

import contextlib
import enum
import io
import json
import os
import struct
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from xml.etree import ElementTree as ET

try:
    import atheris
except ImportError:  # the tests replay the targets without the fuzzer
    atheris = None

with atheris.instrument_imports() if atheris is not None else contextlib.nullcontext():
    import attrs

    import haiti_mss
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
        to_json,
    )
    from haiti_mss.__main__ import main

MSS = data.mss()
SCRATCH = tempfile.mkdtemp()
FILE = os.path.join(SCRATCH, "fuzz.json")  # noqa: PTH118  # plain os, no pathlib cost

CLASSES = tuple(
    getattr(haiti_mss, name)
    for name in haiti_mss.__all__
    if attrs.has(getattr(haiti_mss, name))
    and name not in {"Record", "Problem", "Status", "DatasetStatus"}
)
"""The public classes whose constructors take what a user types (not the evaluated results)."""

SAMPLES = (
    MSS,
    MSS.contingents[0],
    MSS.contingents[0].history[0],
    MSS.mandates[0],
    MSS.sources[0],
    Figure(400, "about"),
    date(2024, 6, 25),
)
"""Objects of the model, for a drawn value to be one of them."""

WORDS = ("2024-06-25", "KEN", "Kenya", "police", "military", "arrival", "about", "P12M", "1000",
         "USD", "pledged", "S/RES/2699 (2023)", "https://example.org", "")  # fmt: skip


class Draw:
    """Values drawn from the bytes of an input, first to last; past the end, zeros."""

    def __init__(self, raw: bytes) -> None:
        self.raw = raw
        self.at = 0

    def byte(self) -> int:
        """The next byte."""
        self.at += 1
        return self.raw[self.at - 1] if self.at <= len(self.raw) else 0

    def below(self, n: int) -> int:
        """A number in ``range(n)``."""
        return self.byte() % n

    def text(self) -> str:
        """A string of up to 255 bytes of the input, decoded as the readers do."""
        length = self.byte()
        start, self.at = self.at, self.at + length
        return _text(self.raw[start : self.at])

    def integer(self) -> int:
        """An integer, from small ones to one of thousands of digits."""
        kind = self.below(4)
        if kind == 0:
            return self.byte() - 128
        if kind == 1:
            return int.from_bytes(bytes(self.byte() for _ in range(8)), "big", signed=True)
        return (-1) ** self.byte() * 10 ** (self.byte() * (kind - 1) * 8) - self.below(3)

    def real(self) -> float:
        """A float from eight bytes: any double, NaN and the infinities included."""
        return float(struct.unpack("<d", bytes(self.byte() for _ in range(8)))[0])

    def value(self, depth: int = 0) -> object:
        """A value of any kind a user might pass."""
        kind = self.below(12 if depth < 2 else 9)  # lists and dicts nest twice
        simple: tuple[Callable[[], object], ...] = (
            lambda: None,
            lambda: bool(self.below(2)),
            self.integer,
            self.real,
            self.text,
            lambda: WORDS[self.below(len(WORDS))],
            lambda: SAMPLES[self.below(len(SAMPLES))],
            lambda: date.fromordinal(1 + self.integer() % date.max.toordinal()),
        )
        if kind < len(simple):
            return simple[kind]()
        if kind == len(simple):
            return [self.value(depth + 1) for _ in range(self.below(4))]
        if kind == len(simple) + 1:
            return tuple(self.value(depth + 1) for _ in range(self.below(4)))
        return {self.text(): self.value(depth + 1) for _ in range(self.below(3))}


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


def _json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None  # not JSON: from_dict takes data, and this is no data


def _data(raw: bytes) -> None:
    document = _json(raw)
    if document is not None:
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


def _round_trip(accepted: object) -> None:
    """An accepted object hashes, and reads back equal from its JSON."""
    hash(accepted)
    again = from_json(to_json(accepted), type(accepted))
    if again != accepted:
        msg = f"{type(accepted).__name__} does not survive to_json and from_json: {accepted!r}"
        raise AssertionError(msg)


def _construct(raw: bytes) -> None:
    draw = Draw(raw)
    cls = CLASSES[draw.below(len(CLASSES))]
    arguments = {
        field.alias: draw.value()
        for field in attrs.fields(cls)
        if field.init and (field.default is attrs.NOTHING or draw.below(2))
    }
    built = cls(**arguments)
    _round_trip(built)
    _rendered(built)


class _Count(enum.IntEnum):
    ONE = 1


class _Str(str):
    __slots__ = ()


class _Int(int):
    pass


class _List(list):  # type: ignore[type-arg]
    pass


class _Dict(dict):  # type: ignore[type-arg]
    pass


def _disguised(node: object, draw: Draw) -> object:
    """*node*, with some of its parts made Python objects that only look like JSON."""
    how = draw.below(8)
    if isinstance(node, dict):
        items = {
            _disguised(k, draw) if how == 0 else k: _disguised(v, draw) for k, v in node.items()
        }
        return _Dict(items) if how == 1 else items
    if isinstance(node, list):
        items = [_disguised(v, draw) for v in node]
        return tuple(items) if how == 0 else _List(items) if how == 1 else items
    if isinstance(node, str):
        return _Str(node) if how == 0 else node
    if isinstance(node, bool):
        return node
    if isinstance(node, int):
        return (_Int(node), _Count.ONE, node == 1, float(node))[how] if how < 4 else node
    return node


def _python_objects(raw: bytes) -> None:
    document = _json(raw[1:])
    if document is not None:
        accepted = from_dict(_disguised(document, Draw(raw[:1] * 4096)), Dataset)
        _round_trip(accepted)


def _cli(raw: bytes) -> None:
    draw = Draw(raw)
    arguments: list[str] = []
    for _ in range(draw.below(5)):
        option = draw.below(9)
        if option == 0:
            arguments += ["--as-of", draw.text()]
        elif option == 1:
            arguments += ["--mission", draw.text()]
        elif option == 2:
            arguments += ["--timeline", draw.text(), draw.text()]
        elif option == 3:
            arguments += ["validate", FILE]
        else:
            arguments.append(("--json", "--csv", "--sources", draw.text(), "--version")[option - 4])
    with open(FILE, "wb") as file:  # noqa: PTH123
        file.write(raw[draw.at :])
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            code = main(arguments, today=date(2026, 12, 1))
    except SystemExit as stop:
        code = stop.code
    if code not in {0, 1, 2}:
        msg = f"python -m haiti_mss {arguments} exited {code}"
        raise AssertionError(msg)


def _visible(markup: str, what: str) -> None:
    """*markup* holds no control character but line breaks and tabs."""
    for c in markup:
        if c not in "\n\r\t" and unicodedata.category(c) == "Cc":
            msg = f"{what} holds the control character {c!r}"
            raise AssertionError(msg)


def _rendered(value: object) -> None:
    str(value)
    repr(value)
    html = getattr(value, "_repr_html_", None)
    if html is not None:
        _visible(html(), f"the HTML of {type(value).__name__}")


def _render(raw: bytes) -> None:
    draw = Draw(raw[:16])
    dataset = from_json(raw[16:], Dataset)
    _rendered(dataset)
    for mission in dataset.missions:
        _rendered(mission)
        day = date(2023, 1, 1) + timedelta(days=draw.byte() * 8)  # 2023 to 2028
        status = mission.status(day)
        _rendered(status)
        to_json(status)
        if draw.below(16) == 0:  # charts take a tenth of a second: draw one in sixteen
            _chart(mission)


def _chart(mission: Mission) -> None:
    import matplotlib as mpl  # noqa: PLC0415  # only the rendering target needs it

    mpl.use("Agg")
    from matplotlib import pyplot as plt  # noqa: PLC0415

    from haiti_mss import plot  # noqa: PLC0415

    for chart in (plot.force_buildup(mission), plot.pledged_vs_deployed(mission)):
        svg = io.StringIO()
        chart.figure.savefig(svg, format="svg")
        plt.close(chart.figure)
        ET.fromstring(svg.getvalue())  # noqa: S314  # our own chart, not untrusted XML
        _visible(svg.getvalue(), "a chart's SVG")


READERS = (_dataset, _mission, _figure, _query_date, _data, _file, _validate)
TARGETS = (*READERS, _construct, _python_objects, _cli, _render)
"""The targets, by the first byte of an input (modulo their number); new ones go at the end, so
that the seeds of the corpus keep their targets."""


def one_input(raw: bytes) -> None:
    """Feed *raw* to one of the targets, chosen by its first byte."""
    if not raw:
        return
    try:
        TARGETS[raw[0] % len(TARGETS)](raw[1:])
    except DataError as error:
        if not error.problems:
            msg = "a DataError with no problems"
            raise AssertionError(msg) from error


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
