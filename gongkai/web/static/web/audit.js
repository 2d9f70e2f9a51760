// Progressive enhancement only: the form works without this script.
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.audit-form");
  if (!form) return;
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    if (!button) return;
    button.textContent = "正在检查……";
    form.setAttribute("aria-busy", "true");
    // Disable after the submit has been queued so the button's value is still sent.
    setTimeout(function () { button.disabled = true; }, 0);
  });
});
