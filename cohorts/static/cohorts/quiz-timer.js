// Countdown for a timed quiz attempt. The server keeps the real time limit;
// this only shows the time left and submits the form when it runs out.
(function () {
  "use strict";
  var timer = document.getElementById("quiz-timer");
  if (!timer) return;
  var out = timer.querySelector("[data-countdown]");
  var form = document.querySelector("main form[method=post]");
  var endsAt = Date.now() + parseInt(timer.dataset.secondsLeft, 10) * 1000;
  var submitted = false;
  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    var minutes = Math.floor(left / 60);
    var seconds = String(left % 60).padStart(2, "0");
    out.textContent = minutes + ":" + seconds;
    if (left <= 60) timer.setAttribute("aria-live", "polite");
    if (left === 0 && form && !submitted) {
      submitted = true;
      form.submit();
      return;
    }
    window.setTimeout(tick, 1000);
  }
  if (form) form.addEventListener("submit", function () { submitted = true; });
  keepAnswers(form);
  tick();

  // Answers typed while the clock runs survive a reload (in this tab only):
  // saved on every change, restored on load, dropped once submitted.
  function keepAnswers(form) {
    if (!form || !window.sessionStorage) return;
    var key = "quiz-answers:" + window.location.pathname;
    function fields() {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "submit";
      });
    }
    function save() {
      var state = {};
      fields().forEach(function (el) {
        if (el.type === "radio" || el.type === "checkbox") {
          if (el.checked) (state[el.name] = state[el.name] || []).push(el.value);
        } else {
          state[el.name] = [el.value];
        }
      });
      try { sessionStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* full */ }
    }
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { saved = null; }
    if (saved) {
      fields().forEach(function (el) {
        var values = saved[el.name];
        if (!values) return;
        if (el.type === "radio" || el.type === "checkbox") {
          el.checked = values.indexOf(el.value) !== -1;
        } else if (!el.value) {
          el.value = values[0];
        }
      });
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    form.addEventListener("submit", function () { sessionStorage.removeItem(key); });
  }
})();
