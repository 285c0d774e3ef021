// Stations per district: the station's district property, else the district Place it is located in.
MATCH (s:Station)
OPTIONAL MATCH (s)-[:LOCATED_IN]->(p:Place {kind: 'district'})
WITH s, coalesce(s.district, p.name_zh, '') AS district
RETURN district, count(DISTINCT s) AS stations
ORDER BY district
