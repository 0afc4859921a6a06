/* The attendance grid (trainers/session_detail.html). Without this script the grid is a plain
   form of radio buttons; with it: Up/Down move to the same choice in the next learner's row
   (Left/Right stay the browser's, within a row), P/A/E mark the focused learner and move on,
   the counts follow the choices, and leaving with unsaved marks asks first. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-attendance-grid]");
  if (!form) return;
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-attendance-row]"));
  var summary = document.querySelector("[data-attendance-summary]");
  var shortcuts = { p: "present", a: "absent", e: "excused" };
  var dirty = false;

  function radio(row, value) {
    return row.querySelector('input[type="radio"][value="' + value + '"]');
  }

  function checked(row) {
    return row.querySelector('input[type="radio"]:checked');
  }

  function focusRow(index, value) {
    if (index < 0 || index >= rows.length) return;
    var row = rows[index];
    var target = (value && radio(row, value)) || checked(row) ||
      row.querySelector('input[type="radio"]');
    if (target) {
      target.focus();
      if (target.scrollIntoView) target.scrollIntoView({ block: "nearest" });
    }
  }

  function update() {
    var counts = { present: 0, absent: 0, excused: 0, unmarked: 0 };
    rows.forEach(function (row) {
      var input = checked(row);
      counts[input ? input.value : "unmarked"] += 1;
      row.classList.toggle("attendance-row--unmarked", !input);
    });
    if (!summary) return;
    Object.keys(counts).forEach(function (key) {
      var cell = summary.querySelector('[data-count="' + key + '"]');
      if (cell) cell.textContent = String(counts[key]);
    });
  }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var row = input.closest("[data-attendance-row]");
    var index = rows.indexOf(row);
    if (index < 0) return;
    var value = shortcuts[(event.key || "").toLowerCase()];
    if (value) {
      event.preventDefault();
      var choice = radio(row, value);
      if (choice && !choice.checked) {
        choice.checked = true;
        dirty = true;
        update();
      }
      // Move on, so a whole session can be marked with one key per learner.
      if (index + 1 < rows.length) focusRow(index + 1, value);
      else if (choice) choice.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      // Browsers move within the radio group on Up/Down; in a grid, rows are the learners.
      event.preventDefault();
      focusRow(index + (event.key === "ArrowDown" ? 1 : -1), input.value);
    }
  });

  form.addEventListener("change", function () {
    dirty = true;
    update();
  });

  var fill = form.querySelector("[data-fill]");
  if (fill) {
    fill.addEventListener("click", function () {
      // Shows what the server will do with this button: learners left without a choice
      // become present; choices already made stay.
      rows.forEach(function (row) {
        if (!checked(row)) {
          var choice = radio(row, fill.getAttribute("data-fill"));
          if (choice) choice.checked = true;
        }
      });
      update();
    });
  }

  form.addEventListener("submit", function () {
    dirty = false;
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
