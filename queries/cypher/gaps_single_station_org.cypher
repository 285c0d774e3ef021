// Partnership gap: overseas organisations that exactly one station is directly related to
// (a single point of failure), with the station and the types of those relationships.
MATCH (o:Organization {overseas: true})-[r]-(s:Station)
WITH o, collect(DISTINCT s) AS stations, collect(DISTINCT type(r)) AS types
WHERE size(stations) = 1
WITH o, stations[0] AS s, types
RETURN o.id AS id, o.name_zh AS name_zh, o.name_en AS name_en,
       s.id AS station, s.name_zh AS station_zh, s.name_en AS station_en, types
ORDER BY id
