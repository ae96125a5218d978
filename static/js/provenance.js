// Content Credentials badge: on every image of the chat and the gallery (an <img> inside a <figure> whose source is
// /images/<id>/), a "CR" button opens a dialog with the image's C2PA report from /images/<id>/provenance/.
// Works on cards added later (chat) through a MutationObserver. Strings come from the script tag's data attributes.
(function () {
  "use strict";
  const script = document.currentScript;
  const label = (script && script.dataset.badgeLabel) || "Content Credentials";
  const closeLabel = (script && script.dataset.closeLabel) || "Close";
  const errorLabel = (script && script.dataset.errorLabel) || "The Content Credentials could not be loaded.";
  const FILE = /^\/images\/([0-9a-f-]{36})\/$/;
  let dialog = null;

  function panel() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "provenance-dialog";
    dialog.setAttribute("aria-label", label);
    const head = document.createElement("div");
    head.className = "provenance-dialog-head";
    const title = document.createElement("h2");
    title.textContent = label;
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = closeLabel;
    close.addEventListener("click", function () { dialog.close(); });
    head.append(title, close);
    const body = document.createElement("div");
    body.className = "provenance-dialog-body";
    body.setAttribute("aria-live", "polite");
    dialog.append(head, body);
    document.body.append(dialog);
    return dialog;
  }

  async function open(imageId, badge) {
    const d = panel();
    const body = d.querySelector(".provenance-dialog-body");
    body.textContent = "…";
    if (!d.open) d.showModal();
    try {
      const response = await fetch("/images/" + imageId + "/provenance/", { credentials: "same-origin",
                                                                           headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      const report = await response.json();
      body.innerHTML = report.html;  // rendered and escaped by the server's template
      badge.dataset.state = report.state;
    } catch (error) {
      body.textContent = errorLabel;
    }
  }

  function decorate(img) {
    const figure = img.closest("figure");
    if (!figure || figure.querySelector(".provenance-badge")) return;
    let path;
    try { path = new URL(img.getAttribute("src") || "", window.location.href).pathname; } catch (e) { return; }
    const match = FILE.exec(path);
    if (!match) return;
    const badge = document.createElement("button");
    badge.type = "button";
    badge.className = "provenance-badge";
    badge.textContent = "CR";
    badge.title = label;
    badge.setAttribute("aria-label", label);
    badge.addEventListener("click", function (event) { event.preventDefault(); open(match[1], badge); });
    figure.classList.add("provenance-figure");
    figure.append(badge);
  }

  function scan(root) {
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    if (root.matches("figure img")) decorate(root);
    root.querySelectorAll("figure img").forEach(decorate);
  }

  function start() {
    scan(document.body);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        record.addedNodes.forEach(scan);
        if (record.type === "attributes" && record.target.matches("figure img")) decorate(record.target);
      });
    }).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["src"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
