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

  function post(seconds) {
    var data = new FormData();
    data.append("seconds", String(seconds));
    data.append("csrfmiddlewaretoken", token);
    var queued = false;
    if (navigator.sendBeacon) {
      try { queued = navigator.sendBeacon(url, data); } catch (e) { queued = false; }
    }
    if (!queued && window.fetch) {
      fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
  }

  function send() {
    collect();
    var seconds = Math.round(pending / 1000);
    if (seconds <= 0) return;
    // The rounding difference carries over to the next report.
    pending -= seconds * 1000;
    post(seconds);
  }

  // "0 seconds" tells the server the lesson was opened (first view, where to resume).
  post(0);

  function stop() {
    send();
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
