"""`tracker doctor` on a database below the head: it says why, and still checks the stored texts."""

from __future__ import annotations

from tests.cli_helpers import tracker


def test_doctor_below_head_names_the_pending_revision_and_checks_texts_in_the_old_layout(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = str(tmp_path / "old.duckdb")
    assert tracker("upgrade", "0008", db=db).returncode == 0  # the seeds, texts still in documents
    result = tracker("doctor", db=db)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert "at revision 0008" in result.stdout and "pending: 0009" in result.stdout
    assert "not checked: queries/checks are written for the head revision" in result.stdout
    assert "integrity: ok" in result.stdout

    assert tracker("upgrade", db=db).returncode == 0
    healthy = tracker("doctor", db=db)
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert healthy.stdout.split() == ["schema:", "ok", "data:", "ok", "integrity:", "ok"]
