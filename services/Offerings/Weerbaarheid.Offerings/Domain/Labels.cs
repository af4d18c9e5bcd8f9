namespace Weerbaarheid.Offerings.Domain;

/// <summary>Words for the vocabulary, for texts shown to people (recommendation reasons).</summary>
public static class Labels
{
    public static LocalizedText Of(Topic topic) => topic switch
    {
        Topic.Stress => new("stress", "stress"),
        Topic.Burnout => new("burn-out", "burn-out"),
        Topic.Ptsd => new("PTSS", "PTSD"),
        Topic.HeavyIncident => new("een heftig incident", "a heavy incident"),
        Topic.UnsafeWorkplace => new("een onveilige werkplek", "an unsafe workplace"),
        Topic.PhysicalCondition => new("fysieke conditie", "physical condition"),
        Topic.TeamReflection => new("reflectie in het team", "team reflection"),
        Topic.ReturnToWork => new("terugkeer naar werk", "returning to work"),
        Topic.Resilience => new("weerbaarheid", "resilience"),
        Topic.HomeSituation => new("de thuissituatie", "the situation at home"),
        Topic.WorkplaceRisks => new("risico's in het werk", "risks in the work"),
        Topic.EarlySignals => new("vroege signalen", "early signals"),
        _ => new(topic.ToString(), topic.ToString()),
    };

    public static LocalizedText Of(Severity severity) => severity switch
    {
        Severity.None => new("geen klachten", "no complaints"),
        Severity.Mild => new("lichte klachten", "mild complaints"),
        Severity.Moderate => new("matige klachten", "moderate complaints"),
        Severity.Severe => new("ernstige klachten", "severe complaints"),
        Severity.Urgent => new("een acute situatie", "an acute situation"),
        _ => new(severity.ToString(), severity.ToString()),
    };
}
