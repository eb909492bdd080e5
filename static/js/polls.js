/* The aside's poll block: pages are the same for every visitor (and cached), so this
   visitor's part - the vote form with their tokens, or their answer and the results -
   comes from /polls/<slug>/block/. Without JavaScript the static form leads to the poll's
   page instead. */
(function () {
  "use strict";

  document.querySelectorAll("[data-poll-block]").forEach(function (body) {
    var here = window.location.pathname + window.location.search;
    var url = body.getAttribute("data-poll-block") + "?next=" + encodeURIComponent(here);
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("poll block: " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        body.innerHTML = html;
        body.setAttribute("data-poll-block-loaded", "");
      })
      .catch(function () {
        /* The static form still works: it opens the poll's page. */
      });
  });
})();
