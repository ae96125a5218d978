// Review queue: thumbnails stay blurred until a moderator clicks one (click again to blur it back).
document.querySelectorAll(".mod-thumb").forEach((button) => {
  button.addEventListener("click", () => {
    const img = button.querySelector("img");
    const revealed = img.classList.toggle("blurred") === false;
    button.setAttribute("aria-pressed", String(revealed));
  });
});
