/*
 * Thidua — Vietnamese inputs, whatever language the browser speaks.
 *
 * 1. Date fields (core.forms.DateInput renders <input type="text" data-date-picker>): typed as dd/mm/yyyy, with the
 *    vendored vanillajs-datepicker in Vietnamese (vendor/vanillajs-datepicker, locale "vi"; weeks start on Monday).
 *    The picker opens on a click, not on focus, so typing (or a test filling the field) is never covered by it. A
 *    typed "7/6/2018", "07-06-2018", "07.06.2018" or ISO "2018-06-07" becomes "07/06/2018" when the field is left; the
 *    server accepts the same forms (thidua.core.vn.parse_date) and answers a wrong date in Vietnamese.
 * 2. The browser's own validation bubbles ("Please fill out this field.") are replaced by Vietnamese messages.
 * 3. File fields (core.forms.FileInput): the browser's "Choose File" / "No file chosen" becomes "Chọn tệp…" and the
 *    chosen file's name. The real <input type="file"> stays, transparent, over the Vietnamese face (clicks, keyboard
 *    and screen readers reach it); without this script the native control shows.
 *
 * CSP: no inline code or style; the picker only sets element.style through the CSSOM (allowed by style-src 'self').
 * Fields that htmx swaps in get the picker too (htmx:load).
 */
(function () {
  "use strict";

  var DMY = /^\s*(\d{1,2})\s*([\/.-])\s*(\d{1,2})\s*\2\s*(\d{4})\s*$/;
  var ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

  function makeDate(year, month, day) {
    var date = new Date(year, month - 1, day);
    // new Date(2018, 1, 31) rolls over to March: such a day does not exist.
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
      return NaN;
    }
    return date;
  }

  function parseDate(text) {
    var m = DMY.exec(text || "");
    if (m) {
      return makeDate(+m[4], +m[3], +m[1]);
    }
    m = ISO.exec(text || "");
    return m ? makeDate(+m[1], +m[2], +m[3]) : NaN;
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  var FORMAT = {
    toValue: function (text) {
      return parseDate(text);
    },
    toDisplay: function (date) {
      return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear();
    }
  };

  function attachPickers(root) {
    if (!window.Datepicker || !root || !root.querySelectorAll) {
      return;
    }
    var inputs = root.querySelectorAll("input[data-date-picker]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (input.datepicker) {
        continue;
      }
      new window.Datepicker(input, {
        language: "vi",
        format: FORMAT,
        weekStart: 1,
        showOnFocus: false,
        autohide: true,
        todayButton: true,
        todayButtonMode: 1,
        clearButton: !input.required,
        todayHighlight: true,
        buttonClass: "btn"
      });
    }
  }

  /* File fields: show the chosen file's name (or names) in Vietnamese. */
  function showFileName(input) {
    var wrapper = input.closest("[data-vi-file]");
    var name = wrapper && wrapper.querySelector(".vi-file-name");
    if (!name) {
      return;
    }
    var files = Array.prototype.map.call(input.files || [], function (file) {
      return file.name;
    });
    name.textContent = files.length ? files.join(", ") : name.getAttribute("data-empty");
    wrapper.classList.toggle("has-file", files.length > 0);
  }

  function attachFileFields(root) {
    if (!root || !root.querySelectorAll) {
      return;
    }
    root.querySelectorAll("[data-vi-file]").forEach(function (wrapper) {
      var input = wrapper.querySelector("input[type=file]");
      if (input) {
        wrapper.classList.add("is-ready");
        showFileName(input);  // a file kept by the browser after "back"
      }
    });
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input && input.matches && input.matches("[data-vi-file] input[type=file]")) {
      showFileName(input);
    }
  }, true);

  document.addEventListener("DOMContentLoaded", function () {
    attachPickers(document);
    attachFileFields(document);
  });

  /* The picker drops text it cannot read when the field is left. Put a wrongly typed date back, so the server's
   * Vietnamese message ("Ngày không hợp lệ: 31/02/2020 …") says what is wrong instead of the date silently
   * disappearing. */
  function isDateField(el) {
    return el && el.matches && el.matches("input[data-date-picker]");
  }
  document.addEventListener("input", function (event) {
    if (isDateField(event.target)) {
      event.target.setAttribute("data-typed", event.target.value);
    }
  }, true);
  document.addEventListener("changeDate", function (event) {
    if (isDateField(event.target)) {
      event.target.removeAttribute("data-typed");
    }
  }, true);
  document.addEventListener("focusout", function (event) {
    var input = event.target;
    if (!isDateField(input)) {
      return;
    }
    window.setTimeout(function () {
      var typed = input.getAttribute("data-typed") || "";
      if (!input.value && typed.trim() && isNaN(parseDate(typed))) {
        input.value = typed;
      }
    }, 0);
  }, true);
  document.addEventListener("htmx:load", function (event) {
    attachPickers(event.detail && event.detail.elt);
    attachFileFields(event.detail && event.detail.elt);
  });

  /* Vietnamese validation messages for the browser's own checks (required, min/max, number, e-mail, length). */
  function message(field) {
    var v = field.validity;
    if (v.valueMissing) {
      return field.type === "checkbox" ? "Hãy đánh dấu ô này." :
        field.tagName === "SELECT" ? "Hãy chọn một mục." : "Hãy điền trường này.";
    }
    if (v.badInput) {
      return field.type === "number" ? "Hãy nhập một số." : "Giá trị không hợp lệ.";
    }
    if (v.typeMismatch) {
      return field.type === "email" ? "Địa chỉ e-mail không hợp lệ." : "Giá trị không đúng định dạng.";
    }
    if (v.rangeUnderflow) {
      return "Giá trị phải lớn hơn hoặc bằng " + field.min + ".";
    }
    if (v.rangeOverflow) {
      return "Giá trị phải nhỏ hơn hoặc bằng " + field.max + ".";
    }
    if (v.stepMismatch) {
      return "Giá trị không hợp lệ (bước " + (field.step || "1") + ").";
    }
    if (v.tooLong) {
      return "Tối đa " + field.maxLength + " ký tự.";
    }
    if (v.tooShort) {
      return "Tối thiểu " + field.minLength + " ký tự.";
    }
    if (v.patternMismatch) {
      return field.title || "Giá trị không đúng định dạng.";
    }
    return "";
  }

  document.addEventListener("invalid", function (event) {
    var field = event.target;
    if (field && field.setCustomValidity && !field.validity.customError) {
      field.setCustomValidity(message(field));
    }
  }, true);

  function resetValidity(event) {
    var field = event.target;
    if (field && field.setCustomValidity && field.validity && field.validity.customError) {
      field.setCustomValidity("");
    }
  }
  document.addEventListener("input", resetValidity, true);
  document.addEventListener("change", resetValidity, true);
  document.addEventListener("changeDate", resetValidity, true);
}());
