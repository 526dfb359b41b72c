"""Give every citation of the ITUC country page the locator of its entry.

The page is a list of entries, each titled with its publication date glued on
("Judicial harassment against trade union leaders18-03-2022").  This rewrites
each citation of ``source:ituc-gri-kazakhstan`` in a snapshot so its locator
reads ``entry <title> (DD-MM-YYYY)`` for the entry that contains the quote —
the form the consistency checks read entry dates from.

Usage: python tools/ituc_locators.py SNAPSHOT_DIR SOURCES_DIR
"""

import json
import re
import sys
from pathlib import Path
from typing import List, Tuple

SOURCE = "source:ituc-gri-kazakhstan"
_TITLE = re.compile(r"^(\S.*?)\s?(\d\d-\d\d-\d{4})$")
_WS = re.compile(r"\s+")


def entries(text: str) -> List[Tuple[str, str, str]]:
    """``(title, date, normalised body)`` for each entry, in page order."""
    out: List[Tuple[str, str, List[str]]] = []
    for line in text.splitlines():
        m = _TITLE.match(line.strip())
        if m:
            out.append((m.group(1).strip(), m.group(2), [line]))
        elif out:
            out[-1][2].append(line)
    return [(t, d, _WS.sub(" ", " ".join(body))) for t, d, body in out]


def fix(node: object, found: List[Tuple[str, str, str]], missing: List[str]) -> None:
    if isinstance(node, dict):
        if node.get("source") == SOURCE and "quote" in node:
            q = _WS.sub(" ", node["quote"]).strip()
            hits = [(t, d) for t, d, body in found if q in body]
            if len(hits) >= 1:
                node["locator"] = f"entry {hits[0][0]} ({hits[0][1]})"
            else:
                missing.append(q)
        for v in node.values():
            fix(v, found, missing)
    elif isinstance(node, list):
        for v in node:
            fix(v, found, missing)


def main() -> int:
    snapshot, sources = Path(sys.argv[1]), Path(sys.argv[2])
    found = entries((sources / "000_09b87f638752c2f7.txt").read_text(encoding="utf-8"))
    missing: List[str] = []
    for f in sorted(snapshot.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        fix(data, found, missing)
        f.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    for q in missing:
        print("no entry holds:", q)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
