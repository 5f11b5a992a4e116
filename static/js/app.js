// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // A form that comes back with errors moves the focus to its summary, so that screen-reader
  // and keyboard users hear what went wrong first (the GOV.UK error summary pattern).
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // A table wider than its box says so above it, in words, while it is (the shadow at its edge
  // is the cue without script). The text comes translated from the page (base.html).
  const hint = document.body.dataset.scrollHint;
  const boxes = document.querySelectorAll(".table-responsive");
  const mark = () => {
    boxes.forEach((box) => {
      const wide = box.scrollWidth > box.clientWidth + 1;
      let line = box.previousElementSibling;
      if (!line || !line.classList.contains("table-scroll-hint")) {
        if (!wide || !hint) {
          return;
        }
        line = document.createElement("p");
        line.className = "table-scroll-hint";
        line.textContent = hint;
        box.before(line);
      }
      line.hidden = !wide;
    });
  };
  if (boxes.length) {
    mark();
    window.addEventListener("resize", mark);
  }
});
