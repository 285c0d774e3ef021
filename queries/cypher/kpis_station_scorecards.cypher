// Per station scorecard: host, district, approval year, state, and how many talents, projects,
// partners (overseas among them) and events it is directly related to, and the funding it received.
MATCH (s:Station)
OPTIONAL MATCH (s)--(t:Talent)
WITH s, count(DISTINCT t) AS talents
OPTIONAL MATCH (s)--(p:Project)
WITH s, talents, count(DISTINCT p) AS projects
OPTIONAL MATCH (s)-[:PARTNERS_WITH]-(o)
WITH s, talents, projects, count(DISTINCT o) AS partners,
     count(DISTINCT CASE WHEN o:Organization AND o.overseas = true THEN o.id ELSE NULL END) AS overseas_partners
OPTIONAL MATCH (s)--(e:Event)
WITH s, talents, projects, partners, overseas_partners, count(DISTINCT e) AS events
OPTIONAL MATCH (fu)-[f:FUNDED]->(s)
WITH s, talents, projects, partners, overseas_partners, events, sum(f.amount_cny) AS funding_cny
OPTIONAL MATCH (h:Organization)-[:HOSTS]->(s)
OPTIONAL MATCH (s)-[:LOCATED_IN]->(d:Place {kind: 'district'})
WITH s, talents, projects, partners, overseas_partners, events, funding_cny,
     collect(DISTINCT h.id) AS hosts, collect(DISTINCT d.name_zh) AS districts
RETURN s.id AS id, s.name_zh AS name_zh, s.name_en AS name_en, s.approved_year AS approved_year,
       s.state AS state, coalesce(s.district, head(districts)) AS district,
       hosts, talents, projects, partners, overseas_partners, events, funding_cny
ORDER BY id
