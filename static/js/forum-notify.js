// Keeps the unread count in the header current over /ws/notifications/. The page is
// correct without it: the count is rendered by the server on every load.
(function () {
  "use strict";
  var link = document.getElementById("forum-notify-link");
  var badge = document.getElementById("forum-unread");
  if (!link || !badge || !window.WebSocket) { return; }
  var delay = 1000;
  function show(count) {
    // The header's own badge, and its copy on the closed menu.
    [badge].concat(Array.prototype.slice.call(document.querySelectorAll("[data-unread-mirror]")))
      .forEach(function (each) {
        each.setAttribute("data-count", String(count));
        each.querySelector(".forum-unread-number").textContent = String(count);
      });
  }
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + link.getAttribute("data-ws-path"));
    socket.addEventListener("open", function () { delay = 1000; });
    socket.addEventListener("message", function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data.type === "notification" && typeof data.unread === "number") { show(data.unread); }
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4401) { return; }
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    });
  }
  connect();
})();
