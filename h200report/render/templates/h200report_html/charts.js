/* The charts follow the reader: dark colours when the system is dark, the page's width
   when printed (Plotly draws at the width it had on screen). Our own script: it reads
   only the figures on the page and runs no text from the data. */
(function () {
  var plots = function () {
    return Array.prototype.slice.call(document.querySelectorAll(".h200-plot"));
  };
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function colours(isDark) {
    var ink = isDark ? "#e6edf3" : "#1f2328", grid = isDark ? "#30363d" : "#ebf0f8";
    var paper = isDark ? "#0d1117" : "#ffffff";
    return function (layout) {
      var update = {"paper_bgcolor": paper, "plot_bgcolor": paper, "font.color": ink,
                    "title.font.color": ink, "legend.font.color": ink};
      Object.keys(layout).forEach(function (key) {
        if (/^[xy]axis[0-9]*$/.test(key)) {
          update[key + ".gridcolor"] = grid;
          update[key + ".zerolinecolor"] = grid;
          update[key + ".color"] = ink;
        }
      });
      return update;
    };
  }
  function theme() {
    var isDark = !!(dark && dark.matches);
    if (!isDark && !document.body.classList.contains("h200-dark")) return;
    document.body.classList.toggle("h200-dark", isDark);
    plots().forEach(function (el) {
      if (el.layout) Plotly.relayout(el, colours(isDark)(el.layout));
    });
  }
  function resize(width) {
    plots().forEach(function (el) {
      if (el.layout) Plotly.relayout(el, width ? {width: width} : {width: null, autosize: true});
    });
  }
  // A click on a point that has evidence goes to it, under "Sources and quotes" of the
  // same report: the anchor is a record id the package put in the trace's customdata,
  // only ever compared with the entries' data-record (never run, never made markup).
  function toEvidence(el) {
    if (!el.on) return;
    el.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var anchor = point && point.customdata;
      if (typeof anchor !== "string") return;
      var scope = el.closest(".h200-edition-report") || document;
      var entries = scope.querySelectorAll(".h200-evidence-entry[data-record]");
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].getAttribute("data-record") === anchor) {
          window.location.hash = entries[i].id;
          return;
        }
      }
    });
  }
  plots().forEach(toEvidence);
  theme();
  if (dark && dark.addEventListener) dark.addEventListener("change", theme);
  var printing = window.matchMedia ? window.matchMedia("print") : null;
  // About the printable width of A4 and Letter at 96 dpi, margins taken off.
  window.addEventListener("beforeprint", function () { resize(680); });
  window.addEventListener("afterprint", function () { resize(null); });
  if (printing && printing.addEventListener) {
    printing.addEventListener("change", function (e) { resize(e.matches ? 680 : null); });
  }
})();
