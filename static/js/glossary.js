// Live filtering of the glossary list as the visitor types. Progressive enhancement only:
// without this file the filter box submits ?q= and the server filters the same way.
(function () {
  "use strict";
  var form = document.querySelector("form[data-glossary-filter]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = form.querySelector("[data-glossary-status]");
  var empty = document.querySelector("[data-glossary-empty]");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-glossary-item]"));
  var sections = Array.prototype.slice.call(document.querySelectorAll("[data-glossary-section]"));

  function apply() {
    var query = input.value.trim().toLowerCase();
    var shown = 0;
    items.forEach(function (item) {
      var match = !query || item.getAttribute("data-search").indexOf(query) !== -1;
      item.hidden = !match;
      if (match) shown += 1;
    });
    sections.forEach(function (section) {
      var visible = section.querySelector("[data-glossary-item]:not([hidden])");
      section.hidden = !visible;
      var link = document.querySelector('[data-letter="' + section.id + '"]');
      if (link) link.classList.toggle("letter-index__item--disabled", !visible);
    });
    if (empty) empty.hidden = shown !== 0 || items.length === 0;
    // The label comes from the template, where it is translated.
    if (status) status.textContent = query ? status.getAttribute("data-found-label") + " " + shown : "";
  }

  input.addEventListener("input", apply);
})();
