"""The worked examples in the docs run and give the figures they show."""

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_arithmetic_examples() -> None:
    """docs/arithmetic.md's examples reproduce 1,595,800 tenge, 158 days and Kharkova's end dates."""
    result = doctest.testfile(str(DOCS / "arithmetic.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_analysis_examples() -> None:
    """docs/analysis.md's pandas, Arrow and DuckDB examples run and give what they show (polars' are marked SKIP)."""
    for module, extra in (("pandas", "pandas"), ("pyarrow", "parquet"), ("duckdb", "test")):
        pytest.importorskip(module, reason=f'the analysis examples need {module}: pip install "kz-labour-rights[{extra}]"')
    result = doctest.testfile(str(DOCS / "analysis.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_graphs_examples() -> None:
    """docs/graphs.md's networkx and FtM examples run and give Kharkova's roles, case steps and dates as shown."""
    pytest.importorskip("networkx", reason="docs/graphs.md reads the GraphML export with networkx (in the test extra)")
    result = doctest.testfile(str(DOCS / "graphs.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (result.failed, result.attempted > 0)


def test_data_model_examples_parse() -> None:
    """Every JSON example in docs/data-model.md parses as the record type its heading names."""
    import json
    import re

    import kz_labour_rights
    from kz_labour_rights._converter import structure

    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    examples = []
    for chunk in text.split("\n### ")[1:]:
        name = chunk.split("\n", 1)[0].strip()
        block = re.search(r"```json\n(.*?)\n```", chunk, flags=re.S)
        if block:
            examples.append((name, block.group(1)))
    assert len(examples) >= 10
    for name, body in examples:
        structure(json.loads(body), getattr(kz_labour_rights, name))


def test_data_model_lists_every_enum_value() -> None:
    """The enumerations section names every value of every kind."""
    from kz_labour_rights import Bound, CaseKind, CountOf, DateOf, EventKind, EventStatus, OrgKind, PenaltyKind, RelationKind

    text = (DOCS / "data-model.md").read_text(encoding="utf-8")
    missing = [m.value for cls in (OrgKind, CaseKind, EventKind, EventStatus, PenaltyKind, RelationKind, DateOf, Bound, CountOf) for m in cls if f"`{m.value}`" not in text]
    assert [] == missing


def test_getting_started_python_runs() -> None:
    """Every Python block of docs/getting-started.md runs as written (lookups in Cyrillic and with titles included)."""
    import contextlib
    import io
    import re

    text = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    for block in blocks:
        with contextlib.redirect_stdout(io.StringIO()):
            exec(compile(block, "getting-started.md", "exec"), {})


def test_sqlite_examples_run(tmp_path: Path) -> None:
    """Every SQL query in docs/analysis-sqlite.md runs on an SQLite export and returns rows; the first gives Kharkova's events."""
    import re
    import sqlite3

    import pytest

    from kz_labour_rights import export, load
    from kz_labour_rights.formats.sqlite import has_fts5

    if not has_fts5():
        pytest.skip("this Python's SQLite has no FTS5: the examples search full-text tables")
    ds = load()
    con = sqlite3.connect(export(ds, "sqlite", tmp_path / "kz.sqlite"))
    queries = re.findall(r"```sql\n(.*?)\n```", (DOCS / "analysis-sqlite.md").read_text(encoding="utf-8"), flags=re.S)
    results = [con.execute(q).fetchall() for q in queries]
    con.close()
    assert len(queries) >= 5 and all(results), [q for q, r in zip(queries, results) if not r]
    kharkova = sorted((e for e in ds.events if "person:larisa-kharkova" in e.people), key=lambda e: (str(e.date), e.id))
    assert [(str(e.date), e.kind.value, e.summary) for e in kharkova] == [tuple(r) for r in results[0]]


# --- The built site: a quiet build, a clean API page, a tolerant search ------------------------------------------

def _hooks():  # type: ignore[no-untyped-def]
    """tools/mkdocs_hooks.py as a module (tools/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("kzlr_mkdocs_hooks", DOCS.parent / "tools" / "mkdocs_hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The docs site built with `mkdocs build --strict` from a copy of docs/ with a fresh catalogue: (site dir, stderr)."""
    import shutil
    import subprocess
    import sys

    pytest.importorskip("mkdocs", reason='building the site needs mkdocs: pip install "kz-labour-rights[docs]"')
    pytest.importorskip("mkdocstrings", reason='building the site needs mkdocstrings: pip install "kz-labour-rights[docs]"')
    from kz_labour_rights import load
    from kz_labour_rights._catalogue import write_catalogue

    root = DOCS.parent
    work = tmp_path_factory.mktemp("site-build")
    shutil.copytree(DOCS, work / "docs", ignore=shutil.ignore_patterns("catalogue"))
    write_catalogue(load(), work / "docs" / "catalogue")
    # Against an installed wheel there is no src/ beside the tests: mkdocstrings then reads the installed package.
    for name in ("mkdocs.yml", "src", "tools"):
        if (root / name).exists():
            (work / name).symlink_to(root / name)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(work / "site")],
                          cwd=work, capture_output=True, text=True, timeout=600)
    assert 0 == done.returncode, done.stderr
    return work / "site", done.stdout + done.stderr


def test_docs_build_prints_only_its_result(built_site) -> None:  # type: ignore[no-untyped-def]
    """`mkdocs build --strict` prints its three INFO lines (cleaning, building, built) and nothing else."""
    import re

    lines = built_site[1].splitlines()
    patterns = [r"INFO    -  Cleaning site directory", r"INFO    -  Building documentation to directory: .*",
                r"INFO    -  Documentation built in [\d.]+ seconds"]
    assert [True] * 3 == [bool(re.fullmatch(p, line)) for p, line in zip(patterns, lines)] and 3 == len(lines), lines


def test_api_page_reads_well(built_site) -> None:  # type: ignore[no-untyped-def]
    """The API page shows examples as code, not as quoted paragraphs; no raw Sphinx role; no long constant's value in a heading."""
    import html
    import re

    page = (built_site[0] / "api.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    headings = {m.group(1): " ".join(html.unescape(re.sub(r"<[^>]+>", " ", m.group(2))).split())
                for m in re.finditer(r'<h\d id="([\w.]+)" class="doc doc-heading">(.*?)</h\d>', page, flags=re.S)}
    assert ([], 0, 0) == (re.findall(r":(?:func|class|meth|data|mod|attr|exc|obj):", text),
                          page.count("<blockquote>\n<blockquote>"), len(re.findall(r"<p>&gt;&gt;&gt;", page)))
    assert ("CODES module-attribute", "MCI_TABLE module-attribute", "SCHEMA_VERSION = 3 module-attribute") == (
        headings["kz_labour_rights.CODES"], headings["kz_labour_rights.arithmetic.MCI_TABLE"],
        headings["kz_labour_rights.SCHEMA_VERSION"])
    # Every example is in a code block: as many "<pre>" holding ">>>" as docstrings with examples on the page.
    assert "Nurbek Kushakbaev" in text and len(re.findall(r"<pre[^>]*>(?:<span></span>)?(?:<code>)?<span class=\"gp\">&gt;&gt;&gt;", page)) >= 10


def test_search_index_holds_every_name(built_site) -> None:
    """Every name of every person, organisation and provision (aliases too) is in the search index; a person's or
    organisation's on their own page."""
    import json

    from kz_labour_rights import load, record_names
    from kz_labour_rights._catalogue import slug

    docs = json.loads((built_site[0] / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location = {d["location"]: " ".join((d["title"], d["text"], d.get("names", ""))) for d in docs}
    everything = "\n".join(by_location.values())
    ds = load()
    missing = [(r.id, n) for folder, records in (("people", ds.people), ("organisations", ds.organisations))
               for r in records for n in record_names(r)
               if n not in by_location.get(f"catalogue/{folder}/{slug(r.id)}.html", "")]
    missing += [(p.id, n) for p in ds.provisions for n in record_names(p) if n not in everything]
    assert [] == missing
    assert sum(len(record_names(r)) for r in (*ds.people, *ds.organisations, *ds.provisions)) > 300


def test_search_tolerates_spellings(built_site) -> None:  # type: ignore[no-untyped-def]
    """Run as the site's search worker runs it (lunr.js in node): "Kharkva", "Baltabai" and "Харькова" find
    Kharkova's and Baltabay's pages, and the typo finds the ten best pages of the name spelled right."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        pytest.skip("node is not installed: the site search's JavaScript cannot be run here")
    search = built_site[0] / "search"
    worker = (search / "worker.js").read_text(encoding="utf-8")
    query_js = worker[worker.index("// kz-labour-rights: tolerant queries"):]
    script = f"""
const lunr = require({json.dumps(str(search / "lunr.js"))});
const data = JSON.parse(require('fs').readFileSync({json.dumps(str(search / "search_index.json"))}, 'utf8'));
lunr.tokenizer.separator = new RegExp(data.config.separator);
{query_js}
const index = lunr(function () {{
  this.field('title'); this.field('text'); this.field('names'); this.ref('location');
  data.docs.forEach(d => this.add(d));
}});
const out = {{}};
for (const q of JSON.parse(process.argv[1])) {{
  out[q] = [...new Set(index.search(kzlrQuery(q)).map(r => r.ref.split('#')[0]))];
}}
console.log(JSON.stringify(out));
"""
    queries = ["Kharkva", "Kharkova", "Харькова", "Baltabai", "Baltabay"]
    done = subprocess.run([node, "-e", script, json.dumps(queries)], capture_output=True, text=True, timeout=300)
    assert "" == done.stderr
    found = json.loads(done.stdout)
    kharkova, baltabay = "catalogue/people/person-larisa-kharkova.html", "catalogue/people/person-erlan-baltabay.html"
    assert [True] * 5 == [kharkova in found[q][:3] for q in queries[:3]] + [baltabay in found[q][:3] for q in queries[3:]]
    # The typo finds what matters most to the name spelled right: its ten best pages.
    assert ([], []) == ([p for p in found["Kharkova"][:10] if p not in found["Kharkva"]], [p for p in found["Baltabay"][:10] if p not in found["Baltabai"]])


def test_worker_patch_needs_its_anchors() -> None:
    """The hook refuses a search worker it does not recognise instead of shipping an exact-word search."""
    hooks = _hooks()
    worker = "this.field('title');\n      this.field('text');\n  var results = index.search(query);\n"
    patched = hooks.patch_worker(worker)
    assert (True, True, True) == ("this.field('names');" in patched, "index.search(kzlrQuery(query))" in patched,
                                  '"х": "kh"' in patched)
    with pytest.raises(RuntimeError):
        hooks.patch_worker(worker.replace("index.search(query)", "idx.search(query)"))


def test_index_gains_other_spellings() -> None:
    """A page that writes "Baltabay" is found under "Baltabai" (a spelling of the data), and Kharkova's page under every alias."""
    hooks = _hooks()
    index = {"docs": [
        {"location": "catalogue/cases/x.html", "title": "A case", "text": "Baltabay is convicted."},
        {"location": "catalogue/cases/x.html#events", "title": "Events", "text": "Baltabay is convicted."},
        {"location": "catalogue/people/person-larisa-kharkova.html", "title": "Larisa Kharkova", "text": ""},
        {"location": "catalogue/index.html", "title": "Catalogue", "text": ""},
    ]}
    docs = hooks.expand_index(index)["docs"]
    assert ("baltabai", None) == (docs[0]["names"].split()[-1], docs[1].get("names"))
    assert ["Larisa Kharkova", "L. Kharkova", "Larisa Nilolayvna Kharkova"] == [
        n for n in ("Larisa Kharkova", "L. Kharkova", "Larisa Nilolayvna Kharkova") if n in docs[2]["names"]]
