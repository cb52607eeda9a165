-- orphan_rows: rows that point at a document, place or term that does not exist (DuckDB has no
--          foreign keys here, DESIGN §5, so this check stands in for them).
-- grain:   one row per orphan (a healthy database returns none)
-- columns: table_name, row_id, missing
WITH final AS (
    SELECT 'commitments' AS table_name, c.id AS row_id, 'document' AS missing
    FROM commitments AS c LEFT JOIN documents AS d ON d.id = c.document_id WHERE d.id IS NULL
    UNION ALL
    SELECT 'commitments', c.id, 'place'
    FROM commitments AS c LEFT JOIN places AS p ON p.id = c.place_id WHERE p.id IS NULL
    UNION ALL
    SELECT 'term_counts', t.id, 'document'
    FROM term_counts AS t LEFT JOIN documents AS d ON d.id = t.document_id WHERE d.id IS NULL
    UNION ALL
    SELECT 'term_counts', t.id, 'term'
    FROM term_counts AS t LEFT JOIN terms AS m ON m.id = t.term_id WHERE m.id IS NULL
    UNION ALL
    SELECT 'documents', d.id, 'place'
    FROM documents AS d LEFT JOIN places AS p ON p.id = d.place_id WHERE p.id IS NULL
    UNION ALL
    SELECT 'document_texts', x.id, 'document'
    FROM document_texts AS x LEFT JOIN documents AS d ON d.id = x.document_id WHERE d.id IS NULL
    UNION ALL
    SELECT 'corrections', k.id, 'document'
    FROM corrections AS k LEFT JOIN documents AS d ON d.id = k.document_id WHERE d.id IS NULL
)
SELECT * FROM final
ORDER BY table_name, row_id
