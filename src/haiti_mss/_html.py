"""Small HTML tables for notebooks: every model object that shows itself uses these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

from ._checks import shown

if TYPE_CHECKING:
    from .figures import Figure

_STYLE = "border-collapse:collapse;text-align:left"


def text(value: object) -> str:
    """*value* as escaped HTML text, its controls and format characters shown as escapes."""
    return escape(shown(str(value)))


def figure(value: Figure) -> str:
    """A figure as a person writes it, with its qualifier spelled out on hover."""
    return f'<span title="{text(value.qualifier)}">{text(value)}</span>'


def cited(ids: Sequence[str]) -> str:
    """A count of sources, listing their ids on hover."""
    if not ids:
        return "&#8212;"
    return f'<span title="{text(", ".join(ids))}">{len(ids)}</span>'


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], caption: str | None = None) -> str:
    """A table of already-escaped cells, under escaped *headers*."""
    head = "".join(f"<th>{text(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    title = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<table style="{_STYLE}">{title}<thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def pairs(rows: Iterable[tuple[str, str]], caption: str | None = None) -> str:
    """A two-column table of an escaped label and an already-escaped value."""
    body = "".join(f"<tr><th>{text(k)}</th><td>{v}</td></tr>" for k, v in rows)
    title = f"<caption>{caption}</caption>" if caption else ""
    return f'<table style="{_STYLE}">{title}<tbody>{body}</tbody></table>'
