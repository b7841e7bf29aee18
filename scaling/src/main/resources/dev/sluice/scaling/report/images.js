// Draws the image experiment's chart (error against training images, per arm and width) with ECharts.
(function () {
  const report = JSON.parse(document.getElementById('report-data').textContent);
  const palette = ['#2f6fb0', '#d9822b', '#3a9a5b', '#b03a48', '#7a5cb0', '#5c8f99', '#a0782c'];
  const arms = [...new Set(report.curves.map((c) => c.arm))];
  const widths = [...new Set(report.curves.map((c) => c.width))].sort((a, b) => a - b);
  const series = [];
  report.curves.forEach((c) => {
    const color = palette[arms.indexOf(c.arm) % palette.length];
    const dash = ['solid', 'dashed', 'dotted'][widths.indexOf(c.width) % 3];
    const label = c.arm + ' w' + c.width;
    series.push({ name: label, type: 'scatter', color: color, symbolSize: 8,
      data: c.measured.map((m) => [m[0], m[1]]) });
    if (c.fit.length) series.push({ name: label, type: 'line', color: color, showSymbol: false,
      lineStyle: { type: dash, width: 2 }, data: c.fit });
  });
  const el = document.getElementById('curves');
  const chart = echarts.init(el, null, { renderer: 'svg' });
  chart.setOption({ animation: false, legend: { top: 0 }, grid: { left: 70, right: 20, top: 50, bottom: 50 },
    tooltip: { trigger: 'item', formatter: (p) => p.seriesName + '<br>n ' + Math.round(p.value[0]) +
      ', error ' + Number(p.value[1]).toPrecision(4) },
    xAxis: { type: 'log', logBase: 2, name: 'training images n', nameLocation: 'middle', nameGap: 28 },
    yAxis: { type: 'log', name: 'error', nameLocation: 'middle', nameGap: 48,
      axisLabel: { formatter: (v) => Number(v).toPrecision(2) } },
    series: series });
  window.sluiceCharts = (window.sluiceCharts || 0) + 1;
})();
