/* Reports how long a lesson is visible. Hidden time (another tab, a locked phone) is not
   counted. Read once: marking the lesson complete replaces the element. */
(function () {
  "use strict";
  var box = document.querySelector("#lesson-actions[data-beacon-url]");
  if (!box) return;
  var url = box.getAttribute("data-beacon-url");
  var token = box.getAttribute("data-csrf") || "";
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var pending = 0; // milliseconds of visible time not yet reported

  function collect() {
    if (visibleSince !== null) {
      var now = Date.now();
      pending += now - visibleSince;
      visibleSince = now;
    }
  }

  // While the minimum reading time runs, reports go by fetch so that the answer (how long
  // is left) can enable "Mark as complete"; the server refuses it until then anyway.
  function waiting() {
    return document.querySelector("#lesson-actions button[data-reading-wait]");
  }

  function update(answer) {
    var button = waiting();
    if (!button || !answer || typeof answer.wait !== "number") return;
    var note = document.querySelector("#lesson-actions p[data-reading-wait]");
    if (answer.wait <= 0) {
      button.disabled = false;
      button.removeAttribute("data-reading-wait");
      button.removeAttribute("aria-describedby");
      if (note) note.parentNode.removeChild(note);
    } else if (note && answer.message) {
      note.textContent = answer.message;
    }
  }

  function post(seconds, unloading) {
    var data = new FormData();
    data.append("seconds", String(seconds));
    data.append("csrfmiddlewaretoken", token);
    if (!unloading && waiting() && window.fetch) {
      fetch(url, { method: "POST", body: data, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(update)
        .catch(function () {});
      return;
    }
    var queued = false;
    if (navigator.sendBeacon) {
      try { queued = navigator.sendBeacon(url, data); } catch (e) { queued = false; }
    }
    if (!queued && window.fetch) {
      fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
  }

  function send(unloading) {
    collect();
    var seconds = Math.round(pending / 1000);
    if (seconds <= 0) return;
    // The rounding difference carries over to the next report.
    pending -= seconds * 1000;
    post(seconds, unloading);
  }

  // "0 seconds" tells the server the lesson was opened (first view, where to resume).
  post(0);

  function stop() {
    send(true);
    visibleSince = null;
  }

  setInterval(function () {
    if (document.visibilityState === "visible") send();
  }, 15000);

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      if (visibleSince === null) visibleSince = Date.now();
    } else {
      stop();
    }
  });
  window.addEventListener("pagehide", stop);
  // Back from the back-forward cache: count from now.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.visibilityState === "visible") visibleSince = Date.now();
  });
})();
