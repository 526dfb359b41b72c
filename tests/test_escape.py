"""Escaping text from the data for a terminal, JSON, Markdown and XML."""

import json
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st

from kz_labour_rights._escape import CONTROL_CHARACTERS, for_markdown, for_terminal, for_xml, json_dumps

HOSTILE = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "| a | b |",
    "\x1b]0;owned\x07\x1b[2J",
    "abc\u202edcba\u2066x\u2069",
    "line\nbreak\u2028and\u2029more\x85",
    "# heading *em* _u_ `code` {: .x} \\ &amp;",
    "- item",
    "+ item",
    "12. ordered",
    "lone \ud800 surrogate \ufffe",
]


def test_terminal_escapes_every_control_character() -> None:
    """C0 (tab and newline too), DEL, C1, bidi overrides and isolates become visible escapes."""
    assert "\\x1b[31mred\\x1b[0m \\x09\\x0a \\x7f \\x9b \\u202e \\u2066 \\u2069" == for_terminal(
        "\x1b[31mred\x1b[0m \t\n \x7f \x9b \u202e \u2066 \u2069"
    )


def test_terminal_keeps_ordinary_text() -> None:
    """Cyrillic, Kazakh letters, typographic quotes, dashes and backslashes are left as they are."""
    text = "Ерлан Балтабай — «Қазақстан» “quote” C:\\path ‘x’ 1 000"
    assert text == for_terminal(text)


@given(st.text())
def test_terminal_output_has_no_control_character(text: str) -> None:
    """Whatever the input, the output holds no character the escape set names, and no line break."""
    shown = for_terminal(text)
    assert CONTROL_CHARACTERS.search(shown) is None
    assert [shown] == (shown.splitlines() or [""])


@given(st.recursive(st.none() | st.text() | st.integers(), lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner), max_leaves=8))
def test_json_dumps_parses_back_and_is_one_line(value: object) -> None:
    """json_dumps output parses to the same value, is one line, and holds no raw control character."""
    text = json_dumps(value)
    assert value == json.loads(text)
    assert [text] == text.splitlines()
    assert CONTROL_CHARACTERS.search(text) is None


def test_json_dumps_keeps_letters_readable() -> None:
    """Non-ASCII letters are written as themselves, not as \\u escapes."""
    assert '{"name": "Ерлан", "x": "a\\u202eb"}' == json_dumps({"name": "Ерлан", "x": "a\u202eb"})


def test_markdown_escapes_hostile_names() -> None:
    """Links, elements, table cells, emphasis, headings and list markers are escaped; newlines collapse."""
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" == for_markdown(HOSTILE[0])
    assert "\\[x\\](javascript:alert(1))" == for_markdown(HOSTILE[1])
    assert "\\| a \\| b \\|" == for_markdown(HOSTILE[2])
    assert "\\# heading \\*em\\* \\_u\\_ \\`code\\` \\{: .x\\} \\\\ &amp;amp;" == for_markdown(HOSTILE[6])
    assert ["\\- item", "\\+ item", "12\\. ordered"] == [for_markdown(t) for t in HOSTILE[7:10]]
    # The visible escape's backslash is itself escaped, so the page shows "\u2028".
    assert "line break\\\\u2028and\\\\u2029more\\\\x85" == for_markdown(HOSTILE[5])


@given(st.text())
def test_markdown_is_one_line_without_raw_specials(text: str) -> None:
    """Any text becomes one line with no unescaped <, >, [, ], | or backtick."""
    md = for_markdown(text)
    assert [md] == (md.splitlines() or [""])
    unescaped = md.replace("\\\\", "")
    for special in "[]|`*_#":
        assert unescaped.count(special) == unescaped.count("\\" + special)
    assert "<" not in md and ">" not in md


def test_xml_text_is_well_formed_in_content_and_attributes() -> None:
    """Every hostile text parses as XML content and as an attribute value, and reads back escaped."""
    for text in HOSTILE:
        root = ET.fromstring(f'<t a="{for_xml(text)}" b=\'{for_xml(text)}\'>{for_xml(text)}</t>')
        assert [for_terminal(text)] * 3 == [root.get("a"), root.get("b"), root.text]
