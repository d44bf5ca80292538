// Validates an OpenAPI document with @apidevtools/swagger-parser (the OpenAPI 3.x JSON Schema plus the rules a
// schema cannot say: $refs resolve, path parameters are declared, operationIds are unique), then lists every
// operation. Usage: node openapi.mjs <openapi.json>   (run.sh passes the document the packaged app served)
import { readFileSync } from 'node:fs';

import SwaggerParser from '@apidevtools/swagger-parser';

const file = process.argv[2];
if (!file) {
  console.error('usage: node openapi.mjs <openapi.json>');
  process.exit(2);
}

const doc = JSON.parse(readFileSync(file, 'utf8'));
if (!/^3\.\d+\.\d+$/.test(doc.openapi ?? '')) {
  console.error(`FAIL  ${file}: not an OpenAPI 3 document (openapi: ${doc.openapi})`);
  process.exit(1);
}

try {
  // validate() dereferences in place: give it a copy, keep the original for the listing
  await SwaggerParser.validate(structuredClone(doc));
} catch (e) {
  console.error(`FAIL  ${file} is not valid OpenAPI ${doc.openapi}: ${e.message}`);
  process.exit(1);
}

const VERBS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const problems = [];
let operations = 0;
for (const [path, item] of Object.entries(doc.paths ?? {})) {
  for (const verb of VERBS.filter((v) => item[v])) {
    const op = item[verb];
    operations++;
    const codes = Object.keys(op.responses ?? {});
    const security = (op.security ?? []).flatMap((s) => Object.keys(s)).join('|') || 'none';
    console.log(`  ${verb.toUpperCase().padEnd(6)} ${path.padEnd(44)} ${codes.join(',').padEnd(40)} ${security}`);
    if (!op.summary) problems.push(`${verb.toUpperCase()} ${path}: no summary`);
    if (!codes.some((c) => c.startsWith('2'))) problems.push(`${verb.toUpperCase()} ${path}: no 2xx answer`);
  }
}
const schemes = Object.keys(doc.components?.securitySchemes ?? {});
for (const name of ['tenantToken', 'adminToken', 'metaSignature']) {
  if (!schemes.includes(name)) problems.push(`security scheme ${name} is not declared`);
}
if (operations === 0) problems.push('no operations');
for (const p of problems) console.error(`FAIL  ${p}`);
if (problems.length) process.exit(1);
console.log(`ok    ${file}: valid OpenAPI ${doc.openapi}, ${Object.keys(doc.paths).length} paths, ${operations} operations, schemes ${schemes.join(', ')}`);
