// Partner ranking, every overseas organisation: country, which of the fields $fields it is in, and how
// many stations or domestic organisations partner it already.
MATCH (c:Organization)
WHERE c.overseas = true
OPTIONAL MATCH (c)-[:IN_FIELD]->(f:Field)
WHERE f.id IN $fields
WITH c, collect(DISTINCT f.id) AS shared
OPTIONAL MATCH (c)-[:PARTNERS_WITH]-(p)
WHERE p:Station OR (p:Organization AND (p.overseas IS NULL OR p.overseas <> true))
RETURN c.id AS id, c.country AS country, shared, count(DISTINCT p) AS known
