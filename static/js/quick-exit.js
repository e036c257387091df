// Quick exit: leave for a neutral page that Back cannot return from.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) return;
  var target = button.getAttribute("data-exit-url") || "https://www.bbc.co.uk/weather";

  function leave(event) {
    if (event) event.preventDefault();
    try { sessionStorage.clear(); } catch (e) { /* storage may be blocked */ }
    document.body.hidden = true;
    window.location.replace(target);
  }

  button.addEventListener("click", leave);

  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) leave(event);
    lastEscape = now;
  });
})();
