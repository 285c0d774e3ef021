// Counts that reported figures are compared with (key, value), beyond plain label counts.
MATCH (o:Organization {overseas: true})-[:PARTNERS_WITH]-(x)
WHERE x:Station OR (x:Organization AND x.overseas = false)
RETURN 'overseas_partner_organisations' AS key, count(DISTINCT o) AS value
UNION ALL
MATCH (t:Talent)-[:HEADS]->(:Station)
RETURN 'station_heads' AS key, count(DISTINCT t) AS value
UNION ALL
MATCH (p:Project) WHERE (p)--(:Organization {overseas: true}) OR (p)--(:Talent {overseas: true})
RETURN 'projects_with_overseas_party' AS key, count(DISTINCT p) AS value
