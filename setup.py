"""Compiles the extractor (tracker/extract, see tracker/extract/native.py) with mypyc.

Everything else about the package is in pyproject.toml. The extensions are optional: where they
cannot be built (no C compiler, an interpreter mypyc does not support) the install goes on and the
extractor runs as pure Python, with the same output. Only a build that produced every extension
writes the digest of the sources it compiled, which tracker.extract.native checks before letting
the extensions run; a build that starts removes the old extensions and digest first, so a failed
rebuild can never leave old code running.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from mypyc.build import mypycify
from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
EXTRACT = HERE / "tracker" / "extract"

# tracker/extract/native.py without importing tracker (whose dependencies are not in the build
# environment): it names the modules and computes the digest.
_spec = importlib.util.spec_from_file_location("_tracker_native", EXTRACT / "native.py")
assert _spec is not None and _spec.loader is not None
native = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(native)


def _built(name: str) -> list[Path]:
    return sorted(EXTRACT.glob(f"{name}.*.so")) + sorted(EXTRACT.glob(f"{name}.*.pyd"))


class BuildExtractor(build_ext):
    """build_ext that records the sources' digest once every extension of the extractor exists."""

    def run(self) -> None:
        (EXTRACT / native.SOURCES_DIGEST).unlink(missing_ok=True)
        for name in native.COMPILED_MODULES:
            for old in _built(name):
                old.unlink()
        super().run()
        if self.inplace and all(_built(name) for name in native.COMPILED_MODULES):
            (EXTRACT / native.SOURCES_DIGEST).write_text(native.sources_digest(EXTRACT) + "\n", encoding="ascii")


extensions = mypycify(
    ["--ignore-missing-imports", *[f"tracker/extract/{name}.py" for name in native.COMPILED_MODULES]],
    opt_level="3",
    group_name="tracker_extract",
)
for extension in extensions:
    extension.optional = True

setup(ext_modules=extensions, cmdclass={"build_ext": BuildExtractor})
