// Partner ranking, the entity's neighbourhood one level at a time: the distinct neighbours in the
// collaboration network (every relationship between network labels, as an undirected tie; no self-ties)
// of the frontier nodes, whose ids are given per label so that each lookup uses the label's id index;
// and which of them are overseas organisations (the candidates met on the way).
UNWIND $Station AS id
MATCH (n:Station {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Organization AS id
MATCH (n:Organization {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Talent AS id
MATCH (n:Talent {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Consulate AS id
MATCH (n:Consulate {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Project AS id
MATCH (n:Project {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Programme AS id
MATCH (n:Programme {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
UNION ALL
UNWIND $Event AS id
MATCH (n:Event {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, collect(DISTINCT m.id) AS nbrs,
       collect(DISTINCT CASE WHEN m:Organization AND m.overseas = true THEN m.id ELSE NULL END) AS overseas
