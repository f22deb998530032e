// Instant, ungraded feedback for knowledge checks. Without JavaScript the
// answer stays available in the <details> element under each question.
(function () {
  "use strict";
  document.querySelectorAll("[data-knowledge-check]").forEach(function (form) {
    var feedback = form.querySelector(".feedback");
    var details = form.querySelector("details");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = form.querySelector("input[type=radio]:checked");
      if (!chosen) {
        feedback.textContent = form.dataset.msgChoose;
        feedback.className = "feedback";
        return;
      }
      var correct = chosen.dataset.correct === "true";
      feedback.textContent = correct ? form.dataset.msgCorrect : form.dataset.msgWrong;
      feedback.className = "feedback " + (correct ? "feedback--ok" : "feedback--bad");
      if (correct && details) { details.open = true; }
    });
  });
})();
