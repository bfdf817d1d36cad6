// The verdict as text: an aria-live mirror for screen readers (and the
// tests), and the clean report the Print button prints. Both follow the
// app's language; the registry's sentences stay verbatim, with their
// translation beside them.
(function (page) {
  const mirror = document.getElementById('mirror');
  const report = document.getElementById('report');
  let current = { verdict: null, record: {}, errors: [] };

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  page.el = el;
  function words() { return (page.dictionary && page.dictionary.words) || { verdict: {}, status: {} }; }
  function field(id) { return page.dictionary && page.dictionary.fields.find(function (f) { return f.id === id; }); }
  function label(id) { const f = field(id); return f ? f.label : id; }
  function list(items) { return items.join(page.text('list_separator')); }

  page.setDictionary = function (json) {
    page.dictionary = JSON.parse(json);
    mirror.setAttribute('aria-label', page.text('mirror_label'));
    // At start the DOM layer waits for the first frame (page.interactive):
    // the form is drawn first. A new language rebuilds it at once.
    if (page.buildLayer && page.stats.interactiveMs !== null) page.buildLayer(page.dictionary);
    publish();
  };
  page.current = function () { return current; };
  // The form state carries the order and the words the mirror uses: it
  // arrives after the verdict, in the same frame.
  page.refreshMirror = function () { publish(); };

  // The criteria as the app orders them (what decides first), and each
  // value's words as the app writes them ("40%", "54岁"): the form state's.
  function inReadingOrder(v) {
    const order = (page.formState() || {}).criteria_order || [];
    const byId = new Map(v.criteria.map(function (c) { return [c.id, c]; }));
    const ordered = order.map(function (id) { return byId.get(id); }).filter(Boolean);
    return ordered.length === v.criteria.length ? ordered : v.criteria;
  }
  // What is missing in the app's words ("or" between alternatives).
  function missingWords(v) { return (page.formState() || {}).missing || list(v.missing.map(label)); }
  function shownValue(index) {
    const s = (page.formState() || { fields: [] }).fields[index];
    return s ? s.display : '';
  }

  function publish() {
    const v = current.verdict;
    mirror.replaceChildren();
    if (!v) {
      mirror.dataset.overall = 'error';
      const n = current.errors.length;
      mirror.append(el('p', page.text(n === 1 ? 'mirror.no_verdict.one' : 'mirror.no_verdict.other', { n: n }), 'overall'));
      const items = el('ul');
      for (const e of current.errors) items.append(el('li', e.message));
      mirror.append(items);
      return;
    }
    mirror.dataset.overall = v.overall;
    mirror.append(el('p', page.text('mirror.verdict', { words: words().verdict[v.overall] || v.overall }), 'overall'));
    if ((page.formState() || {}).earliest) mirror.append(el('p', page.formState().earliest));
    if (v.missing.length) mirror.append(el('p', page.text('mirror.missing', { list: missingWords(v) })));
    const items = el('ul');
    for (const c of inReadingOrder(v)) {
      const item = el('li', page.text('mirror.detail', { status: words().status[c.status] || c.status, title: c.title, reason: c.reason }));
      item.dataset.criterion = c.id;
      item.dataset.status = c.status;
      items.append(item);
    }
    mirror.append(items);
  }
  page.publishVerdict = function (verdictJson, recordJson, errorsJson) {
    current = { verdict: verdictJson ? JSON.parse(verdictJson) : null, record: JSON.parse(recordJson), errors: JSON.parse(errorsJson) };
    publish();
  };

  // ---- The printable report ---------------------------------------------
  function criteriaTable(v) {
    const table = el('table');
    const head = el('tr');
    for (const h of ['report.status', 'report.criterion', 'report.reason', 'report.protocol']) head.append(el('th', page.text(h)));
    table.append(head);
    const translations = page.dictionary.translations || {};
    for (const c of inReadingOrder(v)) {
      const tr = el('tr');
      const source = el('td', c.source, 'source');
      if (translations[c.id]) source.append(el('div', page.text('report.translation', { text: translations[c.id], notice: page.dictionary.translation_notice })));
      tr.append(el('td', words().status[c.status] || c.status), el('td', c.title), el('td', c.reason), source);
      table.append(tr);
    }
    return table;
  }
  // The screening log printed: the trial, the chart's counts in words, the table.
  function buildLogReport(l) {
    const t = page.dictionary.trial, w = page.dictionary.words, c = l.chart || { headings: [] };
    report.replaceChildren();
    report.append(el('h1', t.nct_id + ' \u2014 ' + l.button), el('div', t.title, 'muted'));
    report.append(el('div', page.text('report.printed', { when: new Date().toLocaleString(page.language) }) + ' \u00b7 ' + t.version, 'muted'));
    report.append(el('h2', c.headings[0] || ''));
    const boxes = el('ul');
    for (const line of [c.headings[1]].concat(c.boxes || [])) boxes.append(el('li', line));
    report.append(boxes);
    // Each bar drawn as on the canvas (its share of the patients assessed), its words below.
    const bars = c.bars || {};
    ['by_criterion', 'sequential', 'waived'].forEach(function (part, i) {
      if (!(c[part] || []).length) return;
      report.append(el('h3', c.headings[i + 2]));
      const items = el('ul', undefined, 'chart');
      c[part].forEach(function (line, k) {
        const item = el('li'), b = (bars[part] || [])[k];
        if (b) {
          const bar = el('div', undefined, 'bar');
          bar.setAttribute('aria-hidden', 'true');
          for (const [share, color] of [[b.share, b.color], [b.unknown, bars.unknown_color]]) {
            if (!(share > 0)) continue;
            const piece = el('span');
            piece.style.width = (100 * share).toFixed(2) + '%';
            piece.style.background = color;
            bar.append(piece);
          }
          item.append(bar);
        }
        item.append(el('div', line));
        items.append(item);
      });
      report.append(items);
    });
    const table = el('table');
    const head = el('tr');
    for (const h of [w.log_col_label, w.log_col_date, w.log_col_verdict, w.log_col_excluded, w.log_col_missing]) head.append(el('th', h));
    table.append(head);
    for (const r of l.rows || []) {
      const tr = el('tr');
      tr.append(el('td', r.label), el('td', r.date), el('td', r.verdict), el('td', r.excluded.join(page.text('list_separator'))), el('td', String(r.missing.length)));
      table.append(tr);
    }
    report.append(el('p', l.shown, 'muted'), table, el('p', w.log_label_note, 'muted'));
  }
  function buildReport() {
    const log = (page.formState() || {}).log;
    if (log && log.open) return buildLogReport(log);
    const t = page.dictionary.trial, v = current.verdict;
    report.replaceChildren();
    report.append(el('h1', t.nct_id + ' \u2014 ' + t.short_title), el('div', t.title, 'muted'));
    report.append(el('div', page.text('report.facts', { phase: t.phase, status: t.status, date: t.record_date, version: t.version }), 'muted'));
    const printed = [page.text('report.printed', { when: new Date().toLocaleString(page.language) })];
    if (current.record.id) printed.push(page.text('report.screening', { id: current.record.id }));
    if (current.record.screening_date) printed.push(page.text('report.screening_date', { date: current.record.screening_date }));
    report.append(el('div', printed.join(' \u00b7 '), 'muted'));
    if (!v) {
      report.append(el('div', page.text('report.no_verdict'), 'verdict'));
      const items = el('ul');
      for (const e of current.errors) items.append(el('li', e.message));
      report.append(items);
    } else {
      report.append(el('div', page.text('mirror.verdict', { words: words().verdict[v.overall] }), 'verdict'));
      if ((page.formState() || {}).earliest) report.append(el('p', page.formState().earliest));
      if (v.missing.length) report.append(el('p', page.text('report.still_missing', { list: missingWords(v) })));
      report.append(el('h2', page.text('report.criteria')), el('p', page.text('report.exclusion_pass'), 'muted'), criteriaTable(v));
    }
    report.append(el('h2', page.text('report.inputs')));
    const inputs = el('table');
    page.dictionary.fields.forEach(function (f, index) {
      if (!(f.id in current.record)) return;
      const tr = el('tr');
      tr.append(el('td', f.label), el('td', shownValue(index)));
      inputs.append(tr);
    });
    report.append(inputs);
    for (const c of page.dictionary.conflicts) report.append(el('p', page.text('report.note', { text: c.summary + page.text('sentence_separator') + c.resolution }), 'muted'));
    // How the calculator reads the registry, and what it leaves to the study team.
    for (const [key, heading] of [['interpretations', 'report.interpretations'], ['open_questions', 'report.open_questions']]) {
      const notes = (page.dictionary.notes || {})[key] || [];
      if (!notes.length) continue;
      report.append(el('h2', page.text(heading)));
      const items = el('ul');
      for (const text of notes) items.append(el('li', text));
      report.append(items);
    }
    report.append(el('p', page.text('report.disclaimer'), 'muted'));
  }
  page.print = function () {
    buildReport();
    window.print();
  };
  window.addEventListener('beforeprint', function () { if (page.dictionary) buildReport(); });
})(eligPage);
