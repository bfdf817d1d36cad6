// The page around the calculator. It draws nothing itself: it schedules the
// app's frames on input only, sizes the canvas for the screen's pixel
// ratio, keeps the language in the URL, and does what a canvas cannot:
// files, clipboard and printing. The other files add the glyph rasterizer,
// the verdict mirror and report, the DOM input layer and pointer input.
var eligPage = (function () {
  const canvas = document.getElementById('canvas');
  const status = document.getElementById('status');
  const statusText = document.getElementById('status-text');
  const fileInput = document.getElementById('file-input');
  const strings = JSON.parse(document.getElementById('page-strings').textContent);
  // startedMs: the app loaded (WebAssembly compiled, criteria read, GL set up);
  // firstFrameMs: its first frame drawn. Both from navigation start.
  // marks: the steps of the start, each the time it ended, from navigation
  // start (bench/web_first_visit.mjs reads them; README "First visit").
  // interactiveMs: the DOM layer built (its controls take the keyboard, a
  // phone's typing and a screen reader): right after the first frame.
  const stats = { frames: 0, firstFrameMs: null, startedMs: null, interactiveMs: null, started: performance.now(), mode: null, webgl: 0,
                  marks: { script: performance.now() } };
  const page = { stats: stats, canvas: canvas, ready: false, dictionary: null };
  page.mark = function (name) { stats.marks[name] = performance.now(); };
  // The app's strings by address and length, decoded natively: Emscripten's
  // UTF8ToString first walks the bytes for their end in script, which on a
  // Chinese first visit (three bytes a character, code not yet optimized)
  // took 12 ms of the way to the first frame in Chrome's profiler (2 in English).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });  // the bytes as they are: a leading BOM kept
  page.utf8 = function (address, size) { return decoder.decode(Module.HEAPU8.subarray(address, address + size)); };

  // ---- Language: from the URL (#lang=zh), else the browser's; nowhere else ----
  // The page's strings are those of the languages the build bundles
  // (ELIG_LANGUAGES, English first), the ones the app publishes; a tag
  // matches one by itself or by its primary subtag ("zh" is zh-CN).
  const bundled = Object.keys(strings);
  function bundledLanguage(tag) {
    const wanted = String(tag).toLowerCase();
    return bundled.find(function (b) { return b.toLowerCase() === wanted; }) ||
           bundled.find(function (b) { return b.split('-')[0].toLowerCase() === wanted.split('-')[0]; }) || null;
  }
  function languageFromUrl() {
    const match = /(?:^|[#&])lang=([A-Za-z-]+)/.exec(location.hash);
    return match ? bundledLanguage(match[1]) : null;
  }
  function preferredLanguage() {
    const fromUrl = languageFromUrl();
    if (fromUrl) return fromUrl;
    for (const tag of navigator.languages || [navigator.language || 'en']) {
      const found = bundledLanguage(tag);
      if (found) return found;
    }
    return 'en';
  }
  // The URL names a language by its primary subtag when that is unambiguous.
  function urlTag(tag) {
    const primary = tag.split('-')[0];
    return bundled.filter(function (b) { return b.split('-')[0] === primary; }).length === 1 ? primary : tag;
  }
  page.language = preferredLanguage();
  page.text = function (key, values) {
    const table = strings[page.language] || strings.en;
    let text = table[key] !== undefined ? table[key] : strings.en[key];
    for (const name in values || {}) text = text.split('{' + name + '}').join(values[name]);
    return text;
  };
  function applyLanguageToPage() {
    document.documentElement.lang = page.language;
    document.title = page.text('title');
    document.getElementById('page-title').textContent = page.text('title');
    if (!status.classList.contains('failed')) statusText.textContent = page.text('loading');
  }
  applyLanguageToPage();
  page.languageChanged = function (tag) {
    // At the start the app confirms the language the page already shows
    // and the URL already names: nothing to redo.
    if (tag === page.language && location.hash === '#lang=' + urlTag(tag)) return;
    page.language = tag;
    applyLanguageToPage();
    // The choice lives in the URL only: no cookie, no storage.
    history.replaceState(null, '', '#lang=' + urlTag(tag));
  };
  window.addEventListener('hashchange', function () {
    const wanted = languageFromUrl();
    if (page.ready && wanted && wanted !== page.language && eligApp.setLanguage(wanted)) page.onInput();
  });

  // ---- Failure and support checks, before anything loads ----------------
  page.fail = function (message) {
    if (status.classList.contains('failed')) return;  // the first, most specific reason stays
    status.hidden = false;
    status.classList.add('failed');
    statusText.textContent = message;
  };
  if (typeof WebAssembly !== 'object') page.fail(page.text('no_wasm'));

  // ---- Frames: only when something happens ----------------------------------
  // After input, frames continue briefly (hover states, tooltip delays),
  // then stop: an idle page draws nothing.
  const kSettleMs = 800;
  let scheduled = false, lastInput = 0;
  function frame(time) {
    scheduled = false;
    stats.frames++;
    const more = eligApp.frame(time);
    if (more || performance.now() - lastInput < kSettleMs) schedule();
  }
  function schedule() {
    if (!page.ready || scheduled) return;
    scheduled = true;
    if (stats.mode === 'html') setTimeout(function () { frame(performance.now()); }, 0);  // no canvas: no animation frame needed
    else requestAnimationFrame(frame);
  }
  page.onInput = function () { lastInput = performance.now(); schedule(); };
  page.schedule = schedule;

  // ---- Size: the canvas at physical resolution, for crisp text ------------
  let touchScreen = matchMedia('(pointer: coarse)').matches;
  page.resize = function () {
    if (!page.ready) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.round(window.innerWidth * ratio), height = Math.round(window.innerHeight * ratio);
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    eligApp.resize(width, height, ratio, touchScreen);
    page.onInput();
  };
  page.setTouch = function (touch) {
    if (touch === touchScreen) return;
    touchScreen = touch;
    page.resize();
  };
  window.addEventListener('resize', page.resize);
  let ratioQuery = null;
  function watchRatio() {
    if (ratioQuery) ratioQuery.removeEventListener('change', onRatio);
    ratioQuery = matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    ratioQuery.addEventListener('change', onRatio);
  }
  function onRatio() { watchRatio(); page.resize(); }

  // ---- Files: load by picker or drag and drop (read here, never uploaded) ----
  // Several files at once are patients for the screening log, each a row.
  function loadFiles(files) {
    if (files.length > 1) eligApp.action('log:open');
    let chain = Promise.resolve();
    for (const file of files) chain = chain.then(function () { return loadFile(file); });
  }
  function loadFile(file) {
    if (!file) return;
    // The bytes, not a string: a 100 MB chart goes into the app's memory once.
    return file.arrayBuffer().then(function (buffer) {
      eligApp.loadFile(file.name, new Uint8Array(buffer));
      page.onInput();
    });
  }
  fileInput.addEventListener('change', function () { loadFiles(Array.from(fileInput.files)); fileInput.value = ''; });
  window.addEventListener('dragover', function (e) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('drop', function (e) { e.preventDefault(); loadFiles(Array.from(e.dataTransfer.files)); });
  // A log with unsaved changes asks before the page is left.
  window.addEventListener('beforeunload', function (e) {
    const log = page.formState && page.formState() && page.formState().log;
    if (log && log.unsaved) { e.preventDefault(); e.returnValue = ''; }
  });
  page.openFilePicker = function () { fileInput.click(); };

  page.download = function (name, text) {
    const type = /\.csv$/.test(name) ? 'text/csv' : /\.ndjson$/.test(name) ? 'application/x-ndjson' : 'application/json';
    const url = URL.createObjectURL(new Blob([text], { type: type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  };
  page.copy = function (text) {
    const fallback = function () {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
  };

  // ---- Start: canvas or plain HTML --------------------------------------------
  page.started = function (mode, webgl) {
    page.mark('started');
    stats.startedMs = stats.marks.started;
    stats.mode = mode;
    stats.webgl = webgl;
    page.ready = true;
    document.documentElement.classList.add(mode);
    document.body.classList.add(mode);
    if (mode === 'html') {
      const notice = document.getElementById('notice');
      notice.textContent = page.text('no_webgl');
      notice.hidden = false;
      status.hidden = true;
      stats.firstFrameMs = performance.now();
      interactive();  // the layer is the calculator here
    } else {
      watchRatio();
    }
    page.resize();
    page.onInput();
    if (mode === 'html') tightenPolicy();
  };
  page.firstFrame = function () {
    page.mark('first_frame');
    stats.firstFrameMs = stats.marks.first_frame;
    status.hidden = true;
    tightenPolicy();
    setTimeout(interactive, 0);  // after the browser has shown the frame
  };
  function interactive() {
    if (stats.interactiveMs !== null) return;
    if (page.buildLayer && page.dictionary) page.buildLayer(page.dictionary);
    page.mark('interactive');
    stats.interactiveMs = stats.marks.interactive;
  }
  // Loaded: from here on no connection of any kind is allowed.
  function tightenPolicy() {
    if (document.getElementById('csp-loaded')) return;
    const csp = document.createElement('meta');
    csp.id = 'csp-loaded';
    csp.httpEquiv = 'Content-Security-Policy';
    csp.content = "connect-src 'none'";
    document.head.append(csp);
  }
  return page;
})();

var Module = {
  canvas: document.getElementById('canvas'),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.warn(text); },
  onAbort: function (what) { eligPage.fail(eligPage.text('could_not_start', { what: String(what) })); },
};
// The module compiled, then instantiated, as two steps so that the page can
// tell them apart (stats.marks). The normal page starts downloading and
// compiling here, before index.js has even run, and compiles while it
// downloads (compileStreaming, off the main thread). The single file has
// the module inlined and decodes it here instead of letting the loader try
// fetch() on a data: URL, which the policy forbids.
const eligCompiling = eligBuildVariant === 'single' ? null : (function () {
  const url = 'index.wasm';
  // Without streaming (an old browser, or a server that does not say
  // application/wasm): compile the bytes once they are all here.
  const whole = function () {
    return fetch(url, { credentials: 'same-origin' })
      .then(function (r) { return r.arrayBuffer(); })
      .then(function (bytes) { return WebAssembly.compile(bytes); });
  };
  if (typeof WebAssembly !== 'object') return null;
  return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(fetch(url, { credentials: 'same-origin' })).catch(whole) : whole();
})();
Module.instantiateWasm = function (imports, receive) {
  function compiled(module) {
    eligPage.mark('wasm_compiled');
    return WebAssembly.instantiate(module, imports).then(function (instance) {
      eligPage.mark('wasm_instantiated');
      receive(instance, module);
    });
  }
  let module = eligCompiling;
  if (!module) {
    const bytes = tryParseAsDataURI(wasmBinaryFile);
    eligPage.mark('wasm_decoded');
    module = WebAssembly.compile(bytes);
  }
  module.then(compiled).catch(function (reason) { Module.onAbort(String(reason)); });
  return {};
};
// The WebGL context, created while the WebAssembly downloads and compiles:
// in a software renderer (a remote desktop without a GPU) it is the
// slowest step of the start. The app asks for the same attributes
// (web_main.cpp) and is given this context; where there is none it falls
// back as before (WebGL 1, then the HTML calculator).
if (typeof WebAssembly === 'object') {
  const attributes = { alpha: false, antialias: false, depth: false, stencil: false };
  try {
    eligPage.canvas.getContext('webgl2', attributes) || eligPage.canvas.getContext('webgl', attributes);
  } catch (e) { /* the app tries again, and says what it finds */ }
  eligPage.mark('webgl_context');
  // What the first frame would otherwise wait for (a Chinese page's first
  // use of the system's Chinese font), done as soon as the page's scripts
  // have run, while index.js and the WebAssembly still load.
  setTimeout(function () { eligPage.glyphs.warm(); eligPage.mark('glyphs_warm'); }, 0);
}
// After the static constructors, before main().
Module.onRuntimeInitialized = function () { eligPage.mark('runtime'); };
