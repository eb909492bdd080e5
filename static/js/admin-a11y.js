/* Django's autocomplete boxes (select2) are named by the chosen value (aria-labelledby
   points at it), so an empty one has no accessible name: point them at the field's label. */
window.addEventListener("load", function () {
  "use strict";
  document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
    var label = document.querySelector('label[for="' + select.id + '"]');
    var box = select.parentNode.querySelector(".select2-selection");
    if (!label || !box) {
      return;
    }
    label.id = label.id || select.id + "-label";
    box.setAttribute("aria-labelledby", label.id);
    box.querySelectorAll('[role="textbox"]').forEach(function (shown) {
      shown.setAttribute("aria-labelledby", label.id);
    });
  });
});
