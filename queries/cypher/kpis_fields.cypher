// Per field: stations (the station or the organisation hosting it is in the field), organisations,
// overseas organisations, talents and projects in it.
MATCH (f:Field)
OPTIONAL MATCH (f)<-[:IN_FIELD]-(x)
OPTIONAL MATCH (x)-[:HOSTS]->(hs:Station)
WITH f, x, CASE WHEN x:Station THEN x.id WHEN x:Organization THEN hs.id ELSE NULL END AS station
RETURN f.id AS id, f.name_zh AS name_zh, f.name_en AS name_en,
       count(DISTINCT station) AS stations,
       count(DISTINCT CASE WHEN x:Organization THEN x.id ELSE NULL END) AS organizations,
       count(DISTINCT CASE WHEN x:Organization AND x.overseas = true THEN x.id ELSE NULL END) AS overseas_organizations,
       count(DISTINCT CASE WHEN x:Talent THEN x.id ELSE NULL END) AS talents,
       count(DISTINCT CASE WHEN x:Project THEN x.id ELSE NULL END) AS projects
ORDER BY id
