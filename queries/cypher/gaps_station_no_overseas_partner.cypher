// Partnership gap: stations with no PARTNERS_WITH relationship to an overseas organisation,
// with how many other partners they have and the overseas partners of their host organisations.
MATCH (s:Station)
WHERE NOT (s)-[:PARTNERS_WITH]-(:Organization {overseas: true})
OPTIONAL MATCH (s)-[:PARTNERS_WITH]-(p)
WITH s, count(DISTINCT p) AS partners
OPTIONAL MATCH (h:Organization)-[:HOSTS]->(s)
OPTIONAL MATCH (h)-[:PARTNERS_WITH]-(hp:Organization {overseas: true})
RETURN s.id AS id, s.name_zh AS name_zh, s.name_en AS name_en, partners,
       collect(DISTINCT h.id) AS hosts, collect(DISTINCT hp.id) AS host_overseas_partners
ORDER BY id
