// Broadsheet moderation console: keyboard shortcuts over the server-rendered queue.
// Every action is a plain form POST that redirects back (PRG) and works without this
// module; here keys only move a marker between items and press the item's own buttons.
// After the redirect the URL's #item-<id> names the item to continue with.

const items = [...document.querySelectorAll("[data-item]")];
const help = document.querySelector("[data-shortcuts]");
const region = document.querySelector("[data-announce]");
const text = (name, fallback) => (help && help.dataset[name]) || fallback;
let current = -1;

function announce(message) {
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes screen readers speak it again.
  setTimeout(() => { region.textContent = message; }, 50);
}

function select(index, { scroll = true } = {}) {
  if (!items.length) return null;
  const next = Math.max(0, Math.min(items.length - 1, index));
  if (items[current]) items[current].classList.remove("item--current");
  current = next;
  const item = items[current];
  item.classList.add("item--current");
  item.focus({ preventScroll: !scroll });
  if (scroll) item.scrollIntoView({ block: "nearest" });
  announce(
    text("msgItem", "Comment %(n)s of %(total)s")
      .replace("%(n)s", String(current + 1))
      .replace("%(total)s", String(items.length)),
  );
  return item;
}

function currentItem() {
  return items[current] || select(0);
}

function press(action) {
  const item = currentItem();
  const button = item && item.querySelector(`[data-action="${action}"]`);
  if (!button) {
    announce(text("msgNone", "Not possible for this comment."));
    return;
  }
  const form = button.form;
  if (action === "reject") {
    const reason = form.querySelector("[data-reason]");
    reason.focus();
    announce(text("msgReject", "Choose a reason and press Enter to reject."));
    return;
  }
  announce(text(action === "approve" ? "msgApprove" : "msgSpam", ""));
  form.requestSubmit(button);
}

const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset"]);

function isTyping(target) {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPED.has(target.type);
  return Boolean(target.closest("textarea, select, [contenteditable=''], [contenteditable='true']"));
}

const KEYS = {
  j: () => select(current + 1),
  k: () => select(current < 0 ? 0 : current - 1),
  a: () => press("approve"),
  s: () => press("spam"),
  r: () => press("reject"),
  e: () => {
    const link = currentItem() && currentItem().querySelector("[data-edit]");
    if (link) window.location.assign(link.href);
    else announce(text("msgNone", "Not possible for this comment."));
  },
  x: () => {
    const box = currentItem() && currentItem().querySelector("[data-select]");
    if (!box) return;
    box.checked = !box.checked;
    announce(box.checked ? text("msgSelected", "Selected.") : text("msgUnselected", "No longer selected."));
  },
  "?": () => { if (help && !help.open) help.showModal(); },
};

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
  if (isTyping(event.target) || (help && help.open)) return;
  const handler = KEYS[event.key];
  if (!handler) return;
  event.preventDefault();
  handler();
});

// Enter on a chosen reason rejects: a <select> does not submit its form by itself.
for (const reason of document.querySelectorAll("[data-reason]")) {
  reason.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && reason.value) {
      event.preventDefault();
      reason.form.requestSubmit(reason.form.querySelector('[data-action="reject"]'));
    } else if (event.key === "Escape") {
      event.preventDefault();
      const item = reason.closest("[data-item]");
      if (item) item.focus();
    }
  });
}

// A click inside an item makes it the current one, so the keys continue from there.
for (const [index, item] of items.entries()) {
  item.addEventListener("focusin", () => {
    if (index === current) return;
    if (items[current]) items[current].classList.remove("item--current");
    current = index;
    item.classList.add("item--current");
  });
}

// Back from an action: continue with the item the redirect names, and say what happened.
const target = window.location.hash.match(/^#item-(\d+)$/);
if (target) {
  const index = items.findIndex((item) => item.dataset.item === target[1]);
  if (index >= 0) select(index);
}
const said = document.querySelector("[data-messages] li");
if (said) announce(said.textContent.trim());
