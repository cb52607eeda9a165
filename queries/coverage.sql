-- coverage: which place-years have documents, targets and reported outcomes.
-- grain:   one row per place × year (the year a document was published, or a target or outcome
--          applies to)
-- columns: place, admin_code, year, documents, work_reports, chars (clean text published that
--          year: the denominator for rhetoric rates), targets (metric-coded, for that
--          year), outcomes (metric-coded, for that year), metrics_with_target, metrics_with_outcome
-- filters: place, admin_code, year
WITH doc_years AS (
    SELECT
        d.place_id,
        CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER) AS year,
        COUNT(*) AS documents,
        SUM(d.chars) AS chars,
        SUM(CASE WHEN d.doc_type = 'work_report' THEN 1 ELSE 0 END) AS work_reports
    FROM documents AS d
    GROUP BY d.place_id, CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER)
),
commitment_years AS (
    SELECT
        s.place_id,
        s.period_year AS year,
        SUM(CASE WHEN s.kind = 'target' THEN 1 ELSE 0 END) AS targets,
        SUM(CASE WHEN s.kind = 'actual' THEN 1 ELSE 0 END) AS outcomes,
        COUNT(DISTINCT CASE WHEN s.kind = 'target' THEN s.metric_code END) AS metrics_with_target,
        COUNT(DISTINCT CASE WHEN s.kind = 'actual' THEN s.metric_code END) AS metrics_with_outcome
    FROM statements AS s
    WHERE s.metric_code IS NOT NULL AND s.period_year IS NOT NULL
    GROUP BY s.place_id, s.period_year
),
place_years AS (
    SELECT place_id, year FROM doc_years
    UNION
    SELECT place_id, year FROM commitment_years
),
final AS (
    SELECT
        p.name_zh AS place,
        p.admin_code,
        y.year,
        COALESCE(d.documents, 0) AS documents,
        COALESCE(d.work_reports, 0) AS work_reports,
        COALESCE(d.chars, 0) AS chars,
        COALESCE(c.targets, 0) AS targets,
        COALESCE(c.outcomes, 0) AS outcomes,
        COALESCE(c.metrics_with_target, 0) AS metrics_with_target,
        COALESCE(c.metrics_with_outcome, 0) AS metrics_with_outcome
    FROM place_years AS y
    JOIN places AS p ON p.id = y.place_id
    LEFT JOIN doc_years AS d ON d.place_id = y.place_id AND d.year = y.year
    LEFT JOIN commitment_years AS c ON c.place_id = y.place_id AND c.year = y.year
)
SELECT * FROM final
ORDER BY place, year
