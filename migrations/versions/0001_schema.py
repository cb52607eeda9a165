"""Schema: places, documents, metrics, commitments, corrections, terms (DESIGN §3).

Revision ID: 0001
Revises: 
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op
import sqlalchemy as sa


revision: str = '0001'
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('metrics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.Text(), nullable=False, comment='stable code, e.g. gdp'),
    sa.Column('name_zh', sa.Text(), nullable=False, comment='Chinese name'),
    sa.Column('short_zh', sa.Text(), nullable=True, comment='short Chinese label for narrow tables (规上工业)'),
    sa.Column('name_en', sa.Text(), nullable=True, comment='English name'),
    sa.Column('change_default', sa.Text(), nullable=True, comment='growth | level: how it is usually stated'),
    sa.Column('target_sense', sa.Text(), nullable=True, comment='floor (more is better: GDP growth) | ceiling (less is better: CPI, unemployment)'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metrics')),
    sa.UniqueConstraint('code', name=op.f('uq_metrics_code'))
    )
    op.create_table('places',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('admin_code', sa.Text(), nullable=False, comment='GB/T 2260 code, e.g. 350200'),
    sa.Column('name_zh', sa.Text(), nullable=False, comment='official name in Simplified Chinese'),
    sa.Column('name_en', sa.Text(), nullable=True, comment='English name'),
    sa.Column('level', sa.Text(), nullable=False, comment='province | city | district | new_area'),
    sa.Column('parent_id', sa.Integer(), nullable=True, comment='places.id of the unit above'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('admin_code', name=op.f('uq_places_admin_code'))
    )
    op.create_table('terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term', sa.Text(), nullable=False, comment='surface form counted in texts'),
    sa.Column('concept', sa.Text(), nullable=False, comment='the concept that groups variants (六稳)'),
    sa.Column('category', sa.Text(), nullable=True, comment='growth_model, reform, pandemic, …'),
    sa.Column('first_national_use', sa.Integer(), nullable=True, comment='year of first national use, where known'),
    sa.Column('note', sa.Text(), nullable=True, comment='free note'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terms')),
    sa.UniqueConstraint('term', name=op.f('uq_terms_term'))
    )
    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.Text(), nullable=False, comment='sha256 of the clean text: re-ingest is a no-op'),
    sa.Column('file', sa.Text(), nullable=False, comment='source file name as ingested'),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='places.id'),
    sa.Column('published_on', sa.Date(), nullable=False, comment='when the place said it (first day of the known precision)'),
    sa.Column('date_precision', sa.Text(), nullable=False, comment='day | month | year'),
    sa.Column('date_basis', sa.Text(), nullable=False, comment='manifest | text | option: where the date came from'),
    sa.Column('title', sa.Text(), nullable=True, comment='title as given by the manifest or the text'),
    sa.Column('doc_type', sa.Text(), nullable=True, comment='work_report | news | interview | meeting | plan'),
    sa.Column('source', sa.Text(), nullable=True, comment='publisher or address'),
    sa.Column('original_encoding', sa.Text(), nullable=False, comment='encoding the bytes were decoded from'),
    sa.Column('original_script', sa.Text(), nullable=False, comment='traditional | simplified'),
    sa.Column('raw_text', sa.Text(), nullable=False, comment='the text as decoded, before cleaning'),
    sa.Column('text', sa.Text(), nullable=False, comment='clean Simplified text; offsets of commitments point here'),
    sa.Column('digits_missing', sa.Boolean(), nullable=False, comment='the text lost its Arabic digits: no values can be read'),
    sa.Column('garbled_chars', sa.Integer(), nullable=False, comment='characters that look like mis-decoded bytes'),
    sa.Column('chrome_removed_chars', sa.Integer(), nullable=False, comment='characters of web page chrome removed by cleaning'),
    sa.Column('origin', sa.Text(), nullable=False, comment='seeds/<year> for a year revision, else ingest'),
    sa.Column('ingested_at', sa.DateTime(), nullable=False, comment='when it was stored (UTC)'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256'))
    )
    op.create_index('ix_documents_place_id_published_on', 'documents', ['place_id', 'published_on'], unique=False)
    op.create_table('metric_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('metric_id', sa.Integer(), nullable=False, comment='metrics.id'),
    sa.Column('alias', sa.Text(), nullable=False, comment='the name as written in texts'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_metric_aliases')),
    sa.UniqueConstraint('alias', name=op.f('uq_metric_aliases_alias'))
    )
    op.create_table('place_aliases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('place_id', sa.Integer(), nullable=False, comment='places.id'),
    sa.Column('alias', sa.Text(), nullable=False, comment='the name as users or texts write it'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_place_aliases')),
    sa.UniqueConstraint('place_id', 'alias', name=op.f('uq_place_aliases_place_id_alias'))
    )
    op.create_index('ix_place_aliases_alias', 'place_aliases', ['alias'], unique=False)
    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False, comment='documents.id'),
    sa.Column('place_id', sa.Integer(), nullable=False, comment="places.id (the document's place)"),
    sa.Column('metric_code', sa.Text(), nullable=True, comment='metrics.code; null for a deliverable with no standard metric'),
    sa.Column('subject', sa.Text(), nullable=True, comment='what is measured, as written'),
    sa.Column('kind', sa.Text(), nullable=False, comment='target | actual'),
    sa.Column('period', sa.Text(), nullable=True, comment='period label: "2024", "2020-H1", "2021-2025"'),
    sa.Column('period_start', sa.Date(), nullable=True, comment='first day of the period'),
    sa.Column('period_end', sa.Date(), nullable=True, comment='last day of the period'),
    sa.Column('change', sa.Text(), nullable=True, comment='growth | level | share | points'),
    sa.Column('value', sa.Float(), nullable=True, comment='the number as written (negative for 下降)'),
    sa.Column('value_low', sa.Float(), nullable=True, comment='range start'),
    sa.Column('value_high', sa.Float(), nullable=True, comment='range end'),
    sa.Column('stretch', sa.Float(), nullable=True, comment='the 力争 figure beside the base value'),
    sa.Column('unit', sa.Text(), nullable=True, comment='unit as written: %, 亿元, 万个, 个百分点'),
    sa.Column('value_base', sa.Float(), nullable=True, comment='value in the base unit (4.1万个 → 41000)'),
    sa.Column('unit_base', sa.Text(), nullable=True, comment='base unit (个, 元, %)'),
    sa.Column('qualifier', sa.Text(), nullable=True, comment='hedge as written: 左右, 以上, 以内'),
    sa.Column('bound', sa.Text(), nullable=True, comment='approx | min | max | exact | range'),
    sa.Column('strength', sa.Text(), nullable=True, comment='binding | aspirational | estimate | plain'),
    sa.Column('strength_word', sa.Text(), nullable=True, comment='the frame word as written: 确保, 力争, 预计'),
    sa.Column('relation', sa.Text(), nullable=True, comment='value-less comparison: 高于全省, 与经济增长同步'),
    sa.Column('note', sa.Text(), nullable=True, comment='estimate | preliminary'),
    sa.Column('quote', sa.Text(), nullable=False, comment='exact text: documents.text[char_start:char_end]'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment='offset of the quote in documents.text'),
    sa.Column('char_end', sa.Integer(), nullable=False, comment='end offset (exclusive)'),
    sa.Column('extractor_version', sa.Text(), nullable=False, comment='version of the code that made this row'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments'))
    )
    op.create_index('ix_commitments_document_id', 'commitments', ['document_id'], unique=False)
    op.create_index('ix_commitments_place_id_metric_code_period', 'commitments', ['place_id', 'metric_code', 'period'], unique=False)
    op.create_table('corrections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=True, comment='commitments.id when made'),
    sa.Column('document_id', sa.Integer(), nullable=False, comment='documents.id (anchor)'),
    sa.Column('char_start', sa.Integer(), nullable=False, comment="anchor: the commitment's quote start"),
    sa.Column('char_end', sa.Integer(), nullable=False, comment="anchor: the commitment's quote end"),
    sa.Column('metric_code', sa.Text(), nullable=True, comment="anchor: the commitment's metric before correction"),
    sa.Column('field', sa.Text(), nullable=False, comment='commitments column corrected'),
    sa.Column('old_value', sa.Text(), nullable=True, comment='value before, as text'),
    sa.Column('new_value', sa.Text(), nullable=True, comment='value after, as text'),
    sa.Column('note', sa.Text(), nullable=True, comment='why'),
    sa.Column('author', sa.Text(), nullable=True, comment='who'),
    sa.Column('created_at', sa.DateTime(), nullable=False, comment='when (UTC)'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_corrections'))
    )
    op.create_table('term_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False, comment='documents.id'),
    sa.Column('term_id', sa.Integer(), nullable=False, comment='terms.id'),
    sa.Column('count', sa.Integer(), nullable=False, comment='occurrences (longest match wins)'),
    sa.Column('per_10k_chars', sa.Float(), nullable=False, comment='count per 10,000 characters of clean text'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_term_counts')),
    sa.UniqueConstraint('document_id', 'term_id', name=op.f('uq_term_counts_document_id_term_id'))
    )
    # Foreign keys on PostgreSQL only: on DuckDB they block later changes to the referenced
    # tables (DESIGN §5), and the data checks in queries/checks/ look for orphans instead.
    if op.get_bind().dialect.name == "postgresql":
        op.create_foreign_key(op.f('fk_places_parent_id_places'), 'places', 'places', ['parent_id'], ['id'])
        op.create_foreign_key(op.f('fk_documents_place_id_places'), 'documents', 'places', ['place_id'], ['id'])
        op.create_foreign_key(op.f('fk_metric_aliases_metric_id_metrics'), 'metric_aliases', 'metrics', ['metric_id'], ['id'], ondelete='CASCADE')
        op.create_foreign_key(op.f('fk_place_aliases_place_id_places'), 'place_aliases', 'places', ['place_id'], ['id'], ondelete='CASCADE')
        op.create_foreign_key(op.f('fk_commitments_document_id_documents'), 'commitments', 'documents', ['document_id'], ['id'], ondelete='CASCADE')
        op.create_foreign_key(op.f('fk_commitments_place_id_places'), 'commitments', 'places', ['place_id'], ['id'])
        op.create_foreign_key(op.f('fk_corrections_document_id_documents'), 'corrections', 'documents', ['document_id'], ['id'], ondelete='CASCADE')
        op.create_foreign_key(op.f('fk_term_counts_document_id_documents'), 'term_counts', 'documents', ['document_id'], ['id'], ondelete='CASCADE')
        op.create_foreign_key(op.f('fk_term_counts_term_id_terms'), 'term_counts', 'terms', ['term_id'], ['id'], ondelete='CASCADE')


def downgrade() -> None:
    op.drop_table('term_counts')
    op.drop_table('corrections')
    op.drop_index('ix_commitments_place_id_metric_code_period', table_name='commitments')
    op.drop_index('ix_commitments_document_id', table_name='commitments')
    op.drop_table('commitments')
    op.drop_index('ix_place_aliases_alias', table_name='place_aliases')
    op.drop_table('place_aliases')
    op.drop_table('metric_aliases')
    op.drop_index('ix_documents_place_id_published_on', table_name='documents')
    op.drop_table('documents')
    op.drop_table('terms')
    op.drop_table('places')
    op.drop_table('metrics')
