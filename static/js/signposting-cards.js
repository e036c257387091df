// Contextual help cards: a "Hide" button that closes the card for this page view.
// Without JavaScript the card is a <details> that can be folded away instead.
(function () {
  "use strict";
  // Words come from Django's JavaScript catalogue (/jsi18n/), in the page's language.
  var gettext = window.gettext || function (s) { return s; };
  if (window.kindredCardsReady) return;
  window.kindredCardsReady = true;

  function enhance() {
    var cards = document.querySelectorAll("details.sp-card:not([data-enhanced])");
    Array.prototype.forEach.call(cards, function (card) {
      card.setAttribute("data-enhanced", "1");
      var body = card.querySelector(".sp-card-body");
      if (!body) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "link-button sp-card-dismiss";
      button.textContent = gettext("Hide this note");
      button.addEventListener("click", function () {
        card.classList.add("sp-dismissed");
      });
      body.appendChild(button);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
