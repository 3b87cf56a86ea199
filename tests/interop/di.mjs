// SPDX-License-Identifier: Apache-2.0
// The Digital Bazaar stack on the other side of mcred's interop tests.
//
//   node di.mjs sign CONTEXTS_DIR KEY.json CREDENTIAL.json [rdfc|jcs]   prints the signed credential
//   node di.mjs verify CONTEXTS_DIR SIGNED.json                          exit 0 when it verifies
//
// Contexts come only from CONTEXTS_DIR/index.json (the same files mcred bundles); a did:key URL
// resolves to its controller document or verification method, made from the key itself, as a
// did:key resolver would. Nothing is fetched.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createSignCryptosuite, createVerifyCryptosuite} from
  '@digitalbazaar/eddsa-jcs-2022-cryptosuite';

const [cmd, contextsDir, ...rest] = process.argv.slice(2);
const index = JSON.parse(fs.readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(index)) {
  contexts.set(url, JSON.parse(fs.readFileSync(path.join(contextsDir, entry.file), 'utf8')));
}

function didKeyDocument(url) {
  const [did, fragment] = url.split('#');
  const key = did.slice('did:key:'.length);
  const vmId = `${did}#${key}`;
  const vm = {id: vmId, type: 'Multikey', controller: did, publicKeyMultibase: key};
  if(fragment !== undefined) {
    if(fragment !== key) {
      throw new Error(`${url}: the fragment does not name the DID's key`);
    }
    return {'@context': 'https://w3id.org/security/multikey/v1', ...vm};
  }
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did, verificationMethod: [vm], assertionMethod: [vmId], authentication: [vmId]
  };
}

async function documentLoader(url) {
  if(contexts.has(url)) {
    return {contextUrl: null, documentUrl: url, document: contexts.get(url)};
  }
  if(url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: didKeyDocument(url)};
  }
  throw new Error(`refusing to load ${url}`);
}

const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));

if(cmd === 'sign') {
  const [keyFile, credFile, suiteName = 'rdfc'] = rest;
  const keyJson = read(keyFile);
  const key = await Ed25519Multikey.from({
    ...keyJson, secretKeyMultibase: keyJson.secretKeyMultibase || keyJson.privateKeyMultibase
  });
  const suite = new DataIntegrityProof({
    signer: key.signer(),
    cryptosuite: suiteName === 'jcs' ? createSignCryptosuite() : rdfc
  });
  const signed = await vc.issue({credential: read(credFile), suite, documentLoader});
  process.stdout.write(JSON.stringify(signed, null, 2) + '\n');
} else if(cmd === 'verify') {
  const [signedFile] = rest;
  const credential = read(signedFile);
  const proofs = [].concat(credential.proof || []);
  const suite = proofs.map(p => new DataIntegrityProof({
    cryptosuite: p.cryptosuite === 'eddsa-jcs-2022' ? createVerifyCryptosuite() : rdfc
  }));
  const result = await vc.verifyCredential({credential, suite, documentLoader});
  const why = result.verified ? 'verified' :
    (result.error?.errors || [result.error]).map(e => e?.message).join('; ');
  process.stdout.write(`${result.verified ? 'verified' : 'NOT verified'}: ${why}\n`);
  process.exit(result.verified ? 0 : 1);
} else {
  process.stderr.write('usage: node di.mjs sign|verify CONTEXTS_DIR ...\n');
  process.exit(2);
}
