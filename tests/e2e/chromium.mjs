// The web calculator in headless Chromium, desktop: the canvas driven with
// mouse and keyboard where a test is about the canvas, records entered
// through the page's own DOM input layer elsewhere, results read from the
// DOM mirror. Every wait is for a state (a value in the record, a verdict in
// the mirror), never for a number of frames. Screenshots, the saved record,
// the print PDF and the measurements go to build/e2e-artifacts/.
//
// usage: node tests/e2e/chromium.mjs [test-name-substring]
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  artifacts, check, closeChromium, criteria, eligibleRecord, fillInPage, launchChromium, mirrorInPage, openChromium, root, runTests, serve,
  singleFile, storageInPage, webDir, finishSuite,
} from './harness.mjs';

const metrics = {};
const fieldIds = criteria.fields.map((f) => f.id);

// ---- Waiting for states ------------------------------------------------------------

async function record(page) { return page.evaluate(() => eligPage.current().record); }
async function mirror(page) { return page.evaluate(mirrorInPage); }

async function waitField(page, id, value) {
  await page.waitForFunction(([f, v]) => JSON.stringify(eligPage.current().record[f]) === JSON.stringify(v), [id, value], { timeout: 20000 })
    .catch(async () => { throw new Error(`${id} should be ${JSON.stringify(value)}; the record holds ${JSON.stringify((await record(page))[id])}`); });
}

async function waitOverall(page, overall) {
  await page.waitForFunction((o) => document.getElementById('mirror').dataset.overall === o, overall, { timeout: 20000 })
    .catch(async () => {
      const m = await mirror(page);
      await shot(page, `failed-expected-${overall}`);
      throw new Error(`verdict is ${m.overall}, expected ${overall}: ${m.text.slice(0, 600)}`);
    });
}

async function waitItem(page, key) {
  await page.waitForFunction((k) => eligPage.items && eligPage.items[k], key, { timeout: 20000 })
    .catch(() => { throw new Error(`${key} is not on the canvas`); });
  return page.evaluate((k) => eligPage.items[k], key);
}

async function shot(page, name) { await page.screenshot({ path: join(artifacts, `${name}.png`) }); }

async function fill(page, values) {
  await page.evaluate(fillInPage, { record: values, fieldIds });
  for (const [id, value] of Object.entries(values)) await waitField(page, id, value);
}

// ---- The canvas, by mouse and keyboard ----------------------------------------------

// Brings an item into view by its DOM control (as Tab would), then returns
// where the canvas draws it.
async function reveal(page, key) {
  const shown = await page.evaluate((k) => eligPage.items && eligPage.items[k], key);
  if (shown) return shown;
  await page.evaluate((k) => { const c = eligPage.control(k); if (c) c.focus({ preventScroll: true }); }, key);
  return waitItem(page, key);
}

async function clickItem(page, key) {
  const [x, y, w, h] = await reveal(page, key);
  await page.mouse.click(x + Math.min(w / 2, 30), y + h / 2);
}

// A tab is pressed as a person presses it: hovered a moment first (Dear
// ImGui's tabs, which may overlap, take a press only where the pointer
// already was in the frame before).
async function clickTab(page, key) {
  const [x, y, w, h] = await reveal(page, key);
  await page.mouse.move(x + Math.min(w / 2, 30), y + h / 2);
  await page.waitForTimeout(100);
  await page.mouse.click(x + Math.min(w / 2, 30), y + h / 2);
}

// Types into a field the way a person does: click it on the canvas (its
// control takes the focus), select what is there, type.
async function typeOnCanvas(page, id, text, expected) {
  await clickItem(page, `field:${id}`);
  await page.waitForFunction((k) => document.activeElement && document.activeElement.dataset.key === k, `field:${id}`, { timeout: 10000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
  await waitField(page, id, expected);
}

async function chooseOnCanvas(page, id, option, expected) {
  await clickItem(page, `field:${id}`);
  await clickItem(page, `option:${id}:${option}`);
  await waitField(page, id, expected);
}

// ---- The tests ---------------------------------------------------------------------

const context = await launchChromium();
const server = await serve(webDir);
const tests = {
  async 'loads with no console errors, shows the header and an incomplete verdict'() {
    const page = await openChromium(context, server.url + '#lang=en');
    check(await page.isHidden('#status'), 'the loading indicator is still shown');
    await waitOverall(page, 'incomplete');
    check((await mirror(page)).text.includes('Missing:'), 'the mirror lists what is missing');
    const icons = await page.evaluate(() => [...document.querySelectorAll('link[rel=icon]')].map((l) => l.href.slice(0, 20)));
    check(icons.length === 1 && icons[0].startsWith('data:'), `an inline icon, so no /favicon.ico is asked for: ${icons}`);
    check(!server.requests.includes('/favicon.ico'), 'the page asked for /favicon.ico');
    await shot(page, '01-empty');
    await closeChromium(page);
  },

  async 'a record entered on the canvas is eligible; LVEF 40 flips it, naming inc_lvef; its criterion jumps to LVEF'() {
    const page = await openChromium(context, server.url + '#lang=en');
    // On the canvas: text fields, a yes/no, an option list and a unit.
    await typeOnCanvas(page, 'age_years', '54', 54);
    await typeOnCanvas(page, 'lvef', '55', 55);
    await clickItem(page, 'field:consent:Yes');
    await waitField(page, 'consent', true);
    await chooseOnCanvas(page, 'diagnosis', 't_all', 't_all');
    await typeOnCanvas(page, 'hemoglobin', '10.5', 10.5);
    await clickItem(page, 'field:hemoglobin:unit');
    await clickItem(page, 'unit:hemoglobin:g/dL');
    await waitField(page, 'hemoglobin', { value: 10.5, unit: 'g/dL' });
    // The rest through the page's own input layer.
    const rest = { ...eligibleRecord };
    for (const id of ['age_years', 'lvef', 'consent', 'diagnosis', 'hemoglobin']) delete rest[id];
    await fill(page, rest);
    await waitOverall(page, 'eligible');
    await shot(page, '02-eligible');
    await typeOnCanvas(page, 'lvef', '40', 40);
    await waitOverall(page, 'ineligible');
    const m = await mirror(page);
    check(m.criteria.inc_lvef && m.criteria.inc_lvef.status === 'fail', 'inc_lvef should fail');
    check(m.criteria.inc_lvef.text.includes('LVEF 40% is below the required 45%'), `reason: ${m.criteria.inc_lvef.text}`);
    const failing = Object.entries(m.criteria).filter(([, c]) => c.status === 'fail').map(([id]) => id);
    check(failing.length === 1, `only inc_lvef fails, not ${failing}`);
    await shot(page, '03-ineligible-lvef');
    // Clicking the failing criterion jumps to its input: typing now edits LVEF.
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    await clickItem(page, 'criterion:inc_lvef');
    await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.key === 'field:lvef', null, { timeout: 10000 });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('45');
    await waitField(page, 'lvef', 45);
    await waitOverall(page, 'eligible');
    await closeChromium(page);
  },

  async 'guided questions: a knock-out tap stops with its criterion, Back undoes it, keyboard answers reach the next question, one record with the form'() {
    const page = await openChromium(context, server.url + '#lang=en');
    const before = server.requests.length;
    const guide = () => page.evaluate(() => (eligPage.formState() || {}).guide || {});
    await clickTab(page, 'tab:guided');
    await page.waitForFunction(() => eligPage.formState().guide.mode === 'guided' && eligPage.items['guide:answer:0'], null, { timeout: 10000 });
    // The question is one labelled group of answers, its words the field's.
    const diagnosis = criteria.fields.find((f) => f.id === 'diagnosis');
    const dom = await page.evaluate(() => {
      const group = document.querySelector('#guide .answers');
      return { hidden: document.getElementById('guide').hidden, title: document.getElementById('guide-question').textContent,
               labelledBy: group.getAttribute('aria-labelledby'), role: group.getAttribute('role'),
               answers: [...group.querySelectorAll('button')].map((b) => b.textContent),
               sections: [...document.querySelectorAll('#layer fieldset.section')].every((s) => s.hidden) };
    });
    check(!dom.hidden && dom.title === diagnosis.label, `the question: ${JSON.stringify(dom)}`);
    check(dom.role === 'group' && dom.labelledBy === 'guide-question', `the answers are a group labelled by the question: ${JSON.stringify(dom)}`);
    check(JSON.stringify(dom.answers) === JSON.stringify(diagnosis.values.map((v) => v.label)), `one answer per diagnosis: ${dom.answers}`);
    check(dom.sections, 'the form is out of the way of a screen reader in guided mode');
    await shot(page, '13-guided-question');
    // "Other" (not CD7+ T-ALL/LBL or AML) ends it: inclusion 1, announced.
    await clickItem(page, 'guide:answer:4');
    await waitField(page, 'diagnosis', 'other');
    await waitOverall(page, 'ineligible');
    await page.waitForFunction(() => eligPage.formState().guide.state === 'ineligible', null, { timeout: 10000 });
    const stop = await page.evaluate(() => { const s = document.querySelector('#guide .stop'); return { hidden: s.hidden, role: s.getAttribute('role'), text: s.textContent }; });
    const disease = criteria.criteria.find((c) => c.id === 'inc_disease');
    check(!stop.hidden && stop.role === 'status' && stop.text.includes('Not eligible') && stop.text.includes(disease.title), `the stop screen: ${JSON.stringify(stop)}`);
    await shot(page, '14-guided-stop');
    await clickItem(page, 'guide:back_stop');
    await page.waitForFunction(() => !('diagnosis' in eligPage.current().record) && eligPage.formState().guide.question, null, { timeout: 10000 });
    // By keyboard through the DOM layer: Enter on T-ALL, then focus moves to the next question's first answer.
    await page.evaluate(() => eligPage.control('guide:answer:0').focus());
    await page.keyboard.press('Enter');
    await waitField(page, 'diagnosis', 't_all');
    await page.waitForFunction(() => { const q = eligPage.formState().guide.question; return q && q.field !== 'diagnosis' && document.activeElement && document.activeElement.closest('#guide'); }, null, { timeout: 10000 });
    const next = await guide();
    check(next.progress.startsWith('1 answered'), `progress: ${next.progress}`);
    // Answer "No" to every yes/no until a typed question comes, then type it and press Enter (Next).
    for (let i = 0; i < 30; i++) {
      const g = await guide();
      if (!g.question || g.question.typed.length) break;
      const no = g.question.answers.findIndex((a) => a.label === 'No');
      const key = no >= 0 ? g.question.answers[no].key : 'guide:skip';
      await page.evaluate((k) => eligPage.control(k).click(), key);
      await page.waitForFunction((f) => { const q = eligPage.formState().guide.question; return !q || q.field !== f; }, g.question.field, { timeout: 10000 });
    }
    const typed = await guide();
    check(typed.question && typed.question.typed.length, `a typed question comes: ${JSON.stringify(typed.question)}`);
    const id = typed.question.typed[0];
    const field = criteria.fields.find((f) => f.id === id);
    const value = field.type === 'date' ? '2026-06-01' : '1';
    await page.evaluate((k) => eligPage.control(k).focus(), `field:${id}`);
    await page.keyboard.type(value);
    await page.waitForFunction(() => eligPage.formState().guide.question.can_next, null, { timeout: 10000 });
    check((await guide()).question.field === typed.question.field, 'a typed answer stays on screen until Next');
    await page.keyboard.press('Enter');
    await page.waitForFunction((f) => { const q = eligPage.formState().guide.question; return !q || q.field !== f; }, typed.question.field, { timeout: 10000 });
    // The form shows every answer: the same record.
    await clickTab(page, 'tab:form');
    await page.waitForFunction(() => eligPage.formState().guide.mode === 'form', null, { timeout: 10000 });
    check(await page.evaluate((k) => eligPage.control(k).value, `field:${id}`) === value, 'the typed answer is in the form');
    // Back in guided mode and left alone: no frame is drawn.
    await clickTab(page, 'tab:guided');
    await page.waitForFunction(() => eligPage.formState().guide.mode === 'guided', null, { timeout: 10000 });
    await page.mouse.move(5, 5);
    await page.waitForTimeout(1500);
    const frames = await page.evaluate(() => eligPage.stats.frames);
    await page.waitForTimeout(2000);
    metrics.guided_idle_frames_over_2s = (await page.evaluate(() => eligPage.stats.frames)) - frames;
    check(metrics.guided_idle_frames_over_2s === 0, `${metrics.guided_idle_frames_over_2s} frames while idle in guided mode`);
    check(server.requests.length === before, `requests in guided mode: ${server.requests.slice(before)}`);
    const storage = await page.evaluate(storageInPage);
    check(storage.local === 0 && storage.session === 0 && storage.cookie === '' && storage.idb === 0, `storage: ${JSON.stringify(storage)}`);
    await closeChromium(page);
  },

  async 'the screening log: 50 patients from a file, the table and the chart in the DOM, a row opened and edited, CSV out, nothing sent or stored'() {
    const page = await openChromium(context, server.url + '#lang=en');
    const before = server.requests.length;
    // 50 patients from the eligible base: every 5th from the second has LVEF 40% (inclusion: LVEF ≥ 45%), every 5th
    // from the third no consent (unknown), every 7th from the fourth CD7 50% (inclusion: CD7 ≥ 70%); a last line is not a record.
    const rows = [];
    for (let i = 0; i < 50; i++) {
      const r = { ...eligibleRecord, id: 'S-' + String(i + 1).padStart(3, '0') };
      if (i % 5 === 1) r.lvef = 40;
      if (i % 5 === 2) delete r.consent;
      if (i % 7 === 3) r.cd7_percent = 50;
      rows.push(r);
    }
    const lvef = rows.filter((r) => r.lvef === 40).length, cd7 = rows.filter((r) => r.cd7_percent === 50).length;
    const ineligible = rows.filter((r) => r.lvef === 40 || r.cd7_percent === 50).length;
    const incomplete = rows.filter((r) => !('consent' in r) && r.lvef !== 40 && r.cd7_percent !== 50).length;
    const eligible = 50 - ineligible - incomplete;
    const text = rows.map((r) => JSON.stringify(r)).join('\n') + '\nnot a record\n';
    await page.evaluate(() => eligPage.control('button:log').click());
    await page.waitForFunction(() => eligPage.formState().log.open, null, { timeout: 10000 });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.evaluate(() => eligPage.control('log:load').click())]);
    await chooser.setFiles({ name: 'log.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
    await page.waitForFunction(() => eligPage.formState().log.total === 50, null, { timeout: 20000 });
    const dom = await page.evaluate(() => ({
      rows: [...document.querySelectorAll('#log tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent)),
      boxes: [...document.querySelectorAll('#log .chart-boxes li')].map((li) => li.textContent),
      byCriterion: [...document.querySelectorAll('#log .chart-by_criterion li')].map((li) => li.textContent),
      errors: [...document.querySelectorAll('#log .log-errors li')].map((li) => li.textContent),
    }));
    check(dom.rows.length === 50 && dom.rows[1][0] === 'S-002', `the table: ${dom.rows.length} rows, ${JSON.stringify(dom.rows[1])}`);
    check(dom.errors.length === 1 && dom.errors[0].includes('line 51'), `the bad line: ${dom.errors}`);
    const pct = (n) => Math.round(100 * n / 50) + '%';
    check(dom.boxes[0] === 'Assessed: 50', dom.boxes[0]);
    check(dom.boxes.includes(`Not eligible: ${ineligible} (${pct(ineligible)})`), `ineligible ${ineligible}: ${dom.boxes}`);
    check(dom.boxes.some((b) => b.startsWith(`Incomplete: data missing: ${incomplete} (${pct(incomplete)})`)), `incomplete ${incomplete}: ${dom.boxes}`);
    check(dom.boxes.includes(`Eligible: ${eligible} (${pct(eligible)})`), `eligible ${eligible}: ${dom.boxes}`);
    const lvefTitle = criteria.criteria.find((c) => c.id === 'inc_lvef').title, cd7Title = criteria.criteria.find((c) => c.id === 'inc_cd7').title;
    check(dom.byCriterion.some((b) => b.startsWith(`${lvefTitle}: ${lvef} (`)), `LVEF excludes ${lvef}: ${dom.byCriterion}`);
    check(dom.byCriterion.some((b) => b.startsWith(`${cd7Title}: ${cd7} (`)), `CD7 excludes ${cd7}: ${dom.byCriterion}`);
    // The sequential attrition in protocol order (CD7 before LVEF: the patient failing both counts at CD7),
    // then with LVEF moved earlier (all of LVEF's at LVEF).
    const both = rows.filter((r) => r.lvef === 40 && r.cd7_percent === 50).length;
    const sequential = () => page.evaluate(() => [...document.querySelectorAll('#log .chart-sequential li')].map((li) => li.firstChild.textContent));
    let seq = await sequential();
    check(seq.some((t) => t.startsWith(`${cd7Title}: ${cd7} (`)) && seq.some((t) => t.startsWith(`${lvefTitle}: ${lvef - both} (`)), `in protocol order: ${seq}`);
    const lvefIndex = criteria.criteria.findIndex((c) => c.id === 'inc_lvef');
    await page.evaluate((k) => eligPage.control(k).click(), `log:earlier:${lvefIndex}`);
    await page.waitForFunction((t) => document.querySelector('#log .chart-sequential li').firstChild.textContent.startsWith(t), `${lvefTitle}: ${lvef} (`, { timeout: 10000 });
    seq = await sequential();
    check(seq.some((t) => t.startsWith(`${cd7Title}: ${cd7 - both} (`)), `LVEF first: ${seq}`);
    await shot(page, '15-log');
    // Printed, the chart is drawn: each bar as wide as its share of the 50 assessed (LVEF's: lvef of 50, nothing unknown).
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printedBar = await page.evaluate((t) => {
      const item = [...document.querySelectorAll('#report ul.chart li')].find((li) => li.lastChild.textContent.startsWith(t));
      return item ? [...item.querySelectorAll('.bar span')].map((span) => span.style.width) : null;
    }, `${lvefTitle}: `);
    check(printedBar && printedBar.length === 1 && Math.abs(parseFloat(printedBar[0]) - 100 * lvef / 50) < 0.01 && printedBar[0].endsWith('%'), `the printed LVEF bar: ${printedBar}`);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(artifacts, '15-log-printed.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    // Row S-002 (LVEF 40) opened in the calculator, its LVEF corrected: the row follows.
    await page.evaluate(() => eligPage.control('log:row:1').click());
    await page.waitForFunction(() => !eligPage.formState().log.open && eligPage.current().record.id === 'S-002', null, { timeout: 10000 });
    await fill(page, { lvef: 55 });
    await page.evaluate(() => eligPage.control('button:log').click());
    await page.waitForFunction(() => { const r = (eligPage.formState().log.rows || []).find((x) => x.label === 'S-002'); return r && r.status === 'pass' && r.changed; }, null, { timeout: 10000 });
    check(await page.evaluate(() => eligPage.formState().log.unsaved), 'the log says it has unsaved changes');
    const [download] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => eligPage.control('log:csv').click())]);
    const csvPath = join(artifacts, 'screening-log.csv');
    await download.saveAs(csvPath);
    const csv = await readFile(csvPath, 'utf8');
    check(csv.charCodeAt(0) === 0xFEFF && csv.split('\n').filter((l) => l.trim()).length === 51, `the CSV: a byte order mark, a header and 50 rows (${csv.split('\n').length} lines)`);
    // Saved, the log has nothing unsaved: leaving the page asks nothing.
    const [saved] = await Promise.all([page.waitForEvent('download'), page.evaluate(() => eligPage.control('log:save').click())]);
    check(saved.suggestedFilename().endsWith('.ndjson'), saved.suggestedFilename());
    await page.waitForFunction(() => !eligPage.formState().log.unsaved, null, { timeout: 10000 });
    check(server.requests.length === before, `requests: ${server.requests.slice(before)}`);
    const storage = await page.evaluate(storageInPage);
    check(storage.local === 0 && storage.session === 0 && storage.cookie === '' && storage.idb === 0, `storage: ${JSON.stringify(storage)}`);
    await closeChromium(page);
  },

  async 'invalid input is kept as typed, marked, and gives no verdict'() {
    const page = await openChromium(context, server.url + '#lang=en');
    await typeOnCanvas(page, 'lvef', '4o', '4o');
    await waitOverall(page, 'error');
    const m = await mirror(page);
    check(m.text.includes('lvef: expected a number in %, got "4o"'), m.text);
    const marked = await page.evaluate(() => [eligPage.control('field:lvef').getAttribute('aria-invalid'), document.getElementById('f-lvef-error').textContent]);
    check(marked[0] === 'true' && marked[1].includes('expected a number'), `the control is marked: ${marked}`);
    await shot(page, '04-invalid-input');
    await typeOnCanvas(page, 'lvef', '50', 50);
    await waitOverall(page, 'incomplete');
    await closeChromium(page);
  },

  async 'keyboard: Tab and Enter move to the next input'() {
    const page = await openChromium(context, server.url + '#lang=en');
    await typeOnCanvas(page, 'id', 'kbd-test', 'kbd-test');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2027-02-03');
    await waitField(page, 'screening_date', '2027-02-03');
    await typeOnCanvas(page, 'age_years', '61', 61);
    await page.keyboard.press('Enter');  // to the birth date
    await page.keyboard.type('1965-03-01');
    await waitField(page, 'birth_date', '1965-03-01');
    await closeChromium(page);
  },

  async 'save then load round-trips the record; a malformed file keeps the form; drop loads'() {
    const page = await openChromium(context, server.url + '#lang=en');
    const saved = { ...eligibleRecord, id: 'round-trip', hemoglobin: { value: 7.2, unit: 'g/dL' } };
    await fill(page, saved);
    await waitOverall(page, 'eligible');
    const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'button:save')]);
    const savedPath = join(artifacts, 'saved-screening.json');
    await download.saveAs(savedPath);
    const written = JSON.parse(await readFile(savedPath, 'utf8'));
    check(JSON.stringify(written) === JSON.stringify(saved), `saved file differs:\n${JSON.stringify(written)}\n${JSON.stringify(saved)}`);
    check(download.suggestedFilename() === 'screening-round-trip.json', download.suggestedFilename());

    await clickItem(page, 'button:reset');
    await clickItem(page, 'button:confirm_clear');
    await waitOverall(page, 'incomplete');

    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button:load')]);
    await chooser.setFiles(savedPath);
    await waitOverall(page, 'eligible');
    check(JSON.stringify(await record(page)) === JSON.stringify(saved), `loaded record differs: ${JSON.stringify(await record(page))}`);

    const badPath = join(artifacts, 'malformed.json');
    await writeFile(badPath, '{"lvef": "high", "hemoglobin": {"value": 7, "unit": "mmol/L"}}');
    const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button:load')]);
    await chooser2.setFiles(badPath);
    await waitItem(page, 'button:ok');
    const dialog = await page.evaluate(() => eligPage.formState().dialog);
    check(dialog && dialog.text.includes('hemoglobin: unknown unit "mmol/L"'), `the dialog says why: ${JSON.stringify(dialog)}`);
    check(await page.evaluate(() => document.activeElement && document.activeElement.dataset.key === 'button:ok'), 'the dialog takes the focus');
    await shot(page, '05-load-error');
    await page.keyboard.press('Enter');  // the focused OK button, as a keyboard user would
    await page.waitForFunction(() => !eligPage.formState().dialog, null, { timeout: 10000 });
    check(JSON.stringify(await record(page)) === JSON.stringify(saved), 'the form changed after a failed load');

    const text = JSON.stringify({ ...saved, lvef: 30 });
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer });
    await waitOverall(page, 'ineligible');
    await closeChromium(page);
  },

  async 'a FHIR bundle dropped on the page: a summary first, then the fields filled and marked with their source'() {
    const page = await openChromium(context, server.url + '#lang=en');
    await fill(page, { screening_date: '2027-01-10', lvef: 50 });
    const bundle = await readFile(join(root, 'tests/fhir/conflict.json'), 'utf8');
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'chart.json', { type: 'application/fhir+json' }));
      return dt;
    }, bundle);
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer });
    await page.waitForFunction(() => eligPage.formState().dialog && eligPage.items['button:import'], null, { timeout: 20000 });
    const summary = await page.textContent('#dialog-text');
    // tests/fhir/README.md: p1, female, born 1970-03-15; creatinine 1.1 mg/dL
    // with ULN 1.2 (cr-a); the two haemoglobins of one instant disagree.
    for (const expected of ['id p1', '4 fields will be filled', 'Serum creatinine: 1.1 mg/dL', 'Left unknown, different values at the same time (1)', 'Hemoglobin'])
      check(summary.includes(expected), `the summary lacks "${expected}":\n${summary}`);
    check(!('creatinine' in await record(page)), 'the form changed before the user confirmed');
    await shot(page, '14-fhir-summary');
    await clickItem(page, 'button:import');
    await waitField(page, 'creatinine', { value: 1.1, unit: 'mg/dL' });
    const now = await record(page);
    check(now.lvef === 50 && now.sex === 'female' && now.birth_date === '1970-03-15' && !('hemoglobin' in now), JSON.stringify(now));
    const marks = await page.evaluate(() => eligPage.formState().fields.map((f, i) => f.source ? eligPage.dictionary.fields[i].id : null).filter(Boolean));
    check(JSON.stringify(marks) === JSON.stringify(['birth_date', 'sex', 'creatinine', 'creatinine_uln']), `marked: ${marks}`);
    const described = await page.evaluate(() => document.getElementById('f-creatinine-source').textContent);
    check(described.includes('Observation/cr-a'), `the source is said to screen readers: ${described}`);
    await reveal(page, 'field:creatinine');
    await waitItem(page, 'source:creatinine');
    await shot(page, '15-fhir-filled');
    await typeOnCanvas(page, 'creatinine', '1.0', { value: 1, unit: 'mg/dL' });
    await page.waitForFunction(() => !eligPage.formState().fields[eligPage.dictionary.fields.findIndex((f) => f.id === 'creatinine')].source, null, { timeout: 10000 });
    await closeChromium(page);
  },

  async 'one protocol: mirror, print and canvas show the same values, order and earliest date; Today is one action; the languages come from the app'() {
    const page = await openChromium(context, server.url + '#lang=en');
    // Ineligible by the live-vaccine window alone: vaccinated 2027-01-03,
    // screened 2027-01-10; "not within 4 weeks" passes from 2027-01-31.
    await fill(page, { ...eligibleRecord, lvef: 50, last_live_vaccine_date: '2027-01-03' });
    await waitOverall(page, 'ineligible');
    const verdict = await page.evaluate(() => eligPage.current().verdict);
    check(verdict.eligible_from === '2027-01-31', `the verdict JSON's earliest date: ${verdict.eligible_from}`);
    const state = await page.evaluate(() => eligPage.formState());
    check(state.earliest === 'Earliest the patient could qualify: 2027-01-31 (if nothing else changes)', `the form state's sentence: ${state.earliest}`);
    check((await mirror(page)).text.includes(state.earliest), 'the mirror says the earliest date');
    // The order: the failing criterion first, then the passes, as the canvas and the text report.
    check(state.criteria_order[0] === 'exc_live_vaccine' && state.criteria_order.length === 38, `order: ${state.criteria_order.slice(0, 3)}`);
    const listed = await page.evaluate(() => [...document.querySelectorAll('#mirror li[data-criterion]')].map((li) => li.dataset.criterion));
    check(JSON.stringify(listed) === JSON.stringify(state.criteria_order), `the mirror's order: ${listed.slice(0, 3)}`);
    // Values read as the canvas writes them: no space before %, "years" spaced.
    const display = (id) => state.fields[fieldIds.indexOf(id)].display;
    check(display('lvef') === '50%' && display('age_years') === '45 years' && display('consent') === 'Yes', `${display('lvef')} ${display('age_years')}`);
    await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
    await clickItem(page, 'button:print');
    await page.waitForFunction(() => window.printed === 1, null, { timeout: 10000 });
    const report = await page.textContent('#report');
    check(report.includes('50%') && !report.includes('50 %') && report.includes(state.earliest), `the print: ${report.slice(0, 400)}`);
    // Units: the selector offers what the canvas offers (creatinine: µmol/L
    // and mg/dL; umol/L is a spelling accepted in files); ×ULN has none.
    const units = await page.evaluate(() => {
      const select = (id) => eligPage.control('field:' + id + ':unit');
      const shown = (s) => [...s.options].filter((o) => !o.hidden).map((o) => o.textContent);
      return { creatinine: shown(select('creatinine')), alt_x_uln: select('alt_x_uln').hidden };
    });
    check(JSON.stringify(units.creatinine) === JSON.stringify(['µmol/L', 'mg/dL']) && units.alt_x_uln, JSON.stringify(units));
    // The multiple that value and ULN give is shown, not offered as an input.
    check(await page.evaluate(() => eligPage.control('field:alt_x_uln').closest('.field').hidden), 'alt_x_uln offered though ALT and its ULN give it');
    // Today: the same action from the DOM and from the canvas, the date of the click.
    const today = await page.evaluate(() => { const d = new Date(), p = (n) => String(n).padStart(2, '0'); return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; });
    await fill(page, { screening_date: '2020-01-01' });
    await page.evaluate(() => eligPage.control('field:screening_date:today').click());
    await waitField(page, 'screening_date', today);
    await fill(page, { screening_date: '2020-01-01' });
    await clickItem(page, 'field:screening_date:today');
    await waitField(page, 'screening_date', today);
    // The languages are the build's, as the app publishes them.
    check(JSON.stringify(await page.evaluate(() => eligPage.dictionary.languages)) === JSON.stringify(['en', 'zh-CN']), 'languages');
    await closeChromium(page);
  },

  async 'a 30 MB chart is read over frames: its progress shown, the page responsive, then the summary'() {
    const page = await openChromium(context, server.url + '#lang=en');
    await fill(page, { screening_date: '2027-01-10' });
    // A long-treated patient's export, as bench/fhir_long_history.py writes one: 90,000 haemoglobins.
    const dataTransfer = await page.evaluateHandle(() => {
      const parts = ['{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p","gender":"female","birthDate":"1971-03-02"}}'];
      const start = Date.parse('2027-01-10T08:00:00+08:00');
      for (let i = 0; i < 90000; ++i) {
        const when = new Date(start - i * 7200000).toISOString().replace('.000Z', 'Z');
        parts.push(`,{"fullUrl":"urn:uuid:hb-${i}","resource":{"resourceType":"Observation","id":"hb-${i}","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"718-7"}]},"subject":{"reference":"urn:uuid:p"},"effectiveDateTime":"${when}","valueQuantity":{"value":${60 + (i * 37) % 90},"unit":"g/L","system":"http://unitsofmeasure.org","code":"g/L"}}}`);
      }
      parts.push(']}');
      const dt = new DataTransfer();
      dt.items.add(new File(parts, 'history.json', { type: 'application/fhir+json' }));
      window.chartBytes = dt.files[0].size;
      return dt;
    });
    // While it is read: the longest gap between two timer ticks, and the progress the dialog shows.
    await page.evaluate(() => {
      window.watch = { longest: 0, progress: [] };
      let last = performance.now();
      window.watch.timer = setInterval(() => { const now = performance.now(); window.watch.longest = Math.max(window.watch.longest, now - last); last = now; }, 10);
      window.watch.poll = setInterval(() => { const d = eligPage.formState() && eligPage.formState().dialog; if (d && d.progress !== undefined) window.watch.progress.push(d.progress); }, 20);
    });
    const started = Date.now();
    await page.dispatchEvent('#canvas', 'drop', { dataTransfer });
    await page.waitForFunction(() => eligPage.items['button:import'], null, { timeout: 60000 });
    const watch = await page.evaluate(() => { clearInterval(window.watch.timer); clearInterval(window.watch.poll); return { ...window.watch, bytes: window.chartBytes }; });
    metrics.chart_30mb = { bytes: watch.bytes, ms_to_summary: Date.now() - started, longest_gap_ms: Math.round(watch.longest), progress_steps: watch.progress.length };
    check(watch.bytes > 28e6, `the chart is ${watch.bytes} bytes`);
    check(watch.progress.some((p) => p > 0 && p < 1), `the dialog showed no progress: ${JSON.stringify(watch.progress.slice(0, 10))}`);
    check(watch.progress.every((p, i) => i === 0 || p >= watch.progress[i - 1]), 'the progress went back');
    check(watch.longest < 500, `the page froze for ${Math.round(watch.longest)} ms while reading`);
    const summary = await page.textContent('#dialog-text');
    check(summary.includes('Hemoglobin: 60 g/L'), `the newest haemoglobin (hb-0): ${summary.slice(0, 300)}`);
    await clickItem(page, 'button:import');
    await waitField(page, 'hemoglobin', 60);
    await closeChromium(page);
  },

  async 'copy summary puts a plain-text report on the clipboard; print shows a clean report'() {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await openChromium(context, server.url + '#lang=en');
    await fill(page, { ...eligibleRecord, age_years: 80 });
    await waitOverall(page, 'review');
    await shot(page, '06-review');
    await clickItem(page, 'button:copy');
    await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.includes('Verdict: NEEDS REVIEW')), null, { timeout: 10000 });
    const text = await page.evaluate(() => navigator.clipboard.readText());
    check(text.includes('inc_age'), text.slice(0, 300));
    await page.evaluate(() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; });
    await clickItem(page, 'button:print');
    await page.waitForFunction(() => window.printed === 1, null, { timeout: 10000 });
    await page.emulateMedia({ media: 'print' });
    const report = await page.textContent('#report');
    check(report.includes('Verdict: Needs review') && report.includes('criteria version NCT07345780-2026-01-16.r1'), report.slice(0, 300));
    check(report.includes('Aged 18-85 years (inclusive), gender not restricted.'), 'the report quotes the protocol');
    await page.pdf({ path: join(artifacts, 'print-report.pdf'), format: 'A4' });
    await shot(page, '07-print-view');
    await page.emulateMedia({ media: 'screen' });
    await closeChromium(page);
  },

  async 'private: no request after load, no storage, connections forbidden'() {
    const page = await openChromium(context, server.url + '#lang=en');
    const before = server.requests.length;
    const seen = [];
    page.on('request', (r) => { if (!r.url().startsWith('data:') && !r.url().startsWith('blob:')) seen.push(r.url()); });
    await fill(page, { consent: true, lvef: 50, diagnosis: 't_all', id: 'privacy' });
    await Promise.all([page.waitForEvent('download'), clickItem(page, 'button:save')]);
    await clickItem(page, 'button:language');
    await page.waitForFunction(() => eligPage.language === 'zh-CN', null, { timeout: 10000 });
    const probe = await page.evaluate(async (url) => {
      try { await fetch(url + 'probe'); return 'fetched'; } catch (e) { return 'blocked'; }
    }, server.url);
    check(probe === 'blocked', 'a fetch after load was not blocked');
    check(server.requests.length === before, `requests after load: ${server.requests.slice(before)}`);
    check(seen.length === 0, `requests seen by the browser: ${seen}`);
    const storage = await page.evaluate(storageInPage);
    check(storage.local === 0 && storage.session === 0 && storage.cookie === '' && storage.idb === 0, JSON.stringify(storage));
    check((await context.cookies()).length === 0, 'cookies were set');
    check(page.url().endsWith('#lang=zh'), `the language lives in the URL: ${page.url()}`);
    const csp = await page.evaluate(() => [...document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')].map((m) => m.content));
    check(csp.some((c) => c.includes("connect-src 'none'")), `CSP: ${csp}`);
    check(!csp[0].includes('unsafe-inline') && csp[0].includes("'sha256-"), `scripts and styles by hash: ${csp[0]}`);
    page.problems = page.problems.filter((p) => !p.includes('Content Security Policy') && !p.includes('Content-Security-Policy'));  // the probe's refusal is the point
    await closeChromium(page);
  },

  async 'an idle page draws no frames'() {
    const page = await openChromium(context, server.url + '#lang=en');
    await page.waitForTimeout(1500);
    const before = await page.evaluate(() => eligPage.stats.frames);
    await page.waitForTimeout(4000);
    const after = await page.evaluate(() => eligPage.stats.frames);
    metrics.idle_frames_over_4s = after - before;
    check(after === before, `${after - before} frames drawn while idle`);
    await closeChromium(page);
  },

  async 'the single-file build works from file:// with the network off, also after "Save page as"'() {
    await context.setOffline(true);
    try {
      const page = await openChromium(context, 'file://' + singleFile + '#lang=en');
      await fill(page, { lvef: 30 });
      await waitOverall(page, 'ineligible');
      // "Save page as" keeps the page as it is now: serialize it and reopen.
      // (Before the screenshot: Playwright's screenshot leaves style="" on elements.)
      const savedPage = join(artifacts, 'saved-page.html');
      await writeFile(savedPage, '<!doctype html>\n' + await page.evaluate(() => document.documentElement.outerHTML));
      await shot(page, '10-single-file-offline');
      await closeChromium(page);
      const again = await openChromium(context, 'file://' + savedPage + '#lang=en');
      await waitOverall(again, 'incomplete');
      await typeOnCanvas(again, 'lvef', '30', 30);
      await waitOverall(again, 'ineligible');
      await closeChromium(again);
    } finally {
      await context.setOffline(false);
    }
  },

  async 'crisp on high-DPI screens and usable on a narrow one'() {
    const page = await openChromium(context, server.url + '#lang=en');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1100, height: 800, deviceScaleFactor: 2, mobile: false });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await page.waitForFunction(() => document.getElementById('canvas').width === window.innerWidth * 2, null, { timeout: 10000 });
    await fill(page, { lvef: 40, age_years: 80 });
    await waitOverall(page, 'ineligible');
    await typeOnCanvas(page, 'weight_kg', '70', 70);  // clicks land where the canvas draws, at ratio 2 too
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
    await writeFile(join(artifacts, '08-high-dpi.png'), Buffer.from(data, 'base64'));
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 700, height: 900, deviceScaleFactor: 1, mobile: false });
    await page.evaluate(() => window.dispatchEvent(new Event('resize')));
    await waitItem(page, 'tab:patient');
    const narrow = await cdp.send('Page.captureScreenshot', { format: 'png' });
    await writeFile(join(artifacts, '09-narrow.png'), Buffer.from(narrow.data, 'base64'));
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await closeChromium(page);
  },

  async 'a clear message without WebAssembly; WebGL 1 without WebGL 2; the HTML calculator without either'() {
    const page = await context.newPage();
    await page.addInitScript(() => { delete window.WebAssembly; });
    await page.goto(server.url + '#lang=en');
    await page.waitForFunction(() => document.getElementById('status').classList.contains('failed'), null, { timeout: 10000 });
    check((await page.textContent('#status-text')).includes('needs WebAssembly'), 'the WebAssembly message');
    await page.screenshot({ path: join(artifacts, '11-no-WebAssembly.png') });
    await page.close();

    const webgl1 = await context.newPage();
    await webgl1.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) { return type === 'webgl2' ? null : original.call(this, type, ...rest); };
    });
    webgl1.problems = [];
    webgl1.on('pageerror', (e) => webgl1.problems.push(e.message));
    webgl1.on('console', (m) => { if (m.type() === 'error') webgl1.problems.push(m.text()); });
    await webgl1.goto(server.url + '#lang=en');
    await webgl1.waitForFunction(() => eligPage.stats.interactiveMs !== null && eligPage.dictionary, null, { timeout: 20000 });
    check(await webgl1.evaluate(() => eligPage.stats.mode === 'canvas' && eligPage.stats.webgl === 1), 'drawn with WebGL 1');
    await fill(webgl1, eligibleRecord);
    await waitOverall(webgl1, 'eligible');
    await typeOnCanvas(webgl1, 'lvef', '40', 40);
    await waitOverall(webgl1, 'ineligible');
    await webgl1.screenshot({ path: join(artifacts, '12-webgl1.png') });
    check(webgl1.problems.length === 0, webgl1.problems.join('\n'));
    await webgl1.close();
  },
};

const failed = await runTests(tests, process.argv[2] || '');
await finishSuite('chromium', failed, metrics, [() => context.close(), () => server.close()]);
