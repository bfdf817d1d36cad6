// Shared pieces of the browser tests: Debian's browsers driven by their
// own protocols (never a downloaded browser), a local static server that
// logs every request it receives, entering records, reading verdicts, and
// waiting for the state a test needs (never for a number of frames).
//
// Chromium: playwright-core (CDP). Firefox ESR: puppeteer-core over WebDriver
// BiDi, headful under Xvfb (headless Firefox has no WebGL 2 here). WebKit:
// WebKitGTK's MiniBrowser through WebKitWebDriver and selenium-webdriver,
// under Xvfb.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const webDir = join(root, 'build/wasm/web');
export const singleFile = join(root, 'build/wasm/web-single/nct07345780-eligibility.html');
export const artifacts = join(root, 'build/e2e-artifacts');
export { serve } from '../../web/serve.mjs';

export const criteria = JSON.parse(await readFile(join(root, 'criteria/NCT07345780.json'), 'utf8'));
export const eligibleRecord = JSON.parse(await readFile(join(root, 'tests/cases/bases/t_all_eligible.json'), 'utf8'));
export const fieldIndex = Object.fromEntries(criteria.fields.map((f, i) => [f.id, i]));

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

export async function writeMetrics(name, metrics) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, 'metrics.json');
  const all = existsSync(path) ? JSON.parse(await readFile(path, 'utf8')) : {};
  all[name] = metrics;
  await writeFile(path, JSON.stringify(all, null, 2));
}

// ---- In-page helpers, the same in every engine (run through evaluate) -------------

// Enters a record through the page's own bridge: the DOM input layer's
// controls, with the events a person's typing or choosing fires.
export const fillInPage = function ({ record, fieldIds }) {
  const set = (control, value) => {
    control.value = value;
    control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
  };
  const dictionary = eligPage.dictionary;
  for (const id of fieldIds) {
    if (!(id in record)) continue;
    const value = record[id];
    const f = dictionary.fields.find((x) => x.id === id);
    if (f.type === 'bool') {
      const radio = eligPage.control('field:' + id + ':' + (value === null ? 'Unknown' : value ? 'Yes' : 'No'));
      radio.checked = true;
      radio.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (f.type === 'enum') {
      set(eligPage.control('field:' + id), String(f.values.findIndex((v) => v.id === value)));
    } else if (value === 'none') {
      const box = eligPage.control('field:' + id + ':none');
      box.checked = true;
      box.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (value !== null && typeof value === 'object') {
      set(eligPage.control('field:' + id), String(value.value));
      set(eligPage.control('field:' + id + ':unit'), String(f.units.findIndex((u) => u.name === value.unit)));
    } else {
      set(eligPage.control('field:' + id), String(value));
    }
  }
};

// The verdict as the DOM mirror says it.
export const mirrorInPage = function () {
  const m = document.getElementById('mirror');
  const criteria = {};
  for (const li of m.querySelectorAll('li[data-criterion]')) criteria[li.dataset.criterion] = { status: li.dataset.status, text: li.textContent };
  return { overall: m.dataset.overall, text: m.textContent, criteria: criteria };
};

// Requests, cookies and storage the page made.
export const storageInPage = async function () {
  return {
    local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
    idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
  };
};

// ---- Chromium (playwright-core) ------------------------------------------------------

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
                             '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchChromium(extraArgs = [], options = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'elig-chromium-'));
  await mkdir(artifacts, { recursive: true });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true,
    args: [...chromiumArgs, ...extraArgs], ...options,
  });
  await (browser.pages()[0] || browser.newPage());  // a persistent context closes with its last page
  return browser;
}

// Opens the app on a fresh page, recording console errors and uncaught
// exceptions; waits for the app to have started (drawn, or shown as HTML).
export async function openChromium(context, url) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  await page.goto(url);
  await page.waitForFunction(() => window.eligPage && eligPage.stats.interactiveMs !== null && eligPage.dictionary, null, { timeout: 30000 });
  page.problems = problems;
  return page;
}

export async function closeChromium(page) {
  check(page.problems.length === 0, page.problems.join('\n'));
  await page.goto('about:blank');
  await page.close();
}

// ---- Xvfb, for the headful engines ------------------------------------------------------

async function freePort() {
  return new Promise((done) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const port = s.address().port; s.close(() => done(port)); });
  });
}

export async function startXvfb() {
  for (let display = 90 + (process.pid % 7); display < 140; display++) {
    if (existsSync(`/tmp/.X11-unix/X${display}`) || existsSync(`/tmp/.X${display}-lock`)) continue;
    const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1920x1080x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await new Promise((r) => setTimeout(r, 100));
    if (existsSync(`/tmp/.X11-unix/X${display}`)) return { display: `:${display}`, stop: () => xvfb.kill() };
    xvfb.kill();
  }
  throw new Error('could not start Xvfb');
}

// ---- One driver interface for Firefox and WebKit ------------------------------------------

// Firefox ESR over WebDriver BiDi, with puppeteer-core.
export async function launchFirefox(display) {
  const { default: puppeteer } = await import('puppeteer-core');
  const profile = await mkdtemp(join(tmpdir(), 'elig-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: false, userDataDir: profile,
    env: { ...process.env, DISPLAY: display, MOZ_CRASHREPORTER_DISABLE: '1' },
    extraPrefsFirefox: { 'network.proxy.type': 0, 'app.update.enabled': false, 'browser.shell.checkDefaultBrowser': false,
                         'datareporting.policy.dataSubmissionEnabled': false, 'toolkit.telemetry.enabled': false,
                         'browser.safebrowsing.malware.enabled': false, 'browser.safebrowsing.phishing.enabled': false,
                         'network.captive-portal-service.enabled': false, 'network.connectivity-service.enabled': false },
  });
  const page = await browser.newPage();
  await page.setViewport({ width: 1366, height: 900 });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  return {
    name: 'firefox', problems,
    goto: (url) => page.goto(url),
    evaluate: (fn, ...args) => page.evaluate(fn, ...args),
    click: (x, y) => page.mouse.click(x, y),
    type: (text) => page.keyboard.type(text, { delay: 10 }),
    screenshot: (path) => page.screenshot({ path }),
    close: () => browser.close(),
  };
}

// WebKitGTK's MiniBrowser, through WebKitWebDriver (started here, on
// loopback: the selenium driver service would pick another address).
export async function launchWebKit(display) {
  const { Builder, Capabilities } = await import('selenium-webdriver');
  const port = await freePort();
  const driverProcess = spawn('WebKitWebDriver', ['--host=127.0.0.1', `--port=${port}`], { stdio: 'ignore', env: { ...process.env, DISPLAY: display } });
  for (let i = 0; i < 50; i++) {
    const up = await fetch(`http://127.0.0.1:${port}/status`).then(() => true, () => false);
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const capabilities = new Capabilities({
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', args: ['--automation'] },
  });
  const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
  await driver.manage().window().setRect({ width: 1366, height: 900 });
  // WebKitWebDriver gives no console: the page's errors are caught here.
  const trap = `window.__errors = []; window.addEventListener('error', (e) => __errors.push('uncaught: ' + e.message));
                const error = console.error; console.error = function () { __errors.push('console error: ' + Array.from(arguments).join(' ')); return error.apply(console, arguments); };`;
  const handle = {
    name: 'webkit', problems: [],
    goto: async (url) => {
      await driver.get(url);
      await driver.executeScript(trap);
    },
    evaluate: (fn, ...args) => driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
      Promise.resolve((${fn.toString()}).apply(null, Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e) }));`, ...args),
    click: async (x, y) => {
      const actions = driver.actions({ async: true });
      await actions.move({ x: Math.round(x), y: Math.round(y), origin: 'viewport' }).press().release().perform();
    },
    type: async (text) => {
      const active = await driver.switchTo().activeElement();
      await active.sendKeys(text);
    },
    screenshot: async (path) => writeFile(path, Buffer.from(await driver.takeScreenshot(), 'base64')),
    close: async () => {
      const errors = await driver.executeScript('return window.__errors || []').catch(() => []);
      handle.problems.push(...errors);
      await driver.quit();
      driverProcess.kill();
    },
  };
  return handle;
}

// Polls `fn` in the page until it returns something truthy.
export async function waitIn(handle, fn, args = [], what = 'a condition', timeout = 20000) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await handle.evaluate(fn, ...args);
    if (last && !last.__error) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last && last.__error ? ': ' + last.__error : ''}`);
}

// The end of a suite: its metrics written and printed, what it opened
// closed (in order), and its exit status.
export async function finishSuite(name, failed, metrics, closers = []) {
  await writeMetrics(name, metrics);
  console.log('metrics:', JSON.stringify(metrics));
  for (const close of closers) await close();
  if (failed) {
    console.log(`${failed} ${name} tests failed`);
    process.exit(1);
  }
  console.log(`all ${name} tests passed; screenshots in ${artifacts}`);
}

// Runs named tests in order, each once: a failure is reported with its
// first lines and the rest still run. No retries: a test waits for states.
export async function runTests(tests, filter = '') {
  let failed = 0;
  for (const [name, test] of Object.entries(tests)) {
    if (!name.includes(filter)) continue;
    const start = Date.now();
    try {
      await test();
      console.log(`ok   ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}\n     ${String(e.stack || e).split('\n').slice(0, 5).join('\n     ')}`);
    }
  }
  return failed;
}
