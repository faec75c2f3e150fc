import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import type { ECElementEvent, EChartsCoreOption } from 'echarts/core';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  DatasetComponent,
  CanvasRenderer,
  SVGRenderer,
]);

export type ChartClick = ECElementEvent;

/**
 * An ECharts chart that follows its container's size. `onClick` receives the clicked slice or bar
 * (its `name` and `dataIndex`); with it the chart is drawn in SVG, so every slice is an element of
 * the page that can be pointed at, and the cursor shows it can be clicked.
 */
export function Chart({
  option,
  height = 320,
  testId,
  onClick,
}: {
  option: EChartsCoreOption;
  height?: number;
  testId?: string;
  onClick?: (event: ChartClick) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;
  const renderer = onClick ? 'svg' : 'canvas';
  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current, undefined, { renderer });
    chart.current = instance;
    instance.on('click', (event) => clicked.current?.(event as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(ref.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option, renderer]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid={testId} className="kc-chart" />;
}
