// The site menu folds behind a "Menu" button on a phone. Without this script the menu simply
// stays open (the button only shows once the script has marked the page with .js-menu).
(function () {
  const button = document.querySelector(".menu-toggle");
  if (!button) return;
  document.documentElement.classList.add("js-menu");
  button.addEventListener("click", function () {
    const open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
})();
