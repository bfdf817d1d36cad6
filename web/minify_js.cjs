// Minifies the page's JavaScript at build time with Debian's terser
// (node-terser): what a first visit downloads and parses, fewer bytes.
//
//   node web/minify_js.cjs script IN OUT
//       The page's own script (web/page/*.js joined): compressed and its
//       local names shortened. Its top-level names stay, since the runtime's
//       EM_JS functions call them (eligPage).
//   node web/minify_js.cjs runtime PAGE.html
//       After linking: Emscripten's runtime, index.js beside the page or the
//       inline script of the single file, minified with its top-level names
//       shortened too, except those the page's own scripts use (Module,
//       HEAPU8, ...), found by reading them rather than listed by hand.
//
// Needs NODE_PATH=/usr/share/nodejs (terser's own dependencies live there).
'use strict';
const fs = require('fs');
const path = require('path');
const { minify } = require('terser');

const RUNTIME_MARK = 'var Module=typeof Module';

function fail(message) {
  process.stderr.write('minify_js: ' + message + '\n');
  process.exit(1);
}

// The global names a script shares: those it declares at its top level
// (Module, eligPage) and those it uses without declaring them, which it
// expects from the runtime (wasmBinaryFile) or the browser.
async function globalsOf(code) {
  // terser exports no walker: its AST, scopes worked out by a mangle pass,
  // is searched by hand (a node once; scope links are skipped).
  const { ast } = await minify(code, { compress: false, mangle: true, format: { ast: true, code: false } });
  const used = new Set();
  const seen = new Set();
  const skip = new Set(['thedef', 'parent_scope', 'enclosed', 'variables', 'functions', 'start', 'end', 'scope', 'references', 'orig', 'block_scope']);
  const visit = (node) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (node.TYPE === 'SymbolRef' && node.thedef && node.thedef.undeclared) used.add(node.name);
    for (const key of Object.keys(node)) if (!skip.has(key)) visit(node[key]);
  };
  visit(ast);
  if (ast.variables) for (const name of ast.variables.keys()) used.add(name);
  return used;
}

async function minified(code, options) {
  const result = await minify(code, options);
  if (result.error) throw result.error;
  return result.code;
}

function inlineScripts(page) {
  const scripts = [];
  const re = /<script([^>]*)>([\s\S]*?)<\/script>/g;
  let match;
  while ((match = re.exec(page)) !== null)
    if (!/src=|application\/json/.test(match[1])) scripts.push({ start: match.index + match[0].indexOf('>') + 1, code: match[2] });
  return scripts;
}

async function minifyRuntime(pagePath) {
  const page = fs.readFileSync(pagePath, 'utf8');
  const scripts = inlineScripts(page);
  const runtimeInline = scripts.find((s) => s.code.includes(RUNTIME_MARK));
  const keep = new Set();
  for (const s of scripts) if (s !== runtimeInline) for (const name of await globalsOf(s.code)) keep.add(name);
  const options = { compress: { passes: 2 }, mangle: { toplevel: true, reserved: [...keep] }, toplevel: true };
  if (runtimeInline) {
    const code = await minified(runtimeInline.code, options);
    fs.writeFileSync(pagePath, page.slice(0, runtimeInline.start) + code + page.slice(runtimeInline.start + runtimeInline.code.length));
    return;
  }
  const src = /<script[^>]*src="([^"]+)"/.exec(page);
  if (!src) fail(pagePath + ': no runtime script, inline or beside it');
  const runtimePath = path.join(path.dirname(pagePath), src[1]);
  const code = fs.readFileSync(runtimePath, 'utf8');
  if (!code.includes(RUNTIME_MARK)) fail(runtimePath + ': not an Emscripten runtime (or minified already)');
  fs.writeFileSync(runtimePath, await minified(code, options));
}

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'script' && args.length === 2) {
    const code = await minified(fs.readFileSync(args[0], 'utf8'), { compress: { passes: 2 }, mangle: true });
    fs.writeFileSync(args[1], code);
  } else if (mode === 'runtime' && args.length === 1) {
    await minifyRuntime(args[0]);
  } else {
    fail('usage: minify_js.cjs script IN OUT | runtime PAGE.html');
  }
}

if (require.main === module) main().catch((error) => fail(String(error && error.stack || error)));
module.exports = { globalsOf };
