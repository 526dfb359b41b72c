"""Test matrix and docs build: `nox` (all sessions) or `nox -s tests-3.9`.

Interpreters come from pyenv (~/.pyenv/versions/X.Y.*) when present, else PATH.
"""

import glob
import os

import nox

PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
nox.options.sessions = ["tests", "docs"]

# Put pyenv's interpreters on PATH so nox finds python3.9 … python3.13.
_pyenv = sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin")))
os.environ["PATH"] = os.pathsep.join(_pyenv + [os.environ.get("PATH", "")])

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "shared", "sources")


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The README's test command in a fresh environment for each Python."""
    session.install(".[test]")
    env = {"HYPOTHESIS_PROFILE": "ci"}
    if os.path.isdir(SOURCES):
        env["KZLR_SOURCES_DIR"] = SOURCES
    session.run("python", "-m", "pytest", *session.posargs, env=env)


@nox.session(python="3.13")
def docs(session: nox.Session) -> None:
    """Generate the catalogue and build the docs in strict mode (warnings fail)."""
    session.install(".[docs]")
    session.run("kz-labour-rights", "catalogue", "--out", "docs/catalogue")
    session.run("mkdocs", "build", "--strict", "--site-dir", "site")


@nox.session(python="3.13")
def dist(session: nox.Session) -> None:
    """Build sdist and wheel and check them with twine."""
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *glob.glob("dist/*"))
