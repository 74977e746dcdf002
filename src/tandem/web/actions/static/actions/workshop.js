/* The workshop view, one step at a time: ← and → (PageUp/PageDown, Home/End) or the
   buttons move; the address keeps the step (#step-3), so a reload or the answer to a
   recorded action comes back to it. Without this script every step is on the page. */
(function () {
  "use strict";
  var steps = Array.prototype.slice.call(document.querySelectorAll(".workshop-step"));
  var controls = document.querySelector(".workshop-controls");
  if (!steps.length || !controls) { return; }
  var main = document.getElementById("main");
  var count = controls.querySelector("[data-count]");
  var previous = controls.querySelector("[data-go=previous]");
  var next = controls.querySelector("[data-go=next]");
  var current = -1;

  function fromHash() {
    var match = /^#step-(\d+)$/.exec(window.location.hash);
    return match ? Number(match[1]) - 1 : -1;
  }

  function show(index, focus) {
    index = Math.max(0, Math.min(steps.length - 1, index));
    if (index === current) { return; }
    current = index;
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    count.textContent = (index + 1) + " / " + steps.length;
    previous.disabled = index === 0;
    next.disabled = index === steps.length - 1;
    if (window.location.hash !== "#step-" + (index + 1)) {
      window.history.replaceState(null, "", "#step-" + (index + 1));
    }
    if (focus) { steps[index].querySelector("h2").focus(); }
    window.scrollTo(0, 0);
  }

  document.documentElement.classList.add("js-steps");
  controls.hidden = false;
  var start = fromHash();
  show(start >= 0 ? start : Number(main.getAttribute("data-start") || "1") - 1, false);

  previous.addEventListener("click", function () { show(current - 1, true); });
  next.addEventListener("click", function () { show(current + 1, true); });
  window.addEventListener("hashchange", function () {
    var index = fromHash();
    if (index >= 0) { show(index, true); }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    if (target.closest && target.closest("input, textarea, select, button, summary, [contenteditable]")) {
      return;  // typing in the action form, or a control that uses the key itself
    }
    var moves = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 };
    if (event.key in moves) {
      show(current + moves[event.key], true);
    } else if (event.key === "Home") {
      show(0, true);
    } else if (event.key === "End") {
      show(steps.length - 1, true);
    } else {
      return;
    }
    event.preventDefault();
  });
  var full = controls.querySelector("[data-fullscreen]");
  if (!document.documentElement.requestFullscreen) {
    full.hidden = true;
  } else {
    full.addEventListener("click", function () {
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else {
        document.documentElement.requestFullscreen();
      }
    });
  }
})();
