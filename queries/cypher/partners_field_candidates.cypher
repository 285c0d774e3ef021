// Partner ranking, the overseas organisations in any of the fields $fields: country, which of those
// fields they are in, and how many stations or domestic organisations partner them already.
UNWIND $fields AS fid
MATCH (f:Field {id: fid})<-[:IN_FIELD]-(c:Organization)
WHERE c.overseas = true
WITH c, collect(DISTINCT f.id) AS shared
OPTIONAL MATCH (c)-[:PARTNERS_WITH]-(p)
WHERE p:Station OR (p:Organization AND (p.overseas IS NULL OR p.overseas <> true))
RETURN c.id AS id, c.country AS country, shared, count(DISTINCT p) AS known
