/* Counselor sessions end after 30 idle minutes. Without JavaScript the bar says so and offers
   "Stay signed in". With it, two minutes before the end a warning appears, takes the focus and
   lets the person stay signed in without leaving the page (WCAG 2.2.1, Timing Adjustable). */
(function () {
  "use strict";
  var box = document.querySelector(".session-timeout[data-seconds-left]");
  if (!box) { return; }
  var form = box.querySelector("form");
  var warning = box.querySelector(".session-timeout__warning");
  var button = box.querySelector(".session-timeout__extend");
  var WARN_BEFORE = 120;
  var timer = null;
  function schedule(secondsLeft) {
    clearTimeout(timer);
    warning.hidden = true;
    timer = setTimeout(function () {
      warning.hidden = false;
      button.focus();
    }, Math.max(0, secondsLeft - WARN_BEFORE) * 1000);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 204) {
        schedule(parseInt(box.getAttribute("data-idle-seconds"), 10));
      } else {
        form.submit();  /* the session has ended: the server says what to do */
      }
    };
    request.send(new FormData(form));
  });
  schedule(parseInt(box.getAttribute("data-seconds-left"), 10));
}());
