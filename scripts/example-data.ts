// Data for the bundled example workbooks. The Norfolk 2019 priorities and
// actions are from section 6.4 of the refresh (shared/seeds); leads, measures,
// RAG and evidence are plausible inventions, with a few realistic mistakes.

export type Cell = string | number | Date | null | { error: string; formula: string };

export interface ActionData {
  /** A ref of the action's own (dotted plans number each action); else the group's ref on its first row. */
  ref?: Cell;
  action: string;
  lead: Cell;
  outcome?: Cell;
  due?: Cell;
  term?: Cell;
  rag: Cell;
  evidence?: Cell;
  hidden?: boolean;
  /** A fill on the status cell (ARGB), as plans that show status by colour have. */
  statusFill?: string;
}

export interface GroupData {
  ref: Cell;
  priority: string;
  actions: ActionData[];
}

export interface ThemeData {
  tab: string;
  titles: string[];
  groups: GroupData[];
  /** Rows written between groups, e.g. a repeated header or a banner (index = before group i). */
  interludes?: Record<number, 'repeat-header' | string>;
}

export const NORFOLK_2019: ThemeData[] = [
  {
    tab: 'Prevention & Early Intervention',
    titles: ['Appendix 1: Strategic Framework - Action Plan Proforma', 'Prevention/Early Intervention'],
    groups: [
      {
        ref: 'PE1',
        priority:
          'Improve the availability/effectiveness of family intervention services among families and children of offenders who are deemed to be at increased risk of social exclusion and involvement in offending in later life.',
        actions: [
          {
            action:
              'Complete a review of the ACE approach and consider the case for roll out of approach across Norfolk.',
            lead: 'Norfolk County Council (Children’s Services)',
            outcome: 'Review completed and roll-out decision taken by the Board',
            rag: 'G',
            evidence: 'Review reported to the Board in January; roll-out agreed for two districts from April.',
          },
          {
            action:
              'Review existing programmes and identify approaches to improving availability and effectiveness of programmes aimed to encourage desistance and support offenders successful resettlement and reintegration into the community.',
            lead: 'OPCCN',
            outcome: 'Gap analysis of family programmes; number of families supported',
            rag: 'Amber ',
            evidence: 'Mapping of programmes under way; Ormiston Unite and Breaking Barriers data received.',
          },
        ],
      },
      {
        ref: 'PE2',
        priority:
          'Further develop and strengthen preventative services and interventions for looked after children at risk of offending, with a view to reducing the numbers of children and young people in care being drawn into contact with the youth justice system.',
        actions: [
          {
            action:
              'Review the implementation of the recommendations arising from the recent independent report into the over-representation of LAC cohort in the criminal justice system and monitor impact in Norfolk.',
            lead: 'Norfolk Youth Offending Team',
            outcome: 'Rate of first-time entrants among looked after children',
            rag: 'R',
            evidence: '',
          },
        ],
      },
      {
        ref: 'PE3',
        priority:
          'Ensure the early help structure in Norfolk is effective in preventing crime and anti-social behaviour before problems become entrenched.',
        actions: [
          {
            action: 'Support work to upskill Early Help partners through integration with criminal justice colleagues.',
            lead: 'Norfolk Constabulary',
            outcome: 'Number of Early Help staff trained; referrals from Early Help hubs',
            rag: 'amber',
            evidence: 'Joint training sessions held in Norwich and King’s Lynn; further dates being set.',
          },
        ],
      },
      {
        ref: 'PE4',
        priority:
          'Extend opportunities for young people’s active engagement in sport, the arts and other positive pastimes and activities to provide opportunities for individuals at risk of offending to make different life choices, lift their aspiration',
        actions: [
          {
            action: 'Map antisocial behaviour hotspot areas and gaps in diversionary activity provision.',
            lead: 'Community Safety Partnership',
            outcome: 'Hotspot map agreed; gaps in provision identified',
            rag: 'Green',
            evidence: 'Hotspot mapping completed with district councils.',
          },
          {
            action:
              'Utilise the skills and experience of local young people through consultation and existing youth groups such as the Youth Commission and Police Cadets to understand where provision of diversionary activities needs to be strengthened.',
            lead: '',
            outcome: 'Consultation responses; new activities commissioned',
            rag: 'Amber/ Green',
            evidence: 'Youth Commission consultation ran over the summer.',
          },
        ],
      },
    ],
  },
  {
    tab: 'Offender Management',
    titles: ['Appendix 1: Strategic Framework - Action Plan Proforma', 'Offender Management'],
    groups: [
      {
        ref: 'OM1',
        priority:
          'Engage with Youth Offending Teams and Probation providers to ensure that there is an integrated and flexible approach in working with young adult offenders between the ages of 17 and 25 (the age group at highest risk of reoffending) identifying and building upon gaps in provision.',
        actions: [
          {
            action:
              'Review delivery of the current YOT/NPS & CRC Transition to Adulthood (T2A) programme under which specific, targeted interventions and packages of rehabilitation support are delivered to young adult offenders between the ages of 17 and 25 to reduce the risk of reoffending.',
            lead: 'National Probation Service',
            outcome: 'Proven reoffending rate of 17-25 year olds on T2A caseload',
            rag: 'G',
            evidence: 'T2A review presented to the Board; recommendations accepted.',
          },
          {
            action:
              'Explore the case for the development of fit for purpose interventions for young adult offenders as part of CRC & NPS delivery arrangements.',
            lead: 'Community Rehabilitation Company',
            outcome: 'Options paper to the Board',
            rag: 'A',
            evidence: 'Options paper in draft.',
          },
        ],
      },
      {
        ref: 'om 2',
        priority: 'Ensure Norfolk has an effective IOM programme and continues to develop and implement best practice.',
        actions: [
          {
            action:
              'Examine the benefits of the review of Integrated Offender Management (IOM) approach, including governance.',
            lead: 'Norfolk Constabulary',
            outcome: 'IOM governance refreshed; cohort reoffending rate',
            rag: 'G',
            evidence: 'New IOM governance in place since June.',
          },
          {
            action:
              'Review case for extending IOM approach to include DA perpetrator cohort, drawing on best practice from other areas.',
            lead: 'Norfolk Constabulary',
            outcome: { formula: 'VLOOKUP("DA",Measures!A:B,2,FALSE)', error: '#N/A' },
            rag: 'A',
            evidence: 'Visits to two forces with DA IOM schemes arranged.',
          },
          {
            action:
              'Review wider management arrangements in respect of DA perpetrators to support delivery of county DA Action Plan.',
            lead: 'OPCCN',
            outcome: 'Perpetrator pathway agreed in the county DA Action Plan',
            rag: 'R',
            evidence: 'Delayed pending the county DA strategy refresh; new timetable to the next Board.',
            hidden: true,
          },
        ],
      },
      {
        ref: 'OM3',
        priority:
          'Ensure that health and social care and criminal justice work more closely to reduce the vulnerability of women to offending and reoffending.',
        actions: [
          {
            action:
              "Ensure that service provision is in place to support early intervention and diversion of first time women offenders, including the development of a 'problem solving' police-led response to women offenders coming into contact with the CJ system for the first time.",
            lead: 'Norfolk Constabulary',
            outcome: 'Number of women diverted at first contact',
            rag: 'G',
            evidence: 'Women’s diversion scheme live in all areas.',
          },
          {
            action:
              'Improve the availability of gender-specific sentencing options in the community allowing women to receive a community rather than a custodial sentence where appropriate.',
            lead: 'National Probation Service',
            outcome: 'Proportion of women receiving community sentences',
            rag: 'A',
            evidence: 'Women’s centre provision being extended to Great Yarmouth.',
          },
          {
            action:
              'Develop/strengthen resettlement provision for women offenders serving custodial sentences (held in local women’s resettlement prisons) who are to return Norfolk on release.',
            lead: 'Community Rehabilitation Company',
            outcome: 'Women released with accommodation in place',
            rag: '',
            evidence: '',
          },
          {
            action:
              'Develop a more structured, outcomes based, "what works" approach to work with women offenders, bringing together the learning from best practice in other areas.',
            lead: 'OPCCN',
            outcome: 'Women offenders’ outcomes framework adopted',
            rag: 'A',
            evidence: 'Framework drafted with the Women’s Justice Board.',
          },
        ],
      },
    ],
  },
  {
    tab: 'Rehabilitation & Resettlement',
    titles: ['Appendix 1: Strategic Framework - Action Plan Proforma', 'Rehabilitation and Resettlement'],
    groups: [
      {
        ref: 'RR1',
        priority:
          'Take forward a programme of work with partners to review the effectiveness of the new Prison and Probation reforms, taking account of recommendations from recent HMIP Inspections with the aim of improving the availability of accommodation, employment and other key rehabilitation and resettlement support services for offenders',
        actions: [
          {
            action: 'Implement the findings of the review.',
            lead: 'OPCCN',
            outcome: 'Review recommendations implemented; settled accommodation on release',
            rag: 'A',
            evidence: 'Flagship project: review board meets monthly; accommodation workstream first.',
          },
        ],
      },
      {
        ref: 'RR-2',
        priority: 'Improve access to employment, training and education for people on probation.',
        actions: [
          {
            action: 'Agree a county employment pathway with DWP, colleges and employers for people leaving custody.',
            lead: 'Department for Work and Pensions',
            outcome: 'People on probation in employment at 6 months',
            rag: 'Superseded',
            evidence: 'Superseded by the national Employment Hub model.',
          },
        ],
      },
    ],
  },
];

const date = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m - 1, d));

export const QUARTERLY_REPORT: ThemeData[] = [
  {
    tab: 'Prevention',
    titles: ['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27', 'Prevention'],
    groups: [
      {
        ref: 1,
        priority: 'Develop a Relationship Link Worker role for children with a parent or family member in prison',
        actions: [
          {
            action: 'Agree funding and host organisation for the role',
            lead: 'OPCCN',
            due: date(2026, 6, 30),
            term: 'S',
            rag: 'G',
            evidence: 'Funding agreed; hosted by Ormiston Families.',
          },
          {
            action: 'Recruit and induct the Link Worker',
            lead: 'Ormiston Families',
            due: date(2026, 9, 30),
            term: 'S',
            rag: 'G',
            evidence: 'Post filled in August.',
          },
          {
            action: 'Evaluate the first year of the role',
            lead: 'OPCCN',
            due: date(2027, 9, 30),
            term: 'M c/f',
            rag: 'A',
            evidence: 'Evaluation partner being procured.',
          },
        ],
      },
      {
        ref: 2,
        priority: 'Support victims of under-reported crime to come forward (modern slavery, stalking, hate crime)',
        actions: [
          {
            action: 'Run the #WalkedAway and #NoToDomesticAbuse campaigns',
            lead: 'OPCCN',
            due: date(2026, 12, 31),
            term: 'S',
            rag: 'G ',
            evidence: 'Campaign relaunched in September.',
          },
          {
            action: 'Commission pilot projects from the hidden victims fund',
            lead: 'OPCCN',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'A',
            evidence: 'Six bids shortlisted.',
          },
        ],
      },
      {
        ref: 3,
        priority: 'Reduce first-time entrants to the youth justice system',
        actions: [
          {
            action: 'Extend the youth diversion scheme to all districts',
            lead: 'Norfolk Youth Offending Team',
            due: date(2026, 9, 30),
            term: 'S',
            rag: 'A',
            evidence: 'Two districts still to start.',
          },
          {
            action: 'Report first-time entrant rates quarterly to the Board',
            lead: 'Norfolk Youth Offending Team',
            due: 'Mar 2027',
            term: 'Medium',
            rag: 'G',
            evidence: 'Q1 and Q2 reported.',
          },
        ],
      },
    ],
  },
  {
    tab: 'Diversion',
    titles: ['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27', 'Diversion'],
    groups: [
      {
        ref: 4,
        priority:
          'Divert people involved in minor offences away from unnecessary contact with the criminal justice system',
        actions: [
          {
            action: 'Embed the adult out-of-court disposals framework',
            lead: 'Norfolk Constabulary',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'A',
            evidence: 'Framework in place; scrutiny panel meeting quarterly.',
          },
          {
            action: 'Publish outcomes of conditional cautions with a health condition',
            lead: 'Norfolk Constabulary',
            due: date(2027, 6, 30),
            term: 'M c/f',
            rag: 'G',
            evidence: 'First report published.',
          },
          {
            action: 'Pilot a women-specific diversion pathway',
            lead: 'National Probation Service',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'Red/Amber',
            evidence: 'Pilot site agreed; start delayed.',
          },
        ],
      },
      {
        ref: 5,
        priority: 'Improve liaison and diversion services in police custody and courts',
        actions: [
          {
            action: 'Review the liaison and diversion referral pathway',
            lead: 'NHS Norfolk and Waveney ICB',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'A',
            evidence: '',
          },
        ],
      },
    ],
  },
  {
    tab: 'Offender Management',
    titles: ['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27', 'Offender Management'],
    interludes: { 2: 'repeat-header', 3: 'Carried forward from the 2023-26 plan' },
    groups: [
      {
        ref: 7,
        priority: 'Ensure Norfolk has an effective Integrated Offender Management programme',
        actions: [
          {
            action: 'Refresh the IOM cohort selection criteria',
            lead: 'Norfolk Constabulary',
            due: date(2026, 9, 30),
            term: 'S',
            rag: 'A',
            evidence: 'Criteria drafted; awaiting probation sign-off.',
          },
          {
            action: 'Include DA perpetrators in the IOM cohort',
            lead: 'Norfolk Constabulary',
            due: date(2027, 3, 31),
            term: 'M c/f',
            rag: 'G',
            evidence: 'DA cohort live since July.',
          },
          {
            action: 'Report IOM reoffending rates to the Board',
            lead: 'Probation Service',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'G',
            evidence: 'Reported quarterly.',
            hidden: true,
          },
        ],
      },
      {
        ref: 8,
        priority: 'Integrated approach for young adults aged 17 to 25',
        actions: [
          {
            action: 'Review the Transition to Adulthood programme',
            lead: 'Probation Service',
            due: date(2027, 12, 31),
            term: 'L',
            rag: 'A',
            evidence: 'Review scoped.',
          },
          {
            action: 'Agree a joint YOT/probation transition protocol',
            lead: 'Norfolk Youth Offending Team',
            due: date(2027, 3, 31),
            term: '',
            rag: 'G',
            evidence: 'Protocol signed.',
          },
        ],
      },
      {
        ref: 9,
        priority: 'Reduce the vulnerability of women to offending and reoffending',
        actions: [
          {
            action: 'Extend women’s centre provision to Great Yarmouth',
            lead: 'Probation Service',
            due: date(2027, 9, 30),
            term: 'M c/f',
            rag: 'A',
            evidence: 'Premises identified.',
          },
          {
            action: 'Develop resettlement provision for women released from custody',
            lead: 'Probation Service',
            due: date(2028, 3, 31),
            term: 'L',
            rag: 'W',
            evidence: 'Withdrawn: now delivered by the national women’s estate contract.',
          },
        ],
      },
      {
        ref: 10,
        priority: 'Manage domestic abuse perpetrators effectively',
        actions: [
          {
            action: 'Commission a perpetrator behaviour change programme',
            lead: 'OPCCN',
            due: date(2027, 3, 31),
            term: 'M c/f',
            rag: 'R',
            evidence: 'Tender failed; re-tendering in Q3.',
          },
          {
            action: 'Align perpetrator pathway with the county DA Action Plan',
            lead: 'Norfolk County Council',
            due: date(2027, 6, 30),
            term: 'c/f',
            rag: 'A',
            evidence: 'Pathway drafted.',
          },
        ],
      },
    ],
  },
  {
    tab: 'Rehab & Resettlement',
    titles: ['Reducing Offending Board - Quarterly Performance Report, Q2 2026/27', 'Rehabilitation and Resettlement'],
    groups: [
      {
        ref: 11,
        priority: 'Review the effectiveness of the Prison and Probation reforms (flagship project)',
        actions: [
          {
            action: 'Implement the findings of the review',
            lead: 'OPCCN',
            due: date(2027, 12, 31),
            term: 'L c/f',
            rag: 'A',
            evidence: 'Accommodation workstream first.',
          },
          {
            action: 'Secure settled accommodation on release for people leaving HMP Norwich',
            lead: 'Norwich City Council',
            due: date(2027, 3, 31),
            term: 'M c/f',
            rag: 'A',
            evidence: 'Duty to refer pathway agreed.',
          },
        ],
      },
      {
        ref: 12,
        priority: 'Improve access to employment, training and education',
        actions: [
          {
            action: 'Agree a county employment pathway with DWP and colleges',
            lead: 'Department for Work and Pensions',
            due: date(2027, 3, 31),
            term: 'M c/f',
            rag: 'G',
            evidence: 'Employment hub open.',
          },
          {
            action: 'Employer pledge: 20 Norfolk employers recruiting people with convictions',
            lead: 'Norfolk Chambers of Commerce',
            due: date(2028, 3, 31),
            term: 'L',
            rag: 'A',
            evidence: '12 employers signed up.',
          },
        ],
      },
      {
        ref: 12,
        priority: 'Support people in contact with the criminal justice system with substance misuse needs',
        actions: [
          {
            action: 'Increase continuity of care from prison to community treatment',
            lead: 'NHS Norfolk and Waveney ICB',
            due: date(2027, 3, 31),
            term: 'M',
            rag: 'Amb',
            evidence: 'Continuity rate 48% against 75% target.',
          },
        ],
      },
    ],
  },
];

/**
 * A community safety partnership's delivery plan as councils publish them: its
 * own headings, "On track" words, refs numbered 1.1, 1.2 per commitment, and
 * some statuses shown only by the cell's colour. Invented, with a board's
 * typical slips: a gap (2.3), a duplicate (3.2), a spelling ("on-track").
 */
export const DELIVERY_PLAN: ThemeData[] = [
  {
    tab: 'Safer Streets',
    titles: ['Community Safety Partnership: Delivery Plan 2025-27', 'Safer Streets'],
    groups: [
      {
        ref: null,
        priority: 'Reduce anti-social behaviour in town centres',
        actions: [
          {
            ref: '1.1',
            action: 'Extend town-centre ASB patrols to evenings and weekends',
            lead: 'Police (Town Centres Inspector)',
            outcome: 'ASB reports down 10% on 2024/25',
            due: date(2026, 3, 31),
            rag: 'On track',
            evidence: 'Evening patrols running in three towns since June.',
          },
          {
            ref: '1.2',
            action: 'Agree a Public Spaces Protection Order for the bus station',
            lead: 'District council ASB team',
            outcome: 'Order in force',
            due: date(2026, 12, 31),
            rag: 'on-track',
            evidence: 'Consultation closed; order drafted.',
          },
          {
            ref: '01.03',
            action: 'Train 40 licensed-premises staff to spot vulnerability',
            lead: 'Licensing',
            outcome: '40 staff trained',
            due: date(2027, 6, 30),
            rag: null,
            statusFill: 'FF00B050',
            evidence: '32 trained so far.',
          },
        ],
      },
      {
        ref: null,
        priority: 'Tackle knife crime',
        actions: [
          {
            ref: '2.1',
            action: 'Install knife bins in the six hotspot wards',
            lead: 'Police',
            outcome: 'Six bins installed',
            due: date(2025, 9, 30),
            rag: 'At Risk ',
            evidence: 'Four installed; two sites await landlord consent.',
          },
          {
            ref: '2.2',
            action: 'Run knife-crime workshops in every secondary school',
            lead: 'Youth Service',
            outcome: 'All 14 schools reached',
            due: date(2026, 7, 31),
            rag: 'Off track',
            evidence: null,
          },
          {
            ref: '2.4',
            action: 'Test a focused-deterrence approach with the Violence Reduction Unit',
            lead: 'Violence Reduction Unit',
            outcome: 'Pilot evaluated',
            due: date(2027, 12, 31),
            rag: 'On track',
            evidence: 'Pilot cohort agreed.',
          },
        ],
      },
    ],
  },
  {
    tab: 'Safer Lives',
    titles: ['Community Safety Partnership: Delivery Plan 2025-27', 'Safer Lives'],
    groups: [
      {
        ref: null,
        priority: 'Protect people at risk of domestic abuse',
        actions: [
          {
            ref: '3.1',
            action: 'Recommission the domestic abuse outreach service',
            lead: 'County council commissioning',
            outcome: 'New service live by April 2027',
            due: date(2027, 4, 1),
            rag: null,
            statusFill: 'FFFFC7CE',
            evidence: 'Tender delayed: too few bidders.',
          },
          {
            ref: '3.2',
            action: 'Roll out Operation Encompass alerts to every school',
            lead: 'Police',
            outcome: 'Schools alerted by 9am the next day',
            due: date(2025, 6, 30),
            rag: 'Complete',
            evidence: 'Live in all schools since May.',
          },
          {
            ref: '3.2',
            action: 'Publish the domestic homicide review action plan',
            lead: 'CSP manager',
            outcome: 'Plan published',
            due: date(2026, 1, 31),
            rag: 'At risk',
            evidence: 'Draft with the Home Office quality panel.',
          },
        ],
      },
      {
        ref: null,
        priority: 'Reduce reoffending by young people',
        actions: [
          {
            ref: 4.1,
            action: 'Offer every young person leaving custody a key worker',
            lead: 'Youth Justice Service',
            outcome: 'Every leaver offered one',
            due: date(2027, 3, 31),
            rag: null,
            statusFill: 'FFFFC000',
            evidence: 'Two of three posts filled.',
          },
          {
            ref: 4.2,
            action: 'Expand the Turnaround programme to 120 children',
            lead: 'Youth Justice Service',
            outcome: '120 children supported',
            due: date(2027, 3, 31),
            rag: 'Not on track',
            evidence: 'Referrals lower than planned.',
          },
          {
            ref: 4.3,
            action: 'Share reoffending data with the board every quarter',
            lead: null,
            outcome: 'Quarterly report',
            due: date(2027, 3, 31),
            rag: 'On track',
            evidence: 'Q1 and Q2 shared.',
          },
        ],
      },
    ],
  },
];
