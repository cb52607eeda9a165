-- quote_not_in_document: commitments whose quote is not their document's text at their offsets.
-- grain:   one row per offending commitment (a healthy database returns none)
-- columns: commitment_id, document_id, char_start, char_end, quote, text_at_offsets
-- reads:   documents_with_text, which joins each clean text back from its chunks (document_texts)
WITH final AS (
    SELECT
        c.id AS commitment_id,
        c.document_id,
        c.char_start,
        c.char_end,
        c.quote,
        SUBSTR(d.text, c.char_start + 1, c.char_end - c.char_start) AS text_at_offsets
    FROM commitments AS c
    JOIN documents_with_text AS d ON d.id = c.document_id
    WHERE c.char_start < 0
       OR c.char_end <= c.char_start
       OR SUBSTR(d.text, c.char_start + 1, c.char_end - c.char_start) <> c.quote
)
SELECT * FROM final
ORDER BY commitment_id
