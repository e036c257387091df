// Collapse toggles for reply branches, and one button to open the content notes the
// reader hasn't asked to keep folded. Without JavaScript every note is a <details>.
(function () {
  "use strict";
  // Words come from Django's JavaScript catalogue (/jsi18n/), in the page's language.
  var gettext = window.gettext || function (s) { return s; };
  var ngettext = window.ngettext || function (one, many, n) { return n === 1 ? one : many; };
  var interpolate = window.interpolate || function (fmt, args, named) {
    if (named) return fmt.replace(/%\((\w+)\)s/g, function (m, k) { return String(args[k]); });
    var i = 0;
    return fmt.replace(/%s/g, function () { return String(args[i++]); });
  };
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
    rest.textContent = " " + ngettext("reply", "replies", branch.length);
    button.appendChild(verb);
    button.appendChild(rest);
    function label(open) {
      verb.textContent = interpolate(open ? gettext("Hide %s") : gettext("Show %s"), [branch.length]);
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
