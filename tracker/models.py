"""The schema's single source of truth (DESIGN §3): typed SQLAlchemy 2 models.

DuckDB rules (DESIGN §5) shape a few choices here:
- plain integer primary keys; the duckdb-sqlalchemy dialect creates the sequence behind them;
- foreign keys are declared for PostgreSQL only (``ddl_if``): on DuckDB they block later changes to
  the referenced tables, so there the application keeps the references consistent (and the data
  checks in queries/checks/ look for orphans);
- Text everywhere for strings: DuckDB has one VARCHAR type, and a compare hook in migrations/env.py
  stops String vs Text from looking like a change.
Places and dates key everything: a document belongs to one place and one publication date; a
commitment repeats its document's place so the (place, metric, period) index serves the time queries.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Indexes that exist on PostgreSQL only. DuckDB's analytical queries scan rather than use them,
# while keeping one up to date on DuckDB is costly: with the (place_id, metric_code, period) index,
# committing a re-extraction of the corpus took 8.8 s instead of 0.7 s (migration 0007 drops it).
# A document's texts and commitments are found on DuckDB by the zone maps of their tables' ascending
# document ids (ingest writes in document order); migration 0010 drops commitments' document_id index.
POSTGRES_ONLY_INDEXES = frozenset({"ix_commitments_place_id_metric_code_period", "ix_document_texts_document_id_kind_seq",
                                   "ix_commitments_document_id"})


def pg_index(name: str, *columns: str) -> Index:
    """An index that exists on PostgreSQL only (see POSTGRES_ONLY_INDEXES)."""
    assert name in POSTGRES_ONLY_INDEXES
    index = Index(name, *columns)
    index.ddl_if(dialect="postgresql")
    return index


def pg_fk(columns: list[str], refcolumns: list[str], ondelete: str | None = None) -> ForeignKeyConstraint:
    """A foreign key that exists on PostgreSQL only (DuckDB's block later table changes)."""
    fk = ForeignKeyConstraint(columns, refcolumns, ondelete=ondelete)
    fk.ddl_if(dialect="postgresql")
    return fk


class Place(Base):
    """An administrative unit by its GB/T 2260 code (province, city, district or new area)."""

    __tablename__ = "places"
    __table_args__ = (pg_fk(["parent_id"], ["places.id"]),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    admin_code: Mapped[str] = mapped_column(Text, unique=True, comment="GB/T 2260 code, e.g. 350200")
    name_zh: Mapped[str] = mapped_column(Text, comment="official name in Simplified Chinese")
    name_en: Mapped[str | None] = mapped_column(Text, comment="English name")
    level: Mapped[str] = mapped_column(Text, comment="province | city | district | new_area")
    parent_id: Mapped[int | None] = mapped_column(Integer, comment="places.id of the unit above")


class PlaceAlias(Base):
    """Other names of a place: short forms and both scripts (厦门, 廈門, 廈門市)."""

    __tablename__ = "place_aliases"
    __table_args__ = (
        UniqueConstraint("place_id", "alias"),
        Index("ix_place_aliases_alias", "alias"),
        pg_fk(["place_id"], ["places.id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    place_id: Mapped[int] = mapped_column(Integer, comment="places.id")
    alias: Mapped[str] = mapped_column(Text, comment="the name as users or texts write it")


class Document(Base):
    """One source text, stored raw and clean, keyed by place and publication date."""

    __tablename__ = "documents"
    __table_args__ = (
        Index("ix_documents_place_id_published_on", "place_id", "published_on"),
        pg_fk(["place_id"], ["places.id"]),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text, unique=True, comment="sha256 of the clean text: re-ingest is a no-op")
    file: Mapped[str] = mapped_column(Text, comment="source file name as ingested")
    place_id: Mapped[int] = mapped_column(Integer, comment="places.id")
    published_on: Mapped[dt.date] = mapped_column(Date, comment="when the place said it (first day of the known precision)")
    date_precision: Mapped[str] = mapped_column(Text, comment="day | month | year")
    date_basis: Mapped[str] = mapped_column(Text, comment="manifest | text | option: where the date came from")
    title: Mapped[str | None] = mapped_column(Text, comment="title as given by the manifest or the text")
    doc_type: Mapped[str | None] = mapped_column(Text, comment="work_report | news | interview | meeting | plan")
    source: Mapped[str | None] = mapped_column(Text, comment="publisher or address")
    original_encoding: Mapped[str] = mapped_column(Text, comment="encoding the bytes were decoded from")
    original_script: Mapped[str] = mapped_column(Text, comment="traditional | simplified")
    chars: Mapped[int] = mapped_column(Integer, comment="characters of the clean text (its chunks in document_texts)")
    digits_missing: Mapped[bool] = mapped_column(Boolean, comment="the text lost its Arabic digits: no values can be read")
    garbled_chars: Mapped[int] = mapped_column(Integer, comment="characters that look like mis-decoded bytes")
    chrome_removed_chars: Mapped[int] = mapped_column(Integer, comment="characters of web page chrome removed by cleaning")
    origin: Mapped[str] = mapped_column(Text, comment="seeds/<year> for a year revision, else ingest")
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, comment="when it was stored (UTC)")


class DocumentText(Base):
    """A document's raw or clean text, a chunk of a few thousand characters a row.

    Whole texts (100 KB and more) in the documents rows made DuckDB rewrite 2,048 documents' texts
    at every checkpoint of a documents row group and copy each text into its log on commit; chunks
    store in two thirds of the time and memory (tracker.corpus.texts). A raw text is kept as pieces
    since revision 0011: mostly references to runs of the clean text, so that what cleaning left
    alone is not stored twice. Read whole texts back with tracker.corpus.texts, or from the
    documents_with_text view.
    """

    __tablename__ = "document_texts"
    __table_args__ = (
        pg_index("ix_document_texts_document_id_kind_seq", "document_id", "kind", "seq"),
        pg_fk(["document_id"], ["documents.id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, comment="documents.id")
    kind: Mapped[str] = mapped_column(Text, comment="raw (as decoded, before cleaning) | clean (Simplified; offsets of commitments point here)")
    seq: Mapped[int] = mapped_column(Integer, comment="the chunk's place in the text, from 0")
    chunk: Mapped[str] = mapped_column(
        Text, comment="clean: the text's characters [seq * 4000, (seq + 1) * 4000); raw: up to 4,000 characters as "
                      "decoded, or empty where clean_from is set")
    # A raw text is stored as pieces in seq order (tracker.corpus.raw_pieces): a reference to a run
    # of the document's clean text where cleaning left it as it was, else its own characters.
    clean_from: Mapped[int | None] = mapped_column(
        Integer, comment="raw pieces only: this piece is the clean text's characters from here (0-based) ...")
    clean_chars: Mapped[int | None] = mapped_column(Integer, comment="... this many of them; NULL: the piece is chunk")


class Metric(Base):
    """A standard indicator (gdp, cpi, …) that commitments are coded to."""

    __tablename__ = "metrics"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(Text, unique=True, comment="stable code, e.g. gdp")
    name_zh: Mapped[str] = mapped_column(Text, comment="Chinese name")
    short_zh: Mapped[str | None] = mapped_column(Text, comment="short Chinese label for narrow tables (规上工业)")
    name_en: Mapped[str | None] = mapped_column(Text, comment="English name")
    change_default: Mapped[str | None] = mapped_column(Text, comment="growth | level: how it is usually stated")
    target_sense: Mapped[str | None] = mapped_column(
        Text, comment="floor (more is better: GDP growth) | ceiling (less is better: CPI, unemployment)"
    )


class MetricAlias(Base):
    """A name under which a metric appears in texts (both scripts)."""

    __tablename__ = "metric_aliases"
    __table_args__ = (pg_fk(["metric_id"], ["metrics.id"], ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    metric_id: Mapped[int] = mapped_column(Integer, comment="metrics.id")
    alias: Mapped[str] = mapped_column(Text, unique=True, comment="the name as written in texts")


class Commitment(Base):
    """A target or a reported outcome read from a document, with its exact quote and offsets."""

    __tablename__ = "commitments"
    __table_args__ = (
        pg_index("ix_commitments_place_id_metric_code_period", "place_id", "metric_code", "period"),
        pg_index("ix_commitments_document_id", "document_id"),
        pg_fk(["document_id"], ["documents.id"], ondelete="CASCADE"),
        pg_fk(["place_id"], ["places.id"]),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, comment="documents.id")
    place_id: Mapped[int] = mapped_column(Integer, comment="places.id (the document's place)")
    metric_code: Mapped[str | None] = mapped_column(Text, comment="metrics.code; null for a deliverable with no standard metric")
    subject: Mapped[str | None] = mapped_column(Text, comment="what is measured, as written")
    kind: Mapped[str] = mapped_column(Text, comment="target | actual")
    period: Mapped[str | None] = mapped_column(Text, comment='period label: "2024", "2020-H1", "2021-2025"')
    period_start: Mapped[dt.date | None] = mapped_column(Date, comment="first day of the period")
    period_end: Mapped[dt.date | None] = mapped_column(Date, comment="last day of the period")
    change: Mapped[str | None] = mapped_column(Text, comment="growth | level | share | points")
    value: Mapped[float | None] = mapped_column(Float, comment="the number as written (negative for 下降)")
    value_low: Mapped[float | None] = mapped_column(Float, comment="range start")
    value_high: Mapped[float | None] = mapped_column(Float, comment="range end")
    stretch: Mapped[float | None] = mapped_column(Float, comment="the 力争 figure beside the base value")
    unit: Mapped[str | None] = mapped_column(Text, comment="unit as written: %, 亿元, 万个, 个百分点")
    value_base: Mapped[float | None] = mapped_column(Float, comment="value in the base unit (4.1万个 → 41000)")
    unit_base: Mapped[str | None] = mapped_column(Text, comment="base unit (个, 元, %)")
    qualifier: Mapped[str | None] = mapped_column(Text, comment="hedge as written: 左右, 以上, 以内")
    bound: Mapped[str | None] = mapped_column(Text, comment="approx | min | max | exact | range")
    strength: Mapped[str | None] = mapped_column(Text, comment="binding | aspirational | estimate | plain")
    strength_word: Mapped[str | None] = mapped_column(Text, comment="the frame word as written: 确保, 力争, 预计")
    relation: Mapped[str | None] = mapped_column(Text, comment="value-less comparison: 高于全省, 与经济增长同步")
    note: Mapped[str | None] = mapped_column(Text, comment="estimate | preliminary")
    quote: Mapped[str] = mapped_column(Text, comment="exact text: the clean text[char_start:char_end] (documents_with_text.text)")
    char_start: Mapped[int] = mapped_column(Integer, comment="offset of the quote in the document's clean text (document_texts, kind clean)")
    char_end: Mapped[int] = mapped_column(Integer, comment="end offset (exclusive)")
    extractor_version: Mapped[str] = mapped_column(Text, comment="version of the code that made this row")


class Correction(Base):
    """A human fix to one field of a commitment; reads apply it on top.

    It is anchored by the commitment's provenance (document, offsets, metric) as well as its id, so it
    survives re-extraction, which replaces commitment rows.
    """

    __tablename__ = "corrections"
    __table_args__ = (pg_fk(["document_id"], ["documents.id"], ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commitment_id: Mapped[int | None] = mapped_column(Integer, comment="commitments.id when made")
    document_id: Mapped[int] = mapped_column(Integer, comment="documents.id (anchor)")
    char_start: Mapped[int] = mapped_column(Integer, comment="anchor: the commitment's quote start")
    char_end: Mapped[int] = mapped_column(Integer, comment="anchor: the commitment's quote end")
    metric_code: Mapped[str | None] = mapped_column(Text, comment="anchor: the commitment's metric before correction")
    field: Mapped[str] = mapped_column(Text, comment="commitments column corrected")
    old_value: Mapped[str | None] = mapped_column(Text, comment="value before, as text")
    new_value: Mapped[str | None] = mapped_column(Text, comment="value after, as text")
    note: Mapped[str | None] = mapped_column(Text, comment="why")
    author: Mapped[str | None] = mapped_column(Text, comment="who")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, comment="when (UTC)")


class Term(Base):
    """A rhetoric lexicon entry (a slogan or policy phrase)."""

    __tablename__ = "terms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(Text, unique=True, comment="surface form counted in texts")
    concept: Mapped[str] = mapped_column(Text, comment="the concept that groups variants (六稳)")
    category: Mapped[str | None] = mapped_column(Text, comment="growth_model, reform, pandemic, …")
    first_national_use: Mapped[int | None] = mapped_column(Integer, comment="year of first national use, where known")
    note: Mapped[str | None] = mapped_column(Text, comment="free note")


class TermCount(Base):
    """How often a term occurs in a document."""

    __tablename__ = "term_counts"
    __table_args__ = (
        UniqueConstraint("document_id", "term_id"),
        pg_fk(["document_id"], ["documents.id"], ondelete="CASCADE"),
        pg_fk(["term_id"], ["terms.id"], ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, comment="documents.id")
    term_id: Mapped[int] = mapped_column(Integer, comment="terms.id")
    count: Mapped[int] = mapped_column(Integer, comment="occurrences (longest match wins)")
    per_10k_chars: Mapped[float] = mapped_column(Float, comment="count per 10,000 characters of clean text")
