import type { CreateProgrammeDto } from '../programmes/dto/programme-input.dto';
import type { ProgrammeStatus } from '../programmes/programme.rules';

export interface DemoProgramme {
  rules: CreateProgrammeDto;
  status: ProgrammeStatus;
  /** Past calls are loaded as historical records; the open one goes through the normal opening checks. */
  historical: boolean;
}

const roubles = (amount: number) => `${BigInt(amount) * 100n}`;

const CLUSTER_CRITERIA = [
  {
    code: 'programme-quality',
    titleRu: 'Качество программы развития кластера',
    titleEn: 'Quality of the cluster development programme',
    weight: 25,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
    minScore: 1,
  },
  {
    code: 'cofinancing',
    titleRu: 'Объём и надёжность софинансирования',
    titleEn: 'Volume and reliability of co-financing',
    weight: 20,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
  },
  {
    code: 'cooperation',
    titleRu: 'Кооперация участников кластера',
    titleEn: 'Cooperation among cluster members',
    weight: 20,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
  },
  {
    code: 'management',
    titleRu: 'Эффективность специализированной организации',
    titleEn: 'Effectiveness of the specialised organisation',
    weight: 15,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
  },
  {
    code: 'targets',
    titleRu: 'Целевые показатели и их обоснованность',
    titleEn: 'Target indicators and their justification',
    weight: 15,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
  },
  {
    code: 'innovation',
    titleRu: 'Инновационная активность и коммерциализация разработок',
    titleEn: 'Innovation activity and commercialisation of research',
    weight: 5,
    scaleMin: 0,
    scaleMax: 5,
    scaleStep: 0.5,
  },
];

const ELIGIBILITY = [
  {
    code: 'applicant-is-so',
    textRu: 'Заявка подана специализированной организацией кластера',
    textEn: "The bid is filed by the cluster's specialised organisation",
  },
  {
    code: 'regional-letter',
    textRu: 'Приложено гарантийное письмо субъекта РФ о софинансировании',
    textEn: 'A guarantee letter on regional co-financing is attached',
  },
  { code: 'programme-approved', textRu: 'Программа развития кластера утверждена', textEn: 'The cluster development programme is approved' },
];

const SECTIONS = [
  { code: 'programme', titleRu: 'Программа развития кластера', titleEn: 'Cluster development programme', required: true, maxLength: 20000 },
  { code: 'results', titleRu: 'Ожидаемые результаты', titleEn: 'Expected results', required: true, maxLength: 10000 },
  { code: 'management', titleRu: 'Модель управления кластером', titleEn: 'Cluster management model', required: false, maxLength: 10000 },
];

const ATTACHMENTS = [
  { code: 'regional-letter', titleRu: 'Письмо субъекта РФ о софинансировании', titleEn: 'Regional co-financing letter', required: true },
  { code: 'development-programme', titleRu: 'Утверждённая программа развития', titleEn: 'Approved development programme', required: true },
];

/** Moscow midnight-minus-one-second `days` from `now`: deadlines are announced as "until 23:59 Moscow time". */
function moscowEndOfDay(now: Date, days: number): string {
  const moscow = new Date(now.getTime() + 3 * 3600_000 + days * 86400_000);
  return `${moscow.toISOString().slice(0, 10)}T23:59:59+03:00`;
}

export function demoProgrammes(now: Date): DemoProgramme[] {
  const year = now.getUTCFullYear();
  return [
    {
      status: 'open',
      historical: false,
      rules: {
        code: `CL20-${year}`,
        titleRu: `Поддержка перехода инновационных кластеров к модели 2.0, ${year}`,
        titleEn: `Support for the transition of innovative clusters to the 2.0 model, ${year}`,
        descriptionRu:
          'Отбор кластеров, способных внедрить эффективные стандарты управления, с субсидией на развитие специализированной организации и совместные проекты (демо).',
        descriptionEn:
          'Selection of clusters able to implement effective management standards, with a subsidy for the specialised organisation and joint projects (demo).',
        opensAt: moscowEndOfDay(now, -15),
        closesAt: moscowEndOfDay(now, 20),
        budgetKopecks: roubles(1_200_000_000),
        fundingYears: [year + 1, year + 2],
        maxFederalPerBidKopecks: roubles(200_000_000),
        maxFederalPerClusterKopecks: roubles(250_000_000),
        minCofinancingBasisPoints: 3000,
        singleActiveBid: true,
        sections: SECTIONS,
        attachmentKinds: ATTACHMENTS,
        criteria: CLUSTER_CRITERIA,
        minWeightedTotal: 2.5,
        eligibilityChecklist: ELIGIBILITY,
        reviewersPerBid: 3,
        aggregation: 'mean',
        disagreementThreshold: 2,
        minJustificationLength: 80,
        tieBreakChain: [
          { rule: 'criterion', criterionCode: 'programme-quality' },
          { rule: 'earlier-final-submission' },
          { rule: 'smaller-request' },
        ],
        allocationPolicy: 'partial-marginal',
        partialMinShareBasisPoints: 5000,
        reserveListLength: 3,
        appealWindowDays: 10,
      },
    },
    {
      status: 'scoring',
      historical: true,
      rules: {
        code: 'CL20-2016',
        titleRu: 'Отбор инновационных кластеров для перехода к модели 2.0, 2016',
        titleEn: 'Selection of innovative clusters for the transition to the 2.0 model, 2016',
        descriptionRu:
          'Заявки принимались до 26 сентября 2016 года; 22 заявки, отобрано 11 кластеров. Победители получают поддержку министерства и доступ к иным мерам финансирования (статус без субсидии).',
        descriptionEn:
          'Applications were accepted until 26 September 2016; 22 bids, 11 clusters selected. Winners gain ministry support and access to other financing (a status award without a subsidy).',
        opensAt: '2016-07-29T09:00:00+03:00',
        closesAt: '2016-09-26T23:59:59+03:00',
        fundingYears: [2017],
        minCofinancingBasisPoints: 0,
        singleActiveBid: true,
        sections: SECTIONS,
        criteria: [
          {
            code: 'management-standard',
            titleRu: 'Соответствие стандарту управления',
            titleEn: 'Compliance with the management standard',
            weight: 40,
            scaleMin: 1,
            scaleMax: 9,
            scaleStep: 1,
            minScore: 3,
          },
          {
            code: 'development-potential',
            titleRu: 'Потенциал развития',
            titleEn: 'Development potential',
            weight: 35,
            scaleMin: 1,
            scaleMax: 9,
            scaleStep: 1,
          },
          {
            code: 'partners',
            titleRu: 'Партнёрства и внешние связи',
            titleEn: 'Partnerships and external links',
            weight: 25,
            scaleMin: 1,
            scaleMax: 9,
            scaleStep: 1,
          },
        ],
        minWeightedTotal: 4,
        eligibilityChecklist: ELIGIBILITY.slice(0, 1).concat(ELIGIBILITY.slice(2)),
        reviewersPerBid: 3,
        aggregation: 'median',
        disagreementThreshold: 3,
        minJustificationLength: 50,
        tieBreakChain: [{ rule: 'criterion', criterionCode: 'management-standard' }, { rule: 'earlier-final-submission' }],
        allocationPolicy: 'select-top-n',
        selectTopN: 11,
        reserveListLength: 2,
        appealWindowDays: 10,
      },
    },
    {
      status: 'scoring',
      historical: true,
      rules: {
        code: 'PILOT-2014',
        titleRu: 'Субсидии на реализацию программ развития пилотных инновационных территориальных кластеров, 2014',
        titleEn: 'Subsidies for the development programmes of pilot innovative territorial clusters, 2014',
        descriptionRu:
          'Федеральный бюджет — 2,5 млрд рублей; запросы кластеров — около 2,7 млрд (по другим данным 26 заявок более чем на 5,2 млрд). Софинансирование субъектом РФ не менее 5 %.',
        descriptionEn:
          'Federal budget 2.5 bn roubles; clusters requested about 2.7 bn (other sources: 26 bids for over 5.2 bn). Regional co-financing at least 5 %.',
        opensAt: '2014-03-03T09:00:00+04:00',
        closesAt: '2014-04-15T18:00:00+04:00',
        budgetKopecks: roubles(2_500_000_000),
        fundingYears: [2014],
        maxFederalPerBidKopecks: roubles(350_000_000),
        maxFederalPerClusterKopecks: roubles(350_000_000),
        minCofinancingBasisPoints: 500,
        singleActiveBid: true,
        sections: SECTIONS,
        attachmentKinds: ATTACHMENTS,
        criteria: CLUSTER_CRITERIA,
        minWeightedTotal: 1.5,
        eligibilityChecklist: ELIGIBILITY,
        reviewersPerBid: 3,
        aggregation: 'trimmed-mean',
        trimBasisPoints: 2000,
        disagreementThreshold: 2,
        minJustificationLength: 50,
        tieBreakChain: [{ rule: 'criterion', criterionCode: 'programme-quality' }, { rule: 'smaller-request' }],
        allocationPolicy: 'proportional',
        reserveListLength: 0,
        appealWindowDays: 10,
      },
    },
  ];
}
