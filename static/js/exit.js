/* Leave this site quickly: the link works without JavaScript; with it, the page is replaced
   so the back button does not return here, and pressing Shift three times does the same. */
(function () {
  "use strict";
  var link = document.querySelector("[data-exit-this-page]");
  if (!link) { return; }
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.body.classList.add("exit-this-page--leaving");
    window.location.replace(link.href);
  }
  link.addEventListener("click", leave);
  var presses = 0, timer = null;
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1000);
    if (presses >= 3) { leave(); }
  });
})();
