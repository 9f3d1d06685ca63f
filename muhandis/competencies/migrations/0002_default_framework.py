"""The default competency framework, in Uzbek, Russian and English.

Built on the seven areas that the association's needs assessment found (technical, technological,
financial, economic, environmental, regulatory, legal) plus professional practice, for engineers
in construction and in water supply and sanitation; with the 0–4 proficiency scale and four role
profiles. It is published as version 1 of the framework "MUHANDIS-CORE".
"""

from django.db import migrations
from django.utils import timezone

CODE = "MUHANDIS-CORE"
# Texts are (uz, ru, en).
FRAMEWORK = (('Qurilish hamda suv taʼminoti va kanalizatsiya muhandislarining kompetensiyalar tizimi',
  'Рамка компетенций инженеров в области строительства и водоснабжения и канализации '
  '(водоотведения)',
  'Competency framework for construction and water supply and sanitation engineers'),
 ('Qurilish hamda suv taʼminoti va kanalizatsiya sohasidagi muhandislarga zarur boʻlgan '
  'kompetensiyalar: assotsiatsiya oʻtkazgan ehtiyojlarni baholash natijasida aniqlangan yettita '
  'yoʻnalish hamda kasbiy amaliyot boʻyicha.',
  'Компетенции, необходимые инженерам в строительстве и в сфере водоснабжения и канализации '
  '(водоотведения), по семи направлениям, выявленным в ходе проведенной ассоциацией оценки '
  'потребностей, а также в области профессиональной практики.',
  'The competencies that engineers in construction and in water supply and sanitation need, in the '
  "seven areas found by the association's needs assessment and in professional practice."))
SCALE = ('Malaka darajasi, 0 dan 4 gacha', 'Уровень владения, от 0 до 4', 'Proficiency, 0 to 4')
LEVELS = [(0,
  ('Yoʻq', 'Отсутствует', 'None'),
  ('Ushbu kompetensiya boʻyicha hali bilimga ega emas.',
   'Пока не обладает знаниями в области данной компетенции.',
   'Has no knowledge of this competency yet.')),
 (1,
  ('Tasavvurga ega', 'Имеет представление', 'Aware'),
  ('Asosiy tushunchalarni va ular qayerda qoʻllanilishini biladi; ularni hali amalda qoʻllay '
   'olmaydi.',
   'Знает основные понятия и области их применения; пока не может применять их на практике.',
   'Knows the concepts and where they apply; cannot yet apply them.')),
 (2,
  ('Rahbarlik ostida ishlaydi', 'Работает под руководством', 'Works under supervision'),
  ('Kompetensiyani odatiy vazifalarda tajribaliroq muhandisning yoʻl-yoʻrigʻi bilan qoʻllaydi.',
   'Применяет компетенцию при выполнении типовых задач под руководством более опытного инженера.',
   'Applies the competency in routine tasks with guidance from a more experienced engineer.')),
 (3,
  ('Mustaqil ishlaydi', 'Работает самостоятельно', 'Works independently'),
  ('Kompetensiyani odatiy va nostandart vaziyatlarda mustaqil qoʻllaydi hamda oʻz ishini oʻzi '
   'tekshiradi.',
   'Самостоятельно применяет компетенцию в типовых и нестандартных ситуациях и сам проверяет свою '
   'работу.',
   'Applies the competency on their own, in routine and unusual situations, and checks their own '
   'work.')),
 (4,
  ('Boshqalarni oʻqituvchi ekspert', 'Эксперт, обучающий других', 'Expert who teaches others'),
  ('Ushbu kompetensiya boʻyicha ishlarga rahbarlik qiladi, yangi muammolarni hal etadi, '
   'boshqalarni oʻqitadi va ularning ishini nazorat qiladi.',
   'Руководит работами в области данной компетенции, решает новые задачи, обучает других '
   'специалистов и контролирует их работу.',
   'Leads work in this competency, solves new problems and trains and supervises others.'))]
AREAS = [('TEC',
  ('Texnik kompetensiyalar', 'Технические компетенции', 'Technical'),
  ('Suv taʼminoti, kanalizatsiya va qurilish ishlari uchun muhandislik bilimlari.',
   'Инженерные знания в области водоснабжения, канализации (водоотведения) и строительных работ.',
   'Engineering knowledge for water supply, sanitation and construction works.'),
  [('TEC-01',
    ('Gidravlika va suv tarmoqlari',
     'Гидравлика и водопроводно-канализационные сети',
     'Hydraulics and water networks'),
    ('Suv taʼminoti va kanalizatsiya tarmoqlarini hamda nasos tizimlarini loyihalash, '
     'modellashtirish va tahlil qilish.',
     'Проектирование, моделирование и анализ сетей водоснабжения и канализации, а также насосных '
     'систем.',
     'Design, model and analyse water supply and sewer networks and pumping.')),
   ('TEC-02',
    ('Suvni va oqova suvlarni tozalash',
     'Водоподготовка и очистка сточных вод',
     'Water and wastewater treatment'),
    ('Ichimlik suvini tayyorlash va oqova suvlarni tozalash jarayonlarini tanlash, loyihalash va '
     'ekspluatatsiya qilish.',
     'Выбор, проектирование и эксплуатация технологических процессов подготовки питьевой воды и '
     'очистки сточных вод.',
     'Select, design and operate treatment processes for drinking water and wastewater.')),
   ('TEC-03',
    ('Qurilish ishlari va qurilish konstruksiyalari',
     'Общестроительные работы и строительные конструкции',
     'Civil and structural works'),
    ('Poydevorlar, temir-beton va poʻlat konstruksiyalarni hamda yer ishlarini loyihalash va '
     'ularning bajarilishi ustidan texnik nazoratni amalga oshirish.',
     'Проектирование фундаментов, железобетонных и стальных конструкций, земляных работ и '
     'технический надзор за их выполнением.',
     'Design and supervise foundations, reinforced-concrete and steel structures, and '
     'earthworks.')),
   ('TEC-04',
    ('Ekspluatatsiya va texnik xizmat koʻrsatish',
     'Эксплуатация и техническое обслуживание',
     'Operation and maintenance'),
    ('Tarmoqlar, inshootlar va binolarni ekspluatatsiya qilish hamda ularga texnik xizmat '
     'koʻrsatishni rejalashtirish va tashkil etish; aktivlarni boshqarish va yoʻqotishlarni '
     'kamaytirish.',
     'Планирование и организация эксплуатации и технического обслуживания сетей, сооружений и '
     'зданий; управление активами и снижение потерь.',
     'Plan and run the operation and maintenance of networks, plants and buildings; manage assets '
     'and reduce losses.')),
   ('TEC-05',
    ('Sinovlar va sifatni taʼminlash',
     'Испытания и обеспечение качества',
     'Testing and quality assurance'),
    ('Materiallar va ishlarni sinovdan oʻtkazish, sifat nazorati rejalarini amalga oshirish va '
     'tugallangan ishlarni qabul qilish.',
     'Испытания материалов и работ, выполнение планов контроля качества и приемка завершенных '
     'работ.',
     'Test materials and works, run quality control plans and accept completed works.'))]),
 ('TCH',
  ('Texnologik kompetensiyalar', 'Технологические компетенции', 'Technological'),
  ('Zamonaviy texnologiyalar, materiallar, raqamli vositalar va usullar.',
   'Современные технологии, материалы, цифровые инструменты и методы.',
   'Modern technologies, materials, digital tools and methods.'),
  [('TCH-01',
    ('Raqamli loyihalash va BIM', 'Цифровое проектирование и BIM', 'Digital design and BIM'),
    ('Loyihalarni ishlab chiqish va muvofiqlashtirish uchun CAD, BIM va gidravlik modellashtirish '
     'dasturlaridan foydalanish.',
     'Применение программного обеспечения CAD, BIM и гидравлического моделирования для '
     'проектирования и координации проектов.',
     'Use CAD, BIM and hydraulic modelling software to design and coordinate projects.')),
   ('TCH-02',
    ('Materiallar va qurilish usullari',
     'Материалы и методы строительства',
     'Materials and construction methods'),
    ('Qurilish maydoni sharoitlari va byudjetga mos zamonaviy materiallar, quvurlar va qurilish '
     'usullarini tanlash.',
     'Выбор современных материалов, труб и методов строительства с учетом условий площадки и '
     'бюджета.',
     'Choose modern materials, pipes and construction methods suited to the site and the budget.')),
   ('TCH-03',
    ('Energiya samaradorligi', 'Энергоэффективность', 'Energy efficiency'),
    ('Nasos stansiyalari, tozalash inshootlari va binolarning energiya isteʼmolini kamaytirish.',
     'Снижение энергопотребления насосных станций, очистных сооружений и зданий.',
     'Reduce the energy use of pumping stations, treatment plants and buildings.')),
   ('TCH-04',
    ('Monitoring va avtomatlashtirish (SCADA)',
     'Мониторинг и автоматизация (SCADA)',
     'Monitoring and automation (SCADA)'),
    ('Monitoring va boshqaruv uchun hisoblagichlar, telemetriya va SCADA tizimlarini qoʻllash.',
     'Применение приборов учета, телеметрии и SCADA для мониторинга и управления.',
     'Apply metering, telemetry and SCADA for monitoring and control.'))]),
 ('FIN',
  ('Moliyaviy kompetensiyalar', 'Финансовые компетенции', 'Financial'),
  ('Byudjetlar, smeta hisob-kitoblari, pul oqimlari hamda loyihalar va kompaniyalarni moliyaviy '
   'boshqarish.',
   'Бюджеты, сметные расчеты, денежные потоки и финансовое управление проектами и компаниями.',
   'Budgets, cost estimates, cash flow and the financial management of projects and firms.'),
  [('FIN-01',
    ('Smeta ishi va byudjetlashtirish',
     'Сметное дело и бюджетирование',
     'Cost estimating and budgeting'),
    ('Smeta hujjatlari va ishlar hajmi qaydnomalarini tuzish hamda loyihani belgilangan byudjet '
     'doirasida amalga oshirishni taʼminlash.',
     'Составление смет и ведомостей объемов работ, обеспечение реализации проекта в рамках '
     'бюджета.',
     'Prepare cost estimates and bills of quantities and keep a project to its budget.')),
   ('FIN-02',
    ('Kompaniyani moliyaviy boshqarish',
     'Финансовое управление компанией',
     'Financial management of a firm'),
    ('Muhandislik kompaniyasining pul oqimlari, narx belgilash, hisob-fakturalar va moliyaviy '
     'hisobotlarini boshqarish.',
     'Управление денежными потоками, ценообразованием, выставлением счетов и финансовой '
     'отчетностью инжиниринговой компании.',
     'Manage the cash flow, pricing, invoicing and financial statements of an engineering firm.')),
   ('FIN-03',
    ('Loyihaviy moliyalashtirish va mablagʻ jalb qilish',
     'Проектное финансирование и привлечение средств',
     'Project finance and funding'),
    ('Loyihalarni davlat, taraqqiyot banklari va donorlar tomonidan moliyalashtirishga tayyorlash '
     'hamda mablagʻlardan foydalanish boʻyicha hisobot berish.',
     'Подготовка проектов к финансированию со стороны государства, банков развития и доноров, а '
     'также отчетность об использовании средств.',
     'Prepare projects for funding by the state, development banks and donors, and report on the '
     'use of funds.'))]),
 ('ECO',
  ('Iqtisodiy kompetensiyalar', 'Экономические компетенции', 'Economic'),
  ('Iqtisodiy baholash, tariflar va mablagʻlardan samarali foydalanish.',
   'Экономическая оценка, тарифы и эффективность использования средств.',
   'Economic appraisal, tariffs and value for money.'),
  [('ECO-01',
    ('Iqtisodiy baholash', 'Экономическая оценка', 'Economic appraisal'),
    ('Variantlarni hayotiy sikl qiymati, xarajatlar va foyda tahlili hamda xarajatlar '
     'samaradorligi tahlili asosida taqqoslash.',
     'Сравнение вариантов на основе стоимости жизненного цикла, анализа затрат и выгод и анализа '
     'эффективности затрат.',
     'Compare options by life-cycle cost, cost-benefit and cost-effectiveness analysis.')),
   ('ECO-02',
    ('Tariflar va xarajatlarni qoplash', 'Тарифы и возмещение затрат', 'Tariffs and cost recovery'),
    ('Suv tariflari, xizmatlarning aholi uchun hamyonbopligi hamda ekspluatatsiya va kapital '
     'xarajatlarini qoplash masalalarini tushunish.',
     'Понимание принципов установления тарифов на воду, ценовой доступности услуг и возмещения '
     'эксплуатационных и капитальных затрат.',
     'Understand water tariffs, affordability and the recovery of operating and capital costs.')),
   ('ECO-03',
    ('Bozorlar va biznesni rivojlantirish',
     'Рынки и развитие бизнеса',
     'Markets and business development'),
    ('Muhandislik xizmatlari bozorini tahlil qilish va kompaniya biznesini rivojlantirish.',
     'Анализ рынка инжиниринговых услуг и развитие бизнеса компании.',
     "Analyse the market for engineering services and develop the firm's business."))]),
 ('ENV',
  ('Ekologik kompetensiyalar', 'Экологические компетенции', 'Environmental'),
  ('Atrof-muhitni muhofaza qilish, atrof-muhitga taʼsirni baholash va iqlim oʻzgarishiga '
   'chidamlilik.',
   'Охрана окружающей среды, оценка воздействия на окружающую среду и устойчивость к изменению '
   'климата.',
   'Environmental protection, impact assessment and climate resilience.'),
  [('ENV-01',
    ('Atrof-muhitga taʼsirni baholash',
     'Оценка воздействия на окружающую среду',
     'Environmental impact assessment'),
    ('Loyihalarning atrof-muhitga va ijtimoiy sohaga taʼsirini baholash hamda uni yumshatish.',
     'Оценка и смягчение экологического и социального воздействия проектов.',
     'Assess and mitigate the environmental and social impacts of projects.')),
   ('ENV-02',
    ('Suv resurslarini muhofaza qilish', 'Охрана водных ресурсов', 'Water resources protection'),
    ('Suv manbalarini muhofaza qilish, oqova suvlar tashlanishini nazorat qilish va suvdan xavfsiz '
     'qayta foydalanish.',
     'Охрана источников водоснабжения, контроль сбросов и безопасное повторное использование воды.',
     'Protect water sources, control discharges and reuse water safely.')),
   ('ENV-03',
    ('Iqlim oʻzgarishiga chidamlilik', 'Устойчивость к изменению климата', 'Climate resilience'),
    ('Qurgʻoqchilik, suv toshqinlari va jaziramaga bardosh beradigan infratuzilmani loyihalash va '
     'ekspluatatsiya qilish.',
     'Проектирование и эксплуатация инфраструктуры, устойчивой к засухам, наводнениям и аномальной '
     'жаре.',
     'Design and operate infrastructure that withstands drought, floods and heat.')),
   ('ENV-04',
    ('Chiqindilar va choʻkmalar bilan ishlash',
     'Обращение с отходами и осадками',
     'Waste and sludge management'),
    ('Qurilish chiqindilari va tozalash inshootlari choʻkmalari bilan xavfsiz va qonunchilikka '
     'muvofiq ishlash.',
     'Безопасное и соответствующее законодательству обращение со строительными отходами и осадками '
     'очистных сооружений.',
     'Handle construction waste and treatment sludge safely and lawfully.'))]),
 ('REG',
  ('Meʼyoriy kompetensiyalar', 'Нормативные компетенции', 'Regulatory'),
  ('Meʼyorlar, standartlar, ruxsatnomalar va texnik jihatdan tartibga solish.',
   'Нормы, стандарты, разрешения и техническое регулирование.',
   'Norms, standards, permits and technical regulation.'),
  [('REG-01',
    ('Texnik meʼyorlar va standartlar',
     'Технические нормы и стандарты',
     'Technical norms and standards'),
    ('Milliy shaharsozlik normalari va qoidalari (ShNQ), GOST hamda xalqaro standartlarni (EN, '
     'ISO) qoʻllash.',
     'Применение национальных градостроительных норм и правил (ШНК), ГОСТ и международных '
     'стандартов (EN, ISO).',
     'Apply national building norms and rules (ShNQ), GOST and international standards (EN, '
     'ISO).')),
   ('REG-02',
    ('Ruxsatnomalar va kelishuvlar', 'Разрешения и согласования', 'Permits and approvals'),
    ('Loyiha hujjatlarini kelishish, davlat ekspertizasi xulosasini va qurilishga ruxsatnomalarni '
     'olish.',
     'Получение согласований проектной документации, заключения государственной экспертизы и '
     'разрешений на строительство.',
     'Obtain design approvals, state expert review and construction permits.')),
   ('REG-03',
    ('Mehnat muhofazasi', 'Охрана труда', 'Occupational health and safety'),
    ('Qurilish maydonlarida va inshootlarda mehnat muhofazasi va texnika xavfsizligi choralarini '
     'rejalashtirish hamda ularga rioya etilishini taʼminlash.',
     'Планирование мероприятий по охране труда и технике безопасности на строительных площадках и '
     'объектах и контроль их соблюдения.',
     'Plan and enforce health and safety at work on sites and in plants.')),
   ('REG-04',
    ('Ichimlik suvi va oqova suvlar sifati',
     'Качество питьевой воды и сточных вод',
     'Drinking water and effluent quality'),
    ('Ichimlik suvi va tashlanadigan oqova suvlar sifatiga hamda ularning monitoringiga '
     'qoʻyiladigan talablarni bajarish.',
     'Соблюдение требований к качеству питьевой воды и сбрасываемых сточных вод, а также к их '
     'мониторингу.',
     'Meet the requirements for the quality of drinking water and discharged wastewater, and their '
     'monitoring.'))]),
 ('LEG',
  ('Huquqiy kompetensiyalar', 'Правовые компетенции', 'Legal'),
  ('Shartnomalar, xaridlar, daʼvolar va litsenziyalash.',
   'Договоры, закупки, претензии и лицензирование.',
   'Contracts, procurement, claims and licensing.'),
  [('LEG-01',
    ('FIDIC shartnoma shartlari', 'Условия договоров FIDIC', 'FIDIC conditions of contract'),
    ('FIDIC shartnoma shakllarini qoʻllash: taraflarning vazifalari va majburiyatlari, '
     'oʻzgartirishlar va toʻlovlar.',
     'Применение типовых форм договоров FIDIC: роли и обязательства сторон, изменения и платежи.',
     'Use FIDIC forms of contract: roles, obligations, variations and payment.')),
   ('LEG-02',
    ('Davlat xaridlari', 'Государственные закупки', 'Public procurement'),
    ('Davlat xaridlari toʻgʻrisidagi qonun va donorlar qoidalariga muvofiq tender takliflarini '
     'tayyorlash va baholash.',
     'Подготовка и оценка тендерных предложений в соответствии с законом о государственных '
     'закупках и правилами доноров.',
     "Prepare and evaluate tenders under the public procurement law and donors' rules.")),
   ('LEG-03',
    ('Daʼvolar va nizolar', 'Претензии и споры', 'Claims and disputes'),
    ('Daʼvolarni tayyorlash, baholash va hal qilish; nizolarni hal qilish kengashlari, mediatsiya '
     'va arbitrajdan foydalanish.',
     'Подготовка, оценка и урегулирование претензий; использование советов по урегулированию '
     'споров, медиации и арбитража.',
     'Prepare, assess and settle claims; use dispute boards, mediation and arbitration.')),
   ('LEG-04',
    ('Muhandislar va kompaniyalarni litsenziyalash',
     'Лицензирование инженеров и компаний',
     'Licensing of engineers and firms'),
    ('Muhandislik faoliyatini yuritish uchun litsenziyalash va sertifikatlash talablarini '
     'bajarish.',
     'Соблюдение требований лицензирования и сертификации для осуществления инженерной '
     'деятельности.',
     'Meet the licensing and certification requirements for engineering practice.'))]),
 ('PRO',
  ('Kasbiy amaliyot', 'Профессиональная практика', 'Professional practice'),
  ('Etika, kommunikatsiya, loyihalarni boshqarish va uzluksiz kasbiy rivojlanish.',
   'Этика, коммуникация, управление проектами и непрерывное профессиональное развитие.',
   'Ethics, communication, project management and continuing professional development.'),
  [('PRO-01',
    ('Kasb etikasi', 'Профессиональная этика', 'Professional ethics'),
    ('Halollik, xolislik va jamoat xavfsizligiga gʻamxoʻrlik bilan faoliyat yuritish; manfaatlar '
     'toʻqnashuviga yoʻl qoʻymaslik.',
     'Соблюдение принципов добросовестности и беспристрастности, забота об общественной '
     'безопасности; недопущение конфликта интересов.',
     'Act with integrity, impartiality and care for public safety; avoid conflicts of interest.')),
   ('PRO-02',
    ('Kommunikatsiya va jamoada ishlash',
     'Коммуникация и работа в команде',
     'Communication and teamwork'),
    ('Hisobotlar yozish, buyurtmachilar va mahalliy aholi oldida taqdimotlar qilish hamda ayollar '
     'va erkaklar teng huquqli hamkasb boʻlgan jamoalarda ishlash.',
     'Подготовка отчетов, выступления перед заказчиками и местными сообществами, работа в '
     'командах, где женщины и мужчины являются равноправными коллегами.',
     'Write reports, present to clients and communities, and work in teams where women and men are '
     'equal colleagues.')),
   ('PRO-03',
    ('Loyihalarni boshqarish', 'Управление проектами', 'Project management'),
    ('Ishlarni rejalashtirish va ish jadvallarini tuzish, xatarlarni nazorat qilish hamda '
     'muhandislik loyihalariga rahbarlik qilish.',
     'Планирование работ и составление графиков, контроль рисков и руководство инженерными '
     'проектами.',
     'Plan and schedule work, control risks and lead engineering projects.')),
   ('PRO-04',
    ('Uzluksiz kasbiy rivojlanish',
     'Непрерывное профессиональное развитие',
     'Continuing professional development'),
    ('Malakani dolzarb darajada saqlash uchun oʻz taʼlimini rejalashtirish va qayd etib borish.',
     'Планирование и учет собственного обучения для поддержания профессиональной компетентности на '
     'актуальном уровне.',
     "Plan and record one's own learning to keep competence up to date."))])]
PROFILES = [('DESIGN',
  ('Loyihachi muhandis', 'Инженер-проектировщик', 'Design engineer'),
  ('Suv taʼminoti, kanalizatsiya va qurilish obyektlarini loyihalaydi.',
   'Проектирует объекты водоснабжения, канализации (водоотведения) и строительства.',
   'Designs water supply, sanitation and construction works.')),
 ('SITE',
  ('Qurilish nazorati muhandisi', 'Инженер строительного контроля', 'Site supervisor'),
  ('Buyurtmachi yoki pudratchi nomidan qurilish maydonida qurilish ishlarini nazorat qiladi.',
   'Осуществляет контроль за выполнением строительных работ на площадке со стороны заказчика или '
   'подрядчика.',
   'Supervises construction works on site for the client or the contractor.')),
 ('OPS',
  ('Suv taʼminoti korxonasining ekspluatatsiya muhandisi',
   'Инженер по эксплуатации водоканала',
   'Utility operations engineer'),
  ('Suv taʼminoti korxonasi tarmoqlari va inshootlarini ekspluatatsiya qiladi va ularga texnik '
   'xizmat koʻrsatadi.',
   'Обеспечивает эксплуатацию и техническое обслуживание сетей и сооружений водоканала.',
   'Runs and maintains the networks and plants of a water utility.')),
 ('PM',
  ('Loyiha rahbari', 'Руководитель проекта', 'Project manager'),
  ('Muhandislik loyihalariga tayyorgarlik bosqichidan obyektni topshirishgacha rahbarlik qiladi.',
   'Руководит инженерными проектами от подготовки до сдачи объекта.',
   'Leads engineering projects from preparation to handover.'))]
REQUIRED = {'DESIGN': [('TEC-01', 3),
            ('TEC-02', 3),
            ('TEC-03', 3),
            ('TEC-05', 2),
            ('TCH-01', 3),
            ('TCH-02', 3),
            ('TCH-03', 2),
            ('FIN-01', 3),
            ('ECO-01', 2),
            ('ENV-01', 2),
            ('ENV-03', 2),
            ('REG-01', 3),
            ('REG-02', 2),
            ('LEG-01', 1),
            ('PRO-01', 3),
            ('PRO-02', 2),
            ('PRO-03', 1),
            ('PRO-04', 2)],
 'SITE': [('TEC-03', 3),
          ('TEC-05', 3),
          ('TCH-02', 3),
          ('FIN-01', 2),
          ('ENV-04', 2),
          ('REG-01', 3),
          ('REG-02', 2),
          ('REG-03', 3),
          ('LEG-01', 2),
          ('LEG-03', 2),
          ('PRO-01', 3),
          ('PRO-02', 3),
          ('PRO-03', 2),
          ('PRO-04', 2)],
 'OPS': [('TEC-01', 3),
         ('TEC-02', 3),
         ('TEC-04', 3),
         ('TEC-05', 2),
         ('TCH-03', 3),
         ('TCH-04', 3),
         ('FIN-01', 1),
         ('ECO-02', 2),
         ('ENV-02', 3),
         ('ENV-04', 2),
         ('REG-03', 3),
         ('REG-04', 3),
         ('PRO-01', 3),
         ('PRO-02', 2),
         ('PRO-04', 2)],
 'PM': [('TEC-04', 1),
        ('FIN-01', 3),
        ('FIN-02', 2),
        ('FIN-03', 3),
        ('ECO-01', 3),
        ('ECO-03', 2),
        ('ENV-01', 2),
        ('REG-02', 3),
        ('LEG-01', 3),
        ('LEG-02', 3),
        ('LEG-03', 3),
        ('LEG-04', 2),
        ('PRO-01', 3),
        ('PRO-02', 3),
        ('PRO-03', 4),
        ('PRO-04', 2)]}


def _texts(prefix, texts):
    uz, ru, en = texts
    return {prefix: uz, f"{prefix}_uz": uz, f"{prefix}_ru": ru, f"{prefix}_en": en}


def add_framework(apps, schema_editor):
    Scale = apps.get_model("competencies", "ProficiencyScale")
    Level = apps.get_model("competencies", "ProficiencyLevel")
    Framework = apps.get_model("competencies", "Framework")
    Area = apps.get_model("competencies", "Area")
    Competency = apps.get_model("competencies", "Competency")
    Profile = apps.get_model("competencies", "RoleProfile")
    Required = apps.get_model("competencies", "RequiredLevel")
    if Framework.objects.filter(code=CODE, version=1).exists():
        return
    scale = Scale.objects.create(**_texts("title", SCALE))
    for value, name, description in LEVELS:
        Level.objects.create(scale=scale, value=value, **_texts("name", name),
                             **_texts("description", description))
    framework = Framework.objects.create(
        code=CODE, version=1, scale=scale, status="published", published_at=timezone.now(),
        **_texts("title", FRAMEWORK[0]), **_texts("description", FRAMEWORK[1]),
    )
    competencies = {}
    for area_order, (code, title, description, items) in enumerate(AREAS):
        area = Area.objects.create(framework=framework, code=code, sort_order=area_order,
                                   **_texts("title", title), **_texts("description", description))
        for order, (item_code, item_title, item_description) in enumerate(items):
            competencies[item_code] = Competency.objects.create(
                framework=framework, area=area, code=item_code, sort_order=order,
                **_texts("title", item_title), **_texts("description", item_description),
            )
    for code, title, description in PROFILES:
        profile = Profile.objects.create(framework=framework, code=code, **_texts("title", title),
                                         **_texts("description", description))
        for competency_code, level in REQUIRED[code]:
            Required.objects.create(profile=profile, competency=competencies[competency_code],
                                    level=level)


def remove_framework(apps, schema_editor):
    Framework = apps.get_model("competencies", "Framework")
    for framework in Framework.objects.filter(code=CODE, version=1):
        scale = framework.scale
        framework.delete()
        scale.delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_initial")]

    operations = [migrations.RunPython(add_framework, remove_framework)]
