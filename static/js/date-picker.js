/* Date fields (dancoso.core.widgets.DatePickerInput, marked data-date-picker): a calendar from the vendored
   flatpickr, in Vietnamese. The date is still typed and sent as dd/mm/yyyy, the format the server reads
   first; without this file, or without JavaScript, the field is the same text box. Content swapped in by
   htmx gets its calendars too. */
(function () {
  "use strict";

  var SELECTOR = "input[data-date-picker]";
  var DAY_MONTH_YEAR = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  var ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

  function yearMonthDay(value) {
    var match = DAY_MONTH_YEAR.exec(value);
    if (match) {
      return [match[3], match[2], match[1]];
    }
    match = ISO.exec(value);
    return match ? [match[1], match[2], match[3]] : null;
  }

  /* A real day only: flatpickr's own parser turns 31/02/2026 into 3 March without a word. The server also
     reads yyyy-mm-dd, so the calendar does too. */
  function parseDate(text) {
    var parts = yearMonthDay(String(text).trim());
    if (!parts) {
      return undefined;
    }
    var year = Number(parts[0]);
    var month = Number(parts[1]) - 1;
    var day = Number(parts[2]);
    var date = new Date(year, month, day);
    var real = date.getFullYear() === year && date.getMonth() === month && date.getDate() === day;
    return real ? date : undefined;
  }

  var OPTIONS = {
    locale: "vn",
    dateFormat: "d/m/Y",
    parseDate: parseDate,
    // Screen readers read each day of the calendar as "5 Tháng ba 2026".
    ariaDateFormat: "j F Y",
    // Typing dd/mm/yyyy keeps working beside the calendar.
    allowInput: true,
    // Phones would otherwise swap in their own date box, which shows and sends another format.
    disableMobile: true
  };

  /* flatpickr empties a box whose text is not a date when it loses focus (on blur, and again when the
     focus lands elsewhere); the text is put back once that is done, and before the form is sent, so the
     server's message about it appears next to what was typed instead of the date silently vanishing. */
  function keepWhatWasTyped(input) {
    var typed = input.value;
    function restore() {
      if (input.value === "" && typed.trim() !== "") {
        input.value = typed;
      }
    }
    input.addEventListener("input", function (event) {
      // flatpickr announces its own changes with "input" events too; only the person's typing counts.
      if (event.isTrusted) {
        typed = input.value;
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(restore, 0);
    });
    if (input.form) {
      input.form.addEventListener("submit", restore);
    }
  }

  function enhance(root) {
    if (!window.flatpickr || !root || !root.querySelectorAll) {
      return;
    }
    var inputs = Array.prototype.slice.call(root.querySelectorAll(SELECTOR));
    if (root.matches && root.matches(SELECTOR)) {
      inputs.push(root);
    }
    inputs.forEach(function (input) {
      if (!input._flatpickr) {
        window.flatpickr(input, OPTIONS);
        keepWhatWasTyped(input);
      }
    });
  }

  document.addEventListener("htmx:load", function (event) {
    enhance(event.detail.elt);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  } else {
    enhance(document);
  }
})();
