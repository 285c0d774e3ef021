// Lint Cypher texts with Neo4j's parser, as Neo4j 5 would parse them.
// stdin:  {"queries": ["MATCH ...", ...], "labels": [...], "relationshipTypes": [...]}
// stdout: [{"index": i, "errors": [msg...], "warnings": [msg...]}, ...]
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const out = input.queries.map((q, index) => {
  const params = {};
  for (const m of q.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[m[1]] = null;
  const schema = {
    parameters: params,
    labels: input.labels || [],
    relationshipTypes: input.relationshipTypes || [],
  };
  const res = lintCypherQuery('CYPHER 5 ' + q, schema);
  const diags = res.diagnostics || res;
  return {
    index,
    errors: diags.filter(d => d.severity === 1).map(d => d.message),
    warnings: diags.filter(d => d.severity !== 1).map(d => d.message),
  };
});
process.stdout.write(JSON.stringify(out));
