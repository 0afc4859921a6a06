// "Copy link" buttons (certificate sharing): each copies the read-only field it names. Without
// this script the buttons stay hidden and the field holds the link to select and copy.
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var status = button.closest(".share__copy").querySelector("[data-copy-status]");
    field.addEventListener("focus", function () { field.select(); });
    button.hidden = false;
    button.addEventListener("click", function () {
      var done = function () { if (status) status.textContent = button.getAttribute("data-copied"); };
      var fallback = function () {
        field.focus();
        field.select();
        try { if (document.execCommand("copy")) done(); } catch (error) { /* the field stays selected */ }
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, fallback);
      } else {
        fallback();
      }
    });
  });
})();
