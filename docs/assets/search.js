/* Search in the dialog of partials/search.html; assets/site.js imports this
   module when the reader first opens search. Pagefind's JS API runs on the main
   thread (noWorker: one script less to download) and picks the index of the
   page's <html lang>. Every text comes from the dialog's data-* attributes
   (data/strings/<lang>.yml). */

const SHOWN = 10; // results shown (and fragments fetched) per query
const SUBRESULTS = 3; // headings shown under a page

export async function start(dialog) {
  const field = dialog.querySelector("input");
  const status = dialog.querySelector("[role=status]");
  const list = dialog.querySelector("[data-search-results]");
  const text = dialog.dataset;
  const plural = new Intl.PluralRules(document.documentElement.lang);
  const say = (message) => { status.textContent = message; };

  say(text.loading);
  const bundle = new URL(text.bundle, document.baseURI);
  let pagefind;
  try {
    pagefind = await import(new URL("pagefind.js", bundle).href);
    // Result URLs start with the site's path (a GitHub Pages project site is
    // not at the host's root).
    await pagefind.options({ noWorker: true, baseUrl: new URL("..", bundle).pathname });
    await pagefind.init();
  } catch {
    say(text.error);
    return;
  }

  const link = (href, title, excerpt) => {
    const anchor = Object.assign(document.createElement("a"), { href });
    const heading = Object.assign(document.createElement("span"), { className: "site-search__title", textContent: title });
    const context = Object.assign(document.createElement("span"), { className: "site-search__excerpt" });
    context.innerHTML = excerpt; // Pagefind's escaped text with <mark> around the matches
    anchor.append(heading, context);
    return anchor;
  };
  const item = (page) => {
    const entry = document.createElement("li");
    entry.append(link(page.url, page.meta.title, page.excerpt));
    // Headings of the page below its title (the title is the page's own link).
    const sections = (page.sub_results || [])
      .filter((sub) => sub.url !== page.url && sub.anchor?.element !== "h1").slice(0, SUBRESULTS);
    if (sections.length) {
      const nested = document.createElement("ul");
      for (const sub of sections) {
        const li = document.createElement("li");
        li.append(link(sub.url, sub.title, sub.excerpt));
        nested.append(li);
      }
      entry.append(nested);
    }
    return entry;
  };

  let latest = 0;
  const run = async () => {
    const query = field.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      say("");
      return;
    }
    let found, pages;
    try {
      // Typing fast runs one search, for the last query (null: a newer one came).
      found = await pagefind.debouncedSearch(query, {}, 150);
      if (!found || ticket !== latest) return;
      pages = await Promise.all(found.results.slice(0, SHOWN).map((result) => result.data()));
    } catch {
      if (ticket === latest) say(text.error);
      return;
    }
    if (ticket !== latest) return;
    const count = found.results.length;
    list.replaceChildren(...pages.map(item));
    say(count ? text[plural.select(count) === "one" ? "one" : "other"].replace("{count}", count)
      : text.none.replace("{query}", query));
  };

  field.addEventListener("input", run);
  field.addEventListener("keydown", (event) => {
    // Enter opens the first result, unless it confirms an input method's conversion.
    if (event.key === "Enter" && !event.isComposing) list.querySelector("a")?.click();
  });
  // Arrow keys move between the input and the results.
  dialog.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const stops = [field, ...list.querySelectorAll("a")];
    const at = stops.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))].focus();
  });
  // Following a result (maybe a heading of this very page) closes the dialog.
  list.addEventListener("click", (event) => { if (event.target.closest("a")) dialog.close(); });
  run();
}
