// Pointer, touch, wheel and keys on the canvas, for the app's ImGui
// (src/app/web/web_main.cpp). A mouse is passed through as it is. A finger
// behaves like a phone app: a tap is one click, sent when the finger lifts
// (and focuses a text field's control inside the gesture, so a phone shows
// its keyboard); a drag scrolls what is under it, with momentum; a long
// press shows the help a mouse shows on hover, without clicking.
(function (page) {
  const canvas = page.canvas;
  const kSlop = 8;            // CSS px a finger may wander and still tap
  const kLongPressMs = 450;
  const kFriction = 0.94;     // momentum kept per 16 ms
  const kVelocityWindowMs = 80;  // the part of a drag that sets its fling
  const kRestedMs = 50;          // a finger still this long before lifting does not fling
  const kVisibleVelocity = 0.1;  // CSS px per ms: about 2 px a frame
  const source = { mouse: 0, touch: 1, pen: 2 };
  let touch = null, momentum = null;

  function ratio() { return window.devicePixelRatio || 1; }
  function pointer(kind, e, button, from) {
    if (!page.ready) return;
    eligApp.pointer(kind, (e.clientX || 0) * ratio(), (e.clientY || 0) * ratio(), button, from);
    page.onInput();
  }
  function scroll(dy) {
    eligApp.scroll(0, dy * ratio());
    page.onInput();
  }
  function focusTextAt(e) {
    const control = page.textControlAt && page.textControlAt(e.clientX, e.clientY);
    if (control && document.activeElement !== control) control.focus({ preventScroll: true });
    return control;
  }

  // ---- Mouse and pen: straight through ------------------------------------------
  canvas.addEventListener('pointermove', function (e) {
    if (e.pointerType === 'touch') return touchMove(e);
    pointer(0, e, -1, source[e.pointerType] || 0);
  });
  canvas.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'touch') return touchStart(e);
    page.setTouch(false);
    pointer(1, e, e.button === 2 ? 1 : e.button === 1 ? 2 : 0, source[e.pointerType] || 0);
  });
  canvas.addEventListener('pointerup', function (e) {
    if (e.pointerType === 'touch') return touchEnd(e);
    pointer(2, e, e.button === 2 ? 1 : e.button === 1 ? 2 : 0, source[e.pointerType] || 0);
    // A click on a text field types into its control (a click elsewhere on
    // the canvas took focus away from it).
    focusTextAt(e);
  });
  canvas.addEventListener('pointerleave', function (e) { if (e.pointerType !== 'touch') pointer(3, e, -1, 0); });
  canvas.addEventListener('pointercancel', function (e) { if (e.pointerType === 'touch') touch = null; });
  canvas.addEventListener('contextmenu', function (e) { e.preventDefault(); });
  // No emulated mouse events after a touch: their mousedown would take the
  // focus away from the field a tap has just focused (and zoom on double tap).
  for (const type of ['touchstart', 'touchend']) canvas.addEventListener(type, function (e) { e.preventDefault(); }, { passive: false });

  // ---- Touch: tap, drag to scroll, long press for help ----------------------------
  function touchStart(e) {
    page.setTouch(true);
    if (touch) return;  // one finger at a time; pinch-zoom is the text-size buttons
    canvas.setPointerCapture(e.pointerId);
    // A finger that lands on a coasting form stops it, as on a phone, and
    // that touch clicks nothing: what was under it a moment ago has moved.
    const stoppedCoasting = stopMomentum();
    touch = { id: e.pointerId, x: e.clientX, y: e.clientY, trail: [{ t: e.timeStamp, y: e.clientY }], dragging: false, longPress: false, stoppedCoasting: stoppedCoasting };
    touch.timer = setTimeout(function () {
      if (!touch || touch.dragging) return;
      touch.longPress = true;
      // A hover where the finger rests: the help appears as for a mouse.
      pointer(0, { clientX: touch.x, clientY: touch.y }, -1, source.mouse);
    }, kLongPressMs);
  }
  function touchMove(e) {
    if (!touch || e.pointerId !== touch.id) return;
    if (!touch.dragging && Math.hypot(e.clientX - touch.x, e.clientY - touch.y) > kSlop) {
      touch.dragging = true;
      clearTimeout(touch.timer);
      // Scroll what is under the finger where it went down.
      pointer(0, { clientX: touch.x, clientY: touch.y }, -1, source.touch);
    }
    if (!touch.dragging) return;
    const dy = e.clientY - touch.trail[touch.trail.length - 1].y;
    // The trail keeps the newest point at least a window old (or the
    // first), and all after it: what the release speed is measured over.
    touch.trail.push({ t: e.timeStamp, y: e.clientY });
    while (touch.trail.length > 2 && e.timeStamp - touch.trail[1].t >= kVelocityWindowMs) touch.trail.shift();
    scroll(dy);
  }
  function touchEnd(e) {
    if (!touch || e.pointerId !== touch.id) return;
    const ended = touch;
    touch = null;
    clearTimeout(ended.timer);
    if (ended.dragging) return startMomentum(releaseVelocity(ended.trail, e.timeStamp));
    if (ended.longPress) return;  // the help stays until the next touch
    if (ended.stoppedCoasting) return pointer(3, e, -1, source.touch);
    // A tap: where, then press and release (ImGui gives each its frame),
    // and no hover left behind.
    pointer(0, e, -1, source.touch);
    pointer(1, e, 0, source.touch);
    pointer(2, e, 0, source.touch);
    pointer(3, e, -1, source.touch);
    focusTextAt(e);
  }
  function startMomentum(velocity) {
    if (Math.abs(velocity) < 0.05) return pointer(3, {}, -1, source.touch);
    let last = performance.now();
    momentum = { velocity: velocity };
    (function step(now) {
      if (!momentum) return;
      const dt = Math.min(50, now - last);
      last = now;
      momentum.velocity *= Math.pow(kFriction, dt / 16);
      scroll(momentum.velocity * dt);
      if (Math.abs(momentum.velocity) > 0.02) return requestAnimationFrame(step);
      momentum = null;
      pointer(3, {}, -1, source.touch);
    })(last);
  }
  // Speed at release, in CSS px per ms: over the drag's last moments only
  // (the trail), so a finger that rested before lifting leaves the form
  // where it is.
  function releaseVelocity(trail, liftTime) {
    const first = trail[0], last = trail[trail.length - 1];
    if (liftTime - last.t > kRestedMs) return 0;
    return last.t > first.t ? (last.y - first.y) / (last.t - first.t) : 0;
  }
  // Whether the form was coasting fast enough for a person to see it move.
  function stopMomentum() {
    const wasMoving = momentum !== null && Math.abs(momentum.velocity) > kVisibleVelocity;
    momentum = null;
    return wasMoving;
  }
  // Whether the form coasts on after a fling (the tests wait for it to rest).
  Object.defineProperty(page.stats, 'coasting', { enumerable: true, get: function () { return momentum !== null; } });

  // ---- Wheel: 100 pixels, 3 lines or 1/80 page make one step ------------------------
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    const step = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 80 : 1 / 100;
    eligApp.wheel(-e.deltaX * step, -e.deltaY * step);
    page.onInput();
  }, { passive: false });

  // ---- Keys: to the canvas only when no control of the page has focus --------------
  function key(down) {
    return function (e) {
      if (!page.ready || page.stats.mode !== 'canvas') return;
      const target = e.target;
      if (target !== document.body && target !== canvas && target !== document.documentElement) return;
      if (e.key === 'Tab') return;  // Tab walks the DOM layer's controls
      eligApp.key(e.key, down, e.ctrlKey, e.shiftKey, e.altKey, e.metaKey);
      page.onInput();
    };
  }
  window.addEventListener('keydown', key(true));
  window.addEventListener('keyup', key(false));
  window.addEventListener('focus', function () { if (page.ready && page.stats.mode === 'canvas') { eligApp.focus(true); page.onInput(); } });
  window.addEventListener('blur', function () { if (page.ready && page.stats.mode === 'canvas') { eligApp.focus(false); page.onInput(); } });

  // ---- The on-screen keyboard: keep the field being typed into in view -------------
  if (window.visualViewport) {
    window.visualViewport.addEventListener('resize', function () {
      const control = document.activeElement;
      if (!page.ready || page.stats.mode !== 'canvas' || !control || !control.dataset || !control.dataset.key || !page.items) return;
      const r = page.items[control.dataset.key];
      if (!r) return;
      const bottom = window.visualViewport.offsetTop + window.visualViewport.height - 8;
      if (r[1] + r[3] <= bottom && r[1] >= window.visualViewport.offsetTop) return;
      // Scroll the panel under the field so that the field sits in the
      // upper third of what is still visible.
      pointer(0, { clientX: r[0] + r[2] / 2, clientY: r[1] + r[3] / 2 }, -1, source.touch);
      scroll(window.visualViewport.offsetTop + window.visualViewport.height / 3 - r[1]);
    });
  }
})(eligPage);
