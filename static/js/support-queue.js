/* Listener queue: live list of waiting requests (urgent first, then oldest). */
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
  var root = document.getElementById("support-queue");
  if (!root || !("WebSocket" in window)) return;
  var part = function (name) { return root.querySelector('[data-queue="' + name + '"]'); };
  var list = part("list");
  var acceptUrl = root.dataset.acceptUrl; // ends in /0/accept/
  var csrf = root.dataset.csrf;
  var onDuty = !!document.querySelector('input[name="on_duty"][value="0"]');
  var attempts = 0;
  var entries = [];
  var known = null;

  function waited(iso) {
    var minutes = Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
    if (minutes < 1) return gettext("Waiting less than a minute");
    return interpolate(ngettext("Waiting %s minute", "Waiting %s minutes", minutes), [minutes]);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function render() {
    list.textContent = "";
    entries.forEach(function (entry) {
      var li = el("li", "card support-queue-item" + (entry.urgent ? " is-urgent" : ""));
      if (entry.urgent) {
        var urgent = el("p", "support-urgent");
        urgent.appendChild(el("strong", "", gettext("Urgent:") + " "));
        urgent.appendChild(document.createTextNode(gettext("said they might act on thoughts of harm. Crisis options were shown to them.")));
        li.appendChild(urgent);
      }
      li.appendChild(el("p", "", waited(entry.created)));
      if (entry.chips.length) {
        var chips = el("ul", "chips");
        entry.chips.forEach(function (chip) { chips.appendChild(el("li", "badge", chip)); });
        li.appendChild(chips);
      }
      if (entry.wants_lived_experience) {
        li.appendChild(el("p", "small", entry.matches_you
        ? gettext("Would like a listener with lived experience — that's you.")
        : gettext("Would like a listener with lived experience.")));
      }
      var held = entry.held_for_match && new Date(entry.preference_until).getTime() > Date.now();
      if (held) li.appendChild(el("p", "small muted", gettext("Kept for a matching listener for a couple of minutes.")));
      var form = el("form");
      form.method = "post";
      form.action = acceptUrl.replace("/0/", "/" + entry.id + "/");
      var token = el("input");
      token.type = "hidden"; token.name = "csrfmiddlewaretoken"; token.value = csrf;
      form.appendChild(token);
      var button = el("button", "button button-primary", gettext("Accept"));
      button.type = "submit";
      button.disabled = !onDuty || held;
      form.appendChild(button);
      li.appendChild(form);
      list.appendChild(li);
    });
    var count = part("count");
    count.textContent = entries.length;
    count.dataset.count = entries.length;
    part("empty").hidden = entries.length > 0;
  }

  function onQueue(frame) {
    // Only requests it can place: a whole-number id to accept by.
    var requests = (frame.requests || []).filter(function (entry) {
      return typeof entry.id === "number" && entry.id > 0 && Math.floor(entry.id) === entry.id;
    });
    var ids = requests.map(function (entry) { return entry.id; });
    if (known !== null) {
      var fresh = ids.filter(function (id) { return known.indexOf(id) === -1; });
      if (fresh.length) {
        var urgent = requests.some(function (e) { return e.urgent && fresh.indexOf(e.id) !== -1; });
        part("announce").textContent = urgent ? gettext("An urgent request has arrived.") : gettext("Someone new is waiting.");
      }
    }
    known = ids;
    entries = requests;
    part("on-duty").textContent = interpolate(
      ngettext("%s listener on duty.", "%s listeners on duty.", frame.on_duty), [frame.on_duty]);
    render();
  }

  function onAlert(frame) {
    // Moderation's own alerts may come without words: say what kind they are.
    var words = frame.message || (frame.level === "urgent"
      ? gettext("An urgent item needs a moderator.")
      : gettext("An item needs a moderator."));
    var box = el("p", "notice", words + " ");
    if (frame.url) {
      var link = el("a", "", gettext("Open"));
      link.href = frame.url;
      box.appendChild(link);
    }
    part("alerts").appendChild(box);
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + location.host + root.dataset.socketPath);
    socket.onopen = function () { attempts = 0; };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === "queue") onQueue(frame);
      else if (frame.type === "alert") onAlert(frame);
      else if (frame.type === "assigned") onAlert({ message: frame.message, url: frame.room_url });
    };
    socket.onclose = function (event) {
      if (event.code === 4401 || event.code === 4403) return;
      attempts += 1;
      setTimeout(connect, Math.min(15000, 500 * Math.pow(2, attempts - 1)));
    };
  }
  setInterval(function () { if (entries.length) render(); }, 30000);
  connect();
})();
