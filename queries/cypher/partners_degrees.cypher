// Partner ranking, how many distinct collaboration-network neighbours (no self-ties) each node has;
// ids given per label.
UNWIND $Station AS id
MATCH (n:Station {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Organization AS id
MATCH (n:Organization {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Talent AS id
MATCH (n:Talent {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Consulate AS id
MATCH (n:Consulate {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Project AS id
MATCH (n:Project {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Programme AS id
MATCH (n:Programme {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
UNION ALL
UNWIND $Event AS id
MATCH (n:Event {id: id})
OPTIONAL MATCH (n)--(m)
WHERE m <> n AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN id, count(DISTINCT m) AS degree
