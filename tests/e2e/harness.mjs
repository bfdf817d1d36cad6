// Shared pieces of the browser tests: Debian's Chromium driven by
// playwright-core (never a downloaded browser), a local static server that
// logs every request it receives, and small helpers.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFile, mkdtemp, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const webDir = join(root, 'build/wasm/web');
export const singleFile = join(root, 'build/wasm/web-single/nct07345780-eligibility.html');
export const artifacts = join(root, 'build/e2e-artifacts');

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

// Serves `dir` on 127.0.0.1; `requests` lists every path asked for.
export async function serve(dir) {
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(await readFile(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

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
