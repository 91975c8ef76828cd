// Prints the gzipped size of every JS file the built field app loads (its index.html's scripts and modulepreloads).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../web/dist');
const html = readFileSync(path.join(dist, 'field/index.html'), 'utf8');
const files = [...new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]))];
let total = 0;
for (const f of files) {
  const raw = readFileSync(path.join(dist, f));
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  console.log(`${f}\t${(raw.length / 1024).toFixed(1)} KB\tgzip ${(gz / 1024).toFixed(1)} KB`);
}
console.log(`field app JS: ${files.length} files, gzip ${(total / 1024).toFixed(1)} KB (limit 300 KB)`);
if (total > 300 * 1024) process.exit(1);
