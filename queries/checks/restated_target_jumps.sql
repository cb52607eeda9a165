-- restated_target_jumps: a target restated later (same place, metric, change and period) with a
--          value that differs from the previous statement by more than half — usually a misread.
-- grain:   one row per offending restatement (a healthy database returns none)
-- columns: place, metric, period, prev_value, value, prev_quote, quote, prev_document, document
WITH ordered AS (
    SELECT
        s.*,
        LAG(s.value) OVER w AS prev_value,
        LAG(s.quote) OVER w AS prev_quote,
        LAG(s.document) OVER w AS prev_document
    FROM statements AS s
    WHERE s.kind = 'target' AND s.metric_code IS NOT NULL AND s.period IS NOT NULL AND s.value IS NOT NULL
    WINDOW w AS (
        PARTITION BY s.place_id, s.metric_code, s.change, s.unit, s.period
        ORDER BY s.published, s.document_id, s.char_start DESC
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
