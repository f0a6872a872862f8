// Progressive enhancement only: every form also works without JavaScript.
// Selects never submit their form on change: moving through the options with the arrow
// keys must not change the page (WCAG 3.2.2 On Input); each form has its own button.

// The admin's autocomplete (select2) adds a search box without a label: give it the label
// of the field it belongs to, now and whenever select2 draws it again.
(() => {
  const name = (input) => {
    const container = input.closest(".select2-container");
    const select = container && container.previousElementSibling;
    const label = select && select.id && document.querySelector(`label[for="${select.id}"]`);
    return label ? label.textContent.trim() : "";
  };
  const fix = (root) => root.querySelectorAll(".select2-search__field:not([aria-label])").forEach((input) => {
    const text = name(input);
    if (text) input.setAttribute("aria-label", text);
  });
  const start = () => {
    fix(document);
    new MutationObserver(() => fix(document)).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
