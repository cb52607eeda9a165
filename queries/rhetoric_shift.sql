-- rhetoric_shift: which terms rose or fell between two periods, over all places: log-likelihood
--          keyness (G², signed: + rose, − fell) and Log Ratio effect size (log2 of the rate ratio).
-- grain:   one row per term used in either period
-- columns: term, concept, category, count_before, count_after, chars_before, chars_after,
--          per10k_before, per10k_after, g2, log_ratio, direction (rising | fading | steady:
--          |G²| ≥ 3.84 is p < 0.05)
-- periods: 2019–2020 (before) against 2023–2024 (after), by year of publication; edit params to
--          compare others (`tracker rhetoric --before/--after` takes them as options)
-- filters: term, concept, category, direction
WITH params AS (
    SELECT 2019 AS before_from, 2020 AS before_to, 2023 AS after_from, 2024 AS after_to
),
docs AS (
    SELECT
        d.id,
        d.chars,
        CASE
            WHEN EXTRACT(YEAR FROM d.published_on) BETWEEN params.before_from AND params.before_to THEN 'before'
            WHEN EXTRACT(YEAR FROM d.published_on) BETWEEN params.after_from AND params.after_to THEN 'after'
        END AS side
    FROM documents AS d
    CROSS JOIN params
),
sizes AS (
    SELECT
        SUM(CASE WHEN side = 'before' THEN chars ELSE 0 END) AS chars_before,
        SUM(CASE WHEN side = 'after' THEN chars ELSE 0 END) AS chars_after
    FROM docs
),
counts AS (
    SELECT
        tc.term_id,
        CAST(SUM(CASE WHEN docs.side = 'before' THEN tc.count ELSE 0 END) AS INTEGER) AS count_before,
        CAST(SUM(CASE WHEN docs.side = 'after' THEN tc.count ELSE 0 END) AS INTEGER) AS count_after
    FROM term_counts AS tc
    JOIN docs ON docs.id = tc.document_id
    WHERE docs.side IS NOT NULL
    GROUP BY tc.term_id
),
expected AS (
    SELECT
        c.*,
        s.chars_before,
        s.chars_after,
        -- expected counts if the rate had not changed (Rayson & Garside)
        s.chars_after * (c.count_after + c.count_before) * 1.0 / (s.chars_after + s.chars_before) AS e_after,
        s.chars_before * (c.count_after + c.count_before) * 1.0 / (s.chars_after + s.chars_before) AS e_before
    FROM counts AS c
    CROSS JOIN sizes AS s
    WHERE s.chars_before > 0 AND s.chars_after > 0
),
scored AS (
    SELECT
        e.*,
        2 * (CASE WHEN e.count_after > 0 THEN e.count_after * LN(e.count_after / e.e_after) ELSE 0 END
             + CASE WHEN e.count_before > 0 THEN e.count_before * LN(e.count_before / e.e_before) ELSE 0 END)
          * CASE WHEN e.count_after * 1.0 / e.chars_after >= e.count_before * 1.0 / e.chars_before THEN 1 ELSE -1 END
          AS g2,
        -- a zero count becomes 0.5 so the ratio stays finite (Hardie's Log Ratio)
        LN((CASE WHEN e.count_after = 0 THEN 0.5 ELSE e.count_after END * 1.0 / e.chars_after)
           / (CASE WHEN e.count_before = 0 THEN 0.5 ELSE e.count_before END * 1.0 / e.chars_before)) / LN(2) AS log_ratio
    FROM expected AS e
),
final AS (
    SELECT
        t.term,
        t.concept,
        t.category,
        s.count_before,
        s.count_after,
        s.chars_before,
        s.chars_after,
        CAST(CAST(s.count_before * 10000.0 / s.chars_before AS DECIMAL(18, 4)) AS DOUBLE PRECISION) AS per10k_before,
        CAST(CAST(s.count_after * 10000.0 / s.chars_after AS DECIMAL(18, 4)) AS DOUBLE PRECISION) AS per10k_after,
        CAST(CAST(s.g2 AS DECIMAL(18, 3)) AS DOUBLE PRECISION) AS g2,
        CAST(CAST(s.log_ratio AS DECIMAL(18, 3)) AS DOUBLE PRECISION) AS log_ratio,
        CASE WHEN s.g2 >= 3.84 THEN 'rising' WHEN s.g2 <= -3.84 THEN 'fading' ELSE 'steady' END AS direction
    FROM scored AS s
    JOIN terms AS t ON t.id = s.term_id
)
SELECT * FROM final
ORDER BY g2 DESC, term
