namespace Weerbaarheid.Offerings.Domain;

/// <summary>The programme's 16 offerings (domain.md), seeded on first start.</summary>
/// <remarks>
/// Dutch texts follow the programme's own wording (seeds 000–004); English texts follow domain.md.
/// No phone numbers or e-mail addresses are given here: only addresses known from the sources. Where
/// no public address is known, the access instructions point to the intranet or the manager.
/// </remarks>
public static class ProgrammeOfferings
{
    private const string Programme = "Politie — Programma Professionele Weerbaarheid";

    public static IReadOnlyList<(string Slug, OfferingContent Content)> All { get; } =
    [
        // 1. Mental check-up
        ("mental-check-up", new OfferingContent(
            Title: T("Mental check-up", "Mental check-up"),
            Summary: T(
                "Een gesprek van ongeveer een uur met een psycholoog, waarin de weerbaarheid van de medewerker in kaart wordt gebracht.",
                "About one hour with a psychologist who maps your resilience."),
            Description: T(
                "Een mental check-up is een gesprek van ongeveer een uur met een psycholoog, waarin de weerbaarheid van de medewerker " +
                "in kaart wordt gebracht. Politiemensen maken in hun werk altijd heftige incidenten mee; met een mental check-up krijg " +
                "je zicht op hoe weerbaar je op dit moment bent, zodat problemen vroeg herkend worden. De check-up is bedoeld voor " +
                "politiemedewerkers en vindt plaats op afspraak.",
                "A mental check-up is a conversation of about one hour with a psychologist who maps the employee's resilience. Police " +
                "work keeps exposing staff to heavy incidents; the check-up shows how resilient you are right now, so that problems are " +
                "recognised early. It is for police employees and takes place by appointment."),
            Category: Category.Prevention,
            Audiences: [Audience.Employee],
            Topics: [Topic.Resilience, Topic.EarlySignals, Topic.Stress],
            Availability: new Availability(false, T("Op afspraak", "By appointment")),
            Access: new Access(AccessMethod.Booking, "",
                T("Maak een afspraak via het intranet of via je leidinggevende.",
                  "Make an appointment via the intranet or through your manager.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: Programme)),

        // 2. Digital health plaza
        ("digitaal-gezondheidsplein", new OfferingContent(
            Title: T("Digitaal gezondheidsplein voor politiemensen", "Digital health plaza for police staff"),
            Summary: T(
                "Een website met informatie over gezondheid, online testen, leermodules en hulp van deskundigen.",
                "A website with health information, online tests, learning modules and help from experts."),
            Description: T(
                "Het digitaal gezondheidsplein is een website voor politiemensen met informatie over gezondheid, online testen, " +
                "leermodules en hulp van deskundigen. Je kunt er op elk moment zelf terecht om meer te weten te komen over je " +
                "gezondheid en om te werken aan je fysieke en mentale fitheid.",
                "The digital health plaza is a website for police staff with health information, online tests, learning modules and " +
                "help from experts. It is always open: you can use it yourself at any moment to learn more about your health and to " +
                "work on your physical and mental fitness."),
            Category: Category.SelfHelp,
            Audiences: [Audience.Employee],
            Topics: [Topic.Stress, Topic.Burnout, Topic.Resilience, Topic.PhysicalCondition],
            Availability: new Availability(true, T("Altijd open (website)", "Always open (website)")),
            Access: new Access(AccessMethod.SelfService, "",
                T("Ga naar het digitaal gezondheidsplein via het intranet.",
                  "Go to the digital health plaza via the intranet.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: Programme)),

        // 3. Team Collegiale Ondersteuning (TCO)
        ("team-collegiale-ondersteuning", new OfferingContent(
            Title: T("Team Collegiale Ondersteuning (TCO)", "Peer support team (Team Collegiale Ondersteuning, TCO)"),
            Summary: T(
                "Een team van ervaren en gemotiveerde politiemedewerkers die op ieder moment klaarstaan om collega’s te ondersteunen " +
                "als daar aanleiding voor is, zoals na een heftig incident.",
                "Experienced, motivated police colleagues ready at any moment to support a colleague after a heavy incident and help " +
                "them process it."),
            Description: T(
                "Politiemensen zullen in hun werk altijd heftige incidenten meemaken. Na een heftig incident kun je terecht bij " +
                "collega’s die je helpen om het incident te verwerken: Team Collegiale Ondersteuning. Het team bestaat uit ervaren en " +
                "gemotiveerde politiemedewerkers die op ieder moment klaarstaan om collega’s te ondersteunen als daar aanleiding voor " +
                "is. Elke eenheid heeft dag en nacht een collegiale ondersteuner van dienst via het piketrooster. Ook een " +
                "leidinggevende kan ondersteuning voor een team aanvragen. Gesprekken zijn vertrouwelijk: wat er besproken wordt, " +
                "wordt niet vastgelegd. Blijven klachten aanhouden, dan helpt de ondersteuner je verder naar professionele hulp, " +
                "zoals bedrijfsmaatschappelijk werk, een psycholoog of de bedrijfsarts.",
                "Police work keeps exposing staff to heavy incidents. After a heavy incident you can turn to colleagues who help you " +
                "process it: the peer support team (Team Collegiale Ondersteuning). The team consists of experienced, motivated police " +
                "colleagues who are ready at any moment to support a colleague. Every unit has a peer supporter on duty day and night " +
                "through the on-call rota. A manager can also ask for support for a team. Conversations are confidential: what is said " +
                "is never recorded. If complaints persist, the supporter helps you on to professional help, such as company social " +
                "work, a psychologist or the company doctor."),
            Category: Category.PeerSupport,
            Audiences: [Audience.Employee, Audience.Manager, Audience.Team],
            Topics: [Topic.HeavyIncident, Topic.Stress, Topic.Ptsd],
            Availability: new Availability(true, T("Dag en nacht, via het piketrooster", "Day and night, through the on-call rota")),
            Access: new Access(AccessMethod.OnCallRota, "",
                T("Vraag een gesprek aan via dit platform, je leidinggevende of de meldkamer. De dienstdoende collegiale " +
                  "ondersteuner van jouw eenheid neemt contact met je op.",
                  "Ask for a conversation through this platform, your manager or the control room. The peer supporter on duty in " +
                  "your unit will contact you.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — Team Collegiale Ondersteuning")),

        // 4. Signal training for managers
        ("signaleringstraining-leidinggevenden", new OfferingContent(
            Title: T("Training voor leidinggevenden om psychosociale problemen vroegtijdig te signaleren",
                     "Signal training for managers"),
            Summary: T(
                "Deze training helpt leidinggevenden inzicht te krijgen in psychosociale problematieken en snel de juiste hulp in te " +
                "kunnen schakelen.",
                "Teaches managers to recognise psychosocial problems early and to engage the right help quickly."),
            Description: T(
                "Leidinggevenden worden getraind om signalen van psychosociale problemen in een vroeg stadium te herkennen. De " +
                "training helpt leidinggevenden inzicht te krijgen in psychosociale problematieken en snel de juiste hulp in te kunnen " +
                "schakelen, zoals Team Collegiale Ondersteuning of professionele psychosociale hulp.",
                "Managers are trained to recognise signs of psychosocial problems at an early stage. The training gives managers " +
                "insight into psychosocial problems and teaches them to engage the right help quickly, such as the peer support team " +
                "or professional psychosocial help."),
            Category: Category.Training,
            Audiences: [Audience.Manager],
            Topics: [Topic.EarlySignals, Topic.Stress, Topic.Burnout, Topic.Ptsd],
            Availability: new Availability(false, T("Op inschrijving; zie de trainingsdata", "By enrolment; see the training dates")),
            Access: new Access(AccessMethod.SignUp, "",
                T("Schrijf je in via het intranet of vraag ernaar bij je eigen leidinggevende.",
                  "Enrol via the intranet or ask your own manager.")),
            ContactChannels: [],
            Eligibility: T("Voor leidinggevenden bij de politie.", "For police managers."),
            Provider: Programme)),

        // 5. Mental resilience training
        ("training-mentale-weerbaarheid", new OfferingContent(
            Title: T("Training Mentale weerbaarheid voor politiemensen", "Mental resilience training for police staff"),
            Summary: T(
                "Een training voor politiemedewerkers om op een systematische manier mentale en emotionele kracht op te bouwen.",
                "A training for police employees that builds mental and emotional strength systematically."),
            Description: T(
                "De Training Mentale weerbaarheid is een training voor politiemedewerkers om op een systematische manier mentale en " +
                "emotionele kracht op te bouwen. Zo ben je beter toegerust op de heftige situaties die bij het politiewerk horen.",
                "The mental resilience training is a training for police employees that builds mental and emotional strength " +
                "systematically, so that you are better equipped for the heavy situations that come with police work."),
            Category: Category.Training,
            Audiences: [Audience.Employee],
            Topics: [Topic.Resilience, Topic.Stress],
            Availability: new Availability(false, T("Op inschrijving; zie de trainingsdata", "By enrolment; see the training dates")),
            Access: new Access(AccessMethod.SignUp, "",
                T("Schrijf je in via het intranet of via je leidinggevende.",
                  "Enrol via the intranet or through your manager.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: Programme)),

        // 6. Fit@NP
        ("fit-at-np", new OfferingContent(
            Title: T("Fit@NP", "Fit@NP"),
            Summary: T(
                "Een programma dat politiemedewerkers de mogelijkheden biedt om te werken aan hun fysieke en mentale conditie.",
                "A programme to work on your physical and mental condition."),
            Description: T(
                "Fit@NP is een programma dat politiemedewerkers de mogelijkheden biedt om te werken aan hun fysieke en mentale " +
                "conditie. Een goede conditie helpt om de belasting van het politiewerk aan te kunnen.",
                "Fit@NP is a programme that gives police employees the means to work on their physical and mental condition. Good " +
                "condition helps to cope with the demands of police work."),
            Category: Category.Prevention,
            Audiences: [Audience.Employee],
            Topics: [Topic.PhysicalCondition, Topic.Resilience],
            Availability: new Availability(false, T("Doorlopend; zie het programma voor tijden", "Ongoing; see the programme for times")),
            Access: new Access(AccessMethod.SignUp, "",
                T("Meld je aan via het intranet of via je leidinggevende.",
                  "Sign up via the intranet or through your manager.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — Fit@NP")),

        // 7. Safe and Healthy Work (VGW)
        ("veilig-en-gezond-werken", new OfferingContent(
            Title: T("Ondersteuning door team Veilig en Gezond Werken (VGW)", "Safe and Healthy Work support (team VGW)"),
            Summary: T(
                "Het Team VGW ondersteunt de organisatie, leidinggevenden en medewerkers op gebied van veilig en gezond werken met " +
                "risico-inventarisaties, analyses, adviezen, interventies en expertise.",
                "Risk inventories, analyses, advice, interventions and expertise on safe and healthy work for the organisation, " +
                "managers and employees."),
            Description: T(
                "Het team Veilig en Gezond Werken (VGW) ondersteunt de organisatie, leidinggevenden en medewerkers op gebied van " +
                "veilig en gezond werken. Het team doet risico-inventarisaties en analyses, geeft adviezen, zet interventies in en " +
                "brengt expertise in. Leidinggevenden kunnen bij het team terecht voor ondersteuning bij vraagstukken over veilig en " +
                "gezond werken in hun team.",
                "The Safe and Healthy Work team (Veilig en Gezond Werken, VGW) supports the organisation, managers and employees on " +
                "safe and healthy work with risk inventories, analyses, advice, interventions and expertise. Managers can turn to the " +
                "team for support with questions about safe and healthy work in their team."),
            Category: Category.Organisational,
            Audiences: [Audience.Organisation, Audience.Manager, Audience.Employee],
            Topics: [Topic.WorkplaceRisks, Topic.UnsafeWorkplace],
            Availability: new Availability(false, T("Tijdens kantooruren", "During office hours")),
            Access: new Access(AccessMethod.Referral, "",
                T("Leidinggevenden vragen ondersteuning aan bij het team VGW via het intranet; medewerkers via hun leidinggevende.",
                  "Managers ask team VGW for support via the intranet; employees through their manager.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — team Veilig en Gezond Werken")),

        // 8. Employee monitor
        ("medewerkersmonitor", new OfferingContent(
            Title: T("Medewerkersmonitor (Risico Inventarisatie & Evaluatie en Psychosociale Arbeidsbelasting)",
                     "Employee monitor (risk inventory & evaluation and psychosocial workload)"),
            Summary: T(
                "Een onderzoek onder alle medewerkers gericht op de werkbeleving: wat geeft energie, wat kost energie en waar zitten " +
                "de risico’s in het werk?",
                "A survey of all employees: what gives energy, what costs energy, and where the risks in the work are."),
            Description: T(
                "De Medewerkersmonitor (Risico Inventarisatie & Evaluatie en Psychosociale Arbeidsbelasting) is een onderzoek onder " +
                "alle medewerkers gericht op de werkbeleving. Waar krijgen medewerkers energie van en waar hebben ze last van in hun " +
                "werk, wat kost energie? En waar zitten de risico’s in de uitvoering van het werk? Met dit inzicht kunnen maatregelen " +
                "worden genomen om risico’s te verkleinen.",
                "The employee monitor (risk inventory & evaluation and psychosocial workload) is a survey of all employees about how " +
                "they experience their work. What gives employees energy, what bothers them in their work, what costs energy? And " +
                "where are the risks in carrying out the work? With this insight, measures can be taken to reduce the risks."),
            Category: Category.Organisational,
            Audiences: [Audience.Organisation, Audience.Manager, Audience.Employee],
            Topics: [Topic.WorkplaceRisks, Topic.Stress],
            Availability: new Availability(false,
                T("Periodiek; alle medewerkers krijgen een uitnodiging", "Periodically; all employees receive an invitation")),
            Access: new Access(AccessMethod.SelfService, "",
                T("Vul de vragenlijst in wanneer je de uitnodiging ontvangt. Leidinggevenden vinden de uitkomsten via het intranet.",
                  "Fill in the questionnaire when you receive the invitation. Managers find the results via the intranet.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — team Veilig en Gezond Werken")),

        // 9. Self-test
        ("zelftest", new OfferingContent(
            Title: T("Zelftest", "Self-test"),
            Summary: T(
                "Een anonieme vragenlijst voor politiemedewerkers die inzicht geeft in de mentale fitheid van dat moment.",
                "An anonymous questionnaire that gives insight into your mental fitness at this moment."),
            Description: T(
                "De zelftest is een anonieme vragenlijst voor politiemedewerkers die inzicht geeft in de mentale fitheid van dat " +
                "moment. Je kunt de test op elk moment invullen. Er wordt niets over jou als persoon opgeslagen. Na afloop zie je welk " +
                "aanbod bij jouw uitkomst past.",
                "The self-test is an anonymous questionnaire for police employees that gives insight into your mental fitness at that " +
                "moment. You can take it at any moment. Nothing about you as a person is stored. Afterwards you see which offerings " +
                "suit your result."),
            Category: Category.SelfHelp,
            Audiences: [Audience.Employee],
            Topics: [Topic.Resilience, Topic.EarlySignals, Topic.Stress, Topic.Burnout],
            Availability: new Availability(true, T("Altijd beschikbaar", "Always available")),
            Access: new Access(AccessMethod.SelfService, "",
                T("Vul de zelftest anoniem in op dit platform; je hoeft niet in te loggen met je naam.",
                  "Take the self-test anonymously on this platform; you do not sign in with your name.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: Programme)),

        // 10. Professional psychosocial help
        ("psychosociale-hulp", new OfferingContent(
            Title: T("Professionele psychosociale hulp", "Professional psychosocial help"),
            Summary: T(
                "Professionele, psychosociale hulp voor collega’s: bedrijfsmaatschappelijk werk (BMW) en psychologen.",
                "Professional psychosocial help: company social work (BMW) and psychologists."),
            Description: T(
                "Voor politiemedewerkers is professionele, psychosociale hulp beschikbaar: bedrijfsmaatschappelijk werk (BMW) en " +
                "psychologen. Je kunt er terecht bij klachten na een heftig incident, bij stress, burn-out of PTSS, en bij de " +
                "terugkeer naar je werk. Ook Team Collegiale Ondersteuning en de bedrijfsarts verwijzen naar deze hulp wanneer " +
                "klachten aanhouden. Leidinggevenden die zich zorgen maken over een medewerker kunnen bij bedrijfsmaatschappelijk werk " +
                "advies vragen over de juiste hulp.",
                "Professional psychosocial help is available to police employees: company social work (bedrijfsmaatschappelijk werk, " +
                "BMW) and psychologists. You can turn to them with complaints after a heavy incident, with stress, burn-out or PTSD, " +
                "and when returning to work. The peer support team and the company doctor also refer to this help when complaints " +
                "persist. Managers worried about an employee can ask company social work for advice on the right help."),
            Category: Category.ProfessionalHelp,
            Audiences: [Audience.Employee, Audience.Manager],
            Topics: [Topic.Stress, Topic.Burnout, Topic.Ptsd, Topic.HeavyIncident, Topic.ReturnToWork],
            Availability: new Availability(false,
                T("Op afspraak, tijdens kantooruren; buiten kantooruren via het Loket 24/7",
                  "By appointment, during office hours; outside office hours through the 24/7 desk")),
            Access: new Access(AccessMethod.Referral, "",
                T("Via je leidinggevende, de bedrijfsarts of Team Collegiale Ondersteuning; bedrijfsmaatschappelijk werk kun je ook " +
                  "zelf benaderen via het intranet.",
                  "Through your manager, the company doctor or the peer support team; you can also approach company social work " +
                  "yourself via the intranet.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — bedrijfsmaatschappelijk werk en psychologen")),

        // 11. 24/7 desk
        ("loket-24-7", new OfferingContent(
            Title: T("Loket 24/7", "24/7 desk (Loket 24/7)"),
            Summary: T(
                "Maatschappelijk werkers die dag en nacht bereikbaar zijn voor vragen en informatie.",
                "Social workers reachable around the clock for questions and information."),
            Description: T(
                "Bij het Loket 24/7 zijn maatschappelijk werkers dag en nacht bereikbaar voor vragen en informatie. Je kunt er op elk " +
                "moment terecht, ook buiten kantooruren. Het Loket 24/7 is ook betrokken bij de bijeenkomsten voor partners van " +
                "politiemensen.",
                "At the 24/7 desk, social workers are reachable around the clock for questions and information. You can turn to it at " +
                "any moment, also outside office hours. The 24/7 desk also takes part in the meetings for partners of police staff."),
            Category: Category.ProfessionalHelp,
            Audiences: [Audience.Employee, Audience.Manager, Audience.PartnerFamily],
            Topics: [Topic.Stress, Topic.Burnout, Topic.Ptsd, Topic.HeavyIncident, Topic.HomeSituation],
            Availability: new Availability(true, T("Dag en nacht bereikbaar", "Reachable day and night")),
            Access: new Access(AccessMethod.SelfService, "",
                T("Neem rechtstreeks contact op met het Loket 24/7; de contactgegevens staan op het intranet.",
                  "Contact the 24/7 desk directly; its contact details are on the intranet.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — Loket 24/7")),

        // 12. Thuisgroep Blauw
        ("thuisgroep-blauw", new OfferingContent(
            Title: T("Thuisgroep Blauw", "Thuisgroep Blauw"),
            Summary: T(
                "Een besloten online groep en bijeenkomsten voor partners en familieleden van politiemensen over de impact van het " +
                "politiewerk op de thuissituatie.",
                "A closed online group and meetings for partners and family of police staff about the impact of police work at home."),
            Description: T(
                "Thuisgroep Blauw is een besloten groep voor partners van politiemensen, en ook voor andere familieleden. Hier kunnen " +
                "zij hun verhalen en vragen kwijt over de impact van het politiewerk op de thuissituatie, en elkaar versterken met " +
                "informatie en ondersteunen als het thuis niet zo lekker gaat. Naast de online groep zijn er ontmoetingsbijeenkomsten, " +
                "zoals in De Basis in Doorn, in samenwerking met het Programma Professionele Weerbaarheid Politie, De Basis en het " +
                "Loket 24/7; een (bedrijfs)maatschappelijk werker is aanwezig voor vragen en informatie. Er wordt gesproken over de " +
                "omgang met een partner die stress, een burn-out of PTSS heeft, over hoe je als partner ondersteuning kunt bieden en " +
                "hoe je daarbij jezelf niet vergeet. Een sterke thuisbasis is erg belangrijk bij herstel en omgaan met stress, " +
                "burn-out of PTSS. Algemene vragen en opmerkingen worden anoniem teruggekoppeld naar de politieorganisatie.",
                "Thuisgroep Blauw is a closed group for partners of police staff, and for other family members too. Here they share " +
                "their stories and questions about the impact of police work at home (stress, burn-out, PTSD), strengthen each other " +
                "with information and support each other when things are hard at home. Besides the online group there are meetings, " +
                "such as at De Basis in Doorn, together with the police's professional-resilience programme, De Basis and the 24/7 " +
                "desk; a social worker is present for questions and information. Topics include living with a partner who has stress, " +
                "burn-out or PTSD, how partners can offer support and how not to forget themselves. A strong home base helps recovery " +
                "and coping with stress, burn-out or PTSD. General questions and remarks are fed back to the police organisation " +
                "anonymously."),
            Category: Category.PartnersAndFamily,
            Audiences: [Audience.PartnerFamily],
            Topics: [Topic.HomeSituation, Topic.Stress, Topic.Burnout, Topic.Ptsd],
            Availability: new Availability(false,
                T("Besloten online groep; bijeenkomsten worden in de groep aangekondigd",
                  "Closed online group; meetings are announced in the group")),
            Access: new Access(AccessMethod.SignUp, "",
                T("Vraag toegang aan tot de besloten Facebookgroep Thuisgroep Blauw. Je partner bij de politie vindt meer informatie " +
                  "op het intranet.",
                  "Ask to join the closed Thuisgroep Blauw Facebook group. Your partner in the police finds more information on the " +
                  "intranet.")),
            ContactChannels: [],
            Eligibility: T("Voor partners en familieleden van politiemensen.", "For partners and family members of police staff."),
            Provider: "Thuisgroep Blauw — initiatief van partners van politiemensen")),

        // 13. De Basis
        ("de-basis", new OfferingContent(
            Title: T("De Basis (Doorn)", "De Basis (Doorn)"),
            Summary: T(
                "Een ontmoetings- en informatieplek voor preventie en (na)zorg bij ingrijpende gebeurtenissen, voor (oud)medewerkers " +
                "van hulpdiensten en hun partners.",
                "A meeting and information place for prevention and aftercare after drastic events, for current and former emergency " +
                "service staff and their partners."),
            Description: T(
                "De Basis in Doorn is een ontmoetings- en informatieplek voor professionele dienstverlening op het vlak van preventie " +
                "en (na)zorg bij ingrijpende gebeurtenissen. Voor (oud)medewerkers van ambulance, brandweer, defensie, openbaar vervoer " +
                "en politie, en hun partners. Ook de bijeenkomsten van Thuisgroep Blauw vinden er plaats.",
                "De Basis in Doorn is a meeting and information place offering professional services for prevention and aftercare " +
                "after drastic events, for current and former staff of ambulance, fire brigade, defence, public transport and police, " +
                "and their partners. The Thuisgroep Blauw meetings are held there too."),
            Category: Category.Aftercare,
            Audiences: [Audience.Employee, Audience.FormerEmployee, Audience.PartnerFamily],
            Topics: [Topic.HeavyIncident, Topic.Ptsd, Topic.Stress, Topic.HomeSituation],
            Availability: new Availability(false,
                T("Zie de website van De Basis voor openingstijden en activiteiten",
                  "See the De Basis website for opening hours and activities")),
            Access: new Access(AccessMethod.SelfService, "https://www.debasis.org/",
                T("Neem zelf contact op met De Basis via de website.",
                  "Contact De Basis yourself through its website.")),
            ContactChannels: [],
            Eligibility: T(
                "Voor (oud)medewerkers van ambulance, brandweer, defensie, openbaar vervoer en politie, en hun partners.",
                "For current and former staff of ambulance, fire brigade, defence, public transport and police, and their partners."),
            Provider: "Stichting De Basis")),

        // 14. National buddy network
        ("landelijk-buddynetwerk", new OfferingContent(
            Title: T("Landelijk Buddynetwerk", "National buddy network"),
            Summary: T(
                "Buddy’s voor collega’s die zijn uitgevallen met een beroepsziekte of dienstongeval, vaak PTSS: voor een betere " +
                "opvang, nazorg en re-integratie.",
                "Buddies for colleagues who dropped out with an occupational disease or a duty accident (often PTSD): better care, " +
                "aftercare and return to work."),
            Description: T(
                "Het landelijk Buddynetwerk ondersteunt collega’s die zijn uitgevallen met een beroepsziekte of dienstongeval; de " +
                "afgelopen jaren is er veel aandacht geweest voor collega’s die zijn uitgevallen met PTSS. Het Buddynetwerk is een van " +
                "de manieren waarop de Nationale Politie op een positieve manier laat zien dat zij collega’s wil ondersteunen. Dit " +
                "draagt niet alleen bij aan een betere opvang, nazorg en re-integratie, maar ook aan een gezondere organisatie in " +
                "brede zin. Het netwerk is voortgekomen uit de door SAOP gefinancierde projecten Buddy door dik en dun I, II en III.",
                "The national buddy network supports colleagues who dropped out with an occupational disease or a duty accident; in " +
                "recent years there has been much attention for colleagues who dropped out with PTSD. The buddy network is one of the " +
                "ways the National Police shows that it wants to support its colleagues. It contributes to better care, aftercare and " +
                "return to work, and to a healthier organisation in a broader sense. The network grew out of the SAOP-funded projects " +
                "Buddy door dik en dun I, II and III."),
            Category: Category.Aftercare,
            Audiences: [Audience.Employee, Audience.FormerEmployee],
            Topics: [Topic.Ptsd, Topic.ReturnToWork, Topic.HeavyIncident],
            Availability: new Availability(false, T("In overleg met je buddy", "As agreed with your buddy")),
            Access: new Access(AccessMethod.Referral, "",
                T("Vraag een buddy aan via het intranet, je leidinggevende of de bedrijfsarts.",
                  "Ask for a buddy via the intranet, your manager or the company doctor.")),
            ContactChannels: [],
            Eligibility: T(
                "Voor collega’s die zijn uitgevallen met een beroepsziekte of dienstongeval.",
                "For colleagues who dropped out with an occupational disease or a duty accident."),
            Provider: "Politie — Landelijk Buddynetwerk")),

        // 15. Blauw Vakmanschap
        ("blauw-vakmanschap", new OfferingContent(
            Title: T("Blauw Vakmanschap", "Blauw Vakmanschap"),
            Summary: T(
                "Een open gesprek in het team over de keuzes die we bij incidenten maken: werkte het, deugde het en deed het deugd?",
                "Structured team conversations about choices made during incidents: did it work, was it right, did it feel right?"),
            Description: T(
                "Tijdens het werk maken collega’s bij grote en kleine incidenten continu keuzes. Was het optreden goed, of waren er " +
                "twijfels, waren de collega’s het niet met elkaar eens? Binnen Blauw Vakmanschap vindt het gesprek over die keuzes " +
                "plaats, met de collega’s en chefs met wie we deze incidenten meemaken: om van elkaar te leren en om (als team) beter " +
                "te worden in ons vak. Om samen een antwoord te vinden: werkte het, deugde het en deed het deugd (had je er een goed " +
                "gevoel bij)? In het gesprek leren we van elkaars gezichtspunten, overwegingen, aanpak of feedback. Zo kunnen collega’s " +
                "in soortgelijke situaties betere afwegingen maken, dit uitleggen en nog beter handelen. Het programma Blauw " +
                "Vakmanschap is eind 2012 gestart vanuit de Politieacademie en bevordert het systematisch leren van ervaringen in de " +
                "politiepraktijk.",
                "At work, colleagues constantly make choices during big and small incidents. Was the action right, were there doubts, " +
                "did colleagues disagree? Blauw Vakmanschap is where the conversation about those choices takes place, with the " +
                "colleagues and chiefs who shared the incident: to learn from each other and to get better at the job, as a team. " +
                "Together you look for the answer: did it work, was it right, and did it feel right (werkte het, deugde het, deed het " +
                "deugd)? In the conversation you learn from each other's viewpoints, considerations, approach and feedback, so that " +
                "in similar situations colleagues can weigh their choices better, explain them and act even better. The Blauw " +
                "Vakmanschap programme started at the end of 2012 from the Police Academy and promotes systematic learning from " +
                "experience in police practice."),
            Category: Category.TeamDevelopment,
            Audiences: [Audience.Team, Audience.Employee, Audience.Manager],
            Topics: [Topic.TeamReflection],
            Availability: new Availability(false, T("In overleg binnen het team te plannen", "Scheduled within the team")),
            Access: new Access(AccessMethod.SelfService, "",
                T("Plan een Blauw Vakmanschap-gesprek met je team; meer informatie via het intranet of je leidinggevende.",
                  "Plan a Blauw Vakmanschap conversation with your team; more information via the intranet or your manager.")),
            ContactChannels: [],
            Eligibility: LocalizedText.Empty,
            Provider: "Politie — Blauw Vakmanschap, met de Politieacademie")),

        // 16. Collega's in de knel
        ("collegas-in-de-knel", new OfferingContent(
            Title: T("Collega’s in de knel", "Colleagues in a tight spot (Collega’s in de knel)"),
            Summary: T(
                "Een vierdaagse persoonlijke ontwikkelingstraining voor politiemedewerkers die te maken hebben met ongewenst gedrag " +
                "en/of machtsmisbruik van collega’s of leidinggevenden.",
                "A four-day personal development training for employees facing unwanted behaviour, discrimination, exclusion or " +
                "abuse of power by colleagues or managers."),
            Description: T(
                "Collega’s in de knel is een vierdaagse training voor politiemedewerkers die te maken hebben met ongewenst gedrag " +
                "en/of machtsmisbruik van collega’s of leidinggevenden. Ervaar jij pestgedrag, ongewenste intimiteiten of " +
                "machtsmisbruik? Heb je het gevoel onvoldoende gehoor te krijgen of er alleen voor te staan? Dan is deze training " +
                "voor jou bedoeld. Tijdens de training doe je kennis en inzichten op en krijg je handvatten om je weerbaarder te maken, " +
                "zodat je beter voor jezelf en anderen kunt opkomen. De training gaat niet uit van slachtofferschap, maar van het " +
                "hervinden van eigen kracht; ervarend leren staat centraal.\n\n" +
                "Elke module bestaat uit 2 blokken van ieder twee dagen; je kunt de blokken niet afzonderlijk volgen. Enkele weken na " +
                "de module kom je terug voor een supervisiedag. Voor je start krijg je een intake met één van de trainers. Maximaal " +
                "12 deelnemers per groep. Er zijn geen kosten aan verbonden: de training wordt aangeboden door de politiebonden en de " +
                "Nationale Politie. Je committeert je aan deelname op alle dagen en hebt recht op vakbondsverlof en " +
                "kilometervergoeding. Trainers: Esther Neven en Shielta Ramautarsing.\n\n" +
                "Groepen 2022: groep 1: 5, 6 en 26, 27 september 2022, supervisiedag 9 januari 2023; groep 2: 3, 4 oktober en " +
                "31 oktober, 1 november 2022, supervisiedag 16 januari 2023; groep 3: 7, 8 en 28, 29 november 2022, supervisiedag " +
                "6 februari 2023; groep 4: 6, 7 december 2022 en 17, 18 januari 2023, supervisiedag 7 maart 2023.\n\n" +
                "Locatie: Instituut voor Veiligheid, Tolweg 5, 3741 LM Baarn.",
                "Colleagues in a tight spot (Collega’s in de knel) is a four-day personal development training for police employees " +
                "facing unwanted behaviour, discrimination, exclusion or abuse of power by colleagues or managers. Do you experience " +
                "bullying, unwanted intimacy or abuse of power? Do you feel unheard or on your own? Then this training is for you. You " +
                "gain knowledge, insight and tools that make you more resilient, so that you can stand up for yourself and others. " +
                "The training does not start from victimhood but from regaining your own strength; learning by experience is central.\n\n" +
                "Each module consists of two blocks of two days each; the blocks cannot be taken separately. Some weeks after the " +
                "module you come back for a supervision day. Before the start you have an intake with one of the trainers. At most " +
                "12 participants per group. It is free: the police unions and the National Police offer it. You commit to attending " +
                "all days and are entitled to union leave and a mileage allowance. Trainers: Esther Neven and Shielta Ramautarsing.\n\n" +
                "2022 groups: group 1: 5, 6 and 26, 27 September 2022, supervision day 9 January 2023; group 2: 3, 4 October and " +
                "31 October, 1 November 2022, supervision day 16 January 2023; group 3: 7, 8 and 28, 29 November 2022, supervision " +
                "day 6 February 2023; group 4: 6, 7 December 2022 and 17, 18 January 2023, supervision day 7 March 2023.\n\n" +
                "Location: Instituut voor Veiligheid, Tolweg 5, 3741 LM Baarn."),
            Category: Category.Training,
            Audiences: [Audience.Employee],
            Topics: [Topic.UnsafeWorkplace, Topic.Resilience],
            Availability: new Availability(false,
                T("Groepen in het najaar van 2022, met supervisiedagen begin 2023; zie de data",
                  "Groups in autumn 2022, with supervision days in early 2023; see the dates")),
            Access: new Access(AccessMethod.SignUp, "https://www.instituutvoorveiligheid.nl/",
                T("Meld je aan via de knop AANMELDEN TRAINING (rechtsboven) op de website van het Instituut voor Veiligheid. Voor de " +
                  "start volgt een intake met een van de trainers.",
                  "Apply with the AANMELDEN TRAINING button (top right) on the Instituut voor Veiligheid website. An intake with " +
                  "one of the trainers follows before the start.")),
            ContactChannels: [],
            Eligibility: T(
                "Je bent lid van een van de politievakbonden, of je wordt lid bij aanmelding. Je ervaart onveiligheid en er is een " +
                "gebrek aan vertrouwen in collega’s, team of organisatie (een subjectief gevoel). Er is sprake van ongewenst gedrag " +
                "of machtsmisbruik van collega’s of leidinggevenden. Je kunt niet meedoen als je in een ontslagprocedure of een " +
                "juridisch traject over arbeidsvoorwaardelijke zaken zit, of als je langdurig met ziekteverlof bent zonder zicht op " +
                "terugkeer naar de organisatie. Geen kosten; vier trainingsdagen plus een supervisiedag; maximaal 12 deelnemers per groep.",
                "You are a member of a police union, or you join when applying. You experience unsafety and a lack of trust in " +
                "colleagues, team or organisation (a subjective feeling). There is unwanted behaviour or abuse of power by colleagues " +
                "or managers. You cannot take part if you are in a dismissal procedure or a legal dispute about employment " +
                "conditions, or on long-term sick leave with no prospect of returning to the organisation. Free of charge; four " +
                "training days plus a supervision day; at most 12 participants per group."),
            Provider: "Instituut voor Veiligheid, met de politievakbonden en de Nationale Politie")),
    ];

    private static LocalizedText T(string nl, string en) => new(nl, en);
}
