// papershelf shelf: a reader's own shelf (saved, read, a private note per paper) kept in this browser's
// localStorage and never sent anywhere. Paper pages and listings get Save / Mark read buttons; the
// "My shelf" page lists the shelf, exports it (BibTeX, JSON), imports it, clears it, and recommends
// papers related to the saved ones from the related-paper graph the build made (api/shelf/K.json).
// A paper is known by its slug, which does not depend on its place in any listing, so a rebuild
// keeps the shelf. Every text (titles, tags, notes, an imported file) goes in with textContent.
(() => {
  "use strict";
  const script = document.currentScript;
  const siteRoot = new URL("../", script.src);
  // GitHub Pages serves every project site of a user from one origin: the key carries the site's path.
  const KEY = `${siteRoot.pathname}papershelf.shelf`;
  const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
  const DAY = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;
  const RECENT = 12; // "For you" reads the graph of the papers saved last: at most 12 small files
  const FOR_YOU = 10;
  const FETCH_MS = 10_000;

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };

  // ---- the shelf in storage -------------------------------------------------------------------
  const text = (value, most) => (typeof value === "string" ? value.slice(0, most) : "");
  const stamp = (value) => (typeof value === "string" && DAY.test(value) ? value : null);

  // Only what a shelf can hold: from storage another script may have written, or from an imported file.
  function clean(data) {
    const papers = {};
    const given = data && typeof data === "object" && data.papers && typeof data.papers === "object" ? data.papers : {};
    for (const [slug, paper] of Object.entries(given)) {
      if (!SLUG.test(slug) || !paper || typeof paper !== "object") continue;
      const tags = Array.isArray(paper.tags) ? paper.tags.filter((t) => typeof t === "string").slice(0, 50).map((t) => t.slice(0, 200)) : [];
      const kept = { title: text(paper.title, 1000) || slug, tags, saved: stamp(paper.saved), read: stamp(paper.read), note: text(paper.note, 20_000) };
      if (kept.saved || kept.read || kept.note) papers[slug] = kept;
    }
    return { version: 1, papers };
  }

  function load() {
    try {
      return clean(JSON.parse(localStorage.getItem(KEY) || "{}"));
    } catch {
      return clean({});
    }
  }

  function store(shelf) {
    try {
      localStorage.setItem(KEY, JSON.stringify(shelf));
      return true;
    } catch {
      say("This browser did not let the page keep your shelf (private browsing or full storage).");
      return false;
    }
  }

  // Change one paper; `info` refreshes its title and tags from the page it is seen on.
  function change(slug, info, edit) {
    const shelf = load();
    const paper = shelf.papers[slug] || { title: info.title || slug, tags: info.tags || [], saved: null, read: null, note: "" };
    if (info.title) paper.title = info.title;
    if (info.tags && info.tags.length) paper.tags = info.tags;
    edit(paper);
    if (paper.saved || paper.read || paper.note) shelf.papers[slug] = paper;
    else delete shelf.papers[slug];
    store(shelf);
    refresh();
  }

  const now = () => new Date().toISOString();
  const toggle = (field) => (paper) => { paper[field] = paper[field] ? null : now(); };

  function slugOf(href) {
    const url = new URL(href, location.href);
    if (url.origin !== siteRoot.origin || !url.pathname.startsWith(siteRoot.pathname)) return null;
    const found = url.pathname.slice(siteRoot.pathname.length).match(/^papers\/([a-z0-9-]+)\/?$/);
    return found && SLUG.test(found[1]) ? found[1] : null;
  }

  // ---- buttons on paper pages and listings ----------------------------------------------------
  let controls = []; // every Save / Read button on this page (node, update), refreshed together

  function button(slug, field, info, words, compact) {
    const node = el("button", { type: "button", class: `ps-shelf-button ps-shelf-button--${field}` });
    const label = info.title ? ` ${info.title}` : "";
    node.addEventListener("click", () => change(slug, info, toggle(field)));
    controls.push([node, () => {
      const on = Boolean(load().papers[slug]?.[field]);
      node.setAttribute("aria-pressed", String(on));
      node.textContent = on ? words[1] : words[0];
      if (compact) node.setAttribute("aria-label", `${on ? words[1] : words[0]}:${label}`);
    }]);
    return node;
  }

  const SAVE = ["☆ Save", "★ Saved"];
  const READ = ["Mark read", "✓ Read"];

  function paperPage(heading) {
    const slug = slugOf(location.href);
    if (!slug) return;
    const title = [...heading.childNodes].filter((n) => !(n.classList && n.classList.contains("headerlink"))).map((n) => n.textContent).join("").trim();
    const tags = [...document.querySelectorAll("article .ps-tags a")].map((a) => a.textContent.trim()).filter(Boolean);
    const info = { title, tags };
    const bar = el("div", { class: "ps-shelf-bar", role: "group", "aria-label": "Your shelf" });
    bar.append(button(slug, "saved", info, SAVE), button(slug, "read", info, READ));
    const note = el("details", { class: "ps-note" });
    note.append(el("summary", {}, "Private note"));
    const area = el("textarea", { rows: "3", "aria-label": "Private note on this paper, kept in this browser only", maxlength: "20000" });
    area.value = load().papers[slug]?.note || "";
    let timer = 0;
    area.addEventListener("input", () => {
      clearTimeout(timer);
      // A note puts the paper on the shelf: a reader who writes one wants to find it there.
      timer = setTimeout(() => change(slug, info, (paper) => { paper.note = area.value.slice(0, 20_000); if (paper.note && !paper.saved) paper.saved = now(); }), 250);
    });
    if (area.value) note.open = true;
    note.append(area, el("p", { class: "ps-shelf__hint" }, "Kept in this browser only; never sent anywhere."));
    heading.after(bar, note);
  }

  function listing(items) {
    for (const item of items) {
      if (item.dataset.shelf) continue; // it has its buttons already
      item.dataset.shelf = "1";
      const link = item.querySelector(":scope > p > strong > a, :scope > strong > a");
      const slug = link && slugOf(link.href);
      if (!slug) continue;
      const tags = [...item.querySelectorAll(".ps-tags a")].map((a) => a.textContent.trim()).filter(Boolean);
      const info = { title: link.textContent.trim(), tags };
      const bar = el("span", { class: "ps-shelf-bar ps-shelf-bar--compact" });
      bar.append(button(slug, "saved", info, SAVE, true), button(slug, "read", info, READ, true));
      link.closest("p, li").append(bar);
      controls.push([item, () => item.classList.toggle("ps-read", Boolean(load().papers[slug]?.read))]);
    }
  }

  // ---- My shelf ---------------------------------------------------------------------------------
  let status = null;
  let view = null;

  function say(message) {
    if (status) status.textContent = message;
  }

  function download(name, type, body) {
    const link = el("a", { href: URL.createObjectURL(new Blob([body], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  function fnv1a(value) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(value)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash >>> 0;
  }

  const shards = new Map();
  // The graph's record of each slug asked for, from as few shard files as they fall in; a shard that
  // does not answer in time is left out (its papers simply give no recommendation or BibTeX).
  async function records(slugs, count) {
    const wanted = new Map();
    for (const slug of slugs) {
      const number = fnv1a(slug) % count;
      if (!wanted.has(number)) wanted.set(number, []);
      wanted.get(number).push(slug);
    }
    let missing = 0;
    await Promise.all([...wanted.keys()].map(async (number) => {
      if (shards.has(number)) return;
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), FETCH_MS);
      try {
        const answer = await fetch(new URL(`api/shelf/${number}.json`, siteRoot), { signal: stop.signal });
        if (!answer.ok) throw new Error(String(answer.status));
        shards.set(number, await answer.json());
      } catch {
        missing += 1;
      } finally {
        clearTimeout(timer);
      }
    }));
    const found = new Map();
    for (const [number, asked] of wanted) for (const slug of asked) if (shards.get(number)?.[slug]) found.set(slug, shards.get(number)[slug]);
    return { found, missing };
  }

  const newest = (shelf) => Object.entries(shelf.papers).filter(([, p]) => p.saved).sort((a, b) => (a[1].saved < b[1].saved ? 1 : a[1].saved > b[1].saved ? -1 : a[0].localeCompare(b[0])));

  function shelfPage(root) {
    const count = Math.max(1, Number.parseInt(root.dataset.shards, 10) || 1);
    root.textContent = "";
    status = el("p", { class: "ps-shelf__status", role: "status", "aria-live": "polite" });
    const tools = el("div", { class: "ps-shelf__tools" });
    const tag = el("select", { "aria-label": "Show papers with this tag" });
    const state = el("select", { "aria-label": "Show read or unread papers" });
    for (const [value, words] of [["all", "Read and unread"], ["unread", "Unread"], ["read", "Read"]]) state.append(el("option", { value }, words));
    const bib = el("button", { type: "button" }, "Export BibTeX");
    const json = el("button", { type: "button" }, "Export JSON");
    const pick = el("input", { type: "file", accept: "application/json,.json", class: "ps-shelf__file", id: "ps-shelf-import" });
    const pickLabel = el("label", { for: "ps-shelf-import", class: "ps-shelf__import" }, "Import JSON");
    const clear = el("button", { type: "button", class: "ps-shelf__clear" }, "Clear all");
    tools.append(tag, state, bib, json, pick, pickLabel, clear);
    const list = el("ol", { class: "ps-shelf__list" });
    const empty = el("p", { class: "ps-shelf__empty" }, "Your shelf is empty. Press ☆ Save on a paper's page, or next to it in any listing, and it is kept here, in this browser only: nothing is sent anywhere. A note on a paper saves it too.");
    const forYouTitle = el("h2", { id: "for-you" }, "For you");
    const forYou = el("ol", { class: "ps-shelf__for-you" });
    const forYouNote = el("p", { class: "ps-shelf__hint" });
    root.append(tools, status, empty, list, forYouTitle, forYouNote, forYou);
    tag.addEventListener("change", () => draw());
    state.addEventListener("change", () => draw());

    json.addEventListener("click", () => {
      download("papershelf-shelf.json", "application/json", JSON.stringify({ papershelf: "shelf", version: 1, site: siteRoot.href, papers: load().papers }, null, 1));
      say(`Exported ${Object.keys(load().papers).length} papers as JSON.`);
    });
    bib.addEventListener("click", async () => {
      const saved = newest(load()).map(([slug]) => slug);
      const { found } = await records(saved, count);
      const entries = saved.map((slug) => found.get(slug)?.b).filter(Boolean);
      download("papershelf-shelf.bib", "application/x-bibtex", entries.join("\n\n") + "\n");
      const left = saved.length - entries.length;
      say(`Exported ${entries.length} BibTeX entries.` + (left ? ` ${left} saved papers are no longer on this site, or did not load: not in the file.` : ""));
    });
    pick.addEventListener("change", async () => {
      const file = pick.files && pick.files[0];
      pick.value = "";
      if (!file) return;
      let given;
      try {
        given = clean(JSON.parse(await file.text()));
      } catch {
        say(`${file.name}: not a shelf exported by papershelf (it is not JSON); nothing was changed.`);
        return;
      }
      const shelf = load();
      let added = 0;
      for (const [slug, paper] of Object.entries(given.papers)) {
        const mine = shelf.papers[slug];
        if (!mine) added += 1;
        shelf.papers[slug] = mine ? {
          title: paper.title || mine.title, tags: paper.tags.length ? paper.tags : mine.tags,
          saved: mine.saved || paper.saved, read: mine.read || paper.read,
          note: mine.note && paper.note && mine.note !== paper.note ? `${mine.note}\n\n${paper.note}` : mine.note || paper.note,
        } : paper;
      }
      if (store(shelf)) say(`Imported ${Object.keys(given.papers).length} papers from ${file.name} (${added} new).`);
      refresh();
    });
    let armed = 0;
    clear.addEventListener("click", () => {
      const many = Object.keys(load().papers).length;
      if (!many) return;
      if (!armed) {
        clear.textContent = `Press again to remove all ${many} papers`;
        armed = setTimeout(() => { armed = 0; clear.textContent = "Clear all"; }, 5000);
        return;
      }
      clearTimeout(armed);
      armed = 0;
      clear.textContent = "Clear all";
      store(clean({}));
      say("Your shelf is empty now.");
      refresh();
    });

    let drawn = 0;
    async function draw() {
      const shelf = load();
      const saved = newest(shelf);
      const tags = [...new Set(saved.flatMap(([, p]) => p.tags))].sort((a, b) => a.localeCompare(b));
      const chosen = tag.value;
      tag.textContent = "";
      tag.append(el("option", { value: "" }, "All tags"), ...tags.map((name) => el("option", { value: name }, name)));
      tag.value = tags.includes(chosen) ? chosen : "";
      const shown = saved.filter(([, p]) => (!tag.value || p.tags.includes(tag.value)) && (state.value === "all" || (state.value === "read") === Boolean(p.read)));
      empty.hidden = saved.length > 0;
      tools.hidden = saved.length === 0 && Object.keys(shelf.papers).length === 0;
      list.textContent = "";
      for (const [slug, paper] of shown) {
        const item = el("li", { class: paper.read ? "ps-read" : "" });
        const title = el("a", { href: new URL(`papers/${slug}/`, siteRoot).href, class: "ps-shelf__title" }, paper.title);
        const facts = [`saved ${paper.saved.slice(0, 10)}`].concat(paper.read ? [`read ${paper.read.slice(0, 10)}`] : []);
        item.append(title, el("span", { class: "ps-shelf__facts" }, ` · ${facts.join(" · ")}`));
        if (paper.tags.length) item.append(el("span", { class: "ps-shelf__tags" }, ` · ${paper.tags.join(", ")}`));
        if (paper.note) item.append(el("blockquote", { class: "ps-shelf__note" }, paper.note));
        const bar = el("span", { class: "ps-shelf-bar ps-shelf-bar--compact" });
        const read = el("button", { type: "button", "aria-pressed": String(Boolean(paper.read)), "aria-label": `${paper.read ? "Mark unread" : "Mark read"}: ${paper.title}` }, paper.read ? "Mark unread" : "Mark read");
        read.addEventListener("click", () => change(slug, {}, toggle("read")));
        const remove = el("button", { type: "button", "aria-label": `Remove from shelf: ${paper.title}` }, "Remove");
        remove.addEventListener("click", () => change(slug, {}, (p) => { p.saved = null; p.note = ""; }));
        bar.append(read, remove);
        item.append(bar);
        list.append(item);
      }
      if (saved.length && !shown.length) list.append(el("li", { class: "ps-shelf__none" }, "No saved paper matches these choices."));
      const serial = ++drawn;
      const picks = await recommend(shelf, saved.slice(0, RECENT), count);
      if (serial !== drawn) return; // a newer draw is on its way
      forYou.textContent = "";
      forYouNote.textContent = !saved.length ? "Papers related to the ones you save appear here." : picks.length ? "Related to what you saved lately, leaving out what you saved or read." : "No related paper left that you have not saved or read.";
      for (const pick of picks) {
        const item = el("li");
        item.append(el("a", { href: new URL(`papers/${pick.slug}/`, siteRoot).href }, pick.title));
        const names = pick.because.slice(0, 2).map((t) => `“${t}”`);
        const more = pick.because.length > 2 ? ` and ${pick.because.length - 2} more` : "";
        item.append(el("span", { class: "ps-shelf__why" }, ` — related to ${names.join(" and ")}${more} you saved`));
        forYou.append(item);
      }
    }
    view = draw;
  }

  // Papers the saved ones list as related, scored by how many saved papers point at each and how
  // high; never one already saved or read.
  async function recommend(shelf, recent, count) {
    if (!recent.length) return [];
    const { found } = await records(recent.map(([slug]) => slug), count);
    const scores = new Map();
    for (const [slug, paper] of recent) {
      const record = found.get(slug);
      if (!record) continue;
      record.r.forEach(([other, title], rank) => {
        const mine = shelf.papers[other];
        if (!SLUG.test(other) || (mine && (mine.saved || mine.read))) return;
        const seen = scores.get(other) || { slug: other, title: String(title), score: 0, because: [] };
        seen.score += 1 / (rank + 1);
        seen.because.push(paper.title);
        scores.set(other, seen);
      });
    }
    return [...scores.values()].sort((a, b) => b.because.length - a.because.length || b.score - a.score || a.title.localeCompare(b.title)).slice(0, FOR_YOU);
  }

  function refresh() {
    controls = controls.filter(([node]) => node.isConnected); // entries sort.js replaced are gone
    for (const [, update] of controls) update();
    if (view) view();
  }

  // Entries another script drew (assets/sort.js: a listing in another order) get their buttons too.
  document.addEventListener("papershelf:entries", (event) => {
    listing(event.target.querySelectorAll(":scope > li"));
    refresh();
  });

  function start() {
    const heading = document.querySelector("article h1#paper");
    if (heading) paperPage(heading);
    const items = document.querySelectorAll("article ol > li");
    if (items.length) listing(items);
    const root = document.getElementById("ps-shelf");
    if (root) shelfPage(root);
    refresh();
    // Another tab changed the shelf: show it here too.
    window.addEventListener("storage", (event) => { if (event.key === KEY) refresh(); });
  }

  // A list drawn after the page loaded (the author page, assets/authors.js) asks for its buttons.
  document.addEventListener("papershelf:listing", (event) => {
    listing(event.target.querySelectorAll(":scope > li"));
    refresh();
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
