// Partner ranking, introducers: talents tied both to a member of the circle (ids given per label) and to
// an overseas organisation outside the circle ($circle), by organisation. The two ties differ: one end
// of the second is outside the circle.
UNWIND $Station AS id
MATCH (x:Station {id: id})--(t:Talent)
WITH DISTINCT t
MATCH (t)--(c:Organization)
WHERE c.overseas = true AND NOT c.id IN $circle
RETURN c.id AS id, collect(DISTINCT t.id) AS talents
UNION ALL
UNWIND $Organization AS id
MATCH (x:Organization {id: id})--(t:Talent)
WITH DISTINCT t
MATCH (t)--(c:Organization)
WHERE c.overseas = true AND NOT c.id IN $circle
RETURN c.id AS id, collect(DISTINCT t.id) AS talents
