/* Django's autocomplete boxes (select2) are named by the chosen value (aria-labelledby
   points at it), so an empty one has no accessible name: point them at the field's label.

   Django's autocomplete.js starts select2 from a jQuery ready handler, which jQuery 3 runs
   asynchronously, sometimes after the "load" event; so the boxes are named in the same step
   that creates them, by wrapping its djangoAdminSelect2 (also used for inline rows added
   later). This deferred script runs after the form's media has defined it. */
(function () {
  "use strict";
  var $ = window.django && window.django.jQuery;
  if (!$ || !$.fn.djangoAdminSelect2) {
    return; // a page without autocomplete fields
  }

  function nameByLabel(select) {
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
  }

  var start = $.fn.djangoAdminSelect2;
  $.fn.djangoAdminSelect2 = function () {
    var started = start.apply(this, arguments);
    this.each(function (i, select) {
      nameByLabel(select);
    });
    return started;
  };
})();
