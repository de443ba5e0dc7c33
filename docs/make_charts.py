"""Draw the charts of docs/notebooks.md from the bundled dataset, as PNG files.

Run ``python docs/make_charts.py [DIRECTORY]``; the default directory is ``docs/_static/charts``.
"""

import argparse
from collections.abc import Callable
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt  # after use(): the backend is chosen before pyplot loads
from matplotlib.axes import Axes

from haiti_mss import data, plot

DEFAULT = Path(__file__).parent / "_static" / "charts"

CHARTS: dict[str, Callable[[], Axes]] = {
    "mss-force-buildup": lambda: plot.force_buildup(data.mss()),
    "gsf-force-buildup": lambda: plot.force_buildup(data.gsf()),
    "gsf-force-buildup-extrapolated": lambda: plot.force_buildup(data.gsf(), end="2026-09-30"),
    "mss-pledged-vs-deployed": lambda: plot.pledged_vs_deployed(data.mss()),
    "gsf-pledged-vs-deployed": lambda: plot.pledged_vs_deployed(data.gsf()),
    "displacement": lambda: plot.indicator_series(data.missions(), "internally displaced persons"),
    "killings": lambda: plot.indicator_series(data.missions(), "killings"),
}
"""Each chart, by the name of its file."""


def main(argv: list[str] | None = None) -> None:
    """Draw every chart into the directory named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT)
    directory: Path = parser.parse_args(argv).directory
    directory.mkdir(parents=True, exist_ok=True)
    for name, draw in CHARTS.items():
        figure = draw().get_figure()
        assert figure is not None  # noqa: S101  # each chart draws on a new figure
        # No "Software" entry: the files change only when the charts do.
        figure.savefig(directory / f"{name}.png", dpi=100, metadata={"Software": None})
        plt.close("all")
        print(directory / f"{name}.png")  # noqa: T201  # a script says what it wrote


if __name__ == "__main__":
    main()
