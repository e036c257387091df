// Forms that ask where the reader is (a circle's Monday morning, a listener's
// nights) get this browser's time zone in their hidden data-browser-time-zone
// fields. Without JavaScript the field stays empty and the site's zone is used.
(function () {
  "use strict";
  if (!window.Intl) {
    return;
  }
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  document.querySelectorAll("input[data-browser-time-zone]").forEach(function (field) {
    field.value = zone;
  });
})();
