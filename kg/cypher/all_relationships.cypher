// Every relationship with its ends, type and properties.
MATCH (a)-[r]->(b)
RETURN a.id AS src, b.id AS dst, type(r) AS type, properties(r) AS props
