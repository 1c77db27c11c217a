// The admin's live slug preview (Django's URLify) drops the dots of umlauts
// ("Pläne für" → "plane-fur"); German spells them out, as german_slugify() does on
// the server (broadsheet/publishing/slugs.py): "plaene-fuer".
(function () {
    "use strict";
    const spelled = {ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss", ẞ: "SS"};
    const urlify = window.URLify;
    if (typeof urlify !== "function") {
        return;
    }
    window.URLify = function (text, numChars, allowUnicode) {
        const german = String(text).replace(/[äöüÄÖÜßẞ]/g, (letter) => spelled[letter]);
        return urlify(german, numChars, allowUnicode);
    };
})();
