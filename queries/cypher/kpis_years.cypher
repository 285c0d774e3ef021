// Counts per year: stations approved, projects, events, partnerships begun, programmes, fundings.
MATCH (s:Station) WHERE s.approved_year IS NOT NULL
RETURN 'stations_approved' AS measure, s.approved_year AS year, count(s) AS n
UNION ALL
MATCH (p:Project) WHERE p.year IS NOT NULL
RETURN 'projects' AS measure, p.year AS year, count(p) AS n
UNION ALL
MATCH (e:Event) WHERE e.date IS NOT NULL
RETURN 'events' AS measure, toInteger(substring(toString(e.date), 0, 4)) AS year, count(e) AS n
UNION ALL
MATCH (:Station)-[r:PARTNERS_WITH]->(:Organization) WHERE r.since IS NOT NULL
RETURN 'partnerships_begun' AS measure, r.since AS year, count(r) AS n
UNION ALL
MATCH (g:Programme) WHERE g.year IS NOT NULL
RETURN 'programmes' AS measure, g.year AS year, count(g) AS n
UNION ALL
MATCH (:Organization)-[f:FUNDED]->(x) WHERE f.year IS NOT NULL
RETURN 'fundings' AS measure, f.year AS year, count(f) AS n
