// Upload each dropped or chosen file in its own request, with a progress bar, then follow its status.
(function () {
  "use strict";
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("file-input");
  const list = document.getElementById("uploads");
  const messages = JSON.parse(document.getElementById("upload-messages").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const maxBytes = Number(zone.dataset.maxBytes);

  function row(file) {
    const li = document.createElement("li");
    const name = document.createElement("span");
    name.className = "name";
    name.textContent = file.name;
    const state = document.createElement("span");
    state.className = "state";
    state.textContent = messages.queued;
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    li.append(name, state, bar);
    list.append(li);
    return { li, state, bar };
  }

  function fail(view, text) {
    view.bar.value = 0;
    view.bar.hidden = true;
    view.state.textContent = messages.failed + messages.separator + text;
    view.state.className = "state failed";
    view.li.dataset.result = "failed";
  }

  function follow(view, doc) {
    const label = { pending: messages.pending, ready: messages.ready, failed: messages.unreadable };
    view.state.textContent = label[doc.status] || doc.status;
    if (doc.status === "failed" && doc.error) {  // why, in the page's language; never the API's English
      view.state.textContent += messages.separator + (messages.capture_failed[doc.error_code] || messages.capture_failed.unreadable);
    }
    view.li.dataset.status = doc.status;
    if (doc.status === "ready" && doc.invoice_id) { linkInvoice(view, doc.invoice_id); }
    if (doc.status !== "pending") return;
    setTimeout(function () {
      fetch("/api/v1/documents/" + doc.id, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (next) { if (next) follow(view, next); });
    }, 1000);
  }

  function linkInvoice(view, invoiceId) {
    fetch("/api/v1/invoices/" + invoiceId, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (invoice) {
        if (!invoice) return;
        view.li.dataset.invoiceStatus = invoice.status;
        view.state.textContent = messages["invoice_" + invoice.status] || invoice.status;
        const link = document.createElement("a");
        link.href = "/invoices/" + invoiceId + "/review";
        link.textContent = messages.review;
        link.className = "review-link";
        view.state.append(" · ", link);
      });
  }

  function send(file) {
    const view = row(file);
    if (file.size > maxBytes) { fail(view, messages.too_large); return; }
    const form = new FormData();
    form.append("file", file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/documents");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = function (e) {
      if (e.lengthComputable) { view.bar.value = Math.round((e.loaded / e.total) * 100); }
      view.state.textContent = messages.sending;
    };
    xhr.onerror = function () { fail(view, messages.network_error); };
    xhr.onload = function () {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        view.bar.value = 100;
        const doc = body.documents[0];
        view.li.dataset.result = doc.duplicate ? "duplicate" : "done";
        view.state.className = "state ok";
        if (doc.duplicate) { view.state.textContent = messages.duplicate; view.li.dataset.status = doc.status; }
        else { follow(view, doc); }
      } else {
        fail(view, refusal(body, xhr.status));
      }
    };
    xhr.send(form);
  }

  // The server's reason in the page's language when its code is known; else its own words.
  function refusal(body, status) {
    const known = body && messages["refused_" + body.error];
    if (known) return known;
    return body && body.detail ? String(body.detail) : String(status);
  }

  function sendAll(files) { Array.prototype.forEach.call(files, send); }

  input.addEventListener("change", function () { sendAll(input.files); input.value = ""; });
  zone.addEventListener("keydown", function (e) {
    if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); }
  });
  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) { sendAll(e.dataTransfer.files); });
})();
