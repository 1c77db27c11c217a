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

// The template's messages mark the values the script fills in as {name}.
function fill(message, values) {
  return (message || "").replace(/\{(\w+)\}/g, (all, key) => (key in values ? values[key] : all));
}

// A message with a number in it, in the form the page's language uses for that number.
function counted(kind, count) {
  const form = new Intl.PluralRules(document.documentElement.lang || "en").select(count);
  return fill(section.dataset[`${kind}${form === "one" ? "One" : "Other"}`], { count: localNumber(count) });
}

// A number as the page's language writes it ("1.234" in German).
function localNumber(value) {
  return Number(value).toLocaleString(document.documentElement.lang || "en");
}

const reducedMotion = matchMedia("(prefers-reduced-motion: reduce)");

function scrollBehavior() {
  return reducedMotion.matches ? "auto" : "smooth";
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

// --- Field errors, marked up as the server marks them up without JS -----------------

function setFieldError(field, message) {
  const id = `${field.id}-error`;
  const others = (field.getAttribute("aria-describedby") || "").split(" ")
    .filter((token) => token && token !== id);
  let box = document.getElementById(id);
  if (!message) {
    box?.remove();
    field.removeAttribute("aria-invalid");
    if (others.length) field.setAttribute("aria-describedby", others.join(" "));
    else field.removeAttribute("aria-describedby");
    return;
  }
  if (!box) {
    box = document.createElement("strong");
    box.className = "field-error";
    box.id = id;
    field.parentElement.append(box);
  }
  // No role=alert: focus moves to the first invalid field, which reads its error as its
  // description; alerts from every field at once would talk over it.
  box.removeAttribute("role");
  box.textContent = message;
  field.setAttribute("aria-invalid", "true");
  // The error first: it is what the reader needs to hear before the help text.
  field.setAttribute("aria-describedby", [id, ...others].join(" "));
}

function fieldProblem(field) {
  if (field.matches("[data-passage-edit]")) return passageProblem();
  const value = field.value.trim();
  if (field.required && !value) return field.dataset.msgMissing || field.validationMessage;
  // "example.org" is a web address to the server, which adds https://; leave it to it.
  if (field.type === "url" && !/^[a-z][a-z\d+.-]*:/i.test(value)) return "";

  if (value && !field.validity.valid) return field.dataset.msgInvalid || field.validationMessage;
  return "";
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
const passageField = section.querySelector("[data-passage-edit]");
// The fields the script checks before sending, in the order the reader meets them.
const checkedFields = ["name", "email", "url", "body"];
// The reply link that moved the form: cancelling the reply gives focus back to it.
let replyOpener = null;

function validate(form) {
  const fields = checkedFields.map((name) => form.elements[name]).filter(Boolean);
  if (narrowing) fields.unshift(passageField);
  return fields.filter((field) => {
    const problem = fieldProblem(field);
    setFieldError(field, problem);
    return Boolean(problem);
  });
}

function showServerErrors(form, body) {
  // The server's errors per field (JSON), where the reader can see the field; its own
  // wording of "required" or "invalid" is generic, the field's message names the field.
  const shown = [];
  const messages = [];
  for (const name of checkedFields) {
    const field = form.elements[name];
    const [first] = body?.fields?.[name] || [];
    if (!field || !first) continue;
    messages.push(first.message);
    setFieldError(field, (first.code === "required" && field.dataset.msgMissing)
      || (first.code === "invalid" && field.dataset.msgInvalid) || first.message);
    shown.push(field);
  }
  return { shown, explained: messages.includes(body?.error) };
}

function placeReplyForm(link) {
  replyOpener = link;
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
    cancel.addEventListener("click", cancelReply);
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
  replyOpener = null;
}

function cancelReply() {
  const opener = replyOpener;
  resetReplyForm();
  if (opener?.isConnected) opener.focus();
  else commentForm.elements.body.focus();
}

respond?.addEventListener("keydown", (event) => {
  if (event.key === "Escape" && respond.querySelector("[data-cancel-reply]")) {
    event.preventDefault();
    cancelReply();
  }
});

// Once marked, a field's error goes away as soon as the reader has fixed it.
respond?.addEventListener("input", (event) => {
  const field = event.target;
  if (field.getAttribute("aria-invalid") === "true") setFieldError(field, fieldProblem(field));
});

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

function offerSendAnyway(form, token) {
  const box = form.querySelector("[data-anyway]");
  if (!box) return;
  form.elements.anyway_token.value = token;
  form.elements.anyway.checked = false;
  box.hidden = !token;
}

let posting = false;

commentForm?.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (posting) return;
  const form = event.currentTarget;
  const button = form.querySelector("button[type=submit]");
  const replyTo = form.elements.reply_to.value;
  clearError(form);
  const invalid = validate(form);
  if (invalid.length) {
    invalid[0].focus();
    return;
  }
  // Not `disabled`: a disabled button drops the focus to <body>. aria-disabled says
  // "busy" and the flag stops a second submit.
  posting = true;
  button.setAttribute("aria-disabled", "true");
  try {
    const { response, body } = await send(form.action, { method: "POST", body: new FormData(form) });
    if (response.status !== 201) {
      // An expired form comes back with a fresh timestamp: one more click sends it.
      if (body && body.ts) form.elements.ts.value = body.ts;
      // The model objected: offer "send anyway" for exactly this text (signed by the server).
      if (body && body.anyway_token) offerSendAnyway(form, body.anyway_token);
      const { shown, explained } = showServerErrors(form, body);
      if (!explained) showError(form, errorText(body, response));
      if (shown.length) shown[0].focus();
      return;
    }
    const node = insertComment(html(body), replyTo);
    form.elements.body.value = "";
    offerSendAnyway(form, "");
    resetReplyForm();
    choosePassage({}, "");
    node.setAttribute("tabindex", "-1");
    node.focus();
    announce(response.headers.get("X-Comment-Status") === "approved"
      ? section.dataset.msgPosted : section.dataset.msgHeld);
  } catch {
    showError(form, section.dataset.msgFailed);
  } finally {
    posting = false;
    button.removeAttribute("aria-disabled");
  }
});

// --- Voting ------------------------------------------------------------------------

// A guest's vote counts once their identity is a few seconds old, proven by the signed
// token of the page they loaded (discussion/identity.py). Forms loaded later (more
// comments, other sort orders) carry younger tokens, so every vote sends the page's
// own; and a vote in the first seconds after the page arrived waits until it counts.
const pageToken = section.dataset.pageToken;
const voteAfterMs = (Number(section.dataset.voteAfter) || 0) * 1000;

function pageArrivedAt() {
  const [navigation] = performance.getEntriesByType("navigation");
  return navigation ? navigation.responseStart : 0;
}

async function asFromThisPage(data) {
  if (pageToken) data.set("ts", pageToken);
  // The server's clock counts whole seconds from the moment it rendered the page;
  // a quarter of a second more covers the rounding.
  const wait = pageArrivedAt() + voteAfterMs + 250 - performance.now();
  if (voteAfterMs && wait > 0) await new Promise((resolve) => { setTimeout(resolve, wait); });
  return data;
}

async function vote(form, button) {
  const data = await asFromThisPage(new FormData(form));
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
  announce(fill(body.mine ? section.dataset.msgVoted : section.dataset.msgUnvoted,
    { up: localNumber(body.up), down: localNumber(body.down) }));

}

// --- Rating ------------------------------------------------------------------------

async function rate(form) {
  const data = await asFromThisPage(new FormData(form));
  const { response, body } = await send(form.action, { method: "POST", body: data });
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
  announce(fill(section.dataset.msgRated, { average, count: body.count_label }));
}

// --- Sorting and paging ----------------------------------------------------------

// The loaded comments, or null when loading failed (and was announced).
async function loadThread(url, { replace }) {
  const thread = section.querySelector("[data-thread]");
  thread.setAttribute("aria-busy", "true");
  try {
    const { response, body } = await send(url);
    if (!response.ok) throw new Error(String(response.status));
    const fragment = html(body);
    const comments = [...fragment.querySelectorAll(".comment")];
    if (replace) thread.replaceChildren(fragment);
    else {
      // The last "Skip this conversation" led to the load-more link, which goes now (the
      // new page brings its own): it leads on to the first conversation just loaded.
      const skips = thread.querySelectorAll('.conversation__skip[href="#comments-more"]');
      const first = fragment.querySelector(".conversation[id]");
      thread.querySelector("[data-load-more]")?.remove();
      if (first) skips.forEach((skip) => skip.setAttribute("href", `#${first.id}`));
      thread.append(fragment);
    }
    return comments;
  } catch {
    announce(section.dataset.msgFailed);
    return null;
  } finally {
    thread.removeAttribute("aria-busy");
  }
}

async function loadMore(link) {
  const comments = await loadThread(link.dataset.href, { replace: false });
  if (!comments) return;
  // The link is gone with the page it ended: focus goes on to what it loaded.
  const first = comments[0] || section.querySelector("#comments-title");
  first.setAttribute("tabindex", "-1");
  first.focus();
  announce(counted("msgLoaded", comments.length));
}


function current(kind) {
  return section.querySelector(`[aria-current][data-${kind}]`)?.dataset[kind] || "";
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
  } else if (target.matches("[data-sort], [data-filter]")) {
    event.preventDefault();
    const kind = target.matches("[data-sort]") ? "sort" : "filter";
    section.querySelectorAll(`[data-${kind}]`).forEach((tab) => tab.removeAttribute("aria-current"));
    target.setAttribute("aria-current", "true");
    section.querySelector(".discussion__restart")?.remove();
    const params = { sort: current("sort"), filter: current("filter") };
    // Focus stays on the tab; what changed is said, not the whole new thread.
    const said = fill(kind === "sort" ? section.dataset.msgSorted : section.dataset.msgShown,
      { order: target.textContent.trim(), view: target.textContent.trim() });
    loadThread(threadUrl(params), { replace: true }).then((comments) => {
      if (comments) announce(said);
    });
    history.replaceState(null, "", `?${new URLSearchParams(params)}#comments`);
  } else if (target.matches("[data-passage]")) {
    const mark = document.getElementById(`passage-${target.dataset.passage}`);
    if (mark) {
      event.preventDefault();
      mark.scrollIntoView({ behavior: scrollBehavior(), block: "center" });
      mark.classList.add("passage--flash");
      setTimeout(() => mark.classList.remove("passage--flash"), 1600);
    }
  } else if (target.closest("[data-load-more]")) {
    event.preventDefault();
    loadMore(target);
  } else if (target.matches("[data-edit]")) {
    event.preventDefault();
    startEdit(target);
  }
});

// Choosing stars (arrow keys move the choice in a radio group) sends nothing: the
// "Rate" button or Enter confirms, as without JS.
section.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.matches("[data-rate] input[name=stars]")) {
    event.preventDefault();
    event.target.form.requestSubmit();
  }
});

section.querySelector("[data-subscribe]")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const { response, body } = await send(form.action, { method: "POST", body: new FormData(form) });
  let note = form.querySelector(".subscribe__message");
  if (!note) {
    note = document.createElement("p");
    note.className = "subscribe__message";
    note.setAttribute("role", "status");
    form.append(note);
  }
  note.textContent = response.ok ? body.message : errorText(body, response);
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

// --- Passages: highlights in the article, and commenting on a selection -------------

const body = document.querySelector(".article__body");
const passageData = JSON.parse(document.getElementById("passage-data")?.textContent || "[]");

function visibleText(fragmentOrNode) {
  // The text anchors are computed over: without [data-anchor-ignore], spaces collapsed.
  const copy = fragmentOrNode.cloneNode(true);
  copy.querySelectorAll?.("[data-anchor-ignore]").forEach((el) => el.remove());
  return copy.textContent.normalize("NFC").replace(/\s+/g, " ");
}

function textPositions(root) {
  // Every character of the collapsed text, with the text node and offset it came from.
  const positions = [];
  let space = true;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest("[data-anchor-ignore]")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node; (node = walker.nextNode());) {
    for (let i = 0; i < node.data.length; i++) {
      const blank = /\s/.test(node.data[i]);
      if (blank && space) continue;
      positions.push({ node, i, ch: blank ? " " : node.data[i] });
      space = blank;
    }
  }
  return positions;
}

function locate(text, passage) {
  // Prefer the occurrence whose context matches; the server's offset breaks ties.
  let best = -1, bestScore = -1;
  for (let at = text.indexOf(passage.exact); at !== -1; at = text.indexOf(passage.exact, at + 1)) {
    const score = (text.slice(Math.max(0, at - passage.prefix.length), at) === passage.prefix)
      + (text.slice(at + passage.exact.length).startsWith(passage.suffix))
      - Math.abs(at - passage.start) / 1e6;
    if (score > bestScore) { best = at; bestScore = score; }
  }
  return best;
}

function highlight(passage, positions, text) {
  const at = locate(text, passage);
  if (at < 0) return;
  const marks = [];
  // Wrap each text node's share of the passage, last first so offsets stay valid.
  const byNode = new Map();
  for (let k = at; k < at + passage.exact.length; k++) {
    const p = positions[k];
    const span = byNode.get(p.node) || { from: p.i, to: p.i };
    span.to = p.i + 1;
    byNode.set(p.node, span);
  }
  [...byNode].reverse().forEach(([node, { from, to }]) => {
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, to);
    const mark = document.createElement("mark");
    mark.className = "passage";
    mark.dataset.passage = passage.id;
    range.surroundContents(mark);
    marks.unshift(mark);
  });
  const count = document.createElement("button");
  count.type = "button";
  count.className = "passage__count";
  count.dataset.passage = passage.id;
  count.dataset.anchorIgnore = "";
  count.textContent = passage.count;
  // The server's phrase for the count ("1 comment on this passage"), plural and all.
  count.setAttribute("aria-label", passage.label || `${passage.count} ${section.dataset.msgCount}`);
  marks[0].id = `passage-${passage.id}`;
  marks.at(-1).after(count);
}

function showPassage(id) {
  // Activating a highlight shows the comments on that passage.
  section.querySelectorAll("[data-filter]").forEach((tab) =>
    tab.toggleAttribute("aria-current", tab.dataset.filter === "inline"));
  loadThread(threadUrl({ passage: id }), { replace: true });
  section.scrollIntoView({ behavior: scrollBehavior() });

}

if (body) {
  const positions = textPositions(body);
  const text = positions.map((p) => p.ch).join("");
  // Last passage first: wrapping splits text nodes after the wrapped text, never before,
  // so the positions of earlier passages stay valid. Overlaps are skipped.
  [...passageData].sort((a, b) => b.start - a.start).forEach((passage) => {
    try { highlight(passage, positions, text); } catch { /* overlapping another highlight */ }
  });
  body.addEventListener("click", (event) => {
    const hit = event.target.closest("mark.passage, .passage__count");
    if (hit) showPassage(hit.dataset.passage);
  });
}

const quoteButton = document.createElement("button");
quoteButton.type = "button";
quoteButton.className = "quote-button";
quoteButton.textContent = section.dataset.msgQuote;
quoteButton.hidden = true;
quoteButton.dataset.anchorIgnore = "";

function blockOf(container, offset) {
  // The child of the article body that holds a boundary point.
  let node = container === body ? body.childNodes[Math.max(0, offset - 1)] : container;
  while (node && node.parentNode !== body) node = node.parentNode;
  return node;
}

function currentSelection() {
  const selection = getSelection();
  if (!body || !commentForm || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  if (!body.contains(range.commonAncestorContainer)) return null;
  return selectorFor(range);
}

function selectorFor(range) {
  // What the server anchors (passages.py): the text, 32 characters around it, its offset.
  const exact = visibleText(range.cloneContents()).trim();
  if (exact.length < 3) return null;
  const before = document.createRange();
  before.setStart(body, 0);
  before.setEnd(range.startContainer, range.startOffset);
  const after = document.createRange();
  after.setStart(range.endContainer, range.endOffset);
  after.setEnd(body, body.childNodes.length);
  const preceding = visibleText(before.cloneContents()).trimStart();
  return {
    exact,
    prefix: preceding.slice(-32),
    suffix: visibleText(after.cloneContents()).slice(0, 32),
    start: preceding.length,
    rect: range.getBoundingClientRect(),
    block: blockOf(range.endContainer, range.endOffset),
  };
}

document.addEventListener("selectionchange", () => {
  const chosen = currentSelection();
  quoteButton.hidden = !chosen;
  if (chosen) {
    // Next in the focus order after the selection (caret browsing, shift+arrows): right
    // after the block it ends in, not at the end of the page.
    if (chosen.block && quoteButton.previousSibling !== chosen.block) chosen.block.after(quoteButton);
    else if (!quoteButton.isConnected) body.append(quoteButton);

    quoteButton.style.top = `${scrollY + chosen.rect.bottom + 6}px`;
    quoteButton.style.left = `${scrollX + chosen.rect.left}px`;
    quoteButton.chosen = chosen;
  }
});

// --- Report an error in the chosen passage, next to "Comment on this passage" --------
// The article's "Report an error" link (errata) leads to a plain form page; here it
// gets the selected passage (or a paragraph, by keyboard) as its selector.

const errataLink = document.querySelector("[data-errata-report]");

function errataUrl({ exact, prefix = "", suffix = "", start = "" }) {
  const url = new URL(errataLink.href);
  Object.entries({ exact, prefix, suffix, start }).forEach(([key, value]) => url.searchParams.set(key, value));
  return url.href;
}

const reportButton = document.createElement("button");
reportButton.type = "button";
reportButton.className = "errata-button";
reportButton.textContent = errataLink?.textContent || "";
reportButton.hidden = true;
reportButton.dataset.anchorIgnore = "";
reportButton.addEventListener("click", () => location.assign(errataUrl(reportButton.chosen)));

if (errataLink) {
  // After the quote button's own listener: it has placed itself for this selection.
  document.addEventListener("selectionchange", () => {
    const chosen = quoteButton.hidden ? null : quoteButton.chosen;
    reportButton.hidden = !chosen;
    if (!chosen) return;
    quoteButton.after(reportButton);
    reportButton.chosen = chosen;
    reportButton.style.top = quoteButton.style.top;
    reportButton.style.left = `${scrollX + chosen.rect.left + quoteButton.offsetWidth + 8}px`;
  });
}

// The keyboard route: "Report an error in a paragraph" (beside "Comment on a paragraph")
// shows one button per paragraph; each opens the form with that paragraph's text.
function showParagraphReports(toggle, show) {
  toggle.setAttribute("aria-expanded", String(show));
  body.querySelectorAll("[data-paragraph-report]").forEach((button) => button.remove());
  if (!show) return;
  paragraphs.forEach((block, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button paragraph-report";
    button.dataset.paragraphReport = String(index);
    button.dataset.anchorIgnore = "";
    button.textContent = fill(errataLink.dataset.msgParagraph, { number: index + 1 });
    button.addEventListener("click", () =>
      location.assign(errataUrl(narrowedPassage(block, visibleText(block)) || { exact: visibleText(block).trim() })));
    block.append(button);
  });
  body.querySelector("[data-paragraph-report]")?.focus();
}

// --- The keyboard route: comment on a paragraph, then shorten its text ----------------

// The paragraph chosen by keyboard whose text the reader may shorten, or null.
let narrowing = null;
const paragraphs = body && commentForm && passageField
  ? [...body.querySelectorAll(":scope > p, :scope > blockquote, :scope > ul > li, :scope > ol > li")]
    .filter((block) => visibleText(block).trim().length >= 3)
  : [];
let paragraphToggle = null;

function showParagraphButtons(show) {
  paragraphToggle.setAttribute("aria-expanded", String(show));
  body.querySelectorAll("[data-paragraph-comment]").forEach((button) => button.remove());
  if (!show) return;
  paragraphs.forEach((block, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button paragraph-comment";
    button.dataset.paragraphComment = String(index);
    button.dataset.anchorIgnore = "";
    button.textContent = fill(section.dataset.msgParagraph, { number: index + 1 });
    block.append(button);
  });
  body.querySelector("[data-paragraph-comment]")?.focus();
}

if (paragraphs.length) {
  paragraphToggle = document.createElement("button");
  paragraphToggle.type = "button";
  paragraphToggle.className = "link-button paragraph-toggle";
  paragraphToggle.textContent = section.dataset.msgParagraphs;
  paragraphToggle.setAttribute("aria-expanded", "false");
  paragraphToggle.addEventListener("click", () =>
    showParagraphButtons(paragraphToggle.getAttribute("aria-expanded") !== "true"));
  body.before(paragraphToggle);
  body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-paragraph-comment]");
    if (!button) return;
    const block = paragraphs[Number(button.dataset.paragraphComment)];
    showParagraphButtons(false);
    const whole = narrowedPassage(block, visibleText(block));
    choosePassage(whole, whole.exact, block);
  });
}

if (paragraphs.length && errataLink) {
  const errataToggle = document.createElement("button");
  errataToggle.type = "button";
  errataToggle.className = "link-button errata-toggle";
  errataToggle.textContent = errataLink.dataset.msgParagraphs;
  errataToggle.setAttribute("aria-expanded", "false");
  errataToggle.addEventListener("click", () =>
    showParagraphReports(errataToggle, errataToggle.getAttribute("aria-expanded") !== "true"));
  body.before(errataToggle);
}

function narrowedPassage(block, wanted) {
  // The selector of `wanted` inside the block, or null when it is not part of it.
  const exact = wanted.normalize("NFC").replace(/\s+/g, " ").trim();
  const positions = textPositions(block);
  const at = exact.length >= 3 ? positions.map((p) => p.ch).join("").indexOf(exact) : -1;
  if (at < 0) return null;
  const first = positions[at];
  const last = positions[at + exact.length - 1];
  const range = document.createRange();
  range.setStart(first.node, first.i);
  range.setEnd(last.node, last.i + 1);
  return selectorFor(range);
}

function passageProblem() {
  if (!narrowing) return "";
  const value = passageField.value.trim();
  if (value.length < 3) return passageField.dataset.msgMissing;
  const chosen = narrowedPassage(narrowing, value);
  if (!chosen) return passageField.dataset.msgInvalid;
  const fields = commentForm.elements;
  fields.passage_exact.value = chosen.exact;
  fields.passage_prefix.value = chosen.prefix;
  fields.passage_suffix.value = chosen.suffix;
  fields.passage_start.value = chosen.start;
  return "";
}

function choosePassage({ exact = "", prefix = "", suffix = "", start = "", question = "" }, quote, block = null) {
  const fields = commentForm.elements;
  fields.passage_exact.value = exact;
  fields.passage_prefix.value = prefix;
  fields.passage_suffix.value = suffix;
  fields.passage_start.value = start;
  fields.question.value = question;
  const box = section.querySelector("[data-passage-box]");
  box.hidden = !quote;
  // The page language's quotation marks („…“ in German, “…” in English), from the server.
  const { quoteOpen = "“", quoteClose = "”" } = box.dataset;
  box.querySelector("[data-passage-quote]").textContent = quote ? `${quoteOpen}${quote}${quoteClose}` : "";
  // A paragraph chosen by keyboard: its text in a field, to be shortened to the part meant.
  narrowing = block;
  if (passageField) {
    passageField.closest("[data-passage-narrow]").hidden = !block;
    box.querySelector("[data-passage-shown]").hidden = Boolean(block);
    passageField.value = block ? quote : "";
    setFieldError(passageField, "");
  }
  if (quote) {
    resetReplyForm();
    respond.scrollIntoView({ behavior: scrollBehavior(), block: "center" });
    (block ? passageField : fields.body).focus({ preventScroll: true });
  }
}


quoteButton.addEventListener("click", () => {
  const { exact, prefix, suffix, start } = quoteButton.chosen;
  quoteButton.hidden = true;
  choosePassage({ exact, prefix, suffix, start }, exact);
});

section.querySelector("[data-passage-clear]")?.addEventListener("click", () => {
  choosePassage({}, "");
  // The button was in the box that just closed: the focus goes on to the comment itself.
  commentForm.elements.body.focus();
});


// An editor's question: preselect its passage without leaving the page.
body?.addEventListener("click", (event) => {
  const ask = event.target.closest("[data-ask]");
  if (!ask || !commentForm) return;
  event.preventDefault();
  const mark = document.getElementById(`frage-${ask.dataset.ask}`);
  choosePassage({ question: ask.dataset.ask }, `${visibleText(mark).trim()} – ${ask.firstChild.textContent}`);
});

// --- The rest of a long conversation, in place ---------------------------------------
// "N more replies" links to this page with the conversation whole; here the whole
// conversation comes as a fragment, its replies replace the few shown, and focus goes
// to the first reply that was not shown.
section.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-more-replies] a");
  if (!link || event.defaultPrevented || event.metaKey || event.ctrlKey) return;
  event.preventDefault();
  const conversation = link.closest("[data-conversation]");
  const { response, body } = await send(link.dataset.href);
  if (!response.ok) {
    announce(errorText(body, response));
    return;
  }
  const replies = html(body).querySelector("[data-conversation] > .replies");
  conversation.querySelector(":scope > .replies").replaceWith(replies);
  link.closest("[data-more-replies]").remove();
  const first = document.getElementById(`conversation-${conversation.dataset.conversation}-more`);
  const target = first?.querySelector(".comment") || replies;
  target.setAttribute("tabindex", "-1");
  target.focus();
});

// --- Mentions: "@" and the start of a name offers the people in this discussion ------
// A listbox under the comment field (the ARIA listbox pattern): the field keeps the
// focus and points at the active option with aria-activedescendant; arrows move,
// Enter or Tab insert the name, Escape closes. The names come once, at the first "@",
// from an address that carries the thread's version (shared caches keep it), and are
// filtered here: no request per keystroke. The server links "@Name" when the comment
// is saved, with or without this script (discussion/mentions.py).

const mentionField = commentForm?.elements.body;
let mentionNames = null; // a promise of the thread's names, asked for once
let mentionList = null;
let mentionOptions = [];
let mentionActive = -1;
let mentionQuery = null; // { start, end } of "@query" in the field

// Before the caret: "@" at the start or after something that is not a letter or digit,
// then up to 40 characters of a name (which may hold spaces and dots).
const MENTION_QUERY = /(?:^|[^\p{L}\p{N}_])@([^@\n]{0,40})$/u;

function loadMentionNames() {
  mentionNames ??= send(section.dataset.namesUrl)
    .then(({ response, body }) => (response.ok && Array.isArray(body.names) ? body.names : []))
    .catch(() => []);
  return mentionNames;
}

// Markdown would read some characters of a name as markup; escaped, they stay text.
function asMarkdown(name) {
  return name.replace(/[\\`*_[\]<>&]/g, "\\$&");
}

function ensureMentionList() {
  if (mentionList) return mentionList;
  mentionList = document.createElement("ul");
  mentionList.id = "comment-body-mentions";
  mentionList.className = "mention-list";
  mentionList.setAttribute("role", "listbox");
  mentionList.setAttribute("aria-label", section.dataset.msgNamesLabel || "@");
  mentionList.hidden = true;
  // A click chooses without taking the focus from the field.
  mentionList.addEventListener("mousedown", (event) => event.preventDefault());
  mentionList.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) chooseMention(mentionOptions.indexOf(option));
  });
  mentionField.after(mentionList);
  mentionField.setAttribute("aria-autocomplete", "list");
  return mentionList;
}

function closeMentions() {
  if (!mentionList || mentionList.hidden) return;
  mentionList.hidden = true;
  mentionList.replaceChildren();
  mentionOptions = [];
  mentionActive = -1;
  mentionQuery = null;
  mentionField.removeAttribute("aria-activedescendant");
  mentionField.removeAttribute("aria-controls");
}

function setActiveMention(index) {
  mentionActive = (index + mentionOptions.length) % mentionOptions.length;
  mentionOptions.forEach((option, i) => option.setAttribute("aria-selected", String(i === mentionActive)));
  const active = mentionOptions[mentionActive];
  mentionField.setAttribute("aria-activedescendant", active.id);
  active.scrollIntoView({ block: "nearest" });
}

async function offerMentions() {
  const caret = mentionField.selectionStart;
  if (caret !== mentionField.selectionEnd) return closeMentions();
  const match = MENTION_QUERY.exec(mentionField.value.slice(0, caret));
  if (!match) return closeMentions();
  const names = await loadMentionNames();
  // The reader may have typed on while the names came.
  if (mentionField.selectionStart !== caret) return undefined;
  const lang = document.documentElement.lang || undefined;
  const wanted = match[1].toLocaleLowerCase(lang);
  const found = names.filter((name) => name.toLocaleLowerCase(lang).startsWith(wanted)).slice(0, 8);
  if (!found.length || (found.length === 1 && found[0] === match[1])) return closeMentions();
  const list = ensureMentionList();
  const wasOpen = !list.hidden;
  mentionQuery = { start: caret - match[1].length - 1, end: caret };
  mentionOptions = found.map((name, i) => {
    const option = document.createElement("li");
    option.id = `comment-body-mention-${i}`;
    option.setAttribute("role", "option");
    option.textContent = name;
    option.dataset.name = name;
    return option;
  });
  list.replaceChildren(...mentionOptions);
  list.hidden = false;
  mentionField.setAttribute("aria-controls", list.id);
  setActiveMention(0);
  if (!wasOpen) announce(counted("msgNames", found.length));
  return undefined;
}

function chooseMention(index) {
  const option = mentionOptions[index];
  if (!option || !mentionQuery) return;
  const { start, end } = mentionQuery;
  const text = `@${asMarkdown(option.dataset.name)} `;
  mentionField.setRangeText(text, start, end, "end");
  closeMentions();
  mentionField.focus();
}

mentionField?.addEventListener("input", () => { offerMentions(); });
mentionField?.addEventListener("blur", closeMentions);
mentionField?.addEventListener("keydown", (event) => {
  if (!mentionList || mentionList.hidden) return;
  const moves = { ArrowDown: 1, ArrowUp: -1 };
  if (event.key in moves) {
    setActiveMention(mentionActive + moves[event.key]);
  } else if (event.key === "Enter" || event.key === "Tab") {
    chooseMention(mentionActive);
  } else if (event.key === "Escape") {
    closeMentions();
  } else {
    return;
  }
  // Handled here: no new line, no leaving the field, and Escape does not also cancel
  // the reply the form may be open for.
  event.preventDefault();
  event.stopPropagation();
});
// A caret moved by mouse or by Home/End leaves the name being typed.
mentionField?.addEventListener("click", closeMentions);

// A mention of a comment on this page scrolls to it; one on another page follows the
// permalink, which finds that page.
section.addEventListener("click", (event) => {
  const link = event.target.closest("a.mention");
  if (!link || event.defaultPrevented || event.metaKey || event.ctrlKey) return;
  const target = document.getElementById(new URL(link.href).hash.slice(1));
  if (!target) return;
  event.preventDefault();
  target.setAttribute("tabindex", "-1");
  target.focus({ preventScroll: true });
  target.scrollIntoView({ behavior: scrollBehavior(), block: "start" });
  history.replaceState(null, "", `#${target.id}`);
});
