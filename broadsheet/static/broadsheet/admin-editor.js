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
  if (labels.pickerUrl) toolbar.appendChild(imagePicker());
  body.parentNode.insertBefore(toolbar, body);

  // "Image": a modal dialog listing the media library (GET, JSON). Arrow keys move
  // between the pictures, Enter chooses one, Escape closes; focus returns to the text.
  function imagePicker() {
    var opener = document.createElement("button");
    opener.type = "button";
    opener.textContent = labels.image;
    opener.setAttribute("aria-haspopup", "dialog");
    var dialog = document.createElement("dialog");
    dialog.className = "md-picker";
    dialog.setAttribute("aria-labelledby", "md-picker-title");
    var title = document.createElement("h2");
    title.id = "md-picker-title";
    title.textContent = labels.pickerTitle;
    var search = document.createElement("input");
    search.type = "search";
    search.className = "md-picker__search";
    search.setAttribute("aria-label", labels.pickerSearch);
    search.placeholder = labels.pickerSearch;
    var status = document.createElement("p");
    status.className = "md-picker__status";
    status.setAttribute("aria-live", "polite");
    var list = document.createElement("ul");
    list.className = "md-picker__list";
    var more = document.createElement("button");
    more.type = "button";
    more.textContent = labels.pickerMore;
    more.hidden = true;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "md-picker__close";
    close.textContent = labels.pickerClose;
    [title, search, status, list, more, close].forEach(function (n) { dialog.appendChild(n); });
    document.body.appendChild(dialog);

    var page = 1, request = 0, searchTimer = null;
    function load(reset) {
      if (reset) { page = 1; list.textContent = ""; }
      var mine = ++request;
      var url = labels.pickerUrl + "?" + new URLSearchParams({ q: search.value, page: page });
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (json) {
          if (mine !== request) return; // an older search answering late
          json.results.forEach(function (image) { list.appendChild(option(image)); });
          status.textContent = list.children.length ? "" : labels.pickerNone;
          more.hidden = !json.has_next;
        })
        .catch(function () { if (mine === request) status.textContent = labels.pickerFailed; });
    }
    function option(image) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-picker__option";
      button.dataset.markdown = image.markdown;
      if (image.thumbnail) {
        var img = document.createElement("img");
        img.src = image.thumbnail;
        img.alt = "";
        button.appendChild(img);
      }
      var text = document.createElement("span");
      text.textContent = image.caption || image.alt;
      button.appendChild(text);
      if (image.credit) {
        var credit = document.createElement("small");
        credit.textContent = image.credit;
        button.appendChild(credit);
      }
      button.setAttribute("aria-label", [image.alt, image.caption, image.credit].filter(Boolean).join(" – "));
      button.addEventListener("click", function () { choose(image.markdown); });
      item.appendChild(button);
      return item;
    }
    function choose(markdown) {
      dialog.close();
      // A line of its own, as the renderer wants it.
      var start = body.selectionStart, value = body.value;
      var before = value.slice(0, start), rest = value.slice(body.selectionEnd);
      var lead = before === "" ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
      var tail = rest.startsWith("\n\n") ? "" : rest.startsWith("\n") ? "\n" : "\n\n";
      body.value = before + lead + markdown + tail + rest;
      var caret = (before + lead + markdown).length;
      body.setSelectionRange(caret, caret);
      body.focus();
      body.dispatchEvent(new Event("input", { bubbles: true }));
    }
    list.addEventListener("keydown", function (event) {
      var options = Array.prototype.slice.call(list.querySelectorAll(".md-picker__option"));
      var at = options.indexOf(document.activeElement);
      var to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: options.length - 1 }[event.key];
      if (to === undefined || at < 0) return;
      event.preventDefault();
      if (to < 0) search.focus();
      else options[Math.min(to, options.length - 1)].focus();
    });
    search.addEventListener("keydown", function (event) {
      var first = list.querySelector(".md-picker__option");
      if (event.key === "ArrowDown" && first) { event.preventDefault(); first.focus(); }
      // A search field would only clear itself on the first Escape: close at once.
      if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
    });
    search.addEventListener("input", function () {
      window.clearTimeout(searchTimer);
      searchTimer = window.setTimeout(function () { load(true); }, 250);
    });
    more.addEventListener("click", function () { page += 1; load(false); });
    close.addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("close", function () { if (document.activeElement === document.body) body.focus(); });
    opener.addEventListener("click", function () {
      dialog.showModal();
      search.value = "";
      search.focus();
      load(true);
    });
    return opener;
  }

  var words = document.createElement("p");
  words.className = "md-words";
  words.setAttribute("aria-live", "polite");
  var heading = document.createElement("h3");
  heading.textContent = labels.preview;
  var preview = document.createElement("div");
  preview.className = "md-preview";
  preview.id = "body-preview";
  var missingNote = document.createElement("p");
  missingNote.className = "md-missing";
  missingNote.setAttribute("role", "status");
  missingNote.hidden = true;
  var after = body.nextSibling;
  [words, missingNote, heading, preview].forEach(function (node) { body.parentNode.insertBefore(node, after); });

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
        var missing = json.missing_images || [];
        missingNote.hidden = !missing.length;
        missingNote.textContent = labels.missingImages.replace("%(ids)s", missing.join(", "));
      })
      .catch(function () { preview.textContent = labels.previewFailed; sent = null; });
  }
  body.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 400);
  });
  refresh();
})();
