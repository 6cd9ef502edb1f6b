// papershelf search: a search dialog in the Material header, backed by Pagefind.
// Pagefind loads only the index chunks a query needs. This file adds what a reader expects on top:
// "/" or Ctrl+K opens, arrows move, Enter opens, Esc closes; a tag filter; typo correction from a
// small vocabulary loaded only when a query finds nothing. Every text from the index is inserted
// with textContent (or rebuilt node by node for highlights), never as HTML.
(() => {
  "use strict";
  const script = document.currentScript;
  const siteRoot = new URL("../", script.src);
  const RANKING = { termSimilarity: 1.0, pageLength: 0.6, termSaturation: 1.2, termFrequency: 1.0 };
  const MAX_RESULTS = 10;
  const COORD = 3; // how strongly a paper with every word beats one with most of them
  let engine = null;
  let vocabulary = null;
  let active = -1;
  let serial = 0;

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };

  async function pagefind() {
    if (!engine) engine = start();
    return engine;
  }

  async function start() {
    // A big site is indexed as several bundles (pagefind/, pagefind-1/, ...): bundles.json lists them
    // and Pagefind merges the others into the first, loading only the chunks a query needs from each.
    const [found, bundles] = await Promise.all([
      import(new URL("pagefind/pagefind.js", siteRoot).href),
      fetch(new URL("pagefind/bundles.json", siteRoot)).then((r) => (r.ok ? r.json() : [])).catch(() => []),
    ]);
    // Pagefind asks for a bundle's entry file with a cache-busting "?ts=" (so a new build is never
    // read through a stale entry). One tag for this visit keeps that, and lets the requests below be
    // the very ones Pagefind makes: every bundle's entry and metadata are asked for at once, and the
    // merges, one after another, find them in the browser's cache (GitHub Pages allows 10 minutes).
    // At 100k papers that was 20 bundles x 2 round trips waited for in turn.
    const tag = String(Date.now());
    const options = { baseUrl: siteRoot.pathname, ranking: RANKING, excerptLength: 28, metaCacheTag: tag };
    for (const bundle of bundles.slice(1)) warm(new URL(bundle, siteRoot), tag);
    await found.options(options);
    // One after another. Merging them all at once halved first results at 100k papers with 40 ms a
    // request (3.0 -> 1.6 s), but a fresh CI run twice failed to load a merged bundle's metadata that
    // way, which one-by-one merging never did: kept one by one until that is understood.
    for (const bundle of bundles.slice(1)) {
      await found.mergeIndex(new URL(bundle, siteRoot).pathname, options);
    }
    await found.init();
    return found;
  }

  // Fetch a bundle's entry and metadata now, for Pagefind to find in the cache; a failure here is
  // Pagefind's to report when it asks for the same file.
  function warm(bundle, tag) {
    fetch(new URL(`pagefind-entry.json?ts=${tag}`, bundle))
      .then((response) => response.json())
      .then((entry) => Object.values(entry.languages).forEach((language) => fetch(new URL(`pagefind.${language.hash}.pf_meta`, bundle)).then((response) => response.arrayBuffer())))
      .catch(() => {});
  }

  // --- typo correction -----------------------------------------------------------------------
  function distance(a, b, limit) {
    // Damerau-Levenshtein (optimal string alignment), stopping early past the limit.
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let prev2 = null;
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, prev2[j - 2] + 1);
        }
        row.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  async function corrected(query) {
    if (!vocabulary) {
      const response = await fetch(new URL("search/vocabulary.json", siteRoot));
      vocabulary = response.ok ? (await response.json()).words : [];
    }
    const known = new Set(vocabulary);
    let changed = false;
    const words = query.toLowerCase().split(/\s+/).filter(Boolean).map((word) => {
      if (word.length < 4 || known.has(word) || vocabulary.some((v) => v.startsWith(word))) return word;
      const limit = word.length >= 8 ? 2 : 1;
      let best = null;
      let bestDistance = limit + 1;
      for (const candidate of vocabulary) {
        const d = distance(word, candidate, limit);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
        }
      }
      if (best) changed = true;
      return best || word;
    });
    return changed ? words.join(" ") : null;
  }

  // Pagefind alone requires every word of a query. A paper that lacks one common word ("over",
  // "prior") would then vanish behind one that has them all by chance. So each word is searched on its
  // own and a paper's score is the sum of its words' scores, scaled by the share of words it has
  // (Lucene's classic "coord" factor): all words still count most, rare words count more than common.
  async function combined(engine, words, filters) {
    const merged = new Map();
    const searches = await Promise.all(words.map((word) => engine.search(word, { filters })));
    for (const search of searches) {
      for (const result of search.results) {
        const seen = merged.get(result.id) || { id: result.id, score: 0, matched: 0, data: result.data };
        seen.score += result.score;
        seen.matched += 1;
        merged.set(result.id, seen);
      }
    }
    const results = [...merged.values()];
    for (const result of results) result.score *= (result.matched / words.length) ** COORD;
    return { results: results.sort((a, b) => b.score - a.score) };
  }

  async function find(engine, query, filters) {
    const words = query.split(/\s+/).filter(Boolean);
    return words.length > 1 ? combined(engine, words, filters) : engine.search(query, { filters });
  }

  // --- the dialog ----------------------------------------------------------------------------
  const dialog = el("dialog", { class: "ps-search", "aria-label": "Search papers" });
  const form = el("form", { class: "ps-search__form", role: "search", method: "dialog" });
  const input = el("input", {
    class: "ps-search__input", type: "search", placeholder: "Search papers", autocomplete: "off",
    spellcheck: "false", role: "combobox", "aria-expanded": "false", "aria-controls": "ps-results",
    "aria-autocomplete": "list", "aria-label": "Search papers",
  });
  const filter = el("select", { class: "ps-search__filter", "aria-label": "Filter by tag" });
  filter.append(el("option", { value: "" }, "All tags"));
  // The button says the key on a keyboard screen and the word on a phone (papershelf.css picks one).
  const close = el("button", { class: "ps-search__close", type: "button", "aria-label": "Close search" });
  close.append(el("kbd", { class: "ps-search__key" }, "Esc"), el("span", { class: "ps-search__word" }, "Close"));
  const status = el("p", { class: "ps-search__status", role: "status", "aria-live": "polite" });
  const list = el("ul", { class: "ps-search__results", id: "ps-results", role: "listbox", "aria-label": "Results" });
  form.append(input, filter, close);
  dialog.append(form, status, list);

  function options() {
    return [...list.querySelectorAll("[role=option]")];
  }

  function highlight(index) {
    const items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function go(item, newTab) {
    const url = new URL(item.dataset.href, window.location.href).href;
    if (newTab) window.open(url, "_blank", "noopener");
    else window.location.href = url;
  }

  function excerpt(html, title) {
    // Pagefind marks hits with <mark>; keep those and turn everything else into plain text.
    const template = document.createElement("template");
    template.innerHTML = html;
    const out = el("p", { class: "ps-result__excerpt" });
    for (const node of template.content.childNodes) {
      out.append(node.nodeName === "MARK" ? el("mark", {}, node.textContent) : document.createTextNode(node.textContent));
    }
    // An excerpt from the top of a page starts with the title the result already shows above it.
    const first = out.firstChild;
    if (title && first && first.nodeType === Node.TEXT_NODE && first.textContent.startsWith(title)) {
      first.textContent = first.textContent.slice(title.length).replace(/^[\s.:]+/, "");
    }
    return out;
  }

  // A page's index-only terms (names, tags, spellings: the #ps-terms part) weigh in the ranking but are
  // never shown: the excerpt comes from the best-matching part a reader can see, or else from the
  // page's first words (the words before #ps-terms: its title and abstract).
  const TERMS = "ps-terms";
  function shownExcerpt(data) {
    const score = (part) => (part.weighted_locations || []).reduce((sum, w) => sum + w.balanced_score, 0) || (part.locations || []).length;
    const parts = (data.sub_results || []).filter((part) => !(part.url || "").endsWith(`#${TERMS}`) && (part.locations || []).length);
    parts.sort((a, b) => score(b) - score(a));
    if (parts.length) return parts[0].excerpt || "";
    const terms = (data.anchors || []).find((anchor) => anchor.id === TERMS);
    const words = (data.content || "").split(/\s+/).filter(Boolean);
    return escapeText(words.slice(0, Math.min(28, terms ? terms.location : words.length)).join(" "));
  }

  function escapeText(text) {
    const div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  function render(items, note) {
    list.replaceChildren();
    active = -1;
    input.removeAttribute("aria-activedescendant");
    items.forEach((data, i) => {
      // An option holds no link (a link inside an option is a nested control to screen readers);
      // it carries its address and is opened by Enter or a click, in a new tab with Ctrl/Cmd or the middle button.
      const item = el("li", { id: `ps-result-${i}`, role: "option", "aria-selected": "false", class: "ps-result", "data-href": data.url });
      const link = el("div", { class: "ps-result__link" });
      link.append(el("span", { class: "ps-result__title" }, data.meta.title || data.url));
      const tags = el("span", { class: "ps-result__tags" });
      for (const tag of (data.filters && data.filters.tag) || []) tags.append(el("span", { class: "ps-result__tag" }, tag));
      link.append(tags, excerpt(shownExcerpt(data), data.meta.title));
      item.append(link);
      item.addEventListener("mousemove", () => highlight(i));
      item.addEventListener("click", (event) => go(item, event.ctrlKey || event.metaKey));
      item.addEventListener("auxclick", (event) => event.button === 1 && go(item, true));
      list.append(item);
    });
    input.setAttribute("aria-expanded", String(items.length > 0));
    status.textContent = note;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++serial;
    if (!query && !filter.value) {
      render([], "");
      return;
    }
    const engine = await pagefind();
    const filters = filter.value ? { tag: [filter.value] } : {};
    // A tag and no words: the tag's papers (Pagefind's filter-only search), so picking a tag is
    // never a dead end.
    let search = query ? await find(engine, query, filters) : await engine.search(null, { filters });
    let note = "";
    if (query && !search.results.length) {
      const better = await corrected(query);
      if (better) {
        search = await find(engine, better, filters);
        note = `Showing results for “${better}”. `;
      }
    }
    const data = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== serial) return; // a newer keystroke superseded this one
    const count = search.results.length;
    const found = query ? "found" : `tagged ${filter.value}`;
    render(data, note + (count ? `${count.toLocaleString("en-US")} paper${count === 1 ? "" : "s"} ${found}` : "No papers found"));
    list.dataset.query = query; // which query the list shows (tests and assistive tools can tell)
    if (data.length) highlight(0);
  }

  let timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, 60); // one search per pause in typing, not per key
    // Fetch the index chunks of the words typed so far while the reader is still typing.
    pagefind().then((engine) => {
      for (const word of input.value.split(/\s+/).filter((w) => w.length > 1)) engine.preload(word);
    });
  }

  async function loadFilters() {
    if (filter.options.length > 1) return;
    const engine = await pagefind();
    const tags = (await engine.filters()).tag || {};
    for (const name of Object.keys(tags).sort((a, b) => a.localeCompare(b))) {
      filter.append(el("option", { value: name }, `${name} (${tags[name]})`));
    }
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    pagefind(); // start loading the engine while the reader types
  }

  input.addEventListener("input", schedule);
  filter.addEventListener("change", run);
  // The tag counts need Pagefind's filter index (41 tags x every paper): loaded when the menu is
  // first reached, not with the first search, which at 100k papers it would slow down.
  filter.addEventListener("focus", loadFilters);
  filter.addEventListener("pointerdown", loadFilters);
  close.addEventListener("click", () => dialog.close());
  form.addEventListener("submit", (event) => event.preventDefault());
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Escape") {
      event.preventDefault(); // a search input would only clear itself on the first Esc
      dialog.close();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const items = options();
      const chosen = items[Math.max(active, 0)];
      if (chosen) go(chosen, event.ctrlKey || event.metaKey);
    }
  });
  // Chromium sometimes leaves focus on the input of a dialog it has just closed: an input nobody can
  // see is not one being typed in, or "/" would stop opening search after an Esc. ("close" arrives
  // as a later task: the dialog may be open again by then, and then its focus is right.)
  dialog.addEventListener("close", () => {
    if (!dialog.open && dialog.contains(document.activeElement)) document.activeElement.blur();
  });
  document.addEventListener("keydown", (event) => {
    const focused = document.activeElement;
    const hidden = dialog.contains(focused) && !dialog.open;
    const typing = !hidden && (/^(INPUT|TEXTAREA|SELECT)$/.test(focused.tagName) || focused.isContentEditable);
    if ((event.key === "k" && (event.ctrlKey || event.metaKey)) || (event.key === "/" && !typing)) {
      event.preventDefault();
      open();
    }
  });

  // --- the header button ---------------------------------------------------------------------
  function mount() {
    const header = document.querySelector(".md-header__inner");
    const button = el("button", {
      class: "md-header__button ps-search-button", type: "button", "aria-haspopup": "dialog",
      "aria-keyshortcuts": "/ Control+K Meta+K", "aria-label": "Search papers",
    });
    button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5"/></svg>';
    button.append(el("span", { class: "ps-search-button__label" }, "Search"), el("kbd", { "aria-hidden": "true" }, "/"));
    button.addEventListener("click", open);
    // A pointer on the button or focus on it says a search is coming: start loading the engine then,
    // a few hundred milliseconds before the click (on a phone, a touch starts it just before the tap).
    for (const intent of ["pointerenter", "focus", "touchstart"]) button.addEventListener(intent, () => pagefind(), { once: true, passive: true });
    const anchor = header && (header.querySelector(".md-header__source") || null);
    if (header) header.insertBefore(button, anchor);
    document.body.append(dialog);
  }

  // --- the 404 page ---------------------------------------------------------------------------
  // An old link to a paper that left the listings ends here: offer a search for its address's words
  // ("papers/titans-learning-to-memorize/" -> "titans learning memorize"). Text only, never HTML.
  function offerSearch() {
    const spot = document.querySelector("[data-ps-notfound]");
    if (!spot) return;
    let last = window.location.pathname.split("/").filter(Boolean).pop() || "";
    try {
      last = decodeURIComponent(last);
    } catch (error) {
      return; // a malformed address has no words worth searching for
    }
    const words = last.replace(/\.html?$/, "").split(/[-_\s]+/).filter((w) => w.length > 2 && !/^\d+$/.test(w)).slice(0, 8).join(" ");
    if (!words || words === "404") return;
    const button = el("button", { type: "button", class: "md-button ps-notfound__search" }, `Search for “${words}”`);
    button.addEventListener("click", () => {
      open();
      input.value = words;
      run();
    });
    spot.before(button);
  }

  // --- wide tables ---------------------------------------------------------------------------
  // Material wraps each table in a box that scrolls sideways on a narrow screen, but a keyboard
  // cannot reach the box (axe-core: scrollable-region-focusable). One that overflows takes focus.
  function focusableTables() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
    }
  }

  function ready() {
    mount();
    offerSearch();
    focusableTables();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
