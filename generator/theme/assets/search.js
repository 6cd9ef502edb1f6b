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
  // How long any request of the search may take (Pagefind's, made in its worker, included): past it,
  // the part it was for counts as failed and the reader gets the rest, or a message, and the next
  // search tries that part again. A bundle's entry and metadata are a few KB, a chunk tens of KB.
  const TIMEOUT = 5000;
  const NOTICE = "Part of the search index could not be loaded, so some papers may be missing from these results.";
  const UNAVAILABLE = "Search is unavailable: its index could not be loaded. Type again to retry.";
  const TOO_SLOW = "Search took too long to answer. Type again to retry.";
  let engine = null; // a promise of the state below, while loading or loaded
  let retrying = null; // a promise of the state, while failed parts are being loaded again
  let vocabulary = null;
  let active = -1;
  let serial = 0;
  let attempt = 0;

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };

  // An index chunk that failed to load, as the watch the build puts in Pagefind's worker tells
  // (generator/data/pagefind-watch.js): Pagefind takes such a chunk as loaded, so the search that met
  // it is incomplete and says so, and its engine is built anew for the next one (from the browser's
  // cache, asking again for the chunk that failed).
  let chunkFailed = false;
  const watch = typeof BroadcastChannel === "function" ? new BroadcastChannel("papershelf-search") : null;
  if (watch) watch.onmessage = (event) => {
    if (event.data && /\/(index|filter)\//.test(event.data.failed || "")) chunkFailed = true;
  };

  class Late extends Error {}
  // The promise's value, or a Late error once `ms` have passed (the work itself goes on, unheeded).
  function within(ms, promise) {
    let timer;
    const late = new Promise((_, reject) => (timer = setTimeout(() => reject(new Late("timed out")), ms)));
    return Promise.race([promise, late]).finally(() => clearTimeout(timer));
  }

  // fetch() with the timeout; an HTTP error is a failure too.
  async function get(url, read) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT);
    try {
      const response = await fetch(url, { signal: abort.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
      return await read(response);
    } finally {
      clearTimeout(timer);
    }
  }

  // The engine for the first search: started once, on the first sign a search is coming. A state is
  // { found: Pagefind's module, pagefind: the engine, tag, listed: bundles.json was read,
  //   merged: the extra bundles in the engine, missing: those that failed to load }.
  function pagefind() {
    if (!engine) {
      engine = start();
      engine.catch(() => (engine = null)); // not even the first bundle: the next search starts again
    }
    return engine;
  }

  // The engine, with another try at any part that failed before (once per search, not per key).
  // A try that answers quickly (a server that is back) is waited for; one still going after GRACE
  // (a request that hangs) goes on in the background, and this search makes do without that part.
  const GRACE = 800;
  async function prepared() {
    const state = await pagefind();
    if (!state.missing.length && state.listed) return state;
    if (!retrying) {
      retrying = improve(state).finally(() => (retrying = null));
      retrying.catch(() => {});
    }
    return within(GRACE, retrying).catch((error) => {
      if (error instanceof Late) return state;
      throw error;
    });
  }

  async function start() {
    const tries = attempt++;
    // Pagefind asks for a bundle's entry file with a cache-busting "?ts=" (so a new build is never
    // read through a stale entry). One tag for this visit keeps that, and lets the requests below be
    // the very ones Pagefind makes: every bundle's entry and metadata are asked for at once, and the
    // merges, one after another, find them in the browser's cache (GitHub Pages allows 10 minutes).
    // At 100k papers that was 20 bundles x 2 round trips waited for in turn.
    const tag = String(Date.now());
    // The first bundle's too, and it must arrive: if it fails, Pagefind is not even started (it
    // would fail with an error nobody can catch, and wait for it forever when merging).
    const first = warm("pagefind/", tag);
    // A big site is indexed as several bundles (pagefind/, pagefind-1/, ...): bundles.json lists them
    // and Pagefind merges the others into the first, loading only the chunks a query needs from each.
    // A module that failed to load stays failed under its address: a retry asks under a new one.
    const common = commonWords();
    const [found, bundles] = await Promise.all([
      within(TIMEOUT, import(new URL(`pagefind/pagefind.js${tries ? `?retry=${tries}` : ""}`, siteRoot).href)),
      listBundles(),
    ]);
    const extra = (bundles || []).slice(1);
    const warmed = extra.map((bundle) => warm(bundle, tag));
    if (!(await first)) throw new Error("the first bundle of the index did not load");
    const state = await assemble(found, tag, extra, warmed);
    state.listed = bundles !== null;
    state.common = await common;
    return state;
  }

  // The words too common to rank by (search/common.json, made by the build from every paper's title
  // and abstract). Without the list every word is searched: slower, never wrong.
  function commonWords() {
    return get(new URL("search/common.json", siteRoot), (r) => r.json()).then((c) => new Set(c.words), () => new Set());
  }

  // bundles.json's list, or null if it could not be read (then only the first bundle is searched,
  // and the list is asked for again by the next search).
  function listBundles() {
    return get(new URL("pagefind/bundles.json", siteRoot), (r) => r.json()).catch(() => null);
  }

  function options(tag) {
    return { baseUrl: siteRoot.pathname, ranking: RANKING, excerptLength: 28, metaCacheTag: tag };
  }

  // An engine with the first bundle and those of `extra` that load. A bundle whose entry or metadata
  // did not arrive (`warmed`) is left out at once. Pagefind keeps a bundle whose merge failed in its
  // list, and from then on every search of that engine fails (or, for a merge that never ended, never
  // ends): such an engine is thrown away and built again without the bundle, from the browser's cache.
  async function assemble(found, tag, extra, warmed) {
    const missing = [];
    let wanted = [];
    for (const [i, bundle] of extra.entries()) ((await warmed[i]) ? wanted : missing).push(bundle);
    for (;;) {
      const pagefind = found.createInstance(options(tag));
      const merged = [];
      try {
        await within(TIMEOUT, pagefind.options(options(tag)));
        // The first bundle must answer: an engine without it cannot merge anything (Pagefind waits
        // for its WebAssembly forever).
        await within(TIMEOUT, pagefind.search(""));
      } catch (error) {
        pagefind.destroy().catch(() => {});
        throw error;
      }
      // One after another. Merging them all at once halved first results at 100k papers with 40 ms a
      // request (3.0 -> 1.6 s), but a fresh CI run twice failed to load a merged bundle's metadata
      // that way, which one-by-one merging never did: kept one by one until that is understood.
      let failed = null;
      for (const bundle of wanted) {
        try {
          await within(TIMEOUT, pagefind.mergeIndex(new URL(bundle, siteRoot).pathname, options(tag)));
          merged.push(bundle);
        } catch (error) {
          failed = bundle;
          break;
        }
      }
      if (!failed) return { found, pagefind, tag, merged, missing, listed: true, common: new Set() };
      pagefind.destroy().catch(() => {});
      missing.push(failed);
      wanted = wanted.filter((bundle) => bundle !== failed);
    }
  }

  // Another try at what failed: the list of bundles, and each bundle that did not load. A bundle is
  // merged into the engine only once its entry and metadata have arrived, so a bundle still failing
  // costs a request or two and leaves the engine as it was.
  async function improve(state) {
    let { missing } = state;
    if (!state.listed) {
      const bundles = await listBundles();
      if (bundles) {
        state.listed = true;
        missing = bundles.slice(1).filter((bundle) => !state.merged.includes(bundle));
      }
    }
    if (!missing.length) return Object.assign(state, { missing });
    const tag = String(Date.now()); // a new tag: an entry that failed is asked for afresh, not from the cache
    const arrived = await Promise.all(missing.map((bundle) => warm(bundle, tag)));
    const arrivedOnes = missing.filter((_, i) => arrived[i]);
    const still = missing.filter((_, i) => !arrived[i]);
    for (const [i, bundle] of arrivedOnes.entries()) {
      try {
        await within(TIMEOUT, state.pagefind.mergeIndex(new URL(bundle, siteRoot).pathname, options(tag)));
        state.merged.push(bundle);
      } catch (error) {
        // The engine now holds a failed bundle: build it again from what loaded (from the cache).
        state.pagefind.destroy().catch(() => {});
        const again = [...state.merged, ...arrivedOnes.slice(i + 1)];
        let rebuilt;
        try {
          rebuilt = await assemble(state.found, state.tag, again, again.map(() => true));
        } catch (failure) {
          engine = null; // not even the first bundle now: the next search starts from nothing
          throw failure;
        }
        rebuilt.missing.push(...still, bundle);
        rebuilt.listed = state.listed;
        rebuilt.common = state.common;
        engine = Promise.resolve(rebuilt);
        return rebuilt;
      }
    }
    return Object.assign(state, { missing: still });
  }

  // Fetch a bundle's entry and metadata now, for Pagefind to find in the cache; true once both
  // arrived, false if either failed or took too long.
  async function warm(bundle, tag) {
    const base = new URL(bundle, siteRoot);
    try {
      const entry = await get(new URL(`pagefind-entry.json?ts=${tag}`, base), (r) => r.json());
      await Promise.all(Object.values(entry.languages).map((language) => get(new URL(`pagefind.${language.hash}.pf_meta`, base), (r) => r.arrayBuffer())));
      return true;
    } catch (error) {
      return false;
    }
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
      // No vocabulary (it failed to load): no correction this time, another try the next.
      const words = await get(new URL("search/vocabulary.json", siteRoot), (r) => r.json()).then((v) => v.words, () => null);
      if (!words) return null;
      vocabulary = words;
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

  // A word in most papers ("the", "of", "models") adds next to nothing to any paper's score, but
  // Pagefind reads, scores and sorts every page that has it: at 10k papers that was ~250 ms a word,
  // most of a slow query's time. Such words are left out of a query that has others.
  //
  // A query of several words asks Pagefind for the papers with all of them first: that answer is
  // small and quick ("federated learning" at 100k papers: its 6,887 papers in ~0.2 s, where
  // "learning" alone is 62k papers and ~2 s). Only when fewer than a screenful have them all are
  // the words searched one by one, for the papers that lack one; a query whose words are not all
  // known is first tried with the vocabulary's spelling ({ results, better } says which was used).
  async function find(state, query, filters, correct = true) {
    const typed = query.split(/\s+/).filter(Boolean);
    const telling = typed.filter((word) => !state.common.has(word.toLowerCase()));
    const words = telling.length ? telling : typed;
    if (words.length === 1) return state.pagefind.search(words[0], { filters });
    const all = await state.pagefind.search(words.join(" "), { filters });
    if (all.results.length >= MAX_RESULTS) return all;
    const better = correct && (await corrected(words.join(" ")));
    if (better && (await state.pagefind.search(better, { filters })).results.length > all.results.length) {
      return { ...(await find(state, better, filters, false)), better };
    }
    return combined(state.pagefind, words, filters);
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
  // Said when results may be incomplete (part of the index did not load); empty otherwise.
  const notice = el("p", { class: "ps-search__notice", role: "status", "aria-live": "polite" });
  notice.hidden = true;
  const list = el("ul", { class: "ps-search__results", id: "ps-results", role: "listbox", "aria-label": "Results" });
  form.append(input, filter, close);
  dialog.append(form, status, notice, list);

  function choices() {
    return [...list.querySelectorAll("[role=option]")];
  }

  function highlight(index) {
    const items = choices();
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
    if (data.plain !== undefined) return escapeText(data.plain); // a tag's paper: its listing's summary
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

  function render(items, note, warning = "") {
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
    notice.textContent = warning;
    notice.hidden = !warning;
  }

  async function run() {
    const query = input.value.trim();
    const mine = ++serial;
    if (!query && !filter.value) {
      render([], "");
      list.dataset.query = "";
      return;
    }
    // Every way this can fail ends in words for the reader: results and a notice that some may be
    // missing, or a message. list.dataset.query says which query the list (or message) answers.
    const answer = (items, note, warning) => {
      if (mine !== serial) return; // a newer keystroke superseded this one
      render(items, note, warning);
      list.dataset.query = query;
      if (items.length) highlight(0);
    };
    // A tag and no words: the tag's first papers, so picking a tag is never a dead end.
    if (!query) {
      const shown = await tagPapers(filter.selectedOptions[0]);
      if (shown) return answer(shown.items, `${shown.count.toLocaleString("en-US")} paper${shown.count === 1 ? "" : "s"} tagged ${filter.value}`);
    }
    let state;
    try {
      state = await prepared();
    } catch (error) {
      return answer([], UNAVAILABLE);
    }
    if (mine !== serial || superseded) return; // typed on while the engine loaded: search the newest words only
    const pf = state.pagefind;
    const filters = filter.value ? { tag: [filter.value] } : {};
    try {
      // (With no words, Pagefind's filter-only search: the fallback when the tag's file did not load.)
      let search = await within(TIMEOUT, query ? find(state, query, filters) : pf.search(null, { filters }));
      let note = search.better ? `Showing results for “${search.better}”. ` : "";
      if (query && !search.results.length) {
        const better = await corrected(query);
        if (better) {
          search = await within(TIMEOUT, find(state, better, filters));
          note = `Showing results for “${better}”. `;
        }
      }
      if (mine !== serial || superseded) return;
      // A result whose text did not arrive is left out (and said so), not the whole list.
      const loaded = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => within(TIMEOUT, r.data()).catch(() => null)));
      const data = loaded.filter(Boolean);
      const count = search.results.length;
      const found = query ? "found" : `tagged ${filter.value}`;
      const broken = chunkFailed;
      if (broken) {
        chunkFailed = false;
        await discard(state);
      }
      const partial = broken || state.missing.length || !state.listed || data.length < loaded.length;
      answer(data, note + (count ? `${count.toLocaleString("en-US")} paper${count === 1 ? "" : "s"} ${found}` : "No papers found"), partial ? NOTICE : "");
    } catch (error) {
      // Pagefind failed or went silent mid-search (a chunk that never came): this engine may never
      // answer again. The next search builds a new one (its files are in the browser's cache by then).
      await discard(state);
      answer([], error instanceof Late ? TOO_SLOW : UNAVAILABLE);
    }
  }

  // Throw an engine away (the next search builds another), unless a newer one has taken its place.
  async function discard(state) {
    const current = engine;
    if (current && (await current.catch(() => null)) === state && engine === current) {
      state.pagefind.destroy().catch(() => {});
      engine = null;
    }
  }

  // One search at a time, for the newest words: a key pressed while one runs asks for one more run
  // when it ends, and the running one skips what it has left (a wait for its timer would delay every
  // answer; a search per key would queue behind each other in Pagefind's worker).
  let running = false;
  let superseded = false;
  function schedule() {
    // Fetch the index chunks of the words typed so far while the reader is still typing.
    pagefind().then((state) => {
      for (const word of input.value.split(/\s+/).filter((w) => w.length > 1 && !state.common.has(w.toLowerCase()))) state.pagefind.preload(word).catch(() => {});
    }, () => {});
    if (running) {
      superseded = true;
      return;
    }
    running = true;
    (async () => {
      do {
        superseded = false;
        await run().catch(() => {});
      } while (superseded);
      running = false;
    })();
  }

  // A tag's first papers and its count (search/tags/SLUG.json), as results; null if the file did not load.
  async function tagPapers(option) {
    if (!option || !option.dataset.slug) return null;
    try {
      const tag = await get(new URL(`search/tags/${option.dataset.slug}.json`, siteRoot), (r) => r.json());
      const items = tag.papers.map((p) => ({ url: new URL(p.u, siteRoot).pathname, meta: { title: p.t }, filters: { tag: p.g }, plain: p.s }));
      return { count: tag.count, items };
    } catch (error) {
      return null;
    }
  }

  // The tag menu, from search/tags.json (a few KB); if that fails, from Pagefind's filter index (which
  // costs every paper's tags: 41 tags x 100k papers).
  async function loadFilters() {
    if (filter.options.length > 1) return;
    let tags;
    try {
      tags = (await get(new URL("search/tags.json", siteRoot), (r) => r.json())).tags;
    } catch (error) {
      try {
        const state = await prepared();
        const counts = (await within(TIMEOUT, state.pagefind.filters())).tag || {};
        tags = Object.entries(counts).map(([name, count]) => ({ name, count }));
      } catch (failure) {
        return; // the menu keeps "All tags" and is filled on the next try
      }
    }
    if (filter.options.length > 1) return;
    for (const tag of tags.sort((a, b) => a.name.localeCompare(b.name))) {
      const option = el("option", { value: tag.name }, `${tag.name} (${tag.count})`);
      if (tag.slug) option.dataset.slug = tag.slug;
      filter.append(option);
    }
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    pagefind().catch(() => {}); // start loading the engine while the reader types
  }

  input.addEventListener("input", schedule);
  filter.addEventListener("change", schedule);
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
      const items = choices();
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
    for (const intent of ["pointerenter", "focus", "touchstart"]) button.addEventListener(intent, () => pagefind().catch(() => {}), { once: true, passive: true });
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
      schedule();
    });
    spot.before(button);
  }

  // --- wide tables and code ------------------------------------------------------------------
  // Material wraps each table in a box that scrolls sideways on a narrow screen, and a code block
  // scrolls in its own <code>, but a keyboard cannot reach either (axe-core:
  // scrollable-region-focusable). One that overflows takes focus.
  function focusableTables() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")) {
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
