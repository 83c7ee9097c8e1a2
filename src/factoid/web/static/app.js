// factoid pages: the only script, served from the package (the CSP allows no inline script).
(function () {
  "use strict";

  // A factoid's quote may be cut in pieces around other marks; only the first piece holds the
  // id that :target styles, so light every piece of it and bring it to the middle of the view.
  function showFact() {
    document.querySelectorAll("mark.fact.current").forEach(function (el) { el.classList.remove("current"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("f-") !== 0) return;
    var pieces = Array.prototype.filter.call(document.querySelectorAll("mark.fact"),
      function (el) { return el.dataset.f === id; });
    pieces.forEach(function (el) { el.classList.add("current"); });
    if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    showFact();
    window.addEventListener("hashchange", showFact);
    // filters that apply as soon as they change
    document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });
})();
