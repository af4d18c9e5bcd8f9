using System.Text.Json.Serialization;
using NodaTime;

namespace Weerbaarheid.SignalTraining.Domain.Courses;

/// <summary>
/// A training of the programme, as data (Courses/*.json): what it is, who may take it (roles and eligibility
/// rules), and how long its certificate is valid. Cohorts are the times it is given.
/// </summary>
public sealed record Course(
    string Code,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyList<CourseModule> Modules,
    IReadOnlyList<string> AudienceRoles,
    IReadOnlyList<EligibilityQuestion> EligibilityQuestions,
    IReadOnlyList<EligibilityRule> EligibilityRules,
    int CertificateValidityDays,
    int RefresherLeadDays,
    LocalizedText Terms)
{
    public const string CollectionPrefix = "courses/";

    public string Name => CollectionPrefix + Code;

    /// <summary>Configured in place of <see cref="CertificateValidityDays"/> (section SignalTraining:Courses).</summary>
    [JsonIgnore]
    public Duration? ValidityOverride { get; init; }

    /// <summary>Configured in place of <see cref="RefresherLeadDays"/>.</summary>
    [JsonIgnore]
    public Duration? RefresherLeadOverride { get; init; }

    /// <summary>How long a certificate of the course is valid.</summary>
    public Duration CertificateValidity => ValidityOverride ?? Duration.FromDays(CertificateValidityDays);

    /// <summary>How long before expiry the refresher is due; zero: the course has no refresher.</summary>
    public Duration RefresherLead => RefresherLeadOverride ?? Duration.FromDays(RefresherLeadDays);
}

/// <summary>A part of a course.</summary>
public sealed record CourseModule(LocalizedText Title, LocalizedText Description);

/// <summary>A yes/no question an applicant answers; rules decide on the answers.</summary>
public sealed record EligibilityQuestion(string Id, LocalizedText Text, LocalizedText Explanation);

/// <summary>
/// One condition for taking a course, with the kind reason an applicant reads when they do not meet it
/// (and where to turn instead).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(RoleRequired), "roleRequired")]
[JsonDerivedType(typeof(AnswerRequired), "answerRequired")]
[JsonDerivedType(typeof(AnswerExcludes), "answerExcludes")]
public abstract record EligibilityRule(string Id, LocalizedText Reason)
{
    /// <summary>Whether an applicant with <paramref name="roles"/> and <paramref name="answers"/> meets the rule.</summary>
    public abstract bool IsMet(IReadOnlySet<string> roles, IReadOnlyDictionary<string, bool> answers);

    /// <summary>The questions the rule reads.</summary>
    public virtual IEnumerable<string> Questions => [];
}

/// <summary>The applicant holds one of <see cref="Roles"/> (e.g. the signal training is for managers).</summary>
public sealed record RoleRequired(string Id, LocalizedText Reason, IReadOnlyList<string> Roles) : EligibilityRule(Id, Reason)
{
    public override bool IsMet(IReadOnlySet<string> roles, IReadOnlyDictionary<string, bool> answers) => Roles.Any(roles.Contains);
}

/// <summary>The applicant answered yes to <see cref="Question"/> (e.g. "I am a union member, or join now").</summary>
public sealed record AnswerRequired(string Id, LocalizedText Reason, string Question) : EligibilityRule(Id, Reason)
{
    public override bool IsMet(IReadOnlySet<string> roles, IReadOnlyDictionary<string, bool> answers) =>
        answers.TryGetValue(Question, out var yes) && yes;

    public override IEnumerable<string> Questions => [Question];
}

/// <summary>A yes to <see cref="Question"/> rules the applicant out (e.g. "I am in a dismissal procedure").</summary>
public sealed record AnswerExcludes(string Id, LocalizedText Reason, string Question) : EligibilityRule(Id, Reason)
{
    public override bool IsMet(IReadOnlySet<string> roles, IReadOnlyDictionary<string, bool> answers) =>
        answers.TryGetValue(Question, out var yes) && !yes;

    public override IEnumerable<string> Questions => [Question];
}
