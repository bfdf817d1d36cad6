// Time from navigation to the first drawn frame of the web calculator, in
// headless Chromium (SwiftShader), in English and in Chinese, interleaved so
// that a busy moment of the machine hits both alike.
//
// usage: node bench/web_first_frame.mjs [WEB_DIR] [LOADS]
//   WEB_DIR defaults to build/wasm/web; LOADS (default 15) per language,
//   after one warm-up load each.
import { serve } from '../web/serve.mjs';
import { launchChromium } from '../tests/e2e/harness.mjs';

const dir = process.argv[2] || new URL('../build/wasm/web', import.meta.url).pathname;
const loads = Number(process.argv[3] || 15);
const server = await serve(dir);
// The browser tests' setup: a persistent profile, 1366×900 at ratio 1.
const context = await launchChromium();
const times = { en: [], zh: [] };
for (let i = 0; i <= loads; i++)
  for (const language of ['en', 'zh']) {
    const page = await context.newPage();
    await page.goto(server.url + '#lang=' + language);
    await page.waitForFunction(() => window.eligPage && eligPage.stats.interactiveMs !== null, null, { timeout: 30000 });
    if (i > 0) times[language].push(await page.evaluate(() => eligPage.stats.firstFrameMs));
    await page.close();
  }
const summary = (a) => {
  a.sort((x, y) => x - y);
  return { median: Math.round(a[Math.floor(a.length / 2)]), min: Math.round(a[0]), max: Math.round(a[a.length - 1]) };
};
const en = summary(times.en), zh = summary(times.zh);
console.log(JSON.stringify({ dir, loads, en, zh, zh_over_en: +(zh.median / en.median).toFixed(3) }));
await context.close();
await server.close();
