// Partner ranking, the names of the nodes given by id (per label), for the candidates shown and their
// reasons (fields, talents, consulates), and to find the entity asked about by its id.
UNWIND $Station AS id
MATCH (n:Station {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Organization AS id
MATCH (n:Organization {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Talent AS id
MATCH (n:Talent {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Consulate AS id
MATCH (n:Consulate {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Project AS id
MATCH (n:Project {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Programme AS id
MATCH (n:Programme {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Event AS id
MATCH (n:Event {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
UNION ALL
UNWIND $Field AS id
MATCH (n:Field {id: id})
RETURN n.id AS id, n.name_zh AS name_zh, n.name_en AS name_en
