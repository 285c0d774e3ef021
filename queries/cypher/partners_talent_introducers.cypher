// Partner ranking, introducers: talents tied both to a member of the circle (ids given per label) and to
// an overseas organisation outside the circle ($circle), by organisation.
UNWIND $Station AS id
MATCH (x:Station {id: id})-[r1]-(t:Talent)-[r2]-(c:Organization)
WHERE r1 <> r2 AND c.overseas = true AND NOT c.id IN $circle
RETURN c.id AS id, collect(DISTINCT t.id) AS talents
UNION ALL
UNWIND $Organization AS id
MATCH (x:Organization {id: id})-[r1]-(t:Talent)-[r2]-(c:Organization)
WHERE r1 <> r2 AND c.overseas = true AND NOT c.id IN $circle
RETURN c.id AS id, collect(DISTINCT t.id) AS talents
