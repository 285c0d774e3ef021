// Node count per label (the first label of each node).
MATCH (n)
WHERE NOT n:KgBuild
RETURN labels(n)[0] AS label, count(n) AS n
ORDER BY label
