/* Waiting page: live place in the queue, listeners on duty, and the move to the chat
 * once a listener accepts. Reconnects by itself; the server re-sends the status.
 * After the configured wait it reveals the "while you wait" offer and tells the server,
 * which counts the crisis panel in it as shown. */
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
  var root = document.getElementById("support-wait");
  if (!root) return;
  var offer = document.getElementById("support-offer");
  var offerIn = Number(root.dataset.offerIn);

  function tellServerOfferShown() {
    if (!window.fetch || !root.dataset.offerShownUrl) return;
    fetch(root.dataset.offerShownUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": root.dataset.csrf }
    }).catch(function () { /* only a count: nothing for the member to do */ });
  }
  function showOffer() {
    if (!offer || !offer.hidden) return;
    offer.hidden = false;
    tellServerOfferShown();
  }
  if (offer && offer.hidden && isFinite(offerIn)) setTimeout(showOffer, offerIn);

  if (!("WebSocket" in window)) return;
  var field = function (name) { return root.querySelector('[data-wait="' + name + '"]'); };
  var attempts = 0;
  var done = false;

  // Only a page of this site: a path, never another address.
  function roomUrl(url) {
    return typeof url === "string" && /^\/(?![\/\\])/.test(url) ? url : "";
  }

  function onStatus(frame) {
    if (frame.status && frame.status !== "waiting") {
      if (roomUrl(frame.room_url)) { done = true; window.location.assign(frame.room_url); }
      else { done = true; window.location.reload(); }
      return;
    }
    field("position").textContent = frame.position
      ? interpolate(gettext("You're number %s in the queue."), [frame.position]) : "";
    field("on-duty").textContent = interpolate(
      ngettext("%s listener on duty.", "%s listeners on duty.", frame.on_duty), [frame.on_duty]);
    field("estimate").textContent = frame.estimate;
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + root.dataset.socketPath);
    socket.onopen = function () { attempts = 0; field("connection").textContent = gettext("This page updates by itself."); };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "status") onStatus(frame);
      else if (frame.type === "accepted" && roomUrl(frame.room_url)) {
        done = true;
        field("estimate").textContent = gettext("A listener is here. Opening your chat…");
        window.location.assign(frame.room_url);
      } else if (frame.type === "cancelled") { done = true; window.location.reload(); }
    };
    socket.onclose = function (event) {
      if (done || event.code === 4401 || event.code === 4403) return;
      attempts += 1;
      field("connection").textContent = gettext("Reconnecting… you're still in the queue.");
      setTimeout(connect, Math.min(15000, 500 * Math.pow(2, attempts - 1)));
    };
  }
  connect();
})();
