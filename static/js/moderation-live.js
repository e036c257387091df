// Live queue counts and urgent alerts for moderators, on every page.
// Sound: a short beep made with WebAudio (no audio files), unless muted.
(function () {
  "use strict";
  if (window.KindredModerationLive) { return; }
  var MUTE_KEY = "kindred-moderation-muted";
  var listeners = [];
  var audio = null;
  var retry = 1000;

  function muted() {
    try { return window.localStorage.getItem(MUTE_KEY) === "1"; } catch (e) { return false; }
  }
  function setMuted(value) {
    try { window.localStorage.setItem(MUTE_KEY, value ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function beep() {
    if (muted()) { return; }
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) { return; }
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") { audio.resume(); }
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = 660;
      gain.gain.setValueAtTime(0.0001, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.2, audio.currentTime + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.35);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start();
      oscillator.stop(audio.currentTime + 0.4);
    } catch (e) { /* no sound available; the visible alert still shows */ }
  }
  function setCounts(counts) {
    document.querySelectorAll("[data-moderation-count]").forEach(function (badge) {
      var key = badge.getAttribute("data-moderation-count");
      if (!(key in counts)) { return; }
      var value = String(counts[key]);
      badge.setAttribute("data-count", value);
      var hidden = badge.querySelector(".visually-hidden");
      badge.textContent = value;
      if (hidden) { badge.insertBefore(hidden, badge.firstChild); }
    });
  }
  function showAlert(message) {
    var box = document.getElementById("moderation-alert");
    if (!box) { return; }
    var words = box.querySelector("[data-alert-message]");
    if (words && message.message) { words.textContent = message.message; }
    var link = box.querySelector("[data-alert-link]");
    if (link && message.url) { link.setAttribute("href", message.url); }
    box.hidden = false;
    beep();
  }
  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/moderation/");
    socket.addEventListener("open", function () {
      retry = 1000;
      document.documentElement.setAttribute("data-moderation-live", "1");
    });
    socket.addEventListener("message", function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "counts") { setCounts(message.counts); }
      if (message.type === "alert") { showAlert(message); }
      listeners.forEach(function (listener) { listener(message); });
    });
    socket.addEventListener("close", function (event) {
      document.documentElement.removeAttribute("data-moderation-live");
      if (event.code === 4404) { return; }
      window.setTimeout(connect, retry);
      retry = Math.min(retry * 2, 30000);
    });
  }
  document.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest && target.closest("[data-alert-dismiss]")) {
      document.getElementById("moderation-alert").hidden = true;
    }
    // Browsers only allow sound after a gesture: unlock it on the first click.
    var Context = window.AudioContext || window.webkitAudioContext;
    if (Context && !audio && !muted()) {
      try { audio = new Context(); } catch (e) { audio = null; }
    }
  });
  window.KindredModerationLive = {
    onMessage: function (listener) { listeners.push(listener); },
    muted: muted,
    setMuted: setMuted,
  };
  connect();
})();
