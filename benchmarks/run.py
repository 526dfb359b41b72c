"""Measure kz-labour-rights against references timed in the same run.

Run it from a checkout with the package and pycountry installed::

    pip install -e . pycountry
    python benchmarks/run.py                 # every row; the 1000x row takes minutes
    python benchmarks/run.py --big 0         # skip the 1000x row

It prints one Markdown table of ratios (and the times behind them): each
measure of this package is set against a reference measured in the same run,
alternately where the two are separate processes, so that a noisy machine
moves both.  Synthetic snapshots (``benchmarks/synthetic.py``) are written
once into ``--cache`` and reused while the packaged data is unchanged.

Times are medians of ``--repeat`` runs; tests never assert them.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

PY = sys.executable
Row = Tuple[str, str, str, str]


def _median_call(fn: Callable[[], Any], repeat: int, min_time: float = 0.05) -> float:
    """The median time of one call of ``fn``, each sample looping until ``min_time`` passes."""
    fn()  # warm
    samples = []
    for _ in range(repeat):
        n = 0
        start = time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        samples.append(elapsed / n)
    return statistics.median(samples)


def _process(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([PY, "-c", code], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _alternating(codes: Dict[str, str], repeat: int) -> Dict[str, float]:
    """The median wall time of each snippet run as a fresh interpreter, the snippets alternating."""
    times: Dict[str, List[float]] = {k: [] for k in codes}
    for name, code in codes.items():
        _process(code)  # warm the file cache
    for _ in range(repeat):
        for name, code in codes.items():
            times[name].append(_process(code))
    return {k: statistics.median(v) for k, v in times.items()}


def _probe(code: str) -> Dict[str, Any]:
    """Run ``code`` in a fresh interpreter; it prints one JSON object as its last line."""
    out = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True).stdout
    result: Dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


_RSS = (
    "def rss(field='VmRSS'):\n"
    "    for line in open('/proc/self/status'):\n"
    "        if line.startswith(field + ':'): return int(line.split()[1]) * 1024\n"
)


def _ms(s: float) -> str:
    return f"{s * 1e3:.3g} ms" if s >= 1e-3 else f"{s * 1e6:.3g} µs"


def cold(repeat: int) -> List[Row]:
    times = _alternating({
        "bare": "pass",
        "ours_import": "import kz_labour_rights",
        "ours": "import kz_labour_rights as k; k.load().people.lookup('Kushakpaev')",
        "pycountry": "import pycountry; pycountry.countries.lookup('Germany')",
        "attrs_cattrs": "import attrs, cattrs",
    }, repeat)
    bare = times["bare"]
    over = {k: v - bare for k, v in times.items()}
    stages = [_probe(_STAGES) for _ in range(repeat)]
    where = ", ".join(f"{name} {statistics.median(s[name] for s in stages):.0f}" for name in stages[0])
    return [
        ("cold import + load + lookup, over a bare interpreter, vs pycountry import + lookup",
         f"{over['ours'] / over['pycountry']:.2f}×", "≤ 1.0×",
         f"{_ms(over['ours'])} vs {_ms(over['pycountry'])} (bare {_ms(bare)})"),
        ("`import kz_labour_rights` over a bare interpreter", f"{times['ours_import'] / bare:.2f}×", "—",
         f"{_ms(over['ours_import'])}; `import attrs, cattrs` alone {_ms(over['attrs_cattrs'])}"),
        ("where a cold load + lookup spends its time (ms)", "—", "—", where),
    ]


# Each stage of a cold start, timed in the process that runs it.
_STAGES = """
import json, time
t = [time.perf_counter()]
import attrs; t.append(time.perf_counter())
import cattrs; t.append(time.perf_counter())
import kz_labour_rights._model; t.append(time.perf_counter())
import kz_labour_rights as k, kz_labour_rights._load; t.append(time.perf_counter())
ds = k.load(); t.append(time.perf_counter())
ds.people.lookup('Kushakpaev'); t.append(time.perf_counter())
names = ['import attrs', 'import cattrs', 'record classes', 'other modules', 'load()', 'first lookup']
print(json.dumps({n: (b - a) * 1e3 for n, a, b in zip(names, t, t[1:])}))
"""


def load_vs_json(snap1: Path, repeat: int) -> List[Row]:
    import kz_labour_rights as k

    texts = [p.read_bytes() for p in sorted(snap1.iterdir())]
    ref = _median_call(lambda: [json.loads(t) for t in texts], repeat)
    ours = _median_call(lambda: k.load(snap1), repeat)
    return [("`load(DIR)` vs `json.loads` of the same bytes (1×, warm)", f"{ours / ref:.2f}×", "≤ 3×",
             f"{_ms(ours)} vs {_ms(ref)}")]


def lookups(snaps: Dict[int, Path], repeat: int) -> List[Row]:
    import pycountry

    import kz_labour_rights as k

    def miss(ds: Any) -> None:
        try:
            ds.people.lookup("Qwertyuiop Zxcvbnm")
        except k.NotFoundError:
            pass

    measures: Dict[str, Callable[[Any], Any]] = {
        "`resolve` of an exact name": lambda ds: ds.resolve("Larisa Kharkova"),
        "one-word `lookup`": lambda ds: ds.people.lookup("Kharkova"),
        "`lookup` miss (raises, with suggestions)": miss,
        "`search` of a misspelling": lambda ds: ds.search("Kharkva"),
        "`people.search` of a misspelling": lambda ds: ds.people.search("Kharkva"),
    }
    at: Dict[int, Dict[str, float]] = {}
    for scale, path in snaps.items():
        ds = k.load(path)
        at[scale] = {name: _median_call(lambda fn=fn, ds=ds: fn(ds), repeat) for name, fn in measures.items()}
    pyc_lookup = _median_call(lambda: pycountry.countries.lookup("Germany"), repeat)
    pyc_search = _median_call(lambda: pycountry.countries.search_fuzzy("Kazakh"), repeat)
    small, large = min(at), max(at)
    rows: List[Row] = []
    for name in measures:
        ref = pyc_search if "search" in name else pyc_lookup
        target = "≤ 1 ms" if "search" in name else "≤ 1 ms (aim µs)"
        rows.append((f"{name} at 1×", _ms(at[small][name]), target,
                     f"{at[small][name] / ref:.2f}× pycountry's {'search_fuzzy' if 'search' in name else 'lookup'} ({_ms(ref)})"))
        if large != small:
            target = "≤ 20 ms" if "search" in name else "≤ 3× (flat)"
            value = _ms(at[large][name]) if "search" in name else f"{at[large][name] / at[small][name]:.2f}×"
            rows.append((f"{name} at {large}× vs 1×", value, target,
                         f"{_ms(at[large][name])} vs {_ms(at[small][name])}"))
    return rows


def formats(snap: Path, repeat: int) -> List[Row]:
    import kz_labour_rights as k

    ds = k.load(snap)
    rows: List[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        export: Dict[str, float] = {}
        for fmt in ("json", "csv", "sqlite"):
            paths[fmt] = Path(tmp) / (fmt + (".db" if fmt == "sqlite" else ""))

            def write(fmt: str = fmt) -> None:
                k.export(ds, fmt, paths[fmt], force=True)

            export[fmt] = _median_call(write, repeat)
        read = {fmt: _median_call(lambda p=paths[fmt]: k.load(p), repeat) for fmt in paths}
    for fmt in ("csv", "sqlite"):
        rows.append((f"{fmt.upper()} export vs JSON export", f"{export[fmt] / export['json']:.2f}×", "≤ 1.5×",
                     f"{_ms(export[fmt])} vs {_ms(export['json'])}"))
        rows.append((f"{fmt.upper()} load vs JSON load", f"{read[fmt] / read['json']:.2f}×", "≤ 1.5×",
                     f"{_ms(read[fmt])} vs {_ms(read['json'])}"))
    return rows


def big(path: Path, scale: int) -> List[Row]:
    result = _probe(_RSS + (
        "import json, time, kz_labour_rights as k\n"
        f"t = time.perf_counter(); ds = k.load({str(path)!r}); t = time.perf_counter() - t\n"
        "print(json.dumps({'time': t, 'rss': rss(), 'peak': rss('VmHWM'), 'records': sum(ds.counts().values())}))\n"
    ))
    return [
        (f"`load` at {scale}× ({result['records']:,} records)", f"{result['time']:.1f} s", "≤ 30 s", ""),
        ("peak memory of that load vs its final RSS", f"{result['peak'] / result['rss']:.2f}×", "≤ 2×",
         f"peak {result['peak'] / 2**20:.0f} MiB, final {result['rss'] / 2**20:.0f} MiB"),
    ]


def rss(repeat: int) -> List[Row]:
    ours, pyc = [], []
    for _ in range(max(3, repeat // 3)):
        ours.append(_probe(_RSS + "import json, kz_labour_rights as k; k.load(); print(json.dumps({'rss': rss()}))")["rss"])
        pyc.append(_probe(_RSS + (
            "import json, pycountry\n"
            "for db in (pycountry.countries, pycountry.subdivisions, pycountry.languages, pycountry.currencies): len(db)\n"
            "pycountry.subdivisions.get(code='DE-BY')\n"
            "print(json.dumps({'rss': rss()}))\n"
        ))["rss"])
    a, b = statistics.median(ours), statistics.median(pyc)
    return [("RSS after `load()` vs pycountry with subdivisions loaded", f"{a / b:.2f}×", "≤ 1.0×",
             f"{a / 2**20:.1f} MiB vs {b / 2**20:.1f} MiB")]


def _snapshot(cache: Path, scale: int) -> Path:
    """The synthetic snapshot of ``scale`` in ``cache``, written unless the cached one is of today's data."""
    import kz_labour_rights as k

    out = cache / f"scale-{scale}"
    stamp = cache / f"scale-{scale}.stamp"
    current = k.load().checksum
    if not (out.is_dir() and stamp.is_file() and stamp.read_text() == current):
        print(f"writing the {scale}× snapshot into {out} …", file=sys.stderr)
        synthetic.write(scale, out)
        stamp.write_text(current)
    return out


def main(argv: "List[str] | None" = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="samples per measure (median taken)")
    parser.add_argument("--scale", type=int, default=100, help="the large scale for lookups (default 100)")
    parser.add_argument("--big", type=int, default=600,
                        help="the scale of the big load row (600: its largest file within the 256 MiB a data file may have); 0 skips it")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "kzlr-bench")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    import kz_labour_rights as k

    snaps = {1: _snapshot(args.cache, 1), args.scale: _snapshot(args.cache, args.scale)}
    rows: List[Row] = []
    rows += cold(args.repeat)
    rows += load_vs_json(snaps[1], args.repeat)
    rows += lookups(snaps, args.repeat)
    rows += formats(snaps[1], args.repeat)
    if args.big:
        rows += big(_snapshot(args.cache, args.big), args.big)
    rows += rss(args.repeat)
    from importlib.metadata import version

    import attrs

    print(f"kz-labour-rights {k.load().version} ({k.load().checksum[:19]}…), Python {platform.python_version()}, "
          f"attrs {attrs.__version__}, cattrs {version('cattrs')}, pycountry {version('pycountry')}, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
          f"{time.strftime('%Y-%m-%d')}; medians of {args.repeat}")
    print()
    print("| measure | result | target | detail |")
    print("|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
