/* "I need someone now": ticking "I might act..." shows the crisis panel at once. */
(function () {
  "use strict";
  var box = document.getElementById("id_might_act");
  var panel = document.getElementById("might-act-panel");
  if (!box || !panel) return;
  function update() {
    panel.hidden = !box.checked;
    if (box.checked) panel.scrollIntoView({ block: "start" });
  }
  box.addEventListener("change", update);
})();
