// The chronology's filters: the events of this page by actor, topic and kind of event, read from and
// written to the page's address (?actor=…&topic=…&type=…), so that a filtered view can be linked to and
// carries over to the other years and parts. Without script the form stays hidden and every event shows.
(() => {
  const form = document.querySelector(".chrono-filters");
  if (!form) return;
  const keys = ["actor", "topic", "type"];
  const field = { actor: "actors", topic: "topics", type: "type" };
  const items = [...document.querySelectorAll(".chrono-event")];
  const periods = [...document.querySelectorAll(".chrono-period")];
  const count = form.querySelector(".chrono-count");
  const empty = document.querySelector(".chrono-empty");

  const chosen = () => Object.fromEntries(keys.map((key) => [key, form.elements[key].value]));
  const matches = (item, filters) =>
    keys.every((key) => !filters[key] || item.dataset[field[key]].split(" ").includes(filters[key]));

  function apply(filters) {
    let shown = 0;
    for (const item of items) {
      item.hidden = !matches(item, filters);
      if (!item.hidden) shown += 1;
    }
    for (const period of periods) period.hidden = !period.querySelector(".chrono-event:not([hidden])");
    empty.hidden = shown > 0;
    count.textContent = `${shown} of ${items.length} events on this page`;
    const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value)).toString();
    for (const link of document.querySelectorAll(".chrono-years a, .pager a")) {
      const url = new URL(link.href);
      url.search = query;
      link.href = url.href;
    }
    history.replaceState(null, "", (query ? `?${query}` : window.location.pathname) + window.location.hash);
  }

  const params = new URLSearchParams(window.location.search);
  for (const key of keys) {
    const value = params.get(key) || "";
    const select = form.elements[key];
    // An actor or topic with no event on this page (the address came from another year) stays chosen.
    if (value && ![...select.options].some((option) => option.value === value)) {
      select.add(new Option(`${value} (no event on this page)`, value));
    }
    select.value = value;
  }
  form.hidden = false;
  form.addEventListener("change", () => apply(chosen()));
  form.addEventListener("submit", (event) => event.preventDefault());
  apply(chosen());
})();
