/*
 * Thidua — searchable unit selects (Tom Select, vendored under vendor/tom-select/).
 *
 * Every <select data-unit-select> (rendered by thidua.org.forms.UnitSelect / UnitSelectMultiple, used by every unit
 * field and unit filter) becomes a searchable picker:
 *   - each option carries data-depth (its depth in the unit tree) and data-search (its label without diacritics,
 *     from core/vn.py search_key), so the list shows the tree indented and "ke hoach z111" finds
 *     "Phòng Kế hoạch — Nhà máy Z111";
 *   - the query is folded the same way here (NFD, tone marks dropped, đ → d), so typing with or without accents
 *     gives the same matches; every word must match (in any order);
 *   - multiple selects get a remove button on each chosen unit.
 * Without JavaScript the plain select still works (its options are indented with em spaces).
 *
 * CSP (script-src/style-src 'self'): no inline script or style; indentation comes from css/unit-select.css rules
 * on the data-depth attribute.
 */
(function () {
  "use strict";

  function fold(text) {
    return (text || "")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase();
  }

  /* A score function: 0 unless every word of the query is in the option's search key; words that start a word of
   * the key count more, so "z111" ranks Nhà máy Z111's units first. */
  function score(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    return function (item) {
      if (!words.length) {
        return 1;
      }
      var key = " " + (item.search || fold(item.text)) + " ";
      var total = 0;
      for (var i = 0; i < words.length; i++) {
        var at = key.indexOf(words[i]);
        if (at < 0) {
          return 0;
        }
        total += key.charAt(at - 1) === " " ? 2 : 1;
      }
      return total;
    };
  }

  function plain(text) {
    return (text || "").replace(/^\u2003+/, ""); // the plain select's indentation: data-depth replaces it
  }

  function splitLabel(text) {
    var at = text.indexOf(" — ");
    return at < 0 ? [text, ""] : [text.slice(0, at), text.slice(at)];
  }

  function renderOption(data, escape) {
    var parts = splitLabel(plain(data.text));
    var depth = escape(String(data.depth || "1"));
    var rest = parts[1] ? '<span class="unit-opt-parent">' + escape(parts[1]) + "</span>" : "";
    return '<div class="unit-opt" data-depth="' + depth + '"><span>' + escape(parts[0]) + "</span>" + rest + "</div>";
  }

  function init(root) {
    if (!window.TomSelect) {
      return;
    }
    root.querySelectorAll("select[data-unit-select]").forEach(function (el) {
      if (el.tomselect) {
        return;
      }
      var settings = {
        searchField: ["search"],
        score: score,
        sortField: [{ field: "$score" }, { field: "$order" }],
        maxOptions: null,
        // Filter on every keystroke: with the default 300 ms delay, Enter pressed right after typing picked the
        // first unit of the unfiltered list.
        refreshThrottle: 0,
        allowEmptyOption: true,
        hidePlaceholder: false,
        render: {
          option: renderOption,
          item: function (data, escape) {
            return "<div>" + escape(plain(data.text)) + "</div>";
          },
          no_results: function () {
            return '<div class="no-results">Không tìm thấy đơn vị nào.</div>';
          },
        },
      };
      if (el.multiple) {
        settings.plugins = { remove_button: { title: "Bỏ đơn vị này" } };
        settings.placeholder = "Gõ tên đơn vị để tìm…";
      }
      new window.TomSelect(el, settings);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
  });
  document.addEventListener("htmx:load", function (event) {
    init(event.target);
  });
})();
