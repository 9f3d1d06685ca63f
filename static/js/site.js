// Loaded before the page is drawn: with JavaScript, menus fold away and open on demand
// (muhandis.css shows them all when this never runs).
document.documentElement.classList.remove("no-js");
