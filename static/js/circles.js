// Joining a circle: tell the server this browser's time zone, so the weekly
// question arrives on Monday morning where the circle's first member lives.
(function () {
  "use strict";
  var field = document.querySelector(".circle-join input[name='time_zone']");
  if (!field || !window.Intl) {
    return;
  }
  try {
    field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    field.value = "";
  }
})();
