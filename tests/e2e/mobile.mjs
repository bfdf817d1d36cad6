// The web calculator on a phone: Chromium's mobile emulation (390×844 CSS
// px, ratio 3, touch). A whole record is entered with taps, and with text
// inserted into the focused control only (what a phone's keyboard does);
// fields out of view are reached by dragging the form with a finger.
//
// usage: node tests/e2e/mobile.mjs [test-name-substring]
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { artifacts, check, chromiumArgs, criteria, eligibleRecord, mirrorInPage, runTests, serve, webDir, finishSuite } from './harness.mjs';

const metrics = {};
const server = await serve(webDir);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });

async function phone(width = 390, height = 844, language = 'en') {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(m.text()); });
  page.on('pageerror', (e) => page.problems.push(e.message));
  await page.goto(server.url + '#lang=' + language);
  await page.waitForFunction(() => window.eligPage && eligPage.stats.interactiveMs !== null && eligPage.dictionary && eligPage.items, null, { timeout: 30000 });
  page.cdp = await context.newCDPSession(page);
  return page;
}
async function done(page) {
  check(page.problems.length === 0, page.problems.join('\n'));
  await page.context().close();
}
const items = (page) => page.evaluate(() => eligPage.items || {});
const item = (page, key) => page.evaluate((k) => eligPage.items && eligPage.items[k], key);
const record = (page) => page.evaluate(() => eligPage.current().record);
const shot = (page, name) => page.screenshot({ path: join(artifacts, `${name}.png`) });

async function waitFor(page, fn, arg, what) {
  await page.waitForFunction(fn, arg, { timeout: 20000 }).catch(() => { throw new Error(`timed out waiting for ${what}`); });
}
async function waitField(page, id, value) {
  await waitFor(page, ([f, v]) => JSON.stringify(eligPage.current().record[f]) === JSON.stringify(v), [id, value], `${id} = ${JSON.stringify(value)}`);
}

// A finger: down, a few moves, up, through the DevTools protocol (touch
// events become pointer events of type touch, as on a phone). The events
// carry a phone's timing, a move every 16 ms, whatever the protocol's own
// latency: `fling` lifts the finger while it moves (the form coasts on);
// otherwise it rests 150 ms first, so the form stays where it was left.
async function drag(page, x0, y0, x1, y1, steps = 8, fling = false) {
  const t0 = Date.now() / 1000, frame = 0.016;
  const touchAt = (type, points, i) => page.cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points, timestamp: t0 + i * frame });
  await touchAt('touchStart', [{ x: x0, y: y0 }], 0);
  for (let i = 1; i <= steps; i++)
    await touchAt('touchMove', [{ x: x0 + (x1 - x0) * i / steps, y: y0 + (y1 - y0) * i / steps }], i);
  await touchAt('touchEnd', [], fling ? steps + 1 : steps + 0.15 / frame);
}

// Which way the form must move to show a field: by its place in the
// dictionary against the fields on screen.
async function directionTo(page, key) {
  const id = key.split(':')[1];
  const order = criteria.fields.map((f) => f.id);
  const shown = Object.keys(await items(page)).filter((k) => /^(field|label):/.test(k)).map((k) => order.indexOf(k.split(':')[1])).filter((i) => i >= 0);
  if (!shown.length) return 1;
  return order.indexOf(id) < Math.min(...shown) ? -1 : 1;
}

// A person taps what stands still: the form at rest, the places read from
// frames drawn after the last change (a tapped answer may hide the rows
// below it in the next frame).
async function atRest(page) {
  await waitFor(page, () => !eligPage.stats.coasting, null, 'the form to stop coasting');
  await twoFrames(page);
}
async function twoFrames(page) {
  const from = await page.evaluate(() => { eligPage.onInput(); return eligPage.stats.frames; });
  await waitFor(page, (f) => eligPage.stats.frames >= f + 2, from, 'two frames');
}

async function tap(page, key) {
  await atRest(page);
  const r = await reveal(page, key);
  await page.touchscreen.tap(r[0] + Math.min(r[2] / 2, 40), r[1] + r[3] / 2);
}

// Waits until the items the page publishes stop moving (a drag's last
// frames, a coasting form), so that what is read next is where things are.
async function settled(page) {
  let last = JSON.stringify(await items(page));
  for (let waited = 0; waited < 3000; waited += 120) {
    await page.waitForTimeout(120);
    const now = JSON.stringify(await items(page));
    if (now === last) return;
    last = now;
  }
}

// Drags the form until the item is well inside the visible panel.
async function reveal(page, key) {
  const inForm = /^(field|label|section):/.test(key);
  // A form item is reached in the form: on a phone's verdict tab, the tab
  // switch a test has just tapped may still be on its way.
  if (inForm && !(await item(page, 'panel:form'))) {
    await waitFor(page, () => eligPage.items['panel:form'], null, 'the form (the patient tab)');
    await settled(page);
  }
  for (let attempt = 0; attempt < 40; attempt++) {
    const [r, panel] = await page.evaluate(([k, f]) => [eligPage.items[k], f ? eligPage.items['panel:form'] : eligPage.items['panel:form'] || eligPage.items['panel:verdict']], [key, inForm]);
    if (r && (!inForm || (panel && r[1] >= panel[1] + 2 && r[1] + r[3] <= panel[1] + panel[3] - 2))) return r;
    if (!panel) throw new Error(`${key} is not on the screen and there is no panel to scroll`);
    // The finger moves the form: up to reach what is below, down for above.
    // (At the panel's right edge, and never shorter than a tap's slop: a
    // drag is a drag, not a tap on whatever lies under the finger.)
    const midX = panel[0] + panel[2] - 4, middle = panel[1] + panel[3] / 2;
    let distance = r ? r[1] + r[3] / 2 - middle : (await directionTo(page, key)) * panel[3] * 0.85;
    if (Math.abs(distance) < 40) distance = distance < 0 ? -40 : 40;
    await drag(page, midX, middle + distance / 2, midX, middle - distance / 2, 6);
    await settled(page);
  }
  await shot(page, `failed-reveal-${key.replace(/[^a-z0-9_]/gi, '_')}`);
  throw new Error(`${key} could not be brought into view by dragging`);
}

async function enterByTouch(page, f, value) {
  if (f.type === 'bool') {
    await tap(page, `field:${f.id}:${value ? 'Yes' : 'No'}`);
  } else if (f.type === 'enum') {
    await tap(page, `field:${f.id}`);
    await waitFor(page, (k) => eligPage.items[k], `option:${f.id}:${value}`, `the options of ${f.id}`).catch(async (e) => {
      await shot(page, `failed-options-${f.id}`);
      throw e;
    });
    await tap(page, `option:${f.id}:${value}`);
  } else if (value === 'none') {
    await tap(page, `field:${f.id}:none`);
  } else {
    const text = typeof value === 'object' ? String(value.value) : String(value);
    await tap(page, `field:${f.id}`);
    // The tap focused the field's control inside the gesture: a phone shows
    // its keyboard, which inserts text into that control only.
    await waitFor(page, (k) => document.activeElement && document.activeElement.dataset.key === k, `field:${f.id}`, `the control of ${f.id} to have focus`)
      .catch(async (e) => {
        await shot(page, `failed-focus-${f.id}`);
        const state = await page.evaluate((k) => [eligPage.items[k], eligPage.items['panel:form'], document.activeElement && document.activeElement.dataset.key], `field:${f.id}`);
        throw new Error(`${e.message}: ${JSON.stringify(state)}`);
      });
    const current = await page.evaluate(() => document.activeElement.value);
    if (current) {
      await page.evaluate(() => document.activeElement.select());
      await page.keyboard.press('Backspace');
    }
    await page.keyboard.insertText(text);
    if (typeof value === 'object' && value.unit !== f.units_canonical) {
      await tap(page, `field:${f.id}:unit`);
      await tap(page, `unit:${f.id}:${value.unit}`);
    }
  }
  await waitField(page, f.id, value);
}

const tests = {
  async 'a phone: one-line header with the verdict, a menu, nothing cut off'() {
    const page = await phone();
    const all = await items(page);
    check(all['chip:verdict'] && all['button:menu'] && !all['button:save'], `compact header and menu: ${Object.keys(all).slice(0, 12)}`);
    const header = all['chip:verdict'];
    check(header[1] < 60, `the header is one line at the top: ${header}`);
    for (const [key, r] of Object.entries(all)) check(r[0] + r[2] <= 390.5, `${key} is cut off: ${r}`);
    for (const key of ['button:menu', 'button:details', 'button:language', 'chip:verdict'])
      check(all[key][3] >= 44, `${key} is ${all[key][3]} CSS px tall, under 44`);
    await shot(page, '30-phone');
    await tap(page, 'button:menu');
    await waitFor(page, () => eligPage.items['button:print'], null, 'the menu');
    await shot(page, '31-phone-menu');
    check((await item(page, 'button:print'))[0] + (await item(page, 'button:print'))[2] <= 390.5, 'the menu fits');
    await done(page);
  },

  async 'guided questions on a phone: one question at a time, tap targets across the screen, a tapped knock-out stops it'() {
    for (const [width, language] of [[390, 'en'], [320, 'zh']]) {
      const page = await phone(width, 700, language);
      await tap(page, 'tab:guided');
      await waitFor(page, () => eligPage.items['guide:answer:0'], null, 'the first question');
      const all = await items(page);
      check(!all['panel:form'] && !all['panel:verdict'], `one question, alone: ${Object.keys(all).filter((k) => k.startsWith('panel'))}`);
      for (const [key, r] of Object.entries(all)) check(r[0] + r[2] <= width + 0.5, `${key} is cut off: ${r}`);
      for (const key of ['guide:answer:0', 'guide:answer:4', 'guide:skip', 'guide:back'])
        check(all[key][3] >= 44 && (key.startsWith('guide:answer') ? all[key][2] >= width * 0.8 : true), `${key}: ${all[key]}`);
      await shot(page, `34-phone-guided-${language}`);
      await tap(page, 'guide:answer:4');
      await waitFor(page, () => eligPage.formState().guide.state === 'ineligible' && eligPage.items['guide:back_stop'], null, 'the stop');
      await shot(page, `35-phone-guided-stop-${language}`);
      await tap(page, 'guide:back_stop');
      await waitFor(page, () => !('diagnosis' in eligPage.current().record), null, 'Back to the question');
      await done(page);
    }
  },

  async 'the screening log on a phone in Chinese: rows a thumb tall, nothing cut off, a row opens in the calculator'() {
    const page = await phone(390, 844, 'zh');
    const lines = [];
    for (let i = 0; i < 30; i++) lines.push(JSON.stringify({ ...eligibleRecord, id: '筛-' + i, ...(i % 3 === 1 ? { lvef: 40 } : {}) }));
    await page.evaluate((text) => { eligApp.action('log:open'); eligApp.loadFile('log.ndjson', new TextEncoder().encode(text)); eligPage.onInput(); }, lines.join('\n') + '\n');
    await waitFor(page, () => eligPage.formState().log.total === 30 && eligPage.items['log:row:0'], null, 'the log');
    const all = await items(page);
    for (const [key, r] of Object.entries(all)) check(r[0] + r[2] <= 390.5, `${key} is cut off: ${r}`);
    check(all['log:row:0'][3] >= 44, `a row is ${all['log:row:0'][3]} CSS px tall`);
    const words = await page.evaluate(() => eligPage.formState().log.chart.boxes.join(' '));
    check(words.includes('不符合入组条件：10例（33%）'), `the chart in Chinese: ${words}`);
    await shot(page, '36-phone-log-zh');
    await tap(page, 'log:row:1');
    await waitFor(page, () => !eligPage.formState().log.open && eligPage.current().record.id === '筛-1', null, 'the row in the calculator');
    await done(page);
  },

  async 'a 320 px phone and landscape: nothing cut off'() {
    for (const [width, height, name] of [[320, 640, '32-phone-320'], [844, 390, '33-phone-landscape']]) {
      const page = await phone(width, height);
      const all = await items(page);
      check(all['chip:verdict'], `${name}: the compact header`);
      for (const [key, r] of Object.entries(all)) check(r[0] + r[2] <= width + 0.5, `${name}: ${key} is cut off: ${r}`);
      await shot(page, name);
      await done(page);
    }
  },

  async 'in Chinese on a phone and a 320 px phone: the one-line header, nothing cut off, a long label wrapped'() {
    const longChip = 'missing:t_refractory_last_regimen';
    const chipHeight = {};
    // 320 x 720: tall enough that the long button is not cut by the panel's
    // bottom edge, so its whole height is measured.
    for (const [width, height, name] of [[390, 844, '37-phone-zh'], [320, 720, '38-phone-zh-320']]) {
      const page = await phone(width, height, 'zh');
      const all = await items(page);
      check(all['chip:verdict'] && all['button:menu'], `${name}: the compact header`);
      check(all['chip:verdict'][1] < 60, `${name}: the header is one line at the top: ${all['chip:verdict']}`);
      for (const [key, r] of Object.entries(all)) check(r[0] + r[2] <= width + 0.5, `${name}: ${key} is cut off: ${r}`);
      // Inside the verdict panel, not just the screen: the panel clips.
      const panel = all['panel:verdict'];
      check(panel, `${name}: the verdict panel`);
      for (const [key, r] of Object.entries(all))
        if (/^(missing|heading):/.test(key)) check(r[0] + r[2] <= panel[0] + panel[2] + 0.5, `${name}: ${key} runs under the panel's edge: ${r}, panel ${panel}`);
      check(all[longChip] && all['missing:sex'], `${name}: the missing-field buttons`);
      chipHeight[width] = all[longChip][3] / all['missing:sex'][3];
      check(await page.evaluate(() => eligPage.glyphs.stats.rasterized > 0), `${name}: no Chinese glyph drawn`);
      await shot(page, name);
      await done(page);
    }
    // "末次治疗后难治（白血病未达CR/淋巴瘤未达PR）" (23 characters) fits a
    // 390 px phone on one line, and breaks into two on a 320 px one (a touch
    // button's padding makes two lines about 1.4 times one).
    check(Math.abs(chipHeight[390] - 1) < 0.01 && chipHeight[320] > 1.25,
          `the long missing-field button is one line at 390 px and two at 320 px: ${chipHeight[390]} and ${chipHeight[320]} times a one-line button`);
  },

  async 'a whole record by taps and a phone keyboard; a drag scrolls; nothing changes that was not tapped'() {
    const page = await phone();
    const start = Date.now();
    await tap(page, 'tab:patient');
    await waitFor(page, () => eligPage.items['panel:form'], null, 'the form tab');
    // A drag moves the form under the finger.
    const before = await item(page, 'section:disease');
    const panel = await item(page, 'panel:form');
    await drag(page, panel[0] + panel[2] * 0.7, panel[1] + panel[3] * 0.7, panel[0] + panel[2] * 0.7, panel[1] + panel[3] * 0.3, 8, true);
    await waitFor(page, (b) => !eligPage.items['section:disease'] || eligPage.items['section:disease'][1] < b - 50, before ? before[1] : 1e9, 'the drag to scroll');
    await shot(page, '34-phone-form');
    const entered = {};
    for (const f of criteria.fields) {
      if (!(f.id in eligibleRecord)) continue;
      await enterByTouch(page, { ...f, units_canonical: f.unit }, eligibleRecord[f.id]);
      entered[f.id] = eligibleRecord[f.id];
      const now = await record(page);
      for (const id in now) check(id in entered || (id === 'screening_date' && !('screening_date' in entered)), `${id} changed without being tapped`);
    }
    await page.waitForFunction(() => document.getElementById('mirror').dataset.overall === 'eligible', null, { timeout: 20000 });
    check(JSON.stringify(await record(page)) === JSON.stringify(entered), `the record: ${JSON.stringify(await record(page))}`);
    metrics.record_by_touch_ms = Date.now() - start;
    await tap(page, 'tab:verdict');
    await shot(page, '35-phone-eligible');
    const m = await page.evaluate(mirrorInPage);
    check(m.overall === 'eligible', m.text.slice(0, 200));
    await done(page);
  },

  async 'a fling coasts, a finger stops it and clicks nothing; a drag that pauses before lifting stays put'() {
    const page = await phone();
    await tap(page, 'tab:patient');
    await waitFor(page, () => eligPage.items['panel:form'], null, 'the form tab');
    await atRest(page);
    const panel = await item(page, 'panel:form');
    const x = panel[0] + panel[2] * 0.7, low = panel[1] + panel[3] * 0.75, high = panel[1] + panel[3] * 0.35;
    // A label on the screen stays where it is, once frames after the last
    // change are drawn.
    async function staysPut(after) {
      await twoFrames(page);
      const [key, y] = await page.evaluate(() => Object.entries(eligPage.items).filter(([k]) => /^label:/.test(k)).map(([k, r]) => [k, r[1]])[0]);
      await settled(page);
      const later = await page.evaluate((k) => (eligPage.items[k] ? eligPage.items[k][1] : null), key);
      check(later !== null && Math.abs(y - later) < 1, `the form moved on after ${after}: ${key},${y} then ${key},${later}`);
    }
    let before = await record(page);

    // How far the form moved over the last two frames the page drew, in CSS
    // px: what a person sees of a coasting form.
    async function motion() {
      return page.evaluate(() => new Promise((resolve) => {
        const [key, r] = Object.entries(eligPage.items).find(([k]) => /^label:/.test(k));
        requestAnimationFrame(() => requestAnimationFrame(() => {
          const now = eligPage.items[key];
          resolve(now ? Math.abs(now[1] - r[1]) : Infinity);
        }));
      }));
    }

    // A drag that stops before the finger lifts: the form stays where it was left.
    await drag(page, x, low, x, high, 8, false);
    await staysPut('a paused drag');

    // A fling, and a finger that lands on an answer while the form moves
    // under it: the form stops there, and nothing is clicked. Short flings
    // both ways amid the history's long run of Yes/No questions; the finger
    // lands in the column of the Yes answers at heights the form's motion
    // cannot line up with (a golden-ratio sequence: the same every run),
    // until it comes to rest on an answer, which a click would have set.
    await reveal(page, 'field:severe_arrhythmia:Yes');
    await atRest(page);
    const flingFrom = panel[1] + panel[3] * 0.6, flingTo = panel[1] + panel[3] * 0.4;
    let landedOn = null, attempt = 0, still = 0;
    for (; attempt < 12 && !landedOn; attempt++) {
      await drag(page, x, attempt % 2 ? flingTo : flingFrom, x, attempt % 2 ? flingFrom : flingTo, 6, true);
      // Only a form seen moving is touched: 10 px over two frames is well
      // over the speed (0.1 px/ms) below which a phone takes a touch as a tap.
      if ((await motion()) < 10) {
        still++;
        continue;
      }
      const finger = { x: panel[0] + 9, y: panel[1] + panel[3] * (0.3 + 0.4 * ((attempt * 0.6180339887) % 1)) };
      await page.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [finger] });
      await page.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
      await staysPut('the finger stopped it');
      landedOn = await page.evaluate(({ x, y }) => Object.keys(eligPage.items).find((k) => {
        const r = eligPage.items[k];
        return /^field:.*:(Yes|No|Unknown)$/.test(k) && x >= r[0] && x <= r[0] + r[2] && y >= r[1] && y <= r[1] + r[3];
      }), finger);
      check(JSON.stringify(await record(page)) === JSON.stringify(before), `the touch that stopped the form changed the record: ${JSON.stringify(await record(page))}`);
    }
    check(landedOn, 'the finger never came to rest on an answer');
    metrics.flings_until_a_finger_rested_on_an_answer = attempt;
    metrics.flings_seen_still_before_the_touch = still;
    await done(page);
  },

  async 'a long press shows the help a mouse shows on hover, without a click'() {
    const page = await phone();
    await tap(page, 'tab:patient');
    const label = await reveal(page, 'label:age_years');
    const quiet = await page.screenshot();
    await page.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: label[0] + 10, y: label[1] + label[3] / 2 }] });
    await page.waitForTimeout(1300);
    const help = await page.screenshot();
    await shot(page, '36-phone-long-press-help');
    await page.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    check(!help.equals(quiet), 'nothing appeared during a long press on the label');
    check(Object.keys(await record(page)).length === 1, 'the long press changed the record');
    await done(page);
  },

  async 'an idle phone draws no frames'() {
    const page = await phone();
    await page.waitForTimeout(1500);
    const before = await page.evaluate(() => eligPage.stats.frames);
    await page.waitForTimeout(4000);
    metrics.idle_frames_over_4s = (await page.evaluate(() => eligPage.stats.frames)) - before;
    check(metrics.idle_frames_over_4s === 0, `${metrics.idle_frames_over_4s} frames while idle`);
    await done(page);
  },
};

const failed = await runTests(tests, process.argv[2] || '');
await finishSuite('mobile', failed, metrics, [() => browser.close(), () => server.close()]);
