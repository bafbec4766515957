/*
 * The header's search box on every page, and the highlight of searched words.
 *
 * The box is an ARIA 1.2 combobox: as the reader types, the first results
 * appear in a listbox (the search engine, search.js, and its index load only
 * then); Up and Down choose one (aria-activedescendant keeps focus in the
 * box), Enter opens it or, with none chosen, the search page, as the plain
 * form does; Escape closes the list. "/" anywhere but in a field focuses the
 * box.
 *
 * A page opened from a result carries ?h=<words>: those words are marked in
 * the page's text, with a note naming them and a button that removes the
 * marks and the parameter.
 */
(function () {
  "use strict";

  var form = document.getElementById("cmp-header-search");
  if (!form || form.dataset.ready) return; // once per box
  form.dataset.ready = "true";
  var SHOWN = 5;
  var WORD = /([\p{L}\p{N}_]+)/u;

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  var engine = null;

  /* search.js, loaded once, on first use. */
  function load() {
    if (!engine) {
      engine = new Promise(function (resolve, reject) {
        if (window.compendiumSearch) return resolve(window.compendiumSearch);
        var script = document.createElement("script");
        script.src = form.dataset.engine;
        script.onload = function () { resolve(window.compendiumSearch); };
        script.onerror = function () { engine = null; reject(new Error("cannot load the search")); };
        document.head.appendChild(script);
      });
    }
    return engine;
  }

  /* ---- "/" focuses the box ---- */

  function typingSomewhere(target) {
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  /* ---- The combobox ---- */

  function combobox() {
    var input = document.getElementById("cmp-header-q");
    var listbox = document.getElementById("cmp-header-list");
    var live = document.getElementById("cmp-header-live");
    var options = [];
    var active = -1;
    var generation = 0;
    var timer = null;

    document.addEventListener("keydown", function (event) {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey ||
          typingSomewhere(event.target)) return;
      event.preventDefault();
      event.stopPropagation(); // Material would open its own (absent) search
      input.focus();
      input.select();
    }, true);

    function choose(position) {
      if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
      active = position;
      if (active >= 0) {
        options[active].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[active].id);
        options[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      generation++;
      choose(-1);
      options = [];
      listbox.replaceChildren();
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
    }

    function option(id, href, title, kind, subtitle) {
      var li = document.createElement("li");
      li.id = id;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.className = "cmp-header-search__option";
      li.dataset.href = href;
      var name = document.createElement("span");
      name.className = "cmp-header-search__title";
      name.textContent = title;
      li.appendChild(name);
      if (subtitle) {
        var translated = document.createElement("span");
        translated.className = "cmp-header-search__subtitle";
        translated.textContent = subtitle;
        li.append(" ", translated);
      }
      if (kind) {
        var type = document.createElement("span");
        type.className = "cmp-header-search__kind";
        type.textContent = kind;
        li.append(" ", type);
      }
      return li;
    }

    function show(S, found, docs, manifest, text) {
      var strings = manifest.strings;
      options = docs.map(function (doc, i) {
        var kind = manifest.labels[found.results[i].kind];
        return option("cmp-header-option-" + i, S.link(doc.url, found.highlight), doc.title,
                      kind ? kind.one : "", doc.subtitle);
      });
      var all = new URL(form.getAttribute("action"), location.href);
      all.searchParams.set("q", text);
      options.push(option("cmp-header-option-all", all.href,
                          S.format(strings.see_all, { query: text.trim() }), ""));
      listbox.replaceChildren.apply(listbox, options);
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      live.textContent = docs.length ? S.format(strings.suggestions_count, { count: docs.length })
        : strings.no_suggestions;
    }

    function suggest(text) {
      var ticket = ++generation;
      if (!/[\p{L}\p{N}]/u.test(text)) { close(); live.textContent = ""; return; }
      load().then(function (S) {
        return Promise.all([S.search(text, true), S.manifest()]).then(function (loaded) {
          var found = loaded[0];
          var top = found.results.slice(0, SHOWN);
          return Promise.all(top.map(function (result) { return S.fragment(result.ref); }))
            .then(function (docs) {
              if (ticket === generation) show(S, found, docs, loaded[1], text);
            });
        });
      }).catch(function () {
        if (ticket === generation) close(); // the form still opens the search page
      });
    }

    function open(li) {
      window.location.href = li.dataset.href;
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { suggest(input.value); }, 100);
    });
    input.addEventListener("keydown", function (event) {
      var count = options.length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        choose(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        open(options[active]);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        if (document.activeElement !== input) close();
      }, 150);
    });
    listbox.addEventListener("mousedown", function (event) {
      event.preventDefault(); // keep the focus in the box
    });
    listbox.addEventListener("click", function (event) {
      var li = event.target.closest("[role=option]");
      if (li) open(li);
    });
    form.addEventListener("submit", function () { window.clearTimeout(timer); });
  }

  /* ---- Highlighting the searched words on the page opened from a result ---- */

  function highlight(wanted) {
    var content = document.querySelector("article.md-content__inner") ||
      document.querySelector("main");
    if (!content) return [];
    var marks = [];
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        return parent && parent.closest("script, style, mark, .cmp-highlight, .headerlink")
          ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(WORD);
      if (!parts.some(function (part, i) { return i % 2 === 1 && wanted.has(fold(part)); })) return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i % 2 === 1 && wanted.has(fold(part))) {
          var mark = document.createElement("mark");
          mark.className = "cmp-highlight-word";
          mark.textContent = part;
          marks.push(mark);
          fragment.appendChild(mark);
        } else if (part) {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
    return marks;
  }

  function unhighlight(marks, note) {
    marks.forEach(function (mark) {
      var parent = mark.parentNode;
      if (!parent) return;
      parent.replaceChild(document.createTextNode(mark.textContent), mark);
      parent.normalize();
    });
    var url = new URL(window.location.href);
    url.searchParams.delete("h");
    window.history.replaceState(null, "", url.href);
    var title = document.querySelector("main h1");
    note.remove();
    if (title) {
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
  }

  function landing() {
    var words = new URLSearchParams(window.location.search).get("h");
    if (!words) return;
    var wanted = new Set(words.split(/\s+/).filter(Boolean).map(fold));
    var marks = highlight(wanted);
    if (!marks.length) return;
    if (!window.location.hash) marks[0].scrollIntoView({ block: "center" });
    load().then(function (S) { return S.manifest(); }).then(function (manifest) {
      var note = document.createElement("div");
      note.className = "cmp-highlight";
      note.setAttribute("role", "note");
      var text = document.createElement("p");
      var seen = Array.from(new Set(marks.map(function (mark) { return mark.textContent.toLowerCase(); })));
      text.textContent = manifest.strings.highlighted.replace("{words}", seen.join(", "));
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = manifest.strings.clear_highlight;
      button.addEventListener("click", function () { unhighlight(marks, note); });
      note.append(text, button);
      var content = document.querySelector("article.md-content__inner") ||
        document.querySelector("main");
      var title = content.querySelector("h1");
      if (title) title.after(note); else content.prepend(note);
    }).catch(function () { /* the marks stay; without the index there is no note */ });
  }

  combobox();
  landing();
})();
