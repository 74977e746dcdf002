/* Small helpers for the survey; every page also works without them. */
(function () {
  "use strict";
  // A form marked data-once posts once, whatever the user clicks (the server also
  // makes a repeat harmless). Reset when the page comes back from the back/forward cache.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-once")) { return; }
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    form.setAttribute("aria-busy", "true");
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.dataset.sent = "";
      form.removeAttribute("aria-busy");
    });
  });
  // A save on change that failed (network, a closed scan, an expired page) says so in
  // the page's language, instead of leaving the last "saved" standing.
  function saveFailed() {
    var status = document.getElementById("save-status");
    if (status && status.dataset.failed) { status.textContent = status.dataset.failed; }
  }
  document.addEventListener("htmx:responseError", saveFailed);
  document.addEventListener("htmx:sendError", saveFailed);
  // Bring the list of problems into view and focus, so it is read out first.
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });
})();
