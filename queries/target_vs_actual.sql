-- target_vs_actual: each year's target against the outcome reported for that year (usually in the
--          next year's report), with the gap and whether the target was met.
-- grain:   one row per place × metric × change × target year
-- columns: place, admin_code, metric, change, year, target_value, value_low, value_high, target_unit,
--          target_qualifier, bound, strength, target_relation, actual_value, actual_unit, actual_note,
--          actual_relation, gap (actual − target; ranges by their midpoint), tolerance, status
--          (met | missed | not comparable | no outcome yet), band (above | within | below the
--          target ± tolerance), target_quote, actual_quote, target_document, actual_document
-- rules:   the metric's sense (metrics.target_sense) says which way is good: for a floor (GDP
--          growth) 以上 is met at ≥ (超过 at >), 左右 and exact figures are met down to target −
--          tolerance, a range from its low end; for a ceiling (CPI, unemployment) 以内 is met at
--          ≤, 左右 and exact up to target + tolerance, a range up to its high end. The tolerance is
--          0.5 for figures in % or 个百分点 and 5% of the target otherwise (edit params to change it).
--          Value-less targets (高于全省) and unit mismatches are not comparable.
-- filters: place, admin_code, metric, year, status, band
WITH params AS (
    SELECT 0.5 AS tolerance_points, 0.05 AS tolerance_share
),
pairs AS (
    SELECT
        t.place,
        t.admin_code,
        t.metric_code AS metric,
        t.change,
        t.period_year AS year,
        t.value AS target_value,
        t.value_low,
        t.value_high,
        t.unit AS target_unit,
        t.qualifier AS target_qualifier,
        t.bound,
        t.strength,
        t.relation AS target_relation,
        o.value AS actual_value,
        o.unit AS actual_unit,
        o.note AS actual_note,
        o.relation AS actual_relation,
        COALESCE((t.value_low + t.value_high) / 2.0, t.value) AS target_level,
        COALESCE(m.target_sense, 'floor') AS sense,
        t.quote AS target_quote,
        o.quote AS actual_quote,
        t.document AS target_document,
        o.document AS actual_document
    FROM targets AS t
    LEFT JOIN outcomes AS o
        ON o.place_id = t.place_id AND o.metric_code = t.metric_code
        AND o.change = t.change AND o.period_year = t.period_year
    LEFT JOIN metrics AS m ON m.code = t.metric_code
),
measured AS (
    SELECT
        p.*,
        CASE WHEN p.actual_value IS NOT NULL AND p.target_level IS NOT NULL AND p.actual_unit = p.target_unit
             THEN CAST(CAST(p.actual_value - p.target_level AS DECIMAL(18, 4)) AS DOUBLE PRECISION) END AS gap,
        CASE WHEN p.target_unit IN ('%', '个百分点') THEN params.tolerance_points
             ELSE ABS(p.target_level) * params.tolerance_share END AS tolerance,
        p.target_qualifier IN ('超', '超过', '逾', '高于', '多', '余', '不到', '不足', '低于', '近') AS exclusive
    FROM pairs AS p
    CROSS JOIN params
),
final AS (
    SELECT
        place, admin_code, metric, change, year,
        target_value, value_low, value_high, target_unit, target_qualifier, bound, strength, target_relation,
        actual_value, actual_unit, actual_note, actual_relation,
        gap,
        tolerance,
        CASE
            WHEN actual_value IS NULL AND actual_relation IS NULL THEN 'no outcome yet'
            WHEN gap IS NULL THEN 'not comparable'
            WHEN bound = 'range' AND sense = 'ceiling' THEN CASE WHEN actual_value <= value_high THEN 'met' ELSE 'missed' END
            WHEN bound = 'range' THEN CASE WHEN actual_value >= value_low THEN 'met' ELSE 'missed' END
            WHEN bound = 'min' AND exclusive THEN CASE WHEN actual_value > target_value THEN 'met' ELSE 'missed' END
            WHEN bound = 'min' THEN CASE WHEN actual_value >= target_value THEN 'met' ELSE 'missed' END
            WHEN bound = 'max' AND exclusive THEN CASE WHEN actual_value < target_value THEN 'met' ELSE 'missed' END
            WHEN bound = 'max' THEN CASE WHEN actual_value <= target_value THEN 'met' ELSE 'missed' END
            WHEN sense = 'ceiling' THEN CASE WHEN gap <= tolerance THEN 'met' ELSE 'missed' END
            ELSE CASE WHEN gap >= -tolerance THEN 'met' ELSE 'missed' END
        END AS status,
        CASE
            WHEN gap IS NULL THEN NULL
            WHEN gap > tolerance THEN 'above'
            WHEN gap < -tolerance THEN 'below'
            ELSE 'within'
        END AS band,
        target_quote,
        actual_quote,
        target_document,
        actual_document
    FROM measured
)
SELECT * FROM final
ORDER BY place, metric, change, year
