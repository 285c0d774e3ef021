// Partner ranking, the most stations or domestic organisations that partner one overseas organisation
// (not one of $exclude): what popularity is measured against. NULL when none has such a partner.
MATCH (p)-[:PARTNERS_WITH]-(c:Organization)
WHERE c.overseas = true AND (p:Station OR (p:Organization AND (p.overseas IS NULL OR p.overseas <> true)))
WITH c, count(DISTINCT p) AS known
WHERE NOT c.id IN $exclude
RETURN max(known) AS top
