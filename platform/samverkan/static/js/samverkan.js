// Send the CSRF token with every htmx request (Flask-WTF reads the X-CSRFToken header).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRFToken"] = meta.content;
  }
});

// A form fragment with errors answers 400: show it in place like any other answer (a full error
// page, which starts with <html>, is never swapped into a page).
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 400 && !/<html/i.test(event.detail.serverResponse)) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// After a swap, the keyboard focus goes where the fragment says: an element marked
// data-autofocus, or the element whose id a data-focus-target names (the agenda's buttons and
// forms), instead of being lost with the element that was replaced.
document.addEventListener("htmx:afterSettle", function () {
  var element = document.querySelector("[data-autofocus]");
  var pointer = document.querySelector("[data-focus-target]");
  if (!element && pointer) {
    element = document.getElementById(pointer.getAttribute("data-focus-target"));
  }
  document.querySelectorAll("[data-autofocus]").forEach(function (marked) { marked.removeAttribute("data-autofocus"); });
  document.querySelectorAll("[data-focus-target]").forEach(function (marked) { marked.remove(); });
  if (element) {
    element.focus();
  }
});

// The site menu on a phone: a disclosure button folds the header's navigation, search and account
// links away (the style sheet shows the button only on narrow screens). Without this script the
// button stays hidden and the menu is shown. Escape closes the menu and returns focus to the button.
(function () {
  var button = document.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  setOpen(false);
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();

// Enter in a form with the plan-node picker: the browser would press the form's first submit
// button, the picker's "Find", which saves nothing. In the picker's search field Enter searches in
// place; in any other field it submits the form as the form's own (last) button does. Without
// this script Enter finds, and the form comes back unsaved with what was typed.
document.addEventListener("keydown", function (event) {
  var field = event.target;
  var form = field.form;
  if (event.key !== "Enter" || field.tagName !== "INPUT" || !form || !form.querySelector("#node-picker")) {
    return;
  }
  event.preventDefault();
  if (field.name === "node_query") {
    htmx.trigger(field, "search");
    return;
  }
  var buttons = form.querySelectorAll('button[type="submit"]:not([name="find_nodes"])');
  if (buttons.length) {
    form.requestSubmit(buttons[buttons.length - 1]);
  }
});
