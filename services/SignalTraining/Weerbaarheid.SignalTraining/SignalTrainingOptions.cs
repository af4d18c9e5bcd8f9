namespace Weerbaarheid.SignalTraining;

/// <summary>Settings of the SignalTraining service (section <c>SignalTraining</c>).</summary>
public sealed class SignalTrainingOptions
{
    public const string Section = "SignalTraining";

    /// <summary>Run the certificate scheduler in this process (tests drive it by hand).</summary>
    public bool RunBackgroundJobs { get; set; } = true;

    public IEnumerable<string> Problems()
    {
        yield break;
    }
}
