/* prepguide: filter the contacts table (the directory of a playbook).
   A control with data-filter="KEY" keeps the rows whose data-KEY holds its value
   (several values are a JSON array); data-filter="text" searches data-text.
   Ships with the site, makes no request, and works with material's instant navigation. */
(function () {
  "use strict";

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
        values[key] = key === "text" ? raw : raw.charAt(0) === "[" ? JSON.parse(raw) : [raw];
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

  // Names, roles and states the theme's markup lacks (see docs/accessibility.md).
  function patchTheme() {
    // the search dialog has no accessible name
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])')
      .forEach(function (el) { el.setAttribute("aria-label", "Search"); });
    // the palette toggle is a group of radio buttons of which the theme checks none until it
    // is used, so Tab lands on the first one, whose label may be the hidden one: check the one
    // whose label shows (no change event: the palette stays as it is)
    var palette = document.querySelector('[data-md-component="palette"]');
    if (palette && !palette.querySelector("input.md-option:checked")) {
      var options = palette.querySelectorAll("input.md-option");
      for (var i = 0; i < options.length; i++) {
        var label = options[i].nextElementSibling;
        if (label && label.tagName === "LABEL" && !label.hidden) {
          options[i].checked = true;
          break;
        }
      }
    }
    // "Copied to clipboard" appears in a dialog that assistive technology is not told about
    document.querySelectorAll('.md-dialog[data-md-component="dialog"]:not([role])')
      .forEach(function (el) {
        el.setAttribute("role", "status");
        el.setAttribute("aria-live", "polite");
      });
    // a page's tag list is a second unnamed <nav>
    document.querySelectorAll("nav.md-tags:not([aria-label])")
      .forEach(function (el) { el.setAttribute("aria-label", "Tags"); });
    // each code block's copy button sits in an unnamed <nav>, one per block: name both after
    // the draft (the heading above it), or number them
    var blocks = document.querySelectorAll(".md-content pre > nav.md-code__nav:not([aria-label])");
    Array.prototype.forEach.call(blocks, function (nav, i) {
      var name = "";
      var draft = nav.closest(".pg-draft");
      for (var el = draft && draft.previousElementSibling; el && !name; el = el.previousElementSibling) {
        if (/^H[1-6]$/.test(el.tagName)) name = headingText(el);
      }
      name = name || "Code block " + (i + 1);
      nav.setAttribute("aria-label", name);
      var button = nav.querySelector("button[data-md-type='copy'], button.md-clipboard");
      if (button && !button.hasAttribute("aria-label")) {
        button.setAttribute("aria-label", (button.title || "Copy to clipboard") + ": " + name);
      }
    });
    // every heading's permalink is named "¶": say what it links to
    document.querySelectorAll(".md-content a.headerlink:not([aria-label])").forEach(function (a) {
      var text = a.parentElement ? headingText(a.parentElement) : "";
      if (text) a.setAttribute("aria-label", "Link to the section " + text);
    });
  }

  function headingText(heading) {
    var link = heading.querySelector("a.headerlink");
    var text = heading.textContent;
    if (link) text = text.replace(link.textContent, "");
    return text.trim();
  }

  function init() {
    patchTheme();
    document.querySelectorAll("[data-pg-filter]").forEach(setUp);
  }

  // The palette toggle is a radio button: the theme switches it with Enter, and Space (which
  // leaves a checked radio button as it is) should work too. Listened to once, on the document,
  // since the header outlives material's instant navigation.
  if (!window.__pgPaletteSpace) {
    window.__pgPaletteSpace = true;
    document.addEventListener("keydown", function (ev) {
      var input = ev.target;
      if (ev.key !== " " || !input || !input.matches ||
          !input.matches('[data-md-component="palette"] input.md-option')) return;
      var label = input.nextElementSibling;
      if (label && label.tagName === "LABEL") {
        ev.preventDefault();
        label.click();
      }
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
