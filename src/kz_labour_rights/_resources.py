"""Access to the packaged data files through importlib.resources."""

import json
from functools import lru_cache
from importlib.resources import files

import sys

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.9/3.10
    from importlib.abc import Traversable

__all__ = ["Traversable", "packaged_data", "packaged_version"]


def packaged_data() -> Traversable:
    """The packaged snapshot directory ``kz_labour_rights/data``."""
    return files("kz_labour_rights").joinpath("data")


@lru_cache(maxsize=None)
def packaged_version() -> str:
    """The version in the packaged ``meta.json`` — the one place it is defined."""
    meta = json.loads(packaged_data().joinpath("meta.json").read_text(encoding="utf-8"))
    version: str = meta["version"]
    return version
