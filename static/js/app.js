// Progressive enhancement only: every form also works without JavaScript.
// Selects never submit their form on change: moving through the options with the arrow
// keys must not change the page (WCAG 3.2.2 On Input); each form has its own button.
