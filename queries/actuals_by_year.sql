-- actuals_by_year: each place's reported outcome for each metric and year, as last stated.
-- grain:   one row per place × metric × change × year reported on (view `outcomes`: a later
--          statement, e.g. a final figure after a 预计 estimate, supersedes an earlier one)
-- columns: place, admin_code, metric, change, year, value, unit, qualifier, relation, note,
--          document, published, quote, commitment_id, statements
-- filters: place, admin_code, metric, year, note (estimate | preliminary)
WITH final AS (
    SELECT
        place,
        admin_code,
        metric_code AS metric,
        change,
        period_year AS year,
        value,
        unit,
        qualifier,
        relation,
        note,
        document,
        published,
        quote,
        id AS commitment_id,
        statements
    FROM outcomes
)
SELECT * FROM final
ORDER BY place, metric, change, year
