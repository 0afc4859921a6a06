/* Reports how long a lesson is visible. Hidden time (another tab, a locked phone) is not
   counted. A report goes every data-beacon-seconds of visible time (a minute: one request a
   minute per reader, not four), sooner when the minimum reading time runs out earlier, and
   once more when the page is hidden or left, so little is lost and "Mark as complete" is
   enabled on time. Read once: marking the lesson complete replaces the element. */
(function () {
  "use strict";
  var box = document.querySelector("#lesson-actions[data-beacon-url]");
  if (!box) return;
  var url = box.getAttribute("data-beacon-url");
  var token = box.getAttribute("data-csrf") || "";
  // The server never counts more than this in one report; more visible time waits for the next.
  var every = parseInt(box.getAttribute("data-beacon-seconds"), 10) || 60;
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var pending = 0; // milliseconds of visible time not yet reported
  // Seconds of reading time still to go while "Mark as complete" waits: the server's last
  // answer, less what was reported since (a report on hiding the page gets no answer).
  var left = null;
  var timer = null;

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
    if (!answer || typeof answer.wait !== "number") return;
    var button = waiting();
    if (!button) return;
    var note = document.querySelector("#lesson-actions p[data-reading-wait]");
    if (answer.wait <= 0) {
      button.disabled = false;
      button.removeAttribute("data-reading-wait");
      button.removeAttribute("aria-describedby");
      if (note) note.parentNode.removeChild(note);
      left = null;
    } else {
      if (note && answer.message) note.textContent = answer.message;
      left = answer.wait;
    }
    schedule();
  }

  // Seconds of visible time after which the next report goes: a full interval, or when the
  // reading time should be up if that is sooner (then the answer enables the button).
  function due() {
    return left === null ? every : Math.min(every, Math.max(1, left));
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
    var seconds = Math.min(Math.round(pending / 1000), every);
    if (seconds <= 0) return;
    // What is not reported (the rounding, anything over a report's most) goes with the next.
    pending -= seconds * 1000;
    if (left !== null) left -= seconds;
    post(seconds, unloading);
  }

  // The next report when due() seconds of visible time have gathered; none while hidden.
  function schedule() {
    clearTimeout(timer);
    timer = null;
    if (visibleSince === null) return;
    collect();
    // A quarter of a second over, so that the report rounds to the full due() seconds.
    timer = setTimeout(tick, Math.max(0, due() * 1000 - pending) + 250);
  }

  function tick() {
    timer = null;
    if (document.visibilityState === "visible") send();
    schedule();
  }

  // "0 seconds" tells the server the lesson was opened (first view, where to resume); its
  // answer says how much reading time is left.
  post(0);
  schedule();

  function stop() {
    send(true);
    visibleSince = null;
    schedule();
  }

  function resume() {
    if (visibleSince === null) visibleSince = Date.now();
    schedule();
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") resume();
    else stop();
  });
  window.addEventListener("pagehide", stop);
  // Back from the back-forward cache: count from now.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.visibilityState === "visible") {
      visibleSince = null;
      resume();
    }
  });
})();
