// The review form from the keyboard: the box of the field being edited is highlighted on the page image,
// Enter / Shift+Enter move to the next / previous field (instead of submitting half-checked values),
// Alt+ArrowDown / Alt+ArrowUp jump to the next / previous field whose confidence is low, Ctrl+Enter
// presses the form's main button: "Valider" while the invoice waits for review, "Enregistrer les
// modifications" once it is approved. Clicking a box on the page image edits its field.
(function () {
  "use strict";
  const inputs = Array.prototype.slice.call(document.querySelectorAll(".fields input[data-field]"));
  if (!inputs.length) return;

  function boxesOf(input) {
    return document.querySelectorAll('.box[data-field="' + input.dataset.field + '"]');
  }

  function isLow(input) {
    const field = input.closest(".field");
    return Boolean(field && field.querySelector(".confidence.low"));
  }

  function move(from, step, accept) {
    let index = inputs.indexOf(from);
    for (let tries = 0; tries < inputs.length; tries += 1) {
      index = (index + step + inputs.length) % inputs.length;
      if (accept(inputs[index])) {
        inputs[index].focus();
        inputs[index].select();
        return;
      }
    }
  }

  inputs.forEach(function (input) {
    input.addEventListener("focus", function () {
      boxesOf(input).forEach(function (b) { b.classList.add("active"); b.scrollIntoView({ block: "nearest" }); });
    });
    input.addEventListener("blur", function () {
      boxesOf(input).forEach(function (b) { b.classList.remove("active"); });
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        const main = input.form.querySelector("button.primary[type=submit]");
        if (main) main.click();
      } else if (e.key === "Enter") {
        e.preventDefault();
        move(input, e.shiftKey ? -1 : 1, function () { return true; });
      } else if (e.altKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
        e.preventDefault();
        move(input, e.key === "ArrowDown" ? 1 : -1, isLow);
      }
    });
  });

  document.querySelectorAll(".box[data-field]").forEach(function (box) {
    box.addEventListener("click", function () {
      const input = document.querySelector('.fields input[data-field="' + box.dataset.field + '"]');
      if (input) { input.focus(); input.select(); }
    });
  });
})();
