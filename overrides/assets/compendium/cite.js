/*
 * "Cite this page" (overrides/compendium/cite.html): put the reader's own date
 * of access in the citation, show the copy button and copy the citation's
 * text when it is pressed. Works from disk too (the offline copy): where the
 * asynchronous clipboard is refused, the text is selected and copied the old
 * way; where that fails as well, it stays selected and the reader is told.
 */
(function () {
  "use strict";

  var button = document.querySelector("[data-cmp-copy]");
  if (!button) return;
  var text = document.getElementById(button.getAttribute("data-cmp-copy"));
  var status = button.parentNode.querySelector("[role=status]");
  if (!text) return;

  var accessed = text.querySelector("[data-cmp-accessed]");
  if (accessed && window.Intl) {
    try {
      var today = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
                                          { dateStyle: "long" }).format(new Date());
      accessed.textContent = accessed.getAttribute("data-cmp-accessed").replace("{date}", today);
    } catch (error) { /* an unknown language: keep the build's date */ }
  }

  function citation() { return text.textContent.replace(/\s+/g, " ").trim(); }

  function say(message) { if (status) status.textContent = message; }

  function selectText() {
    var range = document.createRange();
    range.selectNodeContents(text);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection;
  }

  function copyBySelection() {
    var selection = selectText();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    if (copied) selection.removeAllRanges();
    return copied;
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    var done = function () { say(button.getAttribute("data-cmp-copied")); };
    var fallback = function () {
      if (copyBySelection()) done();
      else say(button.getAttribute("data-cmp-failed"));
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(citation()).then(done, fallback);
    } else {
      fallback();
    }
  });
})();
