-- range_inverted: commitments (corrections applied) whose range runs backwards.
-- grain:   one row per offending commitment (a healthy database returns none)
-- columns: commitment_id, document_id, value_low, value_high, quote
WITH final AS (
    SELECT id AS commitment_id, document_id, value_low, value_high, quote
    FROM commitments_corrected
    WHERE value_low > value_high
)
SELECT * FROM final
ORDER BY commitment_id
