/* Tag suggestions in the admin (core/admin_widgets.py TagSuggestWidget): the datalist
   offers whole values, so each suggestion becomes what was typed up to the last comma plus
   one known tag that is not in the box yet. */
(function () {
  "use strict";

  function setUp(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list) {
      return;
    }
    var known = Array.prototype.map.call(list.options, function (option) {
      return option.value;
    });
    input.addEventListener("input", function () {
      var text = input.value;
      var cut = text.lastIndexOf(",");
      var head = cut < 0 ? "" : text.slice(0, cut + 1) + " ";
      var typed = text.slice(cut + 1).trim().toLowerCase();
      var present = text.slice(0, cut + 1).split(",").map(function (tag) {
        return tag.trim().toLowerCase();
      });
      list.textContent = "";
      known
        .filter(function (tag) {
          var lower = tag.toLowerCase();
          return lower.indexOf(typed) !== -1 && present.indexOf(lower) === -1;
        })
        .slice(0, 20)
        .forEach(function (tag) {
          var option = document.createElement("option");
          option.value = head + (tag.indexOf(",") === -1 ? tag : '"' + tag + '"');
          list.appendChild(option);
        });
    });
  }

  document.querySelectorAll("input[data-tag-suggest]").forEach(setUp);
})();
