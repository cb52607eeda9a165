-- rhetoric_by_year: how often each lexicon term is used, per place and year of publication.
-- grain:   one row per place × year × term with at least one occurrence
-- columns: place, admin_code, year, term, concept, category, count, chars (all clean text the place
--          published that year), per_10k_chars (count per 10,000 characters), documents (with the term)
-- filters: place, admin_code, year, term, concept, category
WITH sizes AS (
    SELECT
        d.place_id,
        CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER) AS year,
        SUM(d.chars) AS chars
    FROM documents AS d
    GROUP BY d.place_id, CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER)
),
counts AS (
    SELECT
        d.place_id,
        CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER) AS year,
        tc.term_id,
        SUM(tc.count) AS count,
        COUNT(DISTINCT tc.document_id) AS documents
    FROM term_counts AS tc
    JOIN documents AS d ON d.id = tc.document_id
    GROUP BY d.place_id, CAST(EXTRACT(YEAR FROM d.published_on) AS INTEGER), tc.term_id
),
final AS (
    SELECT
        p.name_zh AS place,
        p.admin_code,
        c.year,
        t.term,
        t.concept,
        t.category,
        c.count,
        s.chars,
        CAST(CAST(c.count * 10000.0 / s.chars AS DECIMAL(18, 4)) AS DOUBLE PRECISION) AS per_10k_chars,
        c.documents
    FROM counts AS c
    JOIN sizes AS s ON s.place_id = c.place_id AND s.year = c.year
    JOIN terms AS t ON t.id = c.term_id
    JOIN places AS p ON p.id = c.place_id
)
SELECT * FROM final
ORDER BY place, year, count DESC, term
