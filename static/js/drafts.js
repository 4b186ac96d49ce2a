// "Use this draft": put the drafted text into its part's text box, replacing what is there, and focus it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-draft-for]");
  if (!button) return;
  const box = document.getElementById(button.dataset.draftFor);
  if (!box) return;
  box.value = button.dataset.draft;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  box.focus();
});
