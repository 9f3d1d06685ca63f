// Typesets the formulas in every element with the class "js-math". Texts write them in TeX:
// \( ... \) inside a line, \[ ... \] on a line of their own.
//
// KaTeX is asked for MathML only (output: "mathml"), which the browser draws itself. Why not
// KaTeX's usual HTML output: it places every glyph with inline style attributes, and the site's
// Content Security Policy (style-src 'self', no 'unsafe-inline') is meant to refuse inline
// styles. MathML needs no inline style and no web font, and screen readers read it as
// mathematics rather than as a string of letters. Chromium (109 and later), Firefox and Safari
// render MathML natively.
//
// A formula KaTeX cannot read is left as it was written (throwOnError with a quiet callback),
// so the reader still sees the TeX rather than an error box.
//
// Pages that want formulas load, in this order: vendor/katex-*/katex.min.css, katex.min.js,
// contrib/auto-render.min.js, then this file.
(function () {
  var options = {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    output: "mathml",
    throwOnError: true,
    errorCallback: function () {},
    trust: false,
  };

  function typeset(root) {
    if (typeof window.renderMathInElement !== "function" || !root) return;
    var found = [];
    if (root.classList && root.classList.contains("js-math")) found.push(root);
    if (root.querySelectorAll) {
      found = found.concat(Array.prototype.slice.call(root.querySelectorAll(".js-math")));
    }
    found.forEach(function (element) {
      window.renderMathInElement(element, options);
    });
  }

  typeset(document.body);
  // Content that htmx swaps in later gets its formulas too.
  document.addEventListener("htmx:afterSettle", function (event) {
    typeset(event.target);
  });
})();
