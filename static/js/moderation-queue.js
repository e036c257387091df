// The queue page: reload the list when the queue changes; a sound on/off toggle.
(function () {
  "use strict";
  // Words come from Django's JavaScript catalogue (/jsi18n/), in the page's language.
  var gettext = window.gettext || function (s) { return s; };
  var section = document.querySelector("[data-queue-url]");
  if (!section) { return; }
  var list = document.getElementById("queue-list");
  var url = section.getAttribute("data-queue-url");
  var pending = false;

  function refresh() {
    if (pending) { return; }
    pending = true;
    window.fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        pending = false;
        if (html === null) { return; }
        list.innerHTML = html;
        list.setAttribute("data-refreshed", String(Date.now()));
      })
      .catch(function () { pending = false; });
  }

  function wire() {
    var live = window.KindredModerationLive;
    if (!live) { window.setTimeout(wire, 100); return; }
    var first = true;
    live.onMessage(function (message) {
      // The counts sent on first connecting describe the page just loaded.
      if (first && message.type === "counts") { first = false; return; }
      first = false;
      if (message.type === "counts" || message.type === "alert") { refresh(); }
    });
    var wrap = document.querySelector("[data-sound-wrap]");
    var toggle = document.querySelector("[data-sound-toggle]");
    if (wrap && toggle) {
      var render = function () {
        var on = !live.muted();
        toggle.setAttribute("aria-pressed", on ? "true" : "false");
        toggle.textContent = on ? gettext("Sound for urgent items: on") : gettext("Sound for urgent items: off");
      };
      toggle.addEventListener("click", function () { live.setMuted(!live.muted()); render(); });
      render();
      wrap.hidden = false;
    }
  }
  wire();
})();
