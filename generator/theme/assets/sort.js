// papershelf sort (#19): a listing in the other orders its papers offer (date, upvotes, GitHub stars),
// without a rebuild. The listing's HTML is its own order; choosing another fetches one page of
// api/sorted/<listing>/<order>/<page>.json (generator/exports/sorted.py) and shows it in place of the
// list and its pager. The order and page live in the URL (?sort=upvotes&p=2), so a reload, the back
// button and a shared link keep them. Every text from a source goes in with textContent: a title
// holding markup is shown as the text it is, never run. A page that does not load leaves the
// listing's own order on screen and says why.
(() => {
  "use strict";
  const script = document.currentScript;
  const siteRoot = new URL("../", script.src); // this file is assets/sort.js: works under any subpath
  const FETCH_MS = 10_000;
  const FOLDER = /^api\/sorted\/(?:[A-Za-z0-9][A-Za-z0-9-]*\/)+$/;
  const PAGE = /^papers\/[a-z0-9][a-z0-9-]{0,199}\/$/;
  const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
  const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
  const NAMES = { date: "date", upvotes: "upvotes", stars: "GitHub stars" };

  const el = (tag, attrs = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  };
  const plural = (count, one, many) => `${count} ${count === 1 ? one : many}`;
  const count = (value) => Number.isInteger(value) && value >= 0;

  // The value a paper is sorted by, in the words of its paper page; a paper without one says so.
  function shown(paper, sort) {
    const asOf = typeof paper.a === "string" && DATE.test(paper.a) ? `, as of ${paper.a}` : "";
    if (sort === "date") {
      if (typeof paper.v !== "string" || !DATE.test(paper.v)) return "No date in its source";
      return paper.h === 1 ? `On Hugging Face Daily Papers ${paper.v}` : `Published ${paper.v}`;
    }
    if (sort === "upvotes") return count(paper.v) ? plural(paper.v, "upvote", "upvotes") + ` on Hugging Face${asOf}` : "No upvote count in its source";
    return count(paper.v) ? plural(paper.v, "star", "stars") + ` on its repository${asOf}` : "No GitHub star count in its source";
  }

  // The page numbers a pager shows (generator/render.py: page_window): the first, the last and two
  // either side of this one, null for a run left out (a run of one is shown instead).
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

  function valid(data, sort, page) {
    return data && typeof data === "object" && data.sort === sort && data.page === page && Number.isInteger(data.pages) && data.pages >= page
      && Number.isInteger(data.total) && Number.isInteger(data.size) && data.size > 0 && Array.isArray(data.papers)
      && data.tags && typeof data.tags === "object";
  }

  async function load(folder, sort, page) {
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), FETCH_MS);
    try {
      let answer;
      try {
        answer = await fetch(new URL(`${folder}${sort}/${page}.json`, siteRoot), { signal: stop.signal });
      } catch {
        throw new Error(stop.signal.aborted ? `no answer within ${FETCH_MS / 1000} s` : "no answer from the server");
      }
      if (!answer.ok) throw new Error(`the server answered ${answer.status}`);
      let data;
      try {
        data = await answer.json();
      } catch {
        throw new Error("its file is not JSON");
      }
      if (!valid(data, sort, page)) throw new Error("its file is not a page of this listing");
      return data;
    } finally {
      clearTimeout(timer);
    }
  }

  function entry(paper, sort, tags) {
    const item = el("li");
    const head = el("p");
    const strong = el("strong");
    strong.append(el("a", { href: new URL(paper.u, siteRoot).href }, paper.t));
    head.append(strong);
    item.append(head, el("p", { class: "ps-meta ps-sort__value" }, shown(paper, sort)));
    if (typeof paper.s === "string" && paper.s) item.append(el("p", {}, paper.s));
    const named = Array.isArray(paper.g) ? paper.g.filter((slug) => typeof slug === "string" && SLUG.test(slug) && typeof tags[slug] === "string") : [];
    if (named.length) {
      const chips = el("p", { class: "ps-tags" });
      named.forEach((slug, index) => {
        if (index) chips.append(" ");
        chips.append(el("a", { href: new URL(`tags/${slug}/`, siteRoot).href, class: "ps-tag" }, tags[slug]));
      });
      item.append(chips);
    }
    return item;
  }

  function start() {
    const box = document.querySelector(".ps-sort[data-folder]");
    const folder = box && box.dataset.folder;
    if (!box || !FOLDER.test(folder)) return;
    const select = box.querySelector("select");
    const status = box.querySelector(".ps-sort__status");
    const offered = [...select.options].map((option) => option.value);
    let own = box.nextElementSibling; // the listing's list, in its own order
    while (own && own.tagName !== "OL") own = own.nextElementSibling;
    const ownPager = document.querySelector("article nav.ps-pager");
    const ownRule = ownPager && ownPager.previousElementSibling && ownPager.previousElementSibling.tagName === "HR" ? ownPager.previousElementSibling : null;
    const ownParts = [own, ownRule, ownPager].filter(Boolean);
    let mine = [];
    let turn = 0;

    function wanted() {
      const query = new URLSearchParams(location.search);
      const sort = query.get("sort");
      const page = Number(query.get("p") || "1");
      return { sort: sort && sort !== "rank" && offered.includes(sort) ? sort : "rank", page: Number.isInteger(page) && page >= 1 ? page : 1 };
    }

    function address(sort, page) {
      const url = new URL(location.href);
      url.searchParams.delete("sort");
      url.searchParams.delete("p");
      if (sort !== "rank") url.searchParams.set("sort", sort);
      if (sort !== "rank" && page > 1) url.searchParams.set("p", String(page));
      return url.href;
    }

    function restore() {
      for (const node of mine) node.remove();
      mine = [];
      for (const node of ownParts) node.hidden = false;
    }

    function pager(data, sort) {
      const nav = el("nav", { class: "ps-pager", "aria-label": "Pages" });
      const line = el("p");
      const link = (number, words) => {
        const node = el("a", { href: address(sort, number) }, words);
        node.addEventListener("click", (event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab reads the URL
          event.preventDefault();
          go(sort, number, true);
        });
        return node;
      };
      line.append(`Page ${data.page} of ${data.pages}: `);
      if (data.page > 1) line.append(link(data.page - 1, "← Previous"), " ");
      for (const number of pageWindow(data.page, data.pages)) {
        if (number === null) line.append("… ");
        else if (number === data.page) line.append(el("strong", { "aria-current": "page" }, String(number)), " ");
        else line.append(link(number, String(number)), " ");
      }
      if (data.page < data.pages) line.append(link(data.page + 1, "Next →"));
      nav.append(line);
      return nav;
    }

    function draw(data, sort, focus) {
      restore();
      const first = (data.page - 1) * data.size + 1;
      const list = el("ol", { class: "ps-sorted", start: String(first), tabindex: "-1", "aria-label": `Papers by ${NAMES[sort]}` });
      for (const paper of data.papers) {
        if (paper && typeof paper.t === "string" && typeof paper.u === "string" && PAGE.test(paper.u)) list.append(entry(paper, sort, data.tags));
      }
      mine = [list];
      if (data.pages > 1) mine.push(el("hr"), pager(data, sort));
      for (const node of ownParts) node.hidden = true;
      (own || box).after(...mine);
      list.dispatchEvent(new CustomEvent("papershelf:entries", { bubbles: true })); // shelf.js adds Save / Read
      const last = first + list.children.length - 1;
      status.textContent = `Sorted by ${NAMES[sort]}: papers ${first} to ${last} of ${data.total}` + (data.pages > 1 ? `, page ${data.page} of ${data.pages}.` : ".");
      if (focus) list.focus();
    }

    async function show(sort, page, focus = false) {
      const mineTurn = ++turn;
      select.value = sort;
      if (sort === "rank") {
        restore();
        status.textContent = "";
        return;
      }
      status.textContent = `Loading the papers by ${NAMES[sort]}…`;
      try {
        const data = await load(folder, sort, page);
        if (mineTurn === turn) draw(data, sort, focus);
      } catch (problem) {
        if (mineTurn !== turn) return;
        restore();
        select.value = "rank";
        history.replaceState(null, "", address("rank", 1));
        status.textContent = `The papers by ${NAMES[sort]} could not be loaded (${problem.message}); the listing is shown in its own order.`;
      }
    }

    function go(sort, page, focus) {
      history.pushState(null, "", address(sort, page));
      show(sort, page, focus);
    }

    select.addEventListener("change", () => go(select.value, 1, false));
    window.addEventListener("popstate", () => {
      const state = wanted();
      show(state.sort, state.page);
    });
    box.hidden = false;
    const state = wanted();
    if (state.sort !== "rank") show(state.sort, state.page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
  else start();
})();
