// Partner ranking, the most stations or domestic organisations that partner one overseas organisation
// (not one of $exclude): what popularity is measured against. NULL when none has such a partner.
MATCH (c:Organization)-[:PARTNERS_WITH]-(p)
WHERE c.overseas = true AND NOT c.id IN $exclude
  AND (p:Station OR (p:Organization AND (p.overseas IS NULL OR p.overseas <> true)))
WITH c, count(DISTINCT p) AS known
RETURN max(known) AS top
