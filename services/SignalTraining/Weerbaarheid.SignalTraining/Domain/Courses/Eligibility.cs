using Weerbaarheid.ServiceDefaults.Errors;

namespace Weerbaarheid.SignalTraining.Domain.Courses;

/// <summary>The outcome of an eligibility check: eligible, or every rule not met with its reason.</summary>
public sealed record Eligibility(IReadOnlyList<EligibilityRule> Unmet)
{
    public bool IsEligible => Unmet.Count == 0;

    /// <summary>
    /// Checks an applicant against a course. The answers must cover each of the course's questions exactly
    /// once (every problem reported, under <paramref name="answersField"/>); they are used here and not kept.
    /// </summary>
    public static Eligibility Check(
        Course course, IReadOnlySet<string> roles, IReadOnlyList<(string Question, bool Yes)> answers, string answersField = "answers")
    {
        var validation = new Validation();
        var known = course.EligibilityQuestions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var given = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var (question, yes) = answers[i];
            if (!known.Contains(question))
            {
                validation.Add($"{answersField}[{i}].question", known.Count == 0
                    ? "This course asks no eligibility questions; send no answers."
                    : $"Not a question of {course.Name}; its questions are {string.Join(", ", known.Order(StringComparer.Ordinal))}.");
            }
            else if (!given.TryAdd(question, yes))
            {
                validation.Add($"{answersField}[{i}].question", $"'{question}' is answered more than once.");
            }
        }

        foreach (var missing in course.EligibilityQuestions.Where(q => !given.ContainsKey(q.Id)))
        {
            validation.Add(answersField, $"Question '{missing.Id}' is not answered.");
        }

        validation.ThrowIfInvalid();
        return new Eligibility(course.EligibilityRules.Where(rule => !rule.IsMet(roles, given)).ToArray());
    }

    /// <summary>Throws FAILED_PRECONDITION naming every unmet rule with its reason, when not eligible.</summary>
    public void ThrowIfNotEligible(Course course)
    {
        if (!IsEligible)
        {
            throw new PreconditionFailedException(
                $"You cannot take {course.Title.En} at this time: {string.Join(" ", Unmet.Select(r => r.Reason.En))}",
                Unmet.Select(r => new PreconditionViolation("ELIGIBILITY", r.Id, r.Reason.En)).ToArray());
        }
    }
}
