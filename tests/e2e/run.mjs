// End-to-end tests of the web calculator in headless Chromium: the real
// canvas is driven with mouse and keyboard; results are read from the
// page's DOM mirror of the verdict. Screenshots and measurements go to
// build/e2e-artifacts/.
//
// usage: node tests/e2e/run.mjs [test-name-substring]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, ready, webDir, singleFile, artifacts, root, check } from './harness.mjs';

const criteria = JSON.parse(await readFile(join(root, 'criteria/NCT07345780.json'), 'utf8'));
const fieldById = Object.fromEntries(criteria.fields.map((f) => [f.id, f]));
const eligibleRecord = JSON.parse(await readFile(join(root, 'tests/cases/bases/t_all_eligible.json'), 'utf8'));
const metrics = {};

// ---- Driving the canvas ------------------------------------------------------

async function frames(page) { return page.evaluate(() => eligPage.stats.frames); }

// Waits until the app has drawn at least `count` more frames.
async function drawn(page, count = 2) {
  const start = await frames(page);
  await page.waitForFunction((n) => eligPage.stats.frames >= n, start + count, { timeout: 10000 });
}

async function items(page) {
  return page.evaluate(() => eligPage.items || {});
}

async function track(page) {
  await page.evaluate(() => { eligPage.trackItems = true; });
  await page.mouse.move(5, 5);
  await drawn(page);
}

// Finds an item on the canvas, scrolling the form panel to bring it into view.
async function locate(page, key) {
  let found = (await items(page))[key];
  if (found) return found;
  const panel = (await items(page))['panel:form'];
  check(panel, 'the form panel is not on screen');
  await page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
  for (const direction of [-1, 1]) {  // from the top, then down
    for (let step = 0; step < 60; step++) {
      await page.mouse.wheel(0, direction * 400);
      await drawn(page);
      found = (await items(page))[key];
      if (found) {
        // Bring it well inside the panel: half-visible items are clipped.
        const [, y, , h] = found;
        if (y < panel[1] + 20 || y + h > panel[1] + panel[3] - 20) {
          await page.mouse.wheel(0, y - (panel[1] + panel[3] / 2));
          await drawn(page);
          found = (await items(page))[key];
        }
        if (found) return found;
      }
      if (direction < 0 && step >= 8) break;
    }
  }
  throw new Error(`item ${key} not found on the canvas`);
}

async function click(page, key) {
  const [x, y, w, h] = await locate(page, key);
  await page.mouse.click(x + Math.min(w / 2, 30), y + h / 2);
  await drawn(page);
}

async function type(page, key, text) {
  await click(page, key);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text, { delay: 5 });
  await drawn(page);
}

async function choose(page, field, option) {
  await click(page, `field:${field}`);
  await click(page, `option:${field}:${option}`);
}

async function chooseUnit(page, field, unit) {
  await click(page, `field:${field}:unit`);
  await click(page, `unit:${field}:${unit}`);
}

// Enters a whole record through the form, field by field, like a user, and
// checks each field landed (the page may still be settling a layout when a
// click arrives on a busy machine: then the field is entered again).
async function enterRecord(page, record) {
  for (const field of criteria.fields) {
    if (!(field.id in record)) continue;
    const value = record[field.id];
    for (let attempt = 1; ; attempt++) {
      await enterField(page, field, value);
      await drawn(page, 2);
      const now = await page.evaluate((id) => eligPage.current().record[id], field.id);
      if (JSON.stringify(now) === JSON.stringify(value)) break;
      if (attempt === 3) throw new Error(`${field.id}: entered ${JSON.stringify(value)}, the form holds ${JSON.stringify(now)}`);
      await page.mouse.move(5, 5);
      await drawn(page, 3);
    }
  }
  await page.mouse.move(5, 5);
  await drawn(page);
}

async function enterField(page, field, value) {
  if (field.type === 'bool') await click(page, `field:${field.id}:${value ? 'Yes' : 'No'}`);
  else if (field.type === 'enum') await choose(page, field.id, value);
  else if (field.type === 'date' && value === 'none') {
    const now = await page.evaluate((id) => eligPage.current().record[id], field.id);
    if (now !== 'none') await click(page, `field:${field.id}:none`);
  } else if (value !== null && typeof value === 'object') {
    await type(page, `field:${field.id}`, String(value.value));
    await chooseUnit(page, field.id, value.unit);
  } else await type(page, `field:${field.id}`, String(value));
}

async function mirror(page) {
  return page.evaluate(() => {
    const m = document.getElementById('mirror');
    const criteria = {};
    for (const li of m.querySelectorAll('li[data-criterion]')) criteria[li.dataset.criterion] = { status: li.dataset.status, text: li.textContent };
    return { overall: m.dataset.overall, text: m.textContent, criteria };
  });
}

async function waitOverall(page, overall) {
  await page.waitForFunction((o) => document.getElementById('mirror').dataset.overall === o, overall, { timeout: 10000 })
    .catch(async () => {
      const m = await mirror(page);
      await shot(page, `failed-expected-${overall}`);
      throw new Error(`verdict is ${m.overall}, expected ${overall}: ${m.text.slice(0, 600)}`);
    });
}

async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`) });
}

// A screenshot at the emulated device metrics (Playwright's own resets them).
async function cdpShot(cdp, name) {
  const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
  await writeFile(join(artifacts, `${name}.png`), Buffer.from(data, 'base64'));
}

// Opens the app from the local server on a fresh page, failing on any
// console error or uncaught exception.
async function open(browser, server, { url } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url || server.url);
  await ready(page);
  await track(page);
  page.problems = problems;
  return page;
}

async function close(page) {
  check(page.problems.length === 0, page.problems.join('\n'));
  await page.goto('about:blank');
  await page.close();
}

// ---- The tests ---------------------------------------------------------------

const tests = {
  async 'loads with no console errors, shows the header and an incomplete verdict'(browser, server) {
    const page = await open(browser, server);
    check(await page.isHidden('#status'), 'the loading indicator is still shown');
    await waitOverall(page, 'incomplete');
    const m = await mirror(page);
    check(m.text.includes('Missing:'), 'the mirror lists what is missing');
    await page.waitForTimeout(300);
    await shot(page, '01-empty');
    await close(page);
  },

  async 'a complete eligible record entered on the canvas is eligible; LVEF 40 flips it, naming inc_lvef'(browser, server) {
    const page = await open(browser, server);
    await enterRecord(page, eligibleRecord);
    await waitOverall(page, 'eligible');
    await shot(page, '02-eligible');
    await type(page, 'field:lvef', '40');
    await waitOverall(page, 'ineligible');
    const m = await mirror(page);
    check(m.criteria.inc_lvef && m.criteria.inc_lvef.status === 'fail', 'inc_lvef should fail');
    check(m.criteria.inc_lvef.text.includes('LVEF 40% is below the required 45%'), `reason: ${m.criteria.inc_lvef.text}`);
    const failing = Object.entries(m.criteria).filter(([, c]) => c.status === 'fail').map(([id]) => id);
    check(failing.length === 1, `only inc_lvef fails, not ${failing}`);
    await shot(page, '03-ineligible-lvef');
    // Clicking the failing criterion jumps to its input: typing now edits LVEF.
    await click(page, 'criterion:inc_lvef');
    await drawn(page, 5);  // the jump scrolls, then focuses the input a frame later
    await page.keyboard.press('Control+A');
    await page.keyboard.type('45');
    await drawn(page, 2);
    const lvef = await page.evaluate(() => eligPage.current().record.lvef);
    check(lvef === 45, `after the jump to LVEF and typing 45, the form holds ${JSON.stringify(lvef)}`);
    await waitOverall(page, 'eligible');
    await close(page);
  },

  async 'invalid input is kept as typed, marked, and gives no verdict'(browser, server) {
    const page = await open(browser, server);
    await type(page, 'field:lvef', '4o');
    await waitOverall(page, 'error');
    const record = await page.evaluate(() => eligPage.current().record);
    check(record.lvef === '4o', `the typed text is kept: ${JSON.stringify(record.lvef)}`);
    const m = await mirror(page);
    check(m.text.includes('lvef: expected a number in %, got "4o"'), m.text);
    await shot(page, '04-invalid-input');
    await type(page, 'field:lvef', '50');
    await waitOverall(page, 'incomplete');
    await close(page);
  },

  async 'keyboard: Tab moves to the next input'(browser, server) {
    const page = await open(browser, server);
    await type(page, 'field:id', 'kbd-test');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2027-02-03');
    await drawn(page);
    const record = await page.evaluate(() => eligPage.current().record);
    check(record.id === 'kbd-test' && record.screening_date === '2027-02-03', JSON.stringify(record));
    await close(page);
  },

  async 'save then load round-trips the record; a malformed file keeps the form'(browser, server) {
    const page = await open(browser, server);
    const record = { ...eligibleRecord, id: 'round-trip', hemoglobin: { value: 7.2, unit: 'g/dL' } };
    await enterRecord(page, record);
    await waitOverall(page, 'eligible');
    const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'button:save')]);
    const savedPath = join(artifacts, 'saved-screening.json');
    await download.saveAs(savedPath);
    const saved = JSON.parse(await readFile(savedPath, 'utf8'));
    check(JSON.stringify(saved) === JSON.stringify(record), `saved file differs:\n${JSON.stringify(saved)}\n${JSON.stringify(record)}`);
    check(download.suggestedFilename() === 'screening-round-trip.json', download.suggestedFilename());

    await click(page, 'button:reset');
    await click(page, 'button:confirm_clear');
    await waitOverall(page, 'incomplete');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'button:load')]);
    await chooser.setFiles(savedPath);
    await waitOverall(page, 'eligible');
    const loaded = await page.evaluate(() => eligPage.current().record);
    check(JSON.stringify(loaded) === JSON.stringify(record), `loaded record differs: ${JSON.stringify(loaded)}`);

    // A malformed file: the error is shown and the form is kept.
    const badPath = join(artifacts, 'malformed.json');
    await writeFile(badPath, '{"lvef": "high", "hemoglobin": {"value": 7, "unit": "mmol/L"}}');
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'button:load')]);
    await chooser2.setFiles(badPath);
    await drawn(page, 3);
    check((await items(page))['button:ok'], 'an error dialog is shown');
    await shot(page, '05-load-error');
    await click(page, 'button:ok');
    await waitOverall(page, 'eligible');
    const kept = await page.evaluate(() => eligPage.current().record);
    check(JSON.stringify(kept) === JSON.stringify(record), 'the form changed after a failed load');

    // Drag and drop loads too.
    const text = JSON.stringify({ ...record, lvef: 30 });
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer });
    await waitOverall(page, 'ineligible');
    await close(page);
  },

  async 'copy summary puts a plain-text report on the clipboard; print shows a clean report'(browser, server) {
    await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await open(browser, server);
    const reviewPath = join(artifacts, 'review-record.json');
    await writeFile(reviewPath, JSON.stringify({ ...eligibleRecord, age_years: 80 }));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'button:load')]);
    await chooser.setFiles(reviewPath);
    await waitOverall(page, 'review');
    await shot(page, '06-review');
    await click(page, 'button:copy');
    const text = await page.evaluate(() => navigator.clipboard.readText());
    check(text.includes('Verdict: NEEDS REVIEW') && text.includes('inc_age'), text.slice(0, 300));
    await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
    await click(page, 'button:print');
    check(await page.evaluate(() => window.printed) === 1, 'print was not called');
    await page.emulateMedia({ media: 'print' });
    const report = await page.textContent('#report');
    check(report.includes('Verdict: Needs review') && report.includes('criteria version NCT07345780-2026-01-16.r1'), report.slice(0, 300));
    check(report.includes('Aged 18-85 years (inclusive), gender not restricted.'), 'the report quotes the protocol');
    await page.pdf({ path: join(artifacts, 'print-report.pdf'), format: 'A4' });
    await shot(page, '07-print-view');
    await page.emulateMedia({ media: 'screen' });
    await close(page);
  },

  async 'private: no request after load, no storage, connections forbidden'(browser, server) {
    const page = await open(browser, server);
    const before = server.requests.length;
    const seen = [];
    page.on('request', (r) => { if (!r.url().startsWith('data:') && !r.url().startsWith('blob:')) seen.push(r.url()); });
    await enterRecord(page, { consent: true, lvef: 50, diagnosis: 't_all', id: 'privacy' });
    await Promise.all([page.waitForEvent('download'), click(page, 'button:save')]);
    const probe = await page.evaluate(async (url) => {
      try { await fetch(url + 'probe'); return 'fetched'; } catch (e) { return 'blocked'; }
    }, server.url);
    check(probe === 'blocked', 'a fetch after load was not blocked');
    check(server.requests.length === before, `requests after load: ${server.requests.slice(before)}`);
    check(seen.length === 0, `requests seen by the browser: ${seen}`);
    const storage = await page.evaluate(async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      idb: (await indexedDB.databases()).length,
    }));
    check(storage.local === 0 && storage.session === 0 && storage.cookie === '' && storage.idb === 0, JSON.stringify(storage));
    check((await browser.cookies()).length === 0, 'cookies were set');
    const csp = await page.evaluate(() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((m) => m.content));
    check(csp.some((c) => c.includes("connect-src 'none'")), `CSP: ${csp}`);
    page.problems = page.problems.filter((p) => !p.includes('Content Security Policy'));  // the probe's refusal is the point
    await close(page);
  },

  async 'an idle page draws no frames'(browser, server) {
    const page = await open(browser, server);
    await page.waitForTimeout(1500);
    const before = await frames(page);
    await page.waitForTimeout(4000);
    const after = await frames(page);
    metrics.idle_frames_over_4s = after - before;
    check(after === before, `${after - before} frames drawn while idle`);
    await page.mouse.move(200, 200);
    await drawn(page, 1);
    await close(page);
  },

  async 'the single-file build works from file:// with the network off, also after "Save page as"'(browser, server) {
    await browser.setOffline(true);
    try {
      const page = await open(browser, server, { url: 'file://' + singleFile });
      await enterRecord(page, { lvef: 30 });
      await waitOverall(page, 'ineligible');
      await shot(page, '10-single-file-offline');
      // "Save page as" keeps the page as it is now: serialize it and reopen.
      const savedPage = join(artifacts, 'saved-page.html');
      await writeFile(savedPage, '<!doctype html>\n' + await page.evaluate(() => document.documentElement.outerHTML));
      await close(page);
      const again = await open(browser, server, { url: 'file://' + savedPage });
      await waitOverall(again, 'incomplete');
      await enterRecord(again, { lvef: 30 });
      await waitOverall(again, 'ineligible');
      await close(again);
    } finally {
      await browser.setOffline(false);
    }
  },

  async 'crisp on high-DPI screens and usable on a narrow one'(browser, server) {
    const page = await open(browser, server);
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1100, height: 800, deviceScaleFactor: 2, mobile: false });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await drawn(page, 3);
    const size = await page.evaluate(() => [document.getElementById('canvas').width, window.innerWidth, devicePixelRatio]);
    check(size[0] === size[1] * 2 && size[2] === 2, `canvas ${size[0]} px for ${size[1]} CSS px at ratio ${size[2]}`);
    await enterRecord(page, { lvef: 40, age_years: 80 });
    await waitOverall(page, 'ineligible');
    await cdpShot(cdp, '08-high-dpi');
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 700, height: 900, deviceScaleFactor: 1, mobile: false });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await drawn(page, 3);
    await cdpShot(cdp, '09-narrow');
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await close(page);
  },

  async 'a clear message when WebAssembly or WebGL 2 is unavailable'(browser, server) {
    for (const [what, script] of [
      ['WebAssembly', () => { delete window.WebAssembly; }],
      ['WebGL 2', () => {
        const original = HTMLCanvasElement.prototype.getContext;
        HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : original.call(this, type, ...rest); };
      }],
    ]) {
      const page = await browser.newPage();
      await page.addInitScript(script);
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('status').classList.contains('failed'), null, { timeout: 10000 });
      const message = await page.textContent('#status-text');
      check(message.includes(`needs ${what}`), `message: ${message}`);
      await page.screenshot({ path: join(artifacts, `11-no-${what.replace(/ /g, '')}.png`) });
      await page.goto('about:blank');
      await page.close();
    }
  },

  async 'first interactive frame on localhost'(browser, server) {
    const times = [];
    for (let i = 0; i < 5; i++) {
      const page = await open(browser, server);
      times.push(await page.evaluate(() => eligPage.stats.firstFrameMs));
      await close(page);
    }
    times.sort((a, b) => a - b);
    metrics.first_frame_ms = { median: times[2], min: times[0], max: times[4] };
    check(times[2] < 1000, `median first frame ${times[2]} ms`);
  },
};

// ---- Runner ----------------------------------------------------------------------

const filter = process.argv[2] || '';
const browser = await launch();
const server = await serve(webDir);
let failed = 0;
for (const [name, test] of Object.entries(tests)) {
  if (!name.includes(filter)) continue;
  // A second try, said out loud: typing into a canvas races the frames on a
  // busy 2-core machine; a failure twice in a row is a failure.
  for (let attempt = 1; attempt <= 2; attempt++) {
    const start = Date.now();
    try {
      await test(browser, server);
      console.log(`ok   ${name} (${Date.now() - start} ms)${attempt > 1 ? ' on the second try' : ''}`);
      break;
    } catch (e) {
      console.log(`${attempt === 1 ? 'retry' : 'FAIL '} ${name}\n     ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
      for (const page of browser.pages().slice(1)) await page.close().catch(() => {});
      if (attempt === 2) failed++;
    }
  }
}
await writeFile(join(artifacts, 'metrics.json'), JSON.stringify(metrics, null, 2));
console.log('metrics:', JSON.stringify(metrics));
await browser.close();
await server.close();
if (failed) {
  console.log(`${failed} browser tests failed`);
  process.exit(1);
}
console.log(`all browser tests passed; screenshots in ${artifacts}`);
