/* prepguide: filter the contacts table (the directory of a playbook).
   A control with data-filter="KEY" keeps the rows whose data-KEY holds its value
   (several values are a JSON array); data-filter="text" searches data-text.
   Ships with the site, makes no request, and works with material's instant navigation. */
(function () {
  "use strict";

  // A row's values for one filter: user text is always written as a JSON array
  // (contacts-row.html.j2); anything else (an id, a status) is one value. A value that
  // does not parse never breaks the filters.
  function listOf(raw) {
    if (raw.charAt(0) === "[") {
      try {
        var parsed = JSON.parse(raw);
        if (Array.isArray(parsed)) return parsed.map(function (v) { return String(v); });
      } catch (e) { /* not JSON: one value */ }
    }
    return [raw];
  }

  // A preset from the address (?industry=health%20care) picks the option it names,
  // whatever its case.
  function preset(control, value) {
    var wanted = value.trim().toLowerCase();
    if (control.options) {
      for (var i = 0; i < control.options.length; i++) {
        if (control.options[i].value.trim().toLowerCase() === wanted) {
          control.value = control.options[i].value;
          return;
        }
      }
    }
    control.value = value;
  }

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
        values[key] = key === "text" ? raw : listOf(raw);
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
      var value = params.get(c.dataset.filter);
      if (value) preset(c, value);
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

  // Drafts in a row become tabs (WAI-ARIA tabs: arrow keys, Home and End move between
  // them; the panel follows). Without this script the drafts simply stack.
  var tabCount = 0;

  function setUpTabs() {
    var letters = document.querySelectorAll(".md-content .pg-letter:not([data-pg-tabs])");
    var groups = [];
    Array.prototype.forEach.call(letters, function (el) {
      var last = groups[groups.length - 1];
      var prev = el.previousElementSibling;
      if (last && prev === last[last.length - 1]) last.push(el);
      else groups.push([el]);
    });
    groups.forEach(function (group) {
      group.forEach(function (el) { el.setAttribute("data-pg-tabs", ""); });
      if (group.length < 2) return;
      var box = document.createElement("div");
      box.className = "pg-tabbed";
      var list = document.createElement("div");
      list.className = "pg-tablist";
      list.setAttribute("role", "tablist");
      var section = group[0].closest(".md-content") && headingBefore(group[0]);
      list.setAttribute("aria-label", "Drafts" + (section ? ": " + section : ""));
      group[0].parentNode.insertBefore(box, group[0]);
      box.appendChild(list);
      var tabs = group.map(function (panel, i) {
        var n = ++tabCount;
        var heading = panel.querySelector("h3");
        var tab = document.createElement("button");
        tab.type = "button";
        tab.className = "pg-tab";
        tab.id = "pg-tab-" + n;
        tab.setAttribute("role", "tab");
        tab.textContent = heading ? headingText(heading) : "Draft " + (i + 1);
        panel.id = panel.id || "pg-panel-" + n;
        tab.setAttribute("aria-controls", panel.id);
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tab.id);
        panel.tabIndex = 0;
        list.appendChild(tab);
        box.appendChild(panel);
        return tab;
      });
      function select(index, focus) {
        tabs.forEach(function (tab, i) {
          var on = i === index;
          tab.setAttribute("aria-selected", on ? "true" : "false");
          tab.tabIndex = on ? 0 : -1;
          group[i].hidden = !on;
        });
        if (focus) tabs[index].focus();
      }
      tabs.forEach(function (tab, i) {
        tab.addEventListener("click", function () { select(i, false); });
        tab.addEventListener("keydown", function (ev) {
          var next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
          if (next === undefined) return;
          ev.preventDefault();
          select((next + tabs.length) % tabs.length, true);
        });
      });
      select(0, false);
    });
  }

  function headingBefore(el) {
    for (var node = el; node; node = node.parentElement) {
      for (var sib = node.previousElementSibling; sib; sib = sib.previousElementSibling) {
        if (sib.tagName === "H2") return headingText(sib);
      }
    }
    return "";
  }

  // A link to a heading in a folded section or a hidden tab (the table of contents, a search
  // result) unfolds the section and shows the tab.
  function reveal() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var panel = target.closest(".pg-tabbed > .pg-letter[hidden]");
    if (panel) {
      var tab = document.getElementById(panel.getAttribute("aria-labelledby"));
      if (tab) tab.click();
    }
    for (var d = target.closest("details:not([open])"); d; d = d.parentElement.closest("details:not([open])")) {
      d.open = true;
    }
    if (panel || target.closest("details")) target.scrollIntoView();
  }

  function init() {
    patchTheme();
    document.querySelectorAll("[data-pg-filter]").forEach(setUp);
    setUpTabs();
    reveal();
  }

  if (!window.__pgReveal) {
    window.__pgReveal = true;
    window.addEventListener("hashchange", reveal);
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
