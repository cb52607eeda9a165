-- as_of: what was known when: each statement with the date it was superseded, so that the latest
--          known statement per (place, metric, kind, period, change) on a date D is the row with
--          published <= D < superseded_on.
-- grain:   one row per commitment with a metric and a period
-- columns: place, admin_code, metric, kind, change, period, published, superseded_on (the next
--          statement's publication date; 9999-12-31 while current), value, value_low, value_high,
--          unit, qualifier, bound, strength, relation, note, document, quote, commitment_id
-- use:     tracker query as_of --as-of 2021-06-30   (adds both filters); in plain SQL:
--          SELECT * FROM (<this query>) q WHERE published <= DATE '2021-06-30'
--                                        AND superseded_on > DATE '2021-06-30'
-- filters: place, admin_code, metric, kind, period, published, superseded_on
WITH ordered AS (
    SELECT
        s.*,
        LEAD(s.published) OVER (
            PARTITION BY s.place_id, s.metric_code, s.kind, s.change, s.period
            ORDER BY s.published, s.document_id, s.char_start DESC, s.id DESC
        ) AS next_published
    FROM statements AS s
    WHERE s.metric_code IS NOT NULL AND s.period IS NOT NULL
),
final AS (
    SELECT
        place,
        admin_code,
        metric_code AS metric,
        kind,
        change,
        period,
        published,
        COALESCE(next_published, DATE '9999-12-31') AS superseded_on,
        value,
        value_low,
        value_high,
        unit,
        qualifier,
        bound,
        strength,
        relation,
        note,
        document,
        quote,
        id AS commitment_id
    FROM ordered
)
SELECT * FROM final
ORDER BY place, metric, kind, change, period, published
