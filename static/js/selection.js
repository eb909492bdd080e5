// Selection wizard, progressive enhancement only: without this file the task links and the
// server do the same (selection/forms.py applies a task's presets when nothing is ticked).
(function () {
  "use strict";
  var form = document.querySelector("form[data-selection-form]");
  if (!form) return;
  // Must match selection.forms.CRM_TASKS: their CRM criteria become must-haves.
  var CRM_TASKS = ["service", "lifecycle"];
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-capability]"));

  function applyTask(task) {
    rows.forEach(function (row) {
      var presets = (row.getAttribute("data-presets") || "").split(" ");
      var ticked = task !== "" && presets.indexOf(task) !== -1;
      var must = ticked && row.hasAttribute("data-crm-criterion") && CRM_TASKS.indexOf(task) !== -1;
      row.querySelector("[data-must]").checked = must;
      row.querySelector("[data-nice]").checked = ticked && !must;
    });
  }

  form.querySelectorAll("input[name=task]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) applyTask(radio.value);
    });
  });
  // A capability is either a must-have or a wish, never both.
  rows.forEach(function (row) {
    var must = row.querySelector("[data-must]");
    var nice = row.querySelector("[data-nice]");
    must.addEventListener("change", function () { if (must.checked) nice.checked = false; });
    nice.addEventListener("change", function () { if (nice.checked) must.checked = false; });
  });
  form.querySelectorAll("[data-no-js-presets]").forEach(function (element) {
    element.hidden = true;
  });
})();
