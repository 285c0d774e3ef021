// Partner ranking, how many distinct collaboration-network neighbours (no self-ties) each node has, as
// lists of the ids with each degree (fewer values to send); ids given per label. Nodes without any
// neighbour are left out (degree 0).
UNWIND $Station AS id
MATCH (n:Station {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Organization AS id
MATCH (n:Organization {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Talent AS id
MATCH (n:Talent {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Consulate AS id
MATCH (n:Consulate {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Project AS id
MATCH (n:Project {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Programme AS id
MATCH (n:Programme {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
UNION ALL
UNWIND $Event AS id
MATCH (n:Event {id: id})--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
WITH id, count(DISTINCT m) AS degree
RETURN degree, collect(id) AS ids
