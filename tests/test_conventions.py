"""Conventions that keep the project navigable: documented commands, layered imports, commented columns."""

from __future__ import annotations

import ast
import re

import pytest

from tests.paths import ROOT


def _commands() -> list[str]:
    from tracker.cli import app

    import typer.main

    group = typer.main.get_command(app)
    names: list[str] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        subcommands = getattr(command, "commands", None)
        if subcommands:
            names += [f"{name} {sub}" for sub in subcommands]
        else:
            names.append(name)
    return names


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented_in_the_readme(command):  # type: ignore[no-untyped-def]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head, _, sub = command.partition(" ")
    if sub:
        pattern = rf"`tracker {head} [^`]*\b{re.escape(sub)}\b"
    else:
        pattern = rf"`tracker {re.escape(head)}\b"
    assert re.search(pattern, readme), f"README does not document `tracker {command}`"


def _imports(path) -> set[str]:  # type: ignore[no-untyped-def]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module if node.level == 0 else f"tracker.{path.parent.name}.{node.module}"
            found.add(base)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("extract", ("tracker.db", "tracker.models", "sqlalchemy", "tracker.corpus")),
        ("report", ("tracker.db", "tracker.models", "tracker.corpus", "sqlalchemy")),
        ("analysis", ("tracker.db", "tracker.models", "tracker.corpus", "sqlalchemy")),
    ],
)
def test_layers_import_only_downward(package, forbidden):  # type: ignore[no-untyped-def]
    for path in sorted((ROOT / "tracker" / package).glob("*.py")):
        bad = {name for name in _imports(path) if name.startswith(forbidden)}
        assert not bad, f"{path.name} imports {bad}"


def test_every_model_column_has_a_comment():  # type: ignore[no-untyped-def]
    from tracker.models import Base

    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if column.name != "id":
                assert column.comment, f"{table.name}.{column.name} has no comment"
