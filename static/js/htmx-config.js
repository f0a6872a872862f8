// htmx under the Content-Security-Policy (no inline style, no eval): loaded right after htmx,
// before it initialises on DOMContentLoaded. Its indicator CSS lives in css/app.css instead.
if (window.htmx) {
  htmx.config.includeIndicatorStyles = false;
  htmx.config.allowEval = false;
  htmx.config.allowScriptTags = false;
}
