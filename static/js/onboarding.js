// Onboarding: when a form comes back with errors, move the focus to the error summary, so a
// screen reader reads it first and a keyboard user starts from its links to the fields.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
