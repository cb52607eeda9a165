"""Which build of the extractor runs: compiled by mypyc when built and current, else pure Python.

The extractor's modules (COMPILED_MODULES) are plain annotated Python; setup.py compiles them with
mypyc into C extensions when the project is installed, which reads the corpus 1.2-1.7x faster
with the same output. Two things make a compiled build unsafe to trust blindly, and this module
handles both:

* A built extension shadows its .py: Python imports ``commitments.cpython-311-….so`` before
  ``commitments.py``, so after an edit the old code would run until someone rebuilt. setup.py
  records a digest of the sources it compiled (SOURCES_DIGEST); when the sources no longer match
  it (or TRACKER_PURE_EXTRACT is set), :func:`prefer_current_sources` makes every compiled module
  load from its .py. All or none: a compiled module calls the others' native classes directly.
* Compiled code checks every annotated type at run time, so a value the pure code tolerates (a
  None reaching a ``str`` through ``Any``) raises TypeError there. :func:`pure_module` loads the
  same sources as a separate, pure package, and callers (tracker.corpus.extraction) read a text
  with it when the compiled reader fails: never a crash or a missing document that the pure
  reader would have read.

Imported by tracker/extract/__init__.py before any compiled module; pure Python itself, always.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.abc
import importlib.util
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

# The modules setup.py compiles. rhetoric.py stays pure (mypyc rejects its surrogate literals, and
# its work is one Aho-Corasick call), and so does lexicon.py (its objects are pickled to ingest's
# workers through __dict__, which compiled classes lack).
COMPILED_MODULES = ("commitments", "context", "hedges", "lists", "numbers", "periods", "scanning", "zones")
# Written by setup.py beside the sources it compiled: the digest of those sources.
SOURCES_DIGEST = "native.sha256"
# Set (to anything but "" or "0") to run the pure-Python extractor even when a current build exists.
PURE_ENV = "TRACKER_PURE_EXTRACT"
PACKAGE = __name__.rpartition(".")[0]
HERE = Path(__file__).resolve().parent
# The pure twin of the compiled modules, loaded only when a compiled reader fails.
PURE_PACKAGE = f"{PACKAGE}._pure"


def sources_digest(folder: Path = HERE, modules: Sequence[str] = COMPILED_MODULES) -> str:
    """sha256 over the compiled modules' sources, in COMPILED_MODULES order."""
    digest = hashlib.sha256()
    for name in modules:
        digest.update(name.encode() + b"\0" + (folder / f"{name}.py").read_bytes() + b"\0")
    return digest.hexdigest()


def built_digest(folder: Path = HERE) -> str | None:
    """The digest setup.py recorded when it compiled the sources; None when nothing was built."""
    try:
        return (folder / SOURCES_DIGEST).read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def build_is_current(folder: Path = HERE) -> bool:
    recorded = built_digest(folder)
    return recorded is not None and recorded == sources_digest(folder)


def pure_requested() -> bool:
    return os.environ.get(PURE_ENV, "") not in ("", "0")


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Finds the named modules of one package in their .py files, ignoring any built extension."""

    def __init__(self, package: str, folder: Path, modules: Sequence[str]) -> None:
        self.package, self.folder, self.modules = package, folder, frozenset(modules)

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != self.package or name not in self.modules:
            return None
        return importlib.util.spec_from_file_location(fullname, self.folder / f"{name}.py")


_GUARD: _SourceFinder | None = None


def prefer_current_sources() -> None:
    """Load the compiled modules from their .py when the build is stale or pure Python is asked for.

    Idempotent. Must run before the first of COMPILED_MODULES is imported (tracker.extract does it).
    """
    global _GUARD
    if _GUARD is not None or (build_is_current() and not pure_requested()):
        return
    _GUARD = _SourceFinder(PACKAGE, HERE, COMPILED_MODULES)
    sys.meta_path.insert(0, _GUARD)


def is_compiled(module: ModuleType) -> bool:
    return not str(getattr(module, "__file__", "")).endswith(".py")


def compiled() -> bool:
    """Whether the extractor that runs is the compiled one."""
    return is_compiled(importlib.import_module(f"{PACKAGE}.commitments"))


def pure_module(name: str) -> ModuleType:
    """Module `name` of the extractor loaded from its .py as part of a separate package.

    The twin shares the modules that are never compiled (lexicon, rhetoric), so a lexicon built for
    the compiled reader serves the twin as it is; its own classes (Commitment) are distinct from the
    compiled ones but carry the same fields.
    """
    if PURE_PACKAGE not in sys.modules:
        twin = ModuleType(PURE_PACKAGE, "the extractor's modules loaded from source (tracker.extract.native)")
        twin.__path__ = []  # a package: its submodules come from the finder below
        sys.modules[PURE_PACKAGE] = twin
        for shared in ("lexicon", "rhetoric"):
            sys.modules[f"{PURE_PACKAGE}.{shared}"] = importlib.import_module(f"{PACKAGE}.{shared}")
        sys.meta_path.insert(0, _SourceFinder(PURE_PACKAGE, HERE, COMPILED_MODULES))
    return importlib.import_module(f"{PURE_PACKAGE}.{name}")


def extract_commitments(text: str, **options: Any) -> list[Any]:
    """commitments.extract_commitments, read again by the pure twin if the compiled reader fails.

    What the pure reader raises is raised as before; only a failure of compiled code alone (its
    run-time type checks, a native class lacking something pure code has) is answered by the
    twin, with a warning naming the error, so that it can be found and fixed.
    """
    from .commitments import extract_commitments as read

    try:
        return read(text, **options)
    except Exception as exc:
        if not is_compiled(sys.modules[read.__module__]):
            raise
        records = list(pure_module("commitments").extract_commitments(text, **options))
        warnings.warn(f"the compiled extractor failed ({type(exc).__name__}: {exc}); "
                      "the text was read with the pure-Python one", RuntimeWarning, stacklevel=2)
        return records
