// Live preview of a reminder template: as the subject or the body is typed, the message is rendered on
// sample figures by the same sandboxed renderer as the real sends (POST /api/v1/dunning/templates/preview),
// and a template that cannot be rendered says why, with its line.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const DELAY_MS = 400;

  function previewBox(details) {
    let box = details.querySelector(".preview");
    if (!box) {
      box = document.createElement("div");
      box.className = "preview";
      const title = document.createElement("h4");
      title.textContent = details.dataset.previewTitle;
      const subject = document.createElement("p");
      subject.append(document.createElement("strong"));
      const text = document.createElement("pre");
      text.className = "message";
      const html = document.createElement("iframe");
      html.className = "message-html";
      html.setAttribute("sandbox", "");
      html.title = details.dataset.htmlTitle;
      box.append(title, subject, text, html);
      details.append(box);
    }
    box.dataset.testid = "live-preview";
    return box;
  }

  function problem(form) {
    let line = form.querySelector(".live-error");
    if (!line) {
      line = document.createElement("p");
      line.className = "error live-error";
      line.setAttribute("role", "alert");
      form.prepend(line);
    }
    return line;
  }

  function render(details, form, language) {
    const body = {
      subject: form.querySelector('[name="subject"]').value,
      body: form.querySelector('[name="body"]').value,
      language: language,
    };
    fetch("/api/v1/dunning/templates/preview", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (answer) {
      const error = problem(form);
      if (!answer.ok) {
        error.textContent = answer.data.detail ? String(answer.data.detail) : String(answer.data.error);
        error.hidden = false;
        return;
      }
      error.hidden = true;
      const box = previewBox(details);
      box.querySelector("strong").textContent = answer.data.subject;
      box.querySelector("pre").textContent = answer.data.text;
      box.querySelector("iframe").srcdoc = answer.data.html;
    });
  }

  document.querySelectorAll("details.template").forEach(function (details) {
    const form = details.querySelector("form");
    const language = form.getAttribute("action").split("/").pop();  // form.action is the "action" button
    let timer = null;
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { render(details, form, language); }, DELAY_MS);
    });
  });
})();
