-- target_period_before_document: targets for a year before the one before their document
--          (a 2024 document cannot set a 2022 target: an extraction or date error).
-- grain:   one row per offending commitment (a healthy database returns none)
-- columns: commitment_id, document, published, period, quote
WITH final AS (
    SELECT s.id AS commitment_id, s.document, s.published, s.period, s.quote
    FROM statements AS s
    WHERE s.kind = 'target'
      AND s.period_year IS NOT NULL
      AND s.period_year < CAST(EXTRACT(YEAR FROM s.published) AS INTEGER) - 1
)
SELECT * FROM final
ORDER BY commitment_id
