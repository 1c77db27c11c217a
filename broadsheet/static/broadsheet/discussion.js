// Broadsheet discussion: progressive enhancement of the server-rendered thread.
// Every action below also works as a plain form POST or link without this module;
// here we send the same request with X-Broadsheet-Fragment and swap in the
// server-rendered fragment (or apply the JSON counts) instead of reloading.

const FRAGMENT = { "X-Broadsheet-Fragment": "1" };

const section = document.querySelector("[data-discussion]");

function announce(text) {
  const region = section.querySelector("[data-announce]");
  region.textContent = "";
  // A fresh text node after a tick makes screen readers speak it again.
  setTimeout(() => { region.textContent = text; }, 50);
}

function html(text) {
  const template = document.createElement("template");
  template.innerHTML = text.trim();
  return template.content;
}

async function send(url, options = {}) {
  const response = await fetch(url, {
    credentials: "same-origin",
    ...options,
    headers: { ...FRAGMENT, ...(options.headers || {}) },
  });
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : await response.text();
  return { response, body };
}

function showError(form, message) {
  let box = form.querySelector("[data-error]");
  if (!box) {
    box = document.createElement("p");
    box.className = "field-error";
    box.setAttribute("role", "alert");
    box.dataset.error = "";
    form.prepend(box);
  }
  box.textContent = message;
  box.hidden = false;
}

function clearError(form) {
  const box = form.querySelector("[data-error]");
  if (box) box.hidden = true;
}

function errorText(body, response) {
  if (body && body.error) return body.error;
  return section.dataset.msgFailed || `HTTP ${response.status}`;
}

// --- Posting and replying --------------------------------------------------------

const respond = section.querySelector("#respond");
const commentForm = section.querySelector("[data-comment-form]");
const respondHome = respond && respond.parentNode;
const respondNext = respond && respond.nextSibling;

function placeReplyForm(link) {
  const comment = link.closest(".comment");
  const title = respond.querySelector("h3");
  respond.dataset.originalTitle ??= title.textContent;
  title.textContent = link.dataset.replyLabel || `↳ ${link.dataset.replyName}`;
  commentForm.elements.reply_to.value = link.dataset.reply;
  comment.after(respond);
  let cancel = respond.querySelector("[data-cancel-reply]");
  if (!cancel) {
    cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link-button";
    cancel.dataset.cancelReply = "";
    cancel.textContent = section.dataset.msgCancel || "×";
    cancel.addEventListener("click", resetReplyForm);
    title.after(cancel);
  }
  commentForm.elements.body.focus();
}

function resetReplyForm() {
  if (!respond) return;
  commentForm.elements.reply_to.value = "";
  const title = respond.querySelector("h3");
  if (respond.dataset.originalTitle) title.textContent = respond.dataset.originalTitle;
  respond.querySelector("[data-cancel-reply]")?.remove();
  respondHome.insertBefore(respond, respondNext);
}

function insertComment(fragment, replyTo) {
  const node = fragment.firstElementChild;
  const thread = section.querySelector("[data-thread]");
  if (replyTo) {
    const parent = section.querySelector(`#comment-${replyTo}`);
    const conversation = parent.closest(".conversation");
    let replies = conversation.querySelector(":scope > .replies");
    if (!replies) {
      replies = document.createElement("div");
      replies.className = "replies";
      conversation.append(replies);
    }
    const wrapper = document.createElement("div");
    wrapper.className = `reply depth-${node.dataset.depth}`;
    wrapper.append(node);
    // After the parent's own subtree: the next reply that is not deeper.
    const parentWrapper = parent.closest(".reply");
    let after = parentWrapper;
    if (parentWrapper) {
      const depth = Number(parent.dataset.depth);
      while (after.nextElementSibling &&
             Number(after.nextElementSibling.firstElementChild.dataset.depth) > depth) {
        after = after.nextElementSibling;
      }
      after.after(wrapper);
    } else {
      replies.append(wrapper);
    }
  } else {
    const conversation = document.createElement("div");
    conversation.className = "conversation";
    conversation.append(node);
    const sort = section.querySelector("[aria-current][data-sort]")?.dataset.sort;
    const more = thread.querySelector("[data-load-more]");
    if (sort === "newest") thread.prepend(conversation);
    else if (more) more.before(conversation);
    else thread.append(conversation);
  }
  return node;
}

commentForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector("button[type=submit]");
  const replyTo = form.elements.reply_to.value;
  clearError(form);
  button.disabled = true;
  try {
    const { response, body } = await send(form.action, { method: "POST", body: new FormData(form) });
    if (response.status !== 201) {
      showError(form, errorText(body, response));
      return;
    }
    const node = insertComment(html(body), replyTo);
    form.elements.body.value = "";
    resetReplyForm();
    node.setAttribute("tabindex", "-1");
    node.focus();
    announce(response.headers.get("X-Comment-Status") === "approved"
      ? section.dataset.msgPosted : section.dataset.msgHeld);
  } catch {
    showError(form, section.dataset.msgFailed);
  } finally {
    button.disabled = false;
  }
});

// --- Voting ------------------------------------------------------------------------

async function vote(form, button) {
  const data = new FormData(form);
  data.set("value", button.value);
  const { response, body } = await send(form.action, { method: "POST", body: data });
  if (!response.ok) {
    announce(errorText(body, response));
    return;
  }
  form.querySelector("[data-up]").textContent = body.up;
  form.querySelector("[data-down]").textContent = body.down;
  form.querySelector(".vote__up").setAttribute("aria-pressed", String(body.mine === 1));
  form.querySelector(".vote__down").setAttribute("aria-pressed", String(body.mine === -1));
  announce(`▲ ${body.up} ▼ ${body.down}`);
}

// --- Rating ------------------------------------------------------------------------

async function rate(form) {
  const { response, body } = await send(form.action, { method: "POST", body: new FormData(form) });
  const summary = section.querySelector("[data-rating-summary]");
  if (!response.ok) {
    announce(errorText(body, response));
    return;
  }
  const average = body.average.toLocaleString(document.documentElement.lang, {
    minimumFractionDigits: 1, maximumFractionDigits: 1,
  });
  summary.querySelector("[data-rating-average]").textContent = average;
  summary.querySelector("[data-rating-count]").textContent = body.count_label;
  summary.querySelectorAll(".star").forEach((star, i) => {
    star.classList.toggle("star--on", i < Math.round(body.average));
  });
  announce(`${average} (${body.count_label})`);
}

// --- Sorting and paging ----------------------------------------------------------

async function loadThread(url, { replace }) {
  const thread = section.querySelector("[data-thread]");
  thread.setAttribute("aria-busy", "true");
  try {
    const { response, body } = await send(url);
    if (!response.ok) throw new Error(String(response.status));
    if (replace) thread.replaceChildren(html(body));
    else {
      thread.querySelector("[data-load-more]")?.remove();
      thread.append(html(body));
    }
  } catch {
    announce(section.dataset.msgFailed);
  } finally {
    thread.removeAttribute("aria-busy");
  }
}

function threadUrl(params) {
  return `/discussion/${section.dataset.article}/thread/?${new URLSearchParams(params)}`;
}

// --- Editing in place ---------------------------------------------------------------

async function startEdit(link) {
  const comment = link.closest(".comment");
  const { response, body } = await send(link.href);
  if (!response.ok) {
    announce(errorText(body, response));
    link.remove();
    return;
  }
  const bodyBox = comment.querySelector(".comment__body");
  const original = bodyBox.innerHTML;
  bodyBox.replaceChildren(html(body));
  const form = bodyBox.querySelector("form");
  form.querySelector("textarea").focus();
  form.querySelector("[data-edit-cancel]").addEventListener("click", (event) => {
    event.preventDefault();
    bodyBox.innerHTML = original;
    link.focus();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await send(form.action, { method: "POST", body: new FormData(form) });
    if (!result.response.ok) {
      showError(form, errorText(result.body, result.response));
      return;
    }
    const updated = html(result.body).firstElementChild;
    comment.replaceWith(updated);
    updated.setAttribute("tabindex", "-1");
    updated.focus();
    announce(section.dataset.msgSaved);
  });
}

// --- One listener for every click and change in the discussion ---------------------

section.addEventListener("click", (event) => {
  const target = event.target.closest("a, button");
  if (!target || event.defaultPrevented || event.metaKey || event.ctrlKey) return;
  if (target.matches(".vote button")) {
    event.preventDefault();
    vote(target.form, target);
  } else if (target.matches("[data-reply]") && commentForm) {
    event.preventDefault();
    placeReplyForm(target);
  } else if (target.matches("[data-sort]")) {
    event.preventDefault();
    section.querySelectorAll("[data-sort]").forEach((tab) => tab.removeAttribute("aria-current"));
    target.setAttribute("aria-current", "true");
    section.querySelector(".discussion__restart")?.remove();
    loadThread(threadUrl({ sort: target.dataset.sort }), { replace: true });
    history.replaceState(null, "", `?sort=${target.dataset.sort}#comments`);
  } else if (target.closest("[data-load-more]")) {
    event.preventDefault();
    loadThread(target.dataset.href, { replace: false });
  } else if (target.matches("[data-edit]")) {
    event.preventDefault();
    startEdit(target);
  }
});

section.addEventListener("change", (event) => {
  if (event.target.matches("[data-rate] input[name=stars]")) rate(event.target.form);
});

section.querySelector("[data-rate]")?.addEventListener("submit", (event) => {
  event.preventDefault();
  rate(event.currentTarget);
});

// A WordPress-style #comment-123 link to a comment on a later page: ask the server
// which page holds it.
const wanted = /^#comment-(\d+)$/.exec(location.hash);
if (wanted && !document.getElementById(`comment-${wanted[1]}`)) {
  location.replace(`/comment/${wanted[1]}/`);
}
