// Partnership gap: stations with no talent, project or partner recorded in the years $first..$as_of,
// with the talents, projects and partners they have (distinct ids), how many of their records have
// no year, and the latest year up to $as_of. A record's year is the relationship's since/year, else
// the project's year, else the year of the source that records it (as in gaps_station_records).
// Each kind is matched with the label on both ends (fast label-matrix traversals, no per-station
// expansion), the source of a record is looked up once per record, and everything is aggregated
// per station in the engine, so one row comes back per inactive station.
CALL {
  MATCH (s:Station)-[r]-(x:Talent)
  WHERE type(r) <> 'PARTNERS_WITH'
  RETURN s, 'talent' AS kind, x.id AS other, coalesce(r.since, r.year, x.year) AS own, r.source_id AS source_id
  UNION ALL
  MATCH (s:Station)-[r]-(x:Project)
  WHERE type(r) <> 'PARTNERS_WITH' AND NOT x:Talent
  RETURN s, 'project' AS kind, x.id AS other, coalesce(r.since, r.year, x.year) AS own, r.source_id AS source_id
  UNION ALL
  MATCH (s:Station)-[r:PARTNERS_WITH]-(x)
  RETURN s, 'partner' AS kind, x.id AS other, coalesce(r.since, r.year, x.year) AS own, r.source_id AS source_id
  UNION ALL
  MATCH (s:Station)
  RETURN s, NULL AS kind, NULL AS other, NULL AS own, NULL AS source_id
}
WITH s, kind, other, own, source_id
OPTIONAL MATCH (src:Source {id: source_id})
WITH s, kind, other, coalesce(own, toInteger(substring(src.date, 0, 4))) AS year
WITH s,
     sum(CASE WHEN year >= $first AND year <= $as_of THEN 1 ELSE 0 END) AS recent,
     collect(DISTINCT CASE WHEN kind = 'talent' THEN other END) AS talents,
     collect(DISTINCT CASE WHEN kind = 'project' THEN other END) AS projects,
     collect(DISTINCT CASE WHEN kind = 'partner' THEN other END) AS partners,
     sum(CASE WHEN kind IS NOT NULL AND year IS NULL THEN 1 ELSE 0 END) AS undated,
     max(CASE WHEN year <= $as_of THEN year END) AS latest
WHERE recent = 0
RETURN s.id AS id, s.name_zh AS name_zh, s.name_en AS name_en, s.approved_year AS approved_year,
       talents, projects, partners, undated, latest
ORDER BY id
