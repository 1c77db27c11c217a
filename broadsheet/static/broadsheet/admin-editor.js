// The article body editor: a Markdown toolbar, a word count and a live preview that the
// server renders with the same renderer as the published page (POST, with CSRF).
// No build step: a plain script, its labels from data-* attributes (translated).
(function () {
  "use strict";
  var script = document.getElementById("editor-script");
  var body = document.getElementById("id_body");
  if (!script || !body) return;
  var labels = script.dataset;
  var form = body.form;
  var csrf = form && form.querySelector("input[name=csrfmiddlewaretoken]");

  // [label, before, after, placeholder]; a line prefix when after is null.
  var actions = [
    [labels.bold, "**", "**", "Text"],
    [labels.italic, "*", "*", "Text"],
    [labels.heading, "## ", null, ""],
    [labels.link, "[", "](https://)", "Text"],
    [labels.quote, "> ", null, ""],
    [labels.list, "- ", null, ""],
    [labels.question, "[[", "|?]]", "Passage"],
  ];

  function apply(before, after, placeholder) {
    var start = body.selectionStart, end = body.selectionEnd;
    var value = body.value, chosen = value.slice(start, end);
    var inserted;
    if (after === null) {
      var lineStart = value.lastIndexOf("\n", start - 1) + 1;
      body.value = value.slice(0, lineStart) + before + value.slice(lineStart);
      body.setSelectionRange(start + before.length, end + before.length);
    } else {
      inserted = before + (chosen || placeholder) + after;
      body.value = value.slice(0, start) + inserted + value.slice(end);
      body.setSelectionRange(start + before.length, start + before.length + (chosen || placeholder).length);
    }
    body.focus();
    body.dispatchEvent(new Event("input", { bubbles: true }));
  }

  var toolbar = document.createElement("div");
  toolbar.className = "md-toolbar";
  toolbar.setAttribute("role", "toolbar");
  actions.forEach(function (action) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = action[0];
    button.addEventListener("click", function () { apply(action[1], action[2], action[3]); });
    toolbar.appendChild(button);
  });
  body.parentNode.insertBefore(toolbar, body);

  var words = document.createElement("p");
  words.className = "md-words";
  words.setAttribute("aria-live", "polite");
  var heading = document.createElement("h3");
  heading.textContent = labels.preview;
  var preview = document.createElement("div");
  preview.className = "md-preview";
  preview.id = "body-preview";
  var after = body.nextSibling;
  [words, heading, preview].forEach(function (node) { body.parentNode.insertBefore(node, after); });

  function showWords(count) {
    words.textContent = count === 1 ? labels.wordsOne : labels.words.replace("%(count)s", count);
  }

  var timer = null, sent = null;
  function refresh() {
    if (body.value === sent) return;
    sent = body.value;
    var data = new FormData();
    data.append("body", body.value);
    fetch(labels.previewUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (json) {
        // Sanitised on the server by the article renderer: the same HTML readers get.
        preview.innerHTML = json.html;
        showWords(json.words);
      })
      .catch(function () { preview.textContent = labels.previewFailed; sent = null; });
  }
  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
  refresh();
})();
