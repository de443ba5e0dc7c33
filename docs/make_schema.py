"""Write src/haiti_mss/data/haiti-mss.schema.json, the JSON Schema of a data file.

Run ``python docs/make_schema.py`` after changing the model; a test checks that the shipped
file is what :func:`haiti_mss.schema.data_file_schema` generates.
"""

from __future__ import annotations

import json
from pathlib import Path

from haiti_mss.schema import data_file_schema

FILE = Path(__file__).parent.parent / "src" / "haiti_mss" / "data" / "haiti-mss.schema.json"


def text() -> str:
    """The schema as the file holds it: indented, keys in the order generated, one final newline."""
    return json.dumps(data_file_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    FILE.write_text(text(), encoding="utf-8")
