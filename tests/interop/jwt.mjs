// SPDX-License-Identifier: Apache-2.0
// jose (an independent JOSE implementation) on the other side of mcred's VC-JWT interop tests.
//
//   node jwt.mjs keygen ALG OUT_PREFIX
//       a new RS256, ES256 or EdDSA key pair: OUT_PREFIX.private.json, OUT_PREFIX.public.json
//       (JWKs), and for EdDSA OUT_PREFIX.didkey (the did:key of the public key)
//   node jwt.mjs sign PRIVATE.jwk ALG KID CREDENTIAL.json [vc2|vc11]
//       prints a VC-JWT: vc2 (default) is VC-JOSE-COSE, typ vc+jwt, the credential as the payload
//       (with iss and iat beside it); vc11 is the VC 1.1 JWT encoding, the credential in a "vc"
//       claim with iss, sub, jti and nbf
//   node jwt.mjs verify VC.jwt PUBLIC.jwk|did:key:... ALG CREDENTIAL.json
//       exit 0 when the JWS verifies with that key and only that alg, the header is typ vc+jwt
//       with a kid, and the payload is the VC 2.0 credential CREDENTIAL.json unchanged
//   node jwt.mjs unsecured CREDENTIAL.json          prints an alg "none" JWT of the credential
//   node jwt.mjs hs256 SECRET CREDENTIAL.json       prints an HS256 (shared secret) JWT of it
import fs from 'node:fs';
import process from 'node:process';
import {isDeepStrictEqual} from 'node:util';
import * as jose from 'jose';

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const read = f => JSON.parse(fs.readFileSync(f, 'utf8'));
const out = s => process.stdout.write(s + '\n');
const die = msg => {
  process.stderr.write(msg + '\n');
  process.exit(1);
};

// base58btc (the Bitcoin alphabet), for did:key's multibase 'z' form.
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58Encode(bytes) {
  let n = 0n;
  for(const b of bytes) {
    n = n * 256n + BigInt(b);
  }
  let s = '';
  while(n > 0n) {
    s = B58[Number(n % 58n)] + s;
    n /= 58n;
  }
  for(const b of bytes) {
    if(b !== 0) {
      break;
    }
    s = '1' + s;
  }
  return s;
}
function base58Decode(s) {
  let n = 0n;
  for(const c of s) {
    const d = B58.indexOf(c);
    if(d < 0) {
      throw new Error(`not base58btc: ${c}`);
    }
    n = n * 58n + BigInt(d);
  }
  const bytes = [];
  while(n > 0n) {
    bytes.unshift(Number(n % 256n));
    n /= 256n;
  }
  for(const c of s) {
    if(c !== '1') {
      break;
    }
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

// The Ed25519 public key of a did:key (multicodec 0xed 0x01, then 32 bytes) as a JWK.
function didKeyJwk(did) {
  const mb = did.split('#')[0].slice('did:key:'.length);
  const raw = base58Decode(mb.slice(1));
  if(mb[0] !== 'z' || raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) {
    throw new Error(`${did} is not an Ed25519 did:key`);
  }
  return {kty: 'OKP', crv: 'Ed25519', x: jose.base64url.encode(raw.slice(2))};
}

function didKeyOf(jwk) {
  const raw = jose.base64url.decode(jwk.x);
  return 'did:key:z' + base58Encode(Uint8Array.from([0xed, 0x01, ...raw]));
}

const [cmd, ...args] = process.argv.slice(2);

if(cmd === 'keygen') {
  const [alg, prefix] = args;
  const {publicKey, privateKey} = await jose.generateKeyPair(alg, {extractable: true});
  const pub = {...await jose.exportJWK(publicKey), alg};
  fs.writeFileSync(`${prefix}.private.json`,
    JSON.stringify({...await jose.exportJWK(privateKey), alg}));
  fs.writeFileSync(`${prefix}.public.json`, JSON.stringify(pub));
  if(alg === 'EdDSA') {
    fs.writeFileSync(`${prefix}.didkey`, didKeyOf(pub));
  }
} else if(cmd === 'sign') {
  const [keyFile, alg, kid, credFile, form = 'vc2'] = args;
  const key = await jose.importJWK(read(keyFile), alg);
  const cred = read(credFile);
  const iss = typeof cred.issuer === 'object' ? cred.issuer.id : cred.issuer;
  if(form === 'vc2') {
    // VC-JOSE-COSE: the payload is the credential; iss and iat are JWT claims beside it.
    out(await new jose.SignJWT({...cred})
      .setProtectedHeader({alg, typ: 'vc+jwt', kid})
      .setIssuer(iss)
      .setIssuedAt()
      .sign(key));
  } else {
    // VC Data Model 1.1 §6.3.1: the registered claims stand for the credential's properties.
    const jwt = new jose.SignJWT({vc: cred})
      .setProtectedHeader({alg, typ: 'JWT', kid})
      .setIssuer(iss)
      .setSubject(cred.credentialSubject.id)
      .setJti(cred.id)
      .setNotBefore(Math.floor(Date.parse(cred.validFrom) / 1000));
    out(await jwt.sign(key));
  }
} else if(cmd === 'verify') {
  const [jwtFile, keyRef, alg, credFile] = args;
  const jwk = keyRef.startsWith('did:key:') ? didKeyJwk(keyRef) : read(keyRef);
  const key = await jose.importJWK(jwk, alg);
  let result;
  try {
    // Only this alg; the typ must say a VC-JWT (jose compares it without "application/").
    result = await jose.jwtVerify(fs.readFileSync(jwtFile, 'utf8').trim(), key,
      {algorithms: [alg], typ: 'vc+jwt'});
  } catch(e) {
    die(`NOT verified: ${e.code || ''} ${e.message}`);
  }
  const {payload, protectedHeader} = result;
  if(!protectedHeader.kid) {
    die('NOT verified: the header has no kid');
  }
  // VC-JOSE-COSE §3.1.1: the payload is the credential itself (no "vc" claim), VC 2.0.
  if('vc' in payload || payload['@context']?.[0] !== VC2 ||
    !payload.type?.includes('VerifiableCredential')) {
    die('NOT verified: the payload is not a VC 2.0 credential (VC-JOSE-COSE)');
  }
  if(!isDeepStrictEqual(payload, read(credFile))) {
    die('NOT verified: the payload differs from the credential that was signed');
  }
  out(`verified: ${alg}, kid ${protectedHeader.kid}, typ ${protectedHeader.typ}`);
} else if(cmd === 'unsecured') {
  out(new jose.UnsecuredJWT(read(args[0])).encode());
} else if(cmd === 'hs256') {
  const [secret, credFile] = args;
  out(await new jose.SignJWT(read(credFile))
    .setProtectedHeader({alg: 'HS256', typ: 'vc+jwt'})
    .sign(new TextEncoder().encode(secret)));
} else {
  process.stderr.write('usage: node jwt.mjs keygen|sign|verify|unsecured|hs256 ...\n');
  process.exit(2);
}
