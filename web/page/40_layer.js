// The DOM input layer: one real, labelled control per field of the
// dictionary (text inputs with the right keyboard, radio groups for
// Yes / No / Unknown, selects for options and units, a "none" checkbox),
// the toolbar's buttons and the app's dialog. Over the canvas the controls
// are invisible and placed where the canvas draws their items; they take
// keyboard focus, typing, IME composition and autocorrect, and speak to
// screen readers. Without WebGL they are the visible HTML calculator.
//
// The app's C++ form stays the one source of truth: every edit goes to it
// (app_set_*), and what it publishes (values, errors, which fields apply,
// which a criterion waits for) is written back here. This file is glue.
(function (page) {
  const layer = document.getElementById('layer');
  const controls = new Map();  // the canvas item's key ("field:lvef") -> its control
  const labels = new Map();    // "label:lvef" -> the field's label element
  const wrappers = [];         // by field index
  let state = null, items = {}, focusedKey = '', dialogShown = false, dialogReturn = null;

  function el(tag, attributes, text) {
    const node = document.createElement(tag);
    for (const name in attributes || {}) {
      if (attributes[name] === null || attributes[name] === undefined || attributes[name] === false) continue;
      node.setAttribute(name, attributes[name] === true ? '' : attributes[name]);
    }
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function register(key, control) {
    control.dataset.key = key;
    controls.set(key, control);
    return control;
  }
  function utf8Length(text) { return new TextEncoder().encode(text).length; }

  // ---- Building the controls from the dictionary -------------------------------
  function toolbar(words) {
    const bar = el('div', { role: 'toolbar', 'aria-label': page.text('toolbar_label'), class: 'toolbar' });
    const buttons = [['save', words.save], ['load', words.load], ['reset', words.reset], ['copy', words.copy], ['print', words.print],
                     ['text_smaller', words.text_smaller, words.text_size], ['text_larger', words.text_larger, words.text_size],
                     ['language', words.language, words.language_tip], ['log_add', words.log_add, null, 'log:add'], ['log', words.log_chart_title, null, 'log:open']];
    for (const [action, label, tip, name] of buttons) {
      const button = register('button:' + action, el('button', { type: 'button', title: tip || null, 'aria-label': tip ? label + ' (' + tip + ')' : null }, label));
      if (action === 'language') button.lang = nextLanguage();
      button.addEventListener('click', function () { eligApp.action(name || action); page.onInput(); });
      bar.append(button);
    }
    return bar;
  }

  function describe(control, f, base) {
    control.setAttribute('aria-describedby', [base + '-help', base + '-error', base + '-needed', base + '-source'].join(' '));
  }

  function choiceField(f, index, words) {
    const group = el('fieldset', { class: 'choice', role: 'radiogroup',
                                   'aria-describedby': ['help', 'error', 'needed', 'source'].map(function (p) { return 'f-' + f.id + '-' + p; }).join(' ') });
    group.append(el('legend', {}, f.label));
    for (const [value, word, name] of [[1, words.yes, 'Yes'], [0, words.no, 'No'], [-1, words.unknown, 'Unknown']]) {
      const radio = register('field:' + f.id + ':' + name, el('input', { type: 'radio', name: 'f-' + f.id, value: value, id: 'f-' + f.id + '-' + name }));
      radio.addEventListener('change', function () { if (radio.checked) { eligApp.setChoice(index, value); page.onInput(); } });
      const label = el('label', { for: radio.id });
      label.append(radio, document.createTextNode(word));
      group.append(label);
    }
    return group;
  }

  function selectField(f, index, words) {
    const select = register('field:' + f.id, el('select', { id: 'f-' + f.id }));
    select.append(el('option', { value: -1 }, words.unknown));
    f.values.forEach(function (v, i) { select.append(el('option', { value: i }, v.help ? v.label + ' \u2014 ' + v.help : v.label)); });
    select.addEventListener('change', function () { eligApp.setChoice(index, Number(select.value)); page.onInput(); });
    describe(select, f, 'f-' + f.id);
    return [el('label', { for: select.id, id: 'f-' + f.id + '-label' }, f.label), select];
  }

  function textField(f, index, words) {
    const modes = { number: 'decimal', integer: 'numeric' };
    const input = register('field:' + f.id, el('input', {
      type: 'text', id: 'f-' + f.id, inputmode: modes[f.type] || null, autocomplete: 'off', enterkeyhint: 'next',
      spellcheck: f.type === 'text' ? null : 'false', autocapitalize: f.type === 'text' ? null : 'off',
      placeholder: f.type === 'date' ? words.date_hint : null,
    }));
    input.addEventListener('input', function () {
      eligApp.setText(index, input.value);
      page.onInput();
      sendFocus();
    });
    describe(input, f, 'f-' + f.id);
    const parts = [el('label', { for: input.id, id: 'f-' + f.id + '-label' }, f.label), input];
    if (f.units.length > 1) parts.push(unitSelect(f, index));
    if (f.unit) parts.push(el('span', { 'aria-hidden': 'true', class: 'unit' }, ' ' + f.unit));
    if (f.allow_none) parts.push(noneBox(f, index, words));
    if (f.id === 'screening_date') {
      const today = register('field:' + f.id + ':today', el('button', { type: 'button' }, words.today));
      // The app's "today": the same date the canvas button gives.
      today.addEventListener('click', function () { eligApp.action('today'); page.onInput(); });
      parts.push(today);
    }
    return parts;
  }

  // The unit selector: its options are the ones the app offers (the form
  // state's `units`), as on the canvas; with one or none there is none.
  function unitSelect(f, index) {
    const select = register('field:' + f.id + ':unit', el('select', { id: 'f-' + f.id + '-unit', 'aria-label': page.text('field.unit_of', { label: f.label }) }));
    f.units.forEach(function (u, i) { select.append(el('option', { value: i }, u.label)); });
    select.addEventListener('change', function () { eligApp.setUnit(index, Number(select.value)); page.onInput(); });
    return select;
  }

  function noneBox(f, index, words) {
    const box = register('field:' + f.id + ':none', el('input', { type: 'checkbox', id: 'f-' + f.id + '-none', 'aria-label': page.text('field.none_of', { label: f.label }) }));
    box.addEventListener('change', function () { eligApp.setNone(index, box.checked); page.onInput(); });
    const label = el('label', { for: box.id, title: words.none_tip });
    label.append(box, document.createTextNode(words.none));
    return label;
  }

  function field(f, index, words) {
    const wrapper = el('div', { class: 'field' });
    wrapper.dataset.field = f.id;
    let parts;
    if (f.type === 'bool') parts = [choiceField(f, index, words)];
    else if (f.type === 'enum') parts = selectField(f, index, words);
    else parts = textField(f, index, words);
    wrapper.append.apply(wrapper, parts);
    const label = wrapper.querySelector('label[id$="-label"], legend');
    if (label) labels.set('label:' + f.id, label);
    wrapper.append(el('span', { id: 'f-' + f.id + '-help', class: 'help' }, f.help),
                   el('span', { id: 'f-' + f.id + '-error', class: 'error' }),
                   el('span', { id: 'f-' + f.id + '-needed', class: 'needed', hidden: true }, words.needed),
                   el('span', { id: 'f-' + f.id + '-source', class: 'source', hidden: true }));
    return wrapper;
  }

  // ---- Guided mode: the question (one labelled group of answers), or the stop ----
  // The question's typed fields are the form's own controls, moved in here
  // while it is asked (a placeholder keeps their place in the form).
  let guide = null, guideKeys = '', moved = new Map();
  function modeTabs(words) {
    const tabs = el('div', { role: 'tablist', class: 'modes' });
    for (const [mode, label] of [['form', words.tab_form], ['guided', words.tab_guided]]) {
      const tab = register('tab:' + mode, el('button', { type: 'button', role: 'tab', 'aria-selected': 'false', 'aria-controls': mode === 'guided' ? 'guide' : null }, label));
      tab.addEventListener('click', function () { eligApp.action('mode:' + mode); page.onInput(); });
      tabs.append(tab);
    }
    return tabs;
  }
  function guideButton(key, label, action) {
    const button = register(key, el('button', { type: 'button' }, label));
    button.addEventListener('click', function () { eligApp.action(action); page.onInput(); });
    return button;
  }
  function guideRegion(words) {
    const region = el('section', { id: 'guide', 'aria-labelledby': 'guide-progress', hidden: true });
    region.append(el('p', { id: 'guide-progress', class: 'progress' }));
    const question = el('div', { class: 'question' });
    question.append(el('h2', { id: 'guide-question', tabindex: '-1' }), el('p', { id: 'guide-help', class: 'help' }), el('p', { class: 'known-at help' }));
    question.append(el('div', { class: 'answers', role: 'group', 'aria-labelledby': 'guide-question', 'aria-describedby': 'guide-help' }), el('div', { class: 'typed' }));
    const steps = el('div', { class: 'steps' });
    steps.append(guideButton('guide:next', words.guide_next, 'guide:next'), guideButton('guide:skip', words.guide_dont_know, 'guide:skip'), guideButton('guide:back', words.guide_back, 'guide:back'));
    const why = el('details', { class: 'why' });
    const summary = register('guide:why', el('summary', {}, words.guide_why));
    why.append(summary, el('p', {}, words.guide_why_decides), el('ul', { class: 'decides' }), el('p', {}, words.guide_why_answers), el('ul', { class: 'meanings' }));
    question.append(steps, why, el('p', { class: 'then-heading help' }, words.guide_then), el('ul', { class: 'then help' }));
    const stop = el('div', { class: 'stop', role: 'status', hidden: true });
    const buttons = el('div', { class: 'buttons' });
    buttons.append(guideButton('guide:again', words.guide_again, 'guide:again'), guideButton('guide:save', words.save, 'save'), guideButton('guide:copy', words.copy, 'copy'),
                   guideButton('guide:print', words.print, 'print'), guideButton('guide:back_stop', words.guide_back, 'guide:back'));
    stop.append(el('h2', { id: 'guide-stop', tabindex: '-1' }), el('p', { class: 'stop-text' }), el('ul', { class: 'stop-items' }), buttons, el('div', { class: 'sources' }));
    region.append(question, stop);
    return region;
  }
  function fill(list, texts) {
    list.replaceChildren();
    for (const t of texts) list.append(el('li', {}, t));
  }
  function moveTyped(ids) {
    const box = layer.querySelector('#guide .typed');
    for (const [id, placeholder] of moved) {
      if (ids.indexOf(id) >= 0) continue;
      placeholder.replaceWith(wrappers[page.dictionary.fields.findIndex(function (f) { return f.id === id; })]);
      moved.delete(id);
    }
    for (const id of ids) {
      if (moved.has(id)) continue;
      const wrapper = wrappers[page.dictionary.fields.findIndex(function (f) { return f.id === id; })];
      if (!wrapper) continue;
      const placeholder = document.createComment(id);
      wrapper.replaceWith(placeholder);
      moved.set(id, placeholder);
      box.append(wrapper);
    }
  }
  function clearAnswers(region) {
    guideKeys = '';
    for (const old of region.querySelector('.answers').children) controls.delete(old.dataset.key);
    region.querySelector('.answers').replaceChildren();
  }
  function applyGuide(g) {
    const region = layer.querySelector('#guide');
    if (!region || !g) return;
    const guided = g.mode === 'guided';
    for (const mode of ['form', 'guided']) {
      const tab = controls.get('tab:' + mode);
      if (tab) tab.setAttribute('aria-selected', String((mode === 'guided') === guided));
    }
    layer.querySelectorAll('fieldset.section').forEach(function (set) { set.hidden = guided; });
    region.hidden = !guided;
    const within = region.contains(document.activeElement);
    if (!guided) {
      // Nothing of it stays behind, not even for a label to point at.
      moveTyped([]);
      clearAnswers(region);
      setText(region.querySelector('#guide-question'), '');
      guide = g;
      return;
    }
    setText(region.querySelector('#guide-progress'), g.progress || '');
    const question = region.querySelector('.question'), stop = region.querySelector('.stop');
    const q = g.question;
    question.hidden = !q;
    stop.hidden = !g.stop;
    const previous = guide && guide.question ? guide.question.field : '';
    let focusTo = null;
    if (q) {
      setText(region.querySelector('#guide-question'), q.title);
      setText(region.querySelector('#guide-help'), q.help);
      setText(region.querySelector('.known-at'), q.known_at);
      const keys = q.answers.map(function (a) { return a.key + '=' + a.label; }).join('\n');
      const answers = region.querySelector('.answers');
      if (keys !== guideKeys) {
        for (const old of answers.children) controls.delete(old.dataset.key);
        answers.replaceChildren();
        for (const a of q.answers) answers.append(guideButton(a.key, a.label, a.key));
        guideKeys = keys;
      }
      moveTyped(q.typed);
      controls.get('guide:next').hidden = !q.typed.length;
      controls.get('guide:next').disabled = !q.can_next;
      fill(region.querySelector('.decides'), q.decides.map(function (d) { return d.title + ': \u201c' + d.source + '\u201d' + (d.translation ? ' ' + d.translation : ''); }));
      fill(region.querySelector('.meanings'), q.meanings);
      fill(region.querySelector('.then'), g.then || []);
      region.querySelector('.then-heading').hidden = !(g.then || []).length;
      if (within && q.field !== previous) focusTo = answers.firstChild || layer.querySelector('#guide .typed input, #guide .typed select');
    } else {
      moveTyped([]);
      clearAnswers(region);
    }
    if (g.stop) {
      setText(region.querySelector('#guide-stop'), g.stop.title);
      setText(region.querySelector('.stop-text'), g.stop.text);
      fill(region.querySelector('.stop-items'), g.stop.items.map(function (i) { return i.text; }));
      // The registry's sentences, verbatim (and translated), folded after the buttons.
      const sources = region.querySelector('.sources');
      sources.replaceChildren();
      for (const i of g.stop.items) {
        if (!i.source) continue;
        const box = el('details');
        box.append(el('summary', {}, page.dictionary.words.protocol_sentence), el('p', {}, '\u201c' + i.source + '\u201d'));
        if (i.translation) box.append(el('p', {}, i.translation));
        sources.append(box);
      }
      controls.get('guide:again').hidden = !g.stop.can_again;
      if (within && (!guide || !guide.stop)) focusTo = region.querySelector('#guide-stop');
    }
    controls.get('guide:back').disabled = !g.can_back;
    controls.get('guide:back_stop').disabled = !g.can_back;
    guide = g;
    if (focusTo) focusTo.focus({ preventScroll: page.stats.mode === 'canvas' });
    place();
  }

  // ---- The screening log: its buttons, filters, table and chart in words ----
  // The rows are what the app publishes (the first 200 the filters and the sort show); each
  // row's label opens it in the calculator, its Remove removes it.
  function logRegion(words) {
    const region = el('section', { id: 'log', 'aria-labelledby': 'log-title', hidden: true });
    region.append(el('h2', { id: 'log-title' }));
    const bar = el('div', { role: 'toolbar', class: 'toolbar', 'aria-labelledby': 'log-title' });
    for (const [key, label] of [['log:back', words.log_back], ['log:add', words.log_add], ['log:load', words.log_open], ['log:save', words.log_save],
                                ['log:csv', words.log_csv], ['log:print', words.log_print], ['log:undo', words.log_undo]])
      bar.append(guideButton(key, label, key));
    region.append(bar, el('p', { class: 'help' }, words.log_label_note), el('ul', { class: 'log-errors error' }));
    const filters = el('div', { class: 'filters' });
    const verdict = register('log:verdict', el('select', { 'aria-label': words.log_col_verdict }));
    verdict.addEventListener('change', function () { eligApp.action('log:verdict:' + verdict.value); page.onInput(); });
    const criterion = register('log:criterion', el('select', { 'aria-label': words.log_col_excluded }));
    criterion.addEventListener('change', function () { eligApp.action('log:criterion:' + criterion.value); page.onInput(); });
    const search = register('log:search', el('input', { type: 'text', autocomplete: 'off', 'aria-label': words.log_col_label, placeholder: words.log_col_label }));
    search.addEventListener('input', function () { eligApp.action('log:search:' + search.value); page.onInput(); });
    filters.append(verdict, criterion, search);
    const table = el('table', { class: 'log-table' });
    table.append(el('caption'));
    const head = el('tr');
    for (const w of [words.log_col_label, words.log_col_date, words.log_col_verdict, words.log_col_excluded, words.log_col_missing, words.log_col_changed, ''])
      head.append(el('th', { scope: 'col' }, w));
    table.append(el('thead'), el('tbody'));
    table.querySelector('thead').append(head);
    const chart = el('section', { class: 'log-chart', 'aria-labelledby': 'log-chart-title' });
    chart.append(el('h3', { id: 'log-chart-title' }), el('ul', { class: 'chart-boxes' }));
    for (const part of ['by_criterion', 'sequential', 'waived']) chart.append(el('h4', { class: 'chart-' + part + '-heading' }), el('ul', { class: 'chart-' + part }));
    region.append(filters, el('p', { class: 'log-empty' }, words.log_empty), table, chart);
    return region;
  }
  function options(select, list, value) {
    const want = list.map(function (o) { return o.value + '=' + o.label; }).join('\n');
    if (select.dataset.options !== want) {
      select.replaceChildren();
      for (const o of list) select.append(el('option', { value: o.value }, o.label));
      select.dataset.options = want;
    }
    if (select.value !== String(value)) select.value = String(value);
  }
  let logRows = '';
  function applyLog(l) {
    const region = layer.querySelector('#log');
    if (!region || !l) return;
    region.hidden = !l.open;
    const button = controls.get('button:log');
    if (button) setText(button, l.button);
    if (!l.open) return;
    layer.querySelectorAll('fieldset.section').forEach(function (set) { set.hidden = true; });
    layer.querySelector('#guide').hidden = true;
    setText(region.querySelector('#log-title'), l.button);
    fill(region.querySelector('.log-errors'), l.errors || []);
    options(controls.get('log:verdict'), l.verdicts || [], l.verdict);
    options(controls.get('log:criterion'), l.criteria || [], l.criterion);
    const search = controls.get('log:search');
    if (document.activeElement !== search && search.value !== (l.search || '')) search.value = l.search || '';
    const rows = l.rows || [];
    region.querySelector('.log-empty').hidden = l.total > 0;
    region.querySelector('.log-table').hidden = !l.total;
    setText(region.querySelector('caption'), l.shown || '');
    const key = JSON.stringify(rows);
    if (key !== logRows) {
      const body = region.querySelector('tbody');
      for (const old of body.querySelectorAll('button')) controls.delete(old.dataset.key);
      body.replaceChildren();
      for (const r of rows) {
        const tr = el('tr');
        tr.dataset.row = r.row;
        tr.dataset.status = r.status;
        const open = guideButton('log:row:' + r.row, r.label || '\u2014', 'log:row:' + r.row);
        const label = el('td');
        label.append(open);
        const missing = el('td', { title: r.missing.join(page.text('list_separator')) }, String(r.missing.length));
        const remove = el('td');
        remove.append(guideButton('log:remove:' + r.row, page.dictionary.words.log_remove, 'log:remove:' + r.row));
        tr.append(label, el('td', {}, r.date), el('td', {}, r.verdict), el('td', {}, r.excluded.join(page.text('list_separator'))), missing,
                  el('td', {}, r.changed ? page.dictionary.words.yes : ''), remove);
        body.append(tr);
      }
      logRows = key;
    }
    const chart = region.querySelector('.log-chart');
    const c = l.chart || { headings: [], boxes: [] };
    setText(chart.querySelector('#log-chart-title'), c.headings[0] || '');
    fill(chart.querySelector('.chart-boxes'), [c.headings[1] || ''].concat(c.boxes || []));
    ['by_criterion', 'sequential', 'waived'].forEach(function (part, i) {
      setText(chart.querySelector('.chart-' + part + '-heading'), c.headings[i + 2] || '');
      fill(chart.querySelector('.chart-' + part), c[part] || []);
    });
    // The sequential attrition's order, changed on the spot: each criterion earlier or later.
    for (const old of controls.keys()) if (/^log:(earlier|later):/.test(old)) controls.delete(old);
    chart.querySelectorAll('.chart-sequential li').forEach(function (li, i) {
      const criterion = (c.sequential_criteria || [])[i];
      for (const [move, label] of [['earlier', c.earlier], ['later', c.later]]) {
        const key = 'log:' + move + ':' + criterion;
        const button = guideButton(key, move === 'earlier' ? '\u25b2' : '\u25bc', key);
        button.setAttribute('aria-label', label + ': ' + li.firstChild.textContent);
        li.append(' ', button);
      }
    });
    controls.get('log:undo').disabled = !l.can_undo;
    for (const k of ['log:save', 'log:csv', 'log:print']) controls.get(k).disabled = !l.total;
    place();
  }

  function dialog() {
    const box = el('div', { class: 'dialog', role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'dialog-title', 'aria-describedby': 'dialog-text', hidden: true });
    box.append(el('h2', { id: 'dialog-title' }), el('p', { id: 'dialog-text' }),
               el('progress', { id: 'dialog-progress', max: 1, value: 0, hidden: true, 'aria-labelledby': 'dialog-title' }), el('div', { class: 'buttons' }));
    return box;
  }
  // The language the switch goes to: the next the app publishes.
  function nextLanguage() {
    const languages = (page.dictionary && page.dictionary.languages) || ['en'];
    return languages[(languages.indexOf(page.language) + 1) % languages.length];
  }

  page.buildLayer = function (dictionary) {
    const keep = focusedKey;
    controls.clear();
    labels.clear();
    wrappers.length = 0;
    layer.replaceChildren();
    layer.setAttribute('aria-label', page.text('layer_label'));
    const words = dictionary.words;
    moved = new Map();
    guideKeys = '';
    guide = null;
    logRows = '';
    layer.append(toolbar(words), modeTabs(words), guideRegion(words), logRegion(words));
    for (const section of dictionary.sections) {
      const set = el('fieldset', { class: 'section' });
      set.append(el('legend', {}, section.label));
      dictionary.fields.forEach(function (f, index) {
        if (f.section !== section.id) return;
        const wrapper = field(f, index, words);
        wrappers[index] = wrapper;
        set.append(wrapper);
      });
      layer.append(set);
    }
    layer.append(dialog());
    dialogShown = false;
    if (state) applyState(state);
    place();
    if (keep && controls.get(keep)) controls.get(keep).focus({ preventScroll: true });
  };

  // ---- Writing back what the app publishes ------------------------------------
  function setText(node, text) { if (node.textContent !== text) node.textContent = text; }

  function applyField(f, index, s) {
    const wrapper = wrappers[index];
    if (!wrapper) return;
    // A field that does not apply, or whose input the canvas replaces (a
    // multiple that value and ULN give), is not offered here either.
    wrapper.hidden = !s.relevant || !s.input;
    const main = controls.get('field:' + f.id);
    if (f.type === 'bool') {
      for (const [name, value] of [['Yes', 1], ['No', 0], ['Unknown', -1]]) controls.get('field:' + f.id + ':' + name).checked = s.choice === value;
    } else if (f.type === 'enum') {
      if (main.value !== String(s.choice)) main.value = String(s.choice);
    } else {
      // The field being typed into already holds what it sent; anything else
      // (a loaded file, a reset) is written back.
      if (main.value !== s.text) main.value = s.text;
      main.disabled = s.none;
      const unit = controls.get('field:' + f.id + ':unit');
      if (unit) {
        const offered = (s.units || []).map(String);
        for (const option of unit.options) option.hidden = offered.indexOf(option.value) < 0;
        unit.hidden = offered.length < 2;
        if (unit.value !== String(s.unit)) unit.value = String(s.unit);
      }
      const shownUnit = wrapper.querySelector('.unit');
      if (shownUnit) {
        shownUnit.hidden = Boolean(unit && !unit.hidden);
        setText(shownUnit, ' ' + (f.units.length ? f.units[s.unit].label : f.unit));
      }
      const none = controls.get('field:' + f.id + ':none');
      if (none) none.checked = s.none;
    }
    const invalid = Boolean(s.error);
    wrapper.querySelectorAll('input, select').forEach(function (c) { if (c.type !== 'checkbox') c.setAttribute('aria-invalid', invalid ? 'true' : 'false'); });
    setText(wrapper.querySelector('.error'), s.error || '');
    wrapper.querySelector('.needed').hidden = !s.needed;
    const source = wrapper.querySelector('.source');
    setText(source, s.source || '');
    source.hidden = !s.source;
  }

  function applyDialog(d) {
    const box = layer.querySelector('.dialog');
    if (!box) return;
    if (!d) {
      box.hidden = true;
      // Its buttons are gone with it.
      for (const old of box.querySelector('.buttons').children) controls.delete(old.dataset.key);
      box.querySelector('.buttons').replaceChildren();
      if (dialogShown && dialogReturn && document.contains(dialogReturn)) dialogReturn.focus({ preventScroll: true });
      dialogShown = false;
      return;
    }
    setText(box.querySelector('#dialog-title'), d.title);
    setText(box.querySelector('#dialog-text'), d.text);
    const progress = box.querySelector('#dialog-progress');
    progress.hidden = d.progress === undefined;
    if (d.progress !== undefined) progress.value = d.progress;
    // Escape does what the dialog's cancel does.
    box.onkeydown = function (e) { if (e.key === 'Escape') { eligApp.action(d.cancel); page.onInput(); } };
    const buttons = box.querySelector('.buttons');
    // The same buttons (a dialog whose progress moves): kept, and their focus with them.
    const same = buttons.children.length === d.buttons.length && d.buttons.every(function (b, i) { return buttons.children[i].dataset.key === b.key && buttons.children[i].textContent === b.label; });
    if (!same) {
      for (const old of buttons.children) controls.delete(old.dataset.key);
      buttons.replaceChildren();
      for (const b of d.buttons) {
        const button = register(b.key, el('button', { type: 'button' }, b.label));
        button.addEventListener('click', function () { eligApp.action(b.action); page.onInput(); });
        buttons.append(button);
      }
    }
    box.hidden = false;
    if (!dialogShown) {
      dialogReturn = document.activeElement;
      buttons.firstChild.focus({ preventScroll: true });
    }
    dialogShown = true;
  }

  function applyState(s) {
    if (!page.dictionary) return;
    page.dictionary.fields.forEach(function (f, index) { if (s.fields[index]) applyField(f, index, s.fields[index]); });
    const save = controls.get('button:save');
    if (save) save.disabled = !s.can_save;
    applyGuide(s.guide);
    applyLog(s.log);
    applyDialog(s.dialog);
  }
  page.publishForm = function (json) {
    state = JSON.parse(json);
    applyState(state);
    if (page.refreshMirror) page.refreshMirror();
  };
  page.formState = function () { return state; };

  // ---- Focus: the canvas shows where it is, and keeps it in view -------------
  function caretOf(control) {
    if (control.tagName !== 'INPUT' || control.type !== 'text' || control.selectionStart === null) return 0;
    return utf8Length(control.value.slice(0, control.selectionStart));
  }
  function sendFocus() {
    const control = controls.get(focusedKey);
    eligApp.domFocus(focusedKey, control ? caretOf(control) : 0);
    page.onInput();
  }
  layer.addEventListener('focusin', function (e) {
    focusedKey = e.target.dataset.key || '';
    sendFocus();
    place();
  });
  layer.addEventListener('focusout', function (e) {
    if (e.relatedTarget && layer.contains(e.relatedTarget)) return;
    focusedKey = '';
    sendFocus();
  });
  document.addEventListener('selectionchange', function () {
    if (focusedKey && document.activeElement === controls.get(focusedKey)) sendFocus();
  });
  // Enter goes to the next field, as Tab does.
  layer.addEventListener('keydown', function (e) {
    if (e.key !== 'Enter' || e.target.tagName !== 'INPUT' || e.target.type !== 'text' || e.isComposing) return;
    e.preventDefault();
    // In a guided question, Enter is Next once the answer is a value.
    if (e.target.closest('#guide')) {
      if (guide && guide.question && guide.question.can_next) { eligApp.action('guide:next'); page.onInput(); }
      return;
    }
    const all = Array.from(layer.querySelectorAll('input, select, button')).filter(function (c) {
      return !c.disabled && !c.closest('[hidden]') && (c.type !== 'radio' || c.checked);
    });
    const next = all[all.indexOf(e.target) + 1];
    if (next) next.focus({ preventScroll: page.stats.mode === 'canvas' });
  });
  page.focusControl = function (key) {
    const control = controls.get(key);
    if (!control) return;
    control.focus({ preventScroll: page.stats.mode === 'canvas' });
    if (page.stats.mode === 'html') control.scrollIntoView({ block: 'center' });
  };

  // ---- Over the canvas: each control where its item is drawn ----------------------
  // Positions go into a constructed style sheet (CSSOM), not style
  // attributes: the page's CSP allows no inline styles, and a page saved
  // with "Save page as" keeps none.
  const sheet = typeof CSSStyleSheet === 'function' && 'adoptedStyleSheets' in document ? new CSSStyleSheet() : null;
  if (sheet) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  let slots = 0;
  function slot(node) {
    if (!node.dataset.slot) node.dataset.slot = String(++slots);
    return node.dataset.slot;
  }
  function rule(node, rect) {
    const where = rect ? `position:fixed;left:${rect[0]}px;top:${rect[1]}px;width:${Math.max(rect[2], 1)}px;height:${Math.max(rect[3], 1)}px`
                       : 'position:fixed;left:-10000px;top:0;width:100px;height:20px';
    return `body.canvas #layer [data-slot="${slot(node)}"]{${where};margin:0;padding:0;box-sizing:border-box}`;
  }
  function place() {
    if (page.stats.mode !== 'canvas' || !sheet) return;
    const rules = [];
    for (const [key, control] of controls) {
      // A radio's or checkbox's label is what is drawn and tapped.
      const node = control.type === 'radio' || control.type === 'checkbox' ? control.parentNode : control;
      rules.push(rule(node, items[key]));
    }
    for (const [key, label] of labels) rules.push(rule(label, items[key]));
    sheet.replaceSync(rules.join('\n'));
  }
  page.publishItems = function (json) {
    items = JSON.parse(json);
    page.items = items;  // the browser tests read where things are
    place();
  };
  // The text field at a point of the canvas (CSS px), for a tap to focus it
  // inside the gesture (phones show their keyboard only then).
  page.textControlAt = function (x, y) {
    for (const key in items) {
      const control = controls.get(key);
      if (!control || control.tagName !== 'INPUT' || control.type !== 'text' || control.disabled) continue;
      const r = items[key];
      if (x >= r[0] && x < r[0] + r[2] && y >= r[1] && y < r[1] + r[3]) return control;
    }
    return null;
  };
  page.control = function (key) { return controls.get(key); };
})(eligPage);
