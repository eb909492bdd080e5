// Selection wizard, progressive enhancement only: without this file the server does the
// same (selection/forms.py makes a task's presets wishes when nothing is chosen) and the
// folded questions open by their own summary.
(function () {
  "use strict";
  var form = document.querySelector("form[data-selection-form]");
  if (!form) return;
  var needs = Array.prototype.slice.call(form.querySelectorAll("[data-need]"));

  // Choosing a task makes its usual capabilities wishes, replacing only the wishes a
  // previous task set: what the visitor chose by hand stays.
  function applyTask(task) {
    needs.forEach(function (row) {
      var select = row.querySelector("select");
      var presets = (row.getAttribute("data-presets") || "").split(" ");
      var preset = task !== "" && presets.indexOf(task) !== -1;
      if (preset && select.value === "") {
        select.value = "nice";
        select.setAttribute("data-by-task", "");
      } else if (!preset && select.hasAttribute("data-by-task")) {
        select.value = "";
        select.removeAttribute("data-by-task");
      }
    });
  }

  form.querySelectorAll("input[name=task]").forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) applyTask(radio.value);
    });
  });
  needs.forEach(function (row) {
    row.querySelector("select").addEventListener("change", function (event) {
      event.target.removeAttribute("data-by-task");
    });
  });

  // «Изменить» above the result unfolds the questions it points at.
  var edit = document.getElementById("selection-questions");
  document.querySelectorAll('a[href="#selection-questions"]').forEach(function (link) {
    link.addEventListener("click", function () {
      if (edit) edit.open = true;
    });
  });
  if (edit && window.location.hash === "#selection-questions") edit.open = true;
})();
