/* A search box over a group of checkboxes (templates/actions/_choice_groups.html).
   Without this script every choice is shown; with it, typing keeps the choices whose
   words (or whose group's) hold every word typed, ignoring case and accents. A checked
   choice always stays in view, so nothing chosen disappears. */
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function setUp(box) {
    var bar = box.querySelector(".choice-filter");
    var input = box.querySelector("[data-filter-input]");
    var count = box.querySelector("[data-filter-count]");
    var empty = box.querySelector("[data-filter-empty]");
    var groups = Array.prototype.slice.call(box.querySelectorAll(".choice-group"));
    var items = [];
    groups.forEach(function (group) {
      var legend = group.querySelector("legend");
      var heading = legend ? legend.textContent : "";
      group.querySelectorAll("[data-choice]").forEach(function (item) {
        items.push({ item: item, group: group, text: fold(heading + " " + item.textContent),
                     box: item.querySelector("input") });
      });
    });
    function apply() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      var matched = 0;
      items.forEach(function (entry) {
        var match = words.every(function (word) { return entry.text.indexOf(word) >= 0; });
        var show = match || entry.box.checked;
        entry.item.hidden = !show;
        if (show) { shown += 1; }
        if (match) { matched += 1; }
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-choice]:not([hidden])");
      });
      empty.hidden = !words.length || matched > 0;
      count.textContent = words.length ? input.getAttribute("data-count-text")
        .replace("%(shown)s", String(shown)).replace("%(total)s", String(items.length)) : "";
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // searching, not saving
    });
    bar.hidden = false;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-choice-filter]").forEach(setUp);
  });
})();
