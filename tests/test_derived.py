"""What the readers and writers derive from the attrs fields.

Three changes that went wrong silently when the fast loader and the record writer kept their own
copy of the model's fields, each made here on a copy of the package as a maintainer would make
it, then loaded and written as a user would.
"""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import attrs

import haiti_mss

PACKAGE = Path(haiti_mss.__file__).parent


def changed_package(tmp_path, *edits):
    """A copy of haiti_mss with each (file, anchor, replacement) edit made once."""
    copy = tmp_path / "haiti_mss"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for name, anchor, replacement in edits:
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert 1 == text.count(anchor), (name, anchor)
        path.write_text(text.replace(anchor, replacement), encoding="utf-8")
    return tmp_path


def run(root, script):
    """Run *script* with the changed package first on the path; its exit code and output."""
    result = subprocess.run(  # noqa: S603  # this interpreter, our own code
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(root), "PATH": ""},
    )
    return result.returncode, result.stdout + result.stderr


NOTE = '    note: str = attrs.field(default="", validator=is_str)\n\n    def __attrs_post_init__'
ARRIVAL = '    kind: ClassVar[str] = "arrival"\n'

KINDS = (
    "RECORD_TYPES: tuple[type[Record], ...] = "
    "(Pledge, Arrival, Transfer, Departure, StrengthReport)"
)


def test_a_new_optional_field_of_record_is_read_and_written(tmp_path):
    """Every record loaded has the new field, and a value given to it survives a round trip.

    The records' frame has a column for it too.
    """
    root = changed_package(
        tmp_path,
        (
            "contingents.py",
            NOTE,
            NOTE.replace(
                "\n\n    def",
                '\n    vessel: str = attrs.field(default="", validator=is_str)\n\n    def',
            ),
        ),
    )
    code, output = run(
        root,
        """
        import attrs
        from haiti_mss import Dataset, data, from_json, to_dict, to_json
        dataset = data.dataset()
        records = [r for m in dataset.missions for c in m.contingents for r in c.history]
        assert all(r == r and r.vessel == "" for r in records)
        assert from_json(to_json(dataset), Dataset) == dataset
        mss = dataset.missions[0]
        kenya = mss.contingents[0]
        sailed = attrs.evolve(kenya.history[1], vessel="Omni Air OAE2376")
        assert "Omni Air OAE2376" == to_dict(sailed)["vessel"]
        assert "vessel" not in to_dict(kenya.history[1])
        changed = attrs.evolve(
            dataset,
            missions=[
                attrs.evolve(
                    mss,
                    contingents=[
                        attrs.evolve(
                            kenya, history=[kenya.history[0], sailed, *kenya.history[2:]]
                        ),
                        *mss.contingents[1:],
                    ],
                ),
                *dataset.missions[1:],
            ],
        )
        again = from_json(to_json(changed), Dataset)
        assert again == changed
        assert "Omni Air OAE2376" == again.missions[0].contingents[0].history[1].vessel
        frame = again.missions[0].records_frame(backend="polars")
        assert "Omni Air OAE2376" in frame["vessel"].to_list()
        print("ok")
        """,
    )
    assert (0, "ok\n") == (code, output)


def test_a_new_check_of_a_record_is_enforced_by_every_reader(tmp_path):
    """A check added to Arrival's constructor refuses the bad arrival in from_json and load."""
    root = changed_package(
        tmp_path,
        (
            "contingents.py",
            ARRIVAL,
            ARRIVAL
            + """
    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        if self.personnel.value > 300:
            raise DataError.at("personnel", f"more than 300 in one flight (got {self.personnel})")
""",
        ),
    )
    code, output = run(
        root,
        """
        import json, pathlib, sys
        from haiti_mss import DataError, Dataset, data, from_dict, from_json, load, to_dict
        document = to_dict(data.dataset())
        arrival = document["missions"][0]["contingents"][0]["history"][2]
        assert ["kind", "on", "personnel", "sources", "confidence", "note"] == list(arrival)
        arrival["personnel"] = 400
        text = json.dumps(document)
        path = pathlib.Path(sys.path[1]) / "bad.json"
        path.write_text(text, encoding="utf-8")
        for read in (lambda: from_json(text, Dataset), lambda: load(path),
                     lambda: from_dict(document, Dataset)):
            try:
                read()
            except DataError as error:
                print(error)
        """,
    )
    expected = (
        "$.missions[0].contingents[0].history[2].personnel: more than 300 in one flight (got 400)\n"
    )
    assert (0, expected * 3) == (code, output)


def test_a_new_kind_of_record_counts_by_its_declared_effect(tmp_path):
    """A "rotation" that adds 100 to 400 deployed gives 500, read by every path.

    Without an effect, the kind is refused when it is defined.
    """
    rotation = """

@attrs.frozen(kw_only=True)
class Rotation(Record):
    \"\"\"Personnel who rotate in on day *on*.\"\"\"

    kind: ClassVar[str] = "rotation"
    figure_field: ClassVar[str] = "personnel"
    effect: ClassVar[Effect] = Effect.ADD

    personnel: Figure = attrs.field(converter=to_figure, validator=is_head_count)


"""
    root = changed_package(
        tmp_path,
        (
            "contingents.py",
            KINDS,
            rotation + KINDS.replace("StrengthReport)", "StrengthReport, Rotation)"),
        ),
    )
    code, output = run(
        root,
        """
        import json
        from haiti_mss import Contingent, Dataset, from_dict, from_json, to_dict
        document = {
            "schema": "haiti-mss/1",
            "sources": {},
            "missions": [{
                "name": "Example", "acronym": "EXM", "host": "HTI", "lead": "KEN",
                "contingents": [{"country": "KEN", "personnel_type": "police", "history": [
                    {"kind": "arrival", "on": "2030-01-01", "personnel": 400},
                    {"kind": "rotation", "on": "2030-02-01", "personnel": 100},
                ]}],
            }],
        }
        for dataset in (from_json(json.dumps(document), Dataset), from_dict(document, Dataset)):
            print(dataset.missions[0].contingents[0].deployed_on("2030-02-01"))
        """,
    )
    assert (0, "500\n500\n") == (code, output)
    root = changed_package(
        tmp_path / "without",
        (
            "contingents.py",
            KINDS,
            rotation.replace("    effect: ClassVar[Effect] = Effect.ADD\n", "") + KINDS,
        ),
    )
    code, output = run(root, "import haiti_mss")
    assert 1 == code
    assert "TypeError: Rotation must declare its effect on the count: an Effect" in output


def test_the_fast_reader_accounts_for_every_field_of_every_kind():
    """Each field of a kind is read by the loop, read as an enum, or set to its default.

    A kind with any other field is read by the detailed path: its plan says it is not trusted.
    """
    from haiti_mss import _fastload  # noqa: PLC0415  # the reader under test
    from haiti_mss.contingents import RECORD_TYPES  # noqa: PLC0415

    for cls in RECORD_TYPES:
        *_, enums, defaults, trusted = _fastload._KINDS[cls.kind]  # noqa: SLF001
        read = {*_fastload._READ_BY_THE_LOOP, cls.figure_field}  # noqa: SLF001
        accounted = (
            read
            | {key for key, _, _ in enums}
            | {
                field.name
                for field in attrs.fields(cls)
                if any(setter.__self__.__name__ == field.name for setter, _ in defaults)
            }
        )
        names = {field.name for field in attrs.fields(cls)}
        assert trusted == (names <= accounted), cls
    assert not _fastload._KINDS["transfer"][-1]  # noqa: SLF001  # from_mission: an acronym


def test_a_stricter_rule_for_a_field_is_kept_by_every_reader(tmp_path):
    """A contingent's description given a stricter rule: every reader refuses what it refuses.

    The fast reader reads each field by the rule that is the field's validator, so a new rule
    needs no change to the reader (it used to check descriptions with its own copy of the
    rule, and would have let this one through).
    """
    field = '    description: str = attrs.field(default="", validator=is_str)\n'
    root = changed_package(
        tmp_path,
        (
            "contingents.py",
            field,
            field.replace(
                "validator=is_str",
                'validator=matches(re.compile(r"[^<>]*"), "text without < or >")',
            ),
        ),
        ("contingents.py", "import enum\n", "import enum\nimport re\n"),
        ("contingents.py", "    is_str,\n", "    is_str,\n    matches,\n"),
    )
    code, output = run(
        root,
        """
        import json
        from haiti_mss import Contingent, DataError, Dataset, data, from_dict, from_json
        from haiti_mss import to_dict
        document = to_dict(data.dataset())
        document["missions"][0]["contingents"][0]["description"] = "<b>Kenya</b>"
        contingent = document["missions"][0]["contingents"][0]
        for read in (
            lambda: from_json(json.dumps(document), Dataset),
            lambda: from_dict(document, Dataset),
            lambda: from_json(json.dumps(contingent), Contingent),
            lambda: Contingent(**{**contingent, "history": []}),
        ):
            try:
                read()
            except DataError as error:
                print(error.problems[0].message)
        """,
    )
    expected = "must be text without < or > (got '<b>Kenya</b>')\n"
    assert (0, expected * 4) == (code, output)
