#!/usr/bin/env node
// Prints the gzipped size of the production build's JavaScript: what the app loads first
// (index.html's scripts and preloads), what it loads on demand, and the separate playground.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dist = path.resolve(import.meta.dirname, '../dist');
const gz = (file) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const scriptsOf = (html) => [...fs.readFileSync(path.join(dist, html), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);

const all = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
const initial = scriptsOf('index.html');
const playground = scriptsOf('playground.html').filter((f) => !initial.includes(f));
const imported = new Set([...initial, ...playground]);
const lazyApp = all.filter((f) => !imported.has(f) && /charts/.test(f));
const lazyPdf = all.filter((f) => !imported.has(f) && /(^|\/)pdf[-.]/.test(f));
// What else the app loads when it is opened (the Import screen, the split editor, the QR code of two-factor set-up): chunks its first scripts name.
const firstText = initial.map((file) => fs.readFileSync(path.join(dist, file), 'utf8')).join('\n');
const lazyScreens = all.filter((f) => !imported.has(f) && !lazyApp.includes(f) && !lazyPdf.includes(f) && firstText.includes(path.basename(f)));
const workerOf = () => `assets/${fs.readdirSync(path.join(dist, 'assets')).find((f) => /^pdf\.worker.*\.mjs$/.test(f))}`;
const sum = (files) => files.reduce((total, file) => total + gz(file), 0);

console.log(`app, loaded first:     ${kB(sum(initial))} gzipped (${initial.join(', ')})`);
console.log(`app, charts on demand: ${kB(sum(lazyApp))} gzipped (${lazyApp.join(', ')})`);
console.log(`app, others on demand: ${kB(sum(lazyScreens))} gzipped (${lazyScreens.join(', ')})`);
console.log(`app, pdf.js on demand: ${kB(sum(lazyPdf))} gzipped (${lazyPdf.join(', ')}; its worker, ${kB(gz(workerOf()))}, runs off the page)`);
console.log(`playground page:       ${kB(sum(playground) + sum(all.filter((f) => !imported.has(f) && !lazyApp.includes(f) && !lazyPdf.includes(f) && !lazyScreens.includes(f))))} gzipped (React + GraphiQL, separate page)`);
