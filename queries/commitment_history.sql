-- commitment_history: every statement of a (place, metric, kind, period, change) in publication
--          order, with what changed from the statement before (a revised target, an estimate later
--          finalized, a hedge that moved).
-- grain:   one row per commitment with a metric and a period
-- columns: place, admin_code, metric, kind, change, period, version, versions, published, document,
--          value, value_low, value_high, unit, qualifier, bound, strength, relation, note,
--          prev_value, prev_qualifier, prev_note, changed ("first", "restated", or the names of the
--          fields that differ: value, unit, hedge, strength, relation, note), quote, commitment_id
-- order:   publication date, then document, then position (a document's first mention of a figure
--          is its headline and is treated as its latest word)
-- filters: place, admin_code, metric, kind, period, changed
WITH ordered AS (
    SELECT
        s.*,
        ROW_NUMBER() OVER w AS version,
        COUNT(*) OVER (PARTITION BY s.place_id, s.metric_code, s.kind, s.change, s.period) AS versions,
        LAG(s.value) OVER w AS prev_value,
        LAG(s.value_low) OVER w AS prev_value_low,
        LAG(s.value_high) OVER w AS prev_value_high,
        LAG(s.unit) OVER w AS prev_unit,
        LAG(s.qualifier) OVER w AS prev_qualifier,
        LAG(s.bound) OVER w AS prev_bound,
        LAG(s.strength) OVER w AS prev_strength,
        LAG(s.relation) OVER w AS prev_relation,
        LAG(s.note) OVER w AS prev_note
    FROM statements AS s
    WHERE s.metric_code IS NOT NULL AND s.period IS NOT NULL
    WINDOW w AS (
        PARTITION BY s.place_id, s.metric_code, s.kind, s.change, s.period
        ORDER BY s.published, s.document_id, s.char_start DESC, s.id DESC
    )
),
described AS (
    SELECT
        o.*,
        TRIM(
            CASE WHEN o.value IS DISTINCT FROM o.prev_value OR o.value_low IS DISTINCT FROM o.prev_value_low
                      OR o.value_high IS DISTINCT FROM o.prev_value_high THEN 'value ' ELSE '' END
            || CASE WHEN o.unit IS DISTINCT FROM o.prev_unit THEN 'unit ' ELSE '' END
            || CASE WHEN o.qualifier IS DISTINCT FROM o.prev_qualifier OR o.bound IS DISTINCT FROM o.prev_bound
                    THEN 'hedge ' ELSE '' END
            || CASE WHEN o.strength IS DISTINCT FROM o.prev_strength THEN 'strength ' ELSE '' END
            || CASE WHEN o.relation IS DISTINCT FROM o.prev_relation THEN 'relation ' ELSE '' END
            || CASE WHEN o.note IS DISTINCT FROM o.prev_note THEN 'note ' ELSE '' END
        ) AS differences
    FROM ordered AS o
),
final AS (
    SELECT
        place,
        admin_code,
        metric_code AS metric,
        kind,
        change,
        period,
        version,
        versions,
        published,
        document,
        value,
        value_low,
        value_high,
        unit,
        qualifier,
        bound,
        strength,
        relation,
        note,
        prev_value,
        prev_qualifier,
        prev_note,
        CASE WHEN version = 1 THEN 'first' WHEN differences = '' THEN 'restated' ELSE differences END AS changed,
        quote,
        id AS commitment_id
    FROM described
)
SELECT * FROM final
ORDER BY place, metric, kind, change, period, version
