"""Merge curation staging directories into a snapshot, then validate it.

Usage::

    python tools/merge_staging.py BASE_DIR OUT_DIR STAGING_DIR...   # merge, write, validate
    python tools/merge_staging.py --check BASE_DIR STAGING_DIR...   # validate only

Each staging directory holds per-type JSON lists (``people.json`` …) in the
snapshot format.  A record whose id already exists is merged into it: list
fields are unioned (citations by source and quote), empty scalar fields are
filled in, and a differing scalar is reported rather than overwritten.  The
merged snapshot is then loaded by the strict loader and every quote is
checked word for word against the source texts (``--sources``, default
``../shared/sources``).
"""

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Dict, List

from kz_labour_rights._dataset import RECORD_TYPES
from kz_labour_rights._errors import DataError
from kz_labour_rights._load import read_snapshot, write_snapshot

_WS = re.compile(r"\s+")
LIST_FIELDS = ("aliases", "citations", "people", "organisations", "courts", "provisions", "records", "versions")


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _key(item: Any) -> str:
    if isinstance(item, dict) and "quote" in item:
        return item["source"] + "|" + norm(item["quote"])
    return json.dumps(item, sort_keys=True)


def merge_record(base: Dict[str, Any], new: Dict[str, Any], conflicts: List[str], where: str) -> None:
    for field, value in new.items():
        if field in LIST_FIELDS:
            have = base.setdefault(field, [])
            keys = {_key(x) for x in have}
            for x in value:
                if field == "aliases" and (x == base.get("name") or x in have):
                    continue
                if _key(x) not in keys:
                    have.append(x)
                    keys.add(_key(x))
        elif field not in base or base[field] in ("", None):
            base[field] = value
        elif base[field] != value and field not in ("description", "summary", "title"):
            conflicts.append(f"{where} {base['id']}.{field}: kept {base[field]!r}, staging has {value!r}")


def merge(base_dir: Path, staging: List[Path]) -> "tuple[Dict[str, List[Dict[str, Any]]], List[str]]":
    data: Dict[str, List[Dict[str, Any]]] = {}
    for t in RECORD_TYPES:
        f = base_dir / f"{t.name}.json"
        data[t.name] = json.loads(f.read_text(encoding="utf-8")) if f.exists() else []
    conflicts: List[str] = []
    for d in staging:
        for t in RECORD_TYPES:
            f = d / f"{t.name}.json"
            if not f.exists():
                continue
            try:
                items = json.loads(f.read_text(encoding="utf-8"))
            except json.JSONDecodeError as e:
                conflicts.append(f"{f}: invalid JSON: {e}")
                continue
            index = {r["id"]: r for r in data[t.name]}
            for r in items:
                if r.get("id") in index:
                    merge_record(index[r["id"]], r, conflicts, str(f))
                else:
                    data[t.name].append(r)
                    index[r.get("id")] = r
    return data, conflicts


def quote_problems(out: Path, sources: Path) -> List[str]:
    ds = read_snapshot(out)
    texts = {s.id: norm((sources / s.file).read_text(encoding="utf-8")) for s in ds.sources}
    bad = []
    for t in RECORD_TYPES:
        for r in ds.collection(t.name):
            cites = list(getattr(r, "citations", ()))
            for v in getattr(r, "versions", ()):
                cites.extend(v.citations)
            for c in cites:
                if norm(c.quote) not in texts.get(c.source, ""):
                    bad.append(f"{r.id}: quote not verbatim in {c.source}: {c.quote!r}")
                if len(c.quote) > 400:
                    bad.append(f"{r.id}: quote longer than 400 characters")
    return bad


def main(argv: "List[str] | None" = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--check", action="store_true")
    p.add_argument("--sources", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "sources")
    p.add_argument("dirs", nargs="+", type=Path)
    a = p.parse_args(argv)
    base = a.dirs[0]
    if a.check:
        out, staging = Path(tempfile.mkdtemp()), a.dirs[1:]
    else:
        out, staging = a.dirs[1], a.dirs[2:]
        out.mkdir(parents=True, exist_ok=True)
    data, conflicts = merge(base, staging)
    raw = Path(tempfile.mkdtemp())
    meta = json.loads((base / "meta.json").read_text(encoding="utf-8"))
    meta.pop("checksum", None)  # the merged records get a new checksum when written
    (raw / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    if (base / "redirects.json").exists():
        (raw / "redirects.json").write_text((base / "redirects.json").read_text(encoding="utf-8"), encoding="utf-8")
    for name, items in data.items():
        (raw / f"{name}.json").write_text(json.dumps(items, ensure_ascii=False, indent=2), encoding="utf-8")
    for c in conflicts:
        print("CONFLICT", c)
    try:
        write_snapshot(read_snapshot(raw), out)
    except DataError as e:
        print(e)
        return 1
    bad = quote_problems(out, a.sources)
    for b in bad:
        print("QUOTE", b)
    if bad:
        return 1
    print("OK", read_snapshot(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
