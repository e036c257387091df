// Keeps what is typed in forum forms in this browser (localStorage) until it is
// posted, so a closed tab, a lost connection or a sign-in loses nothing.
(function () {
  "use strict";
  var PREFIX = "kindred-draft:";
  var store;
  try { store = window.localStorage; store.getItem("x"); } catch (e) { return; }

  var posted = document.querySelector("[data-forum-posted-draft]");
  if (posted) { store.removeItem(PREFIX + posted.getAttribute("data-forum-posted-draft")); }

  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var key = PREFIX + form.getAttribute("data-draft-key");
    var fields = form.querySelectorAll("textarea, input[type=text]");
    var discard = form.querySelector(".forum-discard-draft");
    var saved = {};
    try { saved = JSON.parse(store.getItem(key) || "{}") || {}; } catch (e) { saved = {}; }
    var restored = false;
    fields.forEach(function (field) {
      if (!field.value && saved[field.name]) { field.value = saved[field.name]; restored = true; }
    });
    function save() {
      var data = {}, any = false;
      fields.forEach(function (field) { if (field.value) { data[field.name] = field.value; any = true; } });
      if (any) { store.setItem(key, JSON.stringify(data)); } else { store.removeItem(key); }
      if (discard) { discard.hidden = !any; }
    }
    fields.forEach(function (field) { field.addEventListener("input", save); });
    if (discard) {
      discard.hidden = !restored && !Object.keys(saved).length;
      discard.addEventListener("click", function () {
        store.removeItem(key);
        fields.forEach(function (field) { field.value = ""; });
        discard.hidden = true;
      });
    }
  });
})();
