// papershelf author page: authors/?a=SLUG&p=N lists one author's papers, PER_PAGE a page, from
// api/authors/K.json, where K is FNV-1a of the slug modulo the number of shards (the page's
// data-shards; generator/exports/authors.py computes the same). A query, not a fragment: Zensical's
// --strict checks fragments against the page's anchors. Names, titles and tags come from the sources,
// so every text goes in with textContent, and only links the build could have made are followed.
(() => {
  "use strict";
  const script = document.currentScript;
  const siteRoot = new URL("../", script.src);
  const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
  const PAPER = /^papers\/[a-z0-9][a-z0-9-]{0,199}\/$/;
  const PER_PAGE = 25;
  const FETCH_MS = 10_000;
  const FEED_FROM = 2;

  const NO_AUTHOR = "No author given. Open an author from the names on a paper's page.";
  const UNKNOWN = "This site has no author at this address. The sources may spell the name differently now: search for one of their papers to find them.";
  const TIMEOUT = "The author's papers did not load within 10 seconds. Reload the page to try again.";
  const FAILED = (why) => `The author's papers did not load (${why}). Reload the page to try again.`;

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };

  function fnv1a(value) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(value)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    return hash >>> 0;
  }

  // The page numbers a pager shows, as the listings' pagers do (generator/render.py: page_window).
  function pageWindow(number, pages, around = 2) {
    const shown = [...new Set([1, pages, ...Array.from({ length: 2 * around + 1 }, (_, i) => number - around + i)])]
      .filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
    const window = [];
    let previous = 0;
    for (const n of shown) {
      if (n - previous === 2) window.push(previous + 1);
      else if (n - previous > 2) window.push(null);
      window.push(n);
      previous = n;
    }
    return window;
  }

  class LoadError extends Error {}

  async function shard(number) {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), FETCH_MS);
    try {
      let answer;
      try {
        answer = await fetch(new URL(`api/authors/${number}.json`, siteRoot), { signal: stop.signal });
      } catch {
        throw new LoadError(stop.signal.aborted ? TIMEOUT : FAILED("no answer from the server"));
      }
      if (!answer.ok) throw new LoadError(FAILED(`the server answered ${answer.status}`));
      try {
        return await answer.json();
      } catch {
        throw new LoadError(stop.signal.aborted ? TIMEOUT : FAILED("its file is not JSON"));
      }
    } finally {
      clearTimeout(timer);
    }
  }

  // Only what the build writes: a name, and papers with a title and a link into papers/.
  function clean(author) {
    if (!author || typeof author !== "object" || typeof author.n !== "string" || !Array.isArray(author.p)) return null;
    const papers = author.p.filter((p) => p && typeof p.t === "string" && typeof p.u === "string" && PAPER.test(p.u)).map((p) => ({
      title: p.t, url: new URL(p.u, siteRoot).href, date: typeof p.d === "string" ? p.d : "",
      tags: Array.isArray(p.g) ? p.g.filter((g) => typeof g === "string") : [],
    }));
    return { name: author.n, feed: author.f === 1, papers };
  }

  function pager(slug, number, pages) {
    const nav = el("nav", { class: "ps-pager", "aria-label": "Pages" });
    const here = (n) => `?a=${encodeURIComponent(slug)}&p=${n}`;
    nav.append(`Page ${number} of ${pages}: `);
    if (number > 1) nav.append(el("a", { href: here(number - 1) }, "← Previous"), " ");
    for (const n of pageWindow(number, pages)) {
      if (n === null) nav.append("… ");
      else nav.append(n === number ? el("strong", { "aria-current": "page" }, String(n)) : el("a", { href: here(n) }, String(n)), " ");
    }
    if (number < pages) nav.append(el("a", { href: here(number + 1) }, "Next →"));
    return nav;
  }

  function follow(slug, author) {
    const line = el("p", { class: "ps-follow" });
    if (author.feed) {
      line.append("Follow: ", el("a", { href: new URL(`feeds/authors/${slug}.atom.xml`, siteRoot).href, type: "application/atom+xml" }, "Atom feed of this author's papers"));
    } else {
      line.classList.add("ps-author__hint");
      line.append(`Feeds are kept for authors with ${FEED_FROM} papers or more on this site. To see new papers, follow `,
        el("a", { href: new URL("feeds/all.atom.xml", siteRoot).href, type: "application/atom+xml" }, "the feed of all papers"), ".");
    }
    return line;
  }

  function show(root, slug, author, asked) {
    const pages = Math.max(1, Math.ceil(author.papers.length / PER_PAGE));
    const number = Math.min(pages, Math.max(1, asked));
    const first = (number - 1) * PER_PAGE;
    const heading = document.querySelector("article h1");
    if (heading) heading.textContent = author.name;
    document.title = author.name + document.title.replace(/^Author/, "");
    const count = author.papers.length === 1 ? "1 paper" : `${author.papers.length.toLocaleString("en")} papers`;
    const order = author.papers.length > 1 ? ", newest first" : "";
    const intro = el("p", { class: "ps-author__intro" }, `${count} on this site${order}.` + (pages > 1 ? ` Page ${number} of ${pages}.` : ""));
    const list = el("ol", { class: "ps-author__list", start: String(first + 1) });
    for (const paper of author.papers.slice(first, first + PER_PAGE)) {
      const item = el("li");
      const title = el("p");
      const strong = el("strong");
      strong.append(el("a", { href: paper.url }, paper.title));
      title.append(strong);
      item.append(title);
      const facts = [paper.date, paper.tags.join(", ")].filter(Boolean).join(" · ");
      if (facts) item.append(el("p", { class: "ps-meta" }, facts));
      list.append(item);
    }
    root.textContent = "";
    root.append(intro, follow(slug, author), list);
    if (pages > 1) root.append(pager(slug, number, pages));
    // The reader's shelf (shelf.js) puts its Save and Read buttons on entries listed after it started.
    list.dispatchEvent(new CustomEvent("papershelf:listing", { bubbles: true }));
  }

  function say(root, message) {
    root.textContent = "";
    root.append(el("p", { class: "ps-author__message", role: "status" }, message));
  }

  async function start() {
    const root = document.getElementById("ps-author");
    if (!root) return;
    const query = new URLSearchParams(location.search);
    const slug = query.get("a") || "";
    if (!slug) return say(root, NO_AUTHOR);
    if (!SLUG.test(slug)) return say(root, UNKNOWN);
    const count = Math.max(1, Number.parseInt(root.dataset.shards, 10) || 1);
    let data;
    try {
      data = await shard(fnv1a(slug) % count);
    } catch (error) {
      return say(root, error instanceof LoadError ? error.message : FAILED("an error in this page"));
    }
    const author = data && typeof data === "object" && Object.hasOwn(data, slug) ? clean(data[slug]) : null;
    if (!author) return say(root, UNKNOWN);
    show(root, slug, author, Number.parseInt(query.get("p") || "1", 10) || 1);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
