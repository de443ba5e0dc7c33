"""Export the monthly strength of each contingent of the MSS to CSV.

Run it with ``python examples/monthly_csv.py [FILE]``: it writes the table to FILE, or prints it.
Needs the ``frames`` extra (``pip install "haiti-mss[frames]"``). Each count has a qualifier
column beside it, so that "about 200" does not become a bare 200.
"""

import sys

from haiti_mss import data


def main(argv: list[str]) -> None:
    """Write the table to the file named in *argv*, or to standard output."""
    mss = data.mss()
    frame = mss.timeline_frame("2024-06-01", mss.current_through, backend="pandas")
    frame = frame[frame["deployed"] + frame["committed"] > 0]
    if argv:
        frame.to_csv(argv[0], index=False)
        print(f"wrote {len(frame)} rows to {argv[0]}")
    else:
        print(frame.to_csv(index=False), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
