// The screening log in the page at scale (headless Chromium, SwiftShader,
// 1366×900): a log of N patients opened (the file handed to the app, frames
// until its rows are published and the page is idle again), the page's
// memory after it, and the app's frame while the table scrolls under the
// wheel, beside the same over the calculator's form.
//
// usage: node bench/web_log_scale.mjs [WEB_DIR] [N...]
//   WEB_DIR defaults to build/wasm/web; N defaults to 10000 and 100000.
//   Records: the eligible T-ALL base, one criterion broken in some.
import { readFile } from 'node:fs/promises';
import { serve } from '../web/serve.mjs';
import { launchChromium, root } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const dir = args[0] && !/^\d+$/.test(args[0]) ? args.shift() : new URL('../build/wasm/web', import.meta.url).pathname;
const sizes = args.length ? args.map(Number) : [10000, 100000];
const base = JSON.parse(await readFile(root + 'tests/cases/bases/t_all_eligible.json', 'utf8'));

// Made in the page: 100,000 records are 140 MB, too much to hand over.
function log(base, n) {
  const lines = [];
  for (let i = 0; i < n; i++) {
    const r = Object.assign({}, base, { id: 'P-' + i });
    if (i % 5 === 1) r.lvef = 40;
    if (i % 5 === 2) delete r.consent;
    if (i % 7 === 3) r.cd7_percent = 50;
    lines.push(JSON.stringify(r));
  }
  return lines.join('\n') + '\n';
}

const server = await serve(dir);
const context = await launchChromium();
const out = { dir };
for (const n of sizes) {
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(server.url + '#lang=en');
  await page.waitForFunction(() => window.eligPage && eligPage.stats.interactiveMs !== null, null, { timeout: 30000 });
  const opened = await page.evaluate(async ({ make, base, n }) => {
    eligApp.action('log:open');
    const bytes = new TextEncoder().encode((0, eval)('(' + make + ')')(base, n));
    const start = performance.now();
    let longest = 0, last = start;
    eligApp.loadFile('log.ndjson', bytes);
    // The page's own frames, as a user gets them: until every row is read.
    await new Promise((done) => {
      function tick(now) {
        longest = Math.max(longest, now - last);
        last = now;
        eligPage.onInput();
        if (eligPage.formState().log.total === n && !eligPage.formState().dialog) done();
        else requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    });
    return { ms: performance.now() - start, longest_gap_ms: longest, bytes: bytes.length };
  }, { make: log.toString(), base, n });
  // The table scrolled: a wheel step and a frame, 60 times, each timed in
  // the page (the app's frame: the clipped table drawn, the items placed);
  // then the same over the calculator's form, for comparison.
  const scroll = (where) => page.evaluate(async (where) => {
    const items = eligPage.items, r = items[where];
    const x = (r[0] + 100) * devicePixelRatio, y = (r[1] + 150) * devicePixelRatio;
    const times = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      eligApp.pointer(0, x, y, -1, 0);
      eligApp.wheel(0, -1);
      eligApp.frame(performance.now());
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { median: +times[30].toFixed(1), p95: +times[56].toFixed(1) };
  }, where);
  const logFrame = await scroll('log:table');
  await page.evaluate(() => { eligApp.action('log:back'); eligApp.frame(performance.now()); eligApp.frame(performance.now()); });
  const formFrame = await scroll('panel:form');
  const memory = await page.evaluate(() => ({
    js_heap_mb: performance.memory ? +(performance.memory.usedJSHeapSize / 1e6).toFixed(1) : null,
    wasm_memory_mb: typeof Module !== 'undefined' && Module.HEAPU8 ? +(Module.HEAPU8.length / 1e6).toFixed(1) : null,
  }));
  out[n] = {
    file_mb: +(opened.bytes / 1e6).toFixed(1), open_ms: Math.round(opened.ms), longest_frame_gap_ms: Math.round(opened.longest_gap_ms),
    scroll_frame_ms: logFrame, form_scroll_frame_ms: formFrame, ...memory,
  };
  await page.close();
}
console.log(JSON.stringify(out));
await context.close();
server.close();
