// The web calculator in the other engines a clinician may use: Firefox ESR
// (WebDriver BiDi, puppeteer-core) and WebKit, Safari's engine (WebKitGTK's
// MiniBrowser through WebKitWebDriver), both headful under Xvfb. Each:
// loads with no console error, takes a complete record, flips to
// ineligible with LVEF typed on the canvas, makes no request after load,
// stores nothing, and draws no frame while idle.
//
// usage: node tests/e2e/engines.mjs firefox|webkit
import { join } from 'node:path';
import {
  artifacts, check, criteria, eligibleRecord, fillInPage, launchFirefox, launchWebKit, mirrorInPage, serve, startXvfb, storageInPage, waitIn, webDir,
  finishSuite,
} from './harness.mjs';

const engine = process.argv[2];
if (engine !== 'firefox' && engine !== 'webkit') {
  console.error('usage: node tests/e2e/engines.mjs firefox|webkit');
  process.exit(2);
}
const fieldIds = criteria.fields.map((f) => f.id);
const metrics = {};
const server = await serve(webDir);
const xvfb = await startXvfb();
let browser = null, failed = 0;

async function step(name, fn) {
  const start = Date.now();
  try {
    await fn();
    console.log(`ok   ${engine}: ${name} (${Date.now() - start} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${engine}: ${name}\n     ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
    if (browser) await browser.screenshot(join(artifacts, `failed-${engine}-${name.replace(/\W+/g, '-')}.png`)).catch(() => {});
  }
}

const overallIs = (o) => document.getElementById('mirror').dataset.overall === o;

try {
  browser = engine === 'firefox' ? await launchFirefox(xvfb.display) : await launchWebKit(xvfb.display);
  let requestsAfterLoad = 0;

  await step('loads and draws the calculator with WebGL', async () => {
    const start = Date.now();
    await browser.goto(server.url + '#lang=en');
    await waitIn(browser, () => window.eligPage && eligPage.stats.interactiveMs !== null && eligPage.dictionary && eligPage.items ? true : null, [],
                 'the first frame', 30000);
    metrics.load_to_first_frame_ms = Date.now() - start;
    const stats = await browser.evaluate(() => eligPage.stats);
    metrics.first_frame_ms = stats.firstFrameMs;
    metrics.webgl = stats.webgl;
    check(stats.mode === 'canvas' && stats.webgl >= 1, `drawn on a canvas: ${JSON.stringify(stats)}`);
    requestsAfterLoad = server.requests.length;
    check(!server.requests.includes('/favicon.ico'), 'asked for /favicon.ico');
    await browser.screenshot(join(artifacts, `40-${engine}-loaded.png`));
  });

  await step('a complete record is eligible', async () => {
    await browser.evaluate(fillInPage, { record: eligibleRecord, fieldIds });
    await waitIn(browser, overallIs, ['eligible'], 'eligible');
  });

  await step('LVEF 40 typed on the canvas flips it to ineligible, naming inc_lvef', async () => {
    const r = await browser.evaluate(() => {
      eligPage.control('field:lvef').focus({ preventScroll: true });  // Tab to it, so it is in view
      return null;
    });
    void r;
    const rect = await waitIn(browser, () => eligPage.items && eligPage.items['field:lvef'], [], 'LVEF on the canvas');
    await browser.click(rect[0] + 10, rect[1] + rect[3] / 2);
    await waitIn(browser, () => document.activeElement && document.activeElement.dataset.key === 'field:lvef' ? true : null, [], 'the LVEF control focused');
    await browser.evaluate(() => { document.activeElement.select(); });
    await browser.type('40');
    await waitIn(browser, overallIs, ['ineligible'], 'ineligible');
    const m = await browser.evaluate(mirrorInPage);
    check(m.criteria.inc_lvef.status === 'fail' && m.criteria.inc_lvef.text.includes('LVEF 40% is below the required 45%'), m.criteria.inc_lvef.text);
    check(Object.values(m.criteria).filter((c) => c.status === 'fail').length === 1, 'only inc_lvef fails');
    await browser.screenshot(join(artifacts, `41-${engine}-ineligible.png`));
  });

  await step('nothing is requested after load, nothing stored', async () => {
    check(server.requests.length === requestsAfterLoad, `requests after load: ${server.requests.slice(requestsAfterLoad)}`);
    const storage = await browser.evaluate(storageInPage);
    check(storage.local === 0 && storage.session === 0 && storage.cookie === '' && storage.idb === 0, JSON.stringify(storage));
  });

  await step('an idle page draws no frames', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const before = await browser.evaluate(() => eligPage.stats.frames);
    await new Promise((r) => setTimeout(r, 4000));
    metrics.idle_frames_over_4s = (await browser.evaluate(() => eligPage.stats.frames)) - before;
    check(metrics.idle_frames_over_4s === 0, `${metrics.idle_frames_over_4s} frames while idle`);
  });

  await step('in Chinese: the page, the verdict and the canvas, with glyphs from the system fonts', async () => {
    await browser.goto('about:blank');  // a fresh load, not a language switch
    await browser.goto(server.url + '#lang=zh');
    await waitIn(browser, () => window.eligPage && eligPage.stats.interactiveMs !== null && eligPage.items ? true : null, [], 'the first frame', 30000);
    const page = await browser.evaluate(() => ({
      lang: document.documentElement.lang, title: document.title, mirror: document.getElementById('mirror').textContent,
      cjkFont: eligPage.glyphs.has(0x4E2D), drawn: eligPage.glyphs.stats.rasterized,
    }));
    check(page.lang === 'zh-CN' && page.title.includes('入组条件计算器'), `the page in Chinese: ${page.lang} ${page.title}`);
    check(page.mirror.includes('结论'), `the verdict in Chinese: ${page.mirror.slice(0, 80)}`);
    check(page.cjkFont && page.drawn > 100, `Chinese drawn from the system fonts: font ${page.cjkFont}, ${page.drawn} glyphs`);
    metrics.zh_glyphs_drawn = page.drawn;
    await browser.screenshot(join(artifacts, `42-${engine}-zh.png`));
  });
  await step('guided questions in Chinese: the tab by keyboard, a knock-out answer tapped on the canvas, the stop announced', async () => {
    await browser.evaluate(() => { eligPage.control('tab:guided').click(); return null; });
    const rect = await waitIn(browser, () => eligPage.items && eligPage.items['guide:answer:4'], [], 'the diagnosis answers on the canvas');
    const other = await browser.evaluate(() => document.querySelectorAll('#guide .answers button')[4].textContent);
    check(other === '其他', `the fifth diagnosis answer in Chinese: ${other}`);
    await browser.click(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2);
    await waitIn(browser, () => eligPage.formState().guide.state === 'ineligible' ? true : null, [], 'the ineligible stop');
    const stop = await browser.evaluate(() => { const s = document.querySelector('#guide .stop'); return { hidden: s.hidden, role: s.getAttribute('role'), text: s.textContent }; });
    check(!stop.hidden && stop.role === 'status' && stop.text.includes('不符合入组条件'), `the stop in Chinese: ${JSON.stringify(stop).slice(0, 300)}`);
    await browser.screenshot(join(artifacts, `43-${engine}-zh-guided-stop.png`));
  });
} catch (e) {
  failed++;
  console.log(`FAIL ${engine}: ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
} finally {
  if (browser) {
    await browser.close().catch(() => {});
    if (browser.problems.length) {
      failed++;
      console.log(`FAIL ${engine}: console errors or uncaught exceptions:\n     ${browser.problems.join('\n     ')}`);
    }
  }
  xvfb.stop();
  await server.close();
}
await finishSuite(engine, failed, metrics);
