// Quick exit: leave for a neutral page that Back cannot return from.
// location.replace() swaps this page's history entry for the neutral page, so Back
// from there goes to the page before this one, never to this one. Drafts kept in
// this browser (forum drafts, unsent chat messages) are wiped first. Without
// JavaScript the button is a plain link to the same neutral page.
(function () {
  "use strict";
  var button = document.getElementById("quick-exit");
  if (!button) return;
  var target = button.getAttribute("data-exit-url") || button.href;
  // Keys of what the site keeps in the browser while someone writes.
  var DRAFT_PREFIXES = ["kindred-draft:", "kindred-chat-pending-"];

  function clearDrafts(store) {
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        for (var j = 0; j < DRAFT_PREFIXES.length; j++) {
          if (key && key.indexOf(DRAFT_PREFIXES[j]) === 0) { store.removeItem(key); break; }
        }
      }
    } catch (e) { /* storage may be blocked */ }
  }

  function leave(event) {
    if (event) event.preventDefault();
    try { clearDrafts(window.localStorage); } catch (e) { /* blocked */ }
    try { window.sessionStorage.clear(); } catch (e) { /* blocked */ }
    document.body.hidden = true;
    document.title = "";
    window.location.replace(target);
  }

  button.addEventListener("click", leave);

  // Escape twice within 0.8 s (once is too easy to press by accident in a form).
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    if (now - lastEscape < 800) leave(event);
    lastEscape = now;
  });
})();
