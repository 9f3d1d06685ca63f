// Verifies a credential's Data Integrity proof with Digital Bazaar's implementation.
// Usage: node verify.mjs INPUT.json, where INPUT holds {"credential": {...}, "documents": {url: doc}}
// (the JSON-LD contexts and the issuer's DID document); nothing is fetched from the network.
import {readFileSync} from 'node:fs';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import jsigs from 'jsonld-signatures';

const {purposes: {AssertionProofPurpose}} = jsigs;
const input = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const documents = input.documents;

function findMethod(url) {
  const did = url.split('#')[0];
  const doc = documents[did];
  if(!doc) return null;
  const method = doc.verificationMethod.find(m => m.id === url);
  return method && {'@context': 'https://w3id.org/security/multikey/v1', ...method};
}

const documentLoader = async url => {
  const document = documents[url] || findMethod(url);
  if(!document) throw new Error(`not available offline: ${url}`);
  return {contextUrl: null, documentUrl: url, document};
};

const result = await jsigs.verify(input.credential, {
  suite: new DataIntegrityProof({cryptosuite}),
  purpose: new AssertionProofPurpose({controller: documents[input.credential.issuer.id || input.credential.issuer]}),
  documentLoader,
});
const detail = e => e && (e.details ? JSON.stringify(e.details).slice(0, 400) : String(e));
const errors = result.error ? (result.error.errors || [result.error]) : [];
process.stdout.write(JSON.stringify({verified: result.verified, error: errors.length ? errors.map(e => `${e.name}: ${e.message} ${detail(e)}`).join("; ") : null}));
process.exit(result.verified ? 0 : 1);
