"""The compiled extractor reads what the pure one reads, only a current build runs, and a failure
of compiled code alone falls back to the pure reader.

setup.py compiles tracker/extract with mypyc when the project is installed (`make` does); these
tests compare that build with the sources it came from, on the seeds and on the corpus (../shared).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.extract._support import lexicon
from tests.paths import CORPUS, ROOT, SEEDS
from tracker.extract import native

# Over the seeds and (when ../shared is here) every tenth corpus report: the digest of every field of
# every record, read as a work report and as news, in a fresh interpreter.
_DIGEST_SCRIPT = """
import hashlib, json, sys
from pathlib import Path
from tests.extract._support import lexicon
from tracker.corpus.extraction import commitment_columns
from tracker.extract import native
from tracker.extract.commitments import extract_commitments
digest = hashlib.sha256()
count = 0
for path in json.loads(sys.argv[1]):
    text = Path(path).read_text(encoding="utf-8")
    for doc_type in ("work_report", "news"):
        records = extract_commitments(text, lexicon=lexicon(), published=None, doc_type=doc_type)
        digest.update(repr(commitment_columns(records)).encode())
        count += len(records)
print(json.dumps({"compiled": native.compiled(), "records": count, "digest": digest.hexdigest()}))
"""


def _texts() -> list[str]:
    paths = sorted(SEEDS.glob("20*/*.txt"))
    if CORPUS.is_dir():
        paths += sorted(CORPUS.rglob("*.md"))[::10]
    return [str(p) for p in paths]


def _read_in_subprocess(pure: bool) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != native.PURE_ENV}
    if pure:
        env[native.PURE_ENV] = "1"
    out = subprocess.run([sys.executable, "-c", _DIGEST_SCRIPT, json.dumps(_texts())], cwd=ROOT, env=env,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _require_build() -> None:
    if native.built_digest() is None:
        pytest.skip("no compiled extractor here: setup.py builds it when the project is installed (make)")


def test_a_built_extractor_is_current_and_is_the_one_that_runs() -> None:
    _require_build()
    if native.pure_requested():
        pytest.skip(f"{native.PURE_ENV} asks for the pure-Python extractor")
    assert native.build_is_current(), "tracker/extract changed since it was compiled: run make to rebuild"
    assert native.compiled()
    for name in native.COMPILED_MODULES:
        assert native.is_compiled(sys.modules[f"tracker.extract.{name}"]), name


def test_compiled_and_pure_read_the_seeds_and_corpus_alike() -> None:
    _require_build()
    compiled, pure = _read_in_subprocess(pure=False), _read_in_subprocess(pure=True)
    assert compiled["compiled"] is True and pure["compiled"] is False
    assert compiled["records"] == pure["records"] > 100
    assert compiled["digest"] == pure["digest"]


def test_asking_for_pure_python_runs_the_sources() -> None:
    out = subprocess.run(
        [sys.executable, "-c", "import json, sys; from tracker.extract import native, commitments; "
         "print(json.dumps([sys.modules['tracker.extract.' + m].__file__ for m in native.COMPILED_MODULES]))"],
        cwd=ROOT, env={**os.environ, native.PURE_ENV: "1"}, capture_output=True, text=True, check=True)
    files = json.loads(out.stdout)
    assert len(files) == len(native.COMPILED_MODULES)
    assert all(f.endswith(".py") for f in files)


def test_a_build_is_current_only_for_the_sources_it_was_compiled_from(tmp_path: Path) -> None:
    for name in native.COMPILED_MODULES:
        shutil.copy(native.HERE / f"{name}.py", tmp_path / f"{name}.py")
    assert native.built_digest(tmp_path) is None and not native.build_is_current(tmp_path)
    (tmp_path / native.SOURCES_DIGEST).write_text(native.sources_digest(tmp_path) + "\n", encoding="ascii")
    assert native.build_is_current(tmp_path)
    # One changed character in one module makes the build stale.
    source = tmp_path / "hedges.py"
    source.write_text(source.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not native.build_is_current(tmp_path)
    expected = hashlib.sha256()
    for name in native.COMPILED_MODULES:
        expected.update(name.encode() + b"\0" + (tmp_path / f"{name}.py").read_bytes() + b"\0")
    assert native.sources_digest(tmp_path) == expected.hexdigest()


class _Kind:
    """A document type given as an object that compares equal to its name: Python's duck typing
    reads it like the string, compiled code's type check on the `doc_type` parameter rejects it.
    It stands for any value a caller passes that only the compiled reader refuses."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return self.name == other

    def __hash__(self) -> int:
        return hash(self.name)

    def __getattr__(self, attribute: str) -> object:
        return getattr(self.name, attribute)


def test_a_text_the_compiled_reader_fails_on_is_read_by_the_pure_one() -> None:
    text = sorted((SEEDS / "2024").glob("*.txt"))[0].read_text(encoding="utf-8")
    pure = native.pure_module("commitments")
    expected = pure.extract_commitments(text, lexicon=lexicon(), published=None, doc_type="work_report")
    assert expected
    options = {"lexicon": lexicon(), "published": None, "doc_type": _Kind("work_report")}
    if native.compiled():
        with pytest.raises(TypeError):
            sys.modules["tracker.extract.commitments"].extract_commitments(text, **options)
        with pytest.warns(RuntimeWarning, match="compiled extractor failed"):
            got = native.extract_commitments(text, **options)
    else:
        got = native.extract_commitments(text, **options)
    assert [c.to_dict() for c in got] == [c.to_dict() for c in expected]


def test_an_error_of_the_pure_reader_is_raised_as_before(recwarn: pytest.WarningsRecorder) -> None:
    # Not a text: both readers fail, and the caller sees the error, with no word of a fallback.
    with pytest.raises((TypeError, AttributeError)):
        native.extract_commitments(None, lexicon=lexicon(), published=None, doc_type="work_report")  # type: ignore[arg-type]
    assert not [w for w in recwarn if "compiled extractor" in str(w.message)]
