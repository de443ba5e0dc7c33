"""The README's commands are the ones CI runs."""

from pathlib import Path

ROOT = Path(__file__).parent.parent


def shell_commands(markdown: str) -> list[str]:
    """The lines of the ```sh blocks in *markdown*, in order."""
    commands, inside = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            inside = line == "```sh"
        elif inside:
            commands.append(line)
    return commands


def test_readme_starts_with_the_two_commands():
    """The first two shell commands: run the status report, run the tests."""
    first, second = shell_commands((ROOT / "README.md").read_text(encoding="utf-8"))[:2]
    assert first.startswith("python -m pip install . && python ")
    assert "python -m pytest" in second


def test_ci_runs_the_readme_test_command_verbatim():
    """.ci/run holds the README's test command as one of its lines."""
    test_command = shell_commands((ROOT / "README.md").read_text(encoding="utf-8"))[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci
