// Partnership gap: countries where a consulate has a working relationship (any tie but to a place)
// while no organisation of that country partners with a station or a domestic organisation and no
// organisation or talent of that country takes part in a project.
MATCH (c:Consulate)-[r]-(x)
WHERE NOT x:Place
OPTIONAL MATCH (c)-[:REPRESENTS]->(pl:Place)
WITH c.country AS country, collect(DISTINCT c.id) AS consulates, count(DISTINCT r) AS ties,
     collect(DISTINCT x.id) AS tied, collect(DISTINCT pl.name_zh) AS names_zh
OPTIONAL MATCH (o:Organization)-[:PARTNERS_WITH]-(p)
WHERE o.country = country AND o.overseas = true AND (p:Station OR (p:Organization AND p.overseas = false))
WITH country, names_zh, consulates, ties, tied, count(DISTINCT o) AS partners
OPTIONAL MATCH (e)--(pr:Project)
WHERE (e:Organization OR e:Talent) AND e.country = country
WITH country, names_zh, consulates, ties, tied, partners, count(DISTINCT pr) AS projects
WHERE partners = 0 AND projects = 0
OPTIONAL MATCH (o2:Organization)
WHERE o2.country = country
RETURN country, names_zh, consulates, ties, tied, collect(DISTINCT o2.id) AS organizations
ORDER BY country
