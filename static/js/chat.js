// Chat page: sends the composer's text over the conversation's websocket and renders events.
// Protocol: docs/websocket-protocol.md.
(function () {
  "use strict";
  const form = document.getElementById("composer");
  const input = document.getElementById("message-input");
  const list = document.getElementById("messages");
  const errorBox = document.getElementById("chat-error");
  const strings = JSON.parse(document.getElementById("chat-i18n").textContent);
  const wsPath = form.dataset.wsPath;
  let socket = null;
  let retry = 0;
  const outbox = []; // frames typed while the socket was (re)connecting, sent once it opens

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = !text;
  }

  function render(message) {
    if (list.querySelector('[data-id="' + message.id + '"]')) return; // never duplicate
    const item = document.createElement("li");
    item.className = "message message-" + message.role;
    item.dataset.id = message.id;
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    bubble.textContent = message.content;
    item.appendChild(bubble);
    list.appendChild(item);
    list.scrollTop = list.scrollHeight;
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
      if (data.type === "message") render(data.message);
      else if (data.type === "history") data.messages.forEach(render);
      else if (data.type === "error") showError(data.detail);
    });
    socket.addEventListener("close", function (event) {
      if (event.code >= 4400 && event.code < 4500) { showError(strings.disconnected); return; }
      showError(strings.disconnected);
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * 2 ** retry);
    });
  }

  if (wsPath) {
    connect();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const text = input.value.trim();
      if (!text) { showError(strings.empty); return; }
      const frame = JSON.stringify({ type: "user_message", text: text });
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(frame);
      else outbox.push(frame);
      input.value = "";
    });
  }
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
  });
})();
