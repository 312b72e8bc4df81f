import type { ReactElement } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Language } from '../../strings';
import type { AnalyticsSummary } from './analyticsApi';
import { analyticsStrings } from './analyticsStrings';

const blue = '#1f5fa8';
const green = '#2e7d4f';
const amber = '#b26a00';

/** One chart in a titled figure, with a fixed height so it lays out the same in every language. */
function Figure({ title, id, children }: { title: string; id: string; children: ReactElement }) {
  return (
    <figure className="chart" aria-labelledby={id}>
      <figcaption id={id}>{title}</figcaption>
      <div className="chart-area">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** The four charts: conversations per day, escalations by reason, ratings, the offers funnel. */
export function AnalyticsCharts({ summary, language }: { summary: AnalyticsSummary; language: Language }) {
  const words = analyticsStrings[language];
  const reasons = summary.escalations.byReason.map((r) => ({ name: words.reasons[r.reason] ?? r.reason, count: r.count }));
  const ratings = summary.csat.scores.map((count, i) => ({ name: `${i + 1}★`, count }));
  const o = summary.offers;
  const funnel = [
    { name: words.eligible, count: o.eligible },
    { name: words.shown, count: o.shown },
    { name: words.accepted, count: o.accepted },
    { name: words.declined, count: o.declined },
    { name: words.optedOut, count: o.optedOut },
    { name: words.heldOut, count: o.heldOut },
  ];
  const daily = summary.daily.map((d) => ({ day: d.day.slice(5), [words.conversations]: d.conversations, [words.contained]: d.contained }));
  return (
    <div className="charts">
      <Figure title={words.perDay} id="chart-daily">
        <BarChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Bar dataKey={words.conversations} fill={blue} maxBarSize={48} isAnimationActive={false} />
          <Bar dataKey={words.contained} fill={green} maxBarSize={48} isAnimationActive={false} />
        </BarChart>
      </Figure>
      <Figure title={words.byReason} id="chart-reasons">
        <BarChart data={reasons} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={130} />
          <Tooltip />
          <Bar dataKey="count" name={words.count} fill={amber} maxBarSize={36} isAnimationActive={false} />
        </BarChart>
      </Figure>
      <Figure title={words.csatScores} id="chart-csat">
        <BarChart data={ratings} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name={words.count} fill={blue} isAnimationActive={false} />
        </BarChart>
      </Figure>
      <Figure title={words.offersFunnel} id="chart-offers">
        <BarChart data={funnel} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" interval={0} />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Bar dataKey="count" name={words.count} fill={green} isAnimationActive={false} />
        </BarChart>
      </Figure>
    </div>
  );
}
