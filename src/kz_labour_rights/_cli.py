"""The ``kz-labour-rights`` command line.

Every subcommand prints readable text, or JSON with ``--json``.  Unknown or
ambiguous names, and bad data, end with a message on stderr and exit
status 1 — never a traceback.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, TextIO

import attrs

from ._catalogue import write_catalogue
from ._checks import check
from ._collection import display_name
from ._converter import unstructure
from ._dataset import RECORD_TYPES, Dataset
from ._errors import KzLabourRightsError, UsageError
from ._diff import diff
from .formats import FORMATS, export
from ._coverage import as_json as coverage_json
from ._coverage import coverage, read_ignore_file
from ._load import load, read_snapshot, snapshot_files, write_snapshot
from ._model import Case, Citation, Event, LegalProvision, Membership, Organisation, Penalty, Person, Record

__all__ = ["main"]

_PROG = "kz-labour-rights"


def _dataset(args: argparse.Namespace) -> Dataset:
    return load(args.data)


def _emit_json(data: Any, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _links(ds: Dataset, record: Record) -> Dict[str, List[str]]:
    """Ids of the records linked to ``record``, by relation."""
    links: Dict[str, List[str]] = {}
    if isinstance(record, (Person, Organisation)):
        links["cases"] = [c.id for c in ds.cases_of(record)]
        links["memberships"] = [m.id for m in ds.memberships_of(record)]
        links["penalties"] = [p.id for p in ds.penalties_of(record)]
        links["events"] = [e.id for e in ds.timeline(record)]
    elif isinstance(record, Case):
        links["events"] = [e.id for e in ds.events_of(record)]
        links["penalties"] = [p.id for p in ds.penalties_of(record)]
    elif isinstance(record, LegalProvision):
        links["cases"] = [c.id for c in ds.cases_applying(record)]
    links["discrepancies"] = [d.id for d in ds.discrepancies_of(record)]
    return {k: v for k, v in links.items() if v}


def _label(ds: Dataset, record_id: str) -> str:
    record = ds.get(record_id)
    if isinstance(record, Event):
        return f"{record.date}  {record.kind.value}: {record.summary}"
    if isinstance(record, Membership):
        return f"{record.role}, {display_name(ds.organisations[record.organisation])} / {display_name(ds.people[record.person])}"
    if isinstance(record, Penalty):
        parts = [record.kind.value, str(record.term.describe()) if record.term else "", str(record.amount or "")]
        if record.per_year:
            parts.append("a year")
        return " ".join(p for p in parts if p) + (f" — {record.summary}" if record.summary else "")
    return display_name(record)


def _citation_lines(ds: Dataset, citations: Sequence[Citation]) -> List[str]:
    lines = []
    for n, c in enumerate(citations, 1):
        where = f", {c.locator}" if c.locator else ""
        lines.append(f"  [{n}] {ds.sources[c.source].title} ({c.source}{where})")
        lines.append(f"      \u201c{c.quote}\u201d")
    return lines


def _scalar(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_scalar(v)}" for k, v in value.items())
    return str(value)


def _cmd_info(args: argparse.Namespace, out: TextIO) -> int:
    from ._resources import packaged_version

    ds = _dataset(args)
    info = {
        "package_version": packaged_version(),
        "dataset_version": ds.version,
        "schema_version": ds.schema_version,
        "title": ds.meta.title,
        "license": ds.meta.license,
        "checksum": ds.checksum,
        "counts": ds.counts(),
    }
    if args.json:
        _emit_json(info, out)
        return 0
    out.write(f"{info['title']}\n")
    out.write(f"package {info['package_version']}, dataset {ds.version}, schema {ds.schema_version}, data licence {ds.meta.license}\n")
    out.write(f"content checksum {ds.checksum}\n")
    for name, n in ds.counts().items():
        out.write(f"  {name:<14}{n:>5}\n")
    return 0


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    record = ds.resolve(args.name)
    data = unstructure(record)
    links = _links(ds, record)
    if args.json:
        _emit_json({"record": data, "links": links}, out)
        return 0
    out.write(f"{display_name(record)}  ({record.id})\n")
    for key, value in data.items():
        if key not in ("id", "citations", "versions") and value not in ("", [], None):
            out.write(f"  {key}: {_scalar(value)}\n")
    for v in getattr(record, "versions", ()):
        span = f"{v.valid_from or '…'} to {v.valid_to or '…'}"
        out.write(f"  version {span}: {v.summary}\n")
    for relation, ids in links.items():
        out.write(f"{relation.capitalize()}:\n")
        for rid in ids:
            out.write(f"  {rid}  {_label(ds, rid)}\n")
    citations = getattr(record, "citations", ())
    if citations:
        out.write("Citations:\n")
        out.write("\n".join(_citation_lines(ds, citations)) + "\n")
    return 0


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    if args.type:
        matches = ds.collection(args.type).search(args.text, limit=args.limit)
    else:
        matches = ds.search(args.text, limit=args.limit)
    if args.json:
        _emit_json([{"id": m.record.id, "name": m.name, "score": m.score} for m in matches], out)
        return 0
    if not matches:
        out.write(f"no matches for {args.text!r}\n")
    for m in matches:
        out.write(f"{m.score:.2f}  {m.record.id:<45} {m.name}\n")
    return 0


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    record = ds.resolve(args.name)
    events = ds.timeline(record)
    if args.json:
        _emit_json({"entity": record.id, "events": [unstructure(e) for e in events]}, out)
        return 0
    out.write(f"Timeline of {display_name(record)} ({record.id}): {len(events)} events\n")
    for e in events:
        flag = "" if e.status.value == "occurred" else f" [{e.status.value}]"
        out.write(f"{str(e.date):<10}  {e.kind.value:<22} {e.summary}{flag}  ({e.id})\n")
    return 0


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    path = export(ds, args.format, args.out)
    files = sorted(p.name for p in path.iterdir() if not p.name.startswith(".")) if path.is_dir() else [path.name]
    if args.json:
        _emit_json({"format": args.format, "out": str(path), "files": files, "version": ds.version, "checksum": ds.checksum}, out)
    else:
        out.write(f"wrote dataset {ds.version} as {args.format} to {path} ({len(files)} file{'s' if len(files) != 1 else ''})\n")
    return 0


def _cmd_fmt(args: argparse.Namespace, out: TextIO) -> int:
    root = Path(args.dir)
    ds = read_snapshot(root, verify=False)
    stale = sorted(
        name for name, text in snapshot_files(ds).items()
        if not (root / name).is_file() or (root / name).read_text(encoding="utf-8") != text
    )
    if not args.check and stale:
        write_snapshot(ds, root)
    if args.json:
        _emit_json({"dir": str(root), "check": args.check, "not_canonical" if args.check else "rewritten": stale}, out)
    elif args.check:
        for name in stale:
            out.write(f"{root / name}: not canonical; run '{_PROG} fmt {root}' to rewrite it\n")
        if not stale:
            out.write(f"{root}: all files canonical\n")
    else:
        out.write(f"{root}: rewrote {len(stale)} file(s){': ' + ', '.join(stale) if stale else ''}\n")
    return 1 if args.check and stale else 0


def _cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    sources = Path(args.sources)
    if not sources.is_dir():
        raise UsageError(f"--sources {sources}: not a directory; pass the directory holding the source texts")
    ignore = read_ignore_file(Path(args.ignore) if args.ignore else None)
    report = coverage(ds, sources, ignore)
    gaps = sum(len(r.gaps) for r in report)
    if args.json:
        _emit_json({"sources": coverage_json(report), "gaps": gaps}, out)
    else:
        for r in report:
            out.write(
                f"{r.source} ({r.file}): {r.names_checked} names, {r.dates_checked} dates checked; "
                f"{len(r.events)} events cite it; {r.ignored} excused by the ignore file; {len(r.gaps)} gaps\n"
            )
            for g in r.gaps:
                extra = f" -> {', '.join(g.candidates)}" if g.candidates else ""
                out.write(f"  {g.kind:<14} {g.text!r}{extra}  … {g.context} …\n")
            if args.events:
                for e in r.events:
                    out.write(f"  event          {_label(ds, e)}\n")
    return 1 if gaps and args.strict else 0


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    report = check(ds)
    status = 0 if report.ok else 1
    if args.json:
        _emit_json({
            "ok": report.ok,
            "counts": {k: len(report.by_status(k)) for k in ("error", "warning", "explained", "info")},
            "findings": [attrs.asdict(f) | {"status": f.status} for f in report.findings],
            "explanations": {
                d.id: {"summary": d.summary, "status": d.status, "resolution": d.resolution}
                for d in ds.discrepancies if any(d.id in f.explained_by for f in report.findings)
            },
        }, out)
        return status
    labels = (("error", "errors"), ("warning", "warnings"), ("explained", "explained"), ("info", "verified"))
    counts = ", ".join(f"{len(report.by_status(k))} {label}" for k, label in labels)
    out.write(f"{_PROG} check {ds.version}: {counts}\n")
    titles = {"error": "Errors", "warning": "Warnings", "explained": "Explained by a discrepancy record", "info": "Verified computations"}
    for status_name in ("error", "warning", "explained", "info"):
        found = report.by_status(status_name)
        if not found:
            continue
        out.write(f"\n{titles[status_name]}:\n")
        for f in found:
            out.write(f"  {f.code} {f.message}\n")
            for did in f.explained_by:
                d = ds.discrepancies[did]
                out.write(f"      explained by {did} ({d.status}): {d.resolution or d.summary}\n")
    return status


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "(absent)"
    return text if len(text) <= 120 else text[:117] + "…"


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    old, new = load(args.old), load(args.new)
    result = diff(old, new)
    if args.json:
        _emit_json(result.to_json(), out)
        return 0
    counts = result.counts()
    out.write(f"{old.version} → {new.version}: " + ", ".join(f"{n} {k}" for k, n in counts.items()) + "\n")
    for f in result.meta:
        out.write(f"  meta.{f.field}: {_short(f.old)} → {_short(f.new)}\n")
    marks = {"added": "+", "removed": "-", "changed": "~", "retired": ">"}
    for r in result.records:
        line = f"{marks[r.change]} {r.id} ({r.collection}, {r.change})"
        if r.successor:
            line += f" → {r.successor}"
        out.write(line + "\n")
        for f in r.fields:
            out.write(f"    {f.field}: {_short(f.old)} → {_short(f.new)}\n")
    return 0


def _cmd_catalogue(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    written = write_catalogue(ds, Path(args.out))
    if args.json:
        _emit_json({"out": args.out, "files": len(written), "version": ds.version}, out)
    else:
        out.write(f"wrote the catalogue of dataset {ds.version} to {args.out} ({len(written)} files)\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_PROG, description="Query the kz-labour-rights dataset.")
    parser.add_argument("--data", metavar="DIR", help="read this exported snapshot instead of the packaged data")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        return p

    p = add("info", "package and dataset versions and record counts")
    p.set_defaults(func=_cmd_info)
    p = add("show", "one record with its links and citations")
    p.add_argument("name", metavar="NAME-OR-ID")
    p.set_defaults(func=_cmd_show)
    p = add("search", "fuzzy search over names and aliases")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--limit", type=int, default=10, help="at most this many results (default 10)")
    p.add_argument("--type", choices=["people", "organisations", "cases", "provisions", "sources"], help="search one collection only")
    p.set_defaults(func=_cmd_search)
    p = add("timeline", "every event involving a person, organisation or case, in date order")
    p.add_argument("name", metavar="NAME-OR-ID")
    p.set_defaults(func=_cmd_timeline)
    p = add("export", "write the dataset as JSON, CSV, a data package or SQLite; load(PATH) reads each back")
    p.add_argument("--format", choices=list(FORMATS), default="json", help="json snapshot, csv tables, a Frictionless datapackage, or an sqlite file (default json)")
    p.add_argument("--out", required=True, metavar="PATH", help="directory to write into (created if missing); for sqlite a .sqlite file or a directory")
    p.set_defaults(func=_cmd_export)
    p = add("diff", "what changed between two exports (snapshot, CSV/data-package directory or SQLite file)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(func=_cmd_diff)
    p = add("catalogue", "write Markdown pages with timeline figures (SVG), one per case and per person, for the docs")
    p.add_argument("--out", required=True, metavar="DIR")
    p.set_defaults(func=_cmd_catalogue)
    p = add("check", "consistency checks: dates in order, sentences and conversions add up (exit 1 on errors)")
    p.set_defaults(func=_cmd_check)
    p = add("fmt", "rewrite a snapshot directory in canonical form (or --check it)")
    p.add_argument("dir", metavar="DIR", help="the snapshot directory, e.g. src/kz_labour_rights/data")
    p.add_argument("--check", action="store_true", help="only list non-canonical files; exit 1 if there are any")
    p.set_defaults(func=_cmd_fmt)
    p = add("coverage", "per source text: names that do not resolve, dates no record carries, events citing it")
    p.add_argument("--sources", required=True, metavar="DIR", help="directory holding the source texts")
    p.add_argument("--ignore", metavar="FILE", help="names and dates excused, one 'text | reason' per line")
    p.add_argument("--events", action="store_true", help="also list the events citing each source")
    p.add_argument("--strict", action="store_true", help="exit 1 when there is any gap")
    p.set_defaults(func=_cmd_coverage)
    return parser


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    stream = out if out is not None else sys.stdout
    try:
        status: int = args.func(args, stream)
    except KzLabourRightsError as exc:
        sys.stderr.write(f"{_PROG}: error: {exc}\n")
        return 1
    except BrokenPipeError:
        return 0
    return status
