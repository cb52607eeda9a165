"""Views for the standing questions: corrections applied on top, statements with their place and date.

- commitments_corrected: every commitment with the latest human correction of each field applied
  (corrections are anchored by document, offsets and original metric, so they survive re-extraction);
- statements: commitments_corrected with the document's place, publication date and file, and the
  period's year as an integer when the period is a single year. queries/*.sql read from it;
- targets / outcomes: the latest statement of each place's target / reported outcome per metric,
  change and year (a later statement supersedes an earlier one; within a document the first
  mention, its headline, wins), with how many statements there were.
Both are plain SQL that DuckDB and PostgreSQL run unchanged.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMITMENTS_CORRECTED = """
CREATE VIEW commitments_corrected AS
    WITH ranked AS (
        SELECT
            k.*,
            ROW_NUMBER() OVER (
                PARTITION BY k.document_id, k.char_start, k.char_end, k.metric_code, k.field
                ORDER BY k.created_at DESC, k.id DESC
            ) AS rank_in_field
        FROM corrections AS k
    ),
    latest AS (
        SELECT
            document_id,
            char_start,
            char_end,
            metric_code AS anchor_metric,
            MAX(CASE WHEN field = 'metric_code' THEN 1 ELSE 0 END) AS has_metric_code,
            MAX(CASE WHEN field = 'metric_code' THEN new_value END) AS new_metric_code,
            MAX(CASE WHEN field = 'subject' THEN 1 ELSE 0 END) AS has_subject,
            MAX(CASE WHEN field = 'subject' THEN new_value END) AS new_subject,
            MAX(CASE WHEN field = 'kind' THEN 1 ELSE 0 END) AS has_kind,
            MAX(CASE WHEN field = 'kind' THEN new_value END) AS new_kind,
            MAX(CASE WHEN field = 'period' THEN 1 ELSE 0 END) AS has_period,
            MAX(CASE WHEN field = 'period' THEN new_value END) AS new_period,
            MAX(CASE WHEN field = 'change' THEN 1 ELSE 0 END) AS has_change,
            MAX(CASE WHEN field = 'change' THEN new_value END) AS new_change,
            MAX(CASE WHEN field = 'value' THEN 1 ELSE 0 END) AS has_value,
            MAX(CASE WHEN field = 'value' THEN new_value END) AS new_value,
            MAX(CASE WHEN field = 'value_low' THEN 1 ELSE 0 END) AS has_value_low,
            MAX(CASE WHEN field = 'value_low' THEN new_value END) AS new_value_low,
            MAX(CASE WHEN field = 'value_high' THEN 1 ELSE 0 END) AS has_value_high,
            MAX(CASE WHEN field = 'value_high' THEN new_value END) AS new_value_high,
            MAX(CASE WHEN field = 'stretch' THEN 1 ELSE 0 END) AS has_stretch,
            MAX(CASE WHEN field = 'stretch' THEN new_value END) AS new_stretch,
            MAX(CASE WHEN field = 'unit' THEN 1 ELSE 0 END) AS has_unit,
            MAX(CASE WHEN field = 'unit' THEN new_value END) AS new_unit,
            MAX(CASE WHEN field = 'value_base' THEN 1 ELSE 0 END) AS has_value_base,
            MAX(CASE WHEN field = 'value_base' THEN new_value END) AS new_value_base,
            MAX(CASE WHEN field = 'unit_base' THEN 1 ELSE 0 END) AS has_unit_base,
            MAX(CASE WHEN field = 'unit_base' THEN new_value END) AS new_unit_base,
            MAX(CASE WHEN field = 'qualifier' THEN 1 ELSE 0 END) AS has_qualifier,
            MAX(CASE WHEN field = 'qualifier' THEN new_value END) AS new_qualifier,
            MAX(CASE WHEN field = 'bound' THEN 1 ELSE 0 END) AS has_bound,
            MAX(CASE WHEN field = 'bound' THEN new_value END) AS new_bound,
            MAX(CASE WHEN field = 'strength' THEN 1 ELSE 0 END) AS has_strength,
            MAX(CASE WHEN field = 'strength' THEN new_value END) AS new_strength,
            MAX(CASE WHEN field = 'strength_word' THEN 1 ELSE 0 END) AS has_strength_word,
            MAX(CASE WHEN field = 'strength_word' THEN new_value END) AS new_strength_word,
            MAX(CASE WHEN field = 'relation' THEN 1 ELSE 0 END) AS has_relation,
            MAX(CASE WHEN field = 'relation' THEN new_value END) AS new_relation,
            MAX(CASE WHEN field = 'note' THEN 1 ELSE 0 END) AS has_note,
            MAX(CASE WHEN field = 'note' THEN new_value END) AS new_note
        FROM ranked
        WHERE rank_in_field = 1
        GROUP BY document_id, char_start, char_end, metric_code
    )
    SELECT
        c.id,
        c.document_id,
        c.place_id,
        CASE WHEN k.has_metric_code = 1 THEN k.new_metric_code ELSE c.metric_code END AS metric_code,
        CASE WHEN k.has_subject = 1 THEN k.new_subject ELSE c.subject END AS subject,
        CASE WHEN k.has_kind = 1 THEN k.new_kind ELSE c.kind END AS kind,
        CASE WHEN k.has_period = 1 THEN k.new_period ELSE c.period END AS period,
        c.period_start,
        c.period_end,
        CASE WHEN k.has_change = 1 THEN k.new_change ELSE c.change END AS change,
        CASE WHEN k.has_value = 1 THEN CAST(k.new_value AS DOUBLE PRECISION) ELSE c.value END AS value,
        CASE WHEN k.has_value_low = 1 THEN CAST(k.new_value_low AS DOUBLE PRECISION) ELSE c.value_low END AS value_low,
        CASE WHEN k.has_value_high = 1 THEN CAST(k.new_value_high AS DOUBLE PRECISION) ELSE c.value_high END AS value_high,
        CASE WHEN k.has_stretch = 1 THEN CAST(k.new_stretch AS DOUBLE PRECISION) ELSE c.stretch END AS stretch,
        CASE WHEN k.has_unit = 1 THEN k.new_unit ELSE c.unit END AS unit,
        CASE WHEN k.has_value_base = 1 THEN CAST(k.new_value_base AS DOUBLE PRECISION) ELSE c.value_base END AS value_base,
        CASE WHEN k.has_unit_base = 1 THEN k.new_unit_base ELSE c.unit_base END AS unit_base,
        CASE WHEN k.has_qualifier = 1 THEN k.new_qualifier ELSE c.qualifier END AS qualifier,
        CASE WHEN k.has_bound = 1 THEN k.new_bound ELSE c.bound END AS bound,
        CASE WHEN k.has_strength = 1 THEN k.new_strength ELSE c.strength END AS strength,
        CASE WHEN k.has_strength_word = 1 THEN k.new_strength_word ELSE c.strength_word END AS strength_word,
        CASE WHEN k.has_relation = 1 THEN k.new_relation ELSE c.relation END AS relation,
        CASE WHEN k.has_note = 1 THEN k.new_note ELSE c.note END AS note,
        c.quote,
        c.char_start,
        c.char_end,
        c.extractor_version,
        (k.document_id IS NOT NULL) AS corrected
    FROM commitments AS c
    LEFT JOIN latest AS k
        ON k.document_id = c.document_id
        AND k.char_start = c.char_start
        AND k.char_end = c.char_end
        AND k.anchor_metric IS NOT DISTINCT FROM c.metric_code
"""

STATEMENTS = """
CREATE VIEW statements AS
    SELECT
        c.*,
        d.file AS document,
        d.published_on AS published,
        d.date_precision,
        d.doc_type,
        p.name_zh AS place,
        p.admin_code,
        CASE WHEN LENGTH(c.period) = 4 THEN CAST(c.period AS INTEGER) END AS period_year
    FROM commitments_corrected AS c
    JOIN documents AS d ON d.id = c.document_id
    JOIN places AS p ON p.id = c.place_id
"""


LATEST = """
CREATE VIEW {name} AS
    WITH ranked AS (
        SELECT
            s.*,
            ROW_NUMBER() OVER (
                PARTITION BY s.place_id, s.metric_code, s.change, s.period_year
                ORDER BY s.published DESC, s.document_id DESC, s.char_start, s.id
            ) AS latest_first,
            COUNT(*) OVER (PARTITION BY s.place_id, s.metric_code, s.change, s.period_year) AS statements
        FROM statements AS s
        WHERE s.kind = '{kind}'
          AND s.metric_code IS NOT NULL
          AND s.period_year IS NOT NULL
    )
    SELECT * FROM ranked WHERE latest_first = 1
"""


def upgrade() -> None:
    op.execute(COMMITMENTS_CORRECTED)
    op.execute(STATEMENTS)
    op.execute(LATEST.format(name="targets", kind="target"))
    op.execute(LATEST.format(name="outcomes", kind="actual"))


def downgrade() -> None:
    op.execute("DROP VIEW outcomes")
    op.execute("DROP VIEW targets")
    op.execute("DROP VIEW statements")
    op.execute("DROP VIEW commitments_corrected")
