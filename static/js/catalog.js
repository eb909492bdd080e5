// Catalog filters, progressive enhancement only: the form works the same without it.
(function () {
  "use strict";
  // Empty controls ("Все классы", an empty price) would only clutter the shareable URL.
  document.querySelectorAll("form.catalog-filters, form.sort-form").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (control) {
        if (control.name && control.value === "" && !control.disabled) {
          control.disabled = true;
        }
      });
    });
  });
  // On a phone the open filter column would push the results a screen down; it starts
  // folded there (without scripts it stays open, so nothing is ever out of reach).
  if (window.Portal && window.Portal.isNarrow()) {
    document.querySelectorAll(".catalog-filters__details").forEach(function (details) {
      details.open = false;
    });
  }
  // With scripts on, the sort select applies at once, so its button is noise.
  document.querySelectorAll(".js-hidden").forEach(function (element) {
    element.hidden = true;
  });
})();
