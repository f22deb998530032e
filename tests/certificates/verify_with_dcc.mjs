// Verifies credentials with the Digital Credentials Consortium's verifier-core,
// strictly offline apart from loopback.
//
// stdin:  {"documents": {url: path}, "credentials": [{"label": ..., "credential": {...}}]}
// stdout: [{"label", "errors", "steps": {step id: {valid, error}}, "schema", "refused"}]
//
// verifier-core builds its own document loader (its shipped contexts, then any
// http(s) URL) and gives no option to replace it, so the one place to keep it
// offline is fetch itself, which every request goes through (did:web, status
// lists, remote contexts, the JSON Schema check). Before the library is loaded,
// fetch is wrapped: a URL listed in "documents" (our shipped JSON-LD contexts and
// schemas) is answered from its file; a loopback host goes to the test server;
// anything else is refused and named in the output.
import { readFileSync } from 'node:fs';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const input = JSON.parse(readFileSync(0, 'utf8'));
// The library logs to the console; stdout carries only the JSON result.
console.log = console.error;
const refused = [];
const realFetch = globalThis.fetch;

globalThis.fetch = async (resource, options) => {
  const url = new URL(resource instanceof Request ? resource.url : String(resource));
  const path = input.documents[url.href];
  if (path) {
    return new Response(readFileSync(path), {
      status: 200,
      headers: { 'content-type': 'application/ld+json' }
    });
  }
  if (LOOPBACK.has(url.hostname)) {
    return realFetch(resource, options);
  }
  refused.push(url.href);
  throw new TypeError(`offline: refused ${url.href}`);
};

const { verifyCredential } = await import('@digitalcredentials/verifier-core');

function summary(label, result) {
  const steps = {};
  for (const entry of result.log ?? []) {
    steps[entry.id] = {
      valid: entry.valid ?? false,
      ...(entry.error && { error: entry.error.name ?? entry.error.message })
    };
  }
  const schema = (result.additionalInformation ?? [])
    .filter((entry) => entry.id === 'schema_check')
    .flatMap((entry) => (Array.isArray(entry.results) ? entry.results : []))
    .map((entry) => ({ schema: entry.schema, valid: entry.result?.valid ?? false }));
  return {
    label,
    errors: (result.errors ?? []).map((error) => ({ name: error.name, message: error.message })),
    steps,
    schema
  };
}

const output = [];
for (const { label, credential } of input.credentials) {
  refused.length = 0;
  // No issuer registry: offline, and our issuers are in none of the DCC's.
  const result = await verifyCredential({ credential, knownDIDRegistries: [] });
  output.push({ ...summary(label, result), refused: [...new Set(refused)] });
}
process.stdout.write(JSON.stringify(output, null, 2));
