-- metrics: the standard indicators commitments are coded to, with their names and synonyms.
-- grain:   one row per metric
-- columns: metric, name_zh, short_zh, name_en, change_default, target_sense (floor | ceiling), aliases
--          (how many names map to it, both scripts), commitments (how many are coded to it)
-- filters: metric, target_sense
WITH alias_counts AS (
    SELECT metric_id, COUNT(*) AS aliases FROM metric_aliases GROUP BY metric_id
),
usage AS (
    SELECT metric_code, COUNT(*) AS commitments FROM commitments GROUP BY metric_code
),
final AS (
    SELECT
        m.code AS metric,
        m.name_zh,
        COALESCE(m.short_zh, m.name_zh) AS short_zh,
        m.name_en,
        m.change_default,
        m.target_sense,
        COALESCE(a.aliases, 0) AS aliases,
        COALESCE(u.commitments, 0) AS commitments
    FROM metrics AS m
    LEFT JOIN alias_counts AS a ON a.metric_id = m.id
    LEFT JOIN usage AS u ON u.metric_code = m.code
)
SELECT * FROM final
ORDER BY metric
