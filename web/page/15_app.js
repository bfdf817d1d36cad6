// The app's exports, typed: the one place the page calls into the
// WebAssembly (docs/page-protocol.md lists each, with its arguments and
// result). Every other script calls eligApp; none calls Module._… or ccall.
// Strings go as UTF-8; a file's bytes go straight into the app's memory.
var eligApp = (function () {
  function call(name, returns, types, values) { return Module.ccall(name, returns, types, values); }
  return {
    // One frame at page time `timeMs`; true while the app wants another soon.
    frame: function (timeMs) { return Module._app_frame(timeMs) !== 0; },
    // The canvas in physical pixels, the device pixel ratio, a touch screen or not.
    resize: function (width, height, ratio, touch) { Module._app_resize(width, height, ratio, touch ? 1 : 0); },
    // kind 0 move, 1 press, 2 release, 3 left; physical px; ImGui button (-1 none); source 0 mouse, 1 touch, 2 pen.
    pointer: function (kind, x, y, button, source) { Module._app_pointer(kind, x, y, button, source); },
    wheel: function (linesX, linesY) { Module._app_wheel(linesX, linesY); },
    scroll: function (dx, dy) { Module._app_scroll(dx, dy); },  // a finger drag, physical px
    key: function (key, down, ctrl, shift, alt, meta) {
      call('app_key', null, ['string', 'number', 'number', 'number', 'number', 'number'], [key, down ? 1 : 0, ctrl ? 1 : 0, shift ? 1 : 0, alt ? 1 : 0, meta ? 1 : 0]);
    },
    focus: function (focused) { Module._app_focus(focused ? 1 : 0); },
    // Edits by field index (the dictionary's order), exactly as typed or chosen.
    setText: function (field, text) { call('app_set_text', null, ['number', 'string'], [field, text]); },
    setChoice: function (field, choice) { Module._app_set_choice(field, choice); },
    setUnit: function (field, unit) { Module._app_set_unit(field, unit); },
    setNone: function (field, none) { Module._app_set_none(field, none ? 1 : 0); },
    // The item key of the control with focus ("" none), the caret as a UTF-8 byte offset.
    domFocus: function (key, caret) { call('app_dom_focus', null, ['string', 'number'], [key, caret]); },
    action: function (name) { call('app_action', null, ['string'], [name]); },
    // A file's bytes (a Uint8Array), copied once into the app's memory.
    loadFile: function (name, bytes) {
      const at = Module._app_file_buffer(bytes.length);
      Module.HEAPU8.set(bytes, at);  // after the call: it may have grown the memory
      call('app_load_file', null, ['string'], [name]);
    },
    // A bundled language's tag (or its primary subtag); false when there is none.
    setLanguage: function (tag) { return call('app_set_language', 'number', ['string'], [tag]) === 1; },
  };
})();
