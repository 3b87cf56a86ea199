// SPDX-License-Identifier: Apache-2.0
// Reference JSON-LD -> RDFC-1.0 canonicalization benchmark (jsonld.js).
//
// usage: node canon.mjs CONTEXTS_DIR FILE.jsonl [--check OUT.nq] [--warmup N]
//
// CONTEXTS_DIR/index.json maps context URL -> {"file": name}; the document
// loader serves exactly those files (from memory) and throws for any other
// URL, so no network access ever happens.  Each line of FILE.jsonl is one
// JSON-LD document; it is canonicalized with
//   jsonld.canonize(doc, {algorithm: 'RDFC-1.0', format: 'application/n-quads',
//                         documentLoader, safe: true})
// The first 50 documents (--warmup) are canonicalized once untimed, then all
// N documents are timed.  With --check OUT.nq, the canonical N-Quads of every
// document are written to OUT.nq, each preceded by a line "# doc N" (N counts
// from 1, in input order), the format `mcred rdf canon-jsonld --check` uses.
//
// Prints one summary line:
//   jsonld.js: 1000 documents in 6.123 s, 163.3 docs/s, median 5.9 ms/doc, peak RSS 123 MB
// Exit status: 0 on success, 1 if any document failed, 2 on usage errors.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import {performance} from 'node:perf_hooks';
import jsonld from 'jsonld';

function usage(msg) {
  if(msg) {
    process.stderr.write(`canon.mjs: ${msg}\n`);
  }
  process.stderr.write(
    'usage: node canon.mjs CONTEXTS_DIR FILE.jsonl [--check OUT.nq] ' +
    '[--warmup N]\n');
  process.exit(2);
}

const positional = [];
let checkPath = null;
let warmupCount = 50;
const argv = process.argv.slice(2);
for(let i = 0; i < argv.length; ++i) {
  const a = argv[i];
  if(a === '--check') {
    if(i + 1 >= argv.length) {
      usage('--check needs an output path');
    }
    checkPath = argv[++i];
  } else if(a === '--warmup') {
    warmupCount = Number.parseInt(argv[++i], 10);
    if(!Number.isInteger(warmupCount) || warmupCount < 0) {
      usage('--warmup needs a non-negative integer');
    }
  } else if(a === '-h' || a === '--help') {
    usage();
  } else if(a.startsWith('--')) {
    usage(`unknown option ${a}`);
  } else {
    positional.push(a);
  }
}
if(positional.length !== 2) {
  usage();
}
const [contextsDir, inputPath] = positional;

// ------------------------------------------------------------ document loader
const index = JSON.parse(
  fs.readFileSync(path.join(contextsDir, 'index.json'), 'utf8'));
const contexts = new Map();
for(const [url, entry] of Object.entries(index)) {
  const file = typeof entry === 'string' ? entry : entry.file;
  contexts.set(url, JSON.parse(
    fs.readFileSync(path.join(contextsDir, file), 'utf8')));
}

// eslint-disable-next-line require-await
async function documentLoader(url) {
  const document = contexts.get(url);
  if(document === undefined) {
    throw new Error(`document loader: refusing to load ${url} ` +
      `(not in ${path.join(contextsDir, 'index.json')})`);
  }
  return {contextUrl: null, documentUrl: url, document};
}

const options = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  documentLoader,
  safe: true
};

// ------------------------------------------------------------------- corpus
const docs = [];
{
  const text = fs.readFileSync(inputPath, 'utf8');
  let lineNo = 0;
  for(const line of text.split('\n')) {
    ++lineNo;
    if(line.trim() === '') {
      continue;
    }
    try {
      docs.push(JSON.parse(line));
    } catch(e) {
      process.stderr.write(`${inputPath}:${lineNo}: invalid JSON: ${e.message}\n`);
      process.exit(1);
    }
  }
}
if(docs.length === 0) {
  usage(`${inputPath}: no documents`);
}

async function canon(doc) {
  // jsonld.js does not modify its input, so the parsed object is reused
  // between the warm-up and the timed run.
  return jsonld.canonize(doc, options);
}

// ------------------------------------------------------------------- warm-up
let failures = 0;
const warm = Math.min(warmupCount, docs.length);
for(let i = 0; i < warm; ++i) {
  try {
    await canon(docs[i]);
  } catch(e) {
    // reported (once) in the timed run below
  }
}

// -------------------------------------------------------------- timed run
const times = new Float64Array(docs.length);
const outputs = checkPath ? new Array(docs.length) : null;
const t0 = performance.now();
for(let i = 0; i < docs.length; ++i) {
  const s = performance.now();
  let nq;
  try {
    nq = await canon(docs[i]);
  } catch(e) {
    ++failures;
    const detail = e.details ? ' ' + JSON.stringify(e.details).slice(0, 400) : '';
    process.stderr.write(`jsonld.js: doc ${i + 1}: ${e.name || 'Error'}: ` +
      `${e.message}${detail}\n`);
    nq = null;
  }
  times[i] = performance.now() - s;
  if(outputs) {
    outputs[i] = nq;
  }
}
const total = (performance.now() - t0) / 1000;

if(outputs) {
  const fd = fs.openSync(checkPath, 'w');
  for(let i = 0; i < outputs.length; ++i) {
    fs.writeSync(fd, `# doc ${i + 1}\n`);
    if(outputs[i] === null) {
      fs.writeSync(fd, '# error\n');
    } else {
      fs.writeSync(fd, outputs[i]);
    }
  }
  fs.closeSync(fd);
}

const sorted = Array.from(times).sort((a, b) => a - b);
const n = sorted.length;
const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
const rssMB = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(
  `jsonld.js: ${n} documents in ${total.toFixed(3)} s, ` +
  `${(n / total).toFixed(1)} docs/s, median ${median.toFixed(3)} ms/doc, ` +
  `peak RSS ${rssMB} MB` +
  (failures ? `, ${failures} FAILED` : '') + '\n');
process.exit(failures ? 1 : 0);
