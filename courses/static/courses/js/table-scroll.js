// Shows the "scroll sideways" hint of a table only while the table is wider
// than its region. Without JavaScript the hint shows on narrow screens (CSS).
(function () {
  "use strict";
  var boxes = document.querySelectorAll("[data-table-scroll]");
  if (!boxes.length) { return; }
  function measure() {
    boxes.forEach(function (box) {
      var region = box.querySelector(".table-wrap");
      box.classList.add("is-measured");
      box.classList.toggle("is-overflowing", region.scrollWidth > region.clientWidth + 1);
    });
  }
  measure();
  window.addEventListener("resize", measure);
})();
