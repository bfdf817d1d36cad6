// A first visit: the time from navigation to the first frame drawn, for a
// browser that has never seen the page (a fresh context per load: no HTTP
// cache, no compiled code kept), against Dear ImGui's own
// example_glfw_opengl3 built from the project's ImGui checkout
// (bench/anchor/build.sh), the two alternated load by load so that a busy
// moment of the machine hits both alike. Headless Chromium with SwiftShader,
// 1280×800 at ratio 1, served from 127.0.0.1.
//
// Both are timed the same way: the first WebGL draw call of the page
// (drawElements, which a frame of Dear ImGui is made of), taken from
// navigation start. For the calculator the page's own marks also break the
// time down (web/page/10_page.js: stats.marks).
//
// usage: node bench/web_first_visit.mjs [--loads N] [--web DIR] [--anchor DIR] [--vs DIR]
//   defaults: 11 loads each, build/wasm/web, build/anchor/web (run bench/anchor/build.sh first)
//   --vs DIR: another build of the calculator (an earlier commit's build/wasm/web, copied),
//   alternated with the rest in the same run and reported as en_vs and zh_vs: a change's
//   effect, paired, on a machine whose speed drifts from minute to minute.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { serve } from '../web/serve.mjs';
import { chromiumArgs } from '../tests/e2e/harness.mjs';

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const root = new URL('..', import.meta.url).pathname;
const loads = Number(option('--loads', 11));
const webDir = option('--web', root + 'build/wasm/web');
const anchorDir = option('--anchor', root + 'build/anchor/web');
const vsDir = option('--vs', null);
for (const dir of [webDir, anchorDir, ...(vsDir ? [vsDir] : [])])
  if (!existsSync(dir + '/index.html')) throw new Error(`${dir}/index.html: build it first (cmake --build --preset wasm; bench/anchor/build.sh)`);

// Runs before any script of the page: the time of the first draw call.
function firstDrawProbe() {
  window.__firstDrawMs = null;
  for (const api of [window.WebGL2RenderingContext, window.WebGLRenderingContext]) {
    if (!api) continue;
    const draw = api.prototype.drawElements;
    api.prototype.drawElements = function (...args) {
      if (window.__firstDrawMs === null) window.__firstDrawMs = performance.now();
      return draw.apply(this, args);
    };
  }
}

const calculator = await serve(webDir);
const anchor = await serve(anchorDir);
const other = vsDir ? await serve(vsDir) : null;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });

async function visit(url, marks) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await context.addInitScript(firstDrawProbe);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__firstDrawMs !== null, null, { timeout: 30000 });
  const result = await page.evaluate((withMarks) => {
    const out = { first_draw: window.__firstDrawMs };
    if (withMarks && window.eligPage) out.marks = eligPage.stats.marks;
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    if (wasm) out.wasm_loaded = wasm.responseEnd;
    return out;
  }, marks);
  await context.close();
  return result;
}

const runs = { anchor: [], en: [], zh: [], ...(other ? { en_vs: [], zh_vs: [] } : {}) };
for (let i = 0; i <= loads; i++) {
  const order = other ? (i % 2 ? ['zh_vs', 'en', 'anchor', 'zh', 'en_vs'] : ['anchor', 'en_vs', 'zh', 'en', 'zh_vs'])
                      : (i % 2 ? ['en', 'anchor', 'zh'] : ['anchor', 'zh', 'en']);
  for (const which of order) {
    const [language, server] = which.endsWith('_vs') ? [which.slice(0, 2), other] : [which, calculator];
    const result = which === 'anchor' ? await visit(anchor.url) : await visit(`${server.url}#lang=${language}`, true);
    if (i > 0) runs[which].push(result);  // the first round warms the machine, not the browser
  }
}
await browser.close();
await calculator.close();
await anchor.close();
if (other) await other.close();

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const range = (values) => [Math.round(Math.min(...values)), Math.round(Math.max(...values))];
const summary = {};
for (const [which, results] of Object.entries(runs)) {
  const draws = results.map((r) => r.first_draw);
  summary[which] = { first_draw_ms: Math.round(median(draws)), range_ms: range(draws) };
  if (results[0].wasm_loaded !== undefined) summary[which].wasm_loaded_ms = Math.round(median(results.map((r) => r.wasm_loaded)));
  if (results[0].marks) {
    // Each mark's median, from navigation start.
    const names = Object.keys(results[0].marks);
    summary[which].marks_ms = Object.fromEntries(names.map((n) => [n, Math.round(median(results.map((r) => r.marks[n])))]));
  }
}
for (const which of Object.keys(runs))
  if (which !== 'anchor') summary[which].over_anchor = +(summary[which].first_draw_ms / summary.anchor.first_draw_ms).toFixed(2);
console.log(JSON.stringify({ loads, ...summary }, null, 1));
