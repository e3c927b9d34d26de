import type { SeedData, SeedMilestone, SeedParticipantRole, SeedQuote } from './types';

/**
 * Seed data of the Angara-Yenisei cluster roadmap, built only from the five public texts in
 * ../shared/sources. Every `quote` below is copied character for character from the file
 * that SOURCE_FILES names for its source key (scripts/verify-seed-quotes.ts checks this).
 * Nothing here is invented: no URL, and no date that a source does not give.
 */

const TASS = 'tass-2025-10-25';
const RIA = 'ria-2025-11-07';
const INTERFAX = 'interfax-2025-12-25';
const PATRUSHEV = 'patrushev-siberia-meeting';
const COLUMN = 'column-cluster-timeline';

/** Source key → file name in ../shared/sources; used only by the checker. */
export const SOURCE_FILES: Record<string, string> = {
  [TASS]: '000_316e581cab7f00d4.txt',
  [RIA]: '001_14c1833734f10dd8.txt',
  [INTERFAX]: '002_bd576f8ec1e6a389.txt',
  [PATRUSHEV]: '003_7f991ae7bf0d319b.txt',
  [COLUMN]: '004_2ba7fc7ecec85fb4.txt',
};

type Claim = SeedMilestone['citations'][number]['claim'];

function cite(claim: Claim, source: string, quote: string): SeedMilestone['citations'][number] {
  return { claim, source, quote };
}

function q(source: string, quote: string): SeedQuote {
  return { source, quote };
}

function role(participant: string, r: SeedParticipantRole['role'], ...citations: SeedQuote[]): SeedParticipantRole {
  return { participant, role: r, citations };
}

function year(y: number): NonNullable<SeedMilestone['planned']> {
  return { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' };
}

// Quotes used more than once.
const Q_CORPORATIONS = 'крупнейшие промышленные корпорации («Росатом», «Норникель», «Русал»)';
const Q_SCIENCE_CENTRES = 'научные центры (Сибирское отделение РАН, ведущие вузы)';
const Q_REGIONAL_AUTHORITIES =
  'собрать в единую работающую систему десятки участников: крупнейшие промышленные корпорации («Росатом», «Норникель», «Русал»), научные центры (Сибирское отделение РАН, ведущие вузы), инвесторов и региональные власти';
const Q_FOUR_REGIONS_RIA =
  'Создание кластера глубокой переработки цветных, редких и редкоземельных металлов в Ангаро-Енисейском регионе объединит в себе десятки предприятий, научных институтов и вузов в Красноярском крае, Иркутской области, Хакасии и Туве, сообщает пресс-служба губернатора Красноярского края.';
const Q_FOUR_REGIONS_INTERFAX =
  'Как сообщалось, создание кластера предполагается на территориях Красноярского края, Иркутской области, Хакасии и Тувы.';
const Q_CURATORS =
  'Проект курируют Совет безопасности Российской Федерации, Министерство промышленности и торговли Российской Федерации, Министерство природных ресурсов и экологии Российской Федерации, Министерство энергетики Российской Федерации, Министерство экономического развития Российской Федерации и государственная корпорация развития ВЭБ.РФ';
const Q_MANTUROV_BOARD = 'Попечительский совет кластера возглавил первый вице-премьер РФ Денис Мантуров.';
const Q_FRIENDLY_PARTNERS =
  'Создаваемый в Сибири Ангаро-Енисейский кластер глубокой переработки редких и редкоземельных металлов (РЗМ) предполагает привлечение партнеров из дружественных стран, сообщил первый заместитель председателя правительства Денис Мантуров.';
const Q_FRIENDLY_PARTNERS_BUILD =
  'где предусматривается привлечение крупных российских компаний и нероссийских в том числе, то есть наших партнеров из дружественных стран, по строительству предприятий, мощностей по переработке';
const Q_FUND =
  'Фонд развития инновационного научно-технологического центра «Долина Менделеева» занимается в том числе экспертным и технологическим обеспечением деятельности Ангаро-Енисейского кластера цветных, редких и редкоземельных металлов.';
const Q_SHOIGU_MEETING =
  'в четверг в Красноярск с рабочим визитом прибыл секретарь Совета безопасности РФ Сергей Шойгу и провел совещание с научным сообществом по созданию кластера глубокой переработки цветных, редких и редкоземельных металлов в Ангаро-Енисейском регионе';
const Q_ROADMAP_SIGNED =
  'По итогам встречи подписана дорожная карта реализации сотрудничества с Сибирским отделением РАН.';
const Q_HEAVY_REE =
  'Сейчас готовых технологий, связанных с извлечением тяжелой группы редкоземельных металлов, в России нет.';

export const clusterSeed: SeedData = {
  sources: [
    {
      key: TASS,
      publisher: 'ТАСС',
      title: 'Эксперт Верховец: связанные с РЗМ производства надо размещать внутри РФ',
      publishedOn: '2025-10-25',
      note: 'Материал из Красноярска («КРАСНОЯРСК 25 октября. /ТАСС/»); мнение проректора СФУ по перспективным проектам Сергея Верховца.',
      kind: 'news_agency',
    },
    {
      key: RIA,
      publisher: 'РИА Новости',
      title: 'Стратегию создания кластера критических металлов обсудили в Красноярске',
      publishedOn: '2025-11-07',
      note: 'Опубликовано в пятницу 7 ноября 2025 года; совещание прошло «в четверг», то есть 6 ноября 2025 года. Источник сведений — пресс-служба губернатора Красноярского края.',
      kind: 'news_agency',
    },
    {
      key: INTERFAX,
      publisher: 'Интерфакс',
      title: 'Россия привлечет партнеров из дружественных стран к РЗМ-кластеру в Сибири',
      publishedOn: '2025-12-25',
      note: 'Интервью Дениса Мантурова телеканалу «Россия 24» дано «в четверг», то есть 25 декабря 2025 года, в день публикации.',
      kind: 'news_agency',
    },
    {
      key: PATRUSHEV,
      publisher: null,
      title:
        'В Сибирском федеральном округе планируется создать специализированный кластер по глубокой переработке редкоземельных металлов',
      publishedOn: null,
      note: 'Дата не указана; по контексту — конец 2025 года. Издатель не указан. Заголовка у текста нет: в качестве названия взято его первое предложение.',
      kind: 'unknown',
    },
    {
      key: COLUMN,
      publisher: null,
      title: 'Что запустят первым: чёткий таймлайн',
      publishedOn: null,
      note: 'Авторская колонка; дата и издатель не указаны. Название — заголовок раздела колонки с таймлайном (2028, 2030, 2032 годы); у самой колонки заголовка в тексте нет.',
      kind: 'opinion',
    },
  ],

  workstreams: [
    {
      key: 'separation',
      nameRu: 'Производство и разделение редких и редкоземельных металлов',
      nameEn: 'Production and separation of rare and rare-earth metals',
    },
    {
      key: 'high_purity',
      nameRu: 'Новые материалы и высокочистые вещества',
      nameEn: 'New materials and high-purity substances',
    },
    {
      key: 'energy_storage',
      nameRu: 'Системы хранения энергии и литий-ионные батареи',
      nameEn: 'Energy storage systems and lithium-ion batteries',
    },
    {
      key: 'magnets',
      nameRu: 'Постоянные магниты и силовая электроника',
      nameEn: 'Permanent magnets and power electronics',
    },
    { key: 'additive', nameRu: 'Аддитивные технологии', nameEn: 'Additive technologies' },
    {
      key: 'ai_chemistry',
      nameRu: 'Искусственный интеллект в химической промышленности',
      nameEn: 'Artificial intelligence in the chemical industry',
    },
    {
      key: 'governance',
      nameRu: 'Инфраструктура и управление кластером',
      nameEn: 'Cluster infrastructure and governance',
    },
  ],

  regions: [
    { key: 'krasnoyarsk', nameRu: 'Красноярский край', nameEn: 'Krasnoyarsk Krai' },
    { key: 'irkutsk', nameRu: 'Иркутская область', nameEn: 'Irkutsk Oblast' },
    { key: 'khakassia', nameRu: 'Республика Хакасия', nameEn: 'Republic of Khakassia' },
    { key: 'tuva', nameRu: 'Республика Тыва', nameEn: 'Republic of Tuva' },
  ],

  participants: [
    { key: 'rosatom', nameRu: 'Госкорпорация «Росатом»', nameEn: 'Rosatom State Corporation', kind: 'company' },
    { key: 'giredmet', nameRu: 'Институт «Гиредмет»', nameEn: 'Giredmet Institute', kind: 'institute' },
    { key: 'nornickel', nameRu: '«Норникель»', nameEn: 'Nornickel', kind: 'company' },
    { key: 'rusal', nameRu: '«Русал»', nameEn: 'Rusal', kind: 'company' },
    {
      key: 'sb_ras',
      nameRu: 'Сибирское отделение РАН',
      nameEn: 'Siberian Branch of the Russian Academy of Sciences',
      kind: 'institute',
    },
    {
      key: 'sfu',
      nameRu: 'Сибирский федеральный университет',
      nameEn: 'Siberian Federal University',
      kind: 'university',
    },
    { key: 'krastsvetmet', nameRu: '«Красцветмет»', nameEn: 'Krastsvetmet', kind: 'company' },
    {
      key: 'mendeleev_valley_fund',
      nameRu: 'Фонд развития ИНТЦ «Долина Менделеева»',
      nameEn: 'Mendeleev Valley Innovation Science and Technology Centre Development Fund',
      kind: 'fund',
    },
    {
      key: 'security_council',
      nameRu: 'Совет безопасности Российской Федерации',
      nameEn: 'Security Council of the Russian Federation',
      kind: 'agency',
    },
    {
      key: 'minpromtorg',
      nameRu: 'Министерство промышленности и торговли Российской Федерации',
      nameEn: 'Ministry of Industry and Trade of the Russian Federation',
      kind: 'ministry',
    },
    {
      key: 'minprirody',
      nameRu: 'Министерство природных ресурсов и экологии Российской Федерации',
      nameEn: 'Ministry of Natural Resources and Environment of the Russian Federation',
      kind: 'ministry',
    },
    {
      key: 'minenergo',
      nameRu: 'Министерство энергетики Российской Федерации',
      nameEn: 'Ministry of Energy of the Russian Federation',
      kind: 'ministry',
    },
    {
      key: 'mineconomy',
      nameRu: 'Министерство экономического развития Российской Федерации',
      nameEn: 'Ministry of Economic Development of the Russian Federation',
      kind: 'ministry',
    },
    { key: 'veb_rf', nameRu: 'ВЭБ.РФ', nameEn: 'VEB.RF', kind: 'agency' },
    {
      key: 'gov_krasnoyarsk',
      nameRu: 'Правительство Красноярского края',
      nameEn: 'Government of Krasnoyarsk Krai',
      kind: 'regional_government',
    },
    {
      key: 'gov_irkutsk',
      nameRu: 'Правительство Иркутской области',
      nameEn: 'Government of Irkutsk Oblast',
      kind: 'regional_government',
    },
    {
      key: 'gov_khakassia',
      nameRu: 'Правительство Республики Хакасия',
      nameEn: 'Government of the Republic of Khakassia',
      kind: 'regional_government',
    },
    {
      key: 'gov_tuva',
      nameRu: 'Правительство Республики Тыва',
      nameEn: 'Government of the Republic of Tuva',
      kind: 'regional_government',
    },
    {
      key: 'friendly_partners',
      nameRu: 'Партнёры из дружественных стран',
      nameEn: 'Partners from friendly countries',
      kind: 'foreign_partners',
    },
    { key: 'manturov', nameRu: 'Денис Мантуров', nameEn: 'Denis Manturov', kind: 'person' },
  ],

  milestones: [
    {
      key: 'chem-plant-2028',
      titleRu: 'Многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов',
      titleEn: 'Multi-product small-tonnage chemicals plant for high-purity products',
      description:
        'По авторской колонке, в 2028 году планируют запустить многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов — первый этап таймлайна кластера.',
      expectedResult: 'Выпуск высокочистых продуктов.',
      workstream: 'high_purity',
      region: null,
      site: null,
      status: 'planned',
      planned: year(2028),
      actualDate: null,
      citations: [
        cite('milestone', COLUMN, 'многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов'),
        cite(
          'date',
          COLUMN,
          'В 2028 году планируют запустить многоассортиментный завод малотоннажной химии для выпуска высокочистых продуктов.',
        ),
        cite('status', COLUMN, 'В 2028 году планируют запустить'),
      ],
      participants: [],
    },
    {
      key: 'lithium-hydroxide-2030',
      titleRu: 'Переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития',
      titleEn: 'Processing of Tastyg deposit ore concentrate into lithium hydroxide',
      description:
        'По авторской колонке, в 2030 году начнётся переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития, напрямую связанного с аккумуляторными технологиями.',
      expectedResult: 'Получение гидроксида лития для аккумуляторных технологий.',
      workstream: 'energy_storage',
      region: null,
      site: null,
      status: 'planned',
      planned: year(2030),
      actualDate: null,
      citations: [
        cite(
          'milestone',
          COLUMN,
          'переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития',
        ),
        cite(
          'date',
          COLUMN,
          'В 2030 году начнётся переработка рудного концентрата Тастыгского месторождения с получением гидроксида лития, напрямую связанного с аккумуляторными технологиями.',
        ),
      ],
      participants: [],
    },
    {
      key: 'ai-computing-centre-2032',
      titleRu: 'Вычислительный центр искусственного интеллекта',
      titleEn: 'Artificial intelligence computing centre',
      description:
        'По авторской колонке, в 2032 году заработает вычислительный центр искусственного интеллекта, который станет частью общей технологической инфраструктуры кластера.',
      expectedResult: 'Вычислительный центр ИИ как часть общей технологической инфраструктуры.',
      workstream: 'ai_chemistry',
      region: null,
      site: null,
      status: 'planned',
      planned: year(2032),
      actualDate: null,
      citations: [
        cite(
          'milestone',
          COLUMN,
          'вычислительный центр искусственного интеллекта, который станет частью общей технологической инфраструктуры',
        ),
        cite(
          'date',
          COLUMN,
          'В 2032 году заработает вычислительный центр искусственного интеллекта, который станет частью общей технологической инфраструктуры.',
        ),
      ],
      participants: [],
    },
    {
      key: 'cluster-initiative-launched',
      titleRu: 'Запущена инициатива по созданию кластера редкоземов в Ангаро-Енисейском макрорегионе',
      titleEn: 'Initiative to create a rare-earth cluster in the Angara-Yenisei macroregion launched',
      description:
        'ТАСС 25 октября 2025 года со слов проректора СФУ Сергея Верховца сообщил, что в стране уже запущена инициатива по созданию кластера редкоземов в Ангаро-Енисейском макрорегионе. Дата самого запуска не указана; в качестве фактической даты взята дата сообщения.',
      expectedResult:
        'Кластер редкоземов из научно-технологического ядра, сырьевой части (перспективные месторождения в Восточной Сибири) и производственных мощностей по глубокой переработке в Красноярском крае и Хакасии.',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'done',
      planned: null,
      actualDate: '2025-10-25',
      citations: [
        cite(
          'milestone',
          TASS,
          'Верховец напомнил, что сейчас в стране запущена инициатива по созданию кластера редкоземов в Ангаро-Енисейском макрорегионе.',
        ),
        cite('status', TASS, 'сейчас в стране запущена инициатива по созданию кластера редкоземов'),
        cite('date', TASS, 'КРАСНОЯРСК 25 октября. /ТАСС/.'),
        cite(
          'milestone',
          TASS,
          'Ранее сообщалось, что кластер редкоземов помимо научно-технологического ядра будет состоять из сырьевой части - перспективные месторождения редкоземов в Восточной Сибири и производственных мощностей по их глубокой переработке, расположенных на территории Красноярского края и Хакасии.',
        ),
      ],
      participants: [],
    },
    {
      key: 'additive-cluster-krasnoyarsk',
      titleRu: 'Научно-технологический кластер в области аддитивных технологий в Красноярске',
      titleEn: 'Science and technology cluster for additive technologies in Krasnoyarsk',
      description:
        'В Красноярске планируется запустить научно-технологический кластер в области аддитивных технологий на основе редких и редкоземельных металлов. Он станет частью создаваемого ИНТЦ «Долина Менделеева»; площадки центра — в Москве, в Красноярске (на базе СФУ и научного центра СО РАН) и в Минусинской котловине (Минусинск, Абакан, Саяногорск). Срок запуска не указан.',
      expectedResult:
        'Площадки обеспечат научное, технологическое и кадровое обеспечение Ангаро-Енисейского кластера редкоземов.',
      workstream: 'additive',
      region: 'krasnoyarsk',
      site: 'Москва; Красноярск (СФУ и научный центр СО РАН); Минусинская котловина (Минусинск, Абакан, Саяногорск)',
      status: 'planned',
      planned: null,
      actualDate: null,
      citations: [
        cite(
          'milestone',
          TASS,
          'Так, в Красноярске планируется запустить научно-технологический кластер в области аддитивных технологий на основе редких и редкоземельных металлов (РЗМ).',
        ),
        cite(
          'status',
          TASS,
          'в Красноярске планируется запустить научно-технологический кластер в области аддитивных технологий',
        ),
        cite(
          'milestone',
          TASS,
          'Он станет частью создаваемого инновационного научно-технологического центра (ИНТЦ) "Долина Менделеева".',
        ),
        cite(
          'milestone',
          TASS,
          'Будет несколько площадок центра: одна - в Москве, а вторая - в Красноярске на базе СФУ и научного центра СО РАН, третья - в Минусинской котловине (Минусинск, Абакан, Саяногорск).',
        ),
        cite(
          'milestone',
          TASS,
          'По его словам, эти площадки обеспечат научное, технологическое и кадровое обеспечение Ангаро-Енисейского кластера редкоземов.',
        ),
      ],
      participants: [
        role('sfu', 'partner', q(TASS, 'а вторая - в Красноярске на базе СФУ и научного центра СО РАН')),
        role('sb_ras', 'partner', q(TASS, 'а вторая - в Красноярске на базе СФУ и научного центра СО РАН')),
      ],
    },
    {
      key: 'shoigu-meeting-roadmap-signed',
      titleRu: 'Совещание Сергея Шойгу в Красноярске; подписана дорожная карта сотрудничества с СО РАН',
      titleEn:
        "Sergei Shoigu's meeting in Krasnoyarsk; roadmap of cooperation with the Siberian Branch of the Russian Academy of Sciences signed",
      description:
        'Секретарь Совета безопасности РФ Сергей Шойгу провёл в Красноярске совещание с научным сообществом по созданию кластера; обсуждались стратегия развития кластера, переработка РЗМ, аддитивные технологии, системы накопления энергии, искусственный интеллект, транспортное и энергетическое обеспечение, недропользование и экологические аспекты. По итогам подписана дорожная карта сотрудничества с Сибирским отделением РАН; делегация осмотрела площадки для ИНТЦ кластера на базе СО РАН. Дата: РИА Новости 7 ноября 2025 года (пятница) пишет «в четверг», то есть 6 ноября 2025 года.',
      expectedResult:
        'Дорожная карта фиксирует основные направления и параметры взаимодействия для создания кластера: мероприятия, сроки, ожидаемые результаты и ответственных исполнителей.',
      workstream: 'governance',
      region: 'krasnoyarsk',
      site: 'Красноярск',
      status: 'done',
      planned: null,
      actualDate: '2025-11-06',
      citations: [
        cite('milestone', RIA, Q_ROADMAP_SIGNED),
        cite('status', RIA, 'По итогам встречи подписана дорожная карта'),
        cite(
          'milestone',
          RIA,
          'Документ зафиксировал основные направления и параметры взаимодействия для создания кластера глубокой переработки цветных, редких и редкоземельных металлов в Ангаро-Енисейском регионе – мероприятия, сроки, ожидаемые результаты и ответственных исполнителей.',
        ),
        cite('date', RIA, Q_SHOIGU_MEETING),
        cite('date', RIA, 'КРАСНОЯРСК, 7 ноя - РИА Новости.'),
      ],
      participants: [
        role('security_council', 'lead', q(RIA, Q_SHOIGU_MEETING)),
        role('sb_ras', 'partner', q(RIA, Q_ROADMAP_SIGNED)),
        role(
          'gov_krasnoyarsk',
          'partner',
          q(
            RIA,
            'У Красноярского края есть для этого серьезный задел: научная база, компетенции в космической отрасли и атомной промышленности, а главное – тесная кооперация университетов, научных институтов и предприятий.',
          ),
          q(RIA, 'отметил в свою очередь губернатор края Михаил Котюков'),
        ),
        role(
          'krastsvetmet',
          'partner',
          q(RIA, 'Один из участников совещания генеральный директор компании "Красцветмет" Михаил Дягилев'),
        ),
      ],
    },
    {
      key: 'putin-direct-line',
      titleRu: 'Прямая линия: заинтересовать компании в инвестициях в кластер и оказать им господдержку',
      titleEn: 'Direct Line: attract companies to invest in the cluster and give them state support',
      description:
        'В ходе прямой линии 19 декабря 2025 года президент РФ Владимир Путин заявил о необходимости заинтересовать компании в инвестициях в кластер и оказать им господдержку. Регион он назвал очень перспективным: возможности по добыче и переработке полезных ископаемых, созданию новых источников энергии, хорошая логистика.',
      expectedResult: '',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'done',
      planned: null,
      actualDate: '2025-12-19',
      citations: [
        cite(
          'milestone',
          INTERFAX,
          'В ходе прямой линии 19 декабря президент РФ Владимир Путин заявил о необходимости заинтересовать компании в инвестициях в кластер, оказать им господдержку.',
        ),
        cite('date', INTERFAX, 'В ходе прямой линии 19 декабря'),
        cite('milestone', INTERFAX, 'Этот регион очень перспективный'),
      ],
      participants: [],
    },
    {
      key: 'manturov-friendly-partners',
      titleRu: 'Денис Мантуров: к кластеру привлекут партнёров из дружественных стран',
      titleEn: 'Denis Manturov: partners from friendly countries to be brought into the cluster',
      description:
        'В интервью телеканалу «Россия 24» первый вице-премьер Денис Мантуров сообщил, что проект Ангаро-Енисейского кластера предусматривает привлечение крупных российских и нероссийских компаний, в том числе партнёров из дружественных стран, к строительству предприятий и мощностей по переработке, в том числе редкоземельных металлов. Мантуров возглавил попечительский совет кластера. Дата: Интерфакс 25 декабря 2025 года (четверг) пишет, что интервью дано «в четверг».',
      expectedResult:
        'Предприятия и мощности по переработке, в том числе редкоземельных металлов: выделение концентратов, оксидов для последующего использования, в том числе в аддитивных технологиях.',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'done',
      planned: null,
      actualDate: '2025-12-25',
      citations: [
        cite('milestone', INTERFAX, Q_FRIENDLY_PARTNERS),
        cite(
          'milestone',
          INTERFAX,
          'по строительству предприятий, мощностей по переработке, в том числе редкоземельных металлов: по выделению концентратов, оксидов для последующего использования, в том числе в аддитивных технологиях',
        ),
        cite('date', INTERFAX, 'сказал Мантуров в интервью телеканалу "Россия 24" в четверг'),
        cite('date', INTERFAX, 'Москва. 25 декабря. INTERFAX.RU'),
      ],
      participants: [
        role('manturov', 'curator', q(INTERFAX, Q_MANTUROV_BOARD)),
        role('friendly_partners', 'partner', q(INTERFAX, Q_FRIENDLY_PARTNERS), q(INTERFAX, Q_FRIENDLY_PARTNERS_BUILD)),
      ],
    },
    {
      key: 'patrushev-expert-group',
      titleRu: 'Дмитрий Патрушев поручил сформировать экспертную группу по редким и редкоземельным металлам',
      titleEn: 'Dmitry Patrushev orders an expert group on rare and rare-earth metals to be formed',
      description:
        'На совещании по вопросам развития Сибири вице-премьер Дмитрий Патрушев сообщил, что в Сибирском федеральном округе планируется создать специализированный кластер по глубокой переработке редкоземельных металлов, и поручил сформировать экспертную группу. Дата совещания в источнике не указана (по контексту — конец 2025 года); в каком регионе округа будет кластер, на совещании не уточнялось, Ангаро-Енисейский кластер по имени не назван.',
      expectedResult:
        'Экспертная группа определит долгосрочные потребности экономики в редких и редкоземельных металлах и составит список продукции, производство которой может быть организовано в округе.',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'done',
      planned: null,
      actualDate: null,
      citations: [
        cite('milestone', PATRUSHEV, 'Патрушев дал поручение сформировать экспертную группу.'),
        cite(
          'milestone',
          PATRUSHEV,
          'Её задача — определить долгосрочные потребности экономики в редких и редкоземельных металлах и составить список продукции, производство которой может быть организовано в округе.',
        ),
        cite('status', PATRUSHEV, 'Патрушев дал поручение'),
        cite('milestone', PATRUSHEV, 'В каком регионе округа планируется создать кластер на совещании не уточнялось.'),
      ],
      participants: [],
    },
    {
      key: 'ksenia-shoigu-appointed',
      titleRu: 'Ксения Шойгу назначена генеральным директором Фонда развития ИНТЦ «Долина Менделеева»',
      titleEn:
        'Ksenia Shoigu appointed Director General of the Mendeleev Valley Innovation Science and Technology Centre Development Fund',
      description:
        'Правительство РФ согласовало назначение Ксении Шойгу на должность генерального директора Фонда развития ИНТЦ «Долина Менделеева» и освободило от этой должности Александра Масленникова. Фонд занимается в том числе экспертным и технологическим обеспечением деятельности Ангаро-Енисейского кластера. Дата назначения в источнике не указана.',
      expectedResult:
        'По оценке автора колонки — системная сборка кластера: понятные правила, синхронизация сроков, привлечение инвестиций, привлекательность кластера для работы и жизни специалистов.',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'done',
      planned: null,
      actualDate: null,
      citations: [
        cite(
          'milestone',
          COLUMN,
          'Правительство Российской Федерации согласовало назначение Шойгу Ксении Сергеевны на должность генерального директора Фонда развития инновационного научно-технологического центра «Долина Менделеева» и освободило от этой должности Масленникова Александра Владимировича.',
        ),
        cite('status', COLUMN, 'Правительство Российской Федерации согласовало назначение Шойгу Ксении Сергеевны'),
        cite(
          'milestone',
          COLUMN,
          'Её роль — стать тем самым связующим звеном, которое обеспечит понятные правила, синхронизирует сроки, привлечет инвестиции и, что критически важно, сделает сам кластер привлекательным местом для работы и жизни талантливых специалистов.',
        ),
      ],
      participants: [role('mendeleev_valley_fund', 'executor', q(COLUMN, Q_FUND))],
    },
    {
      key: 'heavy-ree-technology',
      titleRu: 'Технология извлечения тяжёлой группы редкоземельных металлов',
      titleEn: 'Technology for extracting heavy rare-earth metals',
      description:
        'Генеральный директор «Красцветмета» Михаил Дягилев по итогам совещания в Красноярске рассказал о планах предприятия по развитию новых технологий очистки и выделения из сырья редкоземельных металлов. Готовых технологий извлечения тяжёлой группы РЗМ в России сейчас нет; задача — разработать технологию с учётом особенностей российских источников сырья. Срок не указан.',
      expectedResult:
        'Технология извлечения тяжёлой группы РЗМ с учётом особенностей источников сырья в России; комплексное извлечение редких и редкоземельных металлов.',
      workstream: 'separation',
      region: null,
      site: null,
      status: 'planned',
      planned: null,
      actualDate: null,
      citations: [
        cite('milestone', RIA, Q_HEAVY_REE),
        cite(
          'milestone',
          RIA,
          'Задача состоит в том, чтобы разработать технологию с учетом особенностей источников сырья в России и обеспечить комплексное извлечение редких и редкоземельных металлов.',
        ),
        cite(
          'status',
          RIA,
          'рассказал о планах работы предприятия по развитию новых технологий очистки и выделения из сырья редкоземельных металлов',
        ),
      ],
      participants: [
        role(
          'krastsvetmet',
          'partner',
          q(
            RIA,
            '"Красцветмет" обладает необходимыми компетенциями и инфраструктурой и готов стать участником в разработке таких технологических цепочек',
          ),
        ),
      ],
    },
    {
      key: 'cluster-programme',
      titleRu: 'Создание Ангаро-Енисейского кластера глубокой переработки цветных, редких и редкоземельных металлов',
      titleEn: 'Creation of the Angara-Yenisei cluster for deep processing of non-ferrous, rare and rare-earth metals',
      description:
        'Кластер объединит десятки предприятий, научных институтов и вузов в Красноярском крае, Иркутской области, Республике Хакасия и Республике Тыва по модели «наука рядом с производством». Его цель — превратить ресурсный потенциал Сибири в источник устойчивого инновационного развития России. Программа в целом; роли участников относятся ко всему проекту.',
      expectedResult:
        'Экосистема, объединяющая добычу и переработку редких и редкоземельных металлов, разработку передовых материалов, микроэлектроники, энергетических решений и систем искусственного интеллекта на базе взаимодействия промышленности, науки и образования.',
      workstream: 'governance',
      region: null,
      site: null,
      status: 'in_progress',
      planned: null,
      actualDate: null,
      citations: [
        cite('milestone', RIA, Q_FOUR_REGIONS_RIA),
        cite('milestone', INTERFAX, Q_FOUR_REGIONS_INTERFAX),
        cite(
          'milestone',
          INTERFAX,
          'Его цель заключается в том, чтобы превратить ресурсный потенциал Сибири в источник устойчивого инновационного развития России.',
        ),
        cite('status', INTERFAX, 'Есть не просто идея, а реализуемый проект по Ангаро-Енисейскому кластеру'),
        cite('status', COLUMN, 'где шаг за шагом складывается Ангаро-Енисейский кластер федерального значения'),
      ],
      participants: [
        role(
          'rosatom',
          'partner',
          q(COLUMN, 'Когда в проект входит Государственная корпорация по атомной энергии «Росатом»'),
          q(COLUMN, Q_CORPORATIONS),
        ),
        role(
          'giredmet',
          'scientific_partner',
          q(
            COLUMN,
            'Научно-технологическим партнёром кластера стал институт «Гиредмет», который входит в научный дивизион Росатома и десятилетиями работает с редкими и редкоземельными металлами.',
          ),
        ),
        role('nornickel', 'partner', q(COLUMN, Q_CORPORATIONS)),
        role('rusal', 'partner', q(COLUMN, Q_CORPORATIONS)),
        role('sb_ras', 'scientific_partner', q(COLUMN, Q_SCIENCE_CENTRES)),
        role('security_council', 'curator', q(COLUMN, Q_CURATORS)),
        role('minpromtorg', 'curator', q(COLUMN, Q_CURATORS)),
        role('minprirody', 'curator', q(COLUMN, Q_CURATORS)),
        role('minenergo', 'curator', q(COLUMN, Q_CURATORS)),
        role('mineconomy', 'curator', q(COLUMN, Q_CURATORS)),
        role('veb_rf', 'curator', q(COLUMN, Q_CURATORS)),
        role('gov_krasnoyarsk', 'partner', q(RIA, Q_FOUR_REGIONS_RIA), q(COLUMN, Q_REGIONAL_AUTHORITIES)),
        role('gov_irkutsk', 'partner', q(INTERFAX, Q_FOUR_REGIONS_INTERFAX), q(COLUMN, Q_REGIONAL_AUTHORITIES)),
        role('gov_khakassia', 'partner', q(INTERFAX, Q_FOUR_REGIONS_INTERFAX), q(COLUMN, Q_REGIONAL_AUTHORITIES)),
        role('gov_tuva', 'partner', q(INTERFAX, Q_FOUR_REGIONS_INTERFAX), q(COLUMN, Q_REGIONAL_AUTHORITIES)),
        role('friendly_partners', 'partner', q(INTERFAX, Q_FRIENDLY_PARTNERS)),
        role('manturov', 'curator', q(INTERFAX, Q_MANTUROV_BOARD)),
        role('mendeleev_valley_fund', 'executor', q(COLUMN, Q_FUND)),
      ],
    },
  ],
};
