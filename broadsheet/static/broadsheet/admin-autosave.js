// Autosave of the article form's text fields into the editor's own slot, every few
// seconds while they type. No revision is made; an explicit save turns it into one.
(function () {
  "use strict";
  var script = document.getElementById("autosave-script");
  var form = document.getElementById("article_form");
  if (!script || !form) return;
  var names = ["title", "kicker", "dateline", "dek", "body"];
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
  var status = document.createElement("p");
  status.className = "help autosave-status";
  status.setAttribute("role", "status");
  form.prepend(status);
  var dirty = false;
  form.addEventListener("input", function (event) {
    if (names.indexOf(event.target.name) !== -1) dirty = true;
  });
  function save() {
    if (!dirty) return;
    dirty = false;
    var data = new FormData();
    names.forEach(function (name) {
      var field = form.elements[name];
      if (field) data.append(name, field.value);
    });
    fetch(script.dataset.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf ? csrf.value : "" },
    })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (json) {
        status.textContent = script.dataset.saved + " " + new Date(json.saved_at).toLocaleTimeString();
      })
      .catch(function () {
        dirty = true;
        status.textContent = script.dataset.failed;
      });
  }
  window.setInterval(save, 5000);
})();
