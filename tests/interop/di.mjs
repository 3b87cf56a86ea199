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
import {performance} from 'node:perf_hooks';
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
} else if(cmd === 'bench') {
  // bench CONTEXTS_DIR CORPUS.jsonl SIGNED.jsonl: issue every corpus credential (issuer set to a
  // fixed did:key, validUntil and credentialStatus removed, as bench-vc does) and verify every
  // credential mcred signed; print both rates and the peak RSS.
  const [corpusFile, signedFile] = rest;
  const {publicKeyMultibase, secretKeyMultibase} = await (async () => {
    const k = await Ed25519Multikey.generate();
    return k.export({publicKey: true, secretKey: true});
  })();
  const did = `did:key:${publicKeyMultibase}`;
  const key = await Ed25519Multikey.from({
    id: `${did}#${publicKeyMultibase}`, controller: did, publicKeyMultibase, secretKeyMultibase
  });
  const lines = f => fs.readFileSync(f, 'utf8').split('\n').filter(l => l.trim());
  const corpus = lines(corpusFile).map(l => {
    const d = JSON.parse(l);
    d.issuer.id = did;
    delete d.validUntil;
    delete d.credentialStatus;
    return d;
  });
  const signedByMcred = lines(signedFile).map(l => JSON.parse(l));
  const signSuite = () => new DataIntegrityProof({signer: key.signer(), cryptosuite: rdfc});
  const verifySuite = new DataIntegrityProof({cryptosuite: rdfc});
  for(const d of corpus.slice(0, 20)) { // warm up
    await vc.issue({credential: structuredClone(d), suite: signSuite(), documentLoader});
  }
  let t0 = performance.now();
  for(const d of corpus) {
    await vc.issue({credential: d, suite: signSuite(), documentLoader});
  }
  const issueS = (performance.now() - t0) / 1000;
  let invalid = 0;
  t0 = performance.now();
  for(const credential of signedByMcred) {
    const r = await vc.verifyCredential({credential, suite: verifySuite, documentLoader});
    if(!r.verified) {
      invalid++;
    }
  }
  const verifyS = (performance.now() - t0) / 1000;
  const rss = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    `JS issue:  ${corpus.length} credentials in ${issueS.toFixed(3)} s, ` +
    `${(corpus.length / issueS).toFixed(1)}/s\n` +
    `JS verify: ${signedByMcred.length} credentials in ${verifyS.toFixed(3)} s, ` +
    `${(signedByMcred.length / verifyS).toFixed(1)}/s, ${invalid} invalid\n` +
    `JS peak RSS ${rss} MB\n`);
  process.exit(invalid ? 1 : 0);
} else {
  process.stderr.write('usage: node di.mjs sign|verify|bench CONTEXTS_DIR ...\n');
  process.exit(2);
}
