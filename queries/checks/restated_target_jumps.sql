-- restated_target_jumps: a target restated in a later document (same place, metric, change, unit and
--          period) with a value that differs from the earlier document's by more than half —
--          usually a misread. Each document speaks through its first mention (its headline); other
--          figures inside one document (a district's, a sector's) are not versions of each other.
-- grain:   one row per offending restatement (a healthy database returns none)
-- columns: place, metric, period, prev_value, value, prev_quote, quote, prev_document, document
WITH headlines AS (
    SELECT
        s.*,
        ROW_NUMBER() OVER (
            PARTITION BY s.document_id, s.metric_code, s.change, s.unit, s.period
            ORDER BY s.char_start, s.id
        ) AS mention
    FROM statements AS s
    WHERE s.kind = 'target' AND s.metric_code IS NOT NULL AND s.period IS NOT NULL AND s.value IS NOT NULL
),
ordered AS (
    SELECT
        h.*,
        LAG(h.value) OVER w AS prev_value,
        LAG(h.quote) OVER w AS prev_quote,
        LAG(h.document) OVER w AS prev_document
    FROM headlines AS h
    WHERE h.mention = 1
    WINDOW w AS (
        PARTITION BY h.place_id, h.metric_code, h.change, h.unit, h.period
        ORDER BY h.published, h.document_id
    )
),
final AS (
    SELECT place, metric_code AS metric, period, prev_value, value, prev_quote, quote, prev_document, document
    FROM ordered
    WHERE prev_value IS NOT NULL
      AND ABS(value - prev_value) > 0.5 * ABS(prev_value)
)
SELECT * FROM final
ORDER BY place, metric, period
