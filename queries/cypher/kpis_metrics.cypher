// The programme's reported figures (Metric nodes) and the entities they are figures of.
MATCH (m:Metric)
OPTIONAL MATCH (m)-[:MEASURES]->(x)
RETURN m.id AS id, m.key AS key, m.name_zh AS name_zh, m.name_en AS name_en, m.value AS value,
       m.unit AS unit, m.qualifier AS qualifier, m.as_of AS as_of, m.source_id AS source_id,
       collect(x.id) AS measures
ORDER BY id
