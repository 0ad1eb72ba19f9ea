// Starts GOV.UK Frontend on every page. Its own page template does the first step with an inline
// script; our Content-Security-Policy allows no inline script, so it happens here. A module script
// only runs in browsers that support modules, which is GOV.UK Frontend's own test for support.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// Same version query as this file, so a new release never mixes old and new code from the cache.
const version = new URL(import.meta.url).search;
const { initAll } = await import(`./govuk-frontend.min.js${version}`);
initAll();

// "Print this page" buttons are hidden until there is script to make them work.
for (const button of document.querySelectorAll('[data-app-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
