// Partner ranking, what the circle (ids given per label) has: each member's fields and its partners
// (PARTNERS_WITH either way, any label).
UNWIND $Station AS id
MATCH (x:Station {id: id})
OPTIONAL MATCH (x)-[:IN_FIELD]->(f:Field)
WITH x, collect(DISTINCT f.id) AS fields
OPTIONAL MATCH (x)-[:PARTNERS_WITH]-(p)
WHERE p:Station OR p:Organization OR p:Consulate
RETURN x.id AS id, fields, collect(DISTINCT p.id) AS partners
UNION ALL
UNWIND $Organization AS id
MATCH (x:Organization {id: id})
OPTIONAL MATCH (x)-[:IN_FIELD]->(f:Field)
WITH x, collect(DISTINCT f.id) AS fields
OPTIONAL MATCH (x)-[:PARTNERS_WITH]-(p)
WHERE p:Station OR p:Organization OR p:Consulate
RETURN x.id AS id, fields, collect(DISTINCT p.id) AS partners
