"""Benchmarks of haiti_mss against pydantic, msgspec, orjson and json: ``python benchmarks/run.py``.

It measures, on the synthetic datasets of :mod:`synthetic` (10^3 to 10^6 records):

1. load, JSON bytes to validated objects; and haiti_mss's ``from_json`` of a ``Mission``, a
   ``Contingent`` and a ``tuple[Record, ...]`` holding as many records as the dataset, interleaved
   with the dataset loads and compared with the ``Dataset`` path per record;
2. dump, objects to JSON bytes;
3. queries on the loaded mission: building the counting index, ``status(day)``, a daily
   timeline over the three years of history and a monthly one over ten years;
4. whole-process timings: the import of each library and ``python -m haiti_mss``;
5. the memory a loaded dataset retains, per record, each contender in a fresh process.

Contenders are timed in one process, interleaved (each round runs each once, the order rotating
from round to round), with ``gc.collect()`` before each timed call and the garbage collector
otherwise left enabled, as users have it. It prints the machine, a table per section and a
table of the performance targets, writes everything as JSON (``benchmarks/results.json`` unless
``--json PATH``), and reports progress on stderr.

Usage::

    python benchmarks/run.py [--sizes 3,4,5,6] [--memory-sizes 4,5] [--quick] [--json PATH]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.metadata
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import peers
import synthetic

import haiti_mss
from haiti_mss._counting import ContingentIndex

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_SIZES = (3, 4, 5, 6)
STATUS_QUERIES = 200
WARM_UP_RECORDS = 100
MEMORY_CONTENDERS = ("haiti_mss", "pydantic", "msgspec", "orjson")
HEAVY_MODULES = (
    "pycountry",
    "pandas",
    "polars",
    "matplotlib",
    "orjson",
    "dateutil.parser",
    "dateutil.rrule",
)
PACKAGES = ("haiti-mss", "attrs", "cattrs", "pydantic", "pydantic-core", "msgspec", "orjson")

Call = Callable[[], object]
Row = Sequence[object]
_STARTED = time.perf_counter()


# -- running and timing ---------------------------------------------------------------------------


def progress(message: str) -> None:
    """Say on stderr where the run is, with the seconds since it started."""
    print(f"[{time.perf_counter() - _STARTED:7.1f}s] {message}", file=sys.stderr, flush=True)


GC_DURING_CALLS = True
"""Whether the collector runs during timed calls, as users have it; ``--no-gc`` turns it off."""


def timed(call: Call) -> float:
    """Seconds one call of *call* takes, after a full collection.

    The result is kept alive until the clock is read, so that freeing it is not timed. With
    ``--no-gc``, the collector is off during the call (haiti_mss pauses it itself while it loads
    or dumps, so this changes the peers' figures more than its own).
    """
    gc.collect()
    if not GC_DURING_CALLS:
        gc.disable()
    try:
        start = time.perf_counter()
        _result = call()  # kept: freeing a large result would otherwise be timed
        return time.perf_counter() - start
    finally:
        gc.enable()


def interleaved(contenders: dict[str, Call], rounds: int, what: str) -> dict[str, list[float]]:
    """Time each contender once a round, the order rotating by one from round to round.

    Progress is reported after each round, and after each call that took over a second.

    Returns:
        The seconds of each call, by contender, in the order the rounds ran.
    """
    names = list(contenders)
    seconds: dict[str, list[float]] = {name: [] for name in names}
    for i in range(rounds):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            seconds[name].append(timed(contenders[name]))
            if seconds[name][-1] > 1:
                progress(f"{what}: round {i + 1}/{rounds}: {name} took {seconds[name][-1]:.1f}s")
        progress(f"{what}: round {i + 1}/{rounds} done")
    return seconds


def median(values: Sequence[float]) -> float:
    """The median of *values*."""
    return statistics.median(values)


def ratio(part: float | None, whole: float | None) -> float | None:
    """*part* / *whole*, or None when either is missing or *whole* is zero."""
    if part is None or not whole:
        return None
    return part / whole


def summary(seconds: dict[str, list[float]], baselines: Sequence[str]) -> dict[str, Any]:
    """Median milliseconds of each contender, its runs, and its ratio to each baseline."""
    medians = {name: median(runs) for name, runs in seconds.items()}
    return {
        name: {
            "median_ms": medians[name] * 1e3,
            "runs_ms": [s * 1e3 for s in runs],
            **{f"vs_{base}": ratio(medians[name], medians[base]) for base in baselines},
        }
        for name, runs in seconds.items()
    }


# -- the machine -----------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    """The machine, the interpreter, the versions of the libraries and the git commit."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "gc_enabled": gc.isenabled(),
        "gc_thresholds": list(gc.get_threshold()),
        "versions": {name: _version(name) for name in PACKAGES},
        "git": _git(),
    }


def _proc_field(path: str, key: str) -> str | None:
    """The value of the first ``key: value`` line of a /proc file, if there is one."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        name, _, value = line.partition(":")
        if name.strip() == key:
            return value.strip()
    return None


def _memory_gib() -> float | None:
    """Total memory, from /proc/meminfo."""
    total = _proc_field("/proc/meminfo", "MemTotal")  # "24684096 kB"
    return round(int(total.split()[0]) / 2**20, 1) if total else None


def _version(package: str) -> str | None:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _git() -> dict[str, Any] | None:
    """The short commit of the checkout, and whether src/ differs from it, and how.

    When src/ differs, the files that differ (untracked ones too) and a digest of the diff of
    the tracked ones are kept, so that two runs can be told to have measured the same code.
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        commit = _run_text([git, "rev-parse", "--short", "HEAD"])
        changed = _run_text([git, "status", "--porcelain", "--untracked-files=no", "--", "src"])
        listed = _run_text([git, "status", "--porcelain", "--untracked-files=all", "--", "src"])
        diff = _run_text([git, "diff", "HEAD", "--", "src"])
    except (OSError, subprocess.CalledProcessError):
        return None
    return {
        "commit": commit,
        "src_uncommitted_changes": bool(changed),
        "src_changed_files": listed.splitlines(),
        "src_diff_sha256": hashlib.sha256(diff.encode()).hexdigest() if diff else None,
    }


def _run_text(argv: list[str]) -> str:
    result = subprocess.run(  # noqa: S603  # fixed git arguments, no shell
        argv, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


# -- 1 and 2: load and dump -----------------------------------------------------------------------


def loaders() -> dict[str, Callable[[bytes], Any]]:
    """JSON bytes to objects, by contender."""
    return {
        "haiti_mss": lambda data: haiti_mss.from_json(data, haiti_mss.Dataset),
        "pydantic": peers.pydantic_load,
        "msgspec": peers.msgspec_load,
        "orjson": orjson.loads,
        "json": json.loads,
    }


CLASS_LOADS: dict[str, tuple[str, Any]] = {
    "Mission": ("from_json(text, Mission)", haiti_mss.Mission),
    "Contingent": ("from_json(text, Contingent)", haiti_mss.Contingent),
    "records": ("from_json(text, tuple[Record, ...])", tuple[haiti_mss.Record, ...]),
}
"""haiti_mss's loads of one class each, by name: the call as printed, and the class.

A list of records is read as ``tuple[Record, ...]``, the type of a contingent's history and the
form of homogeneous sequence the converter registers a strict hook for.
"""


def class_loaders() -> dict[str, Callable[[bytes], Any]]:
    """JSON bytes to a Mission, a Contingent or a tuple of records, by name."""
    return {name: _loader(cls) for name, (_, cls) in CLASS_LOADS.items()}


def _loader(cls: Any) -> Callable[[bytes], Any]:  # noqa: ANN401  # a class or a tuple type
    return lambda data: haiti_mss.from_json(data, cls)


def class_texts(data: bytes, document: dict[str, Any]) -> dict[str, bytes]:
    """The text of each class load, derived from the synthetic *document* (*data* as bytes).

    - Mission: the dataset's mission, loaded by the Dataset path and written by ``to_json``
      (with the sources its records cite, which a mission's JSON carries);
    - Contingent: the first contingent of the mission, scaled to hold all the dataset's records;
    - records: every history of the dataset, one after the other, as one JSON list.
    """
    mission = haiti_mss.from_json(data, haiti_mss.Dataset).mission("SYN")
    texts = {
        "Mission": haiti_mss.to_json(mission).encode(),
        "Contingent": synthetic.compact(synthetic.contingent(synthetic.records(document))),
        "records": synthetic.compact(synthetic.all_records(document)),
    }
    del mission
    gc.collect()
    return texts


def class_record_count(loaded: Any) -> int:  # noqa: ANN401  # a Mission, Contingent or tuple
    """The number of history records in what a class load built."""
    if isinstance(loaded, haiti_mss.Mission):
        return sum(len(c.history) for c in loaded.contingents)
    if isinstance(loaded, haiti_mss.Contingent):
        return len(loaded.history)
    return len(loaded)


def dumpers() -> dict[str, Callable[[Any], bytes]]:
    """Objects to compact JSON bytes, by contender (orjson and json write the parsed dicts)."""
    return {
        "haiti_mss": lambda dataset: haiti_mss.to_json(dataset).encode(),
        "pydantic": peers.pydantic_dump,
        "msgspec": peers.msgspec_dump,
        "orjson": orjson.dumps,
        "json": lambda document: json.dumps(document, separators=(",", ":")).encode(),
    }


def record_count(loaded: Any) -> int:  # noqa: ANN401  # any contender's dataset
    """The number of history records in a loaded dataset, of whichever contender."""
    if isinstance(loaded, dict):
        return synthetic.records(loaded)
    return sum(len(c.history) for m in loaded.missions for c in m.contingents)


def bench_load(
    data: bytes, expected: int, rounds: int, texts: dict[str, bytes]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Time each loader and each class load, then load once more and check what each loaded.

    The loads are timed first, with nothing large alive but the bytes and *texts*: a large heap
    makes the garbage collector's passes during a load slower. The class loads of *texts* are
    interleaved with the dataset loads, in the same rounds.

    Returns:
        The timings and checks, the object each loader built (for the dump benchmark), and the
        class loads' timings and checks.
    """
    contenders = {name: _bind(load, data) for name, load in loaders().items()}
    by_class = class_loaders()
    contenders |= {f"class:{name}": _bind(by_class[name], text) for name, text in texts.items()}
    seconds = interleaved(contenders, rounds, f"load {expected:,}")
    class_seconds = {name: seconds.pop(f"class:{name}") for name in texts}
    classes = class_summary(class_seconds, seconds["haiti_mss"], texts, expected, len(data))
    progress("load: checking the record counts of the class loads")
    classes["check"] = class_check(texts, expected)
    progress("load: checking the record counts")
    loaded = {name: load(data) for name, load in loaders().items()}
    counts = {name: record_count(obj) for name, obj in loaded.items()}
    check: dict[str, Any] = {"expected_records": expected, "records": counts}
    check["ok"] = all(count == expected for count in counts.values())
    if not check["ok"]:
        progress(f"LOAD CHECK FAILED: expected {expected} records, got {counts}")
    return {"timings": summary(seconds, ("orjson", "pydantic")), "check": check}, loaded, classes


def class_summary(
    seconds: dict[str, list[float]],
    dataset_seconds: list[float],
    texts: dict[str, bytes],
    expected: int,
    dataset_bytes: int,
) -> dict[str, Any]:
    """Median milliseconds of each class load, per record, and per record over the Dataset path.

    Every text holds *expected* records, as the dataset does; the ratio is that of the medians
    per record, taken in the same rounds.
    """
    per_record_dataset = median(dataset_seconds) / expected
    rows: dict[str, Any] = {}
    entries = [("Dataset", "from_json(text, Dataset)", dataset_seconds, dataset_bytes)]
    entries += [(name, CLASS_LOADS[name][0], seconds[name], len(texts[name])) for name in texts]
    for name, call, runs, size in entries:
        per_record = median(runs) / expected
        rows[name] = {
            "call": call,
            "records": expected,
            "bytes": size,
            "median_ms": median(runs) * 1e3,
            "us_per_record": per_record * 1e6,
            "ms_per_10k_records": per_record * 1e7,
            "vs_dataset_per_record": ratio(per_record, per_record_dataset),
            "runs_ms": [s * 1e3 for s in runs],
        }
    return {"timings": rows}


def class_check(texts: dict[str, bytes], expected: int) -> dict[str, Any]:
    """Load each class text once: its record count, and whether ``to_json`` writes it back."""
    records: dict[str, int] = {}
    round_trip: dict[str, bool] = {}
    for name, load in class_loaders().items():
        loaded = load(texts[name])
        records[name] = class_record_count(loaded)
        round_trip[name] = haiti_mss.to_json(loaded).encode() == texts[name]
        del loaded
    gc.collect()
    ok = all(count == expected for count in records.values()) and all(round_trip.values())
    if not ok:
        progress(f"CLASS LOAD CHECK FAILED: expected {expected}, got {records}, {round_trip}")
    return {"expected_records": expected, "records": records, "round_trip": round_trip, "ok": ok}


def bench_dump(data: bytes, loaded: dict[str, Any], rounds: int) -> dict[str, Any]:
    """Time each dumper; check once that each writes the content of *data*."""
    progress("dump: checking the content")
    reference = orjson.loads(data)
    outputs = {name: dump(loaded[name]) for name, dump in dumpers().items()}
    check = {
        "same_content": {name: orjson.loads(out) == reference for name, out in outputs.items()},
        "byte_identical": {name: out == data for name, out in outputs.items()},
    }
    check["ok"] = all(check["same_content"].values())
    if not check["ok"]:
        progress(f"DUMP CHECK FAILED: same content: {check['same_content']}")
    del outputs, reference
    contenders = {name: _bind(dump, loaded[name]) for name, dump in dumpers().items()}
    seconds = interleaved(contenders, rounds, f"dump {len(data):,} bytes")
    return {"timings": summary(seconds, ("orjson", "pydantic")), "check": check}


def _bind(function: Callable[[Any], object], argument: object) -> Call:
    """*function* with its one argument bound: a contender for :func:`interleaved`."""
    return lambda: function(argument)


# -- 3: queries ------------------------------------------------------------------------------------


def status_days(count: int = STATUS_QUERIES) -> list[date]:
    """Days drawn with a fixed seed from the synthetic history, 2024-01-01 to 2026-12-31."""
    rng = random.Random(synthetic.SEED)  # noqa: S311  # reproducible days, not cryptography
    return [synthetic.START + timedelta(days=rng.randrange(synthetic.DAYS)) for _ in range(count)]


def bench_queries(dataset: haiti_mss.Dataset, rounds: int, records: int) -> dict[str, Any]:
    """Time the index build, ``status(day)`` and two timelines on mission "SYN".

    ``status`` is warmed first by one call, which builds and caches each contingent's index if
    loading has not (its time is reported as ``first_status_ms``); each of the
    :data:`STATUS_QUERIES` queries of a round is then timed on its own, and the median of them
    all is reported. The index build folds every history afresh, without the cache.
    """
    mission = dataset.mission("SYN")
    first_status = timed(lambda: mission.status(synthetic.START))
    days = status_days()
    per_query: list[float] = []

    def build_indexes() -> object:
        return [ContingentIndex.build(c.history) for c in mission.contingents]

    def statuses() -> object:
        for day in days:
            start = time.perf_counter()
            _status = mission.status(day)  # kept: freeing it is not part of the query
            per_query.append(time.perf_counter() - start)
        return None

    contenders: dict[str, Call] = {
        "index_build": build_indexes,
        "status": statuses,
        "daily_3y": lambda: mission.timeline("2024-01-01", "2026-12-31", "daily"),
        "monthly_10y": lambda: mission.timeline("2024-01-01", "2033-12-31", "monthly"),
    }
    seconds = interleaved(contenders, rounds, f"queries {records:,}")
    return {
        "first_status_ms": first_status * 1e3,
        "index_build_ms": median(seconds["index_build"]) * 1e3,
        "status_us": median(per_query) * 1e6,
        "status_mean_us": statistics.fmean(per_query) * 1e6,
        "status_queries": len(per_query),
        "daily_3y_ms": median(seconds["daily_3y"]) * 1e3,
        "monthly_10y_ms": median(seconds["monthly_10y"]) * 1e3,
        "runs_ms": {name: [s * 1e3 for s in runs] for name, runs in seconds.items()},
    }


# -- 4: whole processes ----------------------------------------------------------------------------


def process_commands() -> dict[str, list[str]]:
    """The interpreter arguments of each whole-process benchmark."""
    return {
        "import attrs, cattrs": ["-c", "import attrs, cattrs"],
        "import haiti_mss": ["-c", "import haiti_mss"],
        "import pydantic": ["-c", "import pydantic"],
        "import msgspec": ["-c", "import msgspec"],
        "data.mss()": ["-c", "from haiti_mss import data; data.mss()"],
        "-m haiti_mss": ["-m", "haiti_mss"],
    }


def python_environment() -> dict[str, str]:
    """This environment, but with bytecode caching on, as users have it.

    With PYTHONDONTWRITEBYTECODE set (as on some CI machines), a project installed in editable
    mode would compile its modules at every start, while the peers, installed by pip, come with
    their bytecode: the comparison would not be fair.
    """
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_python(arguments: list[str]) -> None:
    """Run this interpreter with *arguments*, its output discarded; fail if it fails."""
    subprocess.run(  # noqa: S603  # this interpreter, fixed arguments, no shell
        [sys.executable, *arguments],
        stdout=subprocess.DEVNULL,
        check=True,
        env=python_environment(),
    )


def bench_processes(runs: int) -> dict[str, Any]:
    """Median wall time of each command in a fresh interpreter, after one untimed warm-up."""
    commands = process_commands()
    for arguments in commands.values():  # compiles the bytecode and warms the file cache
        run_python(arguments)
    contenders = {name: _bind(run_python, arguments) for name, arguments in commands.items()}
    seconds = interleaved(contenders, runs, "processes")
    return {
        "commands": {
            name: {
                "argv": ["python", *commands[name]],
                "median_ms": median(seconds[name]) * 1e3,
                "runs_ms": [s * 1e3 for s in seconds[name]],
                "vs_attrs_cattrs": ratio(
                    median(seconds[name]), median(seconds["import attrs, cattrs"])
                ),
            }
            for name in commands
        },
        "modules_after_import": modules_after_import(),
    }


def modules_after_import() -> dict[str, bool]:
    """Which of :data:`HEAVY_MODULES` ``import haiti_mss`` brings into ``sys.modules``."""
    script = (
        "import json, sys, haiti_mss; "
        f"print(json.dumps({{m: m in sys.modules for m in {list(HEAVY_MODULES)!r}}}))"
    )
    result = subprocess.run(  # noqa: S603  # this interpreter, fixed arguments, no shell
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


# -- 5: memory -------------------------------------------------------------------------------------


def memory_child(name: str, exponent: int) -> dict[str, Any]:
    """Traced memory a loaded dataset retains, in this process: the body of ``--memory-child``.

    The bytes are generated and a small dataset loaded once before tracing starts, so that
    neither the bytes nor one-time caches (imports, compiled hooks, country tables) are counted.
    """
    load = loaders()[name]
    data = synthetic.dataset_bytes(10**exponent)
    records = synthetic.records(orjson.loads(data))
    _warm = load(synthetic.dataset_bytes(WARM_UP_RECORDS, seed=synthetic.SEED + 1))
    del _warm
    gc.collect()
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    loaded = load(data)
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    loaded_records = record_count(loaded)
    del loaded
    tracemalloc.stop()
    return {
        "records": records,
        "loaded_records": loaded_records,
        "retained_bytes": after - before,
        "bytes_per_record": (after - before) / records,
        "peak_bytes_per_record": (peak - before) / records,
    }


def bench_memory(exponents: Sequence[int]) -> dict[str, Any]:
    """Run :func:`memory_child` for each contender and size, each in a fresh interpreter."""
    results: dict[str, Any] = {}
    for exponent in exponents:
        by_name: dict[str, Any] = {}
        for name in MEMORY_CONTENDERS:
            progress(f"memory: {name} at 10^{exponent}")
            argv = [sys.executable, __file__, "--memory-child", name, str(exponent)]
            result = subprocess.run(  # noqa: S603  # this script, fixed arguments, no shell
                argv, capture_output=True, text=True, check=True
            )
            by_name[name] = json.loads(result.stdout)
        for entry in by_name.values():
            entry["vs_msgspec"] = ratio(
                entry["bytes_per_record"], by_name["msgspec"]["bytes_per_record"]
            )
        results[str(exponent)] = by_name
    return results


# -- targets ---------------------------------------------------------------------------------------


@dataclass
class Target:
    """A performance target, what was measured, and whether it is met."""

    name: str
    limit: str
    measured: float | None
    unit: str
    met: bool | None
    note: str = ""

    @property
    def verdict(self) -> str:
        """PASS, MISS, or n/a when it was not measured."""
        if self.met is None:
            return "n/a"
        return "PASS" if self.met else "MISS"

    def as_json(self) -> dict[str, Any]:
        """The target as a JSON object."""
        return {
            "target": self.name,
            "limit": self.limit,
            "measured": self.measured,
            "unit": self.unit,
            "status": self.verdict,
            "note": self.note,
        }


def _at_most(value: float | None, limit: float) -> bool | None:
    return None if value is None else value <= limit


def _below(value: float | None, limit: float) -> bool | None:
    return None if value is None else value < limit


@dataclass
class Results:
    """Everything measured, as it is written to JSON."""

    machine: dict[str, Any]
    settings: dict[str, Any]
    processes: dict[str, Any] | None = None
    sizes: dict[str, Any] = field(default_factory=dict)
    memory: dict[str, Any] = field(default_factory=dict)

    def targets(self) -> list[Target]:
        """The targets, each against the size it is set for or, failing that, the largest."""
        return [
            *self._load_dump_targets(),
            *self._class_targets(),
            *self._process_targets(),
            *self._query_targets(),
            *self._memory_targets(),
        ]

    def _load_dump_targets(self) -> list[Target]:
        """The load and dump targets.

        Load at 10^4 and 10^5: at most 1.0x pydantic with the collector on (1.2x with it off),
        and at most 3x orjson.loads with it on; dump at most 0.5x pydantic.
        """
        targets = []
        pydantic_limit = 1.0 if GC_DURING_CALLS else 1.2
        for exponent, size in self.sizes.items():
            load = size["load"]["timings"]["haiti_mss"]
            if exponent in {"4", "5"}:
                targets.append(
                    Target(
                        f"load / pydantic at 10^{exponent}",
                        f"<= {pydantic_limit}x",
                        load["vs_pydantic"],
                        "x",
                        _at_most(load["vs_pydantic"], pydantic_limit),
                    )
                )
                if GC_DURING_CALLS:
                    targets.append(
                        Target(
                            f"load / orjson.loads at 10^{exponent}",
                            "<= 3.0x",
                            load["vs_orjson"],
                            "x",
                            _at_most(load["vs_orjson"], 3.0),
                        )
                    )
            dump = size["dump"]["timings"]["haiti_mss"]["vs_pydantic"]
            name = f"dump / pydantic at 10^{exponent}"
            targets.append(Target(name, "<= 0.5x", dump, "x", _at_most(dump, 0.5)))
        return targets

    def _class_targets(self) -> list[Target]:
        """Each class load within 1.2x the Dataset path per record, at 10^4 and 10^5."""
        targets = []
        for exponent, size in self.sizes.items():
            if exponent not in {"4", "5"} or "load_by_class" not in size:
                continue
            for name, entry in size["load_by_class"]["timings"].items():
                if name == "Dataset":
                    continue
                measured = entry["vs_dataset_per_record"]
                targets.append(
                    Target(
                        f"{entry['call']} / Dataset, per record, at 10^{exponent}",
                        "<= 1.2x",
                        measured,
                        "x",
                        _at_most(measured, 1.2),
                    )
                )
        return targets

    def _process_targets(self) -> list[Target]:
        commands = self.processes["commands"] if self.processes else {}
        imports = commands.get("import haiti_mss", {}).get("vs_attrs_cattrs")
        main = commands.get("-m haiti_mss", {}).get("median_ms")
        return [
            Target(
                "import haiti_mss / import attrs, cattrs",
                "<= 1.15x",
                imports,
                "x",
                _at_most(imports, 1.15),
            ),
            Target("python -m haiti_mss", "< 500 ms", main, "ms", _below(main, 500)),
        ]

    def _query_targets(self) -> list[Target]:
        if not self.sizes:
            return []
        targets = []
        for exponent, size in self.sizes.items():
            build = size["queries"]["index_build_vs_load"]
            name = f"index build / haiti_mss load at 10^{exponent}"
            targets.append(Target(name, "<= 2x", build, "x", _at_most(build, 2)))
        return [*targets, self._status_growth(), *self._largest_size_targets()]

    def _status_growth(self) -> Target:
        """status(day) at 10^6 over 10^4, or else at the largest size over 10^4 or the smallest."""
        largest = max(self.sizes, key=int)
        base = "4" if "4" in self.sizes and largest != "4" else min(self.sizes, key=int)
        growth = None
        note = "needs two sizes"
        if base != largest:
            growth = ratio(
                self.sizes[largest]["queries"]["status_us"],
                self.sizes[base]["queries"]["status_us"],
            )
            note = "" if (largest, base) == ("6", "4") else f"partial: 10^{largest} / 10^{base}"
        return Target("status(day), 10^6 / 10^4", "<= 2x", growth, "x", _at_most(growth, 2), note)

    def _largest_size_targets(self) -> list[Target]:
        """The targets set at 10^6, measured at the largest size."""
        largest = max(self.sizes, key=int)
        queries = self.sizes[largest]["queries"]
        status, daily = queries["status_us"], queries["daily_3y_ms"]
        note = "" if largest == "6" else f"partial: measured at 10^{largest}, not 10^6"
        return [
            Target("status(day) at 10^6", "< 1000 us", status, "us", _below(status, 1000), note),
            Target(
                "daily timeline, 3 years, at 10^6",
                "< 2000 ms",
                daily,
                "ms",
                _below(daily, 2000),
                note,
            ),
        ]

    def _memory_targets(self) -> list[Target]:
        return [
            Target(
                f"memory per record, haiti_mss / msgspec at 10^{exponent}",
                "<= 1.1x",
                by_name["haiti_mss"]["vs_msgspec"],
                "x",
                _at_most(by_name["haiti_mss"]["vs_msgspec"], 1.1),
            )
            for exponent, by_name in self.memory.items()
        ]

    def as_json(self) -> dict[str, Any]:
        """Everything, with the targets."""
        return {
            "machine": self.machine,
            "settings": self.settings,
            "processes": self.processes,
            "sizes": self.sizes,
            "memory": self.memory,
            "targets": [target.as_json() for target in self.targets()],
        }


# -- printing --------------------------------------------------------------------------------------


def table(title: str, headers: Row, rows: Sequence[Row]) -> None:
    """Print *rows* under *headers*, columns aligned, text left and numbers right."""
    cells = [[_cell(value) for value in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in rows) for i in range(len(headers))]
    print(f"\n{title}")
    for j, row in enumerate(cells):
        line = "  ".join(
            text.rjust(width) if right else text.ljust(width)
            for text, width, right in zip(row, widths, numeric, strict=True)
        )
        print(line.rstrip())
        if j == 0:
            print("  ".join("-" * width for width in widths))


def _is_number(value: object) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}" if value < 1 else f"{value:.2f}"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def print_machine(info: dict[str, Any]) -> None:
    """Print the machine and versions, first thing."""
    git = info["git"] or {}
    commit = git.get("commit", "unknown")
    if git.get("src_uncommitted_changes"):
        commit += " (src/ has uncommitted changes)"
    versions = ", ".join(f"{name} {version}" for name, version in info["versions"].items())
    print(f"date      {info['date']}")
    print(f"machine   {info['platform']}; {info['cpu']}; {info['cores']} cores; ", end="")
    print(f"{info['memory_gib']} GiB")
    print(f"python    {info['implementation']} {info['python']} ({info['executable']})")
    print(f"versions  {versions}")
    print(f"commit    {commit}")


def print_processes(processes: dict[str, Any]) -> None:
    """Print the whole-process timings and the modules ``import haiti_mss`` loads."""
    rows = [
        [name, shlex.join(entry["argv"]), entry["median_ms"], entry["vs_attrs_cattrs"]]
        for name, entry in processes["commands"].items()
    ]
    table("Whole process (median)", ["what", "command", "ms", "vs attrs+cattrs"], rows)
    loaded = processes["modules_after_import"]
    print("\nsys.modules after `import haiti_mss`:")
    print("  " + ", ".join(f"{name} {'yes' if there else 'no'}" for name, there in loaded.items()))


def print_size(exponent: int, size: dict[str, Any]) -> None:
    """Print the load and dump tables of one size."""
    head = f"10^{exponent} records ({size['bytes']:,} bytes, {_rounds(size['rounds'])}, medians)"
    for what, labels in (("load", LOAD_LABELS), ("dump", DUMP_LABELS)):
        section = size[what]
        rows = [
            [labels[name], entry["median_ms"], entry["vs_orjson"], entry["vs_pydantic"]]
            for name, entry in section["timings"].items()
        ]
        table(f"{what.capitalize()}, {head}", ["contender", "ms", "vs orjson", "vs pydantic"], rows)
    print_by_class(head, size["load_by_class"])
    load_check, dump_check = size["load"]["check"], size["dump"]["check"]
    print(f"check: load counts {'ok' if load_check['ok'] else 'WRONG'} {load_check['records']}")
    identical = ", ".join(
        f"{name} {'yes' if same else 'no'}" for name, same in dump_check["byte_identical"].items()
    )
    print(f"check: dump content {'ok' if dump_check['ok'] else 'WRONG'}")
    print(f"check: dump byte-identical to the input: {identical}")


def print_by_class(head: str, classes: dict[str, Any]) -> None:
    """Print the class loads next to the Dataset load, per record, and their check."""
    rows = [
        [
            entry["call"],
            entry["records"],
            entry["bytes"],
            entry["median_ms"],
            entry["ms_per_10k_records"],
            entry["vs_dataset_per_record"],
        ]
        for entry in classes["timings"].values()
    ]
    headers = ["haiti_mss load", "records", "bytes", "ms", "ms / 10^4 records", "vs Dataset"]
    table(f"Load by class, {head}", headers, rows)
    check = classes["check"]
    counts = ", ".join(f"{name} {count:,}" for name, count in check["records"].items())
    same = ", ".join(f"{name} {'yes' if ok else 'no'}" for name, ok in check["round_trip"].items())
    print(f"check: class load counts {'ok' if check['ok'] else 'WRONG'} ({counts})")
    print(f"check: to_json of each class load writes its text back: {same}")


def _rounds(count: int) -> str:
    return f"{count} round" if count == 1 else f"{count} rounds"


LOAD_LABELS = {
    "haiti_mss": "haiti_mss.from_json",
    "pydantic": "pydantic",
    "msgspec": "msgspec",
    "orjson": "orjson.loads",
    "json": "json.loads",
}
DUMP_LABELS = {
    "haiti_mss": "haiti_mss.to_json",
    "pydantic": "pydantic",
    "msgspec": "msgspec",
    "orjson": "orjson.dumps",
    "json": "json.dumps",
}


def print_queries(sizes: dict[str, Any]) -> None:
    """Print the queries at every size, so that their growth with n shows."""
    headers = [
        "records",
        "load ms",
        "index build ms",
        "build/load",
        "status us",
        "first status ms",
        "daily 3y ms",
        "monthly 10y ms",
    ]
    rows = [
        [
            size["records"],
            size["load"]["timings"]["haiti_mss"]["median_ms"],
            q["index_build_ms"],
            q["index_build_vs_load"],
            q["status_us"],
            q["first_status_ms"],
            q["daily_3y_ms"],
            q["monthly_10y_ms"],
        ]
        for size in sizes.values()
        for q in [size["queries"]]
    ]
    table('Queries on mission "SYN" (haiti_mss, medians)', headers, rows)


def print_memory(memory: dict[str, Any]) -> None:
    """Print the retained memory per record."""
    rows = [
        [
            f"10^{exponent}",
            name,
            entry["bytes_per_record"],
            entry["peak_bytes_per_record"],
            entry["vs_msgspec"],
        ]
        for exponent, by_name in memory.items()
        for name, entry in by_name.items()
    ]
    headers = ["size", "contender", "retained B/record", "peak B/record", "vs msgspec"]
    table("Memory of a loaded dataset (tracemalloc, fresh process each)", headers, rows)


def print_targets(targets: list[Target]) -> None:
    """Print the targets with what was measured."""
    rows = [[t.name, t.limit, t.measured, t.unit, t.verdict, t.note] for t in targets]
    table("Targets", ["target", "limit", "measured", "unit", "status", "note"], rows)


# -- the run ---------------------------------------------------------------------------------------


def rounds_for(exponent: int, *, quick: bool) -> int:
    """Rounds of the in-process benchmarks at 10^exponent records."""
    if exponent <= 4:
        return 3 if quick else 7
    if exponent == 5:
        return 2 if quick else 5
    return 1 if quick else 3


def warm_up() -> None:
    """Run every contender once on a small dataset, so that one-time costs are not timed."""
    data = synthetic.dataset_bytes(WARM_UP_RECORDS, seed=synthetic.SEED + 1)
    loaded = {name: load(data) for name, load in loaders().items()}
    for name, dump in dumpers().items():
        dump(loaded[name])
    document = synthetic.dataset(WARM_UP_RECORDS, seed=synthetic.SEED + 1)
    for name, text in class_texts(data, document).items():
        class_loaders()[name](text)
    mission = loaded["haiti_mss"].mission("SYN")
    mission.timeline("2024-01-01", "2024-12-31", "daily")
    mission.timeline("2024-01-01", "2033-12-31", "monthly")


def bench_size(exponent: int, *, quick: bool) -> dict[str, Any]:
    """Load, dump and queries at 10^exponent records, on bytes generated once."""
    progress(f"generating 10^{exponent} records")
    document = synthetic.dataset(10**exponent)
    data = synthetic.compact(document)  # synthetic.dataset_bytes(10**exponent)
    expected = synthetic.records(document)
    progress("deriving the texts of the class loads")
    texts = class_texts(data, document)
    del document
    gc.collect()
    rounds = rounds_for(exponent, quick=quick)
    load, loaded, classes = bench_load(data, expected, rounds, texts)
    del texts
    dump = bench_dump(data, loaded, rounds)
    dataset = loaded.pop("haiti_mss")
    del loaded  # the queries run with only haiti_mss's dataset alive
    queries = bench_queries(dataset, rounds, expected)
    queries["index_build_vs_load"] = ratio(
        queries["index_build_ms"], load["timings"]["haiti_mss"]["median_ms"]
    )
    return {
        "records": expected,
        "bytes": len(data),
        "rounds": rounds,
        "load": load,
        "load_by_class": classes,
        "dump": dump,
        "queries": queries,
    }


def parse_exponents(text: str) -> list[int]:
    """``"3,4,5"`` to ``[3, 4, 5]``: exponents of ten, from 1 to 7."""
    try:
        exponents = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of exponents: {text!r}") from None
    if not exponents or not all(1 <= e <= 7 for e in exponents):
        raise argparse.ArgumentTypeError(f"exponents go from 1 to 7: {text!r}")
    return exponents


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=parse_exponents,
        default=None,
        help="comma-separated exponents of ten records (default: 3,4,5,6)",
    )
    parser.add_argument(
        "--memory-sizes",
        type=parse_exponents,
        default=None,
        help="exponents for the memory benchmark (default: those of --sizes among 4 and 5, "
        "and 6 when --sizes names it explicitly)",
    )
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument(
        "--no-gc",
        action="store_true",
        help="turn the garbage collector off during timed calls (default: on, as users have it)",
    )
    parser.add_argument(
        "--json",
        type=Path,
        default=HERE / "results.json",
        help="where to write the results (default: benchmarks/results.json)",
    )
    parser.add_argument("--memory-child", nargs=2, metavar=("NAME", "SIZE"), help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def memory_exponents(arguments: argparse.Namespace) -> list[int]:
    """The sizes of the memory benchmark."""
    if arguments.memory_sizes is not None:
        return arguments.memory_sizes
    if arguments.sizes is None:
        return [4, 5]
    return [e for e in arguments.sizes if e in {4, 5, 6}]


def run(arguments: argparse.Namespace) -> Results:
    """Every benchmark, printing each table as its section ends."""
    global GC_DURING_CALLS  # noqa: PLW0603  # one setting for the whole run
    GC_DURING_CALLS = not arguments.no_gc
    exponents = arguments.sizes or list(DEFAULT_SIZES)
    quick = arguments.quick
    settings = {
        "sizes": exponents,
        "memory_sizes": memory_exponents(arguments),
        "quick": quick,
        "gc_during_timed_calls": GC_DURING_CALLS,
        "rounds": {str(e): rounds_for(e, quick=quick) for e in exponents},
        "process_runs": 5 if quick else 15,
        "status_queries_per_round": STATUS_QUERIES,
        "seed": synthetic.SEED,
    }
    results = Results(machine(), settings)
    print_machine(results.machine)
    progress("processes")
    results.processes = bench_processes(settings["process_runs"])
    print_processes(results.processes)
    progress("warming up")
    warm_up()
    for exponent in exponents:
        results.sizes[str(exponent)] = bench_size(exponent, quick=quick)
        print_size(exponent, results.sizes[str(exponent)])
        gc.collect()
    print_queries(results.sizes)
    if settings["memory_sizes"]:
        results.memory = bench_memory(settings["memory_sizes"])
        print_memory(results.memory)
    print_targets(results.targets())
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks, or one memory measurement for ``--memory-child NAME SIZE``."""
    arguments = parse_arguments(argv)
    if arguments.memory_child:
        name, exponent = arguments.memory_child
        print(json.dumps(memory_child(name, int(exponent))))
        return 0
    results = run(arguments)
    arguments.json.parent.mkdir(parents=True, exist_ok=True)
    arguments.json.write_text(json.dumps(results.as_json(), indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {arguments.json}")
    progress("done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
