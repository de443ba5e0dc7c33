"""A spot check: ``from_json`` of a Dataset, a Mission, a Contingent and a tuple of records.

``python benchmarks/spot_classes.py``: medians of 7 interleaved rounds, collector on, at 10^4 and
10^5 records, and each class's time as a multiple of the Dataset's. ``run.py`` is the full run.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import synthetic  # beside this script

from haiti_mss import Contingent, Dataset, Mission, Record, from_json, to_json

for n in (10**4, 10**5):
    text = synthetic.dataset_bytes(n)
    dataset = from_json(text, Dataset)
    texts = {
        "Dataset": (text, Dataset),
        "Mission": (to_json(dataset.missions[0]), Mission),
        "Contingent": (to_json(synthetic.contingent(n)), Contingent),
        "tuple[Record, ...]": (
            to_json([r for c in dataset.missions[0].contingents for r in c.history]),
            tuple[Record, ...],
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in texts}
    for _ in range(7):
        for name, (data, cls) in texts.items():
            start = time.perf_counter()
            from_json(data, cls)
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["Dataset"])
    print(
        n,
        ", ".join(
            f"{name} {statistics.median(t) * 1000:.1f} ms ({statistics.median(t) / base:.2f})"
            for name, t in times.items()
        ),
    )
