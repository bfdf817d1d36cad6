// Shared pieces of the browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), a local static server that
// logs every request it receives, and small helpers.
import { chromium } from 'playwright-core';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const webDir = join(root, 'build/wasm/web');
export const singleFile = join(root, 'build/wasm/web-single/nct07345780-eligibility.html');
export const artifacts = join(root, 'build/e2e-artifacts');

export { serve } from '../../web/serve.mjs';

export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'elig-chromium-'));
  await mkdir(artifacts, { recursive: true });
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // A persistent context closes with its last page: keep one open.
  await (browser.pages()[0] || browser.newPage());
  return browser;
}

// Waits for the app's first drawn frame.
export async function ready(page) {
  await page.waitForFunction(() => window.eligPage && eligPage.stats.firstFrameMs !== null, null, { timeout: 20000 });
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}
