"""Write a synthetic snapshot N times the size of the packaged data.

Run it as::

    python benchmarks/synthetic.py --scale 100 --out /tmp/kzlr-100

Every record of the packaged JSON snapshot is written N times.  Copy 0 is the
record as packaged; copy k (k >= 1) has every id rewritten to ``…-xk`` (and
every reference to it, so the copies form N disjoint, valid datasets in one
snapshot), and every word of every name, alias and title suffixed with ``k``
(so names stay unique: "Kharkova" still names one person, and copy 7 of her is
"Larisa7 Kharkova7").  The checksum is stamped over the canonical files
written, so ``kz_labour_rights.load(DIR)`` accepts the snapshot, verifying it.

This is a benchmark input, not data: the copies' quotes are the originals',
which no longer hold their renamed names (``check`` says so, KZL040).
"""

import argparse
import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

from kz_labour_rights._dataset import RECORD_TYPES, canonical_json
from kz_labour_rights._resources import packaged_data
from kz_labour_rights.formats.json import _digest

# The fields that hold a name someone may look up (see record_names()).
_NAME_FIELDS = {"name", "aliases", "title"}
_WORD = re.compile(r"\w+")


def _packaged() -> Dict[str, Any]:
    root = packaged_data()
    files = {"meta.json": json.loads(root.joinpath("meta.json").read_text(encoding="utf-8"))}
    for name in ("redirects.json", *(t.file for t in RECORD_TYPES)):
        files[name] = json.loads(root.joinpath(name).read_text(encoding="utf-8"))
    return files


def _rewrite(value: Any, ids: Dict[str, str], suffix: str, in_name: bool = False) -> Any:
    """``value`` with every id renamed through ``ids`` and every name's words suffixed."""
    if isinstance(value, str):
        if in_name:
            return _WORD.sub(lambda m: m.group(0) + suffix, value)
        return ids.get(value, value)
    if isinstance(value, list):
        return [_rewrite(v, ids, suffix, in_name) for v in value]
    if isinstance(value, dict):
        # An inference about one alias names the alias: rename it with the list.
        names_item = value.get("field") in _NAME_FIELDS and "value" in value
        return {k: _rewrite(v, ids, suffix, in_name or k in _NAME_FIELDS or (names_item and k == "value"))
                for k, v in value.items()}
    return value


def copies(files: Dict[str, Any], scale: int) -> Iterator[Callable[[str], List[Any]]]:
    """For each copy k, a function giving the records of one file in copy k."""
    record_files = [f for f in files if f != "meta.json"]
    all_ids = [r.get("id", r.get("old")) for f in record_files for r in files[f]]
    for k in range(scale):
        if k == 0:
            yield lambda f: files[f]
            continue
        ids = {i: f"{i}-x{k}" for i in all_ids}
        yield lambda f, ids=ids, k=k: [_rewrite(r, ids, str(k)) for r in files[f]]


def write(scale: int, out: Path) -> Path:
    """Write the snapshot of ``scale`` copies into ``out`` (replaced if it exists); return ``out``."""
    if scale < 1:
        raise SystemExit("--scale must be at least 1")
    files = _packaged()
    merged: Dict[str, List[Any]] = {f: [] for f in files if f != "meta.json"}
    for copy in copies(files, scale):
        for f in merged:
            merged[f].extend(copy(f))
    texts = {}
    for f, records in merged.items():
        records.sort(key=lambda r: r.get("id", r.get("old")))
        texts[f] = canonical_json(records)
    # The checksum's framing, as the JSON reader computes it over files as read.
    meta = dict(files["meta.json"], checksum=_digest(texts))
    texts["meta.json"] = canonical_json(meta)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for name, text in texts.items():
        (tmp / name).write_text(text, encoding="utf-8")
    shutil.rmtree(out, ignore_errors=True)
    tmp.rename(out)
    return out


def main(argv: "List[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="how many copies of the packaged data")
    parser.add_argument("--out", type=Path, required=True, help="the snapshot directory to write (replaced)")
    args = parser.parse_args(argv)
    out = write(args.scale, args.out)
    size = sum(p.stat().st_size for p in out.iterdir())
    print(f"wrote {out}: {args.scale}x the packaged data, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
