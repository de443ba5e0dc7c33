"""What refusing a bad document costs: ``python benchmarks/refusal.py``.

For each kind of bad document and each size N (10^4, 10^5, 10^6 bad items), a fresh child
process builds the JSON text, then times ``from_json(text, Dataset)``, which must raise a
``DataError``, and reports its peak resident memory (``ru_maxrss``, the text included) and the
memory it had before refusing (the interpreter, haiti_mss and the text). It prints a Markdown
table, and reports progress on stderr.

The kinds are those of issue 15: N bad records in one history, N empty missions, N records
citing an unknown source id, N duplicate contingents, N bad mandates, N bad sources; and, to
show what a problem found late costs, N valid records followed by one bad one (the fast path
gives way to the detailed path, which reads every record again).

Usage::

    python benchmarks/refusal.py [--sizes 4,5,6] [--kinds "bad records,empty missions"]
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
DEFAULT_SIZES = (4, 5, 6)
TIMEOUT = 600

_GOOD = {"kind": "arrival", "on": "2024-06-25", "personnel": 1}
_BAD = {"kind": "arrival", "on": "2024-13-01", "personnel": -1}


def _document(kind: str, n: int) -> dict[str, Any]:
    """A dataset document with *n* bad items of *kind* (one object *n* times, not as text)."""
    history: list[dict[str, Any]] = [_GOOD]
    contingents: list[dict[str, Any]] = [
        {"country": "KEN", "personnel_type": "police", "history": history}
    ]
    mission: dict[str, Any] = {
        "name": "Example",
        "acronym": "EX",
        "host": "HTI",
        "lead": "KEN",
        "contingents": contingents,
    }
    document: dict[str, Any] = {
        "schema": "haiti-mss/1",
        "sources": {"s": {"publisher": "Publisher"}},
        "missions": [mission],
    }
    if kind == "bad records":
        history[:] = [_BAD] * n
    elif kind == "empty missions":
        document["missions"] = [{}] * n
    elif kind == "unknown source ids":
        history[:] = [{**_GOOD, "sources": ["nope"]}] * n
    elif kind == "duplicate contingents":
        contingents[:] = [{"country": "KEN", "personnel_type": "police"}] * n
    elif kind == "bad mandates":
        mission["mandates"] = [{"resolution": "S/RES/1", "adopted": "2024-01-01"}] * n
    elif kind == "bad sources":
        document["sources"] = {f"s{i}": {"publisher": ""} for i in range(n)}
    elif kind == "one bad record after valid ones":
        history[:] = [*[_GOOD] * n, _BAD]
    else:
        raise ValueError(kind)
    return document


KINDS = (
    "bad records",
    "empty missions",
    "unknown source ids",
    "duplicate contingents",
    "bad mandates",
    "bad sources",
    "one bad record after valid ones",
)


def child(kind: str, n: int) -> dict[str, Any]:
    """In the child: build the text, refuse it, and say what that took."""
    from haiti_mss import DataError, Dataset, from_json  # noqa: PLC0415  # after the clock's start

    text = json.dumps(_document(kind, n)).encode()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        from_json(text, Dataset)
    except DataError as error:
        seconds = time.perf_counter() - start
        listed, more = len(error.problems), error.more
    else:  # pragma: no cover  # every document here is bad
        raise SystemExit(f"{kind} x {n}: accepted")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "kind": kind,
        "n": n,
        "bytes": len(text),
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
    return "not checked" if more is None else f"{more:,}"


def markdown(results: list[dict[str, Any]]) -> str:
    """The results as a Markdown table."""
    header = "| kind | N | text (MB) | refused in (s) | peak RSS (MB) | RSS before (MB) | listed"
    lines = [
        f"{header} | more |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['kind']} | 10^{len(str(r['n'])) - 1} | {r['bytes'] / 1e6:.1f} | {r['seconds']:.2f} "
        f"| {r['peak_rss_mib']:.0f} | {r['rss_before_mib']:.0f} | {r['listed']:,} | {_more(r)} |"
        for r in results
    ]
    return "\n".join(lines)


def main() -> None:
    """Measure every kind at every size, each in its own process, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--child", nargs=2, metavar=("KIND", "N"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        kind, n = arguments.child
        print(json.dumps(child(kind, int(n))))
        return
    sizes = [10 ** int(exponent) for exponent in arguments.sizes.split(",")]
    results = []
    for kind in arguments.kinds.split(","):
        for n in sizes:
            results.append(run(kind, n))
            print(
                f"{kind} x {n:,}: {results[-1]['seconds']:.2f} s, "
                f"{results[-1]['peak_rss_mib']:.0f} MB",
                file=sys.stderr,
                flush=True,
            )
    print(f"Python {platform.python_version()} on {platform.platform()}\n")
    print(markdown(results))


if __name__ == "__main__":
    main()
