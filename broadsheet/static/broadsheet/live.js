// Broadsheet live threads: "3 new comments — show" while the article is open, and
// which comments are new since the reader's last visit. See discussion/live.py.
// Everything here is an addition: without this module the page is the same page.
//
// Configuration comes from the discussion section's data-* attributes:
//   data-live-url, data-live-seconds  where and how often to ask (absent: never)
//   data-live-count                   approved comments when the page was rendered
//   data-msg-live-one/-other          the notice, "{n}" standing for the number
//   data-msg-live-shown, data-msg-unread, data-msg-failed

const section = document.querySelector("[data-discussion]");
const thread = section?.querySelector("[data-thread]");

function announce(text) {
  const region = section.querySelector("[data-announce]");
  if (!region) return;
  region.textContent = "";
  // A fresh text node after a tick makes screen readers speak it again.
  setTimeout(() => { region.textContent = text; }, 50);
}

function commentsIn(root) {
  const found = [...(root.querySelectorAll?.(".comment[data-comment]") || [])];
  if (root.matches?.(".comment[data-comment]")) found.unshift(root);
  return found;
}

function commentId(node) {
  return Number(node.dataset.comment) || 0;
}

// What counts as somebody's comment a reader can read: not their own held one, not a
// "removed" placeholder.
function isPublished(node) {
  return !node.classList.contains("comment--pending") && !node.classList.contains("comment--removed");
}

function markUnread(node) {
  if (node.classList.contains("comment--unread")) return;
  node.classList.add("comment--unread");
  const label = document.createElement("span");
  label.className = "comment__unread visually-hidden";
  label.textContent = section.dataset.msgUnread || "New";
  const meta = node.querySelector(".comment__meta") || node;
  meta.prepend(label);
}

// --- New since the last visit: remembered in this browser only ---------------------------
//
// Per article: when the reader last opened it and the highest comment id they were shown.
// A comment is new when it was written after that visit *and* has a higher id: the time
// keeps comments the reader merely never paged to from counting as new, the id keeps a
// clock that runs behind the server's from marking what was already there.

const STORE = "broadsheet:seen:";
const KEPT_ARTICLES = 300;
const storeKey = `${STORE}${section?.dataset.article}`;
const visitAt = Date.now();

function lastVisit() {
  try {
    const seen = JSON.parse(localStorage.getItem(storeKey));
    const valid = Number.isSafeInteger(seen?.id) && seen.id >= 0 && Number.isFinite(seen.at);
    return valid ? seen : null;
  } catch {
    return null; // storage off (private mode, blocked) or garbled: a first visit
  }
}

function forgetOldestArticles() {
  const visits = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(STORE)) continue;
    let at = 0;
    try { at = Number(JSON.parse(localStorage.getItem(key))?.at) || 0; } catch { /* garbled */ }
    visits.push({ key, at });
  }
  visits.sort((a, b) => a.at - b.at);
  visits.slice(0, Math.max(0, visits.length - KEPT_ARTICLES)).forEach(({ key }) => localStorage.removeItem(key));
}

let highestSeen = 0;

function rememberVisit() {
  try {
    localStorage.setItem(storeKey, JSON.stringify({ id: highestSeen, at: visitAt }));
    forgetOldestArticles();
  } catch { /* storage full or off: the next visit is a first visit */ }
}

// The previous visit; null on the first, which marks nothing.
const previous = section ? lastVisit() : null;

function writtenAt(node) {
  const stamp = Date.parse(node.querySelector(".comment__time time")?.getAttribute("datetime"));
  return Number.isNaN(stamp) ? Infinity : stamp; // no time: the id alone decides
}

function isNewSinceLastVisit(node) {
  return previous !== null && commentId(node) > previous.id && writtenAt(node) > previous.at
    // The reader's own comment, just posted (comment--new), is not news to them.
    && !node.classList.contains("comment--new");
}

function noteComments(nodes) {
  let changed = false;
  nodes.filter(isPublished).forEach((node) => {
    if (isNewSinceLastVisit(node)) markUnread(node);
    const id = commentId(node);
    if (id > highestSeen) {
      highestSeen = id;
      changed = true;
    }
  });
  return changed;
}

// --- The live notice ------------------------------------------------------------------------

const pollUrl = section?.dataset.liveUrl;
const everyMs = (Number(section?.dataset.liveSeconds) || 0) * 1000;
const notice = section?.querySelector("[data-live-notice]");
const MAX_BACKOFF_MS = 10 * 60 * 1000;

let shown = Number(section?.dataset.liveCount) || 0; // approved comments the page holds
let latest = shown; // approved comments the server last reported
let failures = 0;
let retryAfterMs = 0;
let timer = null;
let polling = false;
let stopped = false;
let lastPoll = 0;
let announced = 0;

function noticeText(n) {
  const lang = document.documentElement.lang || "en";
  const form = new Intl.PluralRules(lang).select(n) === "one" ? "msgLiveOne" : "msgLiveOther";
  return (section.dataset[form] || "{n}").replace("{n}", n.toLocaleString(lang));
}

function showNotice() {
  const fresh = latest - shown;
  if (fresh <= 0) {
    notice.hidden = true;
    notice.replaceChildren();
    announced = 0;
    return;
  }
  let button = notice.querySelector("[data-live-show]");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "live-notice__show";
    button.dataset.liveShow = "";
    button.addEventListener("click", showNewComments);
    notice.replaceChildren(button);
  }
  button.textContent = noticeText(fresh);
  notice.hidden = false;
  if (fresh !== announced) {
    announced = fresh;
    announce(button.textContent);
  }
}

function nextDelay() {
  if (!failures) return everyMs;
  // Errors: twice as long each time (up to ten minutes), at least what the server asked.
  return Math.max(retryAfterMs, Math.min(everyMs * 2 ** failures, MAX_BACKOFF_MS));
}

function schedule(delay) {
  clearTimeout(timer);
  timer = null;
  if (stopped || document.hidden) return;
  // A little jitter, so readers who opened the page together do not ask together.
  timer = setTimeout(poll, delay * (0.9 + Math.random() * 0.2));
}

async function poll() {
  timer = null;
  if (stopped || polling || document.hidden) return;
  polling = true;
  lastPoll = performance.now();
  try {
    // No cookies: the answer is the same for everyone, and a shared cache may keep it.
    const response = await fetch(pollUrl, { credentials: "omit", headers: { Accept: "application/json" } });
    if (response.status === 410 || response.status === 404) {
      stopped = true; // unpublished, or polling switched off
      return;
    }
    if (!response.ok) {
      retryAfterMs = (Number(response.headers.get("Retry-After")) || 0) * 1000;
      throw new Error(String(response.status));
    }
    const body = await response.json();
    if (!Number.isSafeInteger(body.count)) throw new Error("no count");
    failures = 0;
    retryAfterMs = 0;
    latest = body.count;
    showNotice();
  } catch {
    failures += 1;
  } finally {
    polling = false;
    schedule(nextDelay());
  }
}

function threadUrl(params) {
  return `/discussion/${section.dataset.article}/thread/?${new URLSearchParams(params)}`;
}

async function showNewComments(event) {
  const button = event.currentTarget;
  const before = new Set(commentsIn(thread).map(commentId));
  const highestBefore = Math.max(highestSeen, ...before);
  const reported = latest;
  button.disabled = true;
  thread.setAttribute("aria-busy", "true");
  try {
    // The thread as this reader may see it (their permissions apply), newest first.
    const params = { sort: "newest", filter: "all" };
    const response = await fetch(threadUrl(params), {
      credentials: "same-origin", headers: { "X-Broadsheet-Fragment": "1" },
    });
    if (!response.ok) throw new Error(String(response.status));
    const template = document.createElement("template");
    template.innerHTML = (await response.text()).trim();
    thread.replaceChildren(template.content);
    for (const kind of ["sort", "filter"]) {
      section.querySelectorAll(`[data-${kind}]`).forEach((tab) =>
        tab.toggleAttribute("aria-current", tab.dataset[kind] === params[kind]));
    }
    section.querySelector(".discussion__restart")?.remove();
    history.replaceState(null, "", `?sort=newest#comments`);
    const added = commentsIn(thread).filter(
      (node) => isPublished(node) && !before.has(commentId(node)) && commentId(node) > highestBefore);
    added.forEach(markUnread);
    // What the page holds now: at least what the last answer said, and more when the
    // fragment brought comments approved since (the answer may be seconds old).
    shown = Math.max(reported, shown + added.length);
    showNotice();
    const first = added[0] || thread;
    first.setAttribute("tabindex", "-1");
    first.focus();
    announce(section.dataset.msgLiveShown);
  } catch {
    button.disabled = false;
    announce(section.dataset.msgFailed);
  } finally {
    thread.removeAttribute("aria-busy");
  }
}

function onVisibility() {
  if (document.hidden) {
    clearTimeout(timer); // a hidden tab asks nothing
    timer = null;
    return;
  }
  const waited = performance.now() - lastPoll;
  schedule(failures ? nextDelay() : Math.max(0, everyMs - waited));
}

// --- Start ------------------------------------------------------------------------------------

if (section && thread) {
  noteComments(commentsIn(thread));
  rememberVisit();
  // Comments that arrive later (load more, sorting, posting, "show") are noted the same way.
  new MutationObserver((records) => {
    const nodes = records.flatMap((record) => [...record.addedNodes].flatMap(commentsIn));
    // The reader's own comment, published at once, is counted by the server too.
    shown += nodes.filter((node) => node.classList.contains("comment--new") && isPublished(node)).length;
    if (noteComments(nodes)) rememberVisit();
    if (notice && pollUrl) showNotice();
  }).observe(thread, { childList: true, subtree: true });

  if (pollUrl && everyMs > 0 && notice) {
    document.addEventListener("visibilitychange", onVisibility);
    schedule(everyMs);
  }
}
