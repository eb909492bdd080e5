// Live Markdown preview in the glossary admin. Progressive enhancement: without this file the
// preview shows the saved text. The server renders and sanitises; we only swap its answer in.
(function () {
  "use strict";

  function init() {
  document.querySelectorAll("[data-preview-url]").forEach(function (preview) {
    var source = document.getElementById(preview.getAttribute("data-preview-source"));
    var form = source && source.form;
    if (!form) return;
    var selfField = document.getElementById(preview.getAttribute("data-preview-self") || "");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var latest = 0;

    function refresh() {
      var body = new FormData();
      body.append("text", source.value);
      if (selfField) body.append("slug", selfField.value);
      var request = ++latest;
      fetch(preview.getAttribute("data-preview-url"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token ? token.value : "" },
      })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html !== null && request === latest) preview.innerHTML = html;
        })
        .catch(function () { /* keep the last preview; saving still works */ });
    }

    source.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
  });
  }

  // Admin media scripts load in <head>, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
