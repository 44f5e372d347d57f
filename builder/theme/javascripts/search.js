// The search page (builder/pages/search.md), on Pagefind's JavaScript API.
//
// Pagefind's own interface loads every filter's file as it starts, 340 KB at 10,000 summaries;
// here a filter's file is fetched only when a reader opens that filter (or a shared address
// chose a value of it), which keeps the first filtered search within its 0.5 MB budget.
// Everything a reader chooses is kept in the address (?q=…&year=…&sort=…), so it can be shared.
(() => {
  const page = document.querySelector(".search-page");
  if (!page) return;
  const siteRoot = new URL(page.dataset.siteRoot, window.location.href).pathname;
  const words = page.querySelector("#search-words");
  const sort = page.querySelector("#search-sort");
  const sortNote = page.querySelector(".search-sort-note");
  const status = page.querySelector(".search-status");
  const list = page.querySelector(".search-result-list");
  const more = page.querySelector(".search-more");
  const filters = [...page.querySelectorAll(".search-filter")];
  const orders = { newest: "desc", oldest: "asc" };
  const RESULTS_AT_ONCE = 10;
  const SUB_RESULTS = 3;
  const VALUES_SHOWN = 40; // a filter with more values offers a box to find one

  const chosen = new Map(filters.map((filter) => [filter, new Set()]));
  const counts = new Map(); // the last counts Pagefind gave for each open filter
  let pagefind = null;
  let results = [];
  let shown = 0;
  let searchNumber = 0; // a newer search makes an older one's late answer stale
  const openedByAddress = new Set(); // their first toggle event comes after the first search began
  // Earlier addresses named actors as ?actor=…: each moves to the filter that has it, people or the
  // others, once the first search has given both filters' values.
  const actorFilters = filters.filter((filter) => "actorFilter" in filter.dataset);
  let unplacedActors = [];

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    words.value = params.get("q") || "";
    sort.value = orders[params.get("sort")] ? params.get("sort") : "";
    for (const filter of filters) {
      const values = params.getAll(filter.dataset.param);
      chosen.set(filter, new Set(values));
      if (values.length) {
        filter.open = true;
        openedByAddress.add(filter);
      }
    }
    unplacedActors = params.getAll("actor");
    for (const filter of unplacedActors.length ? actorFilters : []) {
      filter.open = true;
      openedByAddress.add(filter);
    }
  }

  // True when an actor of an earlier address found its filter: the search then runs again with it.
  function placeActors() {
    const placed = unplacedActors.filter((name) => {
      const filter = actorFilters.find((candidate) => name in (counts.get(candidate) || {}));
      if (filter) chosen.get(filter).add(name);
      return filter !== undefined;
    });
    unplacedActors = [];
    return placed.length > 0;
  }

  function writeAddress() {
    const params = new URLSearchParams();
    if (words.value.trim()) params.set("q", words.value.trim());
    for (const filter of filters) {
      for (const value of [...chosen.get(filter)].sort()) params.append(filter.dataset.param, value);
    }
    if (sort.value) params.set("sort", sort.value);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  async function runtime() {
    if (!pagefind) {
      pagefind = await import(`${siteRoot}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: siteRoot, excerptLength: 24 });
    }
    return pagefind;
  }

  // A filter with chosen values narrows the results; an open one without is asked for counts only
  // ({any: []} loads its file and leaves every result in).
  function pagefindFilters() {
    const asked = {};
    for (const filter of filters) {
      const values = [...chosen.get(filter)];
      if (values.length) asked[filter.dataset.filter] = { all: values };
      else if (filter.open) asked[filter.dataset.filter] = { any: [] };
    }
    return asked;
  }

  async function search() {
    const number = ++searchNumber;
    writeAddress();
    sortNote.hidden = !sort.value;
    const term = words.value.trim();
    if (!term) {
      // Pagefind answers a search without words by loading its whole index: several megabytes.
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = Object.keys(pagefindFilters()).length ? "Type words to search with these filters." : "";
      for (const filter of filters) showValues(filter, null);
      return;
    }
    let found;
    try {
      found = await (await runtime()).search(term, {
        filters: pagefindFilters(),
        sort: sort.value ? { date: orders[sort.value] } : {},
      });
    } catch (error) {
      // The index is written after the pages: a site copied without its pagefind/ folder has none.
      if (number === searchNumber) status.textContent = "The search index could not be loaded.";
      console.warn(error);
      return;
    }
    if (number !== searchNumber || !found) return;
    results = found.results;
    shown = 0;
    list.replaceChildren();
    for (const filter of filters) {
      if (found.filters[filter.dataset.filter]) counts.set(filter, found.filters[filter.dataset.filter]);
      showValues(filter, term);
    }
    if (unplacedActors.length && placeActors()) return search();
    status.textContent = `${results.length} ${results.length === 1 ? "result" : "results"} for “${term}”`;
    await showMore(number);
  }

  async function showMore(number) {
    const next = results.slice(shown, shown + RESULTS_AT_ONCE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (number !== searchNumber) return;
    for (const result of data) list.append(resultItem(result));
    shown += next.length;
    more.hidden = shown >= results.length;
  }

  function resultItem(result) {
    const item = element("li", "search-result");
    item.append(link(result.url, result.meta.title || result.url), excerpt(result.excerpt));
    const subs = subResults(result);
    if (subs.length) {
      const nested = element("ul", "search-sub-results");
      for (const sub of subs) {
        const subItem = element("li", "search-sub-result");
        subItem.append(link(sub.url, sub.title), excerpt(sub.excerpt));
        nested.append(subItem);
      }
      item.append(nested);
    }
    return item;
  }

  // The sections, quotes and claims that match most, in their order on the page. A quote's or
  // claim's result leads to the block itself, whose anchor other pages link to, rather than to
  // the heading inside it that Pagefind splits the page at.
  function subResults(result) {
    // The page's own title is a sub-result too, for its anchor: the result says it already.
    const subs = (result.sub_results || []).filter((sub) => sub.url !== result.url && sub.anchor?.element !== "h1");
    const best = [...subs]
      .sort((a, b) => (b.locations?.length || 0) - (a.locations?.length || 0))
      .slice(0, SUB_RESULTS);
    return subs
      .filter((sub) => best.includes(sub))
      .map((sub) => {
        const id = sub.anchor?.id || "";
        const url = /^(claim|quote)-.+-heading$/.test(id) ? sub.url.replace(/-heading$/, "") : sub.url;
        return { ...sub, url };
      });
  }

  function element(tag, className, text) {
    const made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  function link(url, text) {
    const made = element("a", "search-result-link", text);
    made.href = url;
    return made;
  }

  // Pagefind's excerpt is HTML with the matched words in <mark>: only those marks are kept as
  // elements, and everything else is put in as text, so no markup from the index ever runs.
  function excerpt(html) {
    const paragraph = element("p", "search-result-excerpt");
    const parsed = new DOMParser().parseFromString(`<body>${html || ""}</body>`, "text/html").body;
    for (const node of parsed.childNodes) {
      paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
    }
    return paragraph;
  }

  function showValues(filter, term) {
    const box = filter.querySelector(".search-filter-values");
    if (!filter.open) return;
    if (!term) {
      box.replaceChildren(element("p", "search-filter-note", "Type words to see how many results each value leaves."));
      return;
    }
    const picked = chosen.get(filter);
    const values = Object.entries(counts.get(filter) || {}).filter(([value, count]) => count > 0 || picked.has(value));
    if ("newestFirst" in filter.dataset) values.sort(([a], [b]) => b.localeCompare(a));
    else values.sort(([a, countA], [b, countB]) => countB - countA || a.localeCompare(b));
    const finder = findBox(filter, values.length);
    const wanted = finder ? finder.value.trim().toLocaleLowerCase() : "";
    const matching = values.filter(([value]) => !wanted || value.toLocaleLowerCase().includes(wanted));
    const listed = matching.filter(([value], place) => place < VALUES_SHOWN || picked.has(value));
    const group = element("ul", "search-filter-list");
    for (const [value, count] of listed) group.append(valueItem(filter, value, count));
    const parts = finder ? [finder.parentElement, group] : [group];
    if (!values.length) parts.push(element("p", "search-filter-note", "No result has a value here."));
    else if (listed.length < matching.length) {
      parts.push(element("p", "search-filter-note", `${listed.length} of ${matching.length} shown: type above to find others.`));
    }
    box.replaceChildren(...parts);
  }

  function findBox(filter, valueCount) {
    if (!("findable" in filter.dataset) || valueCount <= VALUES_SHOWN) return null;
    let finder = filter.querySelector(".search-filter-find input");
    if (!finder) {
      const label = element("label", "search-filter-find");
      label.append(element("span", "", "Find by name"));
      finder = element("input");
      finder.type = "search";
      finder.addEventListener("input", () => showValues(filter, words.value.trim()));
      label.append(finder);
    }
    return finder;
  }

  function valueItem(filter, value, count) {
    const item = element("li", "search-filter-value");
    const label = element("label");
    const box = element("input");
    box.type = "checkbox";
    box.name = filter.dataset.param;
    box.value = value;
    box.checked = chosen.get(filter).has(value);
    box.addEventListener("change", () => {
      if (box.checked) chosen.get(filter).add(value);
      else chosen.get(filter).delete(value);
      search();
    });
    label.append(box, `${value} `, element("span", "search-filter-count", `(${count})`));
    item.append(label);
    return item;
  }

  let typing = null;
  words.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(search, 250);
  });
  page.querySelector(".search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    search();
  });
  sort.addEventListener("change", search);
  more.addEventListener("click", () => showMore(searchNumber));
  for (const filter of filters) {
    filter.addEventListener("toggle", () => {
      if (openedByAddress.delete(filter)) return;
      if (filter.open && !counts.has(filter)) search();
      else showValues(filter, words.value.trim());
    });
  }

  readAddress();
  search();
  if (!words.value) words.focus();
})();
