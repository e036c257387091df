// Collapse toggles for reply branches, and one button to open the content notes the
// reader hasn't asked to keep folded. Without JavaScript every note is a <details>.
(function () {
  "use strict";
  var openNotes = document.querySelector("[data-forum-open-notes]");
  if (openNotes) {
    openNotes.hidden = false;
    openNotes.addEventListener("click", function () {
      document.querySelectorAll("details.forum-note:not([data-keep-closed])").forEach(function (d) { d.open = true; });
    });
  }
  var items = Array.prototype.slice.call(document.querySelectorAll(".forum-reply"));
  items.forEach(function (item, index) {
    var depth = parseInt(item.getAttribute("data-depth"), 10);
    var branch = [];
    for (var i = index + 1; i < items.length; i++) {
      if (parseInt(items[i].getAttribute("data-depth"), 10) <= depth) { break; }
      branch.push(items[i]);
    }
    if (!branch.length) { return; }
    var actions = item.querySelector(".forum-actions");
    if (!actions) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "link-button forum-branch-toggle";
    button.setAttribute("aria-expanded", "true");
    // "Hide 2" on screen keeps the actions on one row; a screen reader hears
    // "Hide 2 replies".
    var verb = document.createTextNode("");
    var rest = document.createElement("span");
    rest.className = "visually-hidden";
    rest.textContent = branch.length === 1 ? " reply" : " replies";
    button.appendChild(verb);
    button.appendChild(rest);
    function label(open) {
      verb.textContent = (open ? "Hide " : "Show ") + branch.length;
    }
    label(true);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      label(open);
      branch.forEach(function (el) { el.hidden = !open; });
    });
    actions.insertBefore(button, actions.querySelector(".forum-report"));
  });
})();
