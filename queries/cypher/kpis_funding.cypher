// Funding totals (CNY): project amounts, and FUNDED amounts by the label of the funded entity.
MATCH (p:Project) WHERE p.amount_cny IS NOT NULL
RETURN 'project_amounts' AS measure, 'Project' AS label, sum(p.amount_cny) AS total, count(p) AS n
UNION ALL
MATCH (:Organization)-[r:FUNDED]->(x) WHERE r.amount_cny IS NOT NULL
RETURN 'funded' AS measure, labels(x)[0] AS label, sum(r.amount_cny) AS total, count(r) AS n
UNION ALL
MATCH (:Programme)-[r:FUNDED]->(x) WHERE r.amount_cny IS NOT NULL
RETURN 'funded' AS measure, labels(x)[0] AS label, sum(r.amount_cny) AS total, count(r) AS n
