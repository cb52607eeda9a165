-- target_changes: how each place's targets moved from one year to the next.
-- grain:   one row per place × metric × change × year that has a previous year with targets
--          (the previous year is the place's previous year with any stated target)
-- columns: place, admin_code, metric, change, year, prev_year, prev_value, prev_unit, prev_qualifier,
--          prev_strength, value, unit, qualifier, strength, delta (value − prev_value; ranges by
--          their midpoint), move (raised | lowered | held | new | dropped | reworded | not comparable),
--          wording (softened | hardened | mixed | same: the hedge and the frame word, e.g.
--          以上 → 左右 or 确保 → 力争 is softened), prev_quote, quote, prev_document, document
-- filters: place, admin_code, metric, year, move, wording
WITH t AS (
    SELECT
        place_id,
        place,
        admin_code,
        metric_code,
        change,
        period_year AS year,
        value,
        unit,
        qualifier,
        strength,
        relation,
        quote,
        document,
        COALESCE((value_low + value_high) / 2.0, value) AS level,
        -- firmness of the hedge: a bound (以上, 以内) commits more than an exact figure, which
        -- commits more than 左右
        CASE bound WHEN 'min' THEN 3 WHEN 'max' THEN 3 WHEN 'exact' THEN 2 WHEN 'range' THEN 2
                   WHEN 'approx' THEN 1 ELSE 2 END AS bound_firmness,
        CASE strength WHEN 'binding' THEN 3 WHEN 'aspirational' THEN 1 ELSE 2 END AS word_firmness
    FROM targets
),
place_years AS (
    SELECT DISTINCT place_id, year FROM t
),
series AS (
    SELECT DISTINCT place_id, place, admin_code, metric_code, change FROM t
),
grid AS (
    SELECT s.place_id, s.place, s.admin_code, s.metric_code, s.change, y.year
    FROM series AS s
    JOIN place_years AS y ON y.place_id = s.place_id
),
joined AS (
    SELECT
        g.*,
        t.year IS NOT NULL AS stated,
        t.value, t.unit, t.qualifier, t.strength, t.relation, t.quote, t.document, t.level,
        t.bound_firmness, t.word_firmness
    FROM grid AS g
    LEFT JOIN t
        ON t.place_id = g.place_id AND t.metric_code = g.metric_code
        AND t.change = g.change AND t.year = g.year
),
lagged AS (
    SELECT
        j.*,
        LAG(j.year) OVER w AS prev_year,
        LAG(j.stated) OVER w AS prev_stated,
        LAG(j.value) OVER w AS prev_value,
        LAG(j.unit) OVER w AS prev_unit,
        LAG(j.qualifier) OVER w AS prev_qualifier,
        LAG(j.strength) OVER w AS prev_strength,
        LAG(j.relation) OVER w AS prev_relation,
        LAG(j.level) OVER w AS prev_level,
        LAG(j.bound_firmness) OVER w AS prev_bound_firmness,
        LAG(j.word_firmness) OVER w AS prev_word_firmness,
        LAG(j.quote) OVER w AS prev_quote,
        LAG(j.document) OVER w AS prev_document
    FROM joined AS j
    WINDOW w AS (PARTITION BY j.place_id, j.metric_code, j.change ORDER BY j.year)
),
final AS (
    SELECT
        place,
        admin_code,
        metric_code AS metric,
        change,
        year,
        prev_year,
        prev_value,
        prev_unit,
        prev_qualifier,
        prev_strength,
        value,
        unit,
        qualifier,
        strength,
        -- rounded through DECIMAL so 8.6 − 8.5 reads 0.1, not 0.0999…
        CASE WHEN stated AND prev_stated AND unit = prev_unit
             THEN CAST(CAST(level - prev_level AS DECIMAL(18, 4)) AS DOUBLE PRECISION) END AS delta,
        CASE
            WHEN stated AND NOT prev_stated THEN 'new'
            WHEN prev_stated AND NOT stated THEN 'dropped'
            WHEN level IS NULL AND prev_level IS NULL AND relation = prev_relation THEN 'held'
            WHEN level IS NULL AND prev_level IS NULL THEN 'reworded'
            WHEN level IS NULL OR prev_level IS NULL OR unit <> prev_unit THEN 'not comparable'
            WHEN level > prev_level THEN 'raised'
            WHEN level < prev_level THEN 'lowered'
            ELSE 'held'
        END AS move,
        CASE
            WHEN NOT (stated AND prev_stated) THEN NULL
            WHEN bound_firmness <= prev_bound_firmness AND word_firmness <= prev_word_firmness
                 AND (bound_firmness < prev_bound_firmness OR word_firmness < prev_word_firmness) THEN 'softened'
            WHEN bound_firmness >= prev_bound_firmness AND word_firmness >= prev_word_firmness
                 AND (bound_firmness > prev_bound_firmness OR word_firmness > prev_word_firmness) THEN 'hardened'
            WHEN bound_firmness = prev_bound_firmness AND word_firmness = prev_word_firmness THEN 'same'
            ELSE 'mixed'
        END AS wording,
        prev_quote,
        quote,
        prev_document,
        document
    FROM lagged
    WHERE prev_year IS NOT NULL
      AND (stated OR prev_stated)
)
SELECT * FROM final
ORDER BY place, metric, change, year
