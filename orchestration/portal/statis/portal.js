// While a file is uploaded and checked (a few seconds on a slow connection), say so and prevent a second click.
document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("button[data-tunggu]");
  if (button) { button.disabled = true; button.textContent = button.getAttribute("data-tunggu"); }
});
