// Pay page: a button pressed once stays pressed while its request runs; the IBAN can be copied.
(function () {
  "use strict";
  var busy = document.currentScript && document.currentScript.getAttribute("data-busy");
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button").forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        if (busy && event.submitter === button) { button.textContent = busy; }
      });
    });
  });
  // Coming back with the browser's back button restores the page from cache: make its buttons usable again.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) { return; }
    document.querySelectorAll("form").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button").forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
    });
  });
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button.copy").forEach(function (button) {
    var source = button.parentElement.querySelector("[data-copy]");
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.getAttribute("data-copy")).then(function () {
        button.textContent = button.getAttribute("data-copy-label");
      });
    });
  });
})();
