// The page's hot paths, timed in the page itself (headless Chromium): a
// 1 MB FHIR bundle dropped on the page (copy into the module, detect,
// import, the summary: frames until it shows), and an answer in guided mode
// against the same edit in the form (recompute, the verdict, in guided mode
// the ranking of every next question, the DOM layer and mirror updated).
// WebGL is off (the HTML calculator), so that what is timed is this work
// and not SwiftShader drawing a frame in software.
//
// usage: node bench/web_in_page.mjs [WEB_DIR] [REPEATS]
//   WEB_DIR defaults to build/wasm/web; REPEATS (default 25) per measure.
//   The FHIR file is read from ../shared/external/fhir (skipped if absent).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { serve } from '../web/serve.mjs';
import { launchChromium, root } from '../tests/e2e/harness.mjs';

const dir = process.argv[2] || new URL('../build/wasm/web', import.meta.url).pathname;
const repeats = Number(process.argv[3] || 25);
const bundle = root + '../shared/external/fhir/synthea-smart/Jordan_Cruickshank_5de38439-d320-46d3-854d-3c098e88de4c.json';
const server = await serve(dir);
const context = await launchChromium(['--disable-3d-apis']);
const page = await context.newPage();
await page.goto(server.url);
await page.waitForFunction(() => window.eligPage && eligPage.stats.interactiveMs !== null, null, { timeout: 30000 });
if (await page.evaluate(() => eligPage.stats.mode) !== 'html') throw new Error('expected the HTML calculator (no WebGL)');

const summary = (a) => {
  a.sort((x, y) => x - y);
  return { median: +a[Math.floor(a.length / 2)].toFixed(2), min: +a[0].toFixed(2), max: +a[a.length - 1].toFixed(2) };
};
const out = { dir, repeats };

if (existsSync(bundle)) {
  const text = await readFile(bundle, 'utf8');
  out.fhir_import_ms = summary(await page.evaluate(({ text, repeats }) => {
    const bytes = new TextEncoder().encode(text), times = [];
    for (let i = 0; i < repeats; i++) {
      const start = performance.now();
      eligApp.loadFile('bundle.json', bytes);
      // Frames until the summary offers its confirmation.
      for (let f = 0; f < 1000; f++) {
        eligApp.frame(performance.now());
        const d = eligPage.formState().dialog;
        if (d && d.buttons.some(function (b) { return b.action === 'import_confirm'; })) break;
      }
      times.push(performance.now() - start);
      eligApp.action('dialog_cancel');
      eligApp.frame(performance.now());
    }
    return times;
  }, { text, repeats }));
} else {
  out.fhir_import_ms = 'skipped: ../shared/external/fhir is absent';
}

// An edit and its frame: the same yes/no answered and cleared, in the form
// and in guided mode (where every next question is ranked as well).
const edit = (mode) => page.evaluate(({ mode, repeats }) => {
  eligApp.action(mode === 'guided' ? 'mode:guided' : 'mode:form');
  for (let f = 0; f < 4; f++) eligApp.frame(performance.now());
  const field = eligPage.dictionary.fields.findIndex(function (f) { return f.id === 'gvhd'; });
  const times = [];
  for (let i = 0; i < repeats * 2; i++) {
    const start = performance.now();
    eligApp.setChoice(field, i % 2 ? -1 : 0);
    eligApp.frame(performance.now());
    times.push(performance.now() - start);
  }
  return times;
}, { mode, repeats });
// The ranking alone: switching to guided mode ranks every next question of
// the record at once (Guide::next), and publishes only at the next frame.
const rank = (record) => page.evaluate(({ record, repeats }) => {
  eligApp.action('reset'); eligApp.action('dialog_confirm');
  eligApp.frame(performance.now());
  const fields = eligPage.dictionary.fields;
  for (const [id, value] of Object.entries(record)) {
    const i = fields.findIndex(function (f) { return f.id === id; }), f = fields[i];
    if (f.type === 'bool') eligApp.setChoice(i, value ? 1 : 0);
    else if (f.type === 'enum') eligApp.setChoice(i, f.values.findIndex(function (v) { return v.id === value; }));
    else if (value === 'none') eligApp.setNone(i, 1);
    else eligApp.setText(i, String(value));
  }
  eligApp.action('mode:form');
  eligApp.frame(performance.now());
  const times = [];
  for (let i = 0; i <= repeats * 4; i++) {
    eligApp.action('mode:form');
    const start = performance.now();
    eligApp.action('mode:guided');
    if (i) times.push(performance.now() - start);  // the first builds the Guide
  }
  eligApp.action('mode:form');
  eligApp.frame(performance.now());
  return times;
}, { record, repeats });
out.rank_screening_date_only_ms = summary(await rank({}));
const half = JSON.parse(await readFile(root + 'tests/cases/bases/t_all_eligible.json', 'utf8'));
const halfFilled = Object.fromEntries(Object.entries(half).filter(([k, v], i) => i % 2 === 0 && k !== 'screening_date' && typeof v !== 'object'));
out.rank_half_filled_t_all_ms = summary(await rank(halfFilled));
out.form_edit_ms = summary(await edit('form'));
out.guided_edit_ms = summary(await edit('guided'));
console.log(JSON.stringify(out));
await context.close();
server.close();
