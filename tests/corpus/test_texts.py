"""Documents' texts stored in chunks come back exactly, on both engines, with quotes at their offsets."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import delete, select, text, update

from tracker import models
from tracker.corpus.prepare import DocumentInfo, prepare_bytes
from tracker.corpus.store import load_lexicons, store_document
from tracker.corpus.texts import CHUNK_CHARS, CLEAN, RAW, iter_texts, replace_clean, split, texts_of
from tracker.db import open_engine, upgrade

# Characters outside the Basic Multilingual Plane (CJK Extension B) and combining marks: one code
# point each in Python, several bytes in UTF-8, so a chunk boundary by bytes would cut them.
ASTRAL = "𠀀𠀁𪚥"


@pytest.mark.parametrize("length", [0, 1, CHUNK_CHARS - 1, CHUNK_CHARS, CHUNK_CHARS + 1, 3 * CHUNK_CHARS + 17])
def test_split_keeps_every_character_in_order(length: int) -> None:
    body = ("坚持高质量发展" + ASTRAL + "e\u0301") * (length // 10 + 1)
    original = body[:length]
    parts = split(original)
    assert "".join(parts) == original
    assert len(parts) == max(1, -(-length // CHUNK_CHARS))  # an empty text is one empty chunk
    assert all(len(p) == CHUNK_CHARS for p in parts[:-1])


def _report(pad: int) -> bytes:
    """A Traditional report whose GDP target starts `pad` characters in, on one long line."""
    filler = "堅持穩中求進工作總基調" + ASTRAL
    head = "2024年政府工作報告\n\n" + (filler * (pad // len(filler) + 1))[:pad]
    return (head + "地區生產總值增長5.5%左右，城鎮新增就業12萬人以上。\n" + filler * 900 + "\n").encode("utf-8")


def test_texts_round_trip_and_quotes_keep_their_offsets_across_chunks(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(any_db)
    upgrade(engine, workspace)
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")
    doc = prepare_bytes(_report(CHUNK_CHARS - 20), "long.txt", info)
    target = doc.text.index("地区生产总值增长5.5%左右")
    assert target < CHUNK_CHARS < target + len("地区生产总值增长5.5%左右")  # the quote straddles two chunks
    assert doc.raw_text != doc.text and len(doc.text) > 4 * CHUNK_CHARS and ASTRAL in doc.text
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")
    assert doc_id is not None
    with engine.connect() as conn:
        assert texts_of(conn, [doc_id], CLEAN) == {doc_id: doc.text}
        assert texts_of(conn, [doc_id], RAW) == {doc_id: doc.raw_text}
        assert dict(iter_texts(conn))[doc_id] == doc.text
        chunks = conn.execute(select(models.DocumentText.seq, models.DocumentText.chunk)
                              .where(models.DocumentText.document_id == doc_id, models.DocumentText.kind == CLEAN)
                              .order_by(models.DocumentText.seq)).all()
        assert [seq for seq, _ in chunks] == list(range(len(split(doc.text))))
        assert conn.execute(select(models.Document.chars).where(models.Document.id == doc_id)).scalar_one() == len(doc.text)
        # Users' SQL reads the texts whole from the view, and the engine's SUBSTR finds the quotes there.
        viewed = conn.execute(text("SELECT raw_text, text, chars FROM documents_with_text WHERE id = :d"), {"d": doc_id}).one()
        assert (viewed.raw_text, viewed.text, viewed.chars) == (doc.raw_text, doc.text, len(doc.text))
        quotes = conn.execute(text(
            "SELECT c.quote, c.char_start, c.char_end, SUBSTR(d.text, c.char_start + 1, c.char_end - c.char_start) AS at "
            "FROM commitments AS c JOIN documents_with_text AS d ON d.id = c.document_id WHERE c.document_id = :d"
        ), {"d": doc_id}).all()
    assert any(q.char_start < CHUNK_CHARS < q.char_end for q in quotes)
    for q in quotes:
        assert q.quote == q.at == doc.text[q.char_start : q.char_end]
    engine.dispose()


def test_replacing_a_text_rewrites_its_chunks_only(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(any_db)
    upgrade(engine, workspace)
    info = DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report")
    long_doc = prepare_bytes(_report(100), "a.txt", info)
    with engine.begin() as conn:
        doc_id = store_document(conn, long_doc, load_lexicons(conn), "ingest")
        assert doc_id is not None
        replace_clean(conn, doc_id, long_doc.raw_text, "短")
    with engine.connect() as conn:
        assert texts_of(conn, [doc_id], CLEAN) == {doc_id: "短"}
        assert texts_of(conn, [doc_id], RAW) == {doc_id: long_doc.raw_text}
    engine.dispose()


def _indented_report() -> bytes:
    """A Simplified report in front matter and indentation, several chunks long, astral characters and all."""
    paragraph = "\u3000\u3000坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，" + ASTRAL + "e\u0301加快构建新发展格局。"
    body = "\n\n".join([paragraph] * 400 + ["\u3000\u3000地区生产总值增长5.5%左右，城镇新增就业12万人以上。"])
    return f"---\ntitle: 2024年政府工作报告\n---\n\n{body}\n".encode("utf-8")


def test_raw_texts_are_stored_as_references_to_their_clean_text(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    engine = open_engine(any_db)
    upgrade(engine, workspace)
    doc = prepare_bytes(_indented_report(), "indented.txt",
                        DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report"))
    assert len(doc.raw_text) > 4 * CHUNK_CHARS and doc.raw_text != doc.text
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")
    t = models.DocumentText
    with engine.connect() as conn:
        rows = conn.execute(select(t.seq, t.chunk, t.clean_from, t.clean_chars)
                            .where(t.document_id == doc_id, t.kind == RAW).order_by(t.seq)).all()
        assert [r.seq for r in rows] == list(range(len(rows)))
        references = [r for r in rows if r.clean_from is not None]
        assert references and all(r.chunk == "" for r in references)
        # Only the front matter, the indentation and the line ends are stored again.
        assert sum(len(r.chunk) for r in rows) < len(doc.raw_text) / 10
        assert texts_of(conn, [doc_id], RAW) == {doc_id: doc.raw_text}
        viewed = conn.execute(text("SELECT raw_text, text FROM documents_with_text WHERE id = :d"), {"d": doc_id}).one()
        assert (viewed.raw_text, viewed.text) == (doc.raw_text, doc.text)  # the engine's SUBSTR counts as Python does
    engine.dispose()


def test_a_new_clean_text_takes_the_raw_text_along(any_db: str, workspace) -> None:  # type: ignore[no-untyped-def]
    """Re-cleaning replaces a clean text that raw pieces point into: they are found again for the new one."""
    engine = open_engine(any_db)
    upgrade(engine, workspace)
    doc = prepare_bytes(_indented_report(), "indented.txt",
                        DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report"))
    cut = len(doc.text) // 2
    new_clean = doc.text[:cut] + "显著" + doc.text[cut + 1 :]  # a character changed, one added
    with engine.begin() as conn:
        doc_id = store_document(conn, doc, load_lexicons(conn), "ingest")
        assert doc_id is not None
        replace_clean(conn, doc_id, doc.raw_text, new_clean)
    with engine.connect() as conn:
        assert texts_of(conn, [doc_id], CLEAN) == {doc_id: new_clean}
        assert texts_of(conn, [doc_id], RAW) == {doc_id: doc.raw_text}
        viewed = conn.execute(text("SELECT raw_text, text FROM documents_with_text WHERE id = :d"), {"d": doc_id}).one()
        assert (viewed.raw_text, viewed.text) == (doc.raw_text, new_clean)
    engine.dispose()


def test_doctor_finds_a_missing_or_mismeasured_text(tmp_path, workspace) -> None:  # type: ignore[no-untyped-def]
    from tracker.doctor import examine

    db = str(tmp_path / "t.duckdb")
    engine = open_engine(db)
    upgrade(engine, workspace)
    report = examine(engine, workspace)
    assert report == {"schema": [], "data": [], "integrity": []}  # the seeds, healthy
    with engine.begin() as conn:
        first, second = conn.execute(select(models.Document.id).order_by(models.Document.id).limit(2)).scalars().all()
        conn.execute(delete(models.DocumentText).where(models.DocumentText.document_id == first,
                                                       models.DocumentText.kind == CLEAN))
        conn.execute(update(models.Document).where(models.Document.id == second).values(chars=1))
    integrity = examine(engine, workspace)["integrity"]
    assert any(f"document {first} " in f and "no clean text stored" in f for f in integrity), integrity
    assert any(f"document {second} " in f and "documents.chars says 1" in f for f in integrity), integrity
    # A raw text's reference past the end of its clean text (it would read back short). The seeds'
    # raw texts were stored whole, before revision 0011; this one is stored as pieces.
    doc = prepare_bytes(_indented_report(), "indented.txt",
                        DocumentInfo(place="厦门市", published="2024-01-10", doc_type="work_report"))
    t = models.DocumentText
    with engine.begin() as conn:
        third = store_document(conn, doc, load_lexicons(conn), "ingest")
        conn.execute(update(t).where(t.document_id == third, t.clean_from.is_not(None)).values(clean_chars=10**6))
    integrity = examine(engine, workspace)["integrity"]
    assert any(f"document {third} " in f and "points outside the clean text" in f for f in integrity), integrity
    engine.dispose()


def test_the_stored_hash_is_of_the_text_read_back(seeded_db: str) -> None:
    engine = open_engine(seeded_db)
    with engine.connect() as conn:
        hashes = dict(conn.execute(select(models.Document.id, models.Document.sha256)).all())
        texts = dict(iter_texts(conn))
    assert texts.keys() == hashes.keys() and len(texts) >= 5
    for document_id, clean in texts.items():
        assert hashlib.sha256(clean.encode("utf-8")).hexdigest() == hashes[document_id]
    engine.dispose()
