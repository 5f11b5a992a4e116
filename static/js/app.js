// Small enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // A form that comes back with errors moves the focus to its summary, so that screen-reader
  // and keyboard users hear what went wrong first (the GOV.UK error summary pattern).
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
