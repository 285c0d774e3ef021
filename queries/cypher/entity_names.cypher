// Every named entity of the network (not sources or metrics), for resolving a typed name:
// id, label, Chinese and English names and aliases.
MATCH (n)
WHERE NOT n:KgBuild AND NOT n:Source AND NOT n:Metric
RETURN n.id AS id, labels(n)[0] AS label, n.name_zh AS name_zh, n.name_en AS name_en, n.aliases AS aliases
ORDER BY id
