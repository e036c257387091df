// Joining: turn the suggested pseudonyms into buttons that fill the field.
(function () {
  "use strict";
  var list = document.querySelector("[data-pseudonym-suggestions]");
  if (!list) return;
  var input = document.getElementById(list.getAttribute("data-target"));
  if (!input) return;
  list.querySelectorAll("[data-pseudonym]").forEach(function (item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "suggestion suggestion-button";
    button.textContent = item.getAttribute("data-pseudonym");
    button.setAttribute("aria-label", "Use " + button.textContent);
    button.addEventListener("click", function () {
      input.value = button.textContent;
      input.focus();
    });
    item.replaceWith(button);
  });
})();
