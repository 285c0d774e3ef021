// Partner ranking, introducers: the consulates with at least one tie in the collaboration network, by
// the country they represent.
MATCH (k:Consulate)--(m)
WHERE m <> k AND (m:Station OR m:Organization OR m:Talent OR m:Consulate OR m:Project OR m:Programme OR m:Event)
RETURN k.country AS country, collect(DISTINCT k.id) AS ids
