// Progressive enhancement only: every form also works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el.matches("[data-autosubmit]")) el.form.submit();
});
document.querySelectorAll("[data-lang-submit]").forEach((btn) => btn.classList.add("visually-hidden-focusable"));
