// The exam countdown. The server's clock decides: the page starts from the seconds the server
// said were left, and reloads when they run out (the server then hands the exam in).
(function () {
  var clock = document.querySelector("[data-seconds-left]");
  if (!clock) return;
  var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
  var started = Date.now();
  function show() {
    var remaining = Math.max(0, left - Math.floor((Date.now() - started) / 1000));
    var minutes = Math.floor(remaining / 60);
    var seconds = remaining % 60;
    clock.textContent = minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    if (remaining === 0) {
      window.location.reload();
      return;
    }
    window.setTimeout(show, 1000);
  }
  show();
})();
