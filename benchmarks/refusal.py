"""What refusing a hostile input costs: ``python benchmarks/refusal.py``.

For each case of ``fuzz/hostile.py`` (the inputs of the resource battery, one per kind of
finding of issue 15) and each size N (10^4, 10^5, 10^6 items, characters or digits, up to the
case's largest), a fresh child process builds the input, then times the reader or query it is
given to, which must raise a ``DataError`` or return, and reports its peak resident memory
(``ru_maxrss``, the input included) and the memory it had before (the interpreter, haiti_mss
and the input). It prints a Markdown table, and reports progress on stderr.

Usage::

    python benchmarks/refusal.py [--sizes 4,5,6] [--cases "bad records;empty missions"]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "fuzz"))  # the hostile inputs, shared with the tests

from hostile import CASES  # noqa: E402  # after the path that finds it

DEFAULT_SIZES = (4, 5, 6)
TIMEOUT = 600
BY_NAME = {case.name: case for case in CASES}


def child(name: str, n: int) -> dict[str, Any]:
    """In the child: build the input, give it to its reader, and say what that took."""
    from haiti_mss import DataError  # noqa: PLC0415  # after the clock's start

    case = BY_NAME[name]
    built = case.build(n)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        case.run(built)
    except DataError as error:
        seconds = time.perf_counter() - start
        listed, more = len(error.problems), error.more
    else:
        seconds = time.perf_counter() - start
        listed, more = 0, 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "case": name,
        "n": n,
        "bytes": case.size(n, built),
        "seconds": seconds,
        "rss_before_mib": before / 1024,
        "peak_rss_mib": peak / 1024,
        "listed": listed,
        "more": more,
    }


def run(kind: str, n: int) -> dict[str, Any]:
    """One measure, in a fresh process."""
    done = subprocess.run(  # noqa: S603  # this script, with this interpreter
        [sys.executable, __file__, "--child", kind, str(n)],
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _more(result: dict[str, Any]) -> str:
    more = result["more"]
    if not result["listed"]:
        return "accepted"
    return "not checked" if more is None else f"{more:,}"


def markdown(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table."""
    header = "| case | N | input (MB) | time (s) | peak RSS (MB) | RSS before (MB) | listed"
    lines = [
        f"{header} | more |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['case']} | 10^{len(str(r['n'])) - 1} | {r['bytes'] / 1e6:.1f} | {r['seconds']:.2f} "
        f"| {r['peak_rss_mib']:.0f} | {r['rss_before_mib']:.0f} | {r['listed']:,} | {_more(r)} |"
        for r in results
    ]
    return "\n".join(lines)


def main() -> None:
    """Measure every kind at every size, each in its own process, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--cases", default=";".join(BY_NAME), help="names, separated by ;")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        name, n = arguments.child
        print(json.dumps(child(name, int(n))))
        return
    sizes = [10 ** int(exponent) for exponent in arguments.sizes.split(",")]
    results = []
    for name in arguments.cases.split(";"):
        for n in (size for size in sizes if size <= BY_NAME[name].max_n):
            results.append(run(name, n))
            print(
                f"{name} x {n:,}: {results[-1]['seconds']:.2f} s, "
                f"{results[-1]['peak_rss_mib']:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    print(f"Python {platform.python_version()} on {platform.platform()}\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
