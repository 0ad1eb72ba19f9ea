// Chart arithmetic and SVG: round axes, bars in proportion, stacks in order, text escaped.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupedBarChart, groupedBarLayout } from '../../../src/web/charts/grouped-bars.ts';
import { axisTicks, durationUnit, formatNumber, niceStep } from '../../../src/web/charts/scale.ts';
import { stackedBarChart, stackedBarLayout } from '../../../src/web/charts/stacked-bars.ts';

describe('chart scales', () => {
  it('picks steps people can read: 1, 2, 2.5 or 5 times a power of ten', () => {
    assert.deepEqual([0.3, 1, 1.2, 2.2, 4, 7, 13, 260].map(niceStep), [0.5, 1, 2, 2.5, 5, 10, 20, 500]);
    assert.equal(niceStep(0), 1);
  });

  it('makes ticks from 0 up to a round number at or above the largest value', () => {
    assert.deepEqual(axisTicks(7, 5, true), [0, 2, 4, 6, 8]);
    assert.deepEqual(axisTicks(3, 5, true), [0, 1, 2, 3], 'whole incidents only');
    assert.deepEqual(axisTicks(0, 5, true), [0, 1], 'an empty chart still has an axis');
    assert.deepEqual(axisTicks(4.6, 5), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual(axisTicks(0.45, 5), [0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it('chooses minutes, hours or days by the longest duration', () => {
    assert.equal(durationUnit(90 * 60).name, 'minutes');
    assert.equal(durationUnit(5 * 3600).name, 'hours');
    assert.equal(durationUnit(4 * 86_400).name, 'days');
    assert.equal(formatNumber(4.6), '4.6');
    assert.equal(formatNumber(3), '3');
  });
});

describe('stacked bar chart', () => {
  const input = {
    id: 'weekly',
    title: 'Incidents per week',
    description: 'Two weeks',
    categories: ['2 Mar', '9 Mar'],
    series: [
      { label: 'Critical', colour: '#d4351c', values: [3, 0] },
      { label: 'Minor', colour: '#1d70b8', values: [1, 2] },
    ],
    yAxisLabel: 'Incidents',
  };

  it('stacks series bottom-up, heights in proportion, nothing drawn for zero', () => {
    const { ticks, segments } = stackedBarLayout(input);
    assert.deepEqual(ticks, [0, 1, 2, 3, 4]);
    assert.equal(segments.length, 3);
    const [critical, minorOnTop, minorAlone] = segments;
    assert.ok(critical && minorOnTop && minorAlone);
    assert.equal(critical.height, 3 * minorOnTop.height, 'three incidents stand three times as tall as one');
    assert.equal(minorOnTop.y + minorOnTop.height, critical.y, 'the next series sits on top');
    assert.equal(minorAlone.height, 2 * minorOnTop.height);
    assert.equal(critical.x, minorOnTop.x);
    assert.ok(minorAlone.x > critical.x);
  });

  it('is an SVG image named by its title and description, with a tooltip per segment', () => {
    const svg = stackedBarChart(input);
    assert.match(svg, /^<svg class="app-chart" [^>]*role="img" aria-labelledby="weekly-title weekly-desc"/);
    assert.match(svg, /<title id="weekly-title">Incidents per week<\/title>/);
    assert.match(svg, /<title>2 Mar: 3 Critical<\/title>/);
    assert.doesNotMatch(svg, /style=/);
  });

  it('escapes every text it draws', () => {
    const svg = stackedBarChart({ ...input, title: '<script>', categories: ['<b>', '"x"'], yAxisLabel: '&' });
    assert.doesNotMatch(svg, /<script>|<b>/);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /&quot;x&quot;/);
  });
});

describe('grouped bar chart', () => {
  const input = {
    id: 'resolve',
    title: 'Time to resolve',
    description: 'p50 and p90',
    groups: [
      { label: 'Critical', values: [3, 4.6] },
      { label: 'Major', values: [null, null] },
      { label: 'Minor', values: [0.5, 0.5] },
    ],
    series: [
      { label: 'p50', colour: '#1d70b8' },
      { label: 'p90', colour: '#003078' },
    ],
    xAxisLabel: 'Hours',
  };

  it('draws bars in proportion and says "No incidents" rather than drawing zero', () => {
    const { ticks, bars } = groupedBarLayout(input);
    assert.deepEqual(ticks, [0, 1, 2, 3, 4, 5]);
    assert.equal(bars.length, 4);
    const [p50, p90] = bars;
    assert.ok(p50 && p90);
    assert.ok(Math.abs(p90.width / p50.width - 4.6 / 3) < 0.01);
    assert.match(groupedBarChart(input), /Major<\/text><text [^>]*>No incidents<\/text>/);
  });

  it('labels each bar with its value', () => {
    assert.match(groupedBarChart(input), /<title>Critical p90: 4.6<\/title>/);
    assert.match(groupedBarChart(input), />0.5<\/text>/);
  });
});
