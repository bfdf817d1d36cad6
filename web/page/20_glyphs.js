// Glyphs the bundled font lacks (Chinese, mostly), drawn by the browser's
// own fonts into a 2D canvas and read back, synchronously, for the app's
// font loader (src/app/web/glyph_loader.cpp). Nothing is downloaded: a phone
// or desktop with Chinese fonts draws Chinese; one without says so.
(function (page) {
  const family = '"PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", ' +
                 '"Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, sans-serif';
  const drawable = !!document.createElement('canvas').getContext('2d');  // false where 2D canvases are blocked
  const known = new Map();  // codepoint -> whether some font has it
  let tofu = null;          // what a character no font has looks like

  // One canvas per size and weight, its font set once: setting a font
  // (parsing it, resolving the families) costs more than drawing a glyph,
  // and a frame asks for sizes and weights in turn.
  const styles = new Map();
  function style(size, bold) {
    const wanted = (bold ? '600 ' : '400 ') + size + 'px ' + family;
    let found = styles.get(wanted);
    if (!found) {
      const canvas = document.createElement('canvas');
      canvas.width = canvas.height = Math.ceil(size * 2) + 8;
      found = { canvas: canvas, context: canvas.getContext('2d', { willReadFrequently: true }), font: wanted };
      found.context.font = wanted;
      found.context.textBaseline = 'alphabetic';
      found.context.fillStyle = '#000';
      styles.set(wanted, found);
    }
    return found;
  }

  // The pixels of one character at a test size, as a string to compare.
  function sample(text) {
    const side = 48, context = style(32, false).context;
    context.clearRect(0, 0, side, side);
    context.fillText(text, 4, 38);
    const data = context.getImageData(0, 0, side, side).data;
    let key = '', ink = 0;
    for (let i = 3; i < data.length; i += 4) {
      key += data[i] > 127 ? '1' : '0';
      ink += data[i];
    }
    return { key: key, ink: ink };
  }

  // Whether the system draws Chinese: two ideographs every Chinese font
  // has, drawn differently. Without such a font both are the same
  // missing-glyph box, so no box need be drawn to compare with: drawing a
  // character no font has makes the browser search every font on the
  // system, 15-35 ms here, on a Chinese page's way to its first frame.
  function hasChinese() {
    if (!known.has(0x4E2D)) {
      const a = drawable ? sample('\u4E2D') : null, b = drawable ? sample('\u6587') : null;
      known.set(0x4E2D, !!a && a.ink > 0 && b.ink > 0 && a.key !== b.key);
    }
    return known.get(0x4E2D);
  }

  function has(codepoint) {
    if (codepoint === 0x4E2D) return hasChinese();
    if (known.has(codepoint)) return known.get(codepoint);
    if (!drawable) return false;
    stats.checked++;
    // Unassigned and private-use characters draw as the missing-glyph box
    // (or nothing): a character drawn the same way has no font either.
    if (!tofu) tofu = [sample(String.fromCodePoint(0x10FFFD)).key, sample(String.fromCodePoint(0x0378)).key];
    const text = String.fromCodePoint(codepoint);
    const drawn = sample(text);
    const found = /\s/.test(text) || (drawn.ink > 0 && tofu.indexOf(drawn.key) < 0);
    known.set(codepoint, found);
    return found;
  }

  // One glyph at `size` device pixels: its alpha, box and advance, with its
  // origin on the baseline at the pen position.
  function rasterize(codepoint, size, bold) {
    if (!has(codepoint)) return null;
    const text = String.fromCodePoint(codepoint);
    const drawing = style(size, bold);
    if (/\s/.test(text)) return { alpha: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: drawing.context.measureText(text).width };
    return measured(drawing, text, size);
  }

  // The advance alone, for layout: no drawing, no read-back.
  function advance(codepoint, size, bold) {
    return style(size, bold).context.measureText(String.fromCodePoint(codepoint)).width;
  }

  function ideographCell(drawing, size) {
    if (!drawing.cell) {
      const pad = Math.ceil(size * 0.1) + 1;
      const advance = drawing.context.measureText('\u4E2D').width, above = Math.ceil(size * 1.05) + 1, below = Math.ceil(size * 0.3) + 1;
      drawing.cell = { advance: advance, pad: pad, above: above, below: below, width: Math.ceil(advance) + 2 * pad, height: above + below };
    }
    return drawing.cell;
  }

  // Chinese characters and punctuation all advance by the same em and stay
  // inside it, so they share one roomy cell per size and weight, known
  // without drawing: the app takes their places in its atlas at once and
  // has them drawn together at the end of the frame (drawCells). Null when
  // the system has no Chinese font.
  function cellOf(size, bold) {
    if (!hasChinese()) return null;
    const cell = ideographCell(style(size, bold), size);
    return { width: cell.width, height: cell.height, left: -cell.pad, top: -cell.above, advance: cell.advance };
  }

  // Draws `codepoints` into one canvas, cell after cell, reads it back once
  // and returns their alpha, cell after cell.
  function drawCells(codepoints, size, bold) {
    const start = performance.now();
    const drawing = style(size, bold), cell = ideographCell(drawing, size);
    const columns = Math.max(1, Math.min(codepoints.length, Math.floor(2048 / cell.width)));
    const rows = Math.ceil(codepoints.length / columns);
    const context = grid.context;
    if (grid.canvas.width < columns * cell.width || grid.canvas.height < rows * cell.height) {
      grid.canvas.width = Math.max(grid.canvas.width, columns * cell.width);
      grid.canvas.height = Math.max(grid.canvas.height, rows * cell.height);
    }
    context.clearRect(0, 0, columns * cell.width, rows * cell.height);
    context.font = drawing.font;  // (a resized canvas forgets it)
    context.textBaseline = 'alphabetic';
    context.fillStyle = '#000';
    for (let i = 0; i < codepoints.length; i++)
      context.fillText(String.fromCodePoint(codepoints[i]), (i % columns) * cell.width + cell.pad, Math.floor(i / columns) * cell.height + cell.above);
    const stride = columns * cell.width, data = context.getImageData(0, 0, stride, rows * cell.height).data;
    const cellBytes = cell.width * cell.height, alpha = new Uint8Array(cellBytes * codepoints.length);
    for (let i = 0; i < codepoints.length; i++) {
      const x0 = (i % columns) * cell.width, y0 = Math.floor(i / columns) * cell.height;
      for (let y = 0; y < cell.height; y++)
        for (let x = 0, from = ((y0 + y) * stride + x0) * 4 + 3, to = i * cellBytes + y * cell.width; x < cell.width; x++, from += 4)
          alpha[to + x] = data[from];
    }
    stats.rasterized += codepoints.length;
    stats.ms += performance.now() - start;
    return alpha;
  }
  const grid = { canvas: document.createElement('canvas') };
  grid.context = grid.canvas.getContext('2d', { willReadFrequently: true });

  // Any other character: its box from measureText.
  function measured(drawing, text, size) {
    const context = drawing.context;
    const m = context.measureText(text);
    const left = Math.ceil(m.actualBoundingBoxLeft || 0), right = Math.ceil(m.actualBoundingBoxRight || m.width);
    const ascent = Math.ceil(m.actualBoundingBoxAscent || size), descent = Math.ceil(m.actualBoundingBoxDescent || 0);
    const width = Math.max(0, left + right + 2), height = Math.max(0, ascent + descent + 2);
    if (width === 0 || height === 0) return { alpha: new Uint8Array(0), width: 0, height: 0, left: 0, top: 0, advance: m.width };
    fit(drawing, width, height);
    context.clearRect(0, 0, width, height);
    context.fillText(text, left + 1, ascent + 1);
    const data = context.getImageData(0, 0, width, height).data;
    const alpha = new Uint8Array(width * height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = data[i * 4 + 3];
    return { alpha: alpha, width: width, height: height, left: -(left + 1), top: -(ascent + 1), advance: m.width };
  }

  // Grows a style's canvas (rarely: it starts at two ems); a resized canvas
  // forgets its state.
  function fit(drawing, width, height) {
    if (drawing.canvas.width >= width && drawing.canvas.height >= height) return;
    drawing.canvas.width = Math.max(drawing.canvas.width, width);
    drawing.canvas.height = Math.max(drawing.canvas.height, height);
    drawing.context.font = drawing.font;
    drawing.context.textBaseline = 'alphabetic';
    drawing.context.fillStyle = '#000';
  }

  // How many glyphs were drawn, and how long it took (the tests check that a
  // redraw draws none).
  const stats = { rasterized: 0, ms: 0, checked: 0 };
  function counted(codepoint, size, bold) {
    const start = performance.now();
    const glyph = rasterize(codepoint, size, bold);
    stats.ms += performance.now() - start;
    if (glyph) stats.rasterized++;
    return glyph;
  }
  // The first use of the system's Chinese font loads it, regular and bold
  // each, for tens of milliseconds. A Chinese page does that while its
  // WebAssembly downloads and compiles, so that the first frame does not.
  function warm() {
    if (!/^zh/.test(page.language) || !drawable) return;
    hasChinese();
    for (const bold of [false, true]) style(16, bold).context.measureText('\u4E2D\u6587');
  }

  page.glyphs = { has: has, rasterize: counted, advance: advance, cellOf: cellOf, drawCells: drawCells, warm: warm, stats: stats };
})(eligPage);
