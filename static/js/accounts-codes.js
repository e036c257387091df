// Recovery codes: an optional copy button (the codes stay readable without it).
(function () {
  "use strict";
  // Words come from Django's JavaScript catalogue (/jsi18n/), in the page's language.
  var gettext = window.gettext || function (s) { return s; };
  var actions = document.querySelector("[data-copy-actions]");
  var button = document.querySelector("[data-copy-codes]");
  if (!actions || !button || !navigator.clipboard) return;
  var list = document.getElementById(button.getAttribute("data-copy-codes"));
  var status = actions.querySelector("[data-copy-status]");
  actions.hidden = false;
  button.addEventListener("click", function () {
    var codes = Array.prototype.map.call(list.querySelectorAll("code"), function (code) {
      return code.textContent;
    });
    navigator.clipboard.writeText(codes.join("\n")).then(
      function () { status.textContent = gettext("Copied. Paste them somewhere safe."); },
      function () { status.textContent = gettext("Copying didn't work here; please write them down."); }
    );
  });
})();
