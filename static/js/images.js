// Image cards in the chat: one card per image job, created or updated from `image_job` events
// (docs/websocket-protocol.md). Public API: window.AtelierImages.render(payload, container).
// Card actions POST to /images/... (CSRF token from the page) and render the new job's card at once;
// its progress and images then arrive over the conversation's websocket.
(function () {
  "use strict";

  const RANK = { queued: 0, running: 1, succeeded: 2, failed: 2, cancelled: 2, blocked: 2 };
  let strings = null;

  function t(key, values) {
    if (strings === null) {
      const node = document.getElementById("images-i18n");
      strings = node ? JSON.parse(node.textContent) : {};
    }
    let text = strings[key] || key;
    Object.keys(values || {}).forEach(function (name) {
      text = text.replace("%(" + name + ")s", String(values[name]));
    });
    return text;
  }

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // POST JSON (an object) or a FormData; resolves to the JSON answer, rejects with a plain-words message.
  function post(url, body) {
    const headers = { "X-CSRFToken": csrfToken(), Accept: "application/json" };
    let payload = body;
    if (!(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      payload = JSON.stringify(body || {});
    }
    return fetch(url, { method: "POST", headers: headers, body: payload, credentials: "same-origin" })
      .catch(function () { throw new Error(t("network")); })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok) throw new Error((data.error && data.error.message) || t("network"));
          return data;
        });
      });
  }

  function statusText(payload) {
    if (payload.status === "queued") {
      if (!payload.queue_position) return t("queued");
      const line = t("queuedAt", { position: payload.queue_position });
      return payload.wait_seconds
        ? line + " · " + t("wait", { minutes: Math.max(1, Math.ceil(payload.wait_seconds / 60)) })
        : line;
    }
    if (payload.status === "running") {
      return payload.step ? t("step", { step: payload.step, steps: payload.steps }) : t("starting");
    }
    if (payload.status === "succeeded") return "";
    const errors = (strings && strings.errors) || {};
    return errors[payload.error_code] || payload.error || "";
  }

  function build(payload, container) {
    const item = el("li", { className: "message message-image", "data-job-id": payload.job_id });
    const card = el("article", { className: "image-card", "aria-label": t("card") + ": " + payload.prompt });
    const status = el("p", { className: "image-card-status", "aria-live": "polite" });
    const bar = el("div", { className: "image-progress-bar" });
    const progress = el("div", {
      className: "image-progress", role: "progressbar", "aria-label": t("progress"),
      "aria-valuemin": "0", "aria-valuemax": "100", "aria-valuenow": "0",
    }, [bar]);
    const preview = el("img", { className: "image-preview", alt: t("preview"), hidden: "" });
    const cancel = el("button", { type: "button", className: "image-cancel", text: t("cancel") });
    const grid = el("div", { className: "image-grid" });
    const error = el("p", { className: "image-card-error", role: "alert", hidden: "" });
    const regenerate = el("button", { type: "button", className: "image-regenerate", text: t("regenerate"), hidden: "" });
    const footer = el("div", { className: "image-card-footer" }, [regenerate]);
    card.append(status, progress, preview, cancel, grid, error, footer);
    item.appendChild(card);
    container.appendChild(item);

    cancel.addEventListener("click", function () {
      cancel.disabled = true;
      post(item.dataset.cancelUrl).then(function (data) { render(data, container); })
        .catch(function (exc) { showError(item, exc.message); cancel.disabled = false; });
    });
    regenerate.addEventListener("click", function () {
      regenerate.disabled = true;
      post(item.dataset.regenerateUrl).then(function (data) { render(data, container); })
        .catch(function (exc) { showError(item, exc.message); })
        .finally(function () { regenerate.disabled = false; });
    });
    return item;
  }

  function showError(item, message) {
    const box = item.querySelector(".image-card-error");
    box.textContent = message || "";
    box.hidden = !message;
  }

  function figure(image, payload, item, container) {
    const fig = el("figure", { className: "image-figure", "data-image-id": image.id });
    if (image.withheld) {
      fig.classList.add("image-withheld");
      fig.append(
        el("div", { className: "image-placeholder", role: "img", "aria-label": t("withheld") }),
        el("figcaption", {}, [el("p", { text: image.message })])
      );
      return fig;
    }
    const img = el("img", { src: image.url, alt: image.prompt || t("uploaded"), width: String(image.width),
                            height: String(image.height), loading: "lazy" });
    const meta = t("size") + " " + image.size + (image.seed === null ? "" : " · " + t("seed") + " " + image.seed);
    const caption = el("figcaption", {}, [
      el("p", { className: "image-prompt", text: image.prompt || t("uploaded") }),
      el("p", { className: "image-meta", text: meta }),
    ]);
    const download = el("a", { href: image.download_url, download: "", className: "button", text: t("download") });
    const edit = el("button", { type: "button", className: "image-edit", text: t("edit") });
    const variations = el("button", { type: "button", className: "image-variations", text: t("variations") });
    const actions = el("div", { className: "image-actions" }, [download, edit, variations]);
    edit.addEventListener("click", function () { openEditor(fig, image, item, container); });
    variations.addEventListener("click", function () {
      variations.disabled = true;
      post(image.variations_url, { n: 1 }).then(function (data) { render(data, container); })
        .catch(function (exc) { showError(item, exc.message); })
        .finally(function () { variations.disabled = false; });
    });
    fig.append(img, caption, actions);
    return fig;
  }

  // The edit panel: the image with a canvas on top to paint a mask. Painted: inpainting; not painted:
  // image-to-image on the whole picture with the new description.
  function openEditor(fig, image, item, container) {
    if (fig.querySelector(".image-editor")) return;
    const canvas = el("canvas", { className: "image-mask", width: String(image.width), height: String(image.height),
                                  "aria-label": t("maskCanvas"), role: "img" });
    const stage = el("div", { className: "image-editor-stage" }, [
      el("img", { src: image.url, alt: image.prompt || t("uploaded") }), canvas,
    ]);
    const promptId = "edit-" + image.id;
    const prompt = el("input", { id: promptId, type: "text", maxlength: "1000", required: "" });
    const brushId = "brush-" + image.id;
    const brush = el("input", { id: brushId, type: "range", min: "4", max: "128", value: "32" });
    const clear = el("button", { type: "button", text: t("clearMask") });
    const apply = el("button", { type: "submit", className: "primary", text: t("apply") });
    const close = el("button", { type: "button", text: t("close") });
    const form = el("form", { className: "image-editor", "aria-label": t("editTitle") }, [
      el("p", { className: "help", text: t("editHelp") }),
      stage,
      el("label", { for: brushId, text: t("brush") }), brush,
      el("label", { for: promptId, text: t("editPrompt") }), prompt,
      el("div", { className: "image-actions" }, [apply, clear, close]),
    ]);
    fig.appendChild(form);
    prompt.focus();

    const ctx = canvas.getContext("2d");
    let painted = false;
    let drawing = false;
    function point(event) {
      const box = canvas.getBoundingClientRect();
      return [(event.clientX - box.left) * canvas.width / box.width, (event.clientY - box.top) * canvas.height / box.height];
    }
    function paint(event) {
      if (!drawing) return;
      const [x, y] = point(event);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      ctx.fillStyle = "rgba(255, 255, 255, 1)";
      ctx.beginPath();
      ctx.arc(x, y, Number(brush.value) * scale / 2, 0, 2 * Math.PI);
      ctx.fill();
      painted = true;
    }
    canvas.addEventListener("pointerdown", function (event) { drawing = true; canvas.setPointerCapture(event.pointerId); paint(event); });
    canvas.addEventListener("pointermove", paint);
    canvas.addEventListener("pointerup", function () { drawing = false; });
    clear.addEventListener("click", function () { ctx.clearRect(0, 0, canvas.width, canvas.height); painted = false; });
    close.addEventListener("click", function () { form.remove(); });

    function maskBlob() {
      // White where painted on black: the inpainting mask, at the image's own size.
      const out = document.createElement("canvas");
      out.width = canvas.width; out.height = canvas.height;
      const octx = out.getContext("2d");
      octx.fillStyle = "#000"; octx.fillRect(0, 0, out.width, out.height);
      octx.drawImage(canvas, 0, 0);
      return new Promise(function (resolve) { out.toBlob(resolve, "image/png"); });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply.disabled = true;
      const data = new FormData();
      data.append("prompt", prompt.value.trim());
      (painted ? maskBlob() : Promise.resolve(null)).then(function (blob) {
        if (blob) data.append("mask", blob, "mask.png");
        return post(image.edit_url, data);
      }).then(function (answer) { form.remove(); render(answer, container); })
        .catch(function (exc) { showError(item, exc.message); })
        .finally(function () { apply.disabled = false; });
    });
  }

  function update(item, payload, container) {
    const previous = item.dataset.status;
    if (previous && RANK[payload.status] < RANK[previous]) return; // a late event: keep the newer state
    if (previous === "running" && payload.status === "running" && Number(payload.step) < Number(item.dataset.step)) return;
    item.dataset.status = payload.status;
    item.dataset.step = payload.step || 0;
    item.dataset.cancelUrl = payload.cancel_url;
    item.dataset.regenerateUrl = payload.regenerate_url;
    const card = item.querySelector(".image-card");
    card.dataset.status = payload.status;
    const terminal = RANK[payload.status] === 2;
    const percent = payload.status === "succeeded" ? 100 : Math.round((payload.progress || 0) * 100);
    const progress = item.querySelector(".image-progress");
    progress.setAttribute("aria-valuenow", String(percent));
    progress.setAttribute("aria-valuetext", statusText(payload) || t("done"));
    progress.querySelector(".image-progress-bar").style.width = percent + "%";
    progress.hidden = terminal;
    item.querySelector(".image-card-status").textContent = statusText(payload);
    item.querySelector(".image-cancel").hidden = terminal;
    item.querySelector(".image-regenerate").hidden = !terminal;
    const preview = item.querySelector(".image-preview");
    if (payload.preview_url && !terminal) {
      if (preview.getAttribute("src") !== payload.preview_url) preview.src = payload.preview_url;
      preview.hidden = false;
    } else if (terminal) {
      preview.hidden = true;
      preview.removeAttribute("src");
    }
    if (payload.status === "failed" || payload.status === "blocked") showError(item, statusText(payload));
    const grid = item.querySelector(".image-grid");
    const images = payload.images || [];
    const signature = images.map(function (i) { return i.id + ":" + (i.url || "withheld"); }).join(",");
    if (grid.dataset.signature !== signature) {
      grid.dataset.signature = signature;
      grid.replaceChildren.apply(grid, images.map(function (image) { return figure(image, payload, item, container); }));
      grid.dataset.count = String(images.length);
    }
  }

  function render(payload, container) {
    if (!payload || payload.type !== "image_job" || !payload.job_id) return null;
    container = container || document.getElementById("messages");
    if (!container) return null;
    let item = container.querySelector('[data-job-id="' + CSS.escape(payload.job_id) + '"]');
    const created = !item;
    if (!item) item = build(payload, container);
    update(item, payload, container);
    if (created) container.scrollTop = container.scrollHeight;
    return item;
  }

  // Uploads to edit. A photo in which moderation saw a real person's face first asks its owner to confirm that
  // they have that person's consent (Confirm consent / Cancel, which removes the photo); until then nothing can
  // be made from it, and the server refuses edits in plain words. Then it shows like any image, with its actions.
  // One card per upload id, whichever way the upload arrives (the upload's HTTP answer, an `image_upload` event,
  // the `history` after a reconnect); a card already showing the same state is left as it is, so a repeated
  // event neither duplicates it nor takes the focus away. `options.focus`: move the focus to the consent question
  // (only for the upload the person has just chosen, never for history or events).
  function renderUpload(image, container, options) {
    container = container || document.getElementById("messages");
    if (!container || !image || !image.id) return null;
    let item = container.querySelector('[data-upload-id="' + CSS.escape(image.id) + '"]');
    const created = !item;
    if (!item) {
      item = el("li", { className: "message message-image message-upload", "data-upload-id": image.id });
      container.appendChild(item);
    }
    const signature = [image.needs_consent ? "consent" : "ready", image.url || "withheld"].join(" ");
    if (item.dataset.signature === "removed") return item;
    if (item.dataset.signature !== signature) {
      item.dataset.signature = signature;
      item.replaceChildren(uploadCard(image, item, container));
      if (created) container.scrollTop = container.scrollHeight;
    }
    const focusable = item.querySelector(".consent-confirm");
    if (focusable && options && options.focus) focusable.focus();
    return item;
  }

  function uploadCard(image, item, container) {
    const card = el("article", { className: "image-card", "aria-label": t("uploaded") });
    const error = el("p", { className: "image-card-error", role: "alert", hidden: "" });
    if (image.needs_consent && !image.withheld) {
      const questionId = "consent-" + image.id;
      const confirm = el("button", { type: "button", className: "primary consent-confirm", text: t("consentConfirm") });
      const cancel = el("button", { type: "button", className: "consent-cancel", text: t("consentCancel") });
      const question = el("div", { className: "consent-question", role: "group", "aria-labelledby": questionId }, [
        el("img", { className: "image-preview", src: image.url, alt: t("uploaded") }),
        el("p", { id: questionId, text: t("consentQuestion") }),
        el("div", { className: "image-actions" }, [confirm, cancel]),
      ]);
      card.append(question, error);
      confirm.addEventListener("click", function () {
        confirm.disabled = cancel.disabled = true;
        post(image.consent_url).then(function (data) { renderUpload(data, container); })
          .catch(function (exc) { showError(item, exc.message); confirm.disabled = cancel.disabled = false; });
      });
      cancel.addEventListener("click", function () {
        confirm.disabled = cancel.disabled = true;
        post(image.discard_url).then(function () { removeUpload(image.id, container); })
          .catch(function (exc) { showError(item, exc.message); confirm.disabled = cancel.disabled = false; });
      });
    } else {
      card.append(el("div", { className: "image-grid", "data-count": "1" }, [figure(image, null, item, container)]), error);
    }
    return card;
  }

  // An upload its owner discarded (here, or on another page of the same conversation: `image_upload_removed`).
  function removeUpload(imageId, container) {
    container = container || document.getElementById("messages");
    const item = container && container.querySelector('[data-upload-id="' + CSS.escape(imageId) + '"]');
    if (!item || item.dataset.signature === "removed") return;
    item.dataset.signature = "removed";
    item.replaceChildren(el("p", { className: "muted", role: "status", text: t("discarded") }));
  }

  const uploadInput = document.getElementById("image-upload");
  if (uploadInput) {
    const uploadStatus = document.getElementById("image-upload-status");
    uploadInput.addEventListener("change", function () {
      const file = uploadInput.files && uploadInput.files[0];
      if (!file) return;
      const data = new FormData();
      data.append("file", file, file.name);
      data.append("conversation_id", uploadInput.dataset.conversationId || "");
      uploadInput.disabled = true;
      uploadStatus.textContent = t("uploading");
      post(uploadInput.dataset.url, data)
        .then(function (image) { uploadStatus.textContent = ""; renderUpload(image, null, { focus: true }); })
        .catch(function (exc) { uploadStatus.textContent = exc.message; })
        .finally(function () { uploadInput.disabled = false; uploadInput.value = ""; });
    });
  }

  window.AtelierImages = { render: render, renderUpload: renderUpload, removeUpload: removeUpload };
})();
