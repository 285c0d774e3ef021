// Partnership gap: fields that have stations (the station, or the organisation hosting it, is in the
// field) but no overseas organisation and no overseas or returnee talent in the field; with the
// overseas partners those stations have in any (or no recorded) field.
// The few fields are checked first, so stations are gathered only for the fields in the gap, and
// their partners are looked up by station id.
MATCH (f:Field)
WHERE NOT (f)<-[:IN_FIELD]-(:Organization {overseas: true})
  AND NOT (f)<-[:IN_FIELD]-(:Talent {overseas: true})
  AND NOT (f)<-[:IN_FIELD]-(:Talent {returnee: true})
MATCH (f)<-[:IN_FIELD]-(x)
WHERE x:Station OR x:Organization
OPTIONAL MATCH (x)-[:HOSTS]->(hs:Station)
WITH f, CASE WHEN x:Station THEN x.id ELSE hs.id END AS station
WHERE station IS NOT NULL
WITH f, collect(DISTINCT station) AS stations
OPTIONAL MATCH (f)<-[:IN_FIELD]-(o:Organization)
WITH f, stations, count(DISTINCT o) AS organizations
OPTIONAL MATCH (f)<-[:IN_FIELD]-(t:Talent)
WITH f, stations, organizations, count(DISTINCT t) AS talents
UNWIND stations AS sid
OPTIONAL MATCH (st:Station {id: sid})-[:PARTNERS_WITH]-(op:Organization {overseas: true})
RETURN f.id AS id, f.name_zh AS name_zh, f.name_en AS name_en, stations, organizations, talents,
       collect(DISTINCT op.id) AS station_overseas_partners
ORDER BY id
