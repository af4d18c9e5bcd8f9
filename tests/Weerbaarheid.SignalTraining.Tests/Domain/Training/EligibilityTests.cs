using Weerbaarheid.ServiceDefaults.Auth;
using Weerbaarheid.ServiceDefaults.Errors;
using Weerbaarheid.SignalTraining.Domain.Courses;
using static Weerbaarheid.SignalTraining.Tests.Domain.Training.TrainingSamples;

namespace Weerbaarheid.SignalTraining.Tests.Domain.Training;

public sealed class EligibilityTests
{
    private static readonly IReadOnlySet<string> Employee = new HashSet<string> { Roles.Employee };
    private static readonly IReadOnlySet<string> Manager = new HashSet<string> { Roles.Manager };

    private static readonly string[] TightSpotRules =
    [
        "union-member", "experiences-unsafety", "unwanted-behaviour", "dismissal-procedure", "employment-dispute", "long-term-sick-no-return",
    ];

    /// <summary>Answers to every question of Colleagues in a tight spot that let the applicant in.</summary>
    private static List<(string Question, bool Yes)> Favourable() =>
    [
        ("union-member", true),
        ("experiences-unsafety", true),
        ("unwanted-behaviour", true),
        ("dismissal-procedure", false),
        ("employment-dispute", false),
        ("long-term-sick-no-return", false),
    ];

    /// <summary>The favourable answers with the answer to each of <paramref name="questions"/> turned round.</summary>
    private static List<(string Question, bool Yes)> FavourableExcept(params string[] questions) =>
        Favourable().Select(a => questions.Contains(a.Question) ? (a.Question, !a.Yes) : a).ToList();

    [Fact]
    public void An_applicant_who_meets_every_rule_of_colleagues_in_a_tight_spot_is_eligible()
    {
        var eligibility = Eligibility.Check(TightSpot, Employee, Favourable());

        Assert.True(eligibility.IsEligible);
        Assert.Empty(eligibility.Unmet);
        eligibility.ThrowIfNotEligible(TightSpot); // does not throw
    }

    [Fact]
    public void The_shipped_tight_spot_course_has_exactly_the_six_rules_of_the_brief()
    {
        Assert.Equal(TightSpotRules, TightSpot.EligibilityRules.Select(r => r.Id));
        Assert.Equal(
            ["AnswerRequired", "AnswerRequired", "AnswerRequired", "AnswerExcludes", "AnswerExcludes", "AnswerExcludes"],
            TightSpot.EligibilityRules.Select(r => r.GetType().Name));
    }

    public static TheoryData<string> EachTightSpotRule => new(TightSpotRules);

    [Theory]
    [MemberData(nameof(EachTightSpotRule))]
    public void Each_unmet_rule_alone_is_the_only_reason(string rule)
    {
        // Every rule of this course reads the question with its own id.
        var eligibility = Eligibility.Check(TightSpot, Employee, FavourableExcept(rule));

        Assert.False(eligibility.IsEligible);
        var unmet = Assert.Single(eligibility.Unmet);
        Assert.Equal(rule, unmet.Id);
        Assert.False(string.IsNullOrWhiteSpace(unmet.Reason.Nl));
        Assert.False(string.IsNullOrWhiteSpace(unmet.Reason.En));
        Assert.NotEqual(unmet.Reason.Nl, unmet.Reason.En);
    }

    [Fact]
    public void A_yes_to_an_excluding_question_and_a_no_to_a_required_one_both_fail()
    {
        // The direction of each rule: required questions need yes, excluding questions need no.
        var allYes = Favourable().Select(a => (a.Question, true)).ToList();
        var allNo = Favourable().Select(a => (a.Question, false)).ToList();

        Assert.Equal(
            ["dismissal-procedure", "employment-dispute", "long-term-sick-no-return"],
            Eligibility.Check(TightSpot, Employee, allYes).Unmet.Select(r => r.Id));
        Assert.Equal(
            ["union-member", "experiences-unsafety", "unwanted-behaviour"],
            Eligibility.Check(TightSpot, Employee, allNo).Unmet.Select(r => r.Id));
    }

    [Fact]
    public void Several_unmet_rules_are_all_listed_in_the_course_order()
    {
        var answers = FavourableExcept("long-term-sick-no-return", "union-member", "dismissal-procedure");

        var eligibility = Eligibility.Check(TightSpot, Employee, answers);

        Assert.Equal(["union-member", "dismissal-procedure", "long-term-sick-no-return"], eligibility.Unmet.Select(r => r.Id));
    }

    [Fact]
    public void Answers_may_come_in_any_order()
    {
        var answers = Favourable();
        answers.Reverse();

        Assert.True(Eligibility.Check(TightSpot, Employee, answers).IsEligible);
    }

    [Fact]
    public void Not_being_eligible_throws_a_precondition_failure_naming_every_unmet_rule()
    {
        var eligibility = Eligibility.Check(TightSpot, Employee, FavourableExcept("union-member", "employment-dispute"));

        var error = Assert.Throws<PreconditionFailedException>(() => eligibility.ThrowIfNotEligible(TightSpot));

        Assert.Equal(["union-member", "employment-dispute"], error.Violations.Select(v => v.Subject));
        Assert.All(error.Violations, v => Assert.Equal("ELIGIBILITY", v.Type));
        Assert.Equal(
            eligibility.Unmet.Select(r => r.Reason.En),
            error.Violations.Select(v => v.Description));
        Assert.Contains("Colleagues in a tight spot", error.Message);
        Assert.All(eligibility.Unmet, r => Assert.Contains(r.Reason.En, error.Message));
    }

    [Fact]
    public void Every_problem_with_the_answers_is_reported_at_once_with_its_field()
    {
        List<(string Question, bool Yes)> answers =
        [
            ("union-member", true),
            ("union-member", false),
            ("is-a-detective", true),
            ("experiences-unsafety", true),
            ("unwanted-behaviour", true),
            ("dismissal-procedure", false),
        ];

        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(TightSpot, Employee, answers, "application.answers"));

        Assert.Equal(
            ["application.answers[1].question", "application.answers[2].question", "application.answers", "application.answers"],
            error.Violations.Select(v => v.Field));
        Assert.Equal("'union-member' is answered more than once.", error.Violations[0].Description);
        Assert.Contains("Not a question of courses/collegas-in-de-knel", error.Violations[1].Description);
        Assert.Contains("union-member", error.Violations[1].Description);
        Assert.Equal("Question 'employment-dispute' is not answered.", error.Violations[2].Description);
        Assert.Equal("Question 'long-term-sick-no-return' is not answered.", error.Violations[3].Description);
    }

    [Fact]
    public void No_answers_at_all_names_every_question_of_the_course()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(TightSpot, Employee, []));

        Assert.Equal(6, error.Violations.Count);
        Assert.All(error.Violations, v => Assert.Equal("answers", v.Field));
        Assert.Equal(TightSpotRules.Select(q => $"Question '{q}' is not answered."), error.Violations.Select(v => v.Description));
    }

    [Fact]
    public void Question_ids_are_matched_exactly()
    {
        var answers = Favourable();
        answers[0] = ("Union-Member", true);

        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(TightSpot, Employee, answers));

        Assert.Equal(["answers[0].question", "answers"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Answers_to_a_course_without_questions_are_each_refused()
    {
        List<(string Question, bool Yes)> answers = [("union-member", true), ("selected-for-tco", false)];

        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(MentalResilience, Employee, answers));

        Assert.Equal(["answers[0].question", "answers[1].question"], error.Violations.Select(v => v.Field));
        Assert.All(error.Violations, v => Assert.Equal("This course asks no eligibility questions; send no answers.", v.Description));
    }

    [Fact]
    public void The_signal_training_is_for_managers()
    {
        Assert.True(Eligibility.Check(SignalCourse, Manager, []).IsEligible);
        Assert.True(Eligibility.Check(SignalCourse, new HashSet<string> { Roles.Employee, Roles.Manager }, []).IsEligible);
    }

    [Theory]
    [InlineData(Roles.Employee)]
    [InlineData(Roles.TcoMember)]
    [InlineData(Roles.Trainer)]
    public void The_signal_training_turns_away_who_is_not_a_manager_with_the_managers_only_rule(string role)
    {
        var eligibility = Eligibility.Check(SignalCourse, new HashSet<string> { role }, []);

        var unmet = Assert.Single(eligibility.Unmet);
        Assert.Equal("managers-only", unmet.Id);
        Assert.True(unmet.Reason.IsComplete);
        var error = Assert.Throws<PreconditionFailedException>(() => eligibility.ThrowIfNotEligible(SignalCourse));
        Assert.Equal(new PreconditionViolation("ELIGIBILITY", "managers-only", unmet.Reason.En), Assert.Single(error.Violations));
    }

    [Fact]
    public void The_signal_training_asks_no_questions()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(SignalCourse, Manager, [("union-member", true)]));

        Assert.Equal("answers[0].question", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void The_tco_basic_training_needs_selection_for_the_tco()
    {
        Assert.True(Eligibility.Check(TcoBasic, Employee, [("selected-for-tco", true)]).IsEligible);

        var unmet = Assert.Single(Eligibility.Check(TcoBasic, Employee, [("selected-for-tco", false)]).Unmet);
        Assert.Equal("selected-for-tco", unmet.Id);
        Assert.True(unmet.Reason.IsComplete);
    }

    [Fact]
    public void The_tco_basic_training_needs_its_question_answered()
    {
        var error = Assert.Throws<ValidationFailedException>(() => Eligibility.Check(TcoBasic, Employee, []));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("answers", violation.Field);
        Assert.Equal("Question 'selected-for-tco' is not answered.", violation.Description);
    }

    [Theory]
    [InlineData(Roles.Employee)]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.TcoMember)]
    public void The_mental_resilience_training_is_open_to_anyone_without_questions(string role)
    {
        Assert.Empty(MentalResilience.EligibilityQuestions);
        Assert.True(Eligibility.Check(MentalResilience, new HashSet<string> { role }, []).IsEligible);
    }

    [Fact]
    public void Roles_do_not_matter_for_colleagues_in_a_tight_spot()
    {
        Assert.True(Eligibility.Check(TightSpot, Manager, Favourable()).IsEligible);
        Assert.Equal(["union-member"], Eligibility.Check(TightSpot, Manager, FavourableExcept("union-member")).Unmet.Select(r => r.Id));
    }
}
