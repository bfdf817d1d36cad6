// A static file server for the built page, bound to 127.0.0.1 only (the
// README's run command, and the browser tests). It logs nothing of what is
// entered: the page sends nothing; this only hands out index.html, .js, .wasm.
//
// usage: node web/serve.mjs [DIR] [PORT]
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

// Serves `dir`; `requests` lists every path asked for.
export async function serve(dir, port = 0) {
  dir = resolve(dir);
  const requests = [];
  const server = createServer(async (req, res) => {
    requests.push(req.url);
    const path = normalize(join(dir, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    // The page carries its own policy in a <meta>; a header adds what a
    // <meta> cannot say (frame-ancestors: the calculator is never framed).
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store',
                         'content-security-policy': "frame-ancestors 'none'", 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    res.end(await readFile(file));
  });
  await new Promise((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', done));
  const url = `http://127.0.0.1:${server.address().port}/`;
  // close() also drops idle keep-alive connections, which would hold it open.
  return { url, requests, close: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || join(fileURLToPath(new URL('..', import.meta.url)), 'build/wasm/web');
  const { url } = await serve(dir, Number(process.argv[3] || 8080));
  console.log(`NCT07345780 eligibility calculator: ${url}`);
  console.log(`(serving ${dir} on this computer only; Ctrl+C to stop)`);
}
