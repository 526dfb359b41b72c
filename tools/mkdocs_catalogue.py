"""MkDocs hook that puts the generated catalogue's home part into the site's home page (named in mkdocs.yml's `hooks:`).

`kz-labour-rights catalogue --out docs/catalogue` writes `docs/catalogue/home.md`: the picture of the record,
the counts, the ways in, the dataset version and checksum, and how to cite — facts of the data, so generated,
not written by hand.  `docs/index.md` marks where they go with `<!-- catalogue:home -->`; this hook replaces
the mark with that file, its relative links re-rooted from the catalogue's folder to the site's root.  The
file itself is excluded from the build (`exclude_docs`), so it is not also a page of its own.
"""

import posixpath
import re
from pathlib import Path
from typing import Any

MARK = "<!-- catalogue:home -->"
# Markdown links, and the links of the figures drawn into the page (raw HTML, which MkDocs leaves as written).
_LINK = re.compile(r'(\]\(|href=")([^)"#][^)"]*)')


def _reroot(match: "re.Match[str]") -> str:
    opening, target = match.groups()
    if re.match(r"^[a-z]+:", target) or target.startswith("/"):
        return match.group(0)
    rerooted = posixpath.normpath(posixpath.join("catalogue", target))
    if opening == 'href="' and target.endswith(".md"):
        rerooted = rerooted[:-3] + ".html"
    return opening + rerooted


def on_page_markdown(markdown: str, page: Any, config: Any, **kwargs: Any) -> str:
    """Replace the home page's mark with the catalogue's home part."""
    if page.file.src_uri != "index.md" or MARK not in markdown:
        return markdown
    home = Path(config["docs_dir"]) / "catalogue" / "home.md"
    if not home.is_file():
        raise FileNotFoundError(f"{home} is missing: run `kz-labour-rights catalogue --out docs/catalogue` before building the docs")
    return markdown.replace(MARK, _LINK.sub(_reroot, home.read_text(encoding="utf-8")))
