/* Live chat client for /support/rooms/<id>/.
 *
 * Protocol (see the README, "WebSocket protocol"): JSON frames with a "type". The
 * room numbers its stored messages 1, 2, 3, ... (seq) in the order they were stored.
 * Messages from two server processes may arrive out of that order, so we keep
 * `floor`, the seq below which we hold everything we may see, and on (re)connect ask
 * for everything after it (?since=): a dropped connection or a server restart loses
 * nothing. "ready" and "synced" frames move the floor past messages we may not see.
 * Messages we send carry a client_id: they show as "Sending…" until the server's copy
 * with the same client_id arrives, and unsent ones are resent after reconnecting (the
 * server stores a client_id only once), no faster than the server's limit allows.
 * Nothing is ever shown twice: seqs are tracked.
 */
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
  var pgettext = window.pgettext || function (context, s) { return s; };
  // How a role is shown beside a name.
  function roleName(role) {
    if (role === "listener") return gettext("Listener");
    if (role === "moderator") return gettext("Moderator");
    return role.charAt(0).toUpperCase() + role.slice(1);
  }

  var root = document.getElementById("support-chat");
  if (!root || !("WebSocket" in window) || !window.JSON) return;

  var $ = function (name) { return root.querySelector('[data-chat="' + name + '"]'); };
  var roomId = root.dataset.room;
  var me = Number(root.dataset.me);
  var heldNotice = root.dataset.heldNotice || "";
  var log = $("log");
  var form = $("form");
  var input = $("input");
  var connection = $("connection");
  var errorBox = $("error");
  var typingBox = $("typing");
  var presenceBox = $("presence");
  var crisisBox = $("crisis");
  var countryBox = $("country");
  var endedBox = $("ended");
  var afterBox = $("after");
  var tools = $("tools");
  var slowBox = $("slow");
  var hostBox = $("host");
  var sendButton = $("send");
  // Group rooms: members write only while a listener or moderator is connected.
  var hostNeeded = root.dataset.hostNeeded === "1";
  var hostPresent = root.dataset.hostPresent === "1";
  // A listener's or moderator's pings keep their presence in a group room fresh.
  var HOST_PING_MS = 25000;
  var storageKey = "kindred-chat-pending-" + roomId;
  // The report page's address with "message-id" standing for the message's id.
  var reportUrl = log.dataset.reportUrl || "";

  var floor = Number(root.dataset.lastSeq) || 0;
  var above = {}; // seqs seen above floor
  var seen = {}; // seqs shown
  var pending = {}; // client_id -> {frame, li, sentOn}
  var outbox = []; // client_ids waiting for their turn to be sent
  var sentTimes = []; // when recent messages were sent (Date.now())
  // The server allows 10 messages per 10 s; stay a little under it.
  var PACE_LIMIT = 9;
  var PACE_MS = 10500;
  var paceTimer = null;
  var socket = null;
  var attempts = 0;
  var reconnectTimer = null;
  var socketReady = false; // "ready" came on this socket: what we send is in order
  var finished = root.dataset.ended === "1";
  var typingTimer = null;
  var lastTypingSent = 0;

  Array.prototype.forEach.call(log.querySelectorAll("li[data-seq]"), function (li) {
    seen[Number(li.dataset.seq)] = true;
  });

  // The server writes its own clock's time; show every message in the reader's,
  // as live ones are.
  Array.prototype.forEach.call(log.querySelectorAll("time[datetime]"), function (time) {
    time.textContent = timeText(time.getAttribute("datetime"));
  });

  function setConnection(text) {
    if (connection) connection.textContent = text;
  }

  function showError(text) {
    if (errorBox) errorBox.textContent = text || "";
  }

  function newClientId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 12);
  }

  function timeText(iso) {
    var date = iso ? new Date(iso) : new Date();
    var lang = document.documentElement.lang;
    return date.toLocaleTimeString(lang ? [lang] : [], { hour: "2-digit", minute: "2-digit" });
  }

  function savePending() {
    try {
      var frames = Object.keys(pending).map(function (key) { return pending[key].frame; });
      if (frames.length) sessionStorage.setItem(storageKey, JSON.stringify(frames));
      else sessionStorage.removeItem(storageKey);
    } catch (e) { /* storage may be off; pending still lives in memory */ }
  }

  function reportLink(id) {
    var link = document.createElement("a");
    link.className = "msg-report";
    link.href = reportUrl.replace("message-id", encodeURIComponent(String(id)));
    link.textContent = gettext("Report");
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + gettext("this message");
    link.appendChild(hidden);
    return link;
  }

  function buildItem(msg, mine) {
    var li = document.createElement("li");
    li.className = "msg msg-" + (msg.kind || "message") + (mine ? " msg-mine" : "");
    if (msg.kind !== "system") {
      var meta = document.createElement("p");
      meta.className = "msg-meta";
      var author = document.createElement("span");
      author.className = "msg-author";
      author.textContent = mine ? pgettext("author", "You") : msg.author;
      meta.appendChild(author);
      if (msg.author_role && msg.author_role !== "member") {
        var badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = roleName(msg.author_role);
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(badge);
      }
      var time = document.createElement("time");
      if (msg.created) time.dateTime = msg.created;
      time.textContent = timeText(msg.created);
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(time);
      var state = document.createElement("span");
      state.className = "msg-state";
      meta.appendChild(document.createTextNode(" "));
      meta.appendChild(state);
      if (!mine && msg.id && msg.author_id && reportUrl) {
        meta.appendChild(document.createTextNode(" "));
        meta.appendChild(reportLink(msg.id));
      }
      li.appendChild(meta);
    }
    var body = document.createElement("div");
    body.className = "user-text msg-body";
    li.appendChild(body);
    return li;
  }

  function fill(li, msg) {
    li.id = "m" + msg.id;
    li.dataset.id = msg.id;
    li.dataset.seq = msg.seq;
    li.classList.remove("msg-pending", "msg-failed");
    // body_html was cleaned by the server when the message was stored.
    li.querySelector(".msg-body").innerHTML = msg.body_html;
    var state = li.querySelector(".msg-state");
    if (state) state.textContent = "";
    var time = li.querySelector("time");
    if (time && msg.created) { time.dateTime = msg.created; time.textContent = timeText(msg.created); }
    if (msg.kind === "resource_card" && root.dataset.countryLabel && !li.querySelector(".msg-card-country")) {
      li.appendChild(countryLink());
      if (countryBox) countryBox.hidden = false;
    }
    var old = li.querySelector(".msg-notice");
    if (old) old.remove();
    if (msg.status === "held") {
      li.classList.add("msg-held");
      var notice = document.createElement("p");
      notice.className = "msg-notice";
      notice.textContent = msg.notice || heldNotice;
      li.appendChild(notice);
    }
  }

  // A helpline card shows the member's country's lines: a link to change it, which
  // opens the change control under the conversation.
  function countryLink() {
    var p = document.createElement("p");
    p.className = "small msg-card-country";
    var link = document.createElement("a");
    link.href = "#chat-country";
    link.dataset.chatCountryLink = "1";
    link.textContent = root.dataset.countryLabel;
    p.appendChild(link);
    return p;
  }

  root.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-chat-country-link]");
    if (!link || !countryBox) return;
    var details = countryBox.querySelector("details");
    if (details) details.open = true;
  });

  function place(li, seq) {
    // Keep stored messages in the room's order, above any still-pending ones.
    var items = log.querySelectorAll("li");
    for (var i = 0; i < items.length; i++) {
      var other = items[i];
      if (other === li) continue;
      // Listener notes have no seq: they stay after the message they follow.
      if (other.classList.contains("msg-listener-note")) continue;
      if (!other.dataset.seq || Number(other.dataset.seq) > seq) {
        log.insertBefore(li, other);
        return;
      }
    }
    log.appendChild(li);
  }

  function isCount(value) {
    return typeof value === "number" && value > 0 && Math.floor(value) === value;
  }

  function raiseFloor(seq) {
    if (isCount(seq) && seq > floor) floor = seq;
    Object.keys(above).forEach(function (key) { if (Number(key) <= floor) delete above[key]; });
    while (above[floor + 1]) { delete above[floor + 1]; floor += 1; }
  }

  function nearBottom() {
    return window.innerHeight + window.scrollY >= document.body.scrollHeight - 240;
  }

  function receiveMessage(msg) {
    // Only this room's messages, and only ones we can put in order.
    if (String(msg.room) !== String(roomId) || !isCount(msg.id) || !isCount(msg.seq)) return;
    var follow = nearBottom();
    var mine = msg.author_id === me;
    var waiting = mine && msg.client_id ? pending[msg.client_id] : null;
    if (waiting) {
      delete pending[msg.client_id];
      savePending();
    }
    if (seen[msg.seq]) {
      if (waiting) waiting.li.remove();
    } else {
      seen[msg.seq] = true;
      var li = waiting ? waiting.li : buildItem(msg, mine);
      fill(li, msg);
      place(li, msg.seq);
      if (!mine) typingBox.textContent = "";
      if (follow || mine) li.scrollIntoView({ block: "nearest" });
    }
    if (msg.seq > floor) above[msg.seq] = true;
    raiseFloor(0);
  }

  function addPending(frame, previewText) {
    var li = buildItem({ kind: frame.type === "resource_card" ? "resource_card" : "message" }, true);
    li.classList.add("msg-pending");
    li.querySelector(".msg-body").textContent = previewText;
    li.querySelector(".msg-state").textContent = gettext("Sending…");
    log.appendChild(li);
    pending[frame.client_id] = { frame: frame, li: li, sentOn: null };
    outbox.push(frame.client_id);
    savePending();
    li.scrollIntoView({ block: "nearest" });
    return li;
  }

  function failPending(clientId, text) {
    var waiting = pending[clientId];
    if (!waiting) return;
    delete pending[clientId];
    savePending();
    waiting.li.classList.remove("msg-pending");
    waiting.li.classList.add("msg-failed");
    waiting.li.querySelector(".msg-state").textContent = gettext("Not sent");
    if (waiting.frame.type === "message" && input && !input.value) {
      input.value = waiting.frame.body;
    }
    showError(text);
  }

  function sendFrame(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  // Sends what waits in the outbox, oldest first, at the pace the server allows;
  // a message refused for going too fast waits its turn again, it is never dropped.
  function pump() {
    clearTimeout(paceTimer);
    paceTimer = null;
    while (outbox.length) {
      var waiting = pending[outbox[0]];
      if (!waiting || waiting.sentOn === socket) { outbox.shift(); continue; }
      if (!socket || socket.readyState !== WebSocket.OPEN || !socketReady) return;
      var now = Date.now();
      while (sentTimes.length && now - sentTimes[0] >= PACE_MS) sentTimes.shift();
      if (sentTimes.length >= PACE_LIMIT) {
        paceTimer = setTimeout(pump, PACE_MS - (now - sentTimes[0]) + 50);
        return;
      }
      outbox.shift();
      sentTimes.push(now);
      waiting.frame.sent_at = now;
      waiting.sentOn = socket;
      sendFrame(waiting.frame);
    }
  }

  function queueAgain(clientId) {
    var waiting = pending[clientId];
    if (!waiting) return;
    waiting.sentOn = null;
    if (outbox.indexOf(clientId) < 0) outbox.push(clientId);
  }

  function flushPending() {
    Object.keys(pending).forEach(queueAgain);
    pump();
  }

  function renderPresence(here) {
    if (!presenceBox) return;
    var names = here.map(function (person) {
      var name = person.id === me ? pgettext("author", "you") : person.name;
      return person.role && person.role !== "member" ? name + " (" + roleName(person.role).toLowerCase() + ")" : name;
    });
    presenceBox.textContent = interpolate(gettext("Here now: %s"), [names.join(", ")]);
  }

  function setHostPresent(present) {
    hostPresent = present;
    if (!hostNeeded) return;
    if (hostBox) {
      hostBox.textContent = present ? hostBox.dataset.here : hostBox.dataset.away;
      hostBox.classList.toggle("is-here", present);
    }
    input.disabled = !present;
    if (sendButton) sendButton.disabled = !present;
  }

  function finish(text) {
    finished = true;
    if (endedBox) { endedBox.hidden = false; if (text) endedBox.textContent = text; }
    if (form) form.hidden = true;
    if (tools) tools.hidden = true;
    if (afterBox) afterBox.hidden = false;
    setConnection("");
    if (socket) socket.close(1000);
  }

  var handlers = {
    message: receiveMessage,
    ready: function (frame) {
      attempts = 0;
      socketReady = true;
      setConnection(gettext("Connected"));
      showError("");
      if ("host_present" in frame) setHostPresent(frame.host_present);
      raiseFloor(frame.last_seq);
      if (frame.more) sendFrame({ type: "history", since: floor });
      else flushPending();
    },
    synced: function (frame) { raiseFloor(frame.seq); },
    typing: function (frame) {
      typingBox.textContent = interpolate(gettext("%s is typing…"), [frame.author]);
      clearTimeout(typingTimer);
      typingTimer = setTimeout(function () { typingBox.textContent = ""; }, 4000);
    },
    presence: function (frame) { renderPresence(frame.here || []); },
    error: function (frame) {
      if (frame.code === "no_host") setHostPresent(false);
      if (frame.code === "rate_limited" && frame.client_id && pending[frame.client_id]) {
        // Too fast for the server after all: wait a moment and send it again.
        queueAgain(frame.client_id);
        if (!paceTimer) paceTimer = setTimeout(pump, 1500);
      } else if (frame.client_id) failPending(frame.client_id, frame.message);
      else showError(frame.message);
    },
    crisis: function (frame) {
      // Server-rendered panel from Kindred's own template.
      crisisBox.innerHTML = frame.html;
      wirePanel();
      crisisBox.scrollIntoView({ block: "nearest" });
    },
    help_asked: function (frame) {
      var status = crisisBox.querySelector("[data-chat-more-help-status]");
      var button = crisisBox.querySelector("[data-chat-more-help]");
      if (status) status.textContent = frame.message;
      if (button) { button.disabled = true; button.textContent = gettext("Your listener knows"); }
    },
    listener_note: function (frame) {
      // A quiet note for the listener (or moderator) only: never stored.
      var li = document.createElement("li");
      li.className = "msg msg-listener-note msg-note-" + frame.kind;
      var text = document.createElement("p");
      text.className = "msg-body";
      text.textContent = frame.text;
      li.appendChild(text);
      var after = frame.message_id ? document.getElementById("m" + frame.message_id) : null;
      if (after && after.nextSibling) log.insertBefore(li, after.nextSibling);
      else log.appendChild(li);
      li.scrollIntoView({ block: "nearest" });
    },
    ended: function () { finish(); },
    revoked: function (frame) { finish(frame.message); },
    muted: function (frame) {
      showError(frame.until ? gettext("A moderator has paused your messages here for a while.") : "");
    },
    room: function (frame) {
      // A room frame carries only what changed.
      if ("host_present" in frame) setHostPresent(frame.host_present);
      if (!slowBox || !("slow_mode_seconds" in frame)) return;
      slowBox.hidden = !frame.slow_mode_seconds;
      slowBox.textContent = frame.slow_mode_seconds
        ? interpolate(ngettext("Slow mode: one message every %s second.", "Slow mode: one message every %s seconds.",
          frame.slow_mode_seconds), [frame.slow_mode_seconds]) : "";
    },
    moderated: function (frame) {
      var li = document.getElementById("m" + frame.id);
      if (!li) return;
      if (frame.status === "visible") {
        li.classList.remove("msg-held");
        var notice = li.querySelector(".msg-notice");
        if (notice) notice.remove();
        li.querySelector(".msg-body").innerHTML = frame.body_html;
      } else if (!li.classList.contains("msg-mine")) {
        li.remove();
      }
    },
    pong: function () {}
  };

  // The panel's country form comes from the server without a CSRF token when it
  // arrives over the socket: give it this page's. Its "Tell my listener" button
  // sends a more_help frame.
  function wirePanel() {
    var token = "";
    Array.prototype.forEach.call(document.querySelectorAll("input[name=csrfmiddlewaretoken]"), function (field) {
      if (!token && field.value) token = field.value;
    });
    Array.prototype.forEach.call(crisisBox.querySelectorAll("form[data-country-form]"), function (countryForm) {
      var field = countryForm.querySelector("input[name=csrfmiddlewaretoken]");
      if (field && !field.value) field.value = token;
    });
    var button = crisisBox.querySelector("[data-chat-more-help]");
    if (!button || button.dataset.wired) return;
    button.dataset.wired = "1";
    button.hidden = false;
    button.addEventListener("click", function () {
      if (sendFrame({ type: "more_help" })) {
        button.disabled = true;
        var status = crisisBox.querySelector("[data-chat-more-help-status]");
        if (status) status.textContent = gettext("Telling your listener…");
      }
    });
  }

  // After a drop: a first try within half a second, then longer, never more than
  // 4 s apart, so the chat is back within seconds of the server; each wait is
  // jittered, so that a room's worth of clients don't all come back at once.
  function reconnectDelay(attempt) {
    var ceiling = Math.min(4000, 500 * Math.pow(2, attempt - 1));
    return ceiling / 2 + Math.random() * ceiling / 2;
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    socketReady = false;
    var scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + root.dataset.socketPath + "?since=" + floor);
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      var handle = handlers[frame.type];
      if (handle) handle(frame);
    };
    socket.onclose = function (event) {
      socket = null;
      if (finished) return;
      if (event.code === 4401 || event.code === 4403) {
        setConnection("");
        showError(gettext("You can't join this chat. Try reloading the page or signing in again."));
        return;
      }
      if (event.code === 4410) { finish(); return; }
      attempts += 1;
      setConnection(gettext("Reconnecting… your messages are safe."));
      reconnectTimer = setTimeout(connect, reconnectDelay(attempts));
    };
  }

  // The device is back online: don't wait out the backoff.
  window.addEventListener("online", function () {
    if (!socket && !finished && reconnectTimer) connect();
  });

  function restorePending() {
    var frames = [];
    try { frames = JSON.parse(sessionStorage.getItem(storageKey) || "[]"); } catch (e) { frames = []; }
    frames.forEach(function (frame) {
      if (frame && frame.client_id && !pending[frame.client_id]) {
        addPending(frame, frame.type === "message" ? frame.body : gettext("Helpline card"));
      }
    });
  }

  function submit() {
    var body = input.value.trim();
    if (!body || (hostNeeded && !hostPresent)) return;
    showError("");
    var frame = { type: "message", body: body, client_id: newClientId() };
    addPending(frame, body);
    input.value = "";
    pump();
  }

  if (finished) return;

  form.hidden = false;
  if (tools) tools.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    submit();
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  input.addEventListener("input", function () {
    var now = Date.now();
    if (now - lastTypingSent > 2500 && input.value.trim()) {
      lastTypingSent = now;
      sendFrame({ type: "typing" });
    }
  });
  Array.prototype.forEach.call(root.querySelectorAll("[data-opener]"), function (button) {
    button.addEventListener("click", function () {
      input.value = button.dataset.opener;
      input.focus();
    });
  });
  var cardButton = $("send-card");
  if (cardButton) {
    cardButton.addEventListener("click", function () {
      var select = $("resource");
      var frame = { type: "resource_card", resource_id: Number(select.value), client_id: newClientId() };
      addPending(frame, select.options[select.selectedIndex].text);
      pump();
    });
  }
  setHostPresent(hostPresent);
  wirePanel();
  if (root.dataset.hostPing === "1") {
    setInterval(function () { sendFrame({ type: "ping" }); }, HOST_PING_MS);
  }
  restorePending();
  var newest = log.lastElementChild;
  if (newest) newest.scrollIntoView({ block: "nearest" });
  connect();
})();
