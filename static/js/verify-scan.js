// Reads the QR code on a certificate with the camera, where the browser can (the built-in
// BarcodeDetector), and sends its number with the verification form. Without it, or without
// JavaScript, the form is typed into as before: nothing here is needed to verify.
(function () {
  "use strict";

  function numberFrom(text) {
    // The QR code holds the verification address …/verify/<number>; accept a bare number too.
    var raw = String(text || "").trim();
    var match = raw.match(/\/verify\/([^/?#\s]+)/);
    try {
      return decodeURIComponent(match ? match[1] : raw);
    } catch (error) {
      return raw;
    }
  }

  function setUp(form) {
    var box = form.querySelector("[data-scan]");
    var start = box.querySelector("[data-scan-start]");
    var stop = box.querySelector("[data-scan-stop]");
    var status = box.querySelector("[data-scan-status]");
    var video = box.querySelector("[data-scan-video]");
    var input = form.querySelector("input[name=number]");
    var stream = null;
    var timer = null;

    function say(key) {
      status.textContent = box.dataset[key] || "";
    }

    function halt(message) {
      if (timer) window.clearTimeout(timer);
      timer = null;
      if (stream) stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
      video.hidden = true;
      stop.hidden = true;
      start.hidden = false;
      if (message) say(message);
    }

    function look(detector) {
      detector.detect(video).then(function (codes) {
        if (!stream) return;
        if (codes.length) {
          input.value = numberFrom(codes[0].rawValue);
          say("msgFound");
          halt("");
          form.requestSubmit ? form.requestSubmit() : form.submit();
          return;
        }
        timer = window.setTimeout(function () { look(detector); }, 250);
      }, function () {
        timer = window.setTimeout(function () { look(detector); }, 500);
      });
    }

    start.addEventListener("click", function () {
      say("msgStarting");
      window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf("qr_code") < 0) throw new Error("unsupported");
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        return navigator.mediaDevices
          .getUserMedia({ video: { facingMode: "environment" }, audio: false })
          .then(function (media) {
            stream = media;
            video.srcObject = media;
            video.hidden = false;
            start.hidden = true;
            stop.hidden = false;
            return video.play().then(function () {
              say("msgLooking");
              stop.focus();
              look(detector);
            });
          });
      }).catch(function (error) {
        halt(error && error.message === "unsupported" ? "msgUnsupported" : "msgDenied");
      });
    });
    stop.addEventListener("click", function () {
      halt("msgStopped");
      start.focus();
    });
    window.addEventListener("pagehide", function () { halt(""); });
    box.hidden = false;
  }

  function ready() {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices ||
        !navigator.mediaDevices.getUserMedia) {
      return; // the typed form is all there is
    }
    document.querySelectorAll("form[data-verify-form]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
