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
  tick();
})();
