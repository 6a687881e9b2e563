import type { BudgetLine } from '../submissions/submission.rules';

const rub = (amount: number) => `${BigInt(Math.round(amount * 100))}`;

/** Lines for one year: federal, regional and extra-budgetary amounts (roubles) spread over categories. */
export function demoLines(year: number, federal: number, regional: number, extra: number): BudgetLine[] {
  const split = (total: number, shares: [string, number][]) => {
    let left = total;
    return shares.map(([category, share], index) => {
      const amount = index === shares.length - 1 ? left : Math.round(total * share);
      left -= amount;
      return { category, amount };
    });
  };
  const lines: BudgetLine[] = [];
  for (const { category, amount } of split(federal, [
    ['specialised-organisation', 0.15],
    ['joint-rnd', 0.45],
    ['innovation-infrastructure', 0.3],
    ['training-and-education', 0.1],
  ])) {
    lines.push({ year, category, source: 'federal', amountKopecks: rub(amount) });
  }
  for (const { category, amount } of split(regional, [
    ['innovation-infrastructure', 0.6],
    ['exhibitions-and-promotion', 0.4],
  ])) {
    lines.push({ year, category, source: 'regional', amountKopecks: rub(amount) });
  }
  if (extra > 0) lines.push({ year, category: 'joint-rnd', source: 'extra-budgetary', amountKopecks: rub(extra) });
  return lines;
}

export interface DemoOpenBid {
  login: string;
  title: string;
  /** What happens to the bid in the demo: submitted (once or twice), left as a draft, or withdrawn. */
  fate: 'submitted' | 'resubmitted' | 'draft' | 'withdrawn';
  /** Roubles per funding year: federal, regional, extra-budgetary. */
  budget: [number, number, number];
  attachments: boolean;
  sectionsComplete: boolean;
  note: string;
}

/** Bids in the open "cluster 2.0" call: some fine, some breaking one rule each, so the walk-through shows the errors. */
export const DEMO_OPEN_BIDS: DemoOpenBid[] = [
  {
    login: 'tomsk',
    title: 'Фарма-Мед-ИТ 2.0: центр трансфера технологий и цифровая платформа кластера',
    fate: 'submitted',
    budget: [98_750_000, 35_000_000, 12_000_000],
    attachments: true,
    sectionsComplete: true,
    note: 'complete, submitted',
  },
  {
    login: 'novosibirsk',
    title: 'Биоинформатика и телемедицина: совместные проекты ИТ и биофармы Академгородка',
    fate: 'resubmitted',
    budget: [75_000_000, 30_000_000, 10_000_000],
    attachments: true,
    sectionsComplete: true,
    note: 'submitted twice (version 2 counts)',
  },
  {
    login: 'vladivostok',
    title: 'Клеточные продукты и виварий ИНТЦ «Русский»: инфраструктура коллективного пользования',
    fate: 'draft',
    budget: [60_000_000, 26_000_000, 0],
    attachments: true,
    sectionsComplete: true,
    note: 'complete draft — submit it as vladivostok@',
  },
  {
    login: 'moscow-med',
    title: 'Медицинские технологии Москвы: испытательный центр',
    fate: 'draft',
    budget: [115_000_000, 20_000_000, 0],
    attachments: true,
    sectionsComplete: true,
    note: 'breaks the per-bid cap (230 m > 200 m) and the 30 % co-financing minimum',
  },
  {
    login: 'northern',
    title: 'БиоФармКластер «Северный»: пилотное производство',
    fate: 'draft',
    budget: [40_000_000, 20_000_000, 0],
    attachments: false,
    sectionsComplete: false,
    note: 'missing the required sections and attachments',
  },
  {
    login: 'kamsky',
    title: 'Камский кластер: цифровой двойник производственной кооперации',
    fate: 'withdrawn',
    budget: [50_000_000, 25_000_000, 5_000_000],
    attachments: true,
    sectionsComplete: true,
    note: 'submitted, then withdrawn',
  },
  {
    login: 'samara',
    title: 'Аэрокосмический кластер: центр компетенций по композитам',
    fate: 'submitted',
    budget: [70_000_000, 32_000_000, 8_000_000],
    attachments: true,
    sectionsComplete: true,
    note: 'complete, submitted',
  },
];

/** Federal requests in the 2014 round (roubles): about 2.7 bn against a 2.5 bn budget. */
export const DEMO_2014_REQUESTS: Record<string, [number, number]> = {
  tomsk: [260_000_000, 40_000_000],
  novosibirsk: [240_000_000, 30_000_000],
  vladivostok: [180_000_000, 20_000_000],
  'moscow-med': [300_000_000, 35_000_000],
  northern: [210_000_000, 25_000_000],
  kamsky: [330_000_000, 40_000_000],
  samara: [290_000_000, 35_000_000],
  altai: [150_000_000, 15_000_000],
  dubna: [160_000_000, 20_000_000],
  khabarovsk: [270_000_000, 30_000_000],
  krasnoyarsk: [320_000_000, 35_000_000],
};

/** The 2016 "cluster 2.0" call awarded a status, not money; bids still carried their development budgets. */
export const DEMO_2016_REQUESTS: Record<string, [number, number]> = Object.fromEntries(
  Object.entries(DEMO_2014_REQUESTS).map(([login, [federal, regional]]) => [login, [Math.round(federal / 4), Math.round(regional / 2)]]),
);
