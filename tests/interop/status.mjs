// SPDX-License-Identifier: Apache-2.0
// The Digital Bazaar stack (@digitalbazaar/vc-bitstring-status-list, vc, data-integrity,
// eddsa-rdfc-2022) on the other side of mcred's Bitstring Status List interop tests.
//
//   node status.mjs keygen SEED_HEX
//       prints an Ed25519 Multikey (did:key) with its secretKeyMultibase, from the 32-byte seed
//   node status.mjs create CONTEXTS_DIR KEY.json URL PURPOSE INDEXES VALID_FROM
//       prints a BitstringStatusListCredential of 131072 entries published at URL, issued by the
//       key's controller, with the comma-separated INDEXES set, signed with eddsa-rdfc-2022
//   node status.mjs verify-list CONTEXTS_DIR LIST.json
//       exit 0 when the list credential's proof verifies; prints the set indexes
//   node status.mjs check CONTEXTS_DIR [URL=FILE]... CREDENTIAL.json...
//       verifies each credential, its proof and every credentialStatus entry against the lists
//       (served from the URL=FILE documents), and prints one line each: "FILE: ok",
//       "FILE: revoked", "FILE: suspended" or "FILE: NOT verified: why"
//
// Contexts come only from CONTEXTS_DIR/index.json (the files mcred bundles), did:key URLs resolve
// from the key itself, status lists from the URL=FILE documents. Nothing is fetched.
import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import * as vc from '@digitalbazaar/vc';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {cryptosuite as rdfc} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {createVerifyCryptosuite} from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import {
  checkStatus, createCredential, createList, decodeList
} from '@digitalbazaar/vc-bitstring-status-list';

const [cmd, ...args] = process.argv.slice(2);
const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const out = s => process.stdout.write(s + '\n');

const documents = new Map();
function loadContexts(contextsDir) {
  const index = read(path.join(contextsDir, 'index.json'));
  for(const [url, entry] of Object.entries(index)) {
    documents.set(url, read(path.join(contextsDir, entry.file)));
  }
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
  if(documents.has(url)) {
    return {contextUrl: null, documentUrl: url, document: structuredClone(documents.get(url))};
  }
  if(url.startsWith('did:key:')) {
    return {contextUrl: null, documentUrl: url, document: didKeyDocument(url)};
  }
  throw new Error(`refusing to load ${url}`);
}

// Verifier suites for eddsa-rdfc-2022 and eddsa-jcs-2022 proofs, on credentials and lists alike
// (checkStatus verifies each list with the suites the credential was verified with).
const verifySuites = () => [
  new DataIntegrityProof({cryptosuite: rdfc}),
  new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()})
];

const why = result => (result.error?.errors || [result.error]).filter(e => e)
  .map(e => e?.message + (e?.cause ? ` (${e.cause.message})` : '')).join('; ');

if(cmd === 'keygen') {
  const seed = Uint8Array.from(Buffer.from(args[0], 'hex'));
  const k = await Ed25519Multikey.generate({seed});
  const {publicKeyMultibase, secretKeyMultibase} =
    await k.export({publicKey: true, secretKey: true});
  const did = `did:key:${publicKeyMultibase}`;
  out(JSON.stringify({
    type: 'Multikey', id: `${did}#${publicKeyMultibase}`, controller: did,
    publicKeyMultibase, secretKeyMultibase
  }, null, 2));
} else if(cmd === 'create') {
  const [contextsDir, keyFile, url, statusPurpose, indexes, validFrom] = args;
  loadContexts(contextsDir);
  const keyJson = read(keyFile);
  const key = await Ed25519Multikey.from(keyJson);
  const list = await createList({length: 131072});
  for(const i of indexes.split(',').filter(s => s)) {
    list.setStatus(Number(i), true);
  }
  const credential = await createCredential({id: url, list, statusPurpose});
  credential.issuer = keyJson.controller;
  credential.validFrom = validFrom;
  const suite = new DataIntegrityProof({signer: key.signer(), cryptosuite: rdfc});
  const signed = await vc.issue({credential, suite, documentLoader});
  out(JSON.stringify(signed, null, 2));
} else if(cmd === 'verify-list') {
  const [contextsDir, listFile] = args;
  loadContexts(contextsDir);
  const credential = read(listFile);
  const result = await vc.verifyCredential(
    {credential, suite: verifySuites(), documentLoader});
  if(!result.verified) {
    out(`NOT verified: ${why(result)}`);
    process.exit(1);
  }
  const list = await decodeList({encodedList: credential.credentialSubject.encodedList});
  const set = [];
  for(let i = 0; i < list.length; i++) {
    if(list.getStatus(i)) {
      set.push(i);
    }
  }
  out(`verified: ${credential.credentialSubject.statusPurpose}, ${list.length} entries, ` +
    `set: ${set.join(',') || 'none'}`);
} else if(cmd === 'check') {
  const [contextsDir, ...rest] = args;
  loadContexts(contextsDir);
  const files = [];
  for(const a of rest) {
    const m = /^(https?:\/\/[^=]+)=(.+)$/.exec(a);
    if(m) {
      documents.set(m[1], read(m[2]));
    } else {
      files.push(a);
    }
  }
  let bad = 0;
  for(const file of files) {
    const credential = read(file);
    const result = await vc.verifyCredential({
      credential, suite: verifySuites(), documentLoader, checkStatus
    });
    let verdict = 'ok';
    if(!result.verified) {
      const status = result.statusResult;
      verdict = 'NOT verified: ' + (status && !status.verified ?
        `status: ${status.error?.message ?? 'it could not be checked'}` : why(result));
    } else {
      // A status entry that is set: the purpose says what it means.
      const set = (result.statusResult?.results || []).filter(r => r.status);
      if(set.length) {
        verdict = set.map(r => r.credentialStatus.statusPurpose === 'revocation' ? 'revoked' :
          r.credentialStatus.statusPurpose === 'suspension' ? 'suspended' :
            `${r.credentialStatus.statusPurpose} set`).join(', ');
      }
    }
    if(verdict !== 'ok') {
      bad++;
    }
    out(`${path.basename(file)}: ${verdict}`);
  }
  process.exit(bad ? 1 : 0);
} else {
  process.stderr.write('usage: node status.mjs keygen|create|verify-list|check ...\n');
  process.exit(2);
}
