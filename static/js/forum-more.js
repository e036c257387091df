// "Load more replies" adds the next page's replies under the ones already read,
// instead of leaving for the next page. Without JavaScript it is a plain link to
// that page.
(function () {
  "use strict";
  var list = document.querySelector(".forum-reply-list");
  if (!list || !window.fetch || !window.DOMParser) { return; }

  function pagination(doc) { return doc.querySelector(".forum-replies .forum-pagination"); }

  function swap(oldNode, newNode) {
    if (oldNode && newNode) { oldNode.replaceWith(newNode); }
    else if (oldNode) { oldNode.remove(); }
  }

  function loadMore(link) {
    var holder = link.parentNode;
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("status " + response.status); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var items = doc.querySelectorAll(".forum-reply-list > li");
        var first = null;
        items.forEach(function (item) {
          var adopted = document.importNode(item, true);
          list.appendChild(adopted);
          first = first || adopted;
        });
        var nextLink = doc.querySelector("[data-forum-more]");
        swap(pagination(document), pagination(doc) && document.importNode(pagination(doc), true));
        swap(holder, nextLink && document.importNode(nextLink.parentNode, true));
        if (first) {
          var article = first.querySelector("article");
          if (article) { article.setAttribute("tabindex", "-1"); article.focus(); }
        }
      })
      .catch(function () { window.location.href = link.href; });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-forum-more]");
    if (!link) { return; }
    event.preventDefault();
    loadMore(link);
  });
})();
