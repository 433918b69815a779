// The script of a critical-path page: filters and re-stacks the rows of the timeline.
// actiongraphTimeline(top, step) is called with the y of the first row and a row's height.
function actiongraphTimeline(top, step) {
  const root = document.getElementById("timeline"), svg = root.querySelector("svg.gantt");
  window.actiongraph = {ready: true};
  if (!svg) return;
  const rows = [...svg.querySelectorAll("g.row")];
  const which = root.querySelector("[data-filter=rows]"), pri = root.querySelector(
    "[data-filter=priority]"), find = root.querySelector("input[type=search]");
  function apply() {
    const q = find.value.trim().toLowerCase();
    let i = 0;
    rows.forEach(g => {
      const ok = (which.value === "all" || g.dataset.group !== "rest") &&
        (!pri.value || g.dataset.priority === pri.value) && (!q || g.dataset.text.includes(q));
      g.style.display = ok ? "" : "none";
      if (ok) {
        g.setAttribute("transform", "translate(0," + (top + i * step) + ")");
        g.querySelector(".band").setAttribute("fill", i % 2 ? "#ffffff" : "#f2f2f2");
        i += 1;
      }
    });
    const h = top + i * step + 28;
    svg.setAttribute("height", h);
    svg.setAttribute("viewBox", "0 0 " + svg.getAttribute("width") + " " + h);
    svg.querySelectorAll(".grid").forEach(l => l.setAttribute("y2", h - 24));
    svg.querySelectorAll(".foot").forEach(t => t.setAttribute("y", h - 8));
    root.querySelector(".count").textContent = "showing " + i + " of " + rows.length + " rows";
  }
  root.addEventListener("change", apply);
  root.addEventListener("input", apply);
  apply();
}
