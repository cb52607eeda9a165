"""Keep pandas out of the processes that never use it: ingest's writer and its workers.

Two libraries import pandas behind the caller's back, only to ask whether a value is a pandas
object: DuckDB's Python client the first time a statement has a parameter, and pyarrow the first
time it converts Python values. Neither needs it when no pandas object is in sight, and on the
2-core benchmark machine the import (with the parts of NumPy it drags in) took 0.4-0.7 s of
`tracker ingest`'s serial start, before any worker could begin.

Inside :func:`refusing_pandas`, an import of pandas that native code asks for fails as if pandas
were not installed, so both libraries carry on without it; a Python ``import pandas`` statement
(a user's year revision, say) still works. Outside it nothing changes, with one lasting effect:
pyarrow remembers the answer for the life of the process, so a process that refused pandas this
way must not convert between pyarrow and pandas later (tracker never does; DuckDB's ``.df()``
does its own conversion and imports pandas when asked).
"""

from __future__ import annotations

import dis
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.abc import MetaPathFinder
from types import FrameType
from typing import Any


def _asked_by_import_statement(frame: FrameType | None) -> bool:
    """Whether the import of pandas now being resolved comes from an ``import pandas`` statement.

    The import machinery's own frames are frozen modules; the first frame above them is the code
    that asked. A statement leaves that frame on IMPORT_NAME, naming the module. Native code calling
    the import API (DuckDB, Cython) leaves the Python frame that called it on a CALL, and so does
    ``importlib.import_module``, which is refused too. The name matters: pyarrow's
    ``from pyarrow._dataset import ...`` is a statement, and the Cython module it loads imports
    pandas while that frame is still on it.
    """
    while frame is not None and frame.f_code.co_filename.startswith("<frozen importlib"):
        frame = frame.f_back
    if frame is None:
        return False
    for instruction in dis.get_instructions(frame.f_code):
        if instruction.offset == frame.f_lasti:
            return instruction.opname == "IMPORT_NAME" and str(instruction.argval).partition(".")[0] == "pandas"
    return False


class _RefuseImplicitPandas(MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        # Only pandas itself: its submodules are looked for once pandas is being imported anyway.
        if name != "pandas" or _asked_by_import_statement(sys._getframe(1)):
            return None
        raise ModuleNotFoundError("pandas is not loaded implicitly here (tracker.pandas_free)", name=name)


@contextmanager
def refusing_pandas() -> Iterator[None]:
    """Within the block, pandas is imported only by an import statement (see the module docstring)."""
    if "pandas" in sys.modules:  # already paid for: nothing to save, and nothing to refuse
        yield
        return
    finder = _RefuseImplicitPandas()
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
