// Per country: overseas organisations, overseas or returnee talents, and consulates.
MATCH (o:Organization {overseas: true})
RETURN 'overseas_organizations' AS measure, coalesce(o.country, '') AS country, count(o) AS n
UNION ALL
MATCH (t:Talent) WHERE t.overseas = true OR t.returnee = true
RETURN 'overseas_talents' AS measure, coalesce(t.country, '') AS country, count(t) AS n
UNION ALL
MATCH (c:Consulate)
RETURN 'consulates' AS measure, coalesce(c.country, '') AS country, count(c) AS n
