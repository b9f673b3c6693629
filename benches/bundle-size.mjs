#!/usr/bin/env node
// Prints what a first visit downloads of JS + WASM (raw, gzip -9, brotli q11), per file and
// in total, against the budget. Measures the release build in target/site/pkg; build it
// first with scripts/build-release. Exits 1 when the brotli total is over the budget.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const BUDGET_BROTLI = 150 * 1024;
const dir = process.argv[2] ?? "target/site/pkg";
const files = readdirSync(dir).filter((f) => /\.(wasm|js)$/.test(f));
if (files.length === 0) {
  console.error(`no .js or .wasm in ${dir}: run scripts/build-release first`);
  process.exit(2);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const total = { raw: 0, gzip: 0, brotli: 0 };
for (const file of files.sort()) {
  const bytes = readFileSync(join(dir, file));
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  for (const k of Object.keys(total)) total[k] += sizes[k];
  console.log(`${file.padEnd(20)} raw ${kb(sizes.raw).padStart(9)}  gzip ${kb(sizes.gzip).padStart(9)}  brotli ${kb(sizes.brotli).padStart(9)}`);
}
console.log(`${"total".padEnd(20)} raw ${kb(total.raw).padStart(9)}  gzip ${kb(total.gzip).padStart(9)}  brotli ${kb(total.brotli).padStart(9)}`);
console.log(`budget: ${kb(BUDGET_BROTLI)} brotli, ${total.brotli <= BUDGET_BROTLI ? "within" : "OVER"} by ${kb(Math.abs(BUDGET_BROTLI - total.brotli))}`);
process.exit(total.brotli <= BUDGET_BROTLI ? 0 : 1);
