"""Export and load time, and size on disk, of each export format of the packaged dataset (1x).

Run it from a checkout with the formats' extras installed::

    pip install -e ".[parquet,pandas]"
    python benchmarks/formats.py             # every available format, median of 5
    python benchmarks/formats.py --repeat 9 json parquet

Each format is exported ``--repeat`` times and loaded back as many times (with
the checksum verified, as ``load(PATH)`` always does; a write-only format such
as GraphML or FtM is not loaded, and its load columns show "—"); the table
gives the medians, their ratio to JSON's, and the export's size (bytes of its
files).
``to_arrow``/``to_pandas`` rows time the in-memory conversions.  The
dataset is loaded once before timing; times never appear in tests.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, List, Optional


def _median(fn: Callable[[], Any], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("formats", nargs="*", help="formats to measure (default: every available one)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)

    import kz_labour_rights
    from kz_labour_rights.formats import REGISTRY

    ds = kz_labour_rights.load()
    names = args.formats or [n for n, f in REGISTRY.items() if getattr(f, "available", lambda: True)()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            fmt = REGISTRY[name]
            out = Path(tmp) / name / ("x" + getattr(fmt, "suffix", ".sqlite") if not fmt.directory else "x")
            out.parent.mkdir()
            path = kz_labour_rights.export(ds, name, out)
            readable = getattr(fmt, "readable", True)
            if readable:
                kz_labour_rights.load(path)  # warm: imports, caches
            export = _median(lambda: kz_labour_rights.export(ds, name, out), args.repeat)
            load = _median(lambda: kz_labour_rights.load(path), args.repeat) if readable else None
            files = len(list(path.iterdir())) if path.is_dir() else 1
            rows.append((name, export, load, _size(path), files))
    base = next((r for r in rows if r[0] == "json"), rows[0])
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; medians of {args.repeat}; {ds!r}\n")
    print("| format | export (s) | × json | load (s) | × json | size (KiB) | × json | files |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, export, load, size, files in rows:
        loaded = f"{load:.3f} | {load / base[2]:.2f}" if load is not None else "— | —"
        print(f"| {name} | {export:.3f} | {export / base[1]:.2f} | {loaded} | {size / 1024:,.0f} | {size / base[3]:.2f} | {files} |")
    import kz_labour_rights.formats as formats

    for fn in [getattr(formats, n) for n in ("to_arrow", "to_pandas") if hasattr(formats, n)]:
        try:
            fn(ds)
        except kz_labour_rights.UsageError:
            continue
        print(f"\n{fn.__name__}(ds): {_median(lambda: fn(ds), args.repeat):.3f} s", end="")
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
