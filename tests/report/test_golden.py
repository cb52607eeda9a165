"""Golden reports: the rendered report at fixed widths with colour off, compared line by line.

Run `pytest tests/report --update-golden` after an intended change and review the diff of
tests/golden/*.txt like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.cli_helpers import tracker
from tests.paths import ROOT

GOLDEN = ROOT / "tests" / "golden"


def check_golden(name: str, text: str, update: bool) -> None:
    path = GOLDEN / name
    if update or not path.exists():
        path.write_text(text, encoding="utf-8")
        if not update:
            pytest.fail(f"{name} did not exist; written now — review it and commit it")
        return
    expected = path.read_text(encoding="utf-8")
    assert text == expected, f"{name} differs from the golden file (run with --update-golden if intended)"


def render(db: str | Path, *args: str) -> str:
    result = tracker("report", *args, db=str(db), env={"NO_COLOR": "1", "TERM": "dumb"})
    assert result.returncode == 0, result.stderr
    assert "\x1b[" not in result.stdout, "colour codes in non-terminal output"
    return result.stdout


@pytest.mark.parametrize("width", [100, 160])
def test_seed_report(seeded_db, width, update_golden):  # type: ignore[no-untyped-def]
    text = render(seeded_db, "--width", str(width))
    for line in text.splitlines():
        assert cell_len(line) <= width, line
    check_golden(f"seeds_w{width}.txt", text, update_golden)


@pytest.mark.parametrize("width", [100, 160])
def test_xiamen_2019_2024_report(corpus_db, width, update_golden):  # type: ignore[no-untyped-def]
    text = render(corpus_db, "--place", "厦门市", "--from", "2019", "--to", "2024", "--width", str(width))
    assert "Targets and outcomes" in text and "Biggest target changes" in text and "Rhetoric" in text
    check_golden(f"xiamen_2019_2024_w{width}.txt", text, update_golden)


def test_timeline_columns_align_with_chinese_text(corpus_db):  # type: ignore[no-untyped-def]
    result = tracker("timeline", "--place", "厦门市", "--from", "2019", "--to", "2024", "--width", "100",
                     db=str(corpus_db), env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if "2019" in line and "2024" in line)
    legend = next(i for i, line in enumerate(lines) if line.startswith("target over outcome"))
    table = [line for line in lines[header:legend] if line]
    assert len(table) > 10 and any("规上工业" in line for line in table)
    # Every row is as wide as the header although the labels are Chinese (two cells a character).
    assert {cell_len(line) for line in table} == {cell_len(lines[header])}
    # The right edge of the last year column sits at the same cell offset on every row with a figure.
    edge = cell_len(lines[header].rstrip())
    for line in table[2:]:
        if line.strip():
            assert cell_len(line.rstrip()) == edge, line


def test_narrow_terminal_keeps_the_layout(seeded_db):  # type: ignore[no-untyped-def]
    text = render(seeded_db, "--width", "80")
    assert all(cell_len(line) <= 80 for line in text.splitlines())
    assert "Targets and outcomes" in text


def test_timeline_fits_its_years_to_the_width_and_keeps_the_labels(corpus_db):  # type: ignore[no-untyped-def]
    # Six year columns squeezed the metric column out of an 80-column grid: rows without names.
    for width, most_years in ((80, 4), (160, 10)):
        result = tracker("timeline", "--place", "厦门市", "--width", str(width), db=str(corpus_db),
                         env={"NO_COLOR": "1"})
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert all(cell_len(line) <= width for line in lines)
        header = next(line for line in lines if line.strip().startswith("metric"))
        assert 1 <= sum(1 for word in header.split() if word.isdigit()) <= most_years
        assert any(line.split() and line.split()[0] == "GDP" for line in lines), result.stdout


def test_missing_data_is_missing_not_zero(seeded_db):  # type: ignore[no-untyped-def]
    text = render(seeded_db, "--place", "温州市", "--width", "100")
    assert "—" in text
    nowhere = render(seeded_db, "--place", "北京市", "--width", "100")
    assert "北京市: no documents stored." in nowhere


def test_html_and_svg_exports(seeded_db, tmp_path):  # type: ignore[no-untyped-def]
    html, svg = tmp_path / "report.html", tmp_path / "report.svg"
    result = tracker("report", "--width", "100", "--html", str(html), "--svg", str(svg), db=str(seeded_db))
    assert result.returncode == 0, result.stderr
    assert "厦门市" in html.read_text(encoding="utf-8") and "<html" in html.read_text(encoding="utf-8")
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
