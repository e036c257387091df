// Shows the preview in place, under the Preview button, instead of reloading the
// page. Without JavaScript the Preview button still works: the server renders the
// form again with the preview in the same place and the button focused, so the page
// opens there.
(function () {
  "use strict";
  document.querySelectorAll(".forum-preview-button").forEach(function (button) {
    var form = button.form;
    var url = button.getAttribute("data-preview-url");
    var box = form && form.querySelector(".forum-preview");
    var output = box && box.querySelector(".forum-preview-output");
    var body = form && form.querySelector("textarea[name=body]");
    if (!url || !box || !output || !body) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      var data = new FormData();
      data.append("body", body.value);
      data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (result) {
          box.hidden = false;
          if (result.error) {
            output.textContent = result.error;
          } else {
            output.innerHTML = result.html; // cleaned by the server's allow-list
          }
          box.scrollIntoView({ block: "nearest" });
        })
        .catch(function () { form.requestSubmit(button); });
    });
  });
})();
