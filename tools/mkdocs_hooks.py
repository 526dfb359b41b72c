"""MkDocs hooks for the docs site (run by `mkdocs build`, named in mkdocs.yml's `hooks:`).

The docstrings cross-reference in Sphinx's roles (``:func:`load```,
``:meth:`Collection.search```), which read well in ``help()`` but which
mkdocstrings prints as they are.  On the API reference page each role becomes
a link to the object's entry (or plain code where the page has no entry for
it), and ``~`` keeps only the last part of the name, as in Sphinx.
"""

import re
from typing import Any, Set

_ROLE = re.compile(r":(?:func|class|meth|data|mod|attr|exc|obj):<code>(~?)\.?([\w.]+)(\(\))?</code>")
_ID = re.compile(r'id="([\w.]+)"')
_PACKAGES = ("", "kz_labour_rights.", "kz_labour_rights.arithmetic.")


def _link(match: "re.Match[str]", ids: Set[str]) -> str:
    tilde, name, call = match.group(1), match.group(2), match.group(3) or ""
    shown = (name.rsplit(".", 1)[-1] if tilde else name) + call
    for prefix in _PACKAGES:
        target = prefix + name
        if target in ids:
            return f'<a href="#{target}"><code>{shown}</code></a>'
    return f"<code>{shown}</code>"


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Turn the Sphinx roles mkdocstrings left in a page into links or code."""
    if ":<code>" not in html:
        return html
    ids = set(_ID.findall(html))
    return _ROLE.sub(lambda m: _link(m, ids), html)
