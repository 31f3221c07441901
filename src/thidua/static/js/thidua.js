/*
 * Thidua — small progressive-enhancement helpers (vanilla JS, no dependencies
 * other than the vendored htmx, which is optional for parts 2–4).
 *
 * Loading (in base.html, after htmx, both deferred so order is kept):
 *   <script src="{% static 'vendor/htmx/htmx.min.js' %}" defer></script>
 *   <script src="{% static 'vendor/bootstrap/js/bootstrap.bundle.min.js' %}" defer></script>
 *   <script src="{% static 'js/thidua.js' %}" defer></script>
 *
 * CSP: the site runs with script-src 'self' and style-src 'self' (no
 * 'unsafe-inline', no 'unsafe-eval'). This file therefore uses only
 * addEventListener with event delegation on document: no eval/new Function,
 * no inline on* handlers, no inline style attributes (visibility is toggled
 * with the `hidden` attribute).
 *
 * REQUIRED in base.html <head> (the template author adds it):
 *
 *   <meta name="csrf-token" content="{{ csrf_token }}">
 *   <meta name="htmx-config"
 *         content='{"includeIndicatorStyles": false, "allowEval": false, "allowScriptTags": false}'>
 *
 *   - includeIndicatorStyles:false  htmx would otherwise inject an inline
 *     <style> (blocked by CSP); the equivalent .htmx-indicator rules are in
 *     css/thidua.css.
 *   - allowEval:false  no eval in htmx (so hx-on:*, hx-vals="js:…",
 *     hx-vars and trigger filters like click[ctrlKey] must NOT be used).
 *   - allowScriptTags:false  <script> tags in swapped-in HTML are not run.
 *   htmx reads that meta tag itself on DOMContentLoaded. As a safety net the
 *   same three values are also set below, in case a page forgets the tag.
 */
(function () {
  "use strict";

  /* ------------------------------------------------------------------
   * 0. htmx CSP safety net.
   * Deferred scripts run before DOMContentLoaded, i.e. before htmx reads
   * its meta config and before it would inject its indicator <style>, so
   * setting the values here is early enough. The meta tag stays the
   * primary, documented mechanism.
   * ------------------------------------------------------------------ */
  if (window.htmx && window.htmx.config) {
    window.htmx.config.includeIndicatorStyles = false;
    window.htmx.config.allowEval = false;
    window.htmx.config.allowScriptTags = false;
  }

  /* ------------------------------------------------------------------
   * 1. CSRF token for htmx requests.
   * Django's CsrfViewMiddleware accepts the token in the X-CSRFToken
   * header. The token is read from <meta name="csrf-token"> at request
   * time (not cached), so a page whose meta tag is re-rendered still
   * sends the current token. htmx 2 only sends requests to our own
   * origin by default (selfRequestsOnly), so the token never leaks.
   * ------------------------------------------------------------------ */
  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute("content") : "";
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var token = csrfToken();
    if (token && event.detail && event.detail.headers) {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  /* ------------------------------------------------------------------
   * 2. data-confirm="Message?"
   * - On a <form>: confirm() before it is submitted (normal or htmx).
   * - On anything else (<a>, <button>, submit buttons, htmx triggers):
   *   confirm() before the click takes effect.
   * Listeners run in the capture phase on document, i.e. before htmx's
   * own listeners on the element, so a "Cancel" stops both the browser
   * default and the htmx request. A submit button with its own
   * data-confirm is not asked a second time by its form's data-confirm.
   * ------------------------------------------------------------------ */
  function isSubmitControl(el) {
    if (!el || !el.form) {
      return false;
    }
    var tag = el.tagName;
    var type = (el.getAttribute("type") || "").toLowerCase();
    return (tag === "BUTTON" && (type === "" || type === "submit")) ||
      (tag === "INPUT" && (type === "submit" || type === "image"));
  }

  // Submit button that already asked; its form then skips its own question.
  var confirmedSubmitter = null;

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var el = target ? target.closest("[data-confirm]") : null;
    if (!el || el.tagName === "FORM") {
      return; // forms are handled on "submit" below
    }
    if (el.matches(":disabled, [aria-disabled='true']")) {
      return;
    }
    if (!window.confirm(el.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    if (isSubmitControl(el)) {
      confirmedSubmitter = el;
      // Forget it if no submit follows (e.g. the form is invalid).
      window.setTimeout(function () { confirmedSubmitter = null; }, 0);
    }
  }, true);

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
      return;
    }
    var submitter = event.submitter || null;
    if (confirmedSubmitter && confirmedSubmitter.form === form &&
        (!submitter || submitter === confirmedSubmitter)) {
      confirmedSubmitter = null;
      return; // the submit button already asked (and was confirmed)
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  /* ------------------------------------------------------------------
   * 3. data-autosubmit on a <select> (or any form control):
   * submit its form as soon as the value changes (filters, page size…).
   * requestSubmit() fires a real "submit" event, so htmx-boosted/hx-get
   * forms and data-confirm (part 2) still apply; form.submit() is the
   * fallback for very old browsers. Pages should still offer a visible
   * submit button inside <noscript> for no-JS use.
   * ------------------------------------------------------------------ */
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-autosubmit")) {
      return;
    }
    var form = el.form || el.closest("form");
    if (!form) {
      return;
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  /* ------------------------------------------------------------------
   * 4. Unit tree toggles: <button data-tree-toggle aria-expanded="false">.
   * The first click also fires htmx (hx-get … hx-trigger="click once"),
   * which loads the children into the branch <ul>; every click, the first
   * included, is handled here: flip aria-expanded, swap the chevron icon
   * (bi-chevron-right <-> bi-chevron-down) and show/hide the branch <ul>
   * with the `hidden` attribute. Nothing is fetched again on later clicks.
   *
   * The branch <ul> is found, in order, by:
   *   a. aria-controls="<id>" on the button,
   *   b. the next sibling <ul> of the button,
   *   c. the next sibling <ul> of the button's parent (.tree-item),
   *   d. the first direct-child <ul> of the closest <li>.
   * Delegated on document, so toggles inside htmx-loaded branches work
   * without re-binding.
   * ------------------------------------------------------------------ */
  var CHEVRON_COLLAPSED = "bi-chevron-right";
  var CHEVRON_EXPANDED = "bi-chevron-down";

  function nextSiblingList(el) {
    var sib = el ? el.nextElementSibling : null;
    while (sib) {
      if (sib.tagName === "UL" || sib.tagName === "OL") {
        return sib;
      }
      sib = sib.nextElementSibling;
    }
    return null;
  }

  function branchOf(button) {
    var id = button.getAttribute("aria-controls");
    if (id) {
      var byId = document.getElementById(id);
      if (byId) {
        return byId;
      }
    }
    var list = nextSiblingList(button) || nextSiblingList(button.parentElement);
    if (list) {
      return list;
    }
    var li = button.closest("li");
    return li ? li.querySelector(":scope > ul, :scope > ol") : null;
  }

  function setExpanded(button, expanded) {
    button.setAttribute("aria-expanded", expanded ? "true" : "false");
    var icon = button.querySelector("." + CHEVRON_COLLAPSED + ", ." + CHEVRON_EXPANDED);
    if (icon) {
      icon.classList.toggle(CHEVRON_COLLAPSED, !expanded);
      icon.classList.toggle(CHEVRON_EXPANDED, expanded);
    }
    var branch = branchOf(button);
    if (branch) {
      branch.hidden = !expanded;
    }
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var button = target ? target.closest("[data-tree-toggle]") : null;
    if (!button || button.matches(":disabled")) {
      return;
    }
    event.preventDefault(); // in case the toggle is an <a> or inside a form
    setExpanded(button, button.getAttribute("aria-expanded") !== "true");
  });

  // If loading a branch fails, collapse it again so the UI does not show an
  // open-but-empty branch (the "once" trigger is spent; a page reload retries).
  document.addEventListener("htmx:responseError", function (event) {
    var elt = event.detail && event.detail.elt;
    if (elt instanceof Element && elt.hasAttribute("data-tree-toggle")) {
      setExpanded(elt, false);
    }
  });

  /* ------------------------------------------------------------------
   * 5. <button data-print>: open the browser's print dialog (the list
   * print view, core/list_print.html; no inline onclick under CSP).
   * ------------------------------------------------------------------ */
  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    if (target && target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
  });
})();
