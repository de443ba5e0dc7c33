"""The command line: ``python -m haiti_mss``.

``python -m haiti_mss validate FILE...`` checks data files: it prints every problem of each
file with its JSON path and exits 1, or prints a one-line summary per valid file and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .errors import DataError
from .serialization import load


def _validate(files: Sequence[str]) -> int:
    failed = False
    for name in files:
        try:
            dataset = load(name)
        except DataError as error:
            failed = True
            count = len(error.problems)
            print(f"{name}: {count} problem{'s' * (count != 1)}")
            for problem in error.problems:
                print(f"  {problem}")
            continue
        missions = ", ".join(
            f"{m.acronym} ({len(m.contingents)} contingents, {len(m.mandates)} mandates)"
            for m in dataset.missions
        )
        print(
            f"{name}: valid: {len(dataset.missions)} missions"
            f"{': ' + missions if missions else ''}; {len(dataset.sources)} sources"
        )
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m haiti_mss",
        description="Status reports and data-file checks for the MSS and GSF in Haiti.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate", help="check data files and print every problem with its path"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a haiti_mss JSON data file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: the process's arguments); return the exit code."""
    parser = _parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "validate":
        return _validate(arguments.files)
    parser.print_usage(sys.stderr)
    print(
        "python -m haiti_mss: the status report needs the bundled dataset, which is not in this "
        "release yet; use 'validate FILE'",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
