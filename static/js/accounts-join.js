// Joining: turn the suggested pseudonyms into buttons that fill the field.
(function () {
  "use strict";
  // Words come from Django's JavaScript catalogue (/jsi18n/), in the page's language.
  var gettext = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (fmt, args, named) {
    if (named) return fmt.replace(/%\((\w+)\)s/g, function (m, k) { return String(args[k]); });
    var i = 0;
    return fmt.replace(/%s/g, function () { return String(args[i++]); });
  };
  var list = document.querySelector("[data-pseudonym-suggestions]");
  if (!list) return;
  var input = document.getElementById(list.getAttribute("data-target"));
  if (!input) return;
  list.querySelectorAll("[data-pseudonym]").forEach(function (item) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "suggestion suggestion-button";
    button.textContent = item.getAttribute("data-pseudonym");
    button.setAttribute("aria-label", interpolate(gettext("Use %s"), [button.textContent]));
    button.addEventListener("click", function () {
      input.value = button.textContent;
      input.focus();
    });
    item.replaceWith(button);
  });
})();
