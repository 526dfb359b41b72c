"""Text from the data, made safe for where it is shown: a terminal, JSON, Markdown, XML.

Standard library only (layer 1): the converter refuses in data the same
characters every output escapes.

Names, titles, summaries and quotes come from sources and from whoever edits
the data; paths and queries come from the user.  None of it may steer the
medium it is shown in:

- in a terminal, a control character can move the cursor, recolour or clear
  the screen, or retitle the window, and a bidirectional override can make
  text read differently from what it is ("Trojan Source");
- in Markdown, ``[x](javascript:…)``, ``<script>`` or ``| a | b |`` would
  become a link, an element or table cells;
- in XML (the SVG figures) most C0 controls are not allowed at all.

:func:`for_terminal` shows each such character as a visible escape
(``\\x1b``, ``\\u202e``); :func:`for_markdown` and :func:`for_xml` do the same
and then escape the medium's own specials; :func:`json_dumps` writes the
same characters as JSON ``\\u`` escapes, which parse back to the same value.
"""

import json
import re
from typing import Any, Optional

__all__ = ["CONTROL_CHARACTERS", "for_markdown", "for_terminal", "for_xml", "json_dumps"]

# Beyond C0, DEL, C1 and the bidi embeddings, overrides and isolates: the
# Unicode line and paragraph separators (line breaks to some readers), lone
# surrogates (unencodable: a write would fail half-way) and the two
# noncharacters U+FFFE/U+FFFF (not allowed in XML).
_BEYOND_C0 = "\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff"
CONTROL_CHARACTERS = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
"""What :func:`for_terminal` escapes: C0 (tab and newline included), DEL, C1,
U+2028/U+2029, U+202A–U+202E, U+2066–U+2069, lone surrogates, U+FFFE/U+FFFF."""

# json.dumps already escapes C0 inside strings; outside strings the only C0
# characters are the indentation's newlines, which must stay.
_JSON_UNSAFE = re.compile(f"[{_BEYOND_C0}]")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")
_MARKDOWN_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# A list item or an ordered list item when at the start of a block.
_MARKDOWN_LEADING = re.compile(r"^([-+]|\d+(?=\.))")
_XML_QUOTES = {'"': "&quot;", "'": "&apos;"}


def _visible(match: "re.Match[str]") -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control character shown as an escape.

    The caller writes the newlines that end its own lines; a newline inside
    ``text`` is data and is shown as ``\\x0a``.
    """
    return CONTROL_CHARACTERS.sub(_visible, text)


def json_dumps(value: Any, *, indent: Optional[int] = None) -> str:
    """``value`` as JSON: UTF-8 text kept readable, control characters escaped.

    Without ``indent`` the result is one line (no character in it breaks a
    line for any reader), so an error object is one line on stderr.
    """
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    # These characters occur only inside JSON strings, where \\uXXXX denotes them.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def for_markdown(text: str) -> str:
    """``text`` as Markdown that renders as exactly that text, on one line.

    Runs of spaces, tabs and newlines become one space (a newline would end a
    table row or a heading); control characters are shown as escapes; HTML's
    ``<``, ``>``, ``&`` become entities and Markdown's specials are
    backslash-escaped, so no name can open a link, an element, an emphasis or
    a table cell.
    """
    text = for_terminal(" ".join(re.split(r"[ \t\r\n]+", text.strip(" \t\r\n"))))
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = re.sub("[&<>]", lambda m: _MARKDOWN_HTML[m.group()], text)
    # "- x", "+ x" or "1. x" would start a list where the text starts a line.
    return _MARKDOWN_LEADING.sub(lambda m: m.group() + "\\" if m.group()[0].isdigit() else "\\" + m.group(), text, count=1)


def for_xml(text: str) -> str:
    """``text`` for XML character data or a quoted attribute value."""
    text = for_terminal(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char, entity in _XML_QUOTES.items():
        text = text.replace(char, entity)
    return text
