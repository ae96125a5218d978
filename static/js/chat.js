// Chat page: sends the composer's text over the conversation's websocket and renders events:
// stored messages, streamed tokens of the reply being written, tool calls, image jobs and uploads (images.js).
// Protocol: docs/websocket-protocol.md.
(function () {
  "use strict";
  const form = document.getElementById("composer");
  const input = document.getElementById("message-input");
  const list = document.getElementById("messages");
  const errorBox = document.getElementById("chat-error");
  const statusBox = document.getElementById("chat-status");
  const stopButton = document.getElementById("stop-button");
  const strings = JSON.parse(document.getElementById("chat-i18n").textContent);
  const wsPath = form.dataset.wsPath;
  let socket = null;
  let retry = 0;
  let liveReply = null; // id of the reply being written, if any
  const outbox = []; // frames typed while the socket was (re)connecting, sent once it opens

  function showError(text) {
    errorBox.textContent = text || "";
    errorBox.hidden = !text;
  }

  function setStatus(text) {
    statusBox.textContent = text || "";
  }

  function setLive(replyId) {
    liveReply = replyId;
    stopButton.hidden = !replyId;
    if (!replyId) setStatus("");
  }

  function jobIdOf(message) {
    if (message.role !== "tool") return null;
    try { return JSON.parse(message.content).job_id || null; } catch (e) { return null; }
  }

  const quotaBox = document.getElementById("quota");
  let quotaTimer = null;
  function refreshQuota() {
    // Debounced: a job's progress events would otherwise ask many times a second.
    if (!quotaBox || quotaTimer) return;
    quotaTimer = setTimeout(function () {
      quotaTimer = null;
      fetch(quotaBox.dataset.url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (q) {
          if (!q) return;
          const time = new Date(q.resets_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
          quotaBox.textContent = strings.quota_left
            .replace("%(remaining)s", q.remaining).replace("%(limit)s", q.limit).replace("%(time)s", time);
        });
    }, 300);
  }

  const jobs = {}; // latest image_job payload by job id (from history), for cards placed in order

  function renderJob(payload) {
    if (payload.status !== "running") refreshQuota();
    jobs[payload.job_id] = payload;
    if (window.AtelierImages) window.AtelierImages.render(payload, list);
  }

  function render(message) {
    if (list.querySelector('[data-id="' + message.id + '"]')) return; // never duplicate
    // The stored text replaces the streamed one, in its place (an upload may have come after it meanwhile).
    const streaming = message.reply_id && message.role !== "user"
      ? list.querySelector('[data-streaming="' + message.reply_id + '"]') : null;
    if (streaming && (message.role === "tool" || !message.content)) streaming.remove();
    if (message.role === "tool") {
      // Tool results are for the model; a job's images show as a card, placed after its tool call.
      const jobId = jobIdOf(message);
      if (jobId && jobs[jobId] && window.AtelierImages) window.AtelierImages.render(jobs[jobId], list);
      return;
    }
    if (!message.content) return; // an assistant turn that only called tools
    const item = document.createElement("li");
    item.className = "message message-" + message.role;
    item.dataset.id = message.id;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = message.content;
    item.appendChild(bubble);
    if (streaming) streaming.replaceWith(item);
    else list.appendChild(item);
    list.scrollTop = list.scrollHeight;
  }

  function streamingBubble(replyId) {
    let item = list.querySelector('[data-streaming="' + replyId + '"]');
    if (!item) {
      item = document.createElement("li");
      item.className = "message message-assistant streaming";
      item.dataset.streaming = replyId;
      const bubble = document.createElement("div");
      bubble.className = "bubble";
      item.appendChild(bubble);
      list.appendChild(item);
    }
    return item.firstChild;
  }

  function onToken(event) {
    const bubble = streamingBubble(event.reply_id);
    const current = bubble.textContent;
    if (event.offset > current.length) { request({ type: "sync" }); return; } // missed a piece: redraw
    bubble.textContent = current.slice(0, event.offset) + event.text;
    setStatus("");
    list.scrollTop = list.scrollHeight;
  }

  function onReply(reply) {
    if (reply.status === "queued" || reply.status === "running") {
      setLive(reply.reply_id);
      setStatus(strings.thinking);
      if (reply.text) streamingBubble(reply.reply_id).textContent = reply.text;
    }
  }

  function onReplyDone(event) {
    const streaming = list.querySelector('[data-streaming="' + event.reply_id + '"]');
    if (streaming && event.status !== "cancelled") streaming.remove();
    if (liveReply === event.reply_id) setLive(null);
    if (event.status === "failed") showError(event.error || strings.failed);
  }

  function renderUpload(image) {
    if (window.AtelierImages) window.AtelierImages.renderUpload(image, list);
  }

  function removeUpload(imageId) {
    if (window.AtelierImages) window.AtelierImages.removeUpload(imageId, list);
  }

  // The whole conversation again, in the order it first appeared: messages (a job's card sits at the model's
  // tool result), the user's uploads, and the cards of jobs started without the model (card actions, edits of
  // an upload), by time. Every kind is keyed by its id, so nothing shows twice.
  function onHistory(state) {
    list.replaceChildren();
    const imageJobs = state.image_jobs || [];
    const placed = {};
    imageJobs.forEach(function (job) { jobs[job.job_id] = job; });
    state.messages.forEach(function (message) {
      const jobId = jobIdOf(message);
      if (jobId) placed[jobId] = true;
    });
    const timeline = [];
    state.messages.forEach(function (message) { timeline.push([message.created_at, render, message]); });
    (state.uploads || []).forEach(function (image) { timeline.push([image.created_at, renderUpload, image]); });
    imageJobs.forEach(function (job) { if (!placed[job.job_id]) timeline.push([job.created_at, renderJob, job]); });
    timeline.sort(function (a, b) { return Date.parse(a[0]) - Date.parse(b[0]); }); // stable: ties keep this order
    timeline.forEach(function (entry) { entry[1](entry[2]); });
    if (imageJobs.length) refreshQuota();
    setLive(null);
    if (state.reply) onReply(state.reply);
  }

  function request(frame) {
    const text = JSON.stringify(frame);
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(text);
    else outbox.push(text);
  }

  function connect() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + wsPath);
    socket.addEventListener("open", function () {
      retry = 0;
      showError("");
      socket.send(JSON.stringify({ type: "sync" }));
      while (outbox.length) socket.send(outbox.shift());
    });
    socket.addEventListener("message", function (event) {
      const data = JSON.parse(event.data);
      switch (data.type) {
        case "message": render(data.message); break;
        case "history": onHistory(data); break;
        case "token": onToken(data); break;
        case "reply": onReply(data); break;
        case "reply_done": onReplyDone(data); break;
        case "tool_call": setStatus(strings.making_image); break;
        case "image_job": renderJob(data); break;
        case "image_upload": renderUpload(data.image); break;
        case "image_upload_removed": removeUpload(data.image_id); break;
        case "error": showError(data.detail); break;
      }
    });
    socket.addEventListener("close", function (event) {
      showError(strings.disconnected);
      if (event.code >= 4400 && event.code < 4500) return; // refused: retrying will not help
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * 2 ** retry);
    });
  }

  function imageOptions() {
    const options = {};
    const size = document.getElementById("option-size");
    const count = document.getElementById("option-n");
    const seed = document.getElementById("option-seed");
    const negative = document.getElementById("option-negative");
    if (size && size.value) options.size = size.value;
    if (count && count.value) options.n = parseInt(count.value, 10);
    if (seed && seed.value !== "") options.seed = parseInt(seed.value, 10);
    if (negative && negative.value.trim()) options.negative_prompt = negative.value.trim();
    return options;
  }

  if (wsPath) {
    connect();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) { showError(strings.empty); return; }
      showError("");
      request({ type: "user_message", text: text, options: imageOptions() });
      input.value = "";
    });
    stopButton.addEventListener("click", function () {
      if (liveReply) request({ type: "cancel", reply_id: liveReply });
    });
  }
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
  window.AtelierChat = { setComposer: function (text) { input.value = text; input.focus(); } };
})();
