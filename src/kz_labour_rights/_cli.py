"""The ``kz-labour-rights`` command line: a contract other tools can rely on.

Every subcommand prints readable text, or with ``--json`` (before or after
the command) one JSON document whose ``"shape"`` names its versioned layout,
``kz-labour-rights/<command>/<n>`` (JSON Schemas in ``docs/schemas/``).

Every failure is one line on stderr — a JSON object with ``--json`` — and
an exit status from :class:`Exit`; never a traceback (``KZLR_DEBUG=1``
adds one).  A closed stdout ends the run quietly with status 141.  Text
from the data or the user is shown with control characters escaped
(:func:`._escape.for_terminal`), and SIGTERM is turned into an interrupt so
that writers remove their temporary files.  docs/cli.md is the reference.
"""

import argparse
import contextlib
import enum
import errno
import os
import signal
import sys
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, NoReturn, Optional, Sequence, TextIO, Tuple

import attrs

from ._catalogue import write_catalogue
from ._claims import claims
from ._checks import check
from ._collection import display_name
from ._converter import unstructure
from ._coverage import as_json as coverage_json
from ._coverage import coverage, read_ignore_file
from ._dataset import Dataset
from ._diff import diff
from ._errors import AmbiguousNameError, DataError, KzLabourRightsError, NotFoundError, UsageError
from ._escape import for_terminal, json_dumps
from ._load import load, read_snapshot, snapshot_files, write_snapshot
from ._model import FACTS, Case, Citation, Event, InForce, LegalProvision, Membership, Organisation, Penalty, Person, ProvisionVersion, Record
from ._provenance import ValueSupport, excerpt, value_supports
from ._resources import packaged_version
from .formats import FORMATS, REGISTRY, export
from ._values import InvalidValueError

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["SHAPES", "Exit", "Terminated", "main"]

_PROG = "kz-labour-rights"
_ISSUES = "https://github.com/kz-labour-rights/kz-labour-rights/issues"
_DEBUG_VAR = "KZLR_DEBUG"


class Exit(enum.IntEnum):
    """The exit statuses, one meaning each (docs/cli.md has the table)."""

    OK = 0
    NOT_FOUND = 1
    """No record has that name or id, or the name is ambiguous."""
    USAGE = 2
    """A bad command line or argument."""
    INVALID_DATA = 3
    """The data read is malformed or inconsistent, or a value is invalid."""
    PROBLEMS_FOUND = 4
    """``check``, ``fmt --check`` or ``coverage --strict`` found something to fix."""
    IO_ERROR = 5
    """Reading or writing failed: a missing or read-only path, a full disk, an unencodable character."""
    INTERNAL = 70
    """A bug: please report it."""
    INTERRUPTED = 130
    """Ctrl-C or SIGTERM."""
    BROKEN_PIPE = 141
    """Whoever read stdout stopped reading (``… | head``); nothing is printed."""


SHAPES: Dict[str, int] = {
    name: 1
    for name in ("info", "show", "claims", "search", "timeline", "export", "diff", "catalogue", "check", "fmt", "coverage", "error")
}
"""The version of each command's JSON shape (and of the error object's):
additive changes keep it, any other change bumps it and is in the changelog."""


def _shape(name: str) -> str:
    return f"{_PROG}/{name}/{SHAPES[name]}"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every writer's clean-up runs."""


class _ArgumentsError(UsageError):
    """A command line argparse rejected."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are exceptions (reported by :func:`main` as
    one line, JSON with ``--json``) and whose help goes to :func:`main`'s stream."""

    stream: Optional[TextIO] = None

    def error(self, message: str) -> NoReturn:
        raise _ArgumentsError(f"{message} (see '{self.prog} --help')")

    def print_help(self, file: "Optional[SupportsWrite[str]]" = None) -> None:
        super().print_help(file if file is not None else self.stream)


class _Version(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: Any, option_string: Optional[str] = None) -> None:
        stream = parser.stream if isinstance(parser, _Parser) and parser.stream is not None else sys.stdout
        stream.write(f"{_PROG} {packaged_version()}\n")
        parser.exit()


# --- output


@contextlib.contextmanager
def _writing(out: TextIO) -> Iterator[None]:
    """Name the output in an error writing to it (a full disk under ``> file``)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None:
            exc.filename = getattr(out, "name", "the output")
        raise


def _emit(lines: Sequence[str], out: TextIO) -> None:
    """Write text lines; every text writer goes through here, so data cannot steer the terminal."""
    with _writing(out):
        out.write("".join(for_terminal(line) + "\n" for line in lines))


def _emit_json(command: str, data: Dict[str, Any], out: TextIO) -> None:
    with _writing(out):
        out.write(json_dumps({"shape": _shape(command), **data}, indent=2) + "\n")


# --- reading data


def _dataset(args: argparse.Namespace) -> Dataset:
    return load(args.data)


# --- the commands


def _links(ds: Dataset, record: Record) -> Dict[str, List[str]]:
    """Ids of the records linked to ``record``, by relation."""
    links: Dict[str, List[str]] = {}
    if isinstance(record, (Person, Organisation)):
        links["cases"] = [c.id for c in ds.cases_of(record)]
        links["memberships"] = [m.id for m in ds.memberships_of(record)]
        if isinstance(record, Person):
            links["penalties"] = [p.id for p in ds.penalties_of(record)]
        links["events"] = [e.id for e in ds.timeline(record)]
    elif isinstance(record, Case):
        links["events"] = [e.id for e in ds.events_of(record)]
        links["penalties"] = [p.id for p in ds.penalties_of(record)]
    elif isinstance(record, LegalProvision):
        links["cases"] = [c.id for c in ds.cases_applying(record)]
    direct = [d.id for d in ds.discrepancies_of(record)]
    links["discrepancies"] = direct
    links["related_discrepancies"] = [d.id for d in ds.discrepancies_of(record, related=True) if d.id not in direct]
    return {k: v for k, v in links.items() if v}


_LINK_LABELS = {"discrepancies": "Discrepancies", "related_discrepancies": "Discrepancies about its cases, events, penalties and roles"}


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
        _emit_json("info", info, out)
        return Exit.OK
    lines = [
        ds.meta.title,
        f"package {info['package_version']}, dataset {ds.version}, schema {ds.schema_version}, data licence {ds.meta.license}",
        f"content checksum {ds.checksum}",
    ]
    lines += [f"  {name:<14}{n:>5}" for name, n in ds.counts().items()]
    _emit(lines, out)
    return Exit.OK


def _support_line(ds: Dataset, record: Any, vs: ValueSupport) -> str:
    """One value and where it comes from, e.g. ``date: 2019-07-17 — stated in [1] ILO …: '…on 17 July 2019…'``."""
    obj = record.versions[int(vs.scope[9:-1])] if vs.scope else record
    label = f"{vs.scope} {vs.field}" if vs.scope else vs.field
    if vs.status == "stated":
        where = []
        for i in vs.citations:
            words = excerpt(vs.field, getattr(obj, vs.field), obj.citations[i])
            where.append(f"[{i + 1}]" + (f" \u2018{words}\u2019" if words else ""))
        return f"  {label}: {vs.value} \u2014 stated in {'; '.join(where)}"
    if vs.status in ("inferred", "derived"):
        basis = f" (from {', '.join(vs.basis)})" if vs.basis else ""
        return f"  {label}: {vs.value} \u2014 {vs.status}: {vs.reason}{basis}"
    return f"  {label}: {vs.value} \u2014 provenance unspecified (a schema-{ds.schema_version} snapshot)"


def _cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    record = ds.resolve(args.name)
    data = unstructure(record)
    links = _links(ds, record)
    supports = value_supports(record, schema=ds.schema_version)
    in_force = ds.provisions_in_force(record) if isinstance(record, Case) else ()
    if args.json:
        body = {"record": data, "links": links, "values": [unstructure(v) for v in supports]}
        if in_force:
            body["in_force"] = [_in_force_json(ds, a) for a in in_force]
        _emit_json("show", body, out)
        return Exit.OK
    facts = set(FACTS.get(type(record), ()))
    lines = [f"{display_name(record)}  ({record.id})"]
    lines += [
        f"  {key}: {_scalar(value)}" for key, value in data.items()
        if key not in ("id", "citations", "versions", "inferred", "derived", *facts) and value not in ("", [], None)
    ]
    if supports:
        lines.append("Values, and where each comes from:")
        lines += [_support_line(ds, record, vs) for vs in supports]
    for i, v in enumerate(getattr(record, "versions", ())):
        lines.append(f"  versions[{i}] {v.valid_from or '…'} to {v.valid_to or '…'}: {v.summary}")
        lines += ["  " + line for line in _citation_lines(ds, v.citations)]
    for relation, ids in links.items():
        lines.append(_LINK_LABELS.get(relation, relation.capitalize()) + ":")
        lines += [f"  {rid}  {_label(ds, rid)}" for rid in ids]
    if in_force:
        lines.append("Law in force at each decision:")
        lines += [_in_force_line(ds, a) for a in in_force]
    citations = getattr(record, "citations", ())
    if citations:
        lines += ["Citations:", *_citation_lines(ds, citations)]
    _emit(lines, out)
    return Exit.OK


def _wording(provision: LegalProvision, version: ProvisionVersion) -> str:
    return f"versions[{provision.versions.index(version)}] from {version.valid_from or 'the start'}"


def _in_force_line(ds: Dataset, answer: InForce) -> str:
    """``2019-07-17 verdict, art. 41 …: versions[1] from 2018-07-12 — may have applied; …``."""
    provision = ds.provisions[answer.provision]
    event = ds.events[answer.event] if answer.event else None
    head = f"  {answer.date}" + (f" {event.kind.value}" if event else "") + f", {display_name(provision)} ({provision.id}): "
    parts = [f"{_wording(provision, v)} — in force" for v in answer.certain]
    parts += [f"{_wording(provision, v)} — may have applied" for v in answer.possible]
    if answer.unrecorded:
        parts.append("a wording the data does not hold may have applied" if provision.versions else "no dated wording recorded")
    return head + "; ".join(parts)


def _in_force_json(ds: Dataset, answer: InForce) -> Dict[str, Any]:
    versions = ds.provisions[answer.provision].versions
    return {
        "event": answer.event, "provision": answer.provision, "date": str(answer.date),
        "certain": [versions.index(v) for v in answer.certain],
        "possible": [versions.index(v) for v in answer.possible],
        "unrecorded": answer.unrecorded,
    }


def _cmd_claims(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    record = ds.resolve(args.name)
    groups = claims(ds, record)
    if args.json:
        _emit_json("claims", {"record": record.id, "groups": [unstructure(g) for g in groups]}, out)
        return Exit.OK
    lines = [f"Claims about {display_name(record)}  ({record.id})"]
    for g in groups:
        if g.field.startswith("discrepancy:"):
            lines.append(f"{g.field} ({g.status}):")
        else:
            verdict = "" if g.status == "agree" else f" \u2014 {len(g.values)} values differ"
            lines.append(f"{g.field}{verdict}:")
        for c in g.claims:
            words = f" \u201c{c.quote}\u201d" if c.quote else ""
            holder = "" if c.record in (record.id, g.field) else f"  [{c.record}]"
            lines.append(f"  {c.value} \u2014 {c.status}, {c.by}{holder}:{words}" if words else f"  {c.value} \u2014 {c.status}, {c.by}{holder}")
    _emit(lines, out)
    return Exit.OK


def _cmd_search(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    if args.type:
        matches = ds.collection(args.type).search(args.text, limit=args.limit)
    else:
        matches = ds.search(args.text, limit=args.limit)
    if args.json:
        found = [{"id": m.record.id, "name": m.name, "score": m.score} for m in matches]
        _emit_json("search", {"query": args.text, "type": args.type, "limit": args.limit, "matches": found}, out)
        return Exit.OK
    lines = [f"{m.score:.2f}  {m.record.id:<45} {m.name}" for m in matches] or [f"no matches for {args.text!r}"]
    _emit(lines, out)
    return Exit.OK


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    record = ds.resolve(args.name)
    events = ds.timeline(record)
    if args.json:
        _emit_json("timeline", {"entity": record.id, "events": [unstructure(e) for e in events]}, out)
        return Exit.OK
    lines = [f"Timeline of {display_name(record)} ({record.id}): {len(events)} events"]
    for e in events:
        flag = "" if e.status.value == "occurred" else f" [{e.status.value}]"
        lines.append(f"{str(e.date):<10}  {e.kind.value:<22} {e.summary}{flag}  ({e.id})")
    _emit(lines, out)
    return Exit.OK


def _cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    path = export(ds, args.format, args.out, force=args.force)
    # A file export may have files beside it (SQLite's Datasette metadata).
    beside = [p.name for p in REGISTRY[args.format].sidecars(path).values()] if path.is_file() else []
    files = sorted(p.name for p in path.iterdir() if not p.name.startswith(".")) if path.is_dir() else [path.name, *beside]
    if args.json:
        _emit_json("export", {"format": args.format, "out": str(path), "files": files, "version": ds.version, "checksum": ds.checksum}, out)
    else:
        _emit([f"wrote dataset {ds.version} as {args.format} to {path} ({len(files)} file{'s' if len(files) != 1 else ''})"], out)
    return Exit.OK


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
        _emit_json("fmt", {"dir": str(root), "check": args.check, "not_canonical" if args.check else "rewritten": stale}, out)
    elif args.check:
        lines = [f"{root / name}: not canonical; run '{_PROG} fmt {root}' to rewrite it" for name in stale]
        _emit(lines or [f"{root}: all files canonical"], out)
    else:
        _emit([f"{root}: rewrote {len(stale)} file(s){': ' + ', '.join(stale) if stale else ''}"], out)
    return Exit.PROBLEMS_FOUND if args.check and stale else Exit.OK


def _cmd_coverage(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    sources = Path(args.sources)
    if not sources.is_dir():
        raise UsageError(f"--sources {sources}: not a directory; pass the directory holding the source texts")
    ignore = read_ignore_file(Path(args.ignore) if args.ignore else None)
    report = coverage(ds, sources, ignore)
    gaps = sum(len(r.gaps) for r in report)
    if args.json:
        _emit_json("coverage", {"sources": coverage_json(report), "gaps": gaps}, out)
    else:
        lines = []
        for r in report:
            lines.append(
                f"{r.source} ({r.file}): {r.names_checked} names, {r.dates_checked} dates checked; "
                f"{len(r.events)} events cite it; {r.ignored} excused by the ignore file; {len(r.gaps)} gaps"
            )
            for g in r.gaps:
                extra = f" -> {', '.join(g.candidates)}" if g.candidates else ""
                lines.append(f"  {g.kind:<14} {g.text!r}{extra}  … {g.context} …")
            if args.events:
                lines += [f"  event          {_label(ds, e)}" for e in r.events]
        _emit(lines, out)
    return Exit.PROBLEMS_FOUND if gaps and args.strict else Exit.OK


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    report = check(ds)
    status = Exit.OK if report.ok else Exit.PROBLEMS_FOUND
    if args.json:
        _emit_json("check", {
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
    lines = [f"{_PROG} check {ds.version}: {counts}"]
    titles = {"error": "Errors", "warning": "Warnings", "explained": "Explained by a discrepancy record", "info": "Verified computations"}
    for status_name in ("error", "warning", "explained", "info"):
        found = report.by_status(status_name)
        if not found:
            continue
        lines += ["", f"{titles[status_name]}:"]
        for f in found:
            lines.append(f"  {f.code} {f.message}")
            for did in f.explained_by:
                d = ds.discrepancies[did]
                lines.append(f"      explained by {did} ({d.status}): {d.resolution or d.summary}")
    _emit(lines, out)
    return status


def _short(value: Any) -> str:
    text = json_dumps(value) if value is not None else "(absent)"
    return text if len(text) <= 120 else text[:117] + "…"


def _cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    old, new = load(args.old), load(args.new)
    result = diff(old, new)
    if args.json:
        _emit_json("diff", result.to_json(), out)
        return Exit.OK
    counts = result.counts()
    lines = [f"{old.version} → {new.version}: " + ", ".join(f"{n} {k}" for k, n in counts.items())]
    lines += [f"  meta.{f.field}: {_short(f.old)} → {_short(f.new)}" for f in result.meta]
    marks = {"added": "+", "removed": "-", "changed": "~", "retired": ">"}
    for r in result.records:
        lines.append(f"{marks[r.change]} {r.id} ({r.collection}, {r.change})" + (f" → {r.successor}" if r.successor else ""))
        lines += [f"    {f.field}: {_short(f.old)} → {_short(f.new)}" for f in r.fields]
    _emit(lines, out)
    return Exit.OK


def _cmd_catalogue(args: argparse.Namespace, out: TextIO) -> int:
    ds = _dataset(args)
    written = write_catalogue(ds, Path(args.out), force=args.force)
    if args.json:
        _emit_json("catalogue", {"out": args.out, "files": len(written), "version": ds.version}, out)
    else:
        _emit([f"wrote the catalogue of dataset {ds.version} to {args.out} ({len(written)} files)"], out)
    return Exit.OK


def _count(text: str) -> int:
    """``--limit``: a whole number, at least 1."""
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number; pass 1 or more") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is less than 1; pass 1 or more")
    return n


def _parser(stream: TextIO) -> _Parser:
    parser = _Parser(prog=_PROG, description="Query the kz-labour-rights dataset.", allow_abbrev=False)
    parser.stream = stream
    parser.add_argument("--version", action=_Version)
    parser.add_argument("--data", metavar="DIR", help="read this exported snapshot instead of the packaged data")
    # A separate dest: a subparser's default would overwrite the value set before the command.
    parser.add_argument("--json", dest="json_first", action="store_true", help="print JSON instead of text (also after the command)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help: str) -> _Parser:
        p: _Parser = sub.add_parser(name, help=help, description=help, allow_abbrev=False)
        p.stream = stream
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        return p

    p = add("info", "package and dataset versions and record counts")
    p.set_defaults(func=_cmd_info)
    p = add("show", "one record: each value with where it comes from, its links and citations")
    p.add_argument("name", metavar="NAME-OR-ID")
    p.set_defaults(func=_cmd_show)
    p = add("claims", "every cited statement bearing on a record, field by field, and the sides of its conflicts")
    p.add_argument("name", metavar="NAME-OR-ID")
    p.set_defaults(func=_cmd_claims)
    p = add("search", "fuzzy search over names and aliases")
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--limit", type=_count, default=10, help="at most this many results, 1 or more (default 10)")
    p.add_argument("--type", choices=["people", "organisations", "cases", "provisions", "sources"], help="search one collection only")
    p.set_defaults(func=_cmd_search)
    p = add("timeline", "every event involving a person, organisation or case, in date order")
    p.add_argument("name", metavar="NAME-OR-ID")
    p.set_defaults(func=_cmd_timeline)
    p = add("export", "write the dataset as JSON, CSV, a data package or SQLite; load(PATH) reads each back")
    p.add_argument("--format", choices=list(FORMATS), default="json", help="json snapshot, csv tables, a Frictionless datapackage, an sqlite file (with Datasette metadata), typed parquet tables, a graphml network or ftm entities (default json)")
    p.add_argument("--out", required=True, metavar="PATH", help="directory to write into (created if missing); for sqlite, graphml and ftm a file, or a directory to hold kz-labour-rights.sqlite/.graphml/.ftm.json")
    p.add_argument("--force", action="store_true", help="replace PATH even when it holds something other than an export of this format")
    p.set_defaults(func=_cmd_export)
    p = add("diff", "what changed between two exports (snapshot, CSV/data-package directory or SQLite file)")
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.set_defaults(func=_cmd_diff)
    p = add("catalogue", "write Markdown pages with timeline figures (SVG), one per case, person and organisation, for the docs")
    p.add_argument("--out", required=True, metavar="DIR", help="the catalogue directory; it is replaced as a whole")
    p.add_argument("--force", action="store_true", help="replace DIR even when it is not empty and not a catalogue")
    p.set_defaults(func=_cmd_catalogue)
    p = add("check", f"consistency checks: dates in order, sentences and conversions add up (exit {Exit.PROBLEMS_FOUND:d} on errors)")
    p.set_defaults(func=_cmd_check)
    p = add("fmt", "rewrite a snapshot directory in canonical form (or --check it)")
    p.add_argument("dir", metavar="DIR", help="the snapshot directory, e.g. src/kz_labour_rights/data")
    p.add_argument("--check", action="store_true", help=f"only list non-canonical files; exit {Exit.PROBLEMS_FOUND:d} if there are any")
    p.set_defaults(func=_cmd_fmt)
    p = add("coverage", "per source text: names that do not resolve, dates no record carries, events citing it")
    p.add_argument("--sources", required=True, metavar="DIR", help="directory holding the source texts")
    p.add_argument("--ignore", metavar="FILE", help="names and dates excused, one 'text | reason' per line")
    p.add_argument("--events", action="store_true", help="also list the events citing each source")
    p.add_argument("--strict", action="store_true", help=f"exit {Exit.PROBLEMS_FOUND:d} when there is any gap")
    p.set_defaults(func=_cmd_coverage)
    return parser


# --- failures


_OS_HINTS = {
    errno.ENOSPC: "free some space or write elsewhere",
    errno.EACCES: "choose a location you may write to",
    errno.EPERM: "choose a location you may write to",
    errno.EROFS: "the file system is read-only; write elsewhere",
    errno.ENOENT: "check the path",
    errno.ENOTDIR: "a part of the path is a file, not a directory; choose another path",
    errno.EEXIST: "a file is in the way; choose another path",
    errno.EISDIR: "a directory is in the way; choose another path",
}


def _os_message(exc: OSError) -> str:
    where = " and ".join(str(f) for f in (exc.filename, exc.filename2) if f is not None)
    what = exc.strerror or str(exc) or type(exc).__name__
    hint = _OS_HINTS.get(exc.errno or 0, "")
    return f"{where + ': ' if where else ''}{what}" + (f"; {hint}" if hint else "")


def _jsonable(value: object) -> Any:
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _describe(exc: BaseException) -> Tuple[Exit, str, Dict[str, Any]]:
    """The exit status, the one-line message and the structured fields for ``exc``."""
    if isinstance(exc, Terminated):
        return Exit.INTERRUPTED, "terminated (SIGTERM); nothing was left half-written", {}
    if isinstance(exc, KeyboardInterrupt):
        return Exit.INTERRUPTED, "interrupted; nothing was left half-written", {}
    if isinstance(exc, NotFoundError):
        return Exit.NOT_FOUND, str(exc), {"query": exc.query, "collection": exc.collection, "suggestions": list(exc.suggestions)}
    if isinstance(exc, AmbiguousNameError):
        return Exit.NOT_FOUND, str(exc), {"query": exc.query, "collection": exc.collection, "candidates": list(exc.candidates)}
    if isinstance(exc, UsageError):
        return Exit.USAGE, str(exc), {}
    if isinstance(exc, DataError):
        shown = "; ".join(str(p) for p in exc.problems[:5])
        more = f"; and {len(exc.problems) - 5} more (--json lists them all)" if len(exc.problems) > 5 else ""
        message = f"{len(exc.problems)} problem(s) in the dataset files: {shown}{more}"
        return Exit.INVALID_DATA, message, {"problems": [attrs.asdict(p) for p in exc.problems]}
    if isinstance(exc, InvalidValueError):
        return Exit.INVALID_DATA, str(exc), {"value": _jsonable(exc.value), "expected": exc.expected}
    if isinstance(exc, KzLabourRightsError):  # a kind of error added later: its builtin decides
        return (Exit.NOT_FOUND if isinstance(exc, LookupError) else Exit.INVALID_DATA), str(exc), {}
    if isinstance(exc, OSError):
        return Exit.IO_ERROR, _os_message(exc), {"errno": exc.errno, "filename": _jsonable(exc.filename)}
    if isinstance(exc, UnicodeEncodeError):
        return Exit.IO_ERROR, f"cannot write {exc.object[exc.start:exc.end]!r} as {exc.encoding}; set PYTHONIOENCODING=utf-8", {}
    if isinstance(exc, UnicodeError):
        return Exit.IO_ERROR, f"cannot read text: {exc}; save the file as UTF-8", {}
    detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return Exit.INTERNAL, f"internal error: {detail} — please report it at {_ISSUES} ({_DEBUG_VAR}=1 shows the traceback)", {}


def _settle(stream: TextIO) -> None:
    """Flush ``stream``; if stdout cannot take the output, point it at the null
    device, so that the interpreter's own flush at exit adds no second message
    (and no exit status 120)."""
    try:
        stream.flush()
    except (OSError, ValueError):
        if stream is sys.stdout:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, stream.fileno())
                os.close(devnull)


def _fail(exc: BaseException, as_json: bool, stream: TextIO) -> int:
    _settle(stream)
    if isinstance(exc, BrokenPipeError):  # also what OSError(EPIPE) is
        return Exit.BROKEN_PIPE
    status, message, fields = _describe(exc)
    if as_json:
        kind = "UsageError" if isinstance(exc, _ArgumentsError) else type(exc).__name__
        line = json_dumps({"shape": _shape("error"), "error": {"type": kind, "message": message, "exit_code": int(status), **fields}})
    else:
        line = for_terminal(f"{_PROG}: {'' if status == Exit.INTERNAL else 'error: '}{message}")
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(line + "\n")
        if os.environ.get(_DEBUG_VAR, "") not in ("", "0"):
            traceback.print_exception(type(exc), exc, exc.__traceback__, file=sys.stderr)
        sys.stderr.flush()
    return status


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Turn SIGTERM into :class:`Terminated` while the command runs (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        # None: a handler not set from Python, which cannot be put back; use the default.
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _run(argv: List[str], stream: TextIO) -> int:
    # Until the command line is parsed, "--json" anywhere asks for JSON errors.
    as_json = "--json" in argv
    try:
        try:
            args = _parser(stream).parse_args(argv)
        except SystemExit as exc:  # --help or --version, already printed
            status = exc.code if isinstance(exc.code, int) else Exit.OK
        except (TypeError, ValueError) as exc:
            if isinstance(exc, KzLabourRightsError):
                raise
            raise _ArgumentsError(f"bad arguments: {exc}") from exc
        else:
            as_json = bool(args.json or args.json_first)
            args.json = as_json
            status = args.func(args, stream)
        with _writing(stream):
            stream.flush()
        return int(status)
    except BaseException as exc:  # noqa: BLE001 - every failure becomes one line and an exit status
        return _fail(exc, as_json, stream)


def main(argv: Optional[Sequence[str]] = None, out: Optional[TextIO] = None) -> int:
    """Run the command line; returns the exit status (see :class:`Exit`).

    Args:
        argv: the arguments, without the program name (default ``sys.argv[1:]``).
        out: where the output goes (default stdout); errors go to stderr.
    """
    stream = out if out is not None else sys.stdout
    with _sigterm_interrupts():
        return _run(list(sys.argv[1:] if argv is None else argv), stream)
