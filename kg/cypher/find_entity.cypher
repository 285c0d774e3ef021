// Entities whose id, Chinese or English name, or an alias equals $name.
MATCH (n)
WHERE n.id = $name OR n.name_zh = $name OR n.name_en = $name OR $name IN coalesce(n.aliases, [])
RETURN n.id AS id, labels(n)[0] AS label, n.name_zh AS name_zh, n.name_en AS name_en
ORDER BY id
