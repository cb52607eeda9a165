-- documents: the corpus inventory, one row per stored document, with its quality flags.
-- grain:   one row per document
-- columns: id, file, place, admin_code, published, date_precision, date_basis, doc_type, title,
--          source, original_encoding, original_script, chars, digits_missing, garbled_chars,
--          chrome_removed_chars, commitments, origin
-- filters: place, admin_code, doc_type, published (e.g. --where published>=2020-01-01)
WITH commitment_counts AS (
    SELECT document_id, COUNT(*) AS commitments
    FROM commitments
    GROUP BY document_id
),
final AS (
    SELECT
        d.id,
        d.file,
        p.name_zh AS place,
        p.admin_code,
        d.published_on AS published,
        d.date_precision,
        d.date_basis,
        d.doc_type,
        d.title,
        d.source,
        d.original_encoding,
        d.original_script,
        d.chars,
        d.digits_missing,
        d.garbled_chars,
        d.chrome_removed_chars,
        COALESCE(c.commitments, 0) AS commitments,
        d.origin
    FROM documents AS d
    JOIN places AS p ON p.id = d.place_id
    LEFT JOIN commitment_counts AS c ON c.document_id = d.id
)
SELECT * FROM final
ORDER BY place, published, id
