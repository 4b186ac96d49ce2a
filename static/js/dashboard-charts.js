/* Dashboard: draws each section's trend charts from the data the page carries in
   <script id="dashboard-trends" type="application/json"> (Django's json_script).
   Counts are drawn as bars, percentages as lines; a target is a dashed line. Each canvas
   has an aria-label and a table of the same figures next to it, so nothing depends on this file. */
(function () {
  "use strict";

  var PALETTE = ["#8b1a1a", "#1f5f99", "#c47a12", "#2e7d4f"];
  var TARGET_COLOUR = "#343a40";
  var numbers = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
  // Shares read as on every page of the portal (dancoso/core/numbers.py): "95,0%".
  var shares = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function figure(value, unit) {
    if (value === null || value === undefined) {
      return "—";
    }
    if (unit === "%") {
      return shares.format(value) + "%";
    }
    return numbers.format(value) + (unit ? " " + unit : "");
  }

  function isPercent(chart) {
    return chart.unit === "%";
  }

  function figureDatasets(chart, percent) {
    return chart.series.map(function (series, index) {
      var colour = PALETTE[index % PALETTE.length];
      return {
        type: percent ? "line" : "bar",
        label: series.label,
        data: series.values,
        backgroundColor: percent ? colour : colour + "cc",
        borderColor: colour,
        borderWidth: percent ? 2 : 0,
        borderRadius: percent ? 0 : 3,
        pointRadius: 4,
        pointStyle: percent ? "circle" : "rectRounded",
        spanGaps: false,
        maxBarThickness: 42,
        order: 1
      };
    });
  }

  function targetDatasets(chart) {
    return chart.series
      .filter(function (series) { return series.targets; })
      .map(function (series) {
        return {
          type: "line",
          label: series.target_label,
          data: series.targets,
          borderColor: TARGET_COLOUR,
          backgroundColor: TARGET_COLOUR,
          borderDash: [6, 4],
          borderWidth: 2,
          // Each year's target is also a short dash, so a target of a single year is still drawn;
          // the legend shows the same dash.
          pointStyle: "line",
          pointRadius: 14,
          pointHoverRadius: 16,
          pointBorderWidth: 2,
          fill: false,
          // Drawn above the bars so that the target stays visible.
          order: 0
        };
      });
  }

  function options(chart, percent) {
    var yAxis = {
      beginAtZero: true,
      ticks: { precision: percent ? 1 : 0, callback: function (value) { return numbers.format(value); } },
      title: { display: Boolean(chart.unit), text: chart.unit }
    };
    if (percent) {
      yAxis.suggestedMax = 100;
    }
    return {
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 2,
      locale: "vi-VN",
      animation: false,
      interaction: { mode: "index", intersect: false },
      // Lines are offset like bars, so each year sits in the middle of its slot on every chart.
      scales: { x: { offset: true, grid: { display: false } }, y: yAxis },
      plugins: {
        legend: {
          position: "bottom",
          labels: {
            color: "#343a40",
            usePointStyle: true,
            // Figures first, then targets, whatever order they are drawn in.
            sort: function (a, b) { return a.datasetIndex - b.datasetIndex; }
          }
        },
        tooltip: {
          callbacks: {
            label: function (item) {
              return item.dataset.label + ": " + figure(item.raw, chart.unit);
            }
          }
        }
      }
    };
  }

  function draw(canvas, chart) {
    var percent = isPercent(chart);
    return new window.Chart(canvas, {
      type: percent ? "line" : "bar",
      data: {
        labels: chart.years.map(String),
        datasets: figureDatasets(chart, percent).concat(targetDatasets(chart))
      },
      options: options(chart, percent)
    });
  }

  function start() {
    var source = document.getElementById("dashboard-trends");
    if (!source || !window.Chart) {
      return;
    }
    var sections = {};
    JSON.parse(source.textContent).forEach(function (section) {
      sections[section.section] = section;
    });
    document.querySelectorAll("canvas[data-trend-section]").forEach(function (canvas) {
      var section = sections[canvas.dataset.trendSection];
      var chart = section && section.charts[Number(canvas.dataset.trendChart)];
      if (chart) {
        draw(canvas, chart);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
