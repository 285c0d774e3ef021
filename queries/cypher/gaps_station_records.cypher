// The dated records of every station for the yearly keep-or-drop evaluation: its talents, projects
// and partners, each with a year (the relationship's since/year, else the project's year, else the
// year of the source that records it). A station with no record comes back once with kind = null.
MATCH (s:Station)
OPTIONAL MATCH (s)-[r]-(x)
WHERE x:Talent OR x:Project OR type(r) = 'PARTNERS_WITH'
WITH s, r, x, CASE WHEN r IS NULL THEN NULL ELSE r.source_id END AS source_id
OPTIONAL MATCH (src:Source {id: source_id})
RETURN s.id AS id, s.name_zh AS name_zh, s.name_en AS name_en, s.approved_year AS approved_year,
       CASE WHEN r IS NULL THEN NULL
            WHEN type(r) = 'PARTNERS_WITH' THEN 'partner'
            WHEN x:Talent THEN 'talent'
            ELSE 'project' END AS kind,
       x.id AS other,
       coalesce(r.since, r.year, x.year, toInteger(substring(src.date, 0, 4))) AS year
ORDER BY id, kind, other
