// Settings: the "Copy" button next to a secret shown once (a new API key, a generated password).
// Without JavaScript the button stays hidden and the field can still be selected and copied by hand.
"use strict";
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    } catch (error) {
      // Copying was refused (an insecure page, a denied permission): the text stays selected.
    }
  });
});
