// Gives each browser tab sitting an exam its own id, kept in sessionStorage: a reload keeps
// it, another tab or another device gets another. The id goes with the start (hidden inputs
// marked data-exam-device) and, as the X-Exam-Device header, with every answer saved through
// htmx. The server logs saves from a second tab or device for the invigilator and tells the
// candidate.
(function () {
  var KEY = "muhandis-exam-device";

  function newId() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map
      .call(bytes, function (b) {
        return (b < 16 ? "0" : "") + b.toString(16);
      })
      .join("");
  }

  function stored() {
    try {
      return window.sessionStorage.getItem(KEY);
    } catch (error) {
      return null; // storage turned off: the id lasts as long as the page
    }
  }

  function keep(id) {
    try {
      window.sessionStorage.setItem(KEY, id);
    } catch (error) {
      // storage turned off: nothing to keep
    }
  }

  var id = stored() || newId();
  keep(id);

  function fill() {
    document.querySelectorAll("input[data-exam-device]").forEach(function (input) {
      input.value = id;
    });
  }

  fill();
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Exam-Device"] = id;
  });

  // "Duplicate tab" copies sessionStorage, so the copy starts with its parent's id. Ask the
  // other tabs whether one of them already has this id, and take a new one if so.
  if (!("BroadcastChannel" in window)) return;
  var channel = new BroadcastChannel(KEY);
  var asking = newId();
  channel.onmessage = function (event) {
    var message = event.data || {};
    if (message.type === "who-has" && message.id === id) {
      channel.postMessage({ type: "taken", id: id, asking: message.asking });
    } else if (message.type === "taken" && message.asking === asking && message.id === id) {
      id = newId();
      keep(id);
      fill();
    }
  };
  channel.postMessage({ type: "who-has", id: id, asking: asking });
})();
