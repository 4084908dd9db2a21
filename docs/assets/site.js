/* Site behaviour that Material does not provide. No third-party requests. */
(() => {
  "use strict";

  /* The reader's language choice (or dismissal of the suggestion) is kept in
     localStorage: no cookie, nothing sent anywhere. */
  const CHOICE_KEY = "site-language-choice";
  const remember = (value) => {
    try { localStorage.setItem(CHOICE_KEY, value); } catch { /* storage off */ }
  };
  const remembered = () => {
    try { return localStorage.getItem(CHOICE_KEY); } catch { return null; }
  };

  /* Language switcher: keep the reader on the same question (#anchor). Heading
     ids are the same in every language, so the hash carries over as is. */
  const languageLinks = document.querySelectorAll("a[data-site-language]");
  const carryHash = () => {
    for (const link of languageLinks) link.hash = window.location.hash;
  };
  carryHash();
  window.addEventListener("hashchange", carryHash);
  for (const link of languageLinks) {
    link.addEventListener("click", () => remember(link.hreflang));
  }

  /* 404: GitHub Pages serves one 404.html for every language; show the
     message (and footer label) of the language whose home the URL is under,
     and put the chrome (header labels, palette toggle, "Back to top") in that
     language: 404.html lists [selector, attribute or "text",
     value] per language home. */
  const notFound = [...document.querySelectorAll("[data-not-found]")];
  const notFoundHome = notFound
    .map((element) => element.dataset.notFound)
    .filter((home) => window.location.pathname.startsWith(home))
    .sort((a, b) => b.length - a.length)[0];
  const setOwnText = (element, text) => {
    // The element's own words, not its icon: its last non-blank text node.
    const node = [...element.childNodes].reverse()
      .find((child) => child.nodeType === Node.TEXT_NODE && child.textContent.trim());
    if (node) node.textContent = ` ${text} `;
    else element.append(text);
  };
  if (notFoundHome) {
    for (const element of notFound) element.hidden = element.dataset.notFound !== notFoundHome;
    const message = document.querySelector(`section[data-not-found="${notFoundHome}"]`);
    document.documentElement.lang = message.lang;
    document.body.dir = message.dir;
    document.title = message.dataset.title;
    const chrome = document.getElementById("site-not-found-chrome");
    const labels = chrome ? JSON.parse(chrome.textContent)[notFoundHome] || [] : [];
    for (const [selector, attribute, value] of labels) {
      for (const element of document.querySelectorAll(selector)) {
        if (attribute === "text") setOwnText(element, value);
        else element.setAttribute(attribute, value);
      }
    }
  }

  /* Language suggestion, never a redirect: a reader whose browser prefers a
     language this page is translated into sees a note in that language. */
  const suggestionData = document.getElementById("site-language-suggestions");
  const preferredTranslation = (available) => {
    const pageLanguage = document.documentElement.lang;
    for (const tag of navigator.languages || [navigator.language]) {
      const code = tag.toLowerCase().split("-")[0];
      if (code === pageLanguage) return null; // the reader prefers this page's language
      if (available[code]) return code;
    }
    return null;
  };
  const showSuggestion = (code, suggestion) => {
    const note = document.createElement("aside");
    note.className = "site-notice site-suggestion";
    note.lang = code;
    note.dir = suggestion.dir;
    note.setAttribute("aria-label", suggestion.text);
    const text = document.createElement("p");
    const link = Object.assign(document.createElement("a"), {
      href: suggestion.url + window.location.hash, hreflang: code, textContent: suggestion.link,
    });
    link.addEventListener("click", () => remember(code));
    const dismiss = Object.assign(document.createElement("button"), {
      type: "button", className: "site-notice__dismiss", textContent: suggestion.dismiss,
    });
    dismiss.addEventListener("click", () => { remember("dismissed"); note.remove(); });
    text.append(suggestion.text, " ", link);
    note.append(text, dismiss);
    document.querySelector(".md-content").prepend(note);
  };
  if (suggestionData && !remembered()) {
    const available = JSON.parse(suggestionData.textContent);
    const code = preferredTranslation(available);
    if (code) showSuggestion(code, available[code]);
  }

  /* Search: the dialog of partials/search.html opens at once; assets/search.js
     (with Pagefind's runtime and the page language's index) is loaded on the
     first opening only, so a first page view downloads nothing for search. */
  const button = document.querySelector("[data-site-search]:not([hidden])");
  const dialog = document.querySelector("[data-site-search-dialog]:not([hidden])");
  if (!button || !dialog) return;
  const field = dialog.querySelector("input");
  let started = null;

  const openSearch = () => {
    if (!dialog.open) dialog.showModal(); // focus goes back where it was on close
    field.focus();
    field.select();
    started ??= import(new URL(dialog.dataset.module, document.baseURI).href)
      .then((search) => search.start(dialog))
      .catch(() => { dialog.querySelector("[role=status]").textContent = dialog.dataset.error; });
  };

  button.addEventListener("click", openSearch);
  dialog.querySelector("[data-site-search-close]").addEventListener("click", () => dialog.close());
  // Esc closes at once (in a search field Chromium would first clear the text),
  // unless it cancels a Japanese input method's conversion.
  dialog.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.isComposing) {
      event.preventDefault();
      dialog.close();
    }
  });
  // A click on the backdrop (outside the box) closes too.
  dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    // Material's own search keys (/, s, f), and Ctrl/Cmd+K.
    const plainKey = !event.ctrlKey && !event.metaKey && !event.altKey;
    const shortcut = (["/", "s", "f"].includes(event.key) && plainKey && !typing) ||
      (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey));
    if (shortcut) {
      event.preventDefault();
      openSearch();
    }
  });
})();
