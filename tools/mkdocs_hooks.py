"""MkDocs hooks for the docs site (run by `mkdocs build`, named in mkdocs.yml's `hooks:`).

The docstrings cross-reference in Sphinx's roles (``:func:`load```,
``:meth:`Collection.search```), which read well in ``help()`` but which
mkdocstrings prints as they are.  On the API reference page each role becomes
a link to the object's entry (or plain code where the page has no entry for
it), and ``~`` keeps only the last part of the name, as in Sphinx.

After the build, the site search is made to include every name of the data and
to tolerate the sources' spellings (see "Site search" below).  The hooks import
kz_labour_rights, so the docs are built where the package is installed.
"""

import json
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Set, Tuple

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


# --- Site search ------------------------------------------------------------
#
# The theme's search (lunr.js, run in search/worker.js over
# search/search_index.json) matches whole stemmed words: "Kharkva" found
# nothing and "Baltabai" 3 pages where "Baltabay" found 22.  After the build,
# the index gains a `names` field per entry, holding every name of a record on
# the record's page (people, organisations, provisions: aliases included) and,
# on every page mentioning a name, the other spellings of its words that the
# package folds together (Baltabay/Baltabai); and the worker turns each typed
# word into "word word* word~1" (prefix, and one edit for words of five
# letters or more), with Cyrillic letters spelled in Latin as the package
# does (Харькова → kharkova).  All of it stays in the site: nothing is fetched
# from another host.

# The worker lines the patch replaces; the build fails if the theme changes
# them, rather than silently shipping an exact-word search.
_FIELD_ANCHOR = "this.field('text');"
_SEARCH_ANCHOR = "var results = index.search(query);"
_WORD = re.compile(r"[^\W\d_]+")

QUERY_JS = r"""
// kz-labour-rights: tolerant queries (added by tools/mkdocs_hooks.py).
var kzlrCyrillic = %s;
function kzlrQuery (query) {
  // A query written in lunr's own syntax (field:, +, -, ~, ^, *) is left as typed.
  if (/[:+~^*]|(^|\s)-/.test(query)) {
    return query;
  }
  // Diacritics are dropped and Cyrillic spelled in Latin, as the package's name folding does.
  var plain = query.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  var latin = Array.from(plain).map(function (c) {
    return Object.prototype.hasOwnProperty.call(kzlrCyrillic, c) ? kzlrCyrillic[c] : c;
  }).join('');
  var clauses = [];
  latin.split(/[^a-z0-9]+/).forEach(function (word) {
    if (!word) {
      return;
    }
    clauses.push(word);
    if (word.length >= 3) {
      clauses.push(word + '*');
    }
    if (word.length >= 5) {
      clauses.push(word + '~1');
    }
  });
  return clauses.length ? clauses.join(' ') : query;
}
"""


def _record_pages() -> Iterable[Tuple[str, Tuple[str, ...], Tuple[str, ...]]]:
    """(id, candidate page locations, names) for every named record of the packaged data."""
    from kz_labour_rights import load, record_names
    from kz_labour_rights._catalogue import slug

    ds = load()
    for folder, records in (("people", ds.people), ("organisations", ds.organisations), ("provisions", ds.provisions)):
        for record in records:
            yield record.id, (f"catalogue/{folder}/{slug(record.id)}.html",), tuple(record_names(record))


def _spellings(names: Iterable[str]) -> Dict[str, List[str]]:
    """The Latin words of ``names`` (lower-cased) that the data spells more than one way, grouped by folded form."""
    from kz_labour_rights._names import name_key

    groups: Dict[str, Set[str]] = {}
    for name in names:
        for word in _WORD.findall(name.lower()):
            if word.isascii():
                groups.setdefault(name_key(word), set()).add(word)
    return {key: sorted(words) for key, words in groups.items() if len(words) > 1}


def expand_index(index: Dict[str, Any]) -> Dict[str, Any]:
    """``index`` (search_index.json) with each entry's ``names``: its record's names and the spellings of the names it mentions."""
    records = list(_record_pages())
    spellings = _spellings(n for _, _, names in records for n in names)
    by_word = {w: key for key, words in spellings.items() for w in words}
    docs = index["docs"]
    by_location = {d["location"]: d for d in docs}
    extra: Dict[str, List[str]] = {d["location"]: [] for d in docs}
    for record_id, locations, names in records:
        pages = [loc for loc in locations if loc in by_location]
        if not pages:
            # No page of its own (a provision, today): the pages naming its id carry its names.
            tail = record_id.split(":", 1)[1]
            pages = [d["location"] for d in docs if "#" not in d["location"] and (record_id in d["text"] or tail in d["text"])]
        for loc in pages or ["catalogue/index.html"]:
            extra.setdefault(loc, []).extend(names)
    for doc in docs:
        own = extra.get(doc["location"], [])
        # Spellings go on whole pages only: on a short section they would outweigh the words it holds.
        if "#" in doc["location"]:
            variants: Set[str] = set()
        else:
            words = set(_WORD.findall((doc["title"] + " " + doc["text"]).lower()))
            variants = {v for w in words if w in by_word for v in spellings[by_word[w]]} - words
        if own or variants:
            doc["names"] = " ".join(own + sorted(variants))
    return index


def patch_worker(js: str) -> str:
    """The theme's search worker, indexing ``names`` too and searching with :func:`kzlrQuery`."""
    from kz_labour_rights._names import CYRILLIC

    if _FIELD_ANCHOR not in js or _SEARCH_ANCHOR not in js:
        raise RuntimeError("search/worker.js has changed: tools/mkdocs_hooks.py can no longer make the search tolerant")
    js = js.replace(_FIELD_ANCHOR, _FIELD_ANCHOR + "\n      this.field('names');", 1)
    js = js.replace(_SEARCH_ANCHOR, "var results = index.search(kzlrQuery(query));", 1)
    return js + QUERY_JS % json.dumps(CYRILLIC, ensure_ascii=False, sort_keys=True)


def on_post_build(config: Any, **kwargs: Any) -> None:
    """Make the built site's search include every name and tolerate the sources' spellings."""
    search = Path(config["site_dir"]) / "search"
    index_path, worker_path = search / "search_index.json", search / "worker.js"
    if not index_path.is_file():  # the search plugin is off
        return
    index = expand_index(json.loads(index_path.read_text(encoding="utf-8")))
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    worker_path.write_text(patch_worker(worker_path.read_text(encoding="utf-8")), encoding="utf-8")
