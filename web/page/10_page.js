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
  const stats = { frames: 0, firstFrameMs: null, startedMs: null, started: performance.now(), mode: null, webgl: 0 };
  const page = { stats: stats, canvas: canvas, ready: false, dictionary: null };

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
  function loadFile(file) {
    if (!file) return;
    // The bytes, not a string: a 100 MB chart goes into the app's memory once.
    file.arrayBuffer().then(function (buffer) {
      eligApp.loadFile(file.name, new Uint8Array(buffer));
      page.onInput();
    });
  }
  fileInput.addEventListener('change', function () { loadFile(fileInput.files[0]); fileInput.value = ''; });
  window.addEventListener('dragover', function (e) { e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('drop', function (e) { e.preventDefault(); loadFile(e.dataTransfer.files[0]); });
  page.openFilePicker = function () { fileInput.click(); };

  page.download = function (name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
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
    stats.startedMs = performance.now();
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
    } else {
      watchRatio();
    }
    page.resize();
    page.onInput();
    if (mode === 'html') tightenPolicy();
  };
  page.firstFrame = function () {
    stats.firstFrameMs = performance.now();
    status.hidden = true;
    tightenPolicy();
  };
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
  // Called as the WebAssembly starts to load: the moment to do, off the
  // first frame's path, what that frame would otherwise wait for.
  monitorRunDependencies: function (left) {
    if (left > 0 && !Module.warmed) {
      Module.warmed = true;
      setTimeout(eligPage.glyphs.warm, 0);
    }
  },
};
if (eligBuildVariant === 'single') {
  // The module is inlined in this page: decode it here instead of letting
  // the loader try fetch() on a data: URL, which the policy forbids.
  Module.instantiateWasm = function (imports, receive) {
    WebAssembly.instantiate(tryParseAsDataURI(wasmBinaryFile), imports).then(
      function (result) { receive(result.instance); },
      function (reason) { Module.onAbort(String(reason)); });
    return {};
  };
}
