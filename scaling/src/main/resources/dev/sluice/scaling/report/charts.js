// Draws the scaling report's charts with ECharts (inlined above) from the report JSON embedded in the page.
(function () {
  const report = JSON.parse(document.getElementById('report-data').textContent);
  const palette = ['#2f6fb0', '#d9822b', '#3a9a5b', '#b03a48', '#7a5cb0', '#5c8f99', '#a0782c'];
  const log = (name) => ({ type: 'log', name: name, nameLocation: 'middle', nameGap: 28, logBase: 10,
    axisLabel: { formatter: (v) => v.toExponential(0) } });
  const val = (name) => ({ type: 'value', name: name, nameLocation: 'middle', nameGap: 40, scale: true });
  const tooltip = { trigger: 'item', formatter: (p) => p.seriesName + '<br>' + p.value.slice(0, 2)
    .map((v) => Number(v).toPrecision(4)).join(', ') };
  function chart(id, option) {
    const el = document.getElementById(id);
    if (!el) return;
    const c = echarts.init(el, null, { renderer: 'svg' });
    c.setOption(Object.assign({ animation: false, tooltip: tooltip, legend: { top: 0 },
      grid: { left: 70, right: 20, top: 40, bottom: 50 } }, option));
    window.sluiceCharts = (window.sluiceCharts || 0) + 1;
  }
  report.eval_sets.forEach((set, si) => {
    const ch = set.charts;
    if (!ch) return;
    const arms = Object.keys(ch.frontier);
    const frontier = [];
    arms.forEach((arm, i) => {
      const color = palette[i % palette.length];
      const f = ch.frontier[arm];
      frontier.push({ name: arm, type: 'scatter', data: f.points, color: color, symbolSize: 7 });
      frontier.push({ name: arm + ' fit', type: 'line', data: f.fit, color: color, showSymbol: false,
        lineStyle: { width: 2 } });
      frontier.push({ name: arm + ' 95% band', type: 'line', data: f.band.map((b) => [b[0], b[1]]),
        color: color, showSymbol: false, lineStyle: { type: 'dashed', width: 1, opacity: 0.6 } });
      frontier.push({ name: arm + ' 95% band', type: 'line', data: f.band.map((b) => [b[0], b[2]]),
        color: color, showSymbol: false, lineStyle: { type: 'dashed', width: 1, opacity: 0.6 } });
    });
    chart('frontier-' + si, { xAxis: log('compute C (FLOPs)'), yAxis: log('loss (bits per byte)'), series: frontier });
    const opt = [];
    arms.forEach((arm, i) => {
      const color = palette[i % palette.length];
      opt.push({ name: arm + ' N_opt', type: 'line', data: ch.optimal[arm].n, color: color, showSymbol: false });
      opt.push({ name: arm + ' D_opt', type: 'line', data: ch.optimal[arm].d, color: color, showSymbol: false,
        lineStyle: { type: 'dashed' } });
    });
    opt.push({ name: 'approach 2 N_opt (cross-check)', type: 'scatter', color: '#222',
      data: ch.isoflop_minima.map((m) => [m[1], m[2]]) });
    chart('optimal-' + si, { xAxis: log('compute C (FLOPs)'), yAxis: log('N_opt (parameters), D_opt (tokens)'),
      series: opt });
    const iso = [];
    ch.isoflop.forEach((c) => {
      const color = palette[arms.indexOf(c.arm) % palette.length];
      const label = c.arm + ' @ ' + Number(c.budget).toExponential(1);
      iso.push({ name: c.arm, type: 'line', data: c.fit, color: color, showSymbol: false, lineStyle: { width: 1 } });
      iso.push({ name: c.arm, type: 'scatter', data: c.points, color: color, symbolSize: 7, tooltipLabel: label });
    });
    chart('isoflop-' + si, { xAxis: log('model size N'), yAxis: log('loss (bits per byte)'), series: iso });
    const res = arms.map((arm, i) => ({ name: arm, type: 'scatter', color: palette[i % palette.length],
      data: ch.residuals.filter((r) => r[0] === arm).map((r) => [r[1], r[2]]) }));
    chart('residuals-' + si, { xAxis: log('compute C (FLOPs)'), yAxis: val('log(predicted / observed)'),
      series: res });
  });
})();
