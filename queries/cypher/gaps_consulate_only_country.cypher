// Partnership gap: countries where a consulate has a working relationship (any tie but to a place)
// while no organisation of that country partners with a station or a domestic organisation and no
// organisation or talent of that country takes part in a project.
// The countries that have a partner or a project are gathered once (not once per country), then
// each consulate's country is checked against them.
OPTIONAL MATCH (o:Organization {overseas: true})-[:PARTNERS_WITH]-(p)
WHERE p:Station OR (p:Organization AND p.overseas = false)
WITH collect(DISTINCT o.country) AS partnered
OPTIONAL MATCH (:Project)--(eo:Organization)
WITH partnered, collect(DISTINCT eo.country) AS org_in_project
OPTIONAL MATCH (:Project)--(et:Talent)
WITH partnered, org_in_project, collect(DISTINCT et.country) AS talent_in_project
MATCH (c:Consulate)-[r]-(x)
WHERE NOT x:Place AND NOT c.country IN partnered AND NOT c.country IN org_in_project
  AND NOT c.country IN talent_in_project
OPTIONAL MATCH (c)-[:REPRESENTS]->(pl:Place)
WITH c.country AS country, collect(DISTINCT c.id) AS consulates, count(DISTINCT r) AS ties,
     collect(DISTINCT x.id) AS tied, collect(DISTINCT pl.name_zh) AS names_zh
OPTIONAL MATCH (o2:Organization)
WHERE o2.country = country
RETURN country, names_zh, consulates, ties, tied, collect(DISTINCT o2.id) AS organizations
ORDER BY country
