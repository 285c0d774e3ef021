// Every node with its label and properties (projection for graph algorithms and exports).
MATCH (n)
WHERE NOT n:KgBuild
RETURN n.id AS id, labels(n)[0] AS label, properties(n) AS props
