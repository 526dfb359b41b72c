"""The version policy, enforced: one number, written in one place, echoed consistently."""

import re
from pathlib import Path
from typing import List, Tuple

import kz_labour_rights
from kz_labour_rights import SCHEMA_VERSION, load

ROOT = Path(__file__).resolve().parents[1]


def _releases() -> List[Tuple[str, str]]:
    """(version, section text) for each CHANGELOG release, newest first."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    parts = re.split(r"^## \[(\d+\.\d+\.\d+)\][^\n]*\n", text, flags=re.M)
    return list(zip(parts[1::2], parts[2::2]))


def _bump(old: str, new: str) -> str:
    o, n = [tuple(int(x) for x in v.split(".")) for v in (old, new)]
    if n[0] > o[0]:
        return "major"
    return "minor" if n[1] > o[1] else "patch"


def test_changelog_leads_with_this_version_with_data_and_library_sections() -> None:
    """CHANGELOG.md's newest release is this version and says what changed in the data and the library."""
    version, section = _releases()[0]
    assert (kz_labour_rights.__version__, True, True) == (version, "### Data" in section, "### Library" in section)


def test_citation_cff_names_this_version() -> None:
    """CITATION.cff is of type dataset and cites this version."""
    text = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(r"^type: dataset$", text, re.M)
    assert f'version: "{kz_labour_rights.__version__}"' in text


def test_versions_agree() -> None:
    """Package, dataset and packaged meta carry one version; the schema is the one this package writes."""
    ds = load()
    assert kz_labour_rights.__version__ == ds.version == ds.meta.version
    assert SCHEMA_VERSION == ds.schema_version


def test_schema_changes_bump_the_version_as_the_policy_says() -> None:
    """A release that changes the schema bumps major (minor while the major is 0), per docs/versioning.md."""
    table = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    firsts = dict(re.findall(r"^\| (\d+) \| (\d+\.\d+\.\d+) \|", table, re.M))
    assert str(SCHEMA_VERSION) in firsts, "the data-model schema table lists the current schema"
    versions = [v for v, _ in reversed(_releases())]
    for schema, release in firsts.items():
        index = versions.index(release)
        if index == 0:
            continue
        previous = versions[index - 1]
        needed = "minor" if previous.startswith("0.") else "major"
        assert needed == _bump(previous, release) or _bump(previous, release) == "major", (schema, previous, release)
