"""Manifest rows: each bad row rejected with its reason, good rows kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.paths import SEEDS
from tracker.corpus.manifest import read_manifest
from tracker.errors import RejectedInput


def test_seed_manifests_list_every_seed_file():  # type: ignore[no-untyped-def]
    names = []
    for year in ("2019", "2020", "2024"):
        manifest = read_manifest(SEEDS / year / "manifest.csv")
        assert manifest.rejected == []
        names += [e.path.name for e in manifest.entries]
    assert sorted(names) == sorted(p.name for p in SEEDS.glob("20*/*.txt"))


def test_bad_rows_are_rejected_with_reasons(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "ok.txt").write_text("厦门市政府工作报告", encoding="utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,place,published,doc_type,title,source\n"
        "ok.txt,厦门市,2024,work_report,t,s\n"
        "missing.txt,厦门市,2024,news,,\n"
        "../../etc/passwd,厦门市,2024,news,,\n"
        "/etc/passwd,厦门市,2024,news,,\n"
        "ok.txt,,2024,news,,\n",
        encoding="utf-8",
    )
    manifest = read_manifest(tmp_path / "manifest.csv")
    assert [e.name for e in manifest.entries] == ["ok.txt"]
    reasons = [r.reason for r in manifest.rejected]
    assert reasons == [
        "missing.txt: file does not exist",
        "../../etc/passwd: path escapes the manifest's folder",
        "/etc/passwd: absolute paths are not allowed (files are relative to the manifest)",
        "ok.txt: no place",
    ]
    assert all(":" in r.source for r in manifest.rejected)  # file:line


def test_a_manifest_without_required_columns_is_rejected_whole(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "manifest.csv").write_text("file,title\nok.txt,t\n", encoding="utf-8")
    with pytest.raises(RejectedInput, match="lacks column"):
        read_manifest(tmp_path / "manifest.csv")
