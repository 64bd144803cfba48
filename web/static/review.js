// Highlight the box of the field being edited, so the eye finds it on the page image.
(function () {
  "use strict";
  document.querySelectorAll(".fields input[data-field]").forEach(function (input) {
    const boxes = document.querySelectorAll('.box[data-field="' + input.dataset.field + '"]');
    input.addEventListener("focus", function () {
      boxes.forEach(function (b) { b.classList.add("active"); b.scrollIntoView({ block: "nearest" }); });
    });
    input.addEventListener("blur", function () { boxes.forEach(function (b) { b.classList.remove("active"); }); });
  });
})();
