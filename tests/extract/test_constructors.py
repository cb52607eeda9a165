"""The extractor's records have hand-written constructors that must take exactly their fields.

Commitment, Quantity, Period, TimeCue, ListItem and the reader's drafts and subjects spell out
their ``__init__`` so that mypyc compiles it (numbers.Quantity.__init__ says why). Nothing ties such a constructor to the fields it
fills: a field added to the class but not to ``__init__``, or two parameters swapped, would build
records whose fields are wrong or unset without any error. These tests build each class with a
distinct value per field (by position, by keyword, through ``dataclasses.replace`` and from its
defaults) and read every field back, under the build that runs and under the pure twin.
"""

from __future__ import annotations

import dataclasses
import itertools
from types import ModuleType
from typing import Any

import pytest

from tracker.extract import commitments, lists, native, numbers, periods

# (module name, class name) of every class whose __init__ is written out by hand.
WRITTEN_OUT = [("commitments", "Commitment"), ("numbers", "Quantity"), ("commitments", "_Draft"),
               ("commitments", "_Subject"), ("commitments", "_SegState"), ("periods", "Period"),
               ("periods", "TimeCue"), ("lists", "ListItem")]
FROZEN = [("commitments", "Commitment"), ("numbers", "Quantity"), ("periods", "Period"), ("periods", "TimeCue"),
          ("lists", "ListItem")]


def _modules() -> list[tuple[str, dict[str, ModuleType]]]:
    running = {"commitments": commitments, "numbers": numbers, "periods": periods, "lists": lists}
    pure = {name: native.pure_module(name) for name in running}
    return [("running build", running), ("pure twin", pure)]


def _distinct_values(cls: type, first: int = 1) -> dict[str, Any]:
    """A value per field, of the field's type, that no other field gets.

    The types are read from the pure twin's class, whose annotations are the strings written in
    the source (a compiled class holds evaluated types, with unions as plain ``type``).
    """
    module = cls.__module__.rpartition(".")[2]
    pure = getattr(native.pure_module(module), cls.__name__)
    counter = itertools.count(first)
    values: dict[str, Any] = {}
    for field in dataclasses.fields(pure):
        kind = str(field.type)
        n = next(counter)
        if kind.startswith("int"):
            values[field.name] = n
        elif kind.startswith("float"):
            values[field.name] = n + 0.5
        elif kind.startswith("bool"):
            values[field.name] = True
        elif kind.startswith("str"):
            values[field.name] = f"v{n}"
        else:  # dates, subjects, quantities, all optional: None, which no other field of theirs gets
            values[field.name] = None
    return values


@pytest.mark.parametrize(("build", "modules"), _modules(), ids=lambda v: v if isinstance(v, str) else "")
@pytest.mark.parametrize(("module", "name"), WRITTEN_OUT)
def test_each_written_out_constructor_fills_every_field_from_its_own_argument(
    build: str, modules: dict[str, ModuleType], module: str, name: str
) -> None:
    cls = getattr(modules[module], name)
    values = _distinct_values(cls)
    names = [field.name for field in dataclasses.fields(cls)]
    by_position = cls(*values.values())
    by_keyword = cls(**values)
    for obj in (by_position, by_keyword):
        assert {n: getattr(obj, n) for n in names} == values, build
    assert by_position == by_keyword
    other = _distinct_values(cls, first=100)[names[0]]
    changed = dataclasses.replace(by_keyword, **{names[0]: other})
    assert getattr(changed, names[0]) == other
    assert [getattr(changed, n) for n in names[1:]] == [values[n] for n in names[1:]]
    # Fields with defaults: leaving them out gives the defaults the class declares.
    required = {f.name: values[f.name] for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    defaults = cls(**required)
    for field in dataclasses.fields(cls):
        if field.name not in required:
            assert getattr(defaults, field.name) == field.default, (build, field.name)


@pytest.mark.parametrize(("build", "modules"), _modules(), ids=lambda v: v if isinstance(v, str) else "")
def test_the_frozen_records_stay_frozen(build: str, modules: dict[str, ModuleType]) -> None:
    for module, name in FROZEN:
        cls = getattr(modules[module], name)
        obj = cls(**_distinct_values(cls))
        first = dataclasses.fields(cls)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(obj, first, None)
        assert hash(obj) == hash(cls(**_distinct_values(cls))), build
