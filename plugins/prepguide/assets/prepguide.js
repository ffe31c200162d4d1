/* prepguide: filter the contacts table (the directory of a playbook).
   A control with data-filter="KEY" keeps the rows whose data-KEY holds its value
   (several values are separated by U+001F); data-filter="text" searches data-text.
   Ships with the site, makes no request, and works with material's instant navigation. */
(function () {
  "use strict";
  var SEP = "\u001f";

  function setUp(root) {
    if (root.dataset.pgReady) return;
    var table = document.getElementById(root.dataset.pgFilter);
    if (!table || !table.tBodies.length) return;
    root.dataset.pgReady = "1";
    var controls = Array.prototype.slice.call(root.querySelectorAll("[data-filter]"));
    var keys = controls.map(function (c) { return c.dataset.filter; });
    var rows = Array.prototype.map.call(table.tBodies[0].rows, function (row) {
      var values = {};
      keys.forEach(function (key) {
        var raw = (row.getAttribute("data-" + key) || "").toLowerCase();
        values[key] = key === "text" ? raw : raw.split(SEP);
      });
      return { el: row, values: values };
    });
    var count = root.querySelector(".pg-count");
    var noun = count ? count.textContent.replace(/^[\d\s]+of[\d\s]+/, "") : "";
    var pending = false;

    function apply() {
      pending = false;
      var wanted = controls.map(function (c) { return [c.dataset.filter, c.value.trim().toLowerCase()]; })
        .filter(function (pair) { return pair[1] !== ""; });
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = true;
        for (var j = 0; ok && j < wanted.length; j++) {
          var key = wanted[j][0];
          var value = wanted[j][1];
          ok = key === "text" ? row.values.text.indexOf(value) !== -1 : row.values[key].indexOf(value) !== -1;
        }
        if (row.el.hidden === ok) row.el.hidden = !ok;
        if (ok) shown++;
      }
      if (count) count.textContent = shown + " of " + rows.length + " " + noun;
    }

    function schedule() {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(apply);
    }

    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (c) {
      var preset = params.get(c.dataset.filter);
      if (preset) c.value = preset;
      c.addEventListener("input", schedule);
      c.addEventListener("change", schedule);
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
