/* prepguide: filter the contacts table by organization, status, tag and name.
   Ships with the site; no network. Works with material's instant navigation. */
(function () {
  "use strict";

  function setUp(root) {
    if (root.dataset.pgReady) return;
    root.dataset.pgReady = "1";
    var table = document.getElementById(root.dataset.pgFilter);
    if (!table) return;
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      return {
        el: row,
        org: row.dataset.org || "",
        status: row.dataset.status || "",
        tags: (row.dataset.tags || "").split("\u001f"),
        text: row.dataset.text || ""
      };
    });
    var controls = root.querySelectorAll("[data-filter]");
    var count = root.querySelector(".pg-count");
    var pending = false;

    function apply() {
      pending = false;
      var want = {};
      controls.forEach(function (c) { want[c.dataset.filter] = c.value.trim().toLowerCase(); });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        var ok = (!want.org || r.org === want.org) &&
          (!want.status || r.status === want.status) &&
          (!want.tag || r.tags.some(function (t) { return t.toLowerCase() === want.tag; })) &&
          (!want.text || r.text.indexOf(want.text) !== -1);
        if (r.el.hidden === ok) r.el.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + " of " + rows.length + " contacts";
    }

    function schedule() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(apply);
    }

    controls.forEach(function (c) {
      c.addEventListener("input", schedule);
      c.addEventListener("change", schedule);
    });
    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (c) {
      var v = params.get(c.dataset.filter);
      if (v) c.value = v;
    });
    apply();
  }

  function init() {
    document.querySelectorAll("[data-pg-filter]").forEach(setUp);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
