// The web calculator in Chromium started differently: in Chinese (with
// Debian's fonts-noto-cjk), without any WebGL (the HTML calculator), and as
// a screen-reader user meets it (controls found by label and role only;
// axe-core on the page and on the fallback).
//
// usage: node tests/e2e/chromium_variants.mjs [test-name-substring]
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  artifacts, check, closeChromium, criteria, eligibleRecord, fillInPage, launchChromium, mirrorInPage, openChromium, runTests, serve, webDir,
  finishSuite,
} from './harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const fieldIds = criteria.fields.map((f) => f.id);
const metrics = {};
const server = await serve(webDir);

async function waitOverall(page, overall) {
  await page.waitForFunction((o) => document.getElementById('mirror').dataset.overall === o, overall, { timeout: 20000 })
    .catch(async () => { throw new Error(`verdict is ${(await page.evaluate(mirrorInPage)).overall}, expected ${overall}`); });
}
async function fill(page, values) {
  await page.evaluate(fillInPage, { record: values, fieldIds });
  await page.waitForFunction((v) => Object.entries(v).every(([k, x]) => JSON.stringify(eligPage.current().record[k]) === JSON.stringify(x)), values, { timeout: 20000 });
}

// Serious or critical accessibility violations, by axe-core.
async function axe(page, name) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  metrics[`axe_${name}`] = { violations: result.violations.length, serious_or_critical: serious.length,
                             minor: result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`) };
  check(serious.length === 0, `axe on ${name}: ${serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length}: ${v.nodes[0].target})`).join('\n')}`);
}

// The pixels of an item of the canvas, as a screenshot's bytes.
async function pixels(page, key) {
  const [x, y, w, h] = await page.evaluate((k) => eligPage.items[k], key);
  return page.screenshot({ clip: { x: x + 2, y: y + 2, width: w - 4, height: h - 4 } });
}

async function inChinese() {
  const context = await launchChromium(['--lang=zh-CN'], { locale: 'zh-CN' });
  try {
    const page = await openChromium(context, server.url);
    check(await page.evaluate(() => eligPage.language) === 'zh-CN', 'a Chinese browser gets Chinese');
    check(await page.evaluate(() => document.documentElement.lang) === 'zh-CN', 'the page says it is Chinese');
    await fill(page, eligibleRecord);
    await waitOverall(page, 'eligible');
    let text = await page.textContent('#mirror');
    check(text.includes('结论：符合入组条件'), `the verdict in Chinese: ${text.slice(0, 200)}`);
    await page.screenshot({ path: join(artifacts, '20-zh-eligible.png') });
    await fill(page, { lvef: 40 });
    await waitOverall(page, 'ineligible');
    const zh = await page.evaluate(mirrorInPage);
    check(zh.criteria.inc_lvef.text.includes('LVEF为40%，低于最低要求45%'), `the reason in Chinese: ${zh.criteria.inc_lvef.text}`);
    const record = await page.evaluate(() => eligPage.current().record);
    await page.screenshot({ path: join(artifacts, '21-zh-ineligible.png') });

    // To English and back: no value and no verdict changes; the URL keeps it.
    const [sx, sy, sw, sh] = await page.evaluate(() => eligPage.items['button:language']);
    await page.mouse.click(sx + sw / 2, sy + sh / 2);
    await page.waitForFunction(() => eligPage.language === 'en' && document.getElementById('mirror').textContent.includes('Verdict: Not eligible'), null, { timeout: 10000 });
    check(page.url().endsWith('#lang=en'), page.url());
    const en = await page.evaluate(mirrorInPage);
    check(JSON.stringify(await page.evaluate(() => eligPage.current().record)) === JSON.stringify(record), 'switching changed a value');
    for (const id in zh.criteria) check(en.criteria[id].status === zh.criteria[id].status, `${id} changed status with the language`);
    check(en.criteria.inc_lvef.text.includes('LVEF 40% is below the required 45%'), en.criteria.inc_lvef.text);
    await page.screenshot({ path: join(artifacts, '22-en-after-switch.png') });
    const [bx, by, bw, bh] = await page.evaluate(() => eligPage.items['button:language']);
    await page.mouse.click(bx + bw / 2, by + bh / 2);
    await page.waitForFunction(() => eligPage.language === 'zh-CN' && document.getElementById('mirror').textContent.includes('结论'), null, { timeout: 10000 });
    check(page.url().endsWith('#lang=zh'), page.url());
    const back = await page.evaluate(mirrorInPage);
    for (const id in zh.criteria) check(back.criteria[id].status === zh.criteria[id].status && back.criteria[id].text === zh.criteria[id].text, `${id} differs after switching back:\n${zh.criteria[id].text}\n${back.criteria[id].text}`);

    // Pinyin through an IME: composition in the focused control, then the
    // committed characters; the field gets what was committed.
    const [ix, iy, iw, ih] = await page.evaluate(() => eligPage.items['field:id']);
    await page.mouse.click(ix + iw / 2, iy + ih / 2);
    await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.key === 'field:id', null, { timeout: 10000 });
    await page.keyboard.press('Control+A');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'xue', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.imeSetComposition', { text: 'xueye', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.insertText', { text: '血液' });
    await page.waitForFunction(() => eligPage.current().record.id === '血液', null, { timeout: 10000 })
      .catch(async () => { throw new Error(`IME text did not reach the field: ${JSON.stringify((await page.evaluate(() => eligPage.current().record)).id)}`); });

    // A Chinese label typed into the form is drawn: not blank, not "?".
    const blank = await pixels(page, 'field:id');
    await fill(page, { id: '同济?' });
    await fill(page, { id: '????' });
    await page.waitForTimeout(100);
    const questionMarks = await pixels(page, 'field:id');
    await fill(page, { id: '血液科筛查' });
    await page.waitForFunction(() => eligPage.glyphs.stats.rasterized > 0, null, { timeout: 10000 });
    await page.waitForTimeout(100);
    const chinese = await pixels(page, 'field:id');
    check(!chinese.equals(blank), 'the Chinese label is not drawn (the field looks empty)');
    check(!chinese.equals(questionMarks), 'the Chinese label is drawn as question marks');
    await page.screenshot({ path: join(artifacts, '23-zh-typed-label.png') });
    // A redraw draws no new glyph: they are in ImGui's atlas.
    const drawn = await page.evaluate(() => eligPage.glyphs.stats.rasterized);
    await page.mouse.move(400, 400);
    await page.mouse.move(600, 500);
    await page.waitForTimeout(300);
    check(await page.evaluate(() => eligPage.glyphs.stats.rasterized) === drawn, 'a redraw rasterized glyphs again');
    metrics.zh_glyphs_first_screen = await page.evaluate(() => eligPage.glyphs.stats);
    // Debian's Noto Sans CJK draws Chinese; a character no font has is still told apart.
    check(await page.evaluate(() => eligPage.glyphs.has(0x4E2D) && !eligPage.glyphs.has(0x10FFFD)), 'a Chinese font is found, and U+10FFFD has none');
    await closeChromium(page);
  } finally {
    await context.close();
  }
}

// A system without a Chinese font (fontconfig given only DejaVu and Inter):
// the page does not claim one, draws no ideograph (no boxes), and says so
// in words (the screenshot: the notice under the header).
async function withoutAChineseFont() {
  const dir = await mkdtemp(join(tmpdir(), 'elig-fonts-'));
  const config = join(dir, 'fonts.conf');
  await writeFile(config, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
    `  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <dir>/usr/share/fonts/opentype/inter</dir>\n  <cachedir>${dir}/cache</cachedir>\n</fontconfig>\n`);
  const context = await launchChromium([], { env: { ...process.env, FONTCONFIG_FILE: config } });
  try {
    const page = await openChromium(context, server.url + '#lang=zh-CN');
    await page.waitForFunction(() => eligPage.stats.frames > 2, null, { timeout: 10000 });
    const found = await page.evaluate(() => ({ chinese: eligPage.glyphs.has(0x4E2D), nothing: eligPage.glyphs.has(0x10FFFD), latin: eligPage.glyphs.has(0x00E9), drawn: eligPage.glyphs.stats.rasterized }));
    check(found.chinese === false && found.nothing === false, `no Chinese font, and none is claimed: ${JSON.stringify(found)}`);
    check(found.drawn === 0, `ideographs drawn without a font for them: ${found.drawn}`);
    await page.screenshot({ path: join(artifacts, '24-zh-without-a-chinese-font.png') });
    await closeChromium(page);
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function withoutWebGL() {
  const context = await launchChromium(['--disable-3d-apis']);
  try {
    const page = await openChromium(context, server.url + '#lang=en');
    check(await page.evaluate(() => eligPage.stats.mode) === 'html', 'the HTML calculator is shown');
    check(await page.isVisible('#layer') && await page.isVisible('#mirror'), 'the form and the verdict are visible');
    await page.getByLabel('LVEF', { exact: true }).fill('40');
    await waitOverall(page, 'ineligible');
    await fill(page, { ...eligibleRecord, lvef: 50 });
    await waitOverall(page, 'eligible');
    await page.getByLabel('LVEF', { exact: true }).fill('40');
    await waitOverall(page, 'ineligible');
    const m = await page.evaluate(mirrorInPage);
    check(m.criteria.inc_lvef.status === 'fail' && Object.values(m.criteria).filter((c) => c.status === 'fail').length === 1, 'the same verdict as the canvas');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(artifacts, '13-no-webgl-html-calculator.png') });
    await page.screenshot({ path: join(artifacts, '13-no-webgl-html-calculator-full.png'), fullPage: true });
    await axe(page, 'html_calculator');
    await closeChromium(page);
  } finally {
    await context.close();
  }
}

async function asAScreenReaderUser() {
  const context = await launchChromium();
  try {
    const page = await openChromium(context, server.url + '#lang=en');
    await axe(page, 'canvas_page');
    // Guided mode: the question, then the stop screen.
    await page.evaluate(() => eligPage.control('tab:guided').click());
    await page.waitForFunction(() => eligPage.formState().guide.question, null, { timeout: 10000 });
    await axe(page, 'guided_question');
    await page.evaluate(() => eligPage.control('guide:answer:4').click());
    await page.waitForFunction(() => eligPage.formState().guide.state === 'ineligible', null, { timeout: 10000 });
    await axe(page, 'guided_stop');
    await page.evaluate(() => { eligPage.control('guide:back_stop').click(); eligPage.control('tab:form').click(); });
    await page.waitForFunction(() => eligPage.formState().guide.mode === 'form' && !('diagnosis' in eligPage.current().record), null, { timeout: 10000 });
    // Everything through labels and roles; choices by keyboard, as a screen
    // reader's user makes them.
    const form = page.getByRole('form', { name: 'Patient record' });
    for (const f of criteria.fields) {
      const value = eligibleRecord[f.id];
      if (value === undefined) continue;
      if (f.type === 'bool') {
        const radio = form.getByRole('radiogroup', { name: f.label, exact: true }).getByRole('radio', { name: value ? 'Yes' : 'No', exact: true });
        await radio.focus();
        await page.keyboard.press('Space');
      } else if (f.type === 'enum') {
        const option = f.values.findIndex((v) => v.id === value);
        await form.getByLabel(f.label, { exact: true }).selectOption(String(option));
      } else if (value === 'none') {
        await form.getByLabel(`${f.label}: none, it never happened`).focus();
        await page.keyboard.press('Space');
      } else {
        await form.getByLabel(f.label, { exact: true }).fill(String(value));
      }
    }
    await waitOverall(page, 'eligible');
    const region = page.getByRole('region', { name: 'Verdict' });
    check((await region.textContent()).startsWith('Verdict: Eligible'), await region.textContent());
    await form.getByLabel('LVEF', { exact: true }).fill('40');
    await waitOverall(page, 'ineligible');
    const lvef = form.getByLabel('LVEF', { exact: true });
    check(await lvef.getAttribute('inputmode') === 'decimal', 'a number gets the decimal keyboard');
    await lvef.fill('4o');
    await waitOverall(page, 'error');
    check(await lvef.getAttribute('aria-invalid') === 'true', 'the invalid field says so');
    const described = await lvef.evaluate((c) => c.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' | '));
    check(described.includes('Left ventricular ejection fraction') && described.includes('expected a number'), `its help and its error: ${described}`);
    await axe(page, 'canvas_page_with_error');
    await closeChromium(page);
  } finally {
    await context.close();
  }
}

const failed = await runTests({
  'in Chinese: the verdict, the switch to English and back, Chinese typed on the canvas': inChinese,
  'in Chinese on a system without a Chinese font: said in words, no boxes': withoutAChineseFont,
  'without WebGL: the HTML calculator, evaluated by the same WebAssembly core; axe': withoutWebGL,
  'a screen-reader user fills a whole record by label and role and hears the verdict; axe': asAScreenReaderUser,
}, process.argv[2] || '');
await finishSuite('chromium_variants', failed, metrics, [() => server.close()]);
