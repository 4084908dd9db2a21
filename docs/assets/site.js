/* Site behaviour that Material does not provide. No third-party requests. */
(() => {
  "use strict";

  /* Language switcher: keep the reader on the same question (#anchor). Heading
     ids are the same in every language, so the hash carries over as is. */
  const languageLinks = () => document.querySelectorAll("a[data-site-language]");
  const carryHash = () => {
    for (const link of languageLinks()) link.hash = window.location.hash;
  };
  carryHash();
  window.addEventListener("hashchange", carryHash);

  /* Search: Pagefind's Component UI is loaded on first use only, so a first
     page view downloads nothing for search. Pagefind picks the index of the
     page's <html lang>. */
  const button = document.querySelector("[data-site-search]");
  if (!button) return;
  const bundle = new URL(button.dataset.pagefindBundle, document.baseURI).href;
  let modal = null;
  let returnFocusTo = button;

  const load = (tag, attributes) =>
    new Promise((resolve, reject) => {
      const element = Object.assign(document.createElement(tag), attributes);
      element.addEventListener("load", resolve);
      element.addEventListener("error", reject);
      document.head.append(element);
    });

  const openSearch = async () => {
    const active = document.activeElement;
    returnFocusTo = active instanceof HTMLElement && active !== document.body ? active : button;
    if (!modal) {
      await Promise.all([
        load("link", { rel: "stylesheet", href: `${bundle}pagefind-component-ui.css` }),
        load("script", { src: `${bundle}pagefind-component-ui.js` }),
      ]);
      modal = document.createElement("pagefind-modal");
      modal.setAttribute("reset-on-close", "false");
      document.body.append(modal);
      await customElements.whenDefined("pagefind-modal");
      // The dialog's "close" does not bubble: listen while it passes down.
      modal.addEventListener("close", () => returnFocusTo.focus(), true);
    }
    requestAnimationFrame(() => modal.open());
  };

  button.addEventListener("click", openSearch);
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement &&
      (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    const shortcut = (event.key === "/" && !typing) ||
      (event.key.toLowerCase() === "k" && (event.metaKey || event.ctrlKey));
    if (shortcut && !(modal && modal.isOpen)) {
      event.preventDefault();
      openSearch();
    }
  });
})();
