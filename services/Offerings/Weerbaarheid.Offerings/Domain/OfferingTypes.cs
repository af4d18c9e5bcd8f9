namespace Weerbaarheid.Offerings.Domain;

// The catalogue's vocabulary. Names and numbers mirror the enums of weerbaarheid.offerings.v1 exactly
// (a test checks this), so the gRPC layer converts with a cast and the domain stays free of protobuf.

public enum Category
{
    Unspecified = 0,
    Prevention = 1,
    SelfHelp = 2,
    PeerSupport = 3,
    ProfessionalHelp = 4,
    Training = 5,
    TeamDevelopment = 6,
    Organisational = 7,
    PartnersAndFamily = 8,
    Aftercare = 9,
}

public enum Audience
{
    Unspecified = 0,
    Employee = 1,
    Manager = 2,
    Team = 3,
    PartnerFamily = 4,
    FormerEmployee = 5,
    Organisation = 6,
}

public enum Topic
{
    Unspecified = 0,
    Stress = 1,
    Burnout = 2,
    Ptsd = 3,
    HeavyIncident = 4,
    UnsafeWorkplace = 5,
    PhysicalCondition = 6,
    TeamReflection = 7,
    ReturnToWork = 8,
    Resilience = 9,
    HomeSituation = 10,
    WorkplaceRisks = 11,
    EarlySignals = 12,
}

public enum AccessMethod
{
    Unspecified = 0,
    SelfService = 1,
    Booking = 2,
    OnCallRota = 3,
    Referral = 4,
    SignUp = 5,
}

public enum ContactChannelKind
{
    Unspecified = 0,
    Phone = 1,
    Email = 2,
    Website = 3,
    Intranet = 4,
}

public enum OfferingState
{
    Unspecified = 0,
    Active = 1,
    Retired = 2,
}

public enum Severity
{
    Unspecified = 0,
    None = 1,
    Mild = 2,
    Moderate = 3,
    Severe = 4,
    Urgent = 5,
}

/// <summary>A text in Dutch (the working language) and English.</summary>
public sealed record LocalizedText(string Nl, string En)
{
    public static readonly LocalizedText Empty = new("", "");

    public bool IsEmpty => Nl.Length == 0 && En.Length == 0;
}

public sealed record Availability(bool AroundTheClock, LocalizedText Hours);

public sealed record Access(AccessMethod Method, string Url, LocalizedText Instructions);

public sealed record ContactChannel(ContactChannelKind Kind, string Value, LocalizedText Label, bool AroundTheClock);
