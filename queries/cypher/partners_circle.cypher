// Partner ranking, the entity's circle: a station's host organisations, or the stations an organisation
// hosts (the entity itself is the rest of the circle). One row per part; the other part has no entity.
MATCH (e:Station {id: $id})
OPTIONAL MATCH (h:Organization)-[:HOSTS]->(e)
RETURN collect(DISTINCT h.id) AS others
UNION ALL
MATCH (e:Organization {id: $id})
OPTIONAL MATCH (e)-[:HOSTS]->(s:Station)
RETURN collect(DISTINCT s.id) AS others
