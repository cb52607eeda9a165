-- targets_by_year: each place's target for each metric and year, as last stated.
-- grain:   one row per place × metric × change × target year (view `targets`: a later statement
--          supersedes an earlier one; within a document its first mention, the headline, wins)
-- columns: place, admin_code, metric, change, year, value, value_low, value_high, stretch, unit,
--          qualifier, bound, strength, strength_word, relation, document, published, quote,
--          commitment_id, statements (how many times this target was stated)
-- filters: place, admin_code, metric, year (e.g. --where year>=2020), strength, bound
WITH final AS (
    SELECT
        place,
        admin_code,
        metric_code AS metric,
        change,
        period_year AS year,
        value,
        value_low,
        value_high,
        stretch,
        unit,
        qualifier,
        bound,
        strength,
        strength_word,
        relation,
        document,
        published,
        quote,
        id AS commitment_id,
        statements
    FROM targets
)
SELECT * FROM final
ORDER BY place, metric, change, year
