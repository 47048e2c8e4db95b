// Progress of an htmx file upload: a form with data-upload-progress (the id of a <progress>) and
// data-upload-status (the id of the element that says what happens) shows how much of the file is
// sent, then that the server is working on it. Without JavaScript the form is a plain post.
(function () {
  function uploadForm(event) {
    var element = event.target;
    return element && element.closest ? element.closest("form[data-upload-progress]") : null;
  }

  function parts(form) {
    return {
      bar: document.getElementById(form.getAttribute("data-upload-progress")),
      status: document.getElementById(form.getAttribute("data-upload-status"))
    };
  }

  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = uploadForm(event);
    if (!form || !event.detail.lengthComputable) {
      return;
    }
    var found = parts(form);
    if (!found.bar) {
      return;
    }
    if (event.detail.loaded < event.detail.total) {
      found.bar.max = event.detail.total;
      found.bar.value = event.detail.loaded;
    } else {
      found.bar.removeAttribute("value"); // sent: the server checks and imports (no measure of that)
      if (found.status) {
        found.status.textContent = form.getAttribute("data-sent-text");
      }
    }
  });

  // An answer htmx does not swap (a file over the size limit answers 413): say so in the form.
  document.addEventListener("htmx:responseError", function (event) {
    var form = uploadForm(event);
    if (!form) {
      return;
    }
    var found = parts(form);
    var message = document.createElement("p");
    message.className = "error";
    message.setAttribute("role", "alert");
    message.textContent = form.getAttribute("data-failed-text");
    form.appendChild(message);
  });
})();
