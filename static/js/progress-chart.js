/* Draws a cohort's completions per week with Chart.js (static/vendor/chartjs/), from the JSON
   the page renders with json_script — no inline script, as the Content Security Policy
   requires. The same numbers are in a table on the page, so without this script (or for a
   screen reader) nothing is lost. */
(function () {
  "use strict";
  var box = document.getElementById("progress-chart");
  var source = document.getElementById("progress-chart-data");
  if (!box || !source || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  if (!data.labels || !data.labels.length) return;
  box.hidden = false;
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  // A canvas draws with the fonts it is told and never asks for one: give Chart.js the page's
  // own families (Noto Sans with Devanagari and Bengali) and load the faces the labels need
  // first, or Hindi and Assamese dates come out as empty boxes.
  var family = window.getComputedStyle(document.body).fontFamily;
  window.Chart.defaults.font.family = family;
  var text = data.labels.concat([data.completionsLabel, data.cumulativeLabel]).join(" ");
  var fontsReady = document.fonts && document.fonts.load
    ? document.fonts.load("12px " + family, text)
    : Promise.resolve();
  fontsReady.catch(function () {}).then(draw);

  function draw() {
    new window.Chart(box.querySelector("canvas"), {
      data: {
        labels: data.labels,
        datasets: [
          {
            type: "bar",
            label: data.completionsLabel,
            data: data.completions,
            backgroundColor: "#8fb8de",
            yAxisID: "y"
          },
          {
            type: "line",
            label: data.cumulativeLabel,
            data: data.cumulative,
            borderColor: "#1f5f99",
            backgroundColor: "#1f5f99",
            pointRadius: 2,
            tension: 0,
            yAxisID: "y"
          }
        ]
      },
      options: {
        // Slow phones: no animation, and none at all for people who asked for less motion.
        animation: reduceMotion ? false : { duration: 300 },
        maintainAspectRatio: false,
        responsive: true,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
})();
