// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Page scripts ask the stylesheet which layout is showing, so a breakpoint's width lives in
  // one place (static/css/responsive.css sets --layout: narrow below it).
  window.Portal = {
    isNarrow: function () {
      var value = getComputedStyle(document.documentElement).getPropertyValue("--layout");
      return value.trim() === "narrow";
    },
  };
  // Forms marked data-autosubmit submit themselves when a control changes,
  // so facet checkboxes apply at once; the submit button stays for no-JS visitors.
  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox], input[type=radio], select")) {
        form.requestSubmit ? form.requestSubmit() : form.submit();
      }
    });
  });
})();
