namespace Weerbaarheid.SelfTest.Domain;

/// <summary>One route to help: who, the number when there is one, how to reach it and when.</summary>
public sealed record HelpContact(LocalizedText Label, string? Phone, LocalizedText HowToReach, LocalizedText Availability);

/// <summary>
/// The block shown prominently above mild or when a safety rule fires: 112 in danger, 113 Suicide
/// Prevention (113 / 0800-0113), the 24/7 desk and the peer-support team. The desk's number is not in
/// the programme's public sources; it is configured (<c>SelfTest:DeskPhone</c>) or the intranet is named.
/// </summary>
public sealed record UrgentHelp(LocalizedText Message, IReadOnlyList<HelpContact> Contacts)
{
    private static readonly LocalizedText DayAndNight = new("Dag en nacht", "Day and night");

    public static UrgentHelp For(string? deskPhone) => new(
        new LocalizedText(
            "Je hoeft hier niet alleen mee te blijven. Praat er vandaag nog met iemand over. Ben je in direct gevaar, bel dan 112. " +
            "Denk je aan zelfdoding? Bel 113 of gratis 0800-0113, of chat via 113.nl.",
            "You do not have to carry this alone. Talk to someone about it today. In immediate danger, call 112. " +
            "Thinking about suicide? Call 113 or free 0800-0113, or chat at 113.nl."),
        [
            new(new("Alarmnummer", "Emergency number"), "112",
                new("Bel bij direct gevaar", "Call in immediate danger"), DayAndNight),
            new(new("113 Zelfmoordpreventie", "113 Suicide Prevention"), "113",
                new("Bel, of chat via 113.nl", "Call, or chat at 113.nl"), DayAndNight),
            new(new("113 Zelfmoordpreventie, gratis", "113 Suicide Prevention, free of charge"), "0800-0113",
                new("Gratis bellen", "Free call"), DayAndNight),
            new(new("Loket 24/7", "24/7 desk (Loket 24/7)"), string.IsNullOrWhiteSpace(deskPhone) ? null : deskPhone,
                new("Maatschappelijk werkers van de politie; de contactgegevens staan ook op het intranet",
                    "The police's social workers; the contact details are also on the intranet"), DayAndNight),
            new(new("Team Collegiale Ondersteuning (TCO)", "Peer-support team (TCO)"), null,
                new("Vraag het via het Loket 24/7 of je leidinggevende; een getrainde collega neemt contact met je op",
                    "Ask through the 24/7 desk or your manager; a trained colleague will contact you"), DayAndNight),
        ]);
}
