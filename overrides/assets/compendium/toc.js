/*
 * Material lights the last section of the table of contents whenever the foot
 * of the page is in view, which on a page shorter than the window is from the
 * start: its last section ("Source") marked as the one being read while the
 * reader is at the title. On a page that fits in the window no section is
 * marked (compendium.css, .cmp-page-fits); longer pages keep Material's marks.
 */
(function () {
  "use strict";

  var root = document.documentElement;
  function update() {
    root.classList.toggle("cmp-page-fits", root.scrollHeight <= window.innerHeight + 1);
  }
  update();
  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();
